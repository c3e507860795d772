"""Shared fixtures: a copy of the project to change, and real builds of it."""

from __future__ import annotations

from pathlib import Path

import pytest

# Tests import these from here; they live in support.py, which the benchmarks share.
from support import CHROMIUM, CHROMIUM_ARGS, MKDOCS, ROOT, Build, build, copy_project, free_port, serve  # noqa: F401


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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark what a test needs, for `make test-fast` (-m 'not browser and not nginx and not vnu')."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "browser" in fixtures or "served_site" in fixtures:
            item.add_marker(pytest.mark.browser)
        if item.path.name == "test_nginx.py":
            item.add_marker(pytest.mark.nginx)
        if item.path.name == "test_html_validity.py":
            item.add_marker(pytest.mark.vnu)
