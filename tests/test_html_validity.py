"""The built HTML: valid by the Nu HTML Checker, and no broken internal link or anchor."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from built_pages import parse


def test_every_page_is_valid_html(site: Path, html_checker: Callable[[list[Path]], list[str]]) -> None:
    assert [error.split(str(site), 1)[-1] for error in html_checker([site])] == []


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    ids: dict[Path, set[str]] = {}

    def anchors(file: Path) -> set[str]:
        if file not in ids:
            ids[file] = set(parse(file).xpath("//@id"))
        return ids[file]

    broken = []
    for file in sorted(site.rglob("*.html")):
        for element in parse(file).xpath("//a[@href] | //link[@href] | //script[@src] | //img[@src]"):
            ref = element.get("href") or element.get("src")
            parts = urlsplit(ref)
            if parts.scheme or ref.startswith("//"):
                continue  # absolute links: to other sites, or this site's canonical address
            if not parts.path:
                target = file
            elif parts.path.startswith("/"):
                target = site / unquote(parts.path).lstrip("/")  # the 404 pages link from the site root
            else:
                target = (file.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{file.relative_to(site)}: {ref}")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in anchors(target):
                broken.append(f"{file.relative_to(site)}: {ref} (no such anchor)")
    assert broken == []
