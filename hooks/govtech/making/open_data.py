"""The open data the site publishes: `challenges.json` and the JSON Schemas that describe it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from govtech import DEFAULT_LANGUAGE, LANGUAGES
from govtech.model import Catalogue, Challenge
from govtech.urls import page_url


def schema_files(schema_dir: Path) -> dict[str, bytes]:
    """The published JSON Schemas (the project's, in `schema_dir`), at `schema/<name>` below the site root."""
    return {f"schema/{schema.name}": schema.read_bytes() for schema in sorted(schema_dir.glob("*.schema.json"))}


def challenges_json(catalogue: Catalogue, today: date, site_url: str) -> bytes:
    """Every challenge in every language, as described by schema/challenges.schema.json."""
    data = {
        "$schema": page_url(site_url, DEFAULT_LANGUAGE, "schema/challenges.schema.json"),
        "generated": today.isoformat(),
        "themes": {key: theme.names for key, theme in catalogue.themes.items() if any(c.theme == key for c in catalogue.challenges)},
        "challenges": [
            {
                "id": c.id,
                "url": {lang: page_url(site_url, lang, f"challenges/{c.id}/") for lang in LANGUAGES},
                "theme": c.theme,
                "status": c.status_on(today),
                "round": c.round.key if c.round else None,
                "owner": {"key": c.owner.key, "url": c.owner.url, "name": c.owner.names, "confirmed": c.owner_confirmed},
                "dates": {
                    "published": _iso(c.published),
                    "deadline": _iso(c.deadline),
                    "deadline_time": c.deadline_time.strftime("%H:%M") if c.deadline_time else None,
                },
                "changed": _iso(c.changed),
                "timeline": {p.key: {k: _iso(v) for k, v in (("start", p.start), ("end", p.end)) if v} for p in c.timeline},
                "contact": c.contact,
                "application": {
                    "url": c.application.url,
                    "languages": list(c.application.languages),
                    "questions": c.application.questions,
                    "questions_until": _iso(c.application.questions_until),
                    "what_to_send": _written(c.application.texts, c),
                }
                if c.application
                else None,
                "links": [{"url": link.url, "text": _written(link.texts, c)} for link in c.links],
                "questions": [
                    {"date": _iso(q.day), "anchor": q.anchor, "question": _written(q.questions, c), "answer": _written(q.answers, c)} for q in c.questions
                ],
                "outcome": {
                    "text": _written(c.outcome.texts, c),
                    "firms": [{"name": f.name, **({"url": f.url} if f.url else {})} for f in c.outcome.firms],
                }
                if c.outcome
                else None,
                "texts": {lang: {k: v for k, v in vars(c.texts[lang]).items() if v is not None} for lang in c.languages},
                "translations_pending": list(c.pending),
            }
            for c in catalogue.challenges
        ],
        "rounds": rounds_data(catalogue),
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def rounds_data(catalogue: Catalogue) -> list[dict[str, Any]]:
    """The programme's rounds, as schema/challenges.schema.json describes `rounds`."""
    return [
        {
            "key": r.key,
            "name": r.names,
            "summary": r.summaries,
            "start": r.start.isoformat() if r.start else None,
            "end": r.end.isoformat(),
            "owners": [{"key": o.key, "name": o.names, "url": o.url} for o in r.owners],
            "challenges": r.challenges,
            "firms": [
                {"name": f.name, "country": f.country, **({"url": f.url} if f.url else {}), **({"challenge": f.challenge} if f.challenge else {})}
                for f in r.firms
            ],
            "sources": [{"name": s.names, **({"url": s.url} if s.url else {})} for s in r.sources],
        }
        for r in catalogue.rounds
    ]


def _written(texts: dict[str, str], challenge: Challenge) -> dict[str, str]:
    """`texts` in the languages the challenge is written in: a translation still to follow is left out, not shown as the Danish."""
    return {lang: text for lang, text in texts.items() if lang in challenge.languages}


def _iso(day: date | None) -> str | None:
    """`day` as YYYY-MM-DD, or None."""
    return day.isoformat() if day else None
