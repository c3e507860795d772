"""The allow-list challenge texts are held to (govtech.reading.html_safety), tested directly with payloads."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import examples
from govtech.reading.html_safety import _needs_rendering, disallowed, explain
from govtech_mkdocs.project_config import project_settings
from mutations import MARKUP

ROOT = Path(__file__).resolve().parents[1]
MARKDOWN = project_settings(ROOT).markdown()

# HTML a rendered text must never keep: each is refused, naming what the allow-list does not keep.
PAYLOADS = {
    "video": ('<p><video src="https://example.org/v.mp4" autoplay></video></p>', "<video>"),
    "audio": ('<audio src="https://example.org/a.mp3" autoplay></audio>', "<audio>"),
    "source": ('<p><source src="https://example.org/a.mp3"></p>', "<source>"),
    "image": ('<p><img src="https://tracker.example/p.gif" alt=""></p>', "<img>"),
    "svg": ('<svg onload="alert(1)"><circle r="1"/></svg>', "<svg>"),
    "iframe": ('<iframe src="https://example.org/"></iframe>', "<iframe>"),
    "object": ('<object data="https://example.org/x.swf"></object>', "<object>"),
    "embed": ('<embed src="https://example.org/x.swf">', "<embed>"),
    "style element": ("<style>body{display:none}</style>", "<style>"),
    "script": ("<script>alert(1)</script>", "<script>"),
    "form": ('<form action="https://evil.example/"><button formaction="javascript:alert(1)">x</button></form>', "<form>"),
    "button with formaction": ('<p><button formaction="https://evil.example/">x</button></p>', "<button>"),
    "style attribute": ('<p style="position:fixed;inset:0">x</p>', "<p style='position:fixed;inset:0'>"),
    "event attribute": ('<p onmouseover="alert(1)">x</p>', "<p onmouseover='alert(1)'>"),
    "event attribute on a link": ('<a href="https://example.org/" onclick="alert(1)">x</a>', "<a onclick='alert(1)'>"),
    "javascript: link": ('<a href="javascript:alert(1)">x</a>', "<a href='javascript:alert(1)'>"),
    "javascript: link, encoded": ('<a href="java&#115;cript&#58;alert(1)">x</a>', "<a href='javascript:alert(1)'>"),
    "javascript: link, spaced": ('<a href=" JaVa\tScRiPt:alert(1)">x</a>', "<a href=' JaVa\\tScRiPt:alert(1)'>"),
    "data: link": ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "<a href='data:text/html;base64,PHNjcmlwdD4='>"),
    "relative link": ('<a href="../guides/">x</a>', "<a href='../guides/'>"),
    "protocol-relative link": ('<a href="//evil.example/">x</a>', "<a href='//evil.example/'>"),
    "srcset": ('<p><img srcset="https://tracker.example/p.gif 1x"></p>', "<img>"),
    "srcset on an allowed element": ('<p srcset="https://tracker.example/p.gif 1x">x</p>', "<p srcset='https://tracker.example/p.gif 1x'>"),
    "ping": ('<a href="https://example.org/" ping="https://tracker.example/">x</a>', "<a ping='https://tracker.example/'>"),
    "target": ('<a href="https://example.org/" target="_blank">x</a>', "<a target='_blank'>"),
    "class and id": ('<p class="md-header" id="x">x</p>', "<p class='md-header'>"),
    "comment": ("<p>x</p><!-- hidden -->", "<!--"),
    "meta refresh": ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "<meta>"),
    "base": ('<base href="https://evil.example/">', "<base>"),
    "link": ('<link rel="stylesheet" href="https://evil.example/x.css">', "<link>"),
    "details": ("<details open><summary>x</summary>y</details>", "<details>"),
    "heading": ("<h2>A second title</h2>", "<h2>"),
    "unclosed emphasis": ("<p><em>x</p>", "<em not closed>"),
    "style property other than alignment": (
        '<table><tbody><tr><td style="text-align: left; color: red">x</td></tr></tbody></table>',
        "<td style='text-align:left;color:red'>",
    ),
}


@pytest.mark.parametrize("fragment, named", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_each_payload_is_refused_and_named(fragment: str, named: str) -> None:
    found = disallowed(fragment)
    assert found, fragment
    assert str(found[0]) == named
    # The editor reads what was written and where: the tag (or the link's address), not the catch-all message.
    message = explain(found[0], fragment).message
    assert f"<{found[0].tag}" in message or message.startswith("links to `"), message
    assert not message.startswith("renders to markup that is not allowed"), message


# What plain prose renders to: kept exactly as it is.
PROSE = {
    "paragraphs": "<p>One.</p>\n<p>Two &amp; three, 5 &lt; 10.</p>",
    "line break and rule": "<p>a<br />\nb</p>\n<hr />",
    "emphasis and code": "<p><em>a</em> <strong>b</strong> <code>c &lt;d&gt;</code></p>",
    "links": '<p><a href="https://example.org/?a=1&amp;b=2" title="t">x</a> <a href="http://example.org/">y</a> <a href="mailto:office@example.org">z</a></p>',
    "obfuscated e-mail link": '<p><a href="&#109;&#97;&#105;&#108;&#116;&#111;&#58;&#97;&#64;&#98;&#46;&#100;&#107;">&#97;&#64;&#98;&#46;&#100;&#107;</a></p>',
    "lists": "<ul>\n<li>a</li>\n<li>b<ol>\n<li>c</li>\n</ol>\n</li>\n</ul>",
    "quote": "<blockquote>\n<p>q</p>\n</blockquote>",
    "definition list": "<dl>\n<dt>Term</dt>\n<dd>Definition</dd>\n</dl>",
    "abbreviation": '<p><abbr title="General Data Protection Regulation">GDPR</abbr></p>',
    "aligned table": '<table>\n<thead>\n<tr>\n<th style="text-align: left;">a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td style="text-align: right;">1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>',
}


@pytest.mark.parametrize("fragment", PROSE.values(), ids=PROSE.keys())
def test_plain_prose_is_kept(fragment: str) -> None:
    assert disallowed(fragment) == []


# Markdown as editors write it, rendered with the site's own extensions (mkdocs.yml), that must pass.
HARMLESS_MARKDOWN = [
    "5 < 10 and 3 > 2, a<3 heart.",
    "Replace {WORD} with the name; {: this} is text.",
    "Read <https://example.org/guide> or write to <office@example.org>.",
    'A [link](https://example.org/a_b) and a [reference][r].\n\n[r]: https://example.org/r "Title"',
    "- one\n- two\n\n1. first\n2. second\n\n> quoted\n\n---\n\nEnd.",
    "E-invoice\n:   An invoice in a fixed format.",
    "GDPR applies.\n\n*[GDPR]: General Data Protection Regulation",
    "| Quarter | Share |\n|:--|--:|\n| 1 | 40 % |",
    "Prices in `EUR` and **bold lead-ins:** work, as do *stars* and _underscores_.",
    "Entities such as &lt;script&gt; and &#60;img&#62; stay text.",
]


@pytest.mark.parametrize("text", HARMLESS_MARKDOWN)
def test_harmless_markdown_renders_within_the_allow_list(text: str) -> None:
    assert MARKDOWN.check(text) == []


REFUSED_MARKDOWN = {
    "image": ("![x](https://tracker.example/p.gif)", "shows an image"),
    "image by reference": ("![x][p]\n\n[p]: https://tracker.example/p.gif", "shows an image"),
    "image with brackets": ("![a [b] c](https://tracker.example/p.gif)", "shows an image"),
    "javascript: by reference, used elsewhere on the page": ("[p]: javascript:alert(1)", "links to `javascript:`"),
    "relative link": ("[guides](../guides/)", "which is not a full address"),
    "heading": ("Text\n\n## Title", "contains a heading"),
    "underlined heading": ("Title\n---", "contains a heading"),
    "indented code": ("Text\n\n    code", "contains a code block"),
    "fenced code": ("```\ncode\n```", "contains a code block"),
    "fence left open": ("```\ncode", "opens something it does not close"),
    "comment left open": ("<!-- hidden", "opens something it does not close"),
    "checkbox": ("- [ ] task", "contains a checkbox"),
    "footnote": ("Text[^1]\n\n[^1]: Note", "contains a footnote"),
    "box": ("!!! note\n    Boxed", "contains a box"),
    "details": ("??? note\n    Hidden", "contains a box"),
    "table of contents": ("[TOC]", "contains `[TOC]`"),
    "attribute list": ('Text\n{: onclick="alert(1)"}', "contains an attribute list"),
    "raw video": ('<video src="https://example.org/v.mp4"></video>', "contains HTML (`<video…`)"),
}


@pytest.mark.parametrize("text, message", REFUSED_MARKDOWN.values(), ids=REFUSED_MARKDOWN.keys())
def test_markdown_that_renders_beyond_the_allow_list_is_refused_with_its_fix(text: str, message: str) -> None:
    found = MARKDOWN.check(text)
    assert found
    assert message in explain(found[0], text).message


# Pieces of prose and Markdown that need no rendering on their own; put together, some do (a line of
# `-` under text, four spaces): those the screen sends to rendering, the rest must render within the list.
PROSE_PIECES = st.sampled_from(
    [
        "a",
        "b c",
        "Æble ø",
        " ",
        "  ",
        "    ",
        "\n",
        "\n\n",
        "  \n",
        "-",
        "- ",
        "+ ",
        "* ",
        "1. ",
        "2) ",
        "=",
        "*",
        "**",
        "_",
        "__",
        ":",
        ":   ",
        "!",
        "?",
        "(",
        ")",
        ">",
        "> ",
        "&",
        "&amp;",
        "&lt;",
        "&#60;",
        "&#x3C;script&#x3E;",
        "`",
        "``",
        "~",
        "^",
        "%",
        '"',
        "'",
        "---",
        "***",
        "___",
        "https://example.org/x",
        "javascript:alert(1)",
        "mailto:a@b.dk",
        "www.example.org",
        "[a](https://example.org/)",
        "[*a*](https://example.org/x_y)",
        "[a](mailto:a@b.dk)",
        "[`a`](http://example.org/)",
        "<https://example.org/a?b=1&c=2#d>",
        "<http://example.org>",
        "<office@example.org>",
        "<mailto:office@example.org>",
        "<a.b+c@example.org?subject=x>",
        "[<https://example.org/>](https://example.org/)",
    ]
)


@settings(max_examples=examples(3000), deadline=None)
@given(st.lists(PROSE_PIECES, max_size=16))
def test_texts_the_screen_lets_through_unrendered_render_within_the_allow_list(pieces: list[str]) -> None:
    """The validator renders only texts that could hold markup; every other text, rendered in full, must pass."""
    text = "".join(pieces)
    assume(not _needs_rendering(text))
    rendered = MARKDOWN.render([text]).html[0]
    assert rendered is not None and disallowed(rendered) == [], (text, rendered)


@settings(max_examples=examples(500), deadline=None)
@given(st.lists(st.one_of(MARKUP, PROSE_PIECES), max_size=8))
def test_any_text_is_answered_without_error(pieces: list[str]) -> None:
    """Whatever an editor writes, the check answers: a list of named problems, each with a message."""
    text = "".join(pieces)
    found = MARKDOWN.check(text)
    explanations = [explain(markup, text) for markup in found]  # raises on markup it cannot explain
    # Each says the mistake, then its fix: "contains …; write … instead."
    assert all(e.message.endswith(".") and "; " in e.message for e in explanations), [e.message for e in explanations]
