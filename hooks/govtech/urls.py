"""Where each language and page of the site lives."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from govtech import DEFAULT_LANGUAGE

# The catalogue's pages in docs/challenges/: `index` is the first, `page-2`, `page-3` … the others
# (the challenge schema reserves these names, so no challenge id takes them).
_CATALOGUE_STEM = re.compile(r"index|page-[0-9]+")


def lang_prefix(lang: str) -> str:
    """The path below the site root where a language lives: '' for Danish, 'de/' for German."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def page_url(site_url: str, lang: str, path: str = "") -> str:
    """The absolute address of the page at `path` in language `lang`."""
    return f"{site_url.rstrip('/')}/{lang_prefix(lang)}{path}"


def catalogue_stem(number: int) -> str:
    """The name (without .md) of page `number` of the catalogue in docs/challenges/: `index`, `page-2`, …"""
    return "index" if number == 1 else f"page-{number}"


def is_catalogue_stem(stem: str) -> bool:
    """Whether `stem` names a page of the catalogue in docs/challenges/ rather than a challenge."""
    return _CATALOGUE_STEM.fullmatch(stem) is not None


def challenge_id(src_uri: str) -> str | None:
    """The id of the challenge whose page is made from `src_uri` (its path in docs/: `challenges/invoicing.de.md`); None for any other page."""
    folder, _, name = src_uri.rpartition("/")
    stem = name.split(".")[0]
    return stem if folder == "challenges" and not is_catalogue_stem(stem) else None


_RELATIVE_LINK = re.compile(r'<a href="(?![a-z][a-z0-9+.-]*:|#)([^"]*)"')


def with_print_addresses(html: str, page_address: str) -> str:
    """`html` whose links to the site's own pages also carry their full address, for paper (`data-print-href`)."""
    return _RELATIVE_LINK.sub(lambda m: f'{m.group(0)} data-print-href="{urljoin(page_address, m.group(1))}"', html)
