"""What a challenge text may become on a page: an allow-list, kept by nh3.

A text's Markdown is rendered with the Markdown extensions the site's
mkdocs.yml names, together with the other texts of its page, as the page
will render it; the HTML may hold only what plain prose needs
(`ALLOWED_TAGS`, `ALLOWED_ATTRIBUTES`, links to full http, https and mailto
addresses). Anything nh3 would change or remove is refused. The validator
checks each text this way, and the build checks the text sections of each
rendered challenge page with the same `disallowed()`: one answer for both.

Rendering is what costs (Python-Markdown takes a third of a millisecond for
a paragraph, nh3 a hundredth); a text without any character that could make
markup beyond the allow-list is not rendered at all (`_needs_rendering`,
tested against full rendering in tests/test_sanitizer.py).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any

import markdown
import nh3

ALLOWED_TAGS = frozenset("p br hr a em strong code abbr blockquote ul ol li dl dt dd table thead tbody tr th td".split())
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"style"}, "td": {"style"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Markdown tables align columns with `style="text-align: …"`; no other property.
STYLE_PROPERTIES = frozenset({"text-align"})

_VOID = frozenset({"br", "hr", "img", "input", "wbr", "source", "track", "area", "col", "embed", "meta", "link", "base", "param"})
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def _absolute_only(tag: str, attribute: str, value: str) -> str | None:
    """nh3's URL check passes relative addresses; a challenge text may only link to full ones."""
    if attribute in ("href", "src", "cite", "action", "formaction", "poster") and not _SCHEME.match(_INVISIBLE.sub("", value)):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(URL_SCHEMES),
    link_rel=None,
    strip_comments=True,
    attribute_filter=_absolute_only,
    filter_style_properties=set(STYLE_PROPERTIES),
)


@dataclass(frozen=True)
class Markup:
    """One thing in rendered HTML that the allow-list does not keep."""

    tag: str
    attribute: str | None = None  # None: the element itself is not allowed
    value: str = ""
    classes: frozenset[str] = field(default_factory=frozenset)

    def __str__(self) -> str:
        if self.tag == "!--":
            return "<!--"
        if self.attribute is None:
            return f"<{self.tag}>"
        return f"<{self.tag} {self.attribute}={self.value!r}>" if self.value else f"<{self.tag} {self.attribute}>"


def disallowed(fragment: str) -> list[Markup]:
    """What nh3 would change in the HTML `fragment`; empty when the allow-list keeps all of it."""
    cleaned = _CLEANER.clean(fragment)
    if cleaned == fragment:
        return []  # nh3 kept every byte: most texts, found without parsing them twice (a tenth of the time)
    ours = _Tokens.of(fragment)
    if ours.tokens == _Tokens.of(cleaned).tokens:
        return []
    return ours.outside_allow_list() or [Markup(ours.first_unclosed() or "?", "not closed")]


