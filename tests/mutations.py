"""Hypothesis strategies that change the real challenge files the way editors and attackers do."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
REAL = {f.name: f.read_text(encoding="utf-8") for f in sorted((ROOT / "challenges").glob("[!_]*.yml"))}
LANGUAGES = ("da", "de", "en")
MARKDOWN_FIELDS = ("background", "looking_for", "constraints", "proof_of_concept")
PLAIN_FIELDS = ("title", "summary", "question")


def cut(text: str, data: st.DataObject) -> str:
    return text[: data.draw(st.integers(0, len(text)))]


def insert(text: str, data: st.DataObject, what: str) -> str:
    at = data.draw(st.integers(0, len(text)))
    return text[:at] + what + text[at:]


def line_op(text: str, data: st.DataObject, op: str) -> str:
    lines = text.splitlines(keepends=True)
    i = data.draw(st.integers(0, len(lines) - 1))
    if op == "delete":
        del lines[i]
    elif op == "duplicate":
        lines.insert(i, lines[i])
    else:  # retype: a line's value becomes a list, a mapping, a number, a yes/no or nothing
        key = lines[i].split(":")[0]
        lines[i] = (
            key + ": " + data.draw(st.sampled_from(["[1, 2]", "{a: b}", "12", "no", "on", "", "null", "~", "2019-02-30", "&a x", "*a", "!!binary aGk="])) + "\n"
        )
    return "".join(lines)


NASTY = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "\t",
            "\x00",
            "\x1b[31m",
            "\u202e",
            "\ufeff",
            "\ud7ff",
            "&a",
            "*a",
            "<<: *a",
            "? x",
            "- - -",
            "{{",
            "%YAML 1.1\n",
            "---\n",
            "...\n",
            "x" * 20_000,
            "[" * 500,
            "a:\n" + "  b:\n" * 60,
            '"unclosed',
            "'",
            "|\n",
            ": :",
            "#",
            "é",
            "日本語",
            "🙂",
        ]
    ),
)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str]:
    """A real challenge file, its text mutated one to three times: (file name, text)."""
    name = draw(st.sampled_from(sorted(REAL)))
    text = REAL[name]
    data = draw(st.data())
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(["delete", "duplicate", "retype", "cut", "insert"]))
        if op == "cut":
            text = cut(text, data)
        elif op == "insert":
            text = insert(text, data, data.draw(NASTY))
        else:
            text = line_op(text, data, op) if text.strip() else text
    return name, text


# Pieces of Markdown, HTML and text that change what a challenge text renders to, harmless or not.
MARKUP = st.sampled_from(
    [
        "<",
        ">",
        "5 < 10",
        "a<b and c>d",
        "{WORD}",
        "{: .x}",
        '{: onclick="x"}',
        "\n{: #id}\n",
        "&lt;",
        "&#60;script&#62;",
        "&",
        "\\",
        "<https://example.org/a>",
        "<mailto:office@example.org>",
        "<office@example.org>",
        "<javascript:alert(1)>",
        "[a](https://example.org/)",
        "[a](javascript:alert(1))",
        "[a](data:text/html,x)",
        "[a](page.md)",
        "[a](#x)",
        "[a](//evil.example/)",
        "[a][p]",
        "[p]",
        "\n\n[p]: https://example.org/p\n",
        "\n\n[p]: javascript:alert(1)\n",
        "![x](https://example.org/p.png)",
        "![x][p]",
        "![a [b] c](https://example.org/p.png)",
        "[a [b] c](https://example.org/)",
        "\n\n# Heading\n\n",
        "\n===\n",
        "\n---\n",
        "\n\n---\n\n",
        "\n\n    code\n\n",
        "\n\n```\ncode\n```\n\n",
        "\n\n```\n",
        "\n~~~\n",
        "\n\n- item\n- [ ] task\n",
        "\n\n1. one\n2. two\n",
        "\n\n> quote\n",
        "\n\nTerm\n:   definition\n",
        "\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n",
        "[^1]",
        "\n\n[^1]: note\n",
        "\n\n*[GDPR]: General Data Protection Regulation\n",
        "GDPR",
        "\n\n!!! note\n    boxed\n",
        "\n\n??? more\n    x\n",
        "[TOC]",
        "<!-- c -->",
        "<!--",
        "-->",
        "<em>",
        "</em>",
        "<em>x</em>",
        '<abbr title="t">x</abbr>',
        "<b>x</b>",
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "<div markdown>x</div>",
        "<p>x</p>",
        "<br>",
        "  \n",
        "*em*",
        "**strong**",
        "`code`",
        "``a`b``",
        "_x_",
        "\u00a0",
        "»citat«",
        "„Zitat“",
        "“quote”",
        "é",
        "🙂",
        "\t",
        "\n",
        "\n\n",
    ]
)
CONTACTS = st.sampled_from(
    [
        "mailto:office",
        "mailto:office@example.org",
        "mailto:a.b+c@example.org?subject=GovTech",
        "mailto:a!b@example.org",
        "mailto:a@b@example.org",
        "https://example.org/",
        "https://example.org/a(b)c",
        "https://example.org/?a=1&b=2",
        "http://example.org/x'y",
        "HTTPS://EXAMPLE.ORG/",
        "https://",
        "ftp://example.org/",
        "javascript:alert(1)",
        "https://example.org/a b",
        "mailto:",
    ]
)


@st.composite
def marked_up(draw: st.DrawFn) -> tuple[str, dict]:
    """A real challenge file's data with pieces of markup put into its texts and its contact: (file name, data)."""
    name = draw(st.sampled_from(sorted(REAL)))
    data = yaml.safe_load(REAL[name])
    for _ in range(draw(st.integers(1, 4))):
        lang = draw(st.sampled_from(LANGUAGES))
        field = draw(st.sampled_from(MARKDOWN_FIELDS + MARKDOWN_FIELDS + PLAIN_FIELDS + ("contact",)))
        if field == "contact":
            data["contact"] = draw(CONTACTS)
            continue
        text = data[lang].get(field) or "A text long enough for the schema's minimum."
        pieces = draw(st.lists(MARKUP, min_size=1, max_size=3))
        for piece in pieces:
            at = draw(st.integers(0, len(text)))
            text = text[:at] + piece + text[at:]
        data[lang][field] = text
    return name, data
