"""`govtech-preview`: the core's preview (govtech.commands.preview), given the project's configuration as MkDocs loads it."""

from __future__ import annotations

import sys

from govtech.commands import preview
from govtech_mkdocs.project_config import project_settings


def main(argv: list[str] | None = None) -> int:
    """Print how the named challenges' pages will read (see govtech.commands.preview)."""
    return preview.main(argv, project_settings)


if __name__ == "__main__":
    sys.exit(main())
