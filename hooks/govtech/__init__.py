"""GovTech site core: challenge YAML -> validated model -> localized pages and data.

Plain Python that imports nothing from MkDocs, Material or
mkdocs-static-i18n; `govtech_mkdocs` adapts it to MkDocs events. Its
folders follow the flow: `reading` (YAML with positions, schema and
cross-file checks, the allow-list for texts, loading into the frozen
`model`, the publisher's details, git history) -> `making` (Markdown pages
from Jinja templates, the form and field reference, feeds, calendars, open
data) -> the site; `pipeline` runs it once per build; `commands` are the
command-line tools. At the top: what every step shares (`paths`, `schemas`,
`strings`, `dates`, `urls`, `problems`).
"""

LANGUAGES = ("da", "de", "en")
DEFAULT_LANGUAGE = "da"
# The languages' names in English, for messages to editors.
LANGUAGE_NAMES = {"da": "Danish", "de": "German", "en": "English"}
