"""deploy/nginx.conf, run by Debian's nginx on 127.0.0.1 over the built site."""

from __future__ import annotations

import gzip
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
from test_content_security_policy import header_policy

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
    # The policy tests/test_content_security_policy.py checks against every page, on every response.
    assert headers["Content-Security-Policy"] == header_policy()
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
