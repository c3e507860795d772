"""What the site's templates add to every page: links, metadata, structured data."""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from govtech.dates import date_element
from govtech.making.rounds import ROUNDS_PAGE, ROUNDS_SOURCE
from govtech.model import Event
from govtech.pipeline import SiteBuild
from govtech.reading.history import page_changed


def language_root(base_url: str, lang_prefix: str) -> str:
    """The relative URL of the page language's root, from a page whose site root is `base_url`.

    It ends in a slash: Material resolves addresses such as `search/search_index.json` against it.
    """
    return f"{base_url.rstrip('/')}/{lang_prefix}" if lang_prefix else base_url


def structured_data(
    meta: Mapping[str, Any],
    title: str,
    description: str | None,
    url: str | None,
    lang: str,
    site_name: str,
    site_root: str,
    event: Event | None = None,
    modified: date | None = None,
) -> dict[str, Any]:
    """schema.org JSON-LD for a page: a challenge page names its owner as a GovernmentOrganization, an event's page the Event."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": title,
        "description": description,
        "inLanguage": lang,
        "isPartOf": {"@type": "WebSite", "name": site_name, "url": site_root},
    }
    if url:
        data["url"] = url
    if modified:
        data["dateModified"] = modified.isoformat()
    owner = meta.get("owner")
    if isinstance(owner, dict):
        data["about"] = {"@type": "GovernmentOrganization", "name": owner["name"], "url": owner["url"]}
    if event is not None and event.date is not None:
        data["mainEntity"] = {"@type": "Event", "name": event.names[lang], "startDate": event.date.isoformat(), "inLanguage": lang, "url": url}
    return data


def last_changed(site: SiteBuild, src_uri: str, docs_dir: Path, project_dir: Path) -> date | None:
    """When the content of the page made from `src_uri` last changed: its own file's history, or the files a generated page is made from."""
    if site.history is None:
        return None
    day = page_changed(src_uri, site.page_dates, site.history, docs_folder(docs_dir, project_dir))
    if src_uri.split(".")[0] == ROUNDS_PAGE.removesuffix(".md"):  # the results page shows the rounds file too
        day = max((d for d in (day, site.history.changed(ROUNDS_SOURCE)) if d), default=None)
    return day


@lru_cache(maxsize=8)
def docs_folder(docs_dir: Path, project_dir: Path) -> str:
    """The docs folder as the project names it (`docs`): resolved once, not for every page of every language."""
    docs, project = docs_dir.resolve(), project_dir.resolve()
    return docs.relative_to(project).as_posix() if docs.is_relative_to(project) else "docs"


def changed_line(day: date | None, lang: str, strings: dict[str, Any]) -> str | None:
    """ "Last changed 3 March 2026" in the page's language, as HTML for overrides/main.html; None when the day is not known."""
    return html.escape(strings["page"]["changed"], quote=False).replace("{date}", date_element(day, lang)) if day else None
