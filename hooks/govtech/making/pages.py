"""Render the catalogue model into Markdown pages, one set per language.

Python prepares the data; the Jinja templates in `templates/` decide the
markup (making/markdown.py holds their environment and filters).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from govtech import DEFAULT_LANGUAGE, LANGUAGES
from govtech.making.applying import calendar_is_empty, webcal_url
from govtech.making.challenge_form import NEW_ENTRY, challenge_form
from govtech.making.collation import sort_key
from govtech.making.markdown import template_environment
from govtech.making.reference import entry_rows, field_rows
from govtech.making.worksheet import worksheet
from govtech.model import PHASES, Catalogue
from govtech.paths import FORM_DIR, WORKSHEET_DIR
from govtech.schemas import schema
from govtech.strings import ui_strings
from govtech.urls import catalogue_stem

# Cards on one page of the catalogue. Beyond this many challenges the catalogue is split into pages in
# title order (challenges/index.md, challenges/page-2.md, …), each linking to all: a reader without
# JavaScript reaches every challenge, and a first visit stays small however many challenges there are.
# With JavaScript, the first change of a filter or the sort fetches the other pages (assets/catalogue.js).
PAGE_SIZE = 100


def page_name(stem: str, lang: str) -> str:
    """`invoicing.md` for Danish, `invoicing.de.md` for German: the i18n suffix layout."""
    return f"{stem}.md" if lang == DEFAULT_LANGUAGE else f"{stem}.{lang}.md"


def render_pages(catalogue: Catalogue, today: date, schema_dir: Path, site_url: str | None = None) -> dict[str, str]:
    """Every generated page, as {path inside docs/: Markdown}; the field reference and the form describe the schemas in `schema_dir`, `site_url` gives the calendar's address to subscribe to (else the link is relative)."""
    env = template_environment()
    challenge_schema = schema("challenge", schema_dir)
    neutral, per_language = field_rows(challenge_schema)
    files = {f"{name}_file": entry_rows(schema(name, schema_dir)) for name in ("owners", "events", "rounds", "themes")}
    any_open = any(c.status_on(today) == "open-call" for c in catalogue.challenges)
    pages = {}
    for lang in LANGUAGES:
        context: dict[str, Any] = {"lang": lang, "s": ui_strings(lang), "catalogue": catalogue, "today": today, "phases": PHASES, "any_open": any_open}
        context |= follow_context(catalogue, site_url, lang)
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
        form = challenge_form(challenge_schema, catalogue, lang, context["s"])
        sheet = worksheet(challenge_schema, catalogue, lang, context["s"])
        pages[f"{FORM_DIR}/{page_name('index', lang)}"] = env.get_template("form.md.j2").render(context, form=form, sheet=sheet, new_entry=NEW_ENTRY)
        pages[f"{WORKSHEET_DIR}/{page_name('index', lang)}"] = env.get_template("worksheet.md.j2").render(context, sheet=sheet)
    return pages


def follow_context(catalogue: Catalogue, site_url: str | None, lang: str) -> dict[str, Any]:
    """What the follow block and the catalogue's sort need: the calendar's webcal:// address, whether it is empty, whether any challenge has a deadline."""
    return {
        "webcal": webcal_url(site_url, lang) if site_url else None,
        "calendar_empty": calendar_is_empty(catalogue),
        "any_deadline": any(c.deadline for c in catalogue.challenges),
    }


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
    themes = {c.theme: c.theme_names[lang] for c in catalogue.challenges}
    owners = {c.owner.key: c.owner.names[lang] for c in catalogue.challenges}
    # Rounds in the order they ran (the rounds file's); the filter is there only when some challenge names its round.
    rounds = {c.round.key for c in catalogue.challenges if c.round}
    return {
        "status": [(key, label) for key, label in s["status"].items() if key in statuses],
        "theme": sorted(themes.items(), key=lambda kv: sort_key(kv[1], lang)),
        "owner": sorted(owners.items(), key=lambda kv: sort_key(kv[1], lang)),
        **({"round": [(r.key, r.names[lang]) for r in catalogue.rounds if r.key in rounds]} if rounds else {}),
    }
