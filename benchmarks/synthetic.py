"""Synthetic but realistic challenge files for the benchmarks.

The texts come from a word-pair (order-2) Markov chain per language, trained
on the real challenges and the hand-written pages of that language: real
Danish, German and English words in realistic proportions, never one repeated
string. Every field of the schema is filled in every language, with lengths
close to those of the real challenges and within the schema's limits, and
with the Markdown the real files use (paragraphs, lists, bold lead-ins,
links). The generator is seeded, so the same N gives the same files.
"""

from __future__ import annotations

import json
import random
import re
import textwrap
from datetime import date, timedelta
from pathlib import Path

import yaml

LANGUAGES = ("da", "de", "en")
THEMES = ("data-ethics", "invoicing", "safety-inspections", "scan-technology", "user-data")
STATUSES = ("definition", "open-call", "selection", "proof-of-concept", "closed")
TEXT_FIELDS = ("title", "summary", "question", "background", "looking_for", "constraints", "proof_of_concept")

# Characters that would make Markdown (or HTML) out of a word; the real files' markup is added on purpose below.
_MARKUP = re.compile(r"[*_\[\]()#<>|`\\!{}~=+^]")
_START = "\x02"


def _words(text: str) -> list[str]:
    """The words of `text`, stripped of Markdown and HTML characters."""
    words = []
    for token in text.split():
        token = _MARKUP.sub("", token).strip("\"'“”„«»:;-–—/")
        if token and any(ch.isalpha() for ch in token) and "://" not in token and "." not in token.rstrip(".?"):
            words.append(token)
    return words


