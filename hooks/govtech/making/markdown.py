"""The Jinja environment the Markdown templates in `templates/` are rendered in, and its filters.

Python prepares the data; the templates decide the markup. Text from YAML
reaches a page escaped (`inline`) or as Markdown the validator has checked.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from govtech.dates import date_element, date_range, long_date
from govtech.making import applying
from govtech.model import Challenge
from govtech.urls import lang_prefix

TEMPLATES_DIR = Path(__file__).with_name("templates")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|-])")
_LIST_NUMBER = re.compile(r"^(\d+)\.")
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


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
    env.filters["deadline_element"] = applying.deadline_element
    env.filters["deadline_text"] = applying.deadline_text
    env.filters["languages_text"] = applying.languages_text
    env.filters["written_in"] = written_in
    return env


def written_in(text: str, challenge: Challenge, lang: str, block: bool = False) -> str:
    """`text` of `challenge` on its page in `lang`, marked with the language it is written in where that is another (a translation still to follow).

    `block`: a Markdown text of paragraphs, wrapped in a `<div>` that Markdown reads inside (md_in_html); else a `<span>` in a line.
    """
    written = challenge.written_in(lang)
    if written == lang:
        return text
    if block:
        return f'<div lang="{written}" markdown>\n\n{text.strip()}\n\n</div>'
    return f'<span lang="{written}">{text}</span>'


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
