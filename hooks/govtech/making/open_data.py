"""The open data the site publishes: `challenges.json` and the JSON Schemas that describe it."""

from __future__ import annotations

import json
from datetime import date

from govtech import DEFAULT_LANGUAGE, LANGUAGES
from govtech.model import Catalogue, Challenge
from govtech.schemas import SCHEMA_DIR
from govtech.urls import page_url


def schema_files() -> dict[str, bytes]:
    """The published JSON Schemas, at `schema/<name>` below the site root."""
    return {f"schema/{schema.name}": schema.read_bytes() for schema in sorted(SCHEMA_DIR.glob("*.schema.json"))}


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
                "owner": {"key": c.owner.key, "url": c.owner.url, "name": c.owner.names, "confirmed": c.owner_confirmed},
                "dates": {"published": _iso(c.published), "deadline": _iso(c.deadline)},
                "changed": _iso(c.changed),
                "timeline": {p.key: {k: _iso(v) for k, v in (("start", p.start), ("end", p.end)) if v} for p in c.timeline},
                "contact": c.contact,
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
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _written(texts: dict[str, str], challenge: Challenge) -> dict[str, str]:
    """`texts` in the languages the challenge is written in: a translation still to follow is left out, not shown as the Danish."""
    return {lang: text for lang, text in texts.items() if lang in challenge.languages}


def _iso(day: date | None) -> str | None:
    """`day` as YYYY-MM-DD, or None."""
    return day.isoformat() if day else None
