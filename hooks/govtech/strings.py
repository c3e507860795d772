"""The interface texts of each language, from `strings/<lang>.yml`."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

STRINGS_DIR = Path(__file__).with_name("strings")


@cache
def ui_strings(lang: str) -> dict[str, Any]:
    """Every interface text of language `lang`."""
    return yaml.safe_load((STRINGS_DIR / f"{lang}.yml").read_text(encoding="utf-8"))
