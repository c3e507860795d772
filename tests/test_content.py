"""The content: complete in three languages, no stubs or placeholders, the programme's facts where they belong."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from built_pages import LANGUAGES, article, page, prefix, text
from govtech.paths import GENERATED_DIRS

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
GENERATED = GENERATED_DIRS


def danish_pages() -> list[Path]:
    """Every hand-written Danish page (the default language has no suffix)."""
    return sorted(p for p in DOCS.rglob("*.md") if not re.search(r"\.(de|en)\.md$", p.name) and not p.relative_to(DOCS).as_posix().startswith(GENERATED))


def url_path(page_file: Path) -> str:
    """The URL path of a Danish page file."""
    rel = page_file.relative_to(DOCS).with_suffix("").as_posix()
    return "" if rel == "index" else (rel[: -len("index")] if rel.endswith("/index") else rel + "/")


def strings(lang: str) -> dict:
    return yaml.safe_load((ROOT / "hooks/govtech/strings" / f"{lang}.yml").read_text())


def test_every_page_exists_in_all_three_languages() -> None:
    assert len(danish_pages()) >= 13
    for danish in danish_pages():
        for lang in ("de", "en"):
            assert danish.with_name(danish.name.replace(".md", f".{lang}.md")).exists(), f"{danish} has no {lang}"


def test_no_translation_is_a_stub(site: Path) -> None:
    """Each page's text is between 0.6 and 1.6 times the length of its Danish version."""
    paths = [url_path(p) for p in danish_pages()] + [f"challenges/{c.stem}/" for c in (ROOT / "challenges").glob("[!_]*.yml")] + ["challenges/"]
    for path in paths:
        danish = len(text(article(page(site, path))))
        for lang in ("de", "en"):
            ratio = len(text(article(page(site, prefix(lang) + path)))) / danish
            assert 0.6 <= ratio <= 1.6, f"{prefix(lang)}{path}: {ratio:.2f}"


def test_no_placeholder_text_anywhere(site: Path) -> None:
    pattern = re.compile(r"\b(TODO|TBD|FIXME|XXX|lorem ipsum)\b", re.IGNORECASE)
    found = [f"{f.relative_to(site)}: {m.group(0)}" for f in site.rglob("*.html") for m in pattern.finditer(text(page(site, f.relative_to(site).as_posix())))]
    assert found == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_five_themes_and_the_seminar_are_on_the_seminar_page(site: Path, lang: str) -> None:
    body = text(article(page(site, f"{prefix(lang)}seminar/")))
    for theme in (names[lang] for names in yaml.safe_load((ROOT / "challenges" / "_themes.yml").read_text(encoding="utf-8")).values()):
        assert theme in body, theme
    assert {"da": "27. februar", "de": "27. Februar", "en": "27 February"}[lang] in body
    assert len(page(site, f"{prefix(lang)}seminar/").cssselect("article a[href*='challenges/']")) >= 5


PHASES = {"da": "De fire faser", "de": "Die vier Phasen", "en": "The four phases"}
CRITERIA = {"da": "De syv udvælgelseskriterier", "de": "Die sieben Auswahlkriterien", "en": "The seven selection criteria"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_four_phases_and_seven_criteria_are_on_the_about_page(site: Path, lang: str) -> None:
    content = article(page(site, f"{prefix(lang)}about/"))
    headings = [(h.tag, text(h)) for h in content.iter("h2", "h3")]
    start = headings.index(("h2", PHASES[lang]))
    phases = [h for h in headings[start + 1 : start + 5] if h[0] == "h3"]
    assert len(phases) == 4 and headings[start + 5][0] == "h2"
    [criteria] = [h for h in content.iter("h2") if text(h) == CRITERIA[lang]]
    section = []
    for sibling in criteria.itersiblings():
        if sibling.tag == "h2":
            break
        section.append(sibling)
    [listing] = [e for e in section if e.tag == "ol"]
    assert len(listing.cssselect("li")) == 7


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_seven_criteria_guide_firms_taking_part(site: Path, lang: str) -> None:
    for path in ("take-part/", "guides/application/"):
        body = text(article(page(site, prefix(lang) + path)))
        assert body.count({"da": "kriteri", "de": "Kriteri", "en": "criteri"}[lang]) >= 1, path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_shows_the_five_challenges_as_cards(site: Path, lang: str) -> None:
    cards = page(site, prefix(lang)).cssselect("article .grid.cards li")
    assert len(cards) == 5
    assert all(card.cssselect("a[href*='challenges/']") for card in cards)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_faq_answers_at_least_eight_questions(site: Path, lang: str) -> None:
    content = article(page(site, f"{prefix(lang)}faq/"))
    questions = [h for h in content.iter("h2", "h3", "summary") if text(h).endswith("?")]
    assert len(questions) >= 8


def test_every_language_has_the_same_interface_texts() -> None:
    def keys(data, prefix=""):
        return {prefix + k for k in data} | {x for k, v in data.items() if isinstance(v, dict) for x in keys(v, f"{prefix}{k}.")}

    assert keys(strings("da")) == keys(strings("de")) == keys(strings("en"))


def test_every_page_has_a_title_and_a_short_description() -> None:
    """Front matter that does not parse is dropped silently by MkDocs; here it fails."""
    for file in sorted(DOCS.rglob("*.md")):
        if file.relative_to(DOCS).as_posix().startswith(GENERATED):
            continue
        match = re.match(r"---\n(.*?)\n---\n", file.read_text(), re.DOTALL)
        assert match, f"{file}: no front matter"
        meta = yaml.safe_load(match.group(1))
        assert meta["title"] and 20 <= len(meta["description"]) <= 160, file


def test_every_built_page_has_its_own_description(site: Path) -> None:
    seen: dict[str, str] = {}
    for file in sorted(site.rglob("index.html")):
        path = file.relative_to(site).as_posix()
        doc = page(site, path)
        if path == "was/index.html":
            continue  # the short path that forwards to the accessibility statement
        [description] = doc.xpath("//head/meta[@name='description']/@content")
        assert 20 <= len(description) <= 160, f"{path}: {len(description)} {description}"
        assert description not in seen, f"{path} repeats the description of {seen.get(description)}"
        seen[description] = path
