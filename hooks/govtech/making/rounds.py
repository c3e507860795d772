"""The programme's rounds on the page "Results of the rounds": the `<!-- rounds -->` marker of docs/rounds*.md, filled from `challenges/_rounds.yml`.

The page's own text (what the rounds were, and that the five challenges on
the site are the seminar's themes, not the rounds' challenges) is written by
hand in each language; each round's facts come from the rounds file only.
"""

from __future__ import annotations

import re
from datetime import date

from babel import Locale
from babel.dates import format_date

from govtech.dates import BABEL_LOCALES
from govtech.making.markdown import markdown_inline, template_environment
from govtech.model import Month, Round
from govtech.strings import ui_strings

ROUNDS_MARKER = re.compile(r"<!--\s*rounds\s*-->")
# The page that holds the marker (in docs/), and the file its rounds come from: the page changes with either.
ROUNDS_PAGE = "rounds.md"
ROUNDS_SOURCE = "challenges/_rounds.yml"


def round_markers(markdown: str, rounds: tuple[Round, ...], lang: str) -> str:
    """Hand-written Markdown with the `<!-- rounds -->` marker replaced by every round, as Markdown in `lang`."""
    if not ROUNDS_MARKER.search(markdown):
        return markdown
    rendered = rounds_markdown(rounds, lang)
    return ROUNDS_MARKER.sub(lambda _: rendered, markdown)


def rounds_markdown(rounds: tuple[Round, ...], lang: str) -> str:
    """Each round with its months, owners, number of challenges, selected firms, summary and sources."""
    return (
        template_environment()
        .get_template("rounds.md.j2")
        .render(rounds=rounds, lang=lang, s=ui_strings(lang), month=lambda m: month_name(m, lang), country=lambda c: country_name(c, lang))
    )


def month_name(month: Month, lang: str) -> str:
    """`august 2019`, `August 2019`: a month as the language writes it, in a `<time>` element."""
    words = format_date(date(month.year, month.month, 1), "LLLL y", locale=BABEL_LOCALES[lang])
    return f'<time datetime="{month.isoformat()}">{markdown_inline(words)}</time>'


def country_name(code: str, lang: str) -> str:
    """The country an ISO 3166 code names, in `lang`: Danmark, Vereinigtes Königreich, Norway."""
    return Locale.parse(BABEL_LOCALES[lang]).territories.get(code, code)