class _Tokens(HTMLParser):
    """An HTML fragment as comparable tokens: what nh3's re-serialising leaves equal stays equal."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple] = []
        self.elements: list[tuple[str, list[tuple[str, str]], int]] = []  # (tag, attributes, depth)
        self.open: list[str] = []
        self.unclosed: list[str] = []
        self._text: list[str] = []

    @classmethod
    def of(cls, fragment: str) -> _Tokens:
        tokens = cls()
        tokens.feed(fragment)
        tokens.close()
        tokens._flush()
        return tokens

    def _flush(self) -> None:
        if self._text:
            self.tokens.append(("text", "".join(self._text)))
            self._text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._flush()
        values = [(name, _style(value or "") if name == "style" else value or "") for name, value in attrs]
        self.tokens.append(("start", tag, tuple(sorted(values))))
        self.elements.append((tag, values, len(self.open)))
        if tag not in _VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        self._flush()
        if tag in _VOID:
            return
        self.tokens.append(("end", tag))
        if tag in self.open:
            while self.open:
                top = self.open.pop()
                if top == tag:
                    break
                self.unclosed.append(top)
        else:
            self.unclosed.append(tag)

    def handle_data(self, data: str) -> None:
        self._text.append(data)

    def handle_comment(self, data: str) -> None:
        self._flush()
        self.tokens.append(("comment", data))
        self.elements.append(("!--", [], len(self.open)))

    def handle_decl(self, decl: str) -> None:
        self.handle_comment(decl)

    def handle_pi(self, data: str) -> None:
        self.handle_comment(data)

    def unknown_decl(self, data: str) -> None:
        self.handle_comment(data)

    def outside_allow_list(self) -> list[Markup]:
        """Elements, attributes and addresses outside the allow-list; not those inside a refused element."""
        found: list[Markup] = []
        refused_at: int | None = None
        for tag, attrs, depth in self.elements:
            if refused_at is not None and depth > refused_at:
                continue
            refused_at = None
            classes = frozenset(" ".join(v for n, v in attrs if n == "class").split())
            if tag not in ALLOWED_TAGS:
                found.append(Markup(tag, None, "", classes))
                refused_at = depth
                continue
            for name, value in attrs:
                if name not in ALLOWED_ATTRIBUTES.get(tag, ()):
                    found.append(Markup(tag, name, value, classes))
                elif name == "style" and any(p.split(":")[0] not in STYLE_PROPERTIES for p in value.split(";") if p):
                    found.append(Markup(tag, name, value, classes))
                elif name == "href":
                    address = _INVISIBLE.sub("", value)
                    scheme = _SCHEME.match(address)
                    if not scheme or scheme.group(1).lower() not in URL_SCHEMES:
                        found.append(Markup(tag, name, value, classes))
        return found

    def first_unclosed(self) -> str | None:
        return next(iter(self.unclosed or self.open), None)


def _style(value: str) -> str:
    """A style attribute without the spaces and final semicolon nh3 drops."""
    return ";".join(part.replace(" ", "") for part in value.split(";") if part.strip())


_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def sections(fragment: str, wanted: dict[str, Any], known: set[str]) -> list[tuple[Any, str]]:
    """The HTML after each heading of `fragment` whose text is a key of `wanted`, up to the next heading
    whose text is in `known` (or the end): [(wanted[heading text], HTML)]."""
    headings = [(m, " ".join(html.unescape(_TAG.sub("", m.group(2))).replace("\u00b6", "").split())) for m in _HEADING.finditer(fragment)]
    found = []
    for index, (match, text) in enumerate(headings):
        if text in wanted:
            end = next((m.start() for m, t in headings[index + 1 :] if t in known or t in wanted), len(fragment))
            found.append((wanted[text], fragment[match.end() : end]))
    return found


# --------------------------------------------------------------------------- Markdown, as the site renders it

# What could render to more than allowed prose (headings, images, raw HTML,
# attribute lists, code blocks, boxes, tables, footnotes, reference links);
# a text without any of it renders to paragraphs, lists, quotes, emphasis,
# inline code and links to full addresses only.
# Four spaces make a code block after a line's start, a list's or a definition's marker: wherever they stand, they count.
_TRIGGER_CHARACTERS = ("<", "{", "#", "|", "\t", "\\", "[", "]", "!!!", "???", "```", "~~~", "    ")
# A line of only = or - (after quote marks): under a text line, a heading.
_TRIGGER_LINES = re.compile(r"\n[ >]*(?:=+|-+)[ \t]*(?=\n|$)")
# `<https://…>` and `<name@example.org>`: Markdown's autolinks, to a web or an e-mail address.
_PLAIN_AUTOLINK = re.compile(r"<(?:https?://[^\s<>\"'`\\]+|(?:mailto:)?[^\s<>\"'`\\!@:]+@[^\s<>\"'`\\@]+)>")
# `[text](https://…)`, not an image, not escaped, not part of a reference.
_PLAIN_LINK = re.compile(r"(?<![!\\\]])\[([^\[\]\n\0]*)\]\((?:https?|mailto):[^\s()<>\"'\\]+\)")


def _needs_rendering(text: str) -> bool:
    """Whether `text` could render to anything outside the allow-list."""
    if "<" in text:
        # A NUL (never in a text: the reader refuses it) stands for the link, and keeps it out of a link's text.
        text = _PLAIN_AUTOLINK.sub("\0", text)
    if "](" in text:
        text = _PLAIN_LINK.sub(r"\1", text)
    return any(trigger in text for trigger in _TRIGGER_CHARACTERS) or bool(_TRIGGER_LINES.search("\n" + text))


# On its page each text is followed by a heading. The texts of a page are rendered together, each followed
# by a heading of its own, and then by what closes a ``` or ~~~ fence, an HTML comment or block: what a
# text opens and does not close swallows the heading after it, as it would swallow the page's next ones.
_END_OF_TEXT = "govtech-end-of-text"
_CLOSERS = "```\n\n~~~\n\n-->\n\n?>\n\n]]>\n"
_END_HEADING = re.compile(rf"<h2\b[^>]*>\s*{_END_OF_TEXT}-(\d+).*?</h2>\n?", re.DOTALL)


@dataclass
class RenderedTexts:
    """A page's texts as the page renders them."""

    html: list[str | None]  # each text's HTML; None for a text that leaves something open (and the texts it swallows)
    opened: list[bool]  # whether each text left something open
    after: str  # what the page adds after its texts (footnotes)
    references: dict[str, tuple[str, str | None]]  # the link references the texts define, by label


