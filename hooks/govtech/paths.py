"""Where things are: the project (the nearest folder holding `mkdocs.yml`) and the folders of docs/ the build makes."""

from __future__ import annotations

import sys
from pathlib import Path

CONFIG_FILE = "mkdocs.yml"
# The challenge form's folder in docs/.
FORM_DIR = "agencies/form"
# The workshop kit's folder in docs/: the agenda and the worksheet (making/worksheet.py).
WORKSHEET_DIR = "agencies/worksheet"
# The folders of docs/ that the build writes and owns; never edit them by hand.
GENERATED_DIRS = ("challenges", "agencies/reference", FORM_DIR, WORKSHEET_DIR)


def project_root(start: Path) -> Path | None:
    """The nearest folder from `start` upwards that holds mkdocs.yml; None when there is none.

    Commands find their files from the current directory, never from where
    the package is installed: a virtual environment made in one checkout
    must check the files of the checkout it runs in.
    """
    start = start.resolve()
    return next((folder for folder in (start, *start.parents) if (folder / CONFIG_FILE).is_file()), None)


def challenge_files(directory: Path) -> list[Path]:
    """The challenge files in `directory`; names starting with `_` are not challenges."""
    files = [*directory.glob("*.yml"), *directory.glob("*.yaml")]
    return sorted(f for f in files if not f.name.startswith("_"))


def command_project(program: str) -> Path | None:
    """The project a command runs in (see `project_root`); None, after telling the user on stderr, outside one."""
    cwd = Path.cwd()
    root = project_root(cwd)
    if root is None:
        print(
            f"{program}: there is no {CONFIG_FILE} in {cwd} or in any folder above it, so there is no site here. "
            f"Run the command inside the site's folder (the one that holds {CONFIG_FILE} and challenges/).",
            file=sys.stderr,
        )
    return root
