"""A copied project whose mkdocs.yml names the site's source repository, as a deployment would."""

from __future__ import annotations

import re
from pathlib import Path

REPOSITORY = "https://github.com/example-agency/govtech-site"
# The one place the repository is set: extra.publisher.repository (or the variable it names).
_SETTING = re.compile(r"^(\s+repository:) .*$", re.MULTILINE)


def set_repository(project: Path, url: str = REPOSITORY) -> Path:
    """Write `url` into the copied project's mkdocs.yml as extra.publisher.repository; fail if the setting has moved."""
    config = project / "mkdocs.yml"
    text, count = _SETTING.subn(lambda m: f"{m.group(1)} {url}", config.read_text(encoding="utf-8"))
    assert count == 1, "mkdocs.yml has no single extra.publisher.repository line"
    config.write_text(text, encoding="utf-8")
    return project
