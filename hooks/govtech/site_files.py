"""Files the site publishes beside its pages: schemas, open data, feeds and calendars.

Each is made from the model with a real serializer (json, ElementTree,
icalendar) and depends only on the inputs and the build date, so the same
sources give the same bytes.
"""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET
from datetime import date, datetime, time, timezone
from urllib.parse import urlsplit

import icalendar

from . import DEFAULT_LANGUAGE, LANGUAGES
from .model import Catalogue, Challenge, Event
from .strings import ui_strings
from .validation import SCHEMA_DIR

ATOM = "http://www.w3.org/2005/Atom"
# Each language's Atom feed, below its root.
FEED = "feed/atom.xml"
EMPTY_SITEMAP = b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'


def site_files(catalogue: Catalogue, today: date, site_url: str) -> dict[str, bytes]:
    """Every data file of the site, as {path below the site root: bytes}."""
    files = {f"schema/{schema.name}": schema.read_bytes() for schema in sorted(SCHEMA_DIR.glob("*.schema.json"))}
    files["challenges.json"] = challenges_json(catalogue, today, site_url)
    files["was/index.html"] = redirect_page("../accessibility/", DEFAULT_LANGUAGE)
    for lang in LANGUAGES:
        files[f"{lang_prefix(lang)}{FEED}"] = atom_feed(catalogue, today, site_url, lang)
        # Material fetches sitemap.xml beside every <link rel="alternate">, the feed's too:
        # below feed/ there are no pages, and saying so spares readers the full sitemap.
        files[f"{lang_prefix(lang)}feed/sitemap.xml"] = EMPTY_SITEMAP
        files[f"{lang_prefix(lang)}calendar.ics"] = calendar(catalogue.challenges, today, site_url, lang, catalogue.events)
        for challenge in (c for c in catalogue.challenges if c.published or c.deadline):
            files[f"{lang_prefix(lang)}challenges/{challenge.id}/calendar.ics"] = calendar((challenge,), today, site_url, lang)
    return files


def lang_prefix(lang: str) -> str:
    """The path below the site root where a language lives: '' for Danish, 'de/' for German."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def page_url(site_url: str, lang: str, path: str = "") -> str:
    """The absolute address of the page at `path` in language `lang`."""
    return f"{site_url.rstrip('/')}/{lang_prefix(lang)}{path}"


def redirect_page(target: str, lang: str) -> bytes:
    """A page that sends the reader on to `target`: `/was/` is the short path Danish sites give their accessibility statement."""
    name = ui_strings(lang)["footer"]["accessibility"]
    return (
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n<link rel="canonical" href="{target}">\n'
        f'<link rel="icon" href="data:,">\n'
        f"<title>{html.escape(name)}</title>\n</head>\n<body>\n<main>\n"
        f'<p><a href="{target}">{html.escape(name)}</a></p>\n</main>\n</body>\n</html>\n'
    ).encode("utf-8")


def challenges_json(catalogue: Catalogue, today: date, site_url: str) -> bytes:
    """Every challenge in every language, as described by schema/challenges.schema.json."""
    data = {
        "$schema": page_url(site_url, DEFAULT_LANGUAGE, "schema/challenges.schema.json"),
        "generated": today.isoformat(),
        "challenges": [
            {
                "id": c.id,
                "url": {lang: page_url(site_url, lang, f"challenges/{c.id}/") for lang in LANGUAGES},
                "theme": c.theme,
                "status": c.status_on(today),
                "owner": {"key": c.owner.key, "url": c.owner.url, "name": c.owner.names},
                "dates": {"published": _iso(c.published), "deadline": _iso(c.deadline)},
                "contact": c.contact,
                "links": [{"url": link.url, "text": link.texts} for link in c.links],
                "texts": {lang: {k: v for k, v in vars(c.texts[lang]).items() if v is not None} for lang in LANGUAGES},
            }
            for c in catalogue.challenges
        ],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


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


def calendar(challenges: tuple[Challenge, ...], today: date, site_url: str, lang: str, events: tuple[Event, ...] = ()) -> bytes:
    """An RFC 5545 calendar of the publication dates and deadlines of `challenges`, and the dated `events`, in `lang`."""
    s = ui_strings(lang)
    host = urlsplit(site_url).hostname or "localhost"
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{s['site_name']}//{lang}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", s["site_name"])
    # A calendar needs one component even before any date is published.
    cal.add_component(_copenhagen())
    entries = [
        (f"{c.id}-{kind}", day, s["challenge"][f"calendar_{kind}"].format(title=c.texts[lang].title), c.texts[lang].summary, f"challenges/{c.id}/")
        for c in challenges for kind, day in (("published", c.published), ("deadline", c.deadline)) if day
    ] + [(e.key, e.date, e.names[lang], None, f"{e.page}/") for e in events if e.date]
    for uid, day, summary, description, path in entries:
        event = icalendar.Event()
        event.add("uid", f"{uid}@{host}")
        event.add("dtstamp", datetime.combine(today, time(), timezone.utc))
        event.add("dtstart", day)
        event.add("summary", summary)
        if description:
            event.add("description", description)
        event.add("url", page_url(site_url, lang, path))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()


def _copenhagen() -> icalendar.Timezone:
    """Danish time as rules (CET, and CEST from the last Sunday of March to that of October)."""
    zone = icalendar.Timezone()
    zone.add("tzid", "Europe/Copenhagen")
    for kind, name, start, offsets, month in (
        (icalendar.TimezoneStandard, "CET", datetime(1996, 10, 27, 3), ("+0200", "+0100"), 10),
        (icalendar.TimezoneDaylight, "CEST", datetime(1981, 3, 29, 2), ("+0100", "+0200"), 3),
    ):
        part = kind()
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("tzoffsetfrom", icalendar.vUTCOffset.from_ical(offsets[0]))
        part.add("tzoffsetto", icalendar.vUTCOffset.from_ical(offsets[1]))
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        zone.add_component(part)
    return zone


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A new Atom child element of `parent`."""
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    element.text = text
    return element


def _instant(day: date) -> str:
    """Midnight UTC of `day`, as Atom writes instants."""
    return f"{day.isoformat()}T00:00:00Z"


def _iso(day: date | None) -> str | None:
    """`day` as YYYY-MM-DD, or None."""
    return day.isoformat() if day else None
