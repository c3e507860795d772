"""Split the search index and sitemap that mkdocs-static-i18n merges, one per language.

The plugin writes one search index holding every language and one sitemap at
the site root. A German reader should search German pages only, with German
stemming; and Material's language selector fetches `sitemap.xml` below every
`<link rel="alternate">` of a page, so each language root and each page
folder gets the part of the sitemap that describes it.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def search_indexes(merged: dict, languages: tuple[str, ...], default: str) -> dict[str, bytes]:
    """One search index per language, at `search/search_index.json` below its root."""
    others = tuple(f"{lang}/" for lang in languages if lang != default)
    files = {}
    for lang in languages:
        prefix = "" if lang == default else f"{lang}/"
        if prefix:
            docs = [{**d, "location": d["location"][len(prefix):]} for d in merged["docs"] if d["location"].startswith(prefix)]
        else:
            docs = [d for d in merged["docs"] if not d["location"].startswith(others)]
        index = {"config": {**merged["config"], "lang": [lang]}, "docs": docs}
        files[f"{prefix}search/search_index.json"] = json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return files


def sitemaps(merged: bytes, site_url: str) -> dict[str, bytes]:
    """A sitemap for each other language's root and for each page folder, naming the page and its alternates.

    The site root keeps the merged sitemap, which lists every language.
    """
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    site = site_url.rstrip("/") + "/"
    per_language: dict[str, list[ET.Element]] = {}
    files = {}
    for url in ET.fromstring(merged).findall(f"{{{SITEMAP}}}url"):
        loc = url.findtext(f"{{{SITEMAP}}}loc") or ""
        alternates = url.findall(f"{{{XHTML}}}link")
        lang = next((link.get("hreflang") for link in alternates if link.get("href") == loc), None)
        if lang is None or not loc.startswith(site) or loc == site:
            continue
        entry = _entry(loc, url, alternates)
        per_language.setdefault(lang, []).append(entry)
        files[loc[len(site):] + "sitemap.xml"] = _urlset([entry])
    for entries in per_language.values():
        root = _root_of(entries, site)
        if root:
            files[f"{root}sitemap.xml"] = _urlset(entries)
    return files


def _root_of(entries: list[ET.Element], site: str) -> str:
    """The folder of the shortest page address among `entries`: the language's root."""
    locs = sorted((e.findtext(f"{{{SITEMAP}}}loc") for e in entries), key=len)
    return locs[0][len(site):]


def _entry(href: str, url: ET.Element, alternates: list[ET.Element]) -> ET.Element:
    """A `<url>` entry for `href`, keeping the original's dates and alternates."""
    entry = ET.Element(f"{{{SITEMAP}}}url")
    ET.SubElement(entry, f"{{{SITEMAP}}}loc").text = href
    for tag in ("lastmod", "changefreq"):
        if (value := url.findtext(f"{{{SITEMAP}}}{tag}")) is not None:
            ET.SubElement(entry, f"{{{SITEMAP}}}{tag}").text = value
    for link in alternates:
        entry.append(link)
    return entry


def _urlset(entries: list[ET.Element]) -> bytes:
    """A sitemap document holding `entries`."""
    urlset = ET.Element(f"{{{SITEMAP}}}urlset")
    urlset.extend(entries)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"
