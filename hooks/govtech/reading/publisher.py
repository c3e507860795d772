"""The site's publisher: who answers for the site and how readers reach them.

One place holds these details: `extra.publisher` in mkdocs.yml, where each
value may also come from an environment variable (`!ENV`, named by
`Field.env`). This module checks them, decides whether a build is for a
public address (which must name every one of them), and fills the
`<!-- publisher:… -->` markers in the hand-written pages. Plain Python: the
adapter hands in the mapping MkDocs read and the site's address.
"""

from __future__ import annotations

import html
import ipaddress
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from difflib import get_close_matches
from typing import Any
from urllib.parse import urlsplit

from babel.units import format_unit

from govtech import LANGUAGE_NAMES, LANGUAGES
from govtech.dates import BABEL_LOCALES, long_date
from govtech.problems import one_line
from govtech.strings import ui_strings


@dataclass(frozen=True)
class Field:
    """One detail of the publisher, at `path` below `extra.publisher`."""

    path: tuple[str, ...]
    kind: str  # text, email, phone, url, date, contact (e-mail or https page), retention (days or https page)
    what: str  # what it is, for messages

    @property
    def setting(self) -> str:
        """Where it is set in mkdocs.yml."""
        return "extra.publisher." + ".".join(self.path)

    @property
    def env(self) -> str:
        """The environment variable mkdocs.yml reads it from."""
        return "GOVTECH_PUBLISHER_" + "_".join(self.path).upper()

    @property
    def marker(self) -> str:
        """Its name in a page's `<!-- publisher:… -->` marker: the path, without a language."""
        return ".".join(p for p in self.path if p not in LANGUAGES)


FIELDS: tuple[Field, ...] = (
    *(Field(("authority", lang), "text", f"the responsible authority's name in {LANGUAGE_NAMES[lang]}") for lang in LANGUAGES),
    Field(("email",), "email", "the e-mail address readers write to (footer, accessibility feedback)"),
    Field(("phone",), "phone", "the telephone number readers call (footer, accessibility feedback)"),
    Field(("repository",), "url", "the https:// address of the site's public source repository"),
    Field(("statement", "prepared"), "date", "the day the accessibility statement was prepared, as YYYY-MM-DD"),
    Field(("statement", "reviewed"), "date", "the day the accessibility statement was last reviewed, as YYYY-MM-DD (review it at least once a year)"),
    Field(("statement", "was"), "url", "the https:// address of the statement published through Digitaliseringsstyrelsen's WAS-Tool"),
    *(Field(("privacy", "controller", lang), "text", f"the data controller's name in {LANGUAGE_NAMES[lang]}") for lang in LANGUAGES),
    Field(("privacy", "contact"), "contact", "the data controller's contact: an e-mail address or an https:// page"),
    Field(("privacy", "dpo"), "contact", "the data protection officer's contact (every public authority has one): an e-mail address or an https:// page"),
    Field(("hosting", "provider"), "text", "the name of the host that serves the site and keeps its access logs, such as GitHub, Inc. for GitHub Pages"),
    *(Field(("hosting", "country", lang), "text", f"the country where the host processes the logs, in {LANGUAGE_NAMES[lang]}") for lang in LANGUAGES),
    *(
        Field(
            ("hosting", "safeguard", lang),
            "text",
            f"the safeguard for a transfer of the logs out of the EU/EEA (such as an adequacy decision or standard contractual clauses), "
            f"or that they stay in the EU/EEA, in {LANGUAGE_NAMES[lang]}",
        )
        for lang in LANGUAGES
    ),
    Field(
        ("hosting", "log_retention"),
        "retention",
        "how long the host keeps its access logs: a whole number of days, or the https:// page where the host says so (on GitHub Pages, GitHub decides)",
    ),
)
# The site's own address (the build's site_url), for the accessibility statement's opening: a marker, not a detail to set.
SITE_MARKER = "site"
_BY_MARKER: dict[str, tuple[Field, ...]] = {}
for _field in FIELDS:
    _BY_MARKER[_field.marker] = (*_BY_MARKER.get(_field.marker, ()), _field)

_MARKER = re.compile(r"<!--\s*publisher:(\S*?)\s*-->")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE = re.compile(r"\+?[0-9][0-9 ()-]*")
_URL_UNSAFE = re.compile(r"[\s\"'<>\\`]")
_MAX_TEXT = 200
_MAX_DAYS = 3650


