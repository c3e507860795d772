"""Editing a challenge file changes the site, in a build and under `mkdocs serve`."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from built_pages import LANGUAGES, page, prefix, text
from conftest import MKDOCS, build
from editing import retitle
from local_server import fetch, free_port, wait_for

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
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = project / "serve.log"
    server = subprocess.Popen(
        [*MKDOCS, "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    rebuilds = lambda: log.read_text().count("Building documentation...")  # noqa: E731
    try:
        wait_for(lambda: fetch(base + "en/challenges/invoicing/"))
        # Let the watcher settle, so that a rebuild is not mistaken for a loop.
        time.sleep(2)
        retitle(project / "challenges" / "invoicing.yml", NEW_TITLES)
        for lang in LANGUAGES:
            wait_for(lambda: NEW_TITLES[lang] in (fetch(f"{base}{prefix(lang)}challenges/invoicing/") or ""))
        time.sleep(3)  # the edit's rebuild settles
        settled = rebuilds()
        time.sleep(5)
        assert rebuilds() == settled, "serve does not rebuild while nothing changes"
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=30)
