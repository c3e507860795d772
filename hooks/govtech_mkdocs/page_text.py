"""Page titles and descriptions escaped once, where the theme receives them.

MkDocs' Jinja does not autoescape, and Material writes `page.title`,
`page.meta.title` and `page.meta.description` into the header, the browser's
title, the navigation and the search index as HTML. A title typed in a
challenge file reaches them as plain text (the front matter), a title taken
from a page's first heading as HTML. Here each becomes markupsafe's `Markup`
once, before any template or the search index reads it: plain text escaped,
HTML kept. Templates that escape (`| e`) leave `Markup` as it is, so no text is
escaped twice; what needs the plain text again (JSON-LD) takes `plain()`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape
from mkdocs.structure.pages import Page

# The front matter's plain-text values that the theme and the site's overrides write into the page.
TEXT_KEYS = ("title", "description", "subtitle")


def escape_page_texts(page: Page) -> None:
    """Make `page`'s title and its front matter's texts `Markup`: plain text escaped, the first heading's HTML as it is."""
    for key in TEXT_KEYS:
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = escape(value)
    title = page.title
    if isinstance(title, str) and not isinstance(title, Markup):
        # The first heading's text (MkDocs keeps its character references) is HTML already; any other title is plain text:
        # a navigation entry's name set on the page, the front matter's, or the file's name.
        from_heading = "title" not in vars(page) and "title" not in page.meta and title == page._title_from_render
        page.title = Markup(title) if from_heading else escape(title)  # type: ignore[method-assign]


def escape_nav_titles(items: Iterable[Any]) -> None:
    """Make the names of the navigation's sections and links `Markup` (plain text escaped); its pages' titles are escaped with the pages."""
    for item in items:
        if not isinstance(item, Page) and isinstance(item.title, str) and not isinstance(item.title, Markup):
            item.title = escape(item.title)
        escape_nav_titles(item.children or ())


def plain(value: Any) -> Any:
    """A value as its plain text again, for what is not HTML (JSON-LD): `Markup` unescaped, anything else as it is."""
    return value.unescape() if isinstance(value, Markup) else value
