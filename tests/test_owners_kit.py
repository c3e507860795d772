"""What a challenge owner gets: a phase-1 guide, and a workshop kit whose worksheet holds every field of the schema and prints well."""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest
import yaml

from built_pages import LANGUAGES, article, prefix, text
from conftest import ROOT, build, copy_project
from govtech.making.markdown import template_environment
from govtech.making.worksheet import worksheet
from govtech.reading.loading import load_catalogue
from govtech.schemas import resolved, schema
from govtech.strings import ui_strings
from govtech_mkdocs.project_config import project_settings

GUIDE = "agencies/defining-a-challenge/"
KIT = "agencies/worksheet/"
FORM = "agencies/form/"
EDITORS = {"da": "redaktion", "de": "Redaktion", "en": "editors"}
FIVE_WEEKS = {"da": "fem uger", "de": "fünf Wochen", "en": "five weeks"}
# The roles the guide names, as its table's first column says them.
ROLES = {
    "da": ["Fageksperter", "Jura", "IT", "Indkøb", "Ledelsen"],
    "de": ["Fachleute", "Rechtsabteilung", "IT", "Beschaffung", "Leitung"],
    "en": ["Subject experts", "Legal", "IT", "Procurement", "Management"],
}
PDFTOTEXT = shutil.which("pdftotext")


def page(site: Path, url_path: str) -> lxml.html.HtmlElement:
    """The page at `url_path`, read as the UTF-8 it is."""
    return parse(site / url_path / "index.html")


def parse(file: Path) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(file.read_text(encoding="utf-8"))


def strings(lang: str) -> dict:
    return yaml.safe_load((ROOT / "hooks/govtech/strings" / f"{lang}.yml").read_text())


def links_to(site: Path, source: str, target: str) -> bool:
    """Whether the article of the page at `source` links to the page at `target`."""
    origin = site / source / "index.html"
    wanted = (site / target / "index.html").resolve()
    for a in article(parse(origin)).iter("a"):
        href = (a.get("href") or "").split("#")[0]
        if href and not href.startswith(("http", "mailto:")):
            resolved_target = (origin.parent / href).resolve()
            if (resolved_target / "index.html" if resolved_target.is_dir() else resolved_target) == wanted:
                return True
    return False


def schema_fields(spec: dict, whole: dict, lang: str, path: tuple[str, ...] = ()) -> dict[str, dict]:
    """Every field of a challenge file a sheet in `lang` holds, by dotted name: the language-neutral ones and `lang`'s texts.

    Read here from the schema on its own terms (objects go deeper, a list is one field; an owner or theme is a
    choice, and the fields of one written out), to check the sheet against.
    """
    found: dict[str, dict] = {}
    for key, raw in spec.get("properties", {}).items():
        if key in LANGUAGES and key != lang:
            continue
        sub = resolved(raw, whole)
        name = ".".join((*path, key))
        if "x-entries" in sub:
            found[name] = sub
        if sub.get("type") == "object" or "properties" in sub:
            found |= schema_fields(sub, whole, lang, (*path, key))
        elif "x-entries" not in sub:
            found[name] = sub
    return found


# --------------------------------------------------------------------------- the guide


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_guide_leads_an_owner_from_a_problem_to_one_question(site: Path, lang: str) -> None:
    content = article(page(site, prefix(lang) + GUIDE))
    body = text(content)
    tables = content.cssselect("table")
    # Who takes part, and what each brings.
    roles = [[text(td) for td in tr.cssselect("td")] for tr in tables[0].cssselect("tbody tr")]
    assert [row[0] for row in roles] == ROLES[lang] and all(len(row[1]) > 40 for row in roles)
    # The steps: each with what comes out, a time marked as the editors' estimate, and who signs off.
    steps = tables[1]
    headers = [text(th) for th in steps.cssselect("thead th")]
    assert len(headers) == 4 and EDITORS[lang].lower() in headers[2].lower()
    rows = [[text(td) for td in tr.cssselect("td")] for tr in steps.cssselect("tbody tr")]
    assert len(rows) == 6 and all(len(row) == 4 and all(row) for row in rows)
    # Each step has a section of its own with a checklist.
    step_headings = [h for h in content.iter("h3") if re.match(r"(Trin|Schritt|Step) [1-6]:", text(h))]
    assert len(step_headings) == 6
    for heading in step_headings:
        following = heading.getnext()
        while following is not None and following.tag == "p":
            following = following.getnext()
        assert following is not None and "task-list" in (following.get("class") or ""), text(heading)
    # The question's limit is the schema's.
    limit = schema("challenge", ROOT / "schema")["$defs"]["texts"]["properties"]["question"]["maxLength"]
    assert f"{limit} " in body
    # How proposals are judged, and what the owner's staff commit to.
    assert [len(ol.findall("li")) for ol in content.iter("ol")].count(7) == 1
    assert FIVE_WEEKS[lang] in body
    # Examples are marked as the editors'.
    examples = content.cssselect(".admonition.example")
    assert examples and all(EDITORS[lang] in text(e.cssselect(".admonition-title")[0]) for e in examples)
    # How to publish: the form, the agencies' guide, the kit.
    for target in (FORM, "agencies/contributing/", KIT):
        assert links_to(site, prefix(lang) + GUIDE, prefix(lang) + target), target


