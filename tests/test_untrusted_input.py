"""Challenge files are untrusted input: fuzzed, they never crash; loaded with payloads, nothing runs."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from conftest import build, copy_project, examples, serve
from govtech.making.pages import render_pages
from govtech.making.site_files import site_files
from govtech.problems import InvalidInput
from govtech.reading.loading import load_catalogue
from govtech.reading.validation import schema_problems
from govtech.reading.yaml_reader import read_yaml
from govtech_mkdocs.project_config import project_settings
from govtech_mkdocs.validate import main
from mutations import REAL, mutated

ROOT = Path(__file__).resolve().parents[1]
PROJECT = project_settings(ROOT)
PROBLEM_LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<column>\d+): \S.*$")


@settings(max_examples=examples(800), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(case=mutated())
def test_any_mutation_validates_cleanly_or_is_reported_precisely(tmp_path_factory: pytest.TempPathFactory, case: tuple[str, str]) -> None:
    name, text = case
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "_owners.yml").write_bytes((ROOT / "challenges" / "_owners.yml").read_bytes())
    (folder / "_themes.yml").write_bytes((ROOT / "challenges" / "_themes.yml").read_bytes())
    (folder / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        catalogue = load_catalogue(folder, PROJECT, display_root=folder)
    except InvalidInput as err:
        assert err.problems
        lines = max(1, text.count("\n") + 1)
        for problem in err.problems:
            assert PROBLEM_LINE.match(str(problem)), str(problem)
            assert problem.path == name and 1 <= problem.line <= lines + 1
    else:
        # Whatever passes validation renders: pages and data files, without error.
        assert render_pages(catalogue, date(2030, 1, 1), ROOT / "schema") and site_files(catalogue, date(2030, 1, 1), "https://x.test/", ROOT / "schema")


def test_the_command_reports_a_mutation_with_exit_status_1_and_no_traceback(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "_owners.yml").write_bytes((ROOT / "challenges" / "_owners.yml").read_bytes())
    (tmp_path / "_themes.yml").write_bytes((ROOT / "challenges" / "_themes.yml").read_bytes())
    (tmp_path / "invoicing.yml").write_text(REAL["invoicing.yml"].replace("da:", "da:\n  title: [1\n", 1))
    assert main(["--dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and all(PROBLEM_LINE.match(line) for line in err.splitlines()[:-1])


def test_a_file_over_the_size_limit_is_refused_without_reading_it(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "_owners.yml").write_bytes((ROOT / "challenges" / "_owners.yml").read_bytes())
    (tmp_path / "_themes.yml").write_bytes((ROOT / "challenges" / "_themes.yml").read_bytes())
    (tmp_path / "invoicing.yml").write_text(REAL["invoicing.yml"] + "# " + "x" * 200_000 + "\n")
    assert main(["--dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert re.search(r"invoicing\.yml:1:1: the file is 2\d\d,\d{3} bytes; the limit is 100,000", err), err


def test_too_many_challenges_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "_owners.yml").write_bytes((ROOT / "challenges" / "_owners.yml").read_bytes())
    (tmp_path / "_themes.yml").write_bytes((ROOT / "challenges" / "_themes.yml").read_bytes())
    for i in range(5001):
        (tmp_path / f"c{i}.yml").touch()
    assert main(["--dir", str(tmp_path)]) == 1
    assert "there are 5,001 challenge files; the limit is 5,000" in capsys.readouterr().err


REJECTED = {
    "script tag": "<script>alert(1)</script>",
    "img onerror": '<img src=x onerror="alert(1)">',
    "svg onload after a closing quote": '"><svg onload=alert(1)>',
    "javascript link": "[click](javascript:alert(1))",
    "javascript link, mixed case and spaces": "[click]( JaVaScRiPt:alert(1))",
    "javascript link, entity-encoded": "[click](java&#115;cript:alert(1))",
    "javascript reference link": "[click][x]\n\n[x]: javascript:alert(1)",
    "data link": "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "remote image": "![pixel](https://tracker.example/p.gif)",
    "autolink": "<javascript:alert(1)>",
    "attribute list on a link": '[a](https://ok.example){: href="javascript:alert(1)" onclick="alert(2)"}',
    "attribute list on a paragraph": 'Text\n{: onmouseover="alert(3)"}',
    "heading": "Text\n\n# A second page title",
    "underlined heading": "A second page title\n===",
}


@pytest.mark.parametrize("payload", REJECTED.values(), ids=REJECTED.keys())
def test_dangerous_text_is_rejected_with_a_line(tmp_path: Path, capsys: pytest.CaptureFixture, payload: str) -> None:
    (tmp_path / "_owners.yml").write_bytes((ROOT / "challenges" / "_owners.yml").read_bytes())
    (tmp_path / "_themes.yml").write_bytes((ROOT / "challenges" / "_themes.yml").read_bytes())
    data = yaml.safe_load(REAL["invoicing.yml"])
    data["en"]["background"] = payload
    (tmp_path / "invoicing.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert main(["--dir", str(tmp_path)]) == 1
    assert re.search(
        r"invoicing\.yml:\d+:\d+: `en\.background` (contains HTML|links to|shows an image|contains a heading|contains an attribute list)",
        capsys.readouterr().err,
    )


# Payloads that pass validation as text: they must reach the reader as text, never as markup.
# A title is plain text (no Markdown, no HTML): markup in it is shown, in the header and <title> too.
ACCEPTED = {
    "title": 'Quote " & &lt;script&gt;alert(1)&lt;/script&gt; "><svg onload=alert(1)><b>bold</b>',
    "summary": "Entities &#60;img src=x onerror=alert(1)&#62; and [fake](link) *stars* `code` end.",
    "question": 'What if &#x3C;script&#x3E;alert(1) and {% raw %} and 3 < 4 > 2 and "quotes" appear?',
    "background": 'A [link with a quote](https://example.org/"onmouseover="alert(1)) and &lt;svg onload=alert(1)&gt; and <3 hearts.',
    "looking_for": "[x](https://example.org/ 'title\" onmouseover=\"alert(1)') and a rule:\n\n---\n\nafter it.",
}


# A contact address the schema accepts, with a quote and markup-like characters in it: it reaches the page.
ACCEPTED_CONTACT = "https://example.org/?q='onmouseover=alert(1)//&x=(1)"


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory):
    """The project with ACCEPTED in every language of a challenge, built and served; yields the base URL."""
    work = tmp_path_factory.mktemp("payloads")
    project = copy_project(work / "project")
    file = project / "challenges" / "invoicing.yml"
    data = yaml.safe_load(file.read_text())
    for lang in ("da", "de", "en"):
        data[lang].update(ACCEPTED)
    data["contact"] = ACCEPTED_CONTACT
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert schema_problems(read_yaml(file, file.name), "challenge", project / "schema") == []
    result = build(project, work / "site")
    assert result.returncode == 0, result.output
    with serve(result.site) as base:
        yield base


# Elements a text must never become, and attributes that run script.
INJECTED = """selector => [...document.querySelectorAll(selector)]
    .filter(e => e.tagName === "SCRIPT" || e.tagName === "IMG" || e.tagName === "svg" || e.tagName === "B" ||
                 [...e.attributes].some(a => a.name.startsWith("on")))
    .map(e => e.outerHTML.slice(0, 80))"""


def test_payloads_that_pass_validation_never_run_in_the_browser(payload_site: str, browser) -> None:
    base = payload_site
    page = browser.new_page()
    dialogs: list[str] = []

    def dismissed(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismissed)
    for path in ("challenges/", "challenges/invoicing/", "en/challenges/invoicing/", "de/challenges/"):
        page.goto(base + path)
        page.hover("article")
        for link in page.locator("article a").all():
            link.hover()
        assert dialogs == [], path
        assert page.evaluate(INJECTED, "article *") == [], path
    page.goto(base + "en/challenges/invoicing/")
    assert page.locator("article h1").text_content().removesuffix("¶") == ACCEPTED["title"]  # the heading's permalink
    contact = page.locator("article dd a[href^='https://example.org/?q=']")
    assert contact.get_attribute("href") == ACCEPTED_CONTACT.replace("(", "%28").replace(")", "%29")
    assert [a for a in contact.evaluate("a => a.getAttributeNames()")] == ["href"]
    head = page.evaluate("""() => Object.fromEntries([...document.head.querySelectorAll("meta[name], meta[property]")]
        .map(m => [m.getAttribute("name") || m.getAttribute("property"), m.getAttribute("content")]))""")
    assert head["og:title"] == ACCEPTED["title"] and head["description"] == ACCEPTED["summary"] == head["og:description"]
    # The site's own Content-Security-Policy is the only http-equiv: none comes from a text.
    assert page.evaluate("[...document.querySelectorAll('head meta[http-equiv]')].map(m => m.httpEquiv)") == ["Content-Security-Policy"]
    page.close()


def test_a_title_with_markup_stays_text_in_the_header_and_the_window_title(payload_site: str, browser) -> None:
    page = browser.new_page()
    page.goto(payload_site + "en/challenges/invoicing/")
    injected = page.evaluate(INJECTED, ".md-header__topic *")
    header = page.locator(".md-header__topic").all_text_contents()[-1].strip()
    title = page.title()
    page.close()
    assert injected == []
    assert header == ACCEPTED["title"]
    assert title.startswith(ACCEPTED["title"])
