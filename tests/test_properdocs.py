"""The way out: ProperDocs, the maintained continuation of MkDocs 1.6, builds this very site.

`make build-properdocs` builds with ProperDocs from .venv-properdocs, where
the mkdocs package is not installed at all. Built from the same sources with
the same SOURCE_DATE_EPOCH and SITE_URL, every file is byte for byte the one
MkDocs writes, but for the differences MAINTAINING.md ("ProperDocs") explains.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import MKDOCS, ROOT
from support import builds_by, site_files, venv_made

VENV = ROOT / ".venv-properdocs"
PROPERDOCS = VENV / "bin" / "properdocs"
ENV = {"SOURCE_DATE_EPOCH": "1767225600", "SITE_URL": "https://example.org/govtech/"}

# Each difference MAINTAINING.md explains: what it is called there, and the markup it is in.
EXPLAINED = {
    "generator": re.compile(rb'<meta name="generator" content="[^"]*">'),
}
# What ProperDocs warns about, explained in MAINTAINING.md too.
EXPLAINED_WARNINGS = ["mkdocs_static_i18n: Unable to detect lunr languages from mkdocs distribution"]


@pytest.fixture(scope="module")
def properdocs() -> Path:
    """ProperDocs in its own venv, made (once) by the Makefile's target from the pinned versions."""
    venv_made(".venv-properdocs/.installed")
    return PROPERDOCS


@pytest.fixture(scope="module")
def builds(properdocs: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """The site built by MkDocs and by ProperDocs, each from its own copy of the sources: (site, output)."""
    return builds_by({"mkdocs": MKDOCS, "properdocs": [str(properdocs)]}, tmp_path_factory.mktemp("builds"), **ENV)


def test_the_properdocs_venv_has_no_mkdocs(properdocs: Path) -> None:
    python = str(VENV / "bin" / "python")
    found = subprocess.run([python, "-c", "import importlib.util; print(importlib.util.find_spec('mkdocs'))"], capture_output=True, text=True)
    assert found.stdout.strip() == "None", found.stdout + found.stderr
    check = subprocess.run([python, "-m", "pip", "check", "--disable-pip-version-check"], capture_output=True, text=True)
    unmet = [line for line in check.stdout.splitlines() if not re.fullmatch(r"\S+ \S+ requires mkdocs, which is not installed\.", line)]
    assert unmet == [], "requirements-properdocs.txt lacks what these need"


def test_properdocs_writes_the_site_mkdocs_writes(builds: dict[str, tuple[Path, str]]) -> None:
    mkdocs, properdocs = (site_files(builds[name][0]) for name in ("mkdocs", "properdocs"))
    assert sorted(mkdocs) == sorted(properdocs)
    differing = [path for path in mkdocs if mkdocs[path] != properdocs[path]]
    assert differing, "the generator tag names the generator; if it no longer differs, update MAINTAINING.md"
    unexplained = []
    for path in differing:
        a, b = mkdocs[path], properdocs[path]
        for pattern in EXPLAINED.values():
            a, b = pattern.sub(b"", a), pattern.sub(b"", b)
        if a != b:
            lines = zip(a.splitlines() + [b"(end)"], b.splitlines() + [b"(end)"], strict=False)
            unexplained.append((path, *next((x, y) for x, y in lines if x != y)))
    assert unexplained == [], "each (file, MkDocs' line, ProperDocs' line) differs: explain it in MAINTAINING.md and in EXPLAINED, or fix it"


def test_the_generator_tag_is_the_difference_and_names_properdocs(builds: dict[str, tuple[Path, str]]) -> None:
    for name, expected in (("mkdocs", b"1.6.1"), ("properdocs", b"ProperDocs 1.6.7")):
        tag = EXPLAINED["generator"].search((builds[name][0] / "index.html").read_bytes())
        assert tag and expected in tag[0], name


def test_properdocs_warns_only_as_the_readme_explains(builds: dict[str, tuple[Path, str]]) -> None:
    warnings = {name: [line.split("-", 1)[1].strip() for line in output.splitlines() if line.startswith("WARNING")] for name, (_, output) in builds.items()}
    assert warnings == {"mkdocs": [], "properdocs": EXPLAINED_WARNINGS}


def test_the_maintainers_document_explains_each_difference() -> None:
    section = (ROOT / "MAINTAINING.md").read_text().split("\n## ProperDocs\n", 1)[1].split("\n## ", 1)[0]
    assert all(f"`{name}`" in section for name in EXPLAINED), section
    assert all(warning.split(": ", 1)[1] in section for warning in EXPLAINED_WARNINGS), section