@pytest.mark.parametrize("lang", LANGUAGES)
def test_owners_find_the_guide_where_they_look(site: Path, lang: str) -> None:
    for source in ("agencies/", "guides/", "seminar/", "glossary/"):
        assert links_to(site, prefix(lang) + source, prefix(lang) + GUIDE), source
    assert links_to(site, prefix(lang) + "agencies/", prefix(lang) + KIT)
    assert links_to(site, prefix(lang) + FORM, prefix(lang) + KIT)
    nav = [a.get("href") for a in page(site, prefix(lang) + "about/").cssselect("nav.md-nav--primary a.md-nav__link")]
    assert any(href.endswith("defining-a-challenge/") for href in nav) and any(href.endswith("worksheet/") for href in nav)


# --------------------------------------------------------------------------- the workshop kit


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_kit_has_an_agenda_of_two_to_three_hours_marked_as_the_editors(site: Path, lang: str) -> None:
    content = article(page(site, prefix(lang) + KIT))
    [note] = content.cssselect(".admonition")
    assert EDITORS[lang] in text(note.cssselect(".admonition-title")[0])
    rows = [[text(td) for td in tr.cssselect("td")] for tr in content.cssselect("table tbody tr")]
    times = [re.fullmatch(r"(\d):(\d\d)–(\d):(\d\d)", row[0]) for row in rows]
    assert all(times), [row[0] for row in rows]
    spans = [tuple(int(n) for n in m.groups()) for m in times if m]
    assert spans[0][:2] == (0, 0) and 120 <= spans[-1][2] * 60 + spans[-1][3] <= 180
    assert all(a[2:] == b[:2] for a, b in zip(spans, spans[1:], strict=False)), "the steps follow each other"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_worksheet_holds_every_field_with_its_label_help_and_limit(site: Path, lang: str) -> None:
    """On the kit's page and on the printed form: the schema's own words, and room to write."""
    whole = schema("challenge", ROOT / "schema")
    fields = schema_fields(whole, whole, lang)
    for path in (KIT, FORM):
        sheet = article(page(site, prefix(lang) + path)).cssselect(".worksheet")[0]
        on_paper = {}
        for box in sheet.cssselect(".worksheet__field"):
            names = box.cssselect(".worksheet__label code")
            if names:
                on_paper[text(names[0])] = box
        assert set(on_paper) == set(fields), path
        for name, spec in fields.items():
            box = on_paper[name]
            label = ({"en": spec.get("title")} | spec.get("x-title", {})).get(lang) or name.rsplit(".", 1)[-1]
            assert text(box.cssselect(".worksheet__label strong")[0]) == label, name
            help_text = text(box.cssselect(".worksheet__help")[0])
            said = spec.get("x-form-description", {}).get(lang) or spec.get("x-description", {}).get(lang) or spec["description"]
            assert help_text.startswith(" ".join(said.split())), name
            if spec.get("maxLength") and box.cssselect(".worksheet__line"):
                # A `|` block leaves one character to the line break, as the form says.
                assert re.search(rf"\b{spec['maxLength']}\b|\b{spec['maxLength'] - 1}\b", help_text), name
            writes = box.cssselect(".worksheet__line") or box.cssselect(".worksheet__choices li") or box.cssselect(".worksheet__date")
            assert writes, f"{name}: no room to write"


def test_a_field_added_to_the_schema_reaches_the_worksheet(tmp_path: Path) -> None:
    """The sheet is made from the schema: a new field, a new text and a new list appear with their labels and limits."""
    changed = copy.deepcopy(schema("challenge", ROOT / "schema"))
    changed["properties"]["budget_note"] = {
        "title": "Budget note",
        "x-title": {"da": "Note om budget", "de": "Hinweis zum Budget"},
        "type": "string",
        "maxLength": 240,
        "description": "What is known about the budget.",
        "x-description": {"da": "Hvad der vides om budgettet.", "de": "Was über das Budget bekannt ist."},
    }
    changed["$defs"]["texts"]["properties"]["audience"] = {
        "title": "Audience",
        "x-title": {"da": "Målgruppe", "de": "Zielgruppe"},
        "type": "string",
        "maxLength": 400,
        "description": "Who the challenge is for.",
    }
    catalogue = load_catalogue(ROOT / "challenges", project_settings(ROOT))
    env = template_environment()
    for lang in LANGUAGES:
        s = ui_strings(lang)
        markdown = env.get_template("worksheet.md.j2").render(lang=lang, s=s, sheet=worksheet(changed, catalogue, lang, s))
        expected = {"da": "Note om budget", "de": "Hinweis zum Budget", "en": "Budget note"}[lang]
        assert f"<strong>{expected}</strong> <code>budget_note</code>" in markdown
        assert s["form"]["length_max"].format(max=240) in markdown
        label = {"da": "Målgruppe", "de": "Zielgruppe", "en": "Audience"}[lang]
        assert f"<strong>{label}</strong> <code>{lang}.audience</code>" in markdown
        assert not [other for other in LANGUAGES if other != lang and f"<code>{other}.audience</code>" in markdown]


