"""Editing a challenge file changes the site, in a build and under `mkdocs serve`."""

from __future__ import annotations

import time
from pathlib import Path

from built_pages import LANGUAGES, page, prefix, text
from conftest import build
from editing import retitle
from support import mkdocs_serve, wait_for_text

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


def test_an_unchanged_build_rewrites_no_generated_page(project: Path, tmp_path: Path) -> None:
    assert build(project, tmp_path / "one").returncode == 0
    generated = sorted((project / "docs" / "challenges").glob("*.md"))
    assert len(generated) == 3 * 6
    stamps = [f.stat().st_mtime_ns for f in generated]
    assert build(project, tmp_path / "two").returncode == 0
    assert [f.stat().st_mtime_ns for f in generated] == stamps


def test_serve_shows_an_edited_challenge_in_every_language(project: Path) -> None:
    log = project / "serve.log"
    rebuilds = lambda: log.read_text().count("Building documentation...")  # noqa: E731
    with mkdocs_serve(project, log, "en/challenges/invoicing/") as (base, server):
        # Let the watcher settle, so that a rebuild is not mistaken for a loop.
        time.sleep(2)
        retitle(project / "challenges" / "invoicing.yml", NEW_TITLES)
        for lang in LANGUAGES:
            wait_for_text(f"{base}{prefix(lang)}challenges/invoicing/", NEW_TITLES[lang])
        time.sleep(3)  # the edit's rebuild settles
        settled = rebuilds()
        time.sleep(5)
        assert rebuilds() == settled, "serve does not rebuild while nothing changes"
        assert server.poll() is None
