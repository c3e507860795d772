"""A last check of the HTML that challenge texts render to.

The validator refuses raw HTML, attribute lists and unsafe links in the
YAML; this parses what Markdown made of it, so that a form the validator
did not foresee still cannot put script on a page.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "srcset"}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_SAFE_SCHEMES = {"http", "https", "mailto"}
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


class _Finder(HTMLParser):
    """Collects what would run script or load from elsewhere."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "img", "svg", "style", "form", "base", "meta", "link"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"{name}=")
            elif name in _URL_ATTRIBUTES and value:
                scheme = _SCHEME.match(_INVISIBLE.sub("", html.unescape(value)).lower())
                if scheme and scheme.group(1) not in _SAFE_SCHEMES:
                    self.found.append(f"{name}={scheme.group(0)}")


def unsafe_markup(fragment: str) -> list[str]:
    """What in an HTML fragment could run script or load from another site; empty when nothing."""
    finder = _Finder()
    finder.feed(fragment)
    finder.close()
    return finder.found