@dataclass(frozen=True)
class Publisher:
    """The checked details, by `Field`; a detail not filled in is absent."""

    values: dict[Field, Any] = field(default_factory=dict)
    address: str | None = None  # the address the site is built for

    def get(self, marker: str, lang: str) -> Any:
        """The value of the detail a marker names, in `lang` where it has one; None when not filled in."""
        fields = _BY_MARKER[marker]
        chosen = next((f for f in fields if f.path[-1] == lang), fields[0])
        return self.values.get(chosen)

    def was_target(self) -> str:
        """Where `/was/` sends the reader: the WAS-Tool statement once set, else the site's own statement."""
        return self.get("statement.was", "da") or "../accessibility/"

    def footer(self, lang: str) -> dict[str, str]:
        """What the footer shows of the publisher in `lang`: only what is filled in."""
        shown = {}
        if name := self.get("authority", lang):
            shown["authority"] = name
        if email := self.get("email", lang):
            shown["email"] = email
            shown["email_href"] = f"mailto:{email}"
        if phone := self.get("phone", lang):
            shown["phone"] = phone
            shown["phone_href"] = _tel(phone)
        return shown


class PublisherProblem(Exception):
    """The publisher's details are wrong, or missing where the build is for a public address."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__(self.report())

    def report(self) -> str:
        """Every problem, one a line, and what nothing was."""
        return "\n".join([*map(one_line, self.lines), "Nothing was built."])


def is_public_address(site_url: str | None) -> bool:
    """Whether `site_url` is a real address: not loopback, localhost or a name reserved for documentation and tests (RFC 2606, 6761)."""
    host = (urlsplit(site_url or "").hostname or "").rstrip(".").lower()
    if not host:
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    labels = host.split(".")
    if labels[-1] in ("example", "test", "invalid", "localhost"):
        return False
    return ".".join(labels[-2:]) not in ("example.com", "example.net", "example.org")


def read_publisher(data: Any, site_url: str | None) -> Publisher:
    """The publisher's details from `extra.publisher` (`data`), checked.

    Raises PublisherProblem naming every wrong detail, and, when the build is
    for a public address, every missing one with where to set it.
    """
    problems: list[str] = []
    raw: dict[Field, Any] = {}
    _walk(data, _tree(), "extra.publisher", raw, problems)
    values: dict[Field, Any] = {}
    for f, value in raw.items():
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        checked, problem = _check(f, value)
        if problem:
            problems.append(f"{f.setting} (or {f.env}): {problem}")
        else:
            values[f] = checked
    prepared, reviewed = (values.get(f) for f in _BY_MARKER["statement.prepared"] + _BY_MARKER["statement.reviewed"])
    if prepared and reviewed and reviewed < prepared:
        problems.append(
            f"extra.publisher.statement.reviewed: the statement was last reviewed on {reviewed.isoformat()}, "
            f"before it was prepared ({prepared.isoformat()}); correct one of the two dates."
        )
    missing = [f for f in FIELDS if f not in values] if is_public_address(site_url) else []
    if missing:
        if problems:
            problems.append("")
        problems.append(f"This build is for {site_url}, a public address, so the site must name its publisher, and these details are not filled in:")
        problems += [f"  {f.setting} (or the environment variable {f.env}): {f.what}" for f in missing]
        problems.append(
            "Set each in mkdocs.yml under the name given, or in the environment variable named. "
            "Builds for 127.0.0.1, localhost or names reserved for tests (example.org, *.test) may leave them empty."
        )
    if problems:
        raise PublisherProblem(problems)
    return Publisher(values, site_url or None)


def fill_markers(markdown: str, publisher: Publisher, lang: str, source: str, first_line: int = 1) -> str:
    """`markdown` with each `<!-- publisher:NAME -->` replaced by the detail in `lang`, or by a plain note that it is not filled in.

    Raises PublisherProblem naming every unknown marker, at its line in `source` (the page's first line being `first_line`).
    """
    names = [*_BY_MARKER, SITE_MARKER]
    unknown = [(first_line + markdown.count("\n", 0, m.start()), m.group(0), m.group(1)) for m in _MARKER.finditer(markdown) if m.group(1) not in names]
    if unknown:
        known = ", ".join(f"publisher:{name}" for name in names)
        lines = []
        for line, text, name in unknown:
            guess = get_close_matches(name, names, n=1)
            hint = f" (did you mean publisher:{guess[0]}?)" if guess else ""
            lines.append(f"{source}:{line}: unknown marker {text}{hint}; the markers are: {known}.")
        raise PublisherProblem(lines)
    return _MARKER.sub(lambda m: _markup(m.group(1), publisher, lang), markdown)


def _markup(marker: str, publisher: Publisher, lang: str) -> str:
    """Inline HTML for the detail `marker` names, safe in Markdown."""
    value: Any = publisher.address if marker == SITE_MARKER else publisher.get(marker, lang)
    if value is None:
        return f"<em>{_text(ui_strings(lang)['publisher']['missing'])}</em>"
    kind = "url" if marker == SITE_MARKER else _BY_MARKER[marker][0].kind
    if kind == "date":
        return _text(long_date(value, lang))
    if kind == "retention" and isinstance(value, int):
        return _text(format_unit(value, "duration-day", length="long", locale=BABEL_LOCALES[lang]))
    if kind == "phone":
        return _link(_tel(value), value)
    if kind == "email" or (kind == "contact" and "@" in value and not value.startswith("https://")):
        return _link(f"mailto:{value}", value)
    if kind in ("url", "contact", "retention"):
        return _link(value, value)
    return _text(value)


def _link(href: str, text: str) -> str:
    return f'<a href="{html.escape(href, quote=True)}">{_text(text)}</a>'


def _text(text: str) -> str:
    """`text` for a Markdown page, with every punctuation character as a character reference: never read as markup."""
    return "".join(f"&#{ord(c)};" if c in string.punctuation else c for c in text)


def _tel(phone: str) -> str:
    """The `tel:` address of a telephone number as written (spaces, hyphens and brackets dropped)."""
    return "tel:" + ("+" if phone.startswith("+") else "") + re.sub(r"\D", "", phone)


def _tree() -> dict[str, Any]:
    """The fields as nested groups, as mkdocs.yml writes them."""
    tree: dict[str, Any] = {}
    for f in FIELDS:
        node = tree
        for key in f.path[:-1]:
            node = node.setdefault(key, {})
        node[f.path[-1]] = f
    return tree


def _walk(data: Any, tree: dict[str, Any], where: str, values: dict[Field, Any], problems: list[str]) -> None:
    """Collect the values in `data` by field; name what does not belong."""
    if data is None:
        return
    if not isinstance(data, Mapping):
        problems.append(f"{where}: expected the group of fields {', '.join(tree)}, found {_shown(data)}.")
        return
    for key, value in data.items():
        node = tree.get(key) if isinstance(key, str) else None
        if node is None:
            guess = get_close_matches(str(key), list(tree), n=1)
            hint = f" (did you mean `{guess[0]}`?)" if guess else ""
            problems.append(f"{where}: unknown field `{key}`{hint}; the fields here are: {', '.join(tree)}.")
        elif isinstance(node, Field):
            values[node] = value
        else:
            _walk(value, node, f"{where}.{key}", values, problems)


def _check(f: Field, value: Any) -> tuple[Any, str | None]:
    """The value made plain, or a message saying what is wrong with it."""
    if f.kind == "date":
        if isinstance(value, datetime):
            return None, f"{_shown(value)} has a time of day; write the day only, as YYYY-MM-DD."
        if isinstance(value, date):
            return value, None
        try:
            return date.fromisoformat(str(value).strip()), None
        except ValueError:
            return None, f"{_shown(value)} is not a day written as YYYY-MM-DD."
    if f.kind == "retention":
        text = str(value).strip()
        if not isinstance(value, bool) and text.isdigit() and 1 <= int(text) <= _MAX_DAYS:
            return int(text), None
        if isinstance(value, str) and _https(text):
            return text, None
        return None, f"{_shown(value)} is neither a whole number of days between 1 and {_MAX_DAYS} nor an https:// address of the host's own statement."
    if isinstance(value, (dict, list, bool)) or not isinstance(value, (str, int)):
        return None, f"expected one line of text, found {_shown(value)}."
    text = str(value).strip()
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        return None, f"{_shown(value)} holds a line break or control character; write it on one line."
    if len(text) > _MAX_TEXT:
        return None, f"{_shown(value)} is longer than {_MAX_TEXT} characters."
    if f.kind == "email" and not _EMAIL.fullmatch(text):
        return None, f"{_shown(value)} is not an e-mail address; write it as name@authority.dk."
    if f.kind == "phone" and not (_PHONE.fullmatch(text) and 3 <= len(re.sub(r"\D", "", text)) <= 15):
        return None, f"{_shown(value)} is not a telephone number; write its digits, with spaces if you like and + before a country code."
    if f.kind == "url" and not _https(text):
        return None, f"{_shown(value)} is not an https:// address; write the whole address, starting with https://."
    if f.kind == "contact" and not (_EMAIL.fullmatch(text) or _https(text)):
        return None, f"{_shown(value)} is neither an e-mail address nor an https:// address."
    return text, None


def _https(text: str) -> bool:
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme == "https" and bool(parts.hostname) and not _URL_UNSAFE.search(text)


def _shown(value: Any) -> str:
    """`value` as a message shows it."""
    text = value.isoformat() if isinstance(value, (date, datetime)) else str(value)
    return f"`{text[:60]}…`" if len(text) > 60 else f"`{text}`"
