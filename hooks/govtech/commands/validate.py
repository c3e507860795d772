"""`govtech-validate [FILE ...]`: check challenge files without building the site.

The files, schemas, pages and Markdown settings checked are those of the
project the command runs in: the nearest folder, from the current one
upwards, that holds mkdocs.yml, read by MkDocs' own loader (the installed
command is the adapter's `govtech_mkdocs.validate`, which hands it over). A
build of that project gives the same answer.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from govtech.commands.github_annotations import annotation_lines, in_github_actions
from govtech.paths import challenge_files, command_project
from govtech.problems import InvalidInput, Problem, one_line
from govtech.reading.loading import EVENTS_FILE, OWNERS_FILE, collect, load_events, load_files, misnamed_files
from govtech.settings import ProjectSettings


def main(argv: list[str] | None, settings_for: Callable[[Path], ProjectSettings]) -> int:
    """Print every problem as `path:line:column: message`; exit 1 if any, 2 outside a project, else 0.

    `settings_for` reads the configuration of the project in a folder (raising InvalidInput when it is wrong).
    """
    parser = argparse.ArgumentParser(prog="govtech-validate", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help="challenge files to check (default: all in challenges/)")
    parser.add_argument("--dir", type=Path, help="the challenges folder (default: challenges/ of the project)")
    args = parser.parse_args(argv)
    root = command_project("govtech-validate")
    if root is None:
        return 2
    cwd = Path.cwd()
    directory = args.dir or root / "challenges"
    named = [f for f in args.files if not f.name.startswith("_")]
    if not named or len(named) < len(args.files):
        # Nothing named, or the owners file or template: any challenge may be affected.
        files, misnamed = challenge_files(directory), misnamed_files(directory, cwd)
    else:
        files = [f for f in named if f.suffix in (".yml", ".yaml")]
        misnamed = [p for f in named if f not in files for p in misnamed_files_named(f, cwd)]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        parser.error(one_line(f"no such file: {', '.join(missing)}"))
    events = directory / EVENTS_FILE
    try:
        project = settings_for(root)
        catalogue = collect(
            lambda: load_files(files, directory / OWNERS_FILE, cwd, project),
            lambda: load_events(events, cwd, project) if events.exists() else (),
            lambda: misnamed,
        )
    except InvalidInput as err:
        print(err.report(), file=sys.stderr)
        if in_github_actions():
            # In a pull request's checks, each problem is also shown beside its line in "Files changed".
            print(annotation_lines(err.problems), file=sys.stderr)
        return 1
    count = len(catalogue.challenges)
    print(f"{count} challenge file{'s' if count != 1 else ''} checked: no problems.")
    return 0


def misnamed_files_named(file: Path, cwd: Path) -> list[Problem]:
    """The rename a file named on the command line needs, when its name does not end in .yml."""
    if not file.is_file():
        return [Problem(str(file), 1, 1, "there is no such file.")]
    return [p for p in misnamed_files(file.parent, cwd) if Path(p.path).name == file.name] or [
        Problem(str(file), 1, 1, "this file is not read as a challenge, because its name does not end in .yml.")
    ]
