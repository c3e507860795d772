"""The whole flow, once per state of the inputs: YAML -> model -> pages."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path

from .loading import load_catalogue
from .model import Catalogue
from .rendering import TEMPLATES_DIR, render_pages
from .site_files import site_files
from .strings import STRINGS_DIR
from .validation import SCHEMA_DIR


@dataclass(frozen=True)
class SiteBuild:
    """Everything the site derives from `challenges/` for one state of it."""

    catalogue: Catalogue
    today: date
    pages: dict[str, str]
    files: dict[str, bytes]


def build_date() -> date:
    """Today for the build: the day of `SOURCE_DATE_EPOCH` (UTC) when set, so builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), timezone.utc).date() if epoch else date.today()


def current_build(challenges_dir: Path, site_url: str) -> SiteBuild:
    """The build for the files in `challenges_dir` as they are now.

    MkDocs runs every event once per language, and `mkdocs serve` keeps this
    module between rebuilds; the files' signature decides when to read again.
    Raises InvalidInput when any file is wrong.
    """
    # The interface texts, schemas and templates shape the output too (edited under `mkdocs serve`).
    files = sorted(f for f in challenges_dir.iterdir() if f.suffix in (".yml", ".yaml"))
    files += sorted(STRINGS_DIR.glob("*.yml")) + sorted(SCHEMA_DIR.glob("*.json")) + sorted(TEMPLATES_DIR.glob("*.j2"))
    signature = tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    return _build_for(challenges_dir.resolve(), signature, build_date(), site_url)


@lru_cache(maxsize=1)
def _build_for(challenges_dir: Path, signature: tuple, today: date, site_url: str) -> SiteBuild:
    """The build for one state of `challenges_dir` on `today`, published at `site_url`."""
    catalogue = load_catalogue(challenges_dir)
    return SiteBuild(catalogue, today, render_pages(catalogue, today), site_files(catalogue, today, site_url))
