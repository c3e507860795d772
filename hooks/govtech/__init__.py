"""GovTech site core: challenge YAML -> validated model -> localized pages and data.

Plain Python that imports nothing from MkDocs, Material or
mkdocs-static-i18n; `govtech_mkdocs` adapts it to MkDocs events. The flow,
one module a step: `yaml_reader` (YAML with positions) -> `validation`
(schema and cross-file checks) -> `loading` (files to the `model`) ->
`rendering` (Jinja templates, interface texts in `strings/`) and the data
files (`open_data`, `feeds`, `calendars`, composed by `site_files`);
`pipeline` runs it once per state of the inputs; `cli` is `govtech-validate`.
"""

LANGUAGES = ("da", "de", "en")
DEFAULT_LANGUAGE = "da"
# The languages' names in English, for messages to editors.
LANGUAGE_NAMES = {"da": "Danish", "de": "German", "en": "English"}
