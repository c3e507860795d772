"""Where each language and page of the site lives."""

from __future__ import annotations

from . import DEFAULT_LANGUAGE


def lang_prefix(lang: str) -> str:
    """The path below the site root where a language lives: '' for Danish, 'de/' for German."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def page_url(site_url: str, lang: str, path: str = "") -> str:
    """The absolute address of the page at `path` in language `lang`."""
    return f"{site_url.rstrip('/')}/{lang_prefix(lang)}{path}"
