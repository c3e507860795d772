"""The adapter from MkDocs, Material for MkDocs and mkdocs-static-i18n to the `govtech` core.

Everything that knows those three lives here: the event hooks (`hooks`,
named in mkdocs.yml), the fixes to Material's markup (`theme_patches`), the
per-language split of the search index that mkdocs-static-i18n
merges (`language_split`), what the templates add to every page
(`page_data`), the page texts escaped once where the theme receives them
(`page_text`), and the project's configuration as MkDocs loads it
(`project_config`), which the commands `govtech-validate` (`validate`) and
`govtech-preview` (`preview`) hand the core. A move to another engine (ProperDocs, a theme fork) changes
this package, not the core.
"""
