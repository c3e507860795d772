"""The programme's rounds: `challenges/_rounds.yml`, checked at file:line, and the `round:` a challenge names.

The schema (`schema/rounds.schema.json`) checks each field; this module adds
what a schema cannot say: an owner's key is in `_owners.yml`, a country code
names a country, a round does not end before it starts, and a challenge's
`round:` is a key of the rounds file.
"""

from __future__ import annotations

import difflib
from dataclasses import replace
from pathlib import Path
from typing import Any

from babel import Locale

from govtech import LANGUAGES
from govtech.model import Challenge, Month, Round, RoundFirm, RoundOwner, Source
from govtech.model import Owner as SiteOwner
from govtech.problems import Problem
from govtech.reading.html_safety import MarkdownTexts
from govtech.reading.validation import schema_problems, text_problems
from govtech.reading.yaml_reader import Document, read_yaml

ROUNDS_FILE = "_rounds.yml"
# The two-letter codes of the countries (and regions) Babel names; "UK" is the one editors write most often for GB.
_COUNTRIES = frozenset(code for code in map(str, Locale("en").territories) if len(code) == 2 and code.isalpha() and code not in ("ZZ", "EU", "EZ", "UN", "QO"))
_LIKELY = {"UK": "GB", "EN": "GB", "DA": "DK", "SW": "SE", "GE": "DE"}


def read_rounds(
    file: Path, shown: str, schema_dir: Path, markdown: MarkdownTexts, owners: dict[str, Any] | None
) -> tuple[list[Problem], dict[str, Any] | None]:
    """The problems of the rounds file and its data (empty when there is no file; None when it has problems).

    `owners` are the entries of `_owners.yml`, or None when that file has problems of its own
    (reported there, once: not as an unknown owner in every round).
    """
    if not file.exists():
        return [], {}
    doc = read_yaml(file, shown)
    problems = list(doc.problems)
    if doc.data is None and not problems:
        return [], {}
    if not problems:
        problems = schema_problems(doc, "rounds", schema_dir) + text_problems(doc, "rounds", markdown, schema_dir)
    if not problems and isinstance(doc.data, dict):
        problems = round_problems(doc, owners)
    return problems, (None if problems else doc.data)


def round_problems(doc: Document, owners: dict[str, Any] | None) -> list[Problem]:
    """What the schema cannot check in a rounds file that matches it."""
    problems = []
    for key, entry in doc.data.items():
        for index, owner in enumerate(entry["owners"]):
            if isinstance(owner, str) and owners is not None and owner not in owners:
                problems.append(
                    doc.problem(
                        (key, "owners", index),
                        f"`{key}.owners[{index + 1}]`: unknown owner `{owner}`{_suggest(owner, owners)}; use a key from challenges/_owners.yml, "
                        "or write the authority's name under da, de and en instead of a key.",
                    )
                )
        for index, firm in enumerate(entry.get("firms", ())):
            code = firm["country"]
            if code not in _COUNTRIES:
                likely = _LIKELY.get(code) or next(iter(difflib.get_close_matches(code, sorted(_COUNTRIES), n=1)), None)
                hint = f" (did you mean `{likely}`?)" if likely else ""
                problems.append(
                    doc.problem(
                        (key, "firms", index, "country"),
                        f"`{key}.firms[{index + 1}].country`: `{code}` is not a country's ISO 3166 code{hint}; write the two-letter code, such as DK, GB or NO.",
                    )
                )
        if "start" in entry and entry["start"] > entry["end"]:
            problems.append(
                doc.problem((key, "end"), f"`{key}.end`: the round ends in {entry['end']}, before it starts in {entry['start']}; correct one of them.")
            )
    return problems


def challenge_round_problems(doc: Document, rounds: dict[str, Any] | None) -> list[Problem]:
    """A problem when the challenge in `doc` names a round the rounds file does not hold (`rounds` None: that file has problems of its own)."""
    name = doc.data.get("round")
    if rounds is None or not isinstance(name, str) or name in rounds:
        return []
    where = (
        f"use a key from challenges/{ROUNDS_FILE}, or leave the field out"
        if rounds
        else f"there is no round in challenges/{ROUNDS_FILE} yet; leave the field out"
    )
    return [doc.problem(("round",), f"unknown round `{name}`{_suggest(name, rounds)}; {where}.")]


def rounds_model(data: dict[str, Any], owners: dict[str, SiteOwner]) -> tuple[Round, ...]:
    """The rounds of a valid rounds file, in file order."""
    return tuple(
        Round(
            key=key,
            names={lang: entry[lang]["name"] for lang in LANGUAGES},
            summaries={lang: entry[lang]["summary"] for lang in LANGUAGES},
            start=_month(entry["start"]) if "start" in entry else None,
            end=_month(entry["end"]),
            owners=tuple(_owner(owner, owners) for owner in entry["owners"]),
            challenges=entry["challenges"],
            firms=tuple(
                RoundFirm(f["name"], f["country"], f.get("url"), {lang: f["challenge"][lang] for lang in LANGUAGES} if "challenge" in f else None)
                for f in entry.get("firms", ())
            ),
            sources=tuple(Source({lang: s[lang] for lang in LANGUAGES}, s.get("url")) for s in entry["sources"]),
        )
        for key, entry in data.items()
    )


def with_round(challenge: Challenge, data: dict[str, Any], rounds: tuple[Round, ...]) -> Challenge:
    """`challenge` with the round its file names (`round:`), if any."""
    name = data.get("round")
    return replace(challenge, round=next(r for r in rounds if r.key == name)) if name else challenge


def _owner(value: str | dict[str, str], owners: dict[str, SiteOwner]) -> RoundOwner:
    """A round's owner: the authority of `_owners.yml` a key names, or the authority the entry names itself."""
    if isinstance(value, str):
        owner = owners[value]
        return RoundOwner(owner.names, owner.url, owner.key)
    return RoundOwner({lang: value[lang] for lang in LANGUAGES}, value.get("url"))


def _month(value: str) -> Month:
    """The month a valid YYYY-MM field names."""
    year, month = value.split("-")
    return Month(int(year), int(month))


def _suggest(word: str, choices: Any) -> str:
    """`, did you mean `x`?` when `word` looks like a typo of one of `choices`."""
    match = difflib.get_close_matches(word, [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean `{match[0]}`?)" if match else ""
