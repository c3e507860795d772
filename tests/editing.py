"""Edits to challenge files as an editor makes them, for the tests and the benchmarks."""

from __future__ import annotations

from pathlib import Path

LANGUAGES = ("da", "de", "en")


def retitle(file: Path, titles: dict[str, str]) -> None:
    """Give the challenge in `file` a new title in each language of `titles`."""
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    lang = None
    for i, line in enumerate(lines):
        if line.rstrip(":\n") in LANGUAGES:
            lang = line.rstrip(":\n")
        elif lang in titles and line.startswith("  title:"):
            lines[i] = f"  title: {titles[lang]}\n"
    file.write_text("".join(lines), encoding="utf-8")
