"""Exact fixes to HTML that Material (and Python-Markdown) render, where no template block reaches.

Each fix names what it repairs and fails the build, naming itself and the
page, when the markup it expects is gone: a fix marked `required` must apply
to every page; any other fix must leave none of the problem it removes
(`remains`). So a theme upgrade that changes the markup stops the build
instead of silently bringing the problem back. Interface labels are escaped
for the attribute they go into, and put in by a function, never through a
regular expression's replacement syntax.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from jinja2.utils import htmlsafe_json_dumps
from mkdocs.exceptions import PluginError

from govtech_mkdocs.page_data import language_root

Replace = Callable[[re.Match[str]], str]
HERE = "hooks/govtech_mkdocs/theme_patches.py"


class MarkupChanged(Exception):
    """The markup a fix expects is not there."""


@dataclass(frozen=True)
class Patch:
    """Replace each match of `pattern` in a rendered page with what `replace` makes of it."""

    why: str
    pattern: re.Pattern[str]
    replace: Replace
    required: bool = False
    # A regular expression for the problem: it must not match after the fix.
    remains: re.Pattern[str] | None = None
    # The fix applies only to pages without this text.
    unless: str | None = None


def patches(strings: dict, prefix: str) -> list[Patch]:
    """The fixes, with the labels of the page's language; `prefix` is its URL prefix (`de/`, or `` for Danish)."""
    a11y = strings["a11y"]
    return [
        Patch(
            "each language searches its own index: Material's `base` set to the language root",
            re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL),
            _with_base(prefix),
            required=True,
        ),
        Patch(
            "axe aria-dialog-name: the search dialog has no accessible name",
            re.compile(r'<div class="md-search" data-md-component="search" role="dialog">'),
            _with_attribute("aria-label", a11y["search"]),
            required=True,
        ),
        Patch(
            "Nu HTML Checker: `autocomplete` is not allowed on checkboxes",
            re.compile(r'(<input [^>]*type="checkbox"[^>]*?) autocomplete="off"'),
            _first_group,
            remains=re.compile(r'<input (?=[^>]*type="checkbox")[^>]*autocomplete='),
        ),
        Patch(
            'Nu HTML Checker: `tabindex=""` is not a valid integer',
            re.compile(r'(<label [^>]*?) tabindex=""'),
            _first_group,
            remains=re.compile(r'tabindex=""'),
        ),
        Patch(
            "the menu toggle needs a name for assets/keyboard.js to make it a button",
            re.compile(r'<label class="md-header__button md-icon" for="__drawer">'),
            _with_attribute("title", a11y["menu"]),
            required=True,
        ),
        Patch(
            "the search toggle needs a name for assets/keyboard.js to make it a button",
            re.compile(r'<label class="md-header__button md-icon" for="__search">'),
            _with_attribute("title", a11y["search"]),
            required=True,
        ),
        # Pages outside the navigation have a table of contents whose title
        # points at a toggle that only the navigation renders.
        Patch(
            "Nu HTML Checker: the table of contents' title points at a toggle that pages outside the navigation lack",
            re.compile(r'<label class="md-nav__title" for="__toc">'),
            lambda match: '<label class="md-nav__title">',
            remains=re.compile(r'for="__toc"'),
            unless='id="__toc"',
        ),
    ]


def patched_html(html: str, strings: dict, where: str, prefix: str) -> str:
    """`html` with every fix applied; raises PluginError, naming the fix and `where`, when one no longer applies."""
    for patch in patches(strings, prefix):
        if patch.unless is not None and patch.unless in html:
            continue
        try:
            html, count = patch.pattern.subn(patch.replace, html)
        except MarkupChanged as err:
            raise _no_longer_applies(where, patch.why, str(err)) from None
        if patch.required and count == 0:
            raise _no_longer_applies(where, patch.why, f"nothing matches {patch.pattern.pattern!r}")
        if patch.remains is not None and (left := patch.remains.search(html)):
            raise _no_longer_applies(where, patch.why, f"{left[0]!r} is still there")
    return html


_PERMALINK = re.compile(r'(<a class="headerlink" href="[^"]*") title="Permanent link">')


def translated_permalinks(html: str, label: str, where: str) -> str:
    """Headings' permalinks titled in the page's language (Python-Markdown's toc writes English)."""
    html, count = _PERMALINK.subn(lambda match: f'{match[1]} title="{escape(label)}">', html)
    if count != (links := html.count('class="headerlink"')):
        raise _no_longer_applies(where, "permalinks titled in the page's language", f"{count} of {links} permalinks matched {_PERMALINK.pattern!r}")
    return html


_TASK_ITEM = re.compile(r'(<label class="task-list-control">.*?<span class="task-list-indicator"></span>)</label>(.*?)(?=</li>|</p>|<ul|<ol)', re.DOTALL)


def labelled_checklists(html: str, where: str) -> str:
    """Task lists whose checkboxes are named by their item's text (axe `label`).

    pymdownx.tasklist closes the `<label>` before the text, leaving every
    checkbox without an accessible name; the text moves inside the label.
    """
    html, count = _TASK_ITEM.subn(r"\1\2</label>", html)
    if count != (items := html.count('class="task-list-item"')):
        raise _no_longer_applies(
            where, "axe label: checklist boxes named by their item's text", f"{count} of {items} task list items matched {_TASK_ITEM.pattern!r}"
        )
    return html


_HTML_START = re.compile(r"<html [^>]*>")


def with_print_address(html: str, address: str, where: str) -> str:
    """The page's `<html>` start tag carrying where a printed page comes from (`data-print-address`).

    assets/site.css's `@page` margin boxes print it on every sheet (a margin box can read only
    the root element's attributes); Material's base template gives `<html>` no block to add it in.
    """
    # In ASCII, with character references: a parser that has not yet met <meta charset> (lxml's does not look ahead) reads it right.
    value = escape(address).encode("ascii", "xmlcharrefreplace").decode("ascii")
    html, count = _HTML_START.subn(lambda match: f'{match[0][:-1]} data-print-address="{value}">', html, count=1)
    if count != 1:
        raise _no_longer_applies(where, "the page's address on every printed sheet", f"nothing matches {_HTML_START.pattern!r}")
    return html


def _no_longer_applies(where: str, why: str, detail: str) -> PluginError:
    """The error that stops the build when a fix finds the theme's markup changed."""
    return PluginError(f"{where}: the theme's markup changed; the fix for '{why}' no longer applies ({detail}). See {HERE}.")


def _with_attribute(name: str, value: str) -> Replace:
    """A replacement that adds `name="value"` (escaped) to the start tag matched."""
    return lambda match: f'{match[0][:-1]} {name}="{escape(value)}">'


def _first_group(match: re.Match[str]) -> str:
    """The match without what follows its first group."""
    return match[1]


def _with_base(prefix: str) -> Replace:
    """A replacement for Material's `__config` script whose `base` (the site root) becomes the language root."""

    def replace(match: re.Match[str]) -> str:
        try:
            config = json.loads(match[2])
        except ValueError as err:
            raise MarkupChanged(f"the __config script is not JSON: {err}") from None
        if not isinstance(config, dict) or not isinstance(config.get("base"), str):
            raise MarkupChanged("the __config script has no `base`")
        config["base"] = language_root(config["base"], prefix)
        return match[1] + str(htmlsafe_json_dumps(config)) + match[3]  # str: Markup would escape what it is added to

    return replace
