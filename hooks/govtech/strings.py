"""The interface texts of each language, from `strings/<lang>.yml`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

STRINGS_DIR = Path(__file__).with_name("strings")
# libyaml's parser where PyYAML has it: the same texts, a tenth of the time.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def ui_strings(lang: str) -> dict[str, Any]:
    """Every interface text of language `lang`, read again when its file changes (`mkdocs serve`)."""
    file = STRINGS_DIR / f"{lang}.yml"
    return _read(file, file.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _read(file: Path, mtime_ns: int) -> dict[str, Any]:
    """The texts in `file` as it was at `mtime_ns`."""
    return yaml.load(file.read_text(encoding="utf-8"), Loader=_LOADER)
