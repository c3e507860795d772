"""Split the search index that mkdocs-static-i18n merges, one per language.

The plugin writes one search index holding every language at the site root;
a German reader should search German pages only, with German stemming.

The sitemap needs no split: the plugin's root `sitemap.xml` names every page
with its alternates in the other languages (absolute, `xhtml:link`), which
is where the site states them. Pages carry no `<link rel="alternate"
hreflang>`, because Material's bundle fetches `sitemap.xml` beside every
`<link rel="alternate">` (at SITE_URL, whichever origin serves the page).
"""

from __future__ import annotations

import json

from govtech.urls import lang_prefix


def search_indexes(merged: dict, languages: tuple[str, ...], default: str) -> dict[str, bytes]:
    """One search index per language, at `search/search_index.json` below its root."""
    others = tuple(lang_prefix(lang) for lang in languages if lang != default)
    files = {}
    for lang in languages:
        prefix = lang_prefix(lang)
        if prefix:
            docs = [{**d, "location": d["location"][len(prefix) :]} for d in merged["docs"] if d["location"].startswith(prefix)]
        else:
            docs = [d for d in merged["docs"] if not d["location"].startswith(others)]
        index = {"config": {**merged["config"], "lang": [lang]}, "docs": docs}
        files[f"{prefix}search/search_index.json"] = json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return files
