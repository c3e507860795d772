"""Bytes a first visit to a page transfers, gzip-compressed.

Chromium (through Playwright) opens each page in a fresh browser context, so
nothing is cached, and every response it receives is recorded: the HTML, the
CSS and JavaScript, images, the search worker and the search index, which the
worker fetches. Each body is gzip-compressed at level 6 (what a typical
server's `gzip on` does) and the sizes are summed, with and without the
search index.
"""

from __future__ import annotations

import gzip
import re
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from support import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402  (shared with the tests)


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def _kind(url: str) -> str:
    path = urlsplit(url).path
    if path.endswith("search_index.json"):
        return "search index"
    if "/workers/" in path:
        return "search worker"
    if path.endswith(".css"):
        return "css"
    if path.endswith(".js"):
        return "js"
    if path.endswith((".html", "/")):
        return "html"
    if re.search(r"\.(svg|png|jpe?g|gif|webp|ico)$", path):
        return "image"
    return "other"


def _summary(responses: dict[str, bytes]) -> dict[str, Any]:
    """Totals of one visit's responses ({url: body})."""
    files: list[dict[str, Any]] = [{"url": url, "kind": _kind(url), "bytes": len(body), "gzip": gzip_size(body)} for url, body in responses.items()]
    by_kind: dict[str, int] = {}
    for f in files:
        by_kind[f["kind"]] = by_kind.get(f["kind"], 0) + f["gzip"]
    index = by_kind.pop("search index", 0)
    return {
        "requests": len(files),
        "gzip_without_index": sum(by_kind.values()),
        "gzip_index": index,
        "gzip_by_kind": by_kind,
        "files": sorted(files, key=lambda f: -f["gzip"]),
    }


def weigh(site: Path, pages: list[str]) -> dict[str, dict[str, Any]]:
    """{page: figures} for a first visit to each of `pages` (paths below the site root)."""
    from playwright.sync_api import Response, sync_playwright

    results = {}
    seen: list[Response] = []

    def record(response: Response) -> None:
        seen.append(response)

    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for path in pages:
                seen.clear()
                context = browser.new_context()
                context.on("response", record)
                page = context.new_page()
                page.goto(base + path, wait_until="networkidle")
                # The search worker starts after load and fetches the index itself.
                deadline = time.monotonic() + 5
                while time.monotonic() < deadline and not any(r.url.endswith("search_index.json") for r in seen):
                    page.wait_for_timeout(100)
                page.wait_for_load_state("networkidle")
                results[path] = _summary({r.url.split("#")[0]: r.body() for r in seen if r.status < 300})
                context.close()
        finally:
            browser.close()
    return results
