"""The built site: every challenge in every language, catalogues, language switcher."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from built_pages import CHALLENGE_IDS, LANGUAGES, article, page, parse, prefix, text

ROOT = Path(__file__).resolve().parents[1]


def challenge_texts(challenge_id: str, lang: str) -> dict:
    """The texts of a challenge in one language, as its YAML file gives them."""
    return yaml.safe_load((ROOT / "challenges" / f"{challenge_id}.yml").read_text())[lang]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("challenge_id", CHALLENGE_IDS)
def test_challenge_page_has_its_title_and_language(site: Path, lang: str, challenge_id: str) -> None:
    doc = page(site, f"{prefix(lang)}challenges/{challenge_id}/")
    texts = challenge_texts(challenge_id, lang)
    assert doc.get("lang") == lang
    assert [text(h1) for h1 in doc.cssselect("article h1")] == [texts["title"]]
    body = text(article(doc))
    assert texts["question"] in body
    assert texts["summary"] in body


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_lists_and_links_every_challenge(site: Path, lang: str) -> None:
    doc = page(site, f"{prefix(lang)}challenges/")
    assert doc.get("lang") == lang
    cards = doc.cssselect(".challenge-card")
    assert len(cards) == len(CHALLENGE_IDS)
    for challenge_id in CHALLENGE_IDS:
        texts = challenge_texts(challenge_id, lang)
        [card] = [c for c in cards if c.cssselect(f"h2 a[href='{challenge_id}/']")]
        assert text(card.cssselect("h2 a")[0]) == texts["title"]
        assert (site / prefix(lang) / "challenges" / challenge_id / "index.html").exists()
        assert texts["summary"] in text(card)
        facts = [text(dd) for dd in card.cssselect("dd")]
        assert len(facts) == 4 and all(facts), "owner, theme, status and next date are shown"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_switcher_leads_to_the_same_challenge(site: Path, lang: str) -> None:
    here = f"{prefix(lang)}challenges/invoicing/"
    doc = page(site, here)
    targets = {a.get("hreflang"): a.get("href") for a in doc.cssselect("a.md-select__link")}
    assert set(targets) == set(LANGUAGES)
    for other, href in targets.items():
        resolved = (site / here / href).resolve()
        assert resolved == (site / prefix(other) / "challenges" / "invoicing").resolve()
        assert page(site, str(resolved.relative_to(site)) + "/").get("lang") == other


@pytest.mark.parametrize("lang", LANGUAGES)
def test_site_name_and_navigation_are_translated(site: Path, lang: str) -> None:
    strings = yaml.safe_load((ROOT / "hooks/govtech/strings" / f"{lang}.yml").read_text())
    doc = page(site, prefix(lang))
    assert strings["site_name"] in doc.findtext(".//title")
    nav = [text(a) for a in doc.cssselect("nav.md-nav--primary > ul > li > a")]
    assert strings["nav"]["challenges"] in nav and strings["nav"]["home"] in nav


def test_no_page_loads_fonts_or_scripts_from_another_origin(site: Path) -> None:
    for file in site.rglob("*.html"):
        doc = parse(file)
        for element in doc.xpath("//script[@src] | //link[@href][@rel='stylesheet' or @rel='preconnect']"):
            ref = element.get("src") or element.get("href")
            assert not ref.startswith(("http:", "https:", "//")), f"{file}: {ref}"