class MarkdownTexts:
    """Python-Markdown with the site's extensions, one instance reused (`reset()`) for every page."""

    def __init__(self, extensions: list[str], settings: dict[str, dict[str, Any]]) -> None:
        self._md = markdown.Markdown(extensions=extensions, extension_configs=settings)
        self._closers = self.render([]).after

    def page(self, text: str) -> str:
        """A whole page's Markdown as HTML, rendered as the site renders it."""
        self._md.reset()
        return self._md.convert(text)

    def render(self, texts: list[str]) -> RenderedTexts:
        """The texts of one page, rendered together as their page renders them: link references, footnotes
        and abbreviations one text defines reach the others, and what one text opens swallows what follows."""
        md = self._md
        md.reset()
        rendered = md.convert("".join(f"{text}\n\n## {_END_OF_TEXT}-{i}\n\n" for i, text in enumerate(texts)) + _CLOSERS)
        ends = {int(m.group(1)): m for m in _END_HEADING.finditer(rendered)}
        html_of: list[str | None] = []
        opened, start, swallowing = [], 0, False
        for index in range(len(texts)):
            end = ends.get(index)
            opened.append(end is None and not swallowing)
            if end is None:
                swallowing = True
                html_of.append(None)
                continue
            html_of.append(None if swallowing else rendered[start : end.start()].strip("\n"))
            start, swallowing = end.end(), False
        # After the last text: what closes any fence (as text, when nothing was left open), then what the page
        # adds (footnotes); when a text was left open, what it swallowed.
        after = "" if swallowing else rendered[start:]
        if hasattr(self, "_closers") and after.startswith(self._closers):
            after = after[len(self._closers) :]
        return RenderedTexts(html_of, opened, after.strip("\n"), dict(md.references))

    def check_page(self, texts: list[str]) -> list[list[Markup]]:
        """For each of a page's texts, what it renders to (where it stands on the page) that the allow-list does not keep."""
        found: list[list[Markup]] = [[] for _ in texts]
        # Only texts that could hold markup are rendered, together: the others define nothing (no link
        # reference, footnote or abbreviation) and open nothing, so they cannot change what these become.
        marked = [index for index, text in enumerate(texts) if _needs_rendering(text)]
        if not marked:
            return found
        rendered = self.render([texts[index] for index in marked])
        for index, html_of, opened in zip(marked, rendered.html, rendered.opened, strict=True):
            if opened:
                found[index].append(Markup("text", "not closed"))
            elif html_of is not None:
                found[index] += disallowed(html_of)
        if rendered.after:
            # What the page adds after the texts (footnotes) belongs to the texts that ask for it.
            askers = [index for index in marked if "[^" in texts[index]] or [marked[-1]]
            found[askers[0]] += disallowed(rendered.after) or [Markup("div", None)]
        for label, (url, _title) in rendered.references.items():
            # A definition renders nothing where it stands, but becomes the link wherever its label is used.
            if markups := disallowed(f'<a href="{html.escape(url)}">{html.escape(label)}</a>'):
                definition = re.compile(rf"^[ >]*\[{re.escape(label)}\]:", re.IGNORECASE | re.MULTILINE)
                found[next((index for index in marked if definition.search(texts[index])), marked[-1])] += markups
        return found

    def check(self, text: str) -> list[Markup]:
        """What `text`, rendered alone on a page, renders to that the allow-list does not keep."""
        return self.check_page([text])[0]


def site_markdown(extensions: tuple[str, ...], settings: tuple[tuple[str, Any], ...]) -> MarkdownTexts:
    """The Markdown of a site with these extensions (hashable forms of mkdocs.yml's list)."""
    return _markdown_for(extensions, settings)


@lru_cache(maxsize=4)
def _markdown_for(extensions: tuple[str, ...], settings: tuple[tuple[str, Any], ...]) -> MarkdownTexts:
    return MarkdownTexts(list(extensions), {name: _thawed(value) for name, value in settings})


