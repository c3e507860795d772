"""Bytes a first visit to a page transfers, gzip-compressed.

Chromium (through Playwright) opens each page in a fresh browser context, so
nothing is cached, and every response it receives is recorded: the HTML, the
CSS and JavaScript, images, the search worker and the search index, which the
worker fetches. Each body is gzip-compressed at level 6 (what a typical
server's `gzip on` does) and the sizes are summed, with and without the
search index. Without Chromium, the page's HTML is parsed for the same-origin
assets it references (stylesheets, scripts, images, icons) and the search
worker and index named in Material's configuration are added: the same files,
less faithfully found.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from local_server import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402  (shared with the tests)


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def _kind(url: str) -> str:
    path = urlsplit(url).path
    if path.endswith("search_index.json"):
        return "search index"
    if "/workers/" in path:
        return "search worker"
    if path.endswith("sitemap.xml"):
        return "sitemap"
    if path.endswith(".css"):
        return "css"
    if path.endswith(".js"):
        return "js"
    if path.endswith((".html", "/")):
        return "html"
    if re.search(r"\.(svg|png|jpe?g|gif|webp|ico)$", path):
        return "image"
    return "other"


def _summary(base: str, responses: list[tuple[str, bytes]], method: str) -> dict[str, Any]:
    """Totals of one visit's responses (url, body)."""
    seen: dict[str, bytes] = {}
    for url, body in responses:
        seen.setdefault(url.split("#")[0], body)
    files = []
    for url, body in seen.items():
        files.append({"url": url, "kind": _kind(url), "same_origin": url.startswith(base), "bytes": len(body), "gzip": gzip_size(body)})
    index = [f for f in files if f["kind"] == "search index"]
    rest = [f for f in files if f["kind"] != "search index"]
    by_kind: dict[str, int] = {}
    for f in rest:
        by_kind[f["kind"]] = by_kind.get(f["kind"], 0) + f["gzip"]
    return {
        "method": method,
        "requests": len(files),
        "other_origin_requests": sum(not f["same_origin"] for f in files),
        "gzip_without_index": sum(f["gzip"] for f in rest),
        "gzip_index": sum(f["gzip"] for f in index),
        "gzip_with_index": sum(f["gzip"] for f in files),
        "raw_without_index": sum(f["bytes"] for f in rest),
        "gzip_by_kind": by_kind,
        "index_fetched_by_browser": bool(index) if method == "chromium" else None,
        "files": sorted(files, key=lambda f: -f["gzip"]),
    }


def weigh(site: Path, pages: list[str], chromium: str = CHROMIUM) -> dict[str, dict[str, Any]]:
    """{page: figures} for a first visit to each of `pages` (paths below the site root)."""
    with serve(site) as base:
        try:
            return _weigh_chromium(base, pages, chromium)
        except Exception as err:  # no Playwright, no Chromium: parse the HTML instead
            results = _weigh_static(site, base, pages)
            for figures in results.values():
                figures["note"] = f"Chromium unavailable ({type(err).__name__}: {err}); assets found by parsing the HTML"
            return results


def _weigh_chromium(base: str, pages: list[str], chromium: str) -> dict[str, dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for path in pages:
                context = browser.new_context()
                responses: list[tuple[str, bytes]] = []
                pending = []
                context.on("response", lambda response: pending.append(response))
                page = context.new_page()
                page.goto(base + path, wait_until="networkidle")
                # The search worker starts after load and fetches the index itself.
                deadline = time.monotonic() + 5
                while time.monotonic() < deadline and not any(r.url.endswith("search_index.json") for r in pending):
                    page.wait_for_timeout(100)
                page.wait_for_load_state("networkidle")
                for response in pending:
                    try:
                        body = response.body()
                    except Exception:
                        body = b""
                    if response.status < 300:
                        responses.append((response.url, body))
                summary = _summary(base, responses, "chromium")
                if not summary["index_fetched_by_browser"]:
                    # Worker requests are not always reported: add the index Material's configuration names.
                    html = next((b for u, b in responses if u.split("#")[0] == base + path), b"")
                    summary = _summary(base, responses + _search_files(base + path, html, base, worker=False), "chromium")
                    summary["index_fetched_by_browser"] = False
                results[path] = summary
                context.close()
        finally:
            browser.close()
    return results


def _search_files(page_url: str, html: bytes, base: str, worker: bool = True) -> list[tuple[str, bytes]]:
    """The search worker and index that Material's `__config` names for a page."""
    import urllib.request

    match = re.search(rb'<script id="__config" type="application/json">(.*?)</script>', html, re.DOTALL)
    if not match:
        return []
    config = json.loads(match.group(1))
    root = urljoin(page_url, config.get("base", "."))
    urls = [urljoin(root if root.endswith("/") else root + "/", "search/search_index.json")]
    if worker and config.get("search"):
        urls.append(urljoin(page_url, config["search"]))
    files = []
    for url in urls:
        if url.startswith(base):
            with urllib.request.urlopen(url, timeout=30) as response:
                files.append((url, response.read()))
    return files


def _weigh_static(site: Path, base: str, pages: list[str]) -> dict[str, dict[str, Any]]:
    import urllib.request

    results = {}
    for path in pages:
        url = base + path
        with urllib.request.urlopen(url, timeout=30) as response:
            html = response.read()
        refs = []
        for tag, attrs in re.findall(rb"<(link|script|img)\b([^>]*)>", html):
            values = dict(re.findall(rb'([a-z-]+)="([^"]*)"', attrs))
            if tag == b"link" and not set(values.get(b"rel", b"").split()) & {b"stylesheet", b"icon", b"preload", b"modulepreload"}:
                continue
            if ref := values.get(b"href" if tag == b"link" else b"src"):
                refs.append(urljoin(url, ref.decode()))
        responses = [(url, html)]
        for target in dict.fromkeys(refs):
            if not target.startswith(base):
                continue
            try:
                with urllib.request.urlopen(target, timeout=30) as response:
                    responses.append((target, response.read()))
            except OSError:
                pass
        results[path] = _summary(base, responses + _search_files(url, html, base), "static")
    return results
