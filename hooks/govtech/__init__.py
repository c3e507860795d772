"""GovTech site: challenge YAML -> validated model -> localized pages and data.

Plain Python, importable and testable without MkDocs; `hooks/site_hooks.py`
adapts it to MkDocs events.
"""

LANGUAGES = ("da", "de", "en")
DEFAULT_LANGUAGE = "da"
