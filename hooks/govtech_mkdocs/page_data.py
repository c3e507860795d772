"""What the site's templates add to every page: links, metadata, structured data."""

from __future__ import annotations

from typing import Any

from govtech.model import Event


def language_root(base_url: str, lang_prefix: str) -> str:
    """The relative URL of the page language's root, from a page whose site root is `base_url`.

    It ends in a slash: Material resolves addresses such as `search/search_index.json` against it.
    """
    return f"{base_url.rstrip('/')}/{lang_prefix}" if lang_prefix else base_url


def structured_data(meta: dict[str, Any], title: str, description: str, url: str | None, lang: str, site_name: str, site_root: str, event: Event | None = None) -> dict[str, Any]:
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
    owner = meta.get("owner")
    if isinstance(owner, dict):
        data["about"] = {"@type": "GovernmentOrganization", "name": owner["name"], "url": owner["url"]}
    if event is not None and event.date is not None:
        data["mainEntity"] = {"@type": "Event", "name": event.names[lang], "startDate": event.date.isoformat(), "inLanguage": lang, "url": url}
    return data