def _prose(markdown: str) -> str:
    """The running text of a Markdown page: no front matter, headings, admonition lines, tables or HTML."""
    markdown = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.DOTALL)
    keep = []
    for line in markdown.splitlines():
        stripped = line.strip()
        if stripped.startswith(("#", "!!!", "???", "|", "<", "*[", "[^", ":")) or set(stripped) <= set("-=*_ "):
            keep.append("")
            continue
        keep.append(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", stripped.lstrip("-*0123456789. ")))
    return "\n".join(keep)


class Chain:
    """An order-2 word Markov chain for one language."""

    def __init__(self, texts: list[str]) -> None:
        self.next: dict[tuple[str, str], list[str]] = {}
        for text in texts:
            for sentence in re.split(r"(?<=[.?])\s+", " ".join(text.split())):
                words = _words(sentence)
                if len(words) < 4:
                    continue
                if not words[-1].endswith((".", "?")):
                    words[-1] += "."
                state = (_START, _START)
                for word in words:
                    self.next.setdefault(state, []).append(word)
                    state = (state[1], word)
        self.starts = [key for key in self.next if key[0] == _START]

    def sentence(self, rng: random.Random, low: int, high: int, end: str = ".") -> str:
        """A sentence of `low` to `high` characters ending in `end`."""
        for _ in range(200):
            words: list[str] = []
            state = (_START, _START)
            while True:
                choices = self.next.get(state)
                if not choices:
                    break
                word = rng.choice(choices)
                words.append(word)
                state = (state[1], word)
                if word.endswith((".", "?")) or len(" ".join(words)) > high:
                    break
            text = " ".join(words).rstrip(".?,;:") + end
            text = text[0].upper() + text[1:]
            if low <= len(text) <= high:
                return text
        raise RuntimeError("the chain cannot make a sentence of that length")

    def phrase(self, rng: random.Random, low: int, high: int) -> str:
        """A capitalised fragment of `low` to `high` characters, without end punctuation."""
        for _ in range(200):
            text = self.sentence(rng, 10, 400)
            words = text.rstrip(".?").split()
            n = rng.randint(2, 9)
            start = rng.randint(0, max(0, len(words) - n))
            fragment = " ".join(words[start : start + n]).strip(",;:")
            if low <= len(fragment) <= high and fragment[:1].isalpha():
                return fragment[0].upper() + fragment[1:]
        raise RuntimeError("the chain cannot make a phrase of that length")


def corpus(root: Path) -> dict[str, Chain]:
    """A chain per language, trained on the project's real challenges and pages."""
    texts: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    for file in sorted((root / "challenges").glob("*.yml")):
        if file.name.startswith("_"):
            continue
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        for lang in LANGUAGES:
            texts[lang] += [_prose(data[lang][key]) for key in TEXT_FIELDS if key in data[lang]]
    for page in sorted((root / "docs").rglob("*.md")):
        if "challenges" in page.parts or "reference" in page.parts:
            continue
        suffix = page.suffixes[-2] if len(page.suffixes) > 1 else ""
        lang = suffix.lstrip(".") if suffix in (".de", ".en") else "da"
        texts[lang].append(_prose(page.read_text(encoding="utf-8")))
    return {lang: Chain(texts[lang]) for lang in LANGUAGES}


def _wrap(text: str, indent: str = "", first: str = "") -> str:
    return textwrap.fill(text, width=72, initial_indent=first, subsequent_indent=indent, break_on_hyphens=False)


def _paragraph(chain: Chain, rng: random.Random, sentences: int) -> str:
    return _wrap(" ".join(chain.sentence(rng, 40, 220) for _ in range(sentences)))


def _bullets(chain: Chain, rng: random.Random, items: int, bold: bool) -> str:
    lines = []
    for _ in range(items):
        body = chain.sentence(rng, 40, 200)
        body = body[0].lower() + body[1:] if not bold else body
        if bold:
            body = f"**{chain.phrase(rng, 6, 30)}:** {body}"
        lines.append(_wrap(body, indent="  ", first="- "))
    return "\n".join(lines)


def _long_text(chain: Chain, rng: random.Random, kind: str, link: str) -> str:
    """One Markdown field of roughly the real files' length (800 to 2,000 characters)."""
    if kind == "background":
        parts = [_paragraph(chain, rng, rng.randint(2, 4)) for _ in range(rng.randint(2, 4))]
    elif kind == "looking_for":
        parts = [_paragraph(chain, rng, rng.randint(1, 2)), _bullets(chain, rng, rng.randint(3, 5), False), _paragraph(chain, rng, rng.randint(1, 2))]
    elif kind == "constraints":
        parts = [_bullets(chain, rng, rng.randint(3, 5), True), _paragraph(chain, rng, 1)]
    else:
        parts = [_paragraph(chain, rng, 2), _bullets(chain, rng, rng.randint(3, 5), False), _paragraph(chain, rng, 1)]
    # One in three texts points somewhere, as the real ones sometimes do.
    if rng.random() < 1 / 3:
        parts[-1] += f" [{chain.phrase(rng, 8, 50)}]({link})"
    text = "\n\n".join(parts)
    while len(text) > 2900:
        parts.pop(len(parts) // 2)
        text = "\n\n".join(parts)
    return text + "\n"


def challenge(index: int, chains: dict[str, Chain], owners: dict[str, dict], today: date) -> dict:
    """The data of synthetic challenge number `index`, every field filled in every language."""
    rng = random.Random(f"bench-{index}")
    owner = rng.choice(sorted(owners))
    domain = owners[owner]["url"].split("//", 1)[1]
    ident = f"bench-{index:04d}"
    published = today + timedelta(days=rng.randint(-400, 200))
    deadline = published + timedelta(days=rng.randint(14, 120))
    links = [
        f"https://{domain}/udfordringer/{ident}/{rng.choice(['rapport', 'data', 'analyse', 'vejledning', 'tal'])}-{n + 1}" for n in range(rng.randint(2, 5))
    ]
    data: dict = {
        "id": ident,
        "theme": rng.choice(THEMES),
        "owner": owner,
        "status": rng.choice(STATUSES),
        "dates": {"published": published.isoformat(), "deadline": deadline.isoformat()},
        "contact": f"mailto:{ident}@{domain}" if rng.random() < 0.5 else f"https://{domain}/kontakt/{ident}",
        "links": [{"url": url, **{lang: chains[lang].phrase(rng, 12, 100) for lang in LANGUAGES}} for url in links],
    }
    for lang in LANGUAGES:
        chain = chains[lang]
        data[lang] = {
            "title": chain.phrase(rng, 15, 80),
            "summary": chain.sentence(rng, 60, 155, "."),
            "question": chain.sentence(rng, 60, 290, "?"),
            **{kind: _long_text(chain, rng, kind, links[0]) for kind in ("background", "looking_for", "constraints", "proof_of_concept")},
        }
    return data


def to_yaml(data: dict) -> str:
    """The file as an editor would write it: short texts on one line, long ones as literal blocks."""

    def scalar(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    out = ["# yaml-language-server: $schema=../schema/challenge.schema.json"]
    for key in ("id", "theme", "owner", "status"):
        out.append(f"{key}: {data[key]}")
    out.append("dates:")
    out += [f"  {k}: {v}" for k, v in data["dates"].items()]
    out.append(f"contact: {scalar(data['contact'])}")
    out.append("links:")
    for link in data["links"]:
        out.append(f"  - url: {scalar(link['url'])}")
        out += [f"    {lang}: {scalar(link[lang])}" for lang in LANGUAGES]
    for lang in LANGUAGES:
        out += ["", f"{lang}:"]
        for key in TEXT_FIELDS:
            value = data[lang][key]
            if "\n" in value:
                out.append(f"  {key}: |")
                out += [f"    {line}" if line else "" for line in value.rstrip("\n").split("\n")]
            else:
                out.append(f"  {key}: {scalar(value)}")
    return "\n".join(out) + "\n"


def write_challenges(root: Path, target: Path, n: int, today: date) -> list[Path]:
    """Write `n` synthetic challenges (bench-0001 …) into the challenges folder `target`."""
    chains = corpus(root)
    owners = yaml.safe_load((root / "challenges" / "_owners.yml").read_text(encoding="utf-8"))
    files = []
    for index in range(1, n + 1):
        data = challenge(index, chains, owners, today)
        file = target / f"{data['id']}.yml"
        file.write_text(to_yaml(data), encoding="utf-8")
        files.append(file)
    return files
