"""Each language's Atom feed of the challenges."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from typing import Any

from govtech.model import Catalogue, Challenge, Question
from govtech.strings import ui_strings
from govtech.urls import page_url

ATOM = "http://www.w3.org/2005/Atom"
# Each language's Atom feed, below its root.
FEED = "feed/atom.xml"


def atom_feed(catalogue: Catalogue, today: date, site_url: str, lang: str) -> bytes:
    """An Atom 1.0 feed in `lang`: an entry per challenge and per answered question, newest first.

    An entry's `updated` moves only when its content or its status does: the
    day its file last changed (history.py) or the calendar last changed its
    status, whichever is later. Only with neither known is it the build date.
    """
    s = ui_strings(lang)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": lang})
    entries = [_challenge_entry(c, today, lang) for c in catalogue.challenges]
    entries += [_question_entry(c, q, s, lang) for c in catalogue.challenges for q in c.questions]
    # Newest first; entries without a publication date after them, by address.
    entries.sort(key=lambda e: (e.published is None, -(e.published or today).toordinal(), e.path))
    _sub(feed, "id", page_url(site_url, lang))
    _sub(feed, "title", f"{s['site_name']}: {s['catalogue']['title']}")
    _sub(feed, "subtitle", s["site_description"])
    _sub(feed, "updated", _instant(max((e.updated for e in entries), default=today)))
    _sub(feed, "link", rel="self", href=page_url(site_url, lang, FEED))
    _sub(feed, "link", rel="alternate", type="text/html", href=page_url(site_url, lang, "challenges/"))
    author = _sub(feed, "author")
    _sub(author, "name", s["site_name"])
    for e in entries:
        c = e.challenge
        entry = _sub(feed, "entry")
        url = page_url(site_url, lang, e.path)
        _sub(entry, "id", url)
        # Published in Danish first: the entry's texts say they are Danish, and a category says the translation is on its way.
        written = {"{http://www.w3.org/XML/1998/namespace}lang": c.written_in(lang)} if c.written_in(lang) != lang else {}
        _sub(entry, "title", e.title, **written)
        _sub(entry, "updated", _instant(e.updated))
        if e.published:
            _sub(entry, "published", _instant(e.published))
        _sub(entry, "link", rel="alternate", type="text/html", href=url)
        _sub(entry, "summary", e.summary, **written)
        _sub(entry, "category", term=c.theme, label=c.theme_names[lang])
        if written:
            _sub(entry, "category", term="translation-pending", label=s["authoring"]["pending"]["card"])
        author = _sub(entry, "author")
        owner = c.owner.names[lang]
        _sub(author, "name", owner if c.owner_confirmed else f"{owner} {s['challenge']['owner_not_confirmed']}")
        _sub(author, "uri", c.owner.url)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


@dataclass(frozen=True)
class _Entry:
    """What one feed entry says, before it is written."""

    challenge: Challenge
    path: str
    updated: date
    published: date | None
    title: str
    summary: str


def _challenge_entry(c: Challenge, today: date, lang: str) -> _Entry:
    """The entry of a challenge, updated when its file or its status last changed."""
    updated = max((day for day in (c.changed, c.status_changed(today)) if day), default=None)
    # A publication day still to come is no fact of the entry yet (Atom's `published` is when it happened).
    published = c.published if c.published and c.published <= today else None
    return _Entry(c, f"challenges/{c.id}/", updated or today, published, c.texts[lang].title, c.texts[lang].summary)


def _question_entry(c: Challenge, q: Question, s: dict[str, Any], lang: str) -> _Entry:
    """The entry of an answered question, dated the day its answer was published."""
    title = s["challenge"]["feed_question"].format(title=c.texts[lang].title)
    return _Entry(c, f"challenges/{c.id}/#{q.anchor}", q.day, q.day, title, q.questions[lang])


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A new Atom child element of `parent`."""
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    element.text = text
    return element


def _instant(day: date) -> str:
    """Midnight UTC of `day`, as Atom writes instants."""
    return f"{day.isoformat()}T00:00:00Z"