def frozen(value: Any) -> Any:
    """`value` (plain data from YAML) in a hashable form."""
    if isinstance(value, dict):
        return tuple(sorted((k, frozen(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("__list__", tuple(frozen(v) for v in value))
    return value


def _thawed(value: Any) -> Any:
    if isinstance(value, tuple) and value[:1] == ("__list__",):
        return [_thawed(v) for v in value[1]]
    if isinstance(value, tuple):
        return {k: _thawed(v) for k, v in value}
    return value


# --------------------------------------------------------------------------- plain words


@dataclass(frozen=True)
class Explanation:
    """What an editor reads: the mistake and its fix, and where in the text it was written."""

    message: str
    where: re.Pattern[str] | None = None


def explain(markup: Markup, source: str) -> Explanation:
    """Why `markup` (found in what `source` rendered to) is refused, and what to write instead."""
    tag, attribute, classes = markup.tag, markup.attribute, markup.classes
    if tag == "!--":
        return Explanation("contains an HTML comment (`<!--`); delete it.", re.compile(r"<!"))
    if tag == "text":
        return Explanation(
            "opens something it does not close: a code block (a line of ``` or ~~~), an HTML comment (`<!--`) or HTML; "
            "on the page it would swallow the headings and texts after it. Delete it, or write plain text.",
            re.compile(r"```|~~~|<"),
        )
    if attribute == "not closed":
        return Explanation(f"contains HTML (`<{tag}>`) that is not closed; write Markdown instead, such as *text* or **text**.", _written_tag(tag))
    if attribute == "href":
        address = _INVISIBLE.sub("", html.unescape(markup.value))
        scheme = _SCHEME.match(address)
        if scheme:
            return Explanation(
                f"links to `{scheme.group(0)}`; only https://, http:// and mailto: links are allowed.", re.compile(re.escape(scheme.group(0)), re.IGNORECASE)
            )
        return Explanation(
            f"links to `{address[:60]}`, which is not a full address; write the whole address, starting with https://.",
            re.compile(re.escape(markup.value[:60])) if markup.value else None,
        )
    written = _written_tag(tag)
    if written.search(source):
        return Explanation(f"contains HTML (`<{tag}…`); write plain text or Markdown instead.", written)
    if tag == "img":
        return Explanation(
            "shows an image (`![…]`); images are not allowed in challenge texts, link to the page instead: [text](https://…).", re.compile(r"!\[")
        )
    if re.fullmatch(r"h[1-6]", tag):
        return Explanation(
            "contains a heading (a line starting with `#`, or a line of `=` or `-` under text); "
            "the page makes its own headings, so write **bold text** instead.",
            re.compile(r"^[ >]*(?:#|(?:=+|-+)[ \t]*$)", re.MULTILINE),
        )
    if tag in ("pre", "code") or "highlight" in classes:
        return Explanation(
            "contains a code block (lines indented by four spaces, or between lines of ``` or ~~~); remove the extra indentation or the fence lines.",
            re.compile(r"```|~~~|^[ >]*(?: {4}|\t)", re.MULTILINE),
        )
    if tag in ("input", "label") or classes & {"task-list", "task-list-item", "task-list-control", "task-list-indicator"}:
        return Explanation("contains a checkbox (`[ ]` or `[x]` at the start of a list item); write a plain list item instead.", re.compile(r"\[[ xX]\]"))
    if tag == "sup" or classes & {"footnote", "footnote-ref", "footnote-backref"}:
        return Explanation("contains a footnote (`[^…]`); write the note into the text instead.", re.compile(r"\[\^"))
    if tag in ("details", "summary") or classes & {"admonition", "admonition-title"}:
        return Explanation("contains a box (a line starting with `!!!` or `???`); write a plain paragraph instead.", re.compile(r"!!!|\?\?\?"))
    if "toc" in classes:
        return Explanation("contains `[TOC]`, which makes a table of contents; delete it.", re.compile(r"\[TOC\]"))
    if attribute is not None and "{" in source:
        return Explanation(
            "contains an attribute list (`{…}` after a text); curly-brace attributes are not allowed in challenge texts. "
            "Delete it, or write a backslash before the `{` to show the braces as text.",
            re.compile(r"\{[^}\n]*\}?"),
        )
    return Explanation(f"renders to markup that is not allowed (`{markup}`); write plain text or Markdown instead.")


def _written_tag(tag: str) -> re.Pattern[str]:
    """Where `<tag` is written by hand in a text."""
    return re.compile(rf"<\s*/?\s*{re.escape(tag)}(?![A-Za-z0-9-])", re.IGNORECASE)
