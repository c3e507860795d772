"""Editing a challenge file changes the site, in a build and under `mkdocs serve`."""

from __future__ import annotations

from pathlib import Path

import pytest

from built_pages import LANGUAGES, page, prefix, text
from conftest import build
from editing import retitle
from support import fetch, mkdocs_serve, wait_for

NEW_TITLES = {"da": "Ny titel om e-faktura", "de": "Neuer Titel zur E-Rechnung", "en": "New title on e-invoicing"}


def test_editing_a_challenge_changes_the_built_pages(project: Path, tmp_path: Path) -> None:
    assert build(project, tmp_path / "before").returncode == 0
    retitle(project / "challenges" / "invoicing.yml", NEW_TITLES)
    after = build(project, tmp_path / "after")
    assert after.returncode == 0, after.output
    for lang in LANGUAGES:
        h1 = page(after.site, f"{prefix(lang)}challenges/invoicing/").cssselect("article h1")[0]
        assert text(h1) == NEW_TITLES[lang]
        card = page(after.site, f"{prefix(lang)}challenges/").cssselect("a[href='invoicing/']")[0]
        assert text(card) == NEW_TITLES[lang]


def test_a_build_writes_nothing_into_docs(project: Path, tmp_path: Path) -> None:
    """The generated pages reach MkDocs from memory: docs/, which `mkdocs serve` watches, stays as the editors left it."""
    before = {path: path.read_bytes() for path in (project / "docs").rglob("*") if path.is_file()}
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert (result.site / "de" / "challenges" / "invoicing" / "index.html").is_file()
    assert {path: path.read_bytes() for path in (project / "docs").rglob("*") if path.is_file()} == before


def test_serve_rebuilds_once_per_edit_and_shows_it_in_every_language(project: Path) -> None:
    log = project / "serve.log"
    builds = lambda: log.read_text().count("Building documentation...")  # noqa: E731
    reloads = lambda: log.read_text().count("Reloading browsers")  # noqa: E731
    with mkdocs_serve(project, log, "en/challenges/invoicing/") as (base, server):
        wait_for(lambda: "Serving on" in log.read_text(), 60, "mkdocs serve to say it serves")
        assert builds() == 1, log.read_text()
        retitle(project / "challenges" / "invoicing.yml", NEW_TITLES)
        wait_for(lambda: reloads() == 1, 120, "the edit's rebuild to finish")
        for lang in LANGUAGES:
            assert NEW_TITLES[lang] in (fetch(f"{base}{prefix(lang)}challenges/invoicing/") or "")
        # A build that wrote into a watched folder would be noticed within the watcher's delay and start a second rebuild.
        with pytest.raises(TimeoutError):
            wait_for(lambda: builds() > 2, 5, "a second rebuild")
        assert builds() == 2, log.read_text()
        assert server.poll() is None
