"""Read built HTML pages with a real parser."""

from __future__ import annotations

from pathlib import Path

import lxml.html

LANGUAGES = ("da", "de", "en")
CHALLENGE_IDS = ("data-ethics", "invoicing", "safety-inspections", "scan-technology", "user-data")


def page(site: Path, url_path: str) -> lxml.html.HtmlElement:
    """The parsed page served at `url_path` (like `de/challenges/`) in `site`."""
    return parse(site / url_path / "index.html" if not url_path.endswith(".html") else site / url_path)


def parse(file: Path) -> lxml.html.HtmlElement:
    """The parsed HTML file."""
    return lxml.html.parse(str(file)).getroot()


def prefix(lang: str) -> str:
    """The URL prefix of a language: '' for Danish, 'de/' for German."""
    return "" if lang == "da" else f"{lang}/"


def text(element: lxml.html.HtmlElement) -> str:
    """The text a reader sees in `element`, white space folded, permalink signs left out."""
    parts = []
    for node in element.iter():
        if "headerlink" not in (node.get("class") or "") and node.text:
            parts.append(node.text)
        if node is not element and node.tail:
            parts.append(node.tail)
    return " ".join(" ".join(parts).split())


def article(doc: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The page's main content."""
    return doc.cssselect("article.md-content__inner")[0]
