"""Render the catalogue model into Markdown pages, one set per language.

Python prepares the data; the Jinja templates in `templates/` decide the
markup. Text from YAML reaches a page escaped (titles, summaries) or as
Markdown the validator has checked for raw HTML and unsafe links.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from babel.dates import format_date
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import DEFAULT_LANGUAGE, LANGUAGES
from .challenge_form import FORM_DIR, challenge_form
from .collation import sort_key
from .model import PHASES, Catalogue, Event
from .reference import entry_rows, field_rows
from .strings import ui_strings
from .urls import catalogue_stem, lang_prefix
from .validation import schema

TEMPLATES_DIR = Path(__file__).with_name("templates")
# Babel locale per site language: English dates are written the British way.
BABEL_LOCALES = {"da": "da_DK", "de": "de_DE", "en": "en_GB"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|-])")
_LIST_NUMBER = re.compile(r"^(\d+)\.")
# The space after the day that opens a long date ("27. februar", "27 February").
_DAY_SPACE = re.compile(r"^(\d+\.?) ")
_EVENT_MARKER = re.compile(r"<!--\s*event:([a-z0-9-]+)\s*-->")


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# The folders of docs/ that the build writes and owns; never edit them by hand.
GENERATED_DIRS = ("challenges", "agencies/reference", FORM_DIR)

# Cards on one page of the catalogue. Beyond this many challenges the catalogue is split into pages in
# title order (challenges/index.md, challenges/page-2.md, …), each linking to all: a reader without
# JavaScript reaches every challenge, and a first visit stays small however many challenges there are.
# With JavaScript, the first change of a filter or the sort fetches the other pages (assets/catalogue.js).
PAGE_SIZE = 100


def page_name(stem: str, lang: str) -> str:
    """`invoicing.md` for Danish, `invoicing.de.md` for German: the i18n suffix layout."""
    return f"{stem}.md" if lang == DEFAULT_LANGUAGE else f"{stem}.{lang}.md"


def render_pages(catalogue: Catalogue, today: date) -> dict[str, str]:
    """Every generated page, as {path inside docs/: Markdown}."""
    env = template_environment()
    neutral, per_language = field_rows(schema("challenge"))
    files = {"owners_file": entry_rows(schema("owners")), "events_file": entry_rows(schema("events"))}
    any_open = any(c.status_on(today) == "open-call" for c in catalogue.challenges)
    pages = {}
    for lang in LANGUAGES:
        context: dict[str, Any] = {"lang": lang, "s": ui_strings(lang), "catalogue": catalogue, "today": today, "phases": PHASES, "any_open": any_open}
        filters = filter_options(catalogue, today, lang)
        by_title = sorted(catalogue.challenges, key=lambda c: sort_key(c.texts[lang].title, lang))
        slices = [by_title[start : start + PAGE_SIZE] for start in range(0, len(by_title), PAGE_SIZE)] or [[]]
        for number, cards in enumerate(slices, 1):
            catalogue_page = env.get_template("catalogue.md.j2").render(
                context, filters=filters, challenges=cards, total=len(by_title), number=number, pages=catalogue_pages(number, len(slices))
            )
            pages[f"challenges/{page_name(catalogue_stem(number), lang)}"] = catalogue_page
        for challenge in catalogue.challenges:
            page = env.get_template("challenge.md.j2").render(context, challenge=challenge, t=challenge.texts[lang])
            pages[f"challenges/{page_name(challenge.id, lang)}"] = page
        reference = env.get_template("reference.md.j2").render(context, neutral=neutral, per_language=per_language, **files)
        pages[f"agencies/reference/{page_name('index', lang)}"] = reference
        form = challenge_form(schema("challenge"), catalogue, lang, context["s"])
        pages[f"{FORM_DIR}/{page_name('index', lang)}"] = env.get_template("form.md.j2").render(context, form=form)
    return pages


def catalogue_pages(number: int, count: int) -> list[tuple[int, str]]:
    """The links of page `number`'s page navigation, as (page number, address relative to page `number`); none for a catalogue of one page."""
    if count == 1:
        return []
    to_folder = "" if number == 1 else "../"
    return [(other, to_folder + ("" if other == 1 else f"{catalogue_stem(other)}/") or "./") for other in range(1, count + 1)]


