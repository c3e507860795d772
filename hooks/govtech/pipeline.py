"""The whole flow, once per state of the inputs: YAML -> model -> pages."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .model import Catalogue, load_catalogue
from .rendering import render_pages


@dataclass(frozen=True)
class SiteBuild:
    """Everything the site derives from `challenges/` for one state of it."""

    catalogue: Catalogue
    pages: dict[str, str]


def current_build(challenges_dir: Path) -> SiteBuild:
    """The build for the files in `challenges_dir` as they are now.

    MkDocs runs every event once per language, and `mkdocs serve` keeps this
    module between rebuilds; the files' signature decides when to read again.
    Raises InvalidInput when any file is wrong.
    """
    signature = tuple(
        (f.name, st.st_mtime_ns, st.st_size)
        for f in sorted(challenges_dir.iterdir())
        if f.suffix in (".yml", ".yaml") and (st := f.stat())
    )
    return _build_for(challenges_dir.resolve(), signature)


@lru_cache(maxsize=1)
def _build_for(challenges_dir: Path, signature: tuple) -> SiteBuild:
    """The build for one state of `challenges_dir`, named by its signature."""
    catalogue = load_catalogue(challenges_dir)
    return SiteBuild(catalogue, render_pages(catalogue))
