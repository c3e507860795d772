"""Pages speak their reader's language: the 404 page, and heading anchors that keep their letters."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from built_pages import LANGUAGES, article, page, prefix, text

ROOT = Path(__file__).resolve().parents[1]


def strings(lang: str) -> dict:
    return yaml.safe_load((ROOT / "hooks/govtech/strings" / f"{lang}.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_404_page_speaks_its_language_and_leads_home(site: Path, lang: str) -> None:
    s = strings(lang)["not_found"]
    doc = page(site, f"{prefix(lang)}404.html")
    assert doc.get("lang") == lang
    content = article(doc)
    assert [text(h1) for h1 in content.xpath(".//h1")] == [s["title"]]
    assert doc.findtext(".//title").startswith(s["title"])
    assert "404 - Not found" not in text(content), "Material's own heading, English in every language"
    [home] = [a for a in content.xpath(".//a") if text(a) == s["home"]]
    assert home.get("href") == "/" + prefix(lang), "the home of the 404 page's language, from any depth"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_404_page_leads_a_reader_to_the_home_of_its_language(served_site, browser, lang: str) -> None:
    base, _ = served_site
    reader = browser.new_page()
    reader.goto(f"{base}{prefix(lang)}404.html")
    reader.get_by_role("link", name=strings(lang)["not_found"]["home"], exact=True).click()
    reader.wait_for_url(base + prefix(lang))
    assert reader.evaluate("document.documentElement.lang") == lang
    reader.close()


@pytest.mark.parametrize(
    "lang, title, anchor",
    [
        ("da", "Tilgængelighedserklæring", "tilgængelighedserklæring"),
        ("de", "Erklärung zur Barrierefreiheit", "erklärung-zur-barrierefreiheit"),
    ],
)
def test_heading_anchors_keep_their_letters(site: Path, lang: str, title: str, anchor: str) -> None:
    content = article(page(site, f"{prefix(lang)}accessibility/"))
    [h1] = content.xpath(".//h1")
    assert text(h1) == title and h1.get("id") == anchor
    assert h1.xpath(".//a[@class='headerlink']/@href") == [f"#{anchor}"]
    # Every heading of the page: its anchor has the heading's letters, in lower case.
    for heading in content.xpath(".//h2 | .//h3"):
        letters = [c for c in text(heading).lower() if c.isalnum()]
        assert [c for c in heading.get("id") if c.isalnum()] == letters, (text(heading), heading.get("id"))