def filter_options(catalogue: Catalogue, today: date, lang: str) -> dict[str, list[tuple[str, str]]]:
    """The choices of each catalogue filter, as (key, label) pairs: statuses in the order a
    challenge goes through them, themes and owners in the language's alphabetical order."""
    s = ui_strings(lang)
    statuses = {c.status_on(today) for c in catalogue.challenges}
    themes = {c.theme: s["theme"][c.theme] for c in catalogue.challenges}
    owners = {c.owner.key: c.owner.names[lang] for c in catalogue.challenges}
    return {
        "status": [(key, label) for key, label in s["status"].items() if key in statuses],
        "theme": sorted(themes.items(), key=lambda kv: sort_key(kv[1], lang)),
        "owner": sorted(owners.items(), key=lambda kv: sort_key(kv[1], lang)),
    }


@cache
def template_environment() -> Environment:
    """The Jinja environment for Markdown templates, with the site's filters."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["inline"] = markdown_inline
    env.filters["link_target"] = link_target
    env.filters["front_matter"] = front_matter
    env.filters["long_date"] = long_date
    env.globals["lang_prefix"] = lang_prefix
    env.filters["date_element"] = date_element
    env.filters["date_range"] = date_range
    return env


def markdown_inline(text: str) -> str:
    """`text` as literal inline Markdown: no markup, no HTML, on one line."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))
    # Markdown has no escape for `~` (a backslash would show): an entity keeps `~~~` from opening a code block.
    return _LIST_NUMBER.sub(r"\1\\.", escaped.replace("~", "&#126;"))


def link_target(url: str) -> str:
    """`url` made safe as a Markdown link destination."""
    return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")


def front_matter(meta: dict[str, str]) -> str:
    """A YAML front matter block holding `meta`, safely quoted (by libyaml where PyYAML has it: a tenth of the time)."""
    return "---\n" + yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000) + "---\n"


def long_date(day: date, lang: str) -> str:
    """`day` as the language writes it in full: 27. februar 2018, 27 February 2018.

    The day and the month are joined by a no-break space: the line never
    breaks between them, and Markdown never reads "27. februar" at the start
    of a line as item 27 of a numbered list.
    """
    return _DAY_SPACE.sub("\\1\u00a0", format_date(day, format="long", locale=BABEL_LOCALES[lang]), count=1)


def date_element(day: date, lang: str) -> str:
    """`day` written in full inside a `<time>` element that gives it to machines too; safe in Markdown and HTML."""
    return f'<time datetime="{day.isoformat()}">{html.escape(long_date(day, lang), quote=False)}</time>'


def date_range(start: date | None, end: date | None, lang: str, written: Callable[[date, str], str] = date_element) -> str:
    """A phase's days in words: from, until, or from and to; each day `written` (as a `<time>` element unless told)."""
    s = ui_strings(lang)["challenge"]
    if start and end:
        return s["timeline_range"].format(start=written(start, lang), end=written(end, lang))
    if start:
        return s["timeline_from"].format(start=written(start, lang))
    return s["timeline_until"].format(end=written(end, lang)) if end else ""


def event_markers(markdown: str, events: tuple[Event, ...], lang: str) -> str:
    """Hand-written Markdown with each `<!-- event:KEY -->` marker replaced by the event's date, or by nothing while it has none."""
    by_key = {event.key: event for event in events}

    def replaced(match: re.Match[str]) -> str:
        event = by_key.get(match.group(1))
        if event is None or event.date is None:
            return ""
        return ui_strings(lang)["event"]["date"].format(date=date_element(event.date, lang))

    return _EVENT_MARKER.sub(replaced, markdown)
