"""The site on a host that sends no headers (as GitHub Pages), served from another address than it was built for.

Built for https://govtech.example.org/ and served by Python's static server
on 127.0.0.1: every page must load without asking any other origin for
anything, under the Content-Security-Policy its own <meta> tag carries.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from browser_checks import site_pages, visit
from built_pages import parse
from conftest import build, copy_project, serve

SITE_URL = "https://govtech.example.org/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
# Reports each Content-Security-Policy violation as a console error, naming the directive and address.
REPORT_VIOLATIONS = (
    "document.addEventListener('securitypolicyviolation', e => console.error('Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI))"
)


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory: pytest.TempPathFactory):
    """The site built for SITE_URL, served from 127.0.0.1 without any header; yields (base URL, site folder)."""
    work = tmp_path_factory.mktemp("elsewhere")
    result = build(copy_project(work / "project"), work / "site", SITE_URL=SITE_URL)
    assert result.returncode == 0, result.output
    with serve(result.site) as base:
        yield base, result.site


@pytest.fixture(scope="module")
def visits(elsewhere, browser):
    """Every page, opened once in Chromium."""
    base, site = elsewhere
    context = browser.new_context()
    context.add_init_script(REPORT_VIOLATIONS)
    results = {}
    for path in site_pages(site):
        page = context.new_page()
        results[path] = visit(page, base + path, run_axe=False)
        page.close()
    context.close()
    return results


def test_every_page_asks_only_the_origin_that_serves_it(visits, elsewhere) -> None:
    base, _ = elsewhere
    assert len(visits) >= 3 * 15
    off_origin = {path: v.off_origin(base) for path, v in visits.items() if v.off_origin(base)}
    assert off_origin == {}
    asked_for_sitemaps = {path: [r for r in v.requests if "sitemap" in r] for path, v in visits.items()}
    assert {path: r for path, r in asked_for_sitemaps.items() if r} == {}


def test_every_page_loads_without_policy_violations_console_errors_or_failed_requests(visits) -> None:
    errors = {path: v.console_errors for path, v in visits.items() if v.console_errors}
    failures = {path: v.failures for path, v in visits.items() if v.failures}
    assert errors == {} and failures == {}


def test_the_meta_policy_is_in_force_without_headers(elsewhere, browser) -> None:
    """An inline script the policy does not list is refused, with no header from the server."""
    base, _ = elsewhere
    page = browser.new_page()
    reports = []

    def on_console(message) -> None:
        if "Content Security Policy" in message.text:
            reports.append(message.text)

    page.on("console", on_console)
    page.add_init_script(REPORT_VIOLATIONS)
    response = page.goto(base + "en/challenges/", wait_until="networkidle")
    assert "content-security-policy" not in response.headers
    ran = page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.injected = true";
        document.head.append(script);
        return window.injected === true;
    }""")
    page.wait_for_timeout(200)  # the violation event is queued as a task
    page.close()
    assert ran is False
    assert any("script-src" in r for r in reports), reports


@pytest.mark.parametrize(
    "start, lang, target",
    [
        ("challenges/invoicing/", "de", "de/challenges/invoicing/"),
        ("de/guides/application/", "en", "en/guides/application/"),
        ("en/about/", "da", "about/"),
    ],
)
def test_the_language_selector_leads_to_the_same_page_in_the_other_language(elsewhere, browser, start: str, lang: str, target: str) -> None:
    base, _ = elsewhere
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + start, wait_until="networkidle")
    page.hover(".md-select")  # the menu opens on hover, as a reader's pointer opens it
    page.click(f".md-select a[hreflang='{lang}']")
    page.wait_for_url(base + target)
    assert page.evaluate("document.documentElement.lang") == lang
    page.close()


def test_feed_readers_find_the_feed_but_materials_sitemap_lookup_finds_no_alternate(elsewhere) -> None:
    """Every page names its feed with the rel token "alternate"; none has a link Material fetches a sitemap for."""
    _, site = elsewhere
    problems = {}
    for file in sorted(site.rglob("*.html")):
        doc = parse(file)
        if not doc.xpath("//script[@id='__config']"):
            continue  # not a page Material renders (the /was/ redirect)
        links = doc.xpath("//head/link[@rel]")
        feeds = [link for link in links if "alternate" in link.get("rel").split() and link.get("type") == "application/atom+xml"]
        exact = [link.get("href") for link in links if link.get("rel").lower() == "alternate"]  # Material's link[rel=alternate]
        if len(feeds) != 1 or exact or doc.xpath("//meta[@http-equiv='Content-Security-Policy']") == []:
            problems[file.relative_to(site).as_posix()] = (len(feeds), exact)
    assert problems == {}


def test_the_sitemap_names_every_page_with_its_other_languages_absolutely(elsewhere) -> None:
    _, site = elsewhere
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("sitemap.xml*")) == ["sitemap.xml", "sitemap.xml.gz"]
    urls = ET.parse(site / "sitemap.xml").getroot().findall(f"{SITEMAP}url")
    alternates = {u.findtext(f"{SITEMAP}loc"): {link.get("hreflang"): link.get("href") for link in u.findall(f"{XHTML}link")} for u in urls}
    assert alternates[SITE_URL + "challenges/invoicing/"] == {
        "da": SITE_URL + "challenges/invoicing/",
        "de": SITE_URL + "de/challenges/invoicing/",
        "en": SITE_URL + "en/challenges/invoicing/",
    }
    pages = {
        SITE_URL + p for p in site_pages(site) if not p.endswith("404.html") and 'id="__config"' in (site / p / "index.html").read_text()
    }  # not the /was/ redirect
    assert pages <= alternates.keys()
    assert all(href is not None and href.startswith(SITE_URL) for links in alternates.values() for href in links.values())