def test_a_field_added_to_a_projects_schema_reaches_its_built_worksheet(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    file = project / "schema" / "challenge.schema.json"
    changed = json.loads(file.read_text())
    changed["properties"]["budget_note"] = {"title": "Budget note", "type": "string", "maxLength": 240, "description": "What is known about the budget."}
    file.write_text(json.dumps(changed, ensure_ascii=False, indent=2))
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert "budget_note" in [text(c) for c in article(page(result.site, f"en/{KIT}")).cssselect(".worksheet__label code")]


# --------------------------------------------------------------------------- paper


def pdf_pages(pdf: bytes, tmp_path: Path) -> list[str]:
    """The text of each page of `pdf`, as poppler's pdftotext reads it, white space folded."""
    file = tmp_path / "page.pdf"
    file.write_bytes(pdf)
    assert PDFTOTEXT is not None
    out = subprocess.run([PDFTOTEXT, "-enc", "UTF-8", str(file), "-"], check=True, capture_output=True, text=True).stdout
    return [" ".join(p.split()) for p in out.split("\f") if p.strip()]


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (Debian: poppler-utils) is not installed; .ci/run installs it")
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", [GUIDE, KIT, FORM])
def test_every_printed_sheet_has_its_number_and_address(served_site, browser, lang: str, path: str, tmp_path: Path) -> None:
    base, _ = served_site
    tab = browser.new_page()
    url = f"{base}{prefix(lang)}{path}"
    tab.goto(url)
    sheets = pdf_pages(tab.pdf(format="A4"), tmp_path)
    tab.close()
    assert len(sheets) >= 2
    site_name = strings(lang)["site_name"]
    for number, sheet in enumerate(sheets, 1):
        assert f"{site_name} · {url}" in sheet, f"sheet {number} lacks the address"
        assert re.search(rf"\b{number} ?/ ?{len(sheets)}\b", sheet), f"sheet {number} lacks its number"


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (Debian: poppler-utils) is not installed; .ci/run installs it")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_form_prints_as_the_worksheet(served_site, browser, lang: str, tmp_path: Path) -> None:
    base, _ = served_site
    tab = browser.new_page()
    tab.goto(f"{base}{prefix(lang)}{FORM}")
    assert tab.locator(".form-worksheet").is_hidden() and tab.locator("#challenge-form").is_visible()
    paper = " ".join(pdf_pages(tab.pdf(format="A4"), tmp_path))
    tab.close()
    s = strings(lang)
    assert s["worksheet"]["sheet_title"] in paper and s["worksheet"]["signed_off"] in paper
    assert s["form"]["start_button"] not in paper and s["form"]["make"] not in paper  # the interactive form stays off paper
    texts = schema("challenge", ROOT / "schema")["$defs"]["texts"]["properties"]
    assert f"{lang}.background" in paper and ({"en": texts["background"]["title"]} | texts["background"].get("x-title", {}))[lang] in paper


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (Debian: poppler-utils) is not installed; .ci/run installs it")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_checklist_or_field_is_split_across_sheets(served_site, browser, lang: str, tmp_path: Path) -> None:
    """Each step's checklist in the guide, and each field of the worksheet, starts and ends on the same sheet.

    Its first words and its last word (printed links add their address before it) are looked up in the PDF's text.
    """
    base, _ = served_site
    for path, selector, first, last in (
        (GUIDE, "article ul.task-list", "li:first-child", "li:last-child"),
        (KIT, ".worksheet__field", ".worksheet__label", ".worksheet__label, .worksheet__help"),
    ):
        tab = browser.new_page()
        tab.goto(f"{base}{prefix(lang)}{path}")
        blocks = tab.evaluate(
            """([selector, first, last]) => [...document.querySelectorAll(selector)].map(b => {
                const words = e => e.innerText.split(/\\s+/).filter(Boolean);
                const all = [...b.querySelectorAll(last)];
                return [words(b.querySelector(first)).slice(0, 4).join(" "), words(all[all.length - 1]).slice(-1).join(" ")];
            })""",
            [selector, first, last],
        )
        sheets = pdf_pages(tab.pdf(format="A4"), tmp_path)
        tab.close()
        assert len(blocks) >= 6
        for start, end in blocks:
            where = [i for i, sheet in enumerate(sheets) if start in sheet]
            assert where and any(end in sheets[i][sheets[i].index(start) :] for i in where), f"{path}: {start!r} … {end!r} split or missing"
