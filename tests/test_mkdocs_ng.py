"""The maintained fork: mkdocs-ng and mkdocs-ng-material build this very site, languages and all.

`make build-mkdocs-ng` builds from .venv-mkdocs-ng, where mkdocs-ng is the
`mkdocs` package and mkdocs-ng-material the theme `material` (neither MkDocs
nor Material is installed there). Built from the same sources with the same
SOURCE_DATE_EPOCH and SITE_URL, every file is byte for byte the one MkDocs
and Material write, but for the differences MAINTAINING.md ("The maintained
fork") explains, each named in EXPLAINED below.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import pytest
from lxml import html

from conftest import MKDOCS, ROOT
from support import builds_by, site_files, venv_made

pytestmark = pytest.mark.second_venv

VENV = ROOT / ".venv-mkdocs-ng"
PYTHON = VENV / "bin" / "python"
ENV = {"SOURCE_DATE_EPOCH": "1767225600", "SITE_URL": "https://example.org/govtech/", "NO_MKDOCS_NG_NOTICE": "1"}
LANGUAGES = ("da", "de", "en")

# Each difference MAINTAINING.md explains: what it is called there, and the bytes it is in.
EXPLAINED = {
    "generator": re.compile(rb'<meta name="generator" content="[^"]*">'),
    # The theme's compiled scripts and style sheets, named by a hash of their content; the pages link them by that name.
    "theme assets": re.compile(rb"assets/(?:javascripts/workers|javascripts|stylesheets)/[a-z]+\.[0-9a-f]{8}\.min\.(?:js|css)(?:\.map)?"),
}
# What the fork's build warns about, explained in MAINTAINING.md too.
EXPLAINED_WARNINGS = ["mkdocs_static_i18n: Unable to detect lunr languages from mkdocs distribution"]


@pytest.fixture(scope="module")
def fork() -> Path:
    """The forks in their own venv, made (once) by the Makefile's target from the pinned versions."""
    venv_made(".venv-mkdocs-ng/.installed")
    return VENV / "bin" / "mkdocs"


