"""Builds are reproducible, and a failed or interrupted build loses nothing."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, build, copy_project
from govtech.making.generated_files import write_if_changed


def tree(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by path."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    sites = []
    for run in ("one", "two"):
        project = copy_project(tmp_path / f"project-{run}")
        result = build(project, tmp_path / f"site-{run}", SOURCE_DATE_EPOCH="1893456000", SITE_URL="https://govtech.test/")
        assert result.returncode == 0, result.output
        sites.append(tree(result.site))
    assert sites[0].keys() == sites[1].keys()
    differing = [path for path in sites[0] if sites[0][path] != sites[1][path]]
    assert differing == []
    assert {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "challenges.json", "feed/atom.xml"} <= sites[0].keys()


def test_make_build_keeps_the_previous_site_when_a_build_fails(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    for name in ("Makefile", "pyproject.toml", "constraints.txt"):
        (project / name).write_bytes((ROOT / name).read_bytes())
    venv = Path(os.environ.get("VIRTUAL_ENV", ROOT / ".venv"))
    make = ["make", "-C", str(project), f"VENV={venv}", "-o", f"{venv}/.site", "build"]
    assert subprocess.run(make, capture_output=True, text=True).returncode == 0
    before = tree(project / "site")
    (project / "docs" / "index.md").write_text((project / "docs" / "index.md").read_text() + "\n[broken](missing.md)\n")
    failed = subprocess.run(make, capture_output=True, text=True)
    assert failed.returncode != 0 and "missing.md" in failed.stdout + failed.stderr
    assert tree(project / "site") == before
    assert not list(project.glob(".site-*"))


def test_an_interrupted_write_leaves_the_old_file_and_no_fragment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "page.md"
    target.write_text("old")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_if_changed(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]
