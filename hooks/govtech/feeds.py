"""Each language's Atom feed of the challenges."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from .model import Catalogue
from .strings import ui_strings
from .urls import page_url

ATOM = "http://www.w3.org/2005/Atom"
# Each language's Atom feed, below its root.
FEED = "feed/atom.xml"


def atom_feed(catalogue: Catalogue, today: date, site_url: str, lang: str) -> bytes:
    """An Atom 1.0 feed of the challenges in `lang`, newest first."""
    s = ui_strings(lang)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": lang})
    # Newest first; challenges without a publication date after them, by id.
    entries = sorted(catalogue.challenges, key=lambda c: (c.published is None, -(c.published or today).toordinal(), c.id))
    _sub(feed, "id", page_url(site_url, lang))
    _sub(feed, "title", f"{s['site_name']}: {s['catalogue']['title']}")
    _sub(feed, "subtitle", s["site_description"])
    _sub(feed, "updated", _instant(max((c.published or today for c in entries), default=today)))
    _sub(feed, "link", rel="self", href=page_url(site_url, lang, FEED))
    _sub(feed, "link", rel="alternate", type="text/html", href=page_url(site_url, lang, "challenges/"))
    author = _sub(feed, "author")
    _sub(author, "name", s["site_name"])
    for c in entries:
        entry = _sub(feed, "entry")
        url = page_url(site_url, lang, f"challenges/{c.id}/")
        _sub(entry, "id", url)
        _sub(entry, "title", c.texts[lang].title)
        _sub(entry, "updated", _instant(c.published or today))
        if c.published:
            _sub(entry, "published", _instant(c.published))
        _sub(entry, "link", rel="alternate", type="text/html", href=url)
        _sub(entry, "summary", c.texts[lang].summary)
        _sub(entry, "category", term=c.theme, label=s["theme"][c.theme])
        author = _sub(entry, "author")
        _sub(author, "name", c.owner.names[lang])
        _sub(author, "uri", c.owner.url)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A new Atom child element of `parent`."""
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    element.text = text
    return element


def _instant(day: date) -> str:
    """Midnight UTC of `day`, as Atom writes instants."""
    return f"{day.isoformat()}T00:00:00Z"
