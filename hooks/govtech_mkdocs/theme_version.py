"""Tell mkdocs-static-i18n which Material it runs with, whichever distribution installed the theme.

mkdocs-static-i18n 1.3.1 reconfigures Material for each language (the theme's
`language`, and `extra.alternate`, which Material renders as the language
switcher) only when it knows Material's version, which it reads once, on
import, as `importlib.metadata.version("mkdocs-material")` into
`mkdocs_static_i18n.reconfigure.MATERIAL_VERSION`. The maintained fork
(mkdocs-ng-material, MAINTAINING.md "The maintained fork") installs the same
theme, named `material`, from a distribution of another name: the plugin
then finds no version, warns "mkdocs-material version could not be detected"
(which stops a strict build) and leaves every page without a switcher.

`tell_i18n_the_theme_version` gives the plugin the version of the
distribution that provides the theme named `material`, found as MkDocs finds
themes (the `mkdocs.themes` entry point). Under Material itself the plugin
has found that version already, and nothing changes.
"""

from __future__ import annotations

from importlib.metadata import entry_points

from mkdocs.exceptions import PluginError
from mkdocs_static_i18n import reconfigure

THEME = "material"


def theme_version(name: str = THEME) -> str | None:
    """The version of the installed distribution that provides the MkDocs theme `name`; None when none does."""
    for entry in entry_points(group="mkdocs.themes", name=name):
        if entry.dist is not None:
            return entry.dist.version
    return None


def tell_i18n_the_theme_version() -> None:
    """Set mkdocs-static-i18n's `MATERIAL_VERSION` from the theme's distribution, if the plugin found none."""
    if not hasattr(reconfigure, "MATERIAL_VERSION"):
        raise PluginError(
            "hooks/govtech_mkdocs/theme_version.py: mkdocs-static-i18n no longer has reconfigure.MATERIAL_VERSION;"
            " see how it now detects Material before building with mkdocs-ng-material."
        )
    if reconfigure.MATERIAL_VERSION is None:
        reconfigure.MATERIAL_VERSION = theme_version()
