"""Every file the site publishes beside its pages, composed from the modules that write each kind.

Each is made from the model with a real serializer (json, ElementTree, the
RFC 5545 writer in ical.py) and depends only on the inputs and the build
date, so the same sources give the same bytes.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from govtech import LANGUAGES
from govtech.making.calendars import calendar
from govtech.making.feeds import FEED, atom_feed
from govtech.making.open_data import challenges_json, schema_files
from govtech.model import Catalogue
from govtech.strings import ui_strings
from govtech.urls import lang_prefix


def site_files(catalogue: Catalogue, today: date, site_url: str, schema_dir: Path) -> dict[str, bytes]:
    """Every data file of the site, as {path below the site root: bytes}; the schemas published are those in `schema_dir`."""
    files = schema_files(schema_dir)
    files["challenges.json"] = challenges_json(catalogue, today, site_url)
    for lang in LANGUAGES:
        files[f"{lang_prefix(lang)}{FEED}"] = atom_feed(catalogue, today, site_url, lang)
        files[f"{lang_prefix(lang)}calendar.ics"] = calendar(catalogue.challenges, today, site_url, lang, catalogue.events)
        for challenge in (c for c in catalogue.challenges if c.has_calendar):
            files[f"{lang_prefix(lang)}challenges/{challenge.id}/calendar.ics"] = calendar((challenge,), today, site_url, lang)
    return files


def redirect_page(target: str, lang: str) -> bytes:
    """A page that sends the reader on to `target`: `/was/` is the short path Danish sites give their accessibility statement.

    The adapter writes it, to the address `Publisher.was_target` gives (the WAS-Tool statement once configured).
    """
    name = ui_strings(lang)["footer"]["accessibility"]
    target = html.escape(target, quote=True)
    return (
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n<link rel="canonical" href="{target}">\n'
        f'<link rel="icon" href="data:,">\n'
        f"<title>{html.escape(name)}</title>\n</head>\n<body>\n<main>\n"
        f'<p><a href="{target}">{html.escape(name)}</a></p>\n</main>\n</body>\n</html>\n'
    ).encode()
