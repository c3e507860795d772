"""`govtech-validate [FILE ...]`: check challenge files without building the site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .loading import EVENTS_FILE, OWNERS_FILE, challenge_files, collect, load_events, load_files
from .problems import InvalidInput

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    """Print every problem as `path:line:column: message`; exit 1 if any, else 0."""
    parser = argparse.ArgumentParser(prog="govtech-validate", description=__doc__)
    parser.add_argument("files", nargs="*", type=Path, help="challenge files to check (default: all in challenges/)")
    parser.add_argument("--dir", type=Path, default=ROOT / "challenges", help="the challenges folder (default: %(default)s)")
    args = parser.parse_args(argv)
    files = [f for f in args.files if not f.name.startswith("_")]
    if not files or len(files) < len(args.files):
        # Nothing named, or the owners file or template: any challenge may be affected.
        files = challenge_files(args.dir)
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        parser.error(f"no such file: {', '.join(missing)}")
    events = args.dir / EVENTS_FILE
    try:
        catalogue = collect(
            lambda: load_files(files, args.dir / OWNERS_FILE, Path.cwd()),
            lambda: load_events(events, Path.cwd()) if events.exists() else (),
        )
    except InvalidInput as err:
        print(err.report(), file=sys.stderr)
        return 1
    count = len(catalogue.challenges)
    print(f"{count} challenge file{'s' if count != 1 else ''} checked: no problems.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
