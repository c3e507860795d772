"""Exact fixes to HTML that Material renders, where no template block reaches.

Each fix names what it repairs. A fix marked required must apply to every
page, so that a Material upgrade that changes the markup fails the build
instead of silently bringing the problem back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mkdocs.exceptions import PluginError


@dataclass(frozen=True)
class Patch:
    """Replace `pattern` (a regular expression) with `replacement` in a rendered page."""

    why: str
    pattern: str
    replacement: str
    required: bool = False


def patches(strings: dict) -> list[Patch]:
    """The fixes, with the labels of the page's language."""
    a11y = strings["a11y"]
    return [
        Patch("axe aria-dialog-name: the search dialog has no accessible name",
              r'<div class="md-search" data-md-component="search" role="dialog">',
              f'<div class="md-search" data-md-component="search" role="dialog" aria-label="{a11y["search"]}">', True),
        Patch("Nu HTML Checker: `autocomplete` is not allowed on checkboxes",
              r'(<input [^>]*type="checkbox"[^>]*?) autocomplete="off"', r"\1"),
        Patch("Nu HTML Checker: `tabindex=\"\"` is not a valid integer",
              r'(<label [^>]*?) tabindex=""', r"\1"),
        Patch("the menu toggle needs a name for assets/keyboard.js to make it a button",
              r'<label class="md-header__button md-icon" for="__drawer">',
              f'<label class="md-header__button md-icon" for="__drawer" title="{a11y["menu"]}">', True),
        Patch("the search toggle needs a name for assets/keyboard.js to make it a button",
              r'<label class="md-header__button md-icon" for="__search">',
              f'<label class="md-header__button md-icon" for="__search" title="{a11y["search"]}">', True),
    ]


def patched_html(html: str, strings: dict, where: str) -> str:
    """`html` with every fix applied; raises PluginError when a required fix finds nothing."""
    for patch in patches(strings):
        html, count = re.subn(patch.pattern, patch.replacement, html)
        if patch.required and count == 0:
            raise PluginError(f"{where}: the theme's markup changed; the fix for '{patch.why}' no longer applies (hooks/govtech_mkdocs/theme_patches.py).")
    if 'id="__toc"' not in html:
        # Pages outside the navigation have a table of contents whose title
        # points at a toggle that only the navigation renders (Nu HTML Checker).
        html = html.replace('<label class="md-nav__title" for="__toc">', '<label class="md-nav__title">')
    return html


_TASK_ITEM = re.compile(r'(<label class="task-list-control">.*?<span class="task-list-indicator"></span>)</label>(.*?)(?=</li>|</p>|<ul|<ol)', re.DOTALL)


def labelled_checklists(html: str) -> str:
    """Task lists whose checkboxes are named by their item's text (axe `label`).

    pymdownx.tasklist closes the `<label>` before the text, leaving every
    checkbox without an accessible name; the text moves inside the label.
    """
    return _TASK_ITEM.sub(r"\1\2</label>", html)
