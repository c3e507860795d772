"""`govtech-validate`: the core's validator (govtech.commands.validate), given the project's configuration as MkDocs loads it."""

from __future__ import annotations

import sys

from govtech.commands import validate
from govtech_mkdocs.project_config import project_settings


def main(argv: list[str] | None = None) -> int:
    """Check the challenge files of the project the command runs in (see govtech.commands.validate)."""
    return validate.main(argv, project_settings)


if __name__ == "__main__":
    sys.exit(main())