@pytest.fixture(scope="module")
def builds(fork: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """The site built by MkDocs + Material and by the forks, each from its own copy of the sources: (site, output)."""
    return builds_by({"mkdocs": MKDOCS, "mkdocs-ng": [str(fork)]}, tmp_path_factory.mktemp("builds"), **ENV)


def theme_assets(python: Path) -> Path:
    """The folder of compiled assets that the theme `material` installed in `python`'s environment ships."""
    found = subprocess.run([str(python), "-c", "import material.templates as t; print(t.__path__[0])"], capture_output=True, text=True)
    assert found.returncode == 0, found.stderr
    return Path(found.stdout.strip()) / "assets"


def test_the_fork_venv_has_neither_mkdocs_nor_material(fork: Path) -> None:
    script = "import importlib.metadata as m, json; print(json.dumps({p: m.packages_distributions().get(p) for p in ('mkdocs', 'material')}))"
    owners = subprocess.run([str(PYTHON), "-c", script], capture_output=True, text=True)
    assert owners.stdout.strip() == '{"mkdocs": ["mkdocs-ng"], "material": ["mkdocs-ng-material"]}', owners.stdout + owners.stderr
    check = subprocess.run([str(PYTHON), "-m", "pip", "check", "--disable-pip-version-check"], capture_output=True, text=True)
    unmet = [line for line in check.stdout.splitlines() if not re.fullmatch(r"\S+ \S+ requires mkdocs(-material)?, which is not installed\.", line)]
    assert unmet == [], "requirements-mkdocs-ng.txt lacks what these need"


def test_the_fork_writes_the_site_mkdocs_writes(builds: dict[str, tuple[Path, str]]) -> None:
    mkdocs, fork = (site_files(builds[name][0]) for name in ("mkdocs", "mkdocs-ng"))
    theme = EXPLAINED["theme assets"]
    assert sorted(theme.sub(b"", p.encode()) for p in mkdocs) == sorted(theme.sub(b"", p.encode()) for p in fork), (
        "each file but a hashed asset is on both sides"
    )
    differing = [path for path in mkdocs if path in fork and mkdocs[path] != fork[path]]
    assert differing, "the generator tag names MkDocs' version; if no page differs any more, update MAINTAINING.md"
    unexplained = []
    for path in differing:
        a, b = mkdocs[path], fork[path]
        for pattern in EXPLAINED.values():
            a, b = pattern.sub(b"", a), pattern.sub(b"", b)
        if a != b:
            lines = zip(a.splitlines() + [b"(end)"], b.splitlines() + [b"(end)"], strict=False)
            unexplained.append((path, *next((x, y) for x, y in lines if x != y)))
    assert unexplained == [], "each (file, MkDocs' line, the fork's line) differs: explain it in MAINTAINING.md and in EXPLAINED, or fix it"


def test_the_assets_that_differ_are_each_themes_own_files(fork: Path, builds: dict[str, tuple[Path, str]]) -> None:
    """Only the theme's compiled files differ in name and content, and each is the file its theme ships, untouched by the build."""
    for name, python in (("mkdocs", ROOT / ".venv" / "bin" / "python"), ("mkdocs-ng", PYTHON)):
        site, shipped = builds[name][0], theme_assets(python)
        own = sorted(path for path in site_files(site) if EXPLAINED["theme assets"].fullmatch(path.encode()))
        assert len(own) == 8, own  # bundle, search worker, main and palette style sheets, each with its source map
        for path in own:
            assert (site / path).read_bytes() == (shipped / path.removeprefix("assets/")).read_bytes(), f"{name}: {path}"


def test_the_generator_tag_names_each_version(builds: dict[str, tuple[Path, str]]) -> None:
    for name, expected in (("mkdocs", b"mkdocs-1.6.1, mkdocs-material"), ("mkdocs-ng", b"mkdocs-1.8.0, mkdocs-material")):
        tag = EXPLAINED["generator"].search((builds[name][0] / "index.html").read_bytes())
        assert tag and expected in tag[0], name


def test_every_page_switches_to_itself_in_each_language_on_the_fork(builds: dict[str, tuple[Path, str]]) -> None:
    """What the fork lost without the adapter's theme_version: Material's language switcher, linking each page's own translations."""
    site = builds["mkdocs-ng"][0]
    pages = [p for p in sorted(site.rglob("*.html")) if b"md-header" in p.read_bytes()]
    assert len(pages) > 60
    base = "https://example.org/govtech/"
    for page in pages:
        url = urljoin(base, page.relative_to(site).as_posix())
        tree = html.fromstring(page.read_bytes())
        links = {a.get("hreflang"): urljoin(url, a.get("href")) for a in tree.cssselect("a.md-select__link")}
        where = page.relative_to(site).as_posix()
        assert sorted(links) == sorted(LANGUAGES), where
        own = tree.get("lang")
        assert links[own] in (url, url.removesuffix("index.html")) or where.endswith("404.html"), where
        for lang, target in links.items():
            path = site / target.removeprefix(base)
            path = path / "index.html" if target.endswith("/") else path
            assert html.fromstring(path.read_bytes()).get("lang") == lang, f"{where}: {lang} -> {target}"


def test_the_fork_warns_only_as_maintaining_explains(builds: dict[str, tuple[Path, str]]) -> None:
    warnings = {name: [line.split("-", 1)[1].strip() for line in output.splitlines() if line.startswith("WARNING")] for name, (_, output) in builds.items()}
    assert warnings == {"mkdocs": [], "mkdocs-ng": EXPLAINED_WARNINGS}


def test_maintaining_explains_each_difference() -> None:
    text = "\n" + (ROOT / "MAINTAINING.md").read_text()
    section = text.split("\n## The maintained fork (mkdocs-ng)\n", 1)[1].split("\n## ", 1)[0]
    assert all(f"`{name}`" in section for name in EXPLAINED), section
    assert all(warning.split(": ", 1)[1] in section for warning in EXPLAINED_WARNINGS), section
