"""MkDocs hooks: a thin adapter from MkDocs events to the `govtech` package.

This is the one module that knows MkDocs' and mkdocs-static-i18n's
internals. Every event runs once per language build.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from govtech.generated_files import sync_directory
from govtech.pipeline import current_build
from govtech.problems import InvalidInput
from govtech.strings import ui_strings

GENERATED_DIR = "challenges"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Before each language's build: validate the YAML, refresh generated pages, translate the chrome."""
    root = Path(config.config_file_path).parent
    try:
        build = current_build(root / "challenges")
    except InvalidInput as err:
        raise Abort(err.report() + " Nothing was built.") from None
    sync_directory(Path(config.docs_dir) / GENERATED_DIR, build.pages)
    _translate_chrome(config)
    return config


def _translate_chrome(config: MkDocsConfig) -> None:
    """Give mkdocs-static-i18n each language's site name and navigation labels from `strings/`."""
    for language in config.plugins["i18n"].config.languages:
        strings = ui_strings(language.locale)
        language.site_name = strings["site_name"]
        language.site_description = strings["site_description"]
        language.nav_translations = strings["nav"]
