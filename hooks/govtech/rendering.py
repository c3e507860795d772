"""Render the catalogue model into Markdown pages, one set per language.

Python prepares the data; the Jinja templates in `templates/` decide the
markup. Text from YAML reaches a page escaped (titles, summaries) or as
Markdown the validator has checked for raw HTML and unsafe links.
"""

from __future__ import annotations

import html
import re
from datetime import date
from functools import cache
from pathlib import Path

import yaml
from babel.dates import format_date
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import DEFAULT_LANGUAGE, LANGUAGES
from .model import Catalogue
from .strings import ui_strings

TEMPLATES_DIR = Path(__file__).with_name("templates")
# Babel locale per site language: English dates are written the British way.
BABEL_LOCALES = {"da": "da_DK", "de": "de_DE", "en": "en_GB"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~-])")
_LIST_NUMBER = re.compile(r"^(\d+)\.")


def page_name(stem: str, lang: str) -> str:
    """`invoicing.md` for Danish, `invoicing.de.md` for German: the i18n suffix layout."""
    return f"{stem}.md" if lang == DEFAULT_LANGUAGE else f"{stem}.{lang}.md"


def render_pages(catalogue: Catalogue) -> dict[str, str]:
    """Every generated page, as {file name inside docs/challenges/: Markdown}."""
    env = _environment()
    pages = {}
    for lang in LANGUAGES:
        context = {"lang": lang, "s": ui_strings(lang), "catalogue": catalogue}
        pages[page_name("index", lang)] = env.get_template("catalogue.md.j2").render(context)
        for challenge in catalogue.challenges:
            page = env.get_template("challenge.md.j2").render(context, challenge=challenge, t=challenge.texts[lang])
            pages[page_name(challenge.id, lang)] = page
    return pages


@cache
def _environment() -> Environment:
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
    return env


def markdown_inline(text: str) -> str:
    """`text` as literal inline Markdown: no markup, no HTML, on one line."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(" ".join(text.split()), quote=True))
    return _LIST_NUMBER.sub(r"\1\\.", escaped)


def link_target(url: str) -> str:
    """`url` made safe as a Markdown link destination."""
    return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")


def front_matter(meta: dict[str, str]) -> str:
    """A YAML front matter block holding `meta`, safely quoted."""
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000) + "---\n"


def long_date(day: date, lang: str) -> str:
    """`day` as the language writes it in full: 27. februar 2018, 27 February 2018."""
    return format_date(day, format="long", locale=BABEL_LOCALES[lang])
