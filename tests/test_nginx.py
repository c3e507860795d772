"""deploy/nginx.conf, run by Debian's nginx on 127.0.0.1 over the built site."""

from __future__ import annotations

import base64
import gzip
import hashlib
import http.client
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request

import pytest

import support
from browser_checks import visit
from support import build, copy_project, free_port

SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy", "Strict-Transport-Security")

pytestmark = pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is installed by .ci/run")


@pytest.fixture(scope="module")
def nginx(tmp_path_factory: pytest.TempPathFactory):
    """nginx serving a fresh build with deploy/nginx.conf; yields (base URL, site folder)."""
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    result = build(copy_project(work / "project"), work / "site", SITE_URL=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.output
    with support.nginx(result.site, port, work) as base:
        yield base, result.site


def fetch(url: str, gzip_ok: bool = False) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of a GET."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


@pytest.mark.parametrize("path", ["", "de/challenges/", "en/challenges/invoicing/", "assets/site.css", "challenges.json", "missing/"])
def test_every_response_carries_the_security_headers(nginx, path: str) -> None:
    base, _ = nginx
    _, headers, _ = fetch(base + path)
    assert [h for h in SECURITY_HEADERS if h not in headers] == []
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "interest-cohort" not in headers["Permissions-Policy"]  # FLoC, withdrawn in 2022


def test_text_responses_are_compressed(nginx) -> None:
    base, site = nginx
    bundle = next(site.glob("assets/javascripts/bundle.*.min.js")).relative_to(site).as_posix()
    for path in ("", "assets/site.css", bundle, "search/search_index.json", "feed/atom.xml"):
        status, headers, body = fetch(base + path, gzip_ok=True)
        assert status == 200 and headers.get("Content-Encoding") == "gzip", path
        assert gzip.decompress(body)


def test_fingerprinted_assets_are_cached_long_and_pages_briefly(nginx) -> None:
    base, site = nginx
    bundle = next(site.glob("assets/javascripts/bundle.*.min.js")).relative_to(site).as_posix()
    assert fetch(base + bundle)[1]["Cache-Control"] == "max-age=31536000"
    assert fetch(base + "de/")[1]["Cache-Control"] == "max-age=300"
    assert fetch(base + "de/feed/atom.xml")[1]["Content-Type"].startswith("application/atom+xml")
    assert fetch(base + "calendar.ics")[1]["Content-Type"].startswith("text/calendar")


@pytest.mark.parametrize(
    "path, lang",
    [
        ("missing/", "da"),
        ("de/missing/", "de"),
        ("en/challenges/missing/", "en"),
        # Paths that regex locations (calendars, feeds, fingerprinted assets) answer.
        ("de/missing.ics", "de"),
        ("en/missing/feed/atom.xml", "en"),
        ("missing.ics", "da"),
        ("assets/javascripts/missing.0123abcd.min.js", "da"),
    ],
)
def test_a_missing_page_gets_the_404_page_of_its_language(nginx, path: str, lang: str) -> None:
    base, _ = nginx
    status, _, body = fetch(base + path)
    assert status == 404
    html_tag = re.search(rb'<html lang="([a-z]+)"', body)
    assert html_tag is not None, body[:200]
    assert html_tag.group(1).decode() == lang


@pytest.mark.parametrize("path, target", [("de", "/de/"), ("en/challenges", "/en/challenges/")])
def test_redirects_name_no_scheme_or_host(nginx, path: str, target: str) -> None:
    """Behind a TLS proxy nginx sees http; an absolute Location would send readers to http://."""
    base, _ = nginx
    connection = http.client.HTTPConnection(urllib.parse.urlsplit(base).netloc, timeout=10)
    connection.request("GET", "/" + path)
    response = connection.getresponse()
    connection.close()
    assert (response.status, response.getheader("Location")) == (301, target)


def inline_script_hashes(html: str) -> set[str]:
    """The CSP source expression ('sha256-…') of each inline script that runs (not JSON data)."""
    found = set()
    for attrs, body in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", html, re.DOTALL):
        if "application/json" in attrs or "application/ld+json" in attrs:
            continue  # data, never run
        found.add("'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'")
    return found


def test_every_page_has_the_same_inline_scripts_and_the_policies_allow_exactly_those(nginx) -> None:
    """One list of hashes for every page, whatever its depth; the <meta> policy is the header's."""
    base, site = nginx
    header = fetch(base)[1]["Content-Security-Policy"]
    hashes: dict[frozenset[str], list[str]] = {}
    metas: set[str] = set()
    for file in sorted(site.rglob("*.html")):
        html = file.read_text()
        if scripts := inline_script_hashes(html):  # every page Material renders; not the /was/ redirect
            hashes.setdefault(frozenset(scripts), []).append(file.relative_to(site).as_posix())
            metas.update(html_meta_policies(html) or {f"none in {file.relative_to(site)}"})
    assert len(hashes) == 1, {", ".join(files[:3]): sorted(h) for h, files in hashes.items()}
    [every_page] = hashes
    script_src = re.search(r"script-src ([^;]*)", header)
    assert script_src is not None, header
    allowed = set(script_src.group(1).split()) - {"'self'"}
    assert sorted(every_page - allowed) == [], "add these hashes to extra.csp_script_hashes in mkdocs.yml and to deploy/nginx.conf"
    assert sorted(allowed - every_page) == [], "no page has these scripts any more: remove their hashes"
    assert metas == {header.removesuffix("; frame-ancestors 'none'")}
    assert header.endswith("; frame-ancestors 'none'")


def html_meta_policies(html: str) -> set[str]:
    return set(re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html))


def test_chromium_runs_the_site_under_the_policy_without_any_console_error(nginx, browser) -> None:
    base, _ = nginx
    page = browser.new_page()
    # Violations also reach the console; this names the directive and the blocked address.
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error('Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    seen = visit(page, base, run_axe=False)  # records console errors, page errors and failed requests from here on
    for path in ("challenges/", "challenges/invoicing/", "de/404.html"):
        page.goto(base + path, wait_until="networkidle")
    page.goto(base + "en/challenges/", wait_until="networkidle")
    page.select_option("#filter-theme", "invoicing")
    assert page.locator(".challenge-card:not([hidden])").count() == 1
    page.click(".md-search__input")
    page.keyboard.type("invoices")  # Material reads the query on key presses, as a reader types it
    page.locator(".md-search-result__item a").first.wait_for(timeout=15_000)
    page.goto(base + "en/challenges/invoicing/", wait_until="networkidle")
    page.locator(".md-select a[hreflang='de']").dispatch_event("click")
    page.wait_for_url(base + "de/challenges/invoicing/")
    page.wait_for_load_state("networkidle")
    page.close()
    assert seen.console_errors == []
    assert seen.failures == []
