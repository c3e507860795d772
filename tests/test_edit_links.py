"""Edit links: with a repository configured, every page with a source to edit links to it in GitHub's web editor, in its language."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from browser_checks import visit
from built_pages import CHALLENGE_IDS, LANGUAGES, article, page, parse, prefix, text
from conftest import ROOT, build, copy_project, serve
from govtech.making.edit_links import BRANCH, editor_urls
from repository_config import REPOSITORY, set_repository

LABELS = {
    "da": ("Rediger denne side", "Rediger denne udfordring"),
    "de": ("Diese Seite bearbeiten", "Diese Herausforderung bearbeiten"),
    "en": ("Edit this page", "Edit this challenge"),
}
# Pages the build makes without a source an editor should touch.
GENERATED_PAGES = ("challenges/", "agencies/reference/", "agencies/form/", "agencies/worksheet/")


@pytest.fixture(scope="module")
def with_repository(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A copy of the project whose mkdocs.yml names a repository, and its build."""
    project = set_repository(copy_project(tmp_path_factory.mktemp("project")))
    result = build(project, tmp_path_factory.mktemp("site"))
    assert result.returncode == 0, result.output
    return project, result.site


def edit_links(file: Path) -> list:
    """The links to an editor on a built page."""
    return parse(file).xpath("//a[@rel='edit']")


def hand_written(lang: str) -> list[tuple[str, str]]:
    """(URL path, source file) of every hand-written page in `lang`: `faq.de.md` is /de/faq/, `agencies/index.md` /agencies/."""
    docs = ROOT / "docs"
    pages = []
    for source in sorted(docs.rglob("*.md")):
        relative = source.relative_to(docs).as_posix()
        stem, *suffix = source.name.removesuffix(".md").split(".")
        if relative.startswith(GENERATED_PAGES) or (suffix[0] if suffix else "da") != lang:
            continue
        path = "/".join(p for p in (*relative.split("/")[:-1], stem) if p != "index")
        pages.append((prefix(lang) + (path + "/" if path else ""), f"docs/{relative}"))
    return pages


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_hand_written_page_links_to_its_own_source_in_its_language(with_repository, lang: str) -> None:
    project, site = with_repository
    pages = hand_written(lang)
    assert len(pages) >= 12 and (prefix(lang) + "faq/", "docs/faq.md" if lang == "da" else f"docs/faq.{lang}.md") in pages
    for url_path, source in pages:
        [link] = edit_links(site / url_path / "index.html")
        assert link.get("href") == f"{REPOSITORY}/edit/{BRANCH}/{source}", url_path
        assert (project / source).is_file()
        assert text(link) == LABELS[lang][0], url_path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_challenge_page_links_to_its_yaml_file(with_repository, lang: str) -> None:
    project, site = with_repository
    for challenge_id in CHALLENGE_IDS:
        [link] = edit_links(site / prefix(lang) / "challenges" / challenge_id / "index.html")
        assert link.get("href") == f"{REPOSITORY}/edit/{BRANCH}/challenges/{challenge_id}.yml"
        assert (project / "challenges" / f"{challenge_id}.yml").is_file()
        assert text(link) == LABELS[lang][1]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_generated_pages_other_than_challenges_have_no_edit_link(with_repository, lang: str) -> None:
    _, site = with_repository
    for path in GENERATED_PAGES:
        assert edit_links(site / prefix(lang) / path / "index.html") == [], path
    assert edit_links(site / prefix(lang) / "404.html") == []


def test_without_a_repository_no_page_links_to_an_editor(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 45
    assert [str(f.relative_to(site)) for f in pages if edit_links(f) or 'class="page-edit"' in f.read_text()] == []


def test_the_edit_link_is_read_in_the_page_language_and_passes_axe(with_repository, browser) -> None:
    _, site = with_repository
    with serve(site) as base:
        context = browser.new_context()
        for lang in LANGUAGES:
            tab = context.new_page()
            found = visit(tab, base + prefix(lang) + "faq/")
            assert found.violations == [] and found.console_errors == []
            assert tab.get_by_role("link", name=LABELS[lang][0]).count() == 1
            tab.close()
        context.close()


@pytest.mark.parametrize("path", ["de/challenges/invoicing/", "faq/", "en/rounds/"])
def test_the_edit_link_is_for_editors_and_closes_the_page_away_from_the_title(with_repository, path: str) -> None:
    """Firms read the title line without it: the link comes after everything the page says, the last thing in the article."""
    _, site = with_repository
    content = article(page(site, path))
    [link] = content.xpath(".//a[@rel='edit']")
    [heading] = content.xpath(".//h1")
    elements = list(content.iter())
    assert link.getparent().getparent() is content and content.index(link.getparent()) == len(content) - 1, "the last paragraph of the article"
    assert elements.index(link) > elements.index(heading)
    assert not [e for e in elements[elements.index(link) + 1 :] if e.tag in ("h1", "h2", "h3", "p", "li", "dd") and (e.text or "").strip()]


def test_the_editor_is_on_the_branch_the_site_is_published_from() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text())
    assert workflow[True]["push"]["branches"] == [BRANCH]  # YAML 1.1 reads the key `on` as true
    assert editor_urls(REPOSITORY + ".git/") == (f"{REPOSITORY}/edit/{BRANCH}/", f"{REPOSITORY}/new/{BRANCH}")
    assert editor_urls("") is None and editor_urls(None) is None
