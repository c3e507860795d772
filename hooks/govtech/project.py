"""Where the site's project is: the nearest folder holding `mkdocs.yml`, from where a command runs."""

from __future__ import annotations

from pathlib import Path

CONFIG_FILE = "mkdocs.yml"


def project_root(start: Path) -> Path | None:
    """The nearest folder from `start` upwards that holds mkdocs.yml; None when there is none.

    Commands find their files from the current directory, never from where
    the package is installed: a virtual environment made in one checkout
    must check the files of the checkout it runs in.
    """
    start = start.resolve()
    return next((folder for folder in (start, *start.parents) if (folder / CONFIG_FILE).is_file()), None)
