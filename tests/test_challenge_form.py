"""The challenge form (For public authorities > Challenge file form): filled in Chromium, its file checked by the real validator and build."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
import yaml

from browser_checks import axe_violations, visit
from built_pages import CHALLENGE_IDS, LANGUAGES, article, page, prefix, text
from conftest import ROOT, build, copy_project, serve
from govtech.making.challenge_form import NEW_ENTRY, SCHEMA_LINE, Field, Group, LeftOut, challenge_form
from govtech.reading.loading import load_catalogue
from govtech.schemas import schema
from govtech.strings import ui_strings
from govtech_mkdocs.project_config import project_settings
from repository_config import REPOSITORY, set_repository

VALIDATE = Path(sys.executable).with_name("govtech-validate")
FORM = "agencies/form/"
NEW_ID = "form-made-challenge"
# What the form page's messages say, by language (strings/<lang>.yml, form).
S = {lang: ui_strings(lang)["form"] for lang in LANGUAGES}

# A new challenge as an editor types it: texts that plain YAML would misread
# (yes/no words, ": ", "#", quotes, a leading "- ", a leading space, a tab).
TYPED = {
    "id": NEW_ID,
    "theme": "scan-technology",
    "owner": "sik",
    "owner_confirmed": "false",
    "status": "open-call",
    "dates.published": "2030-01-10",
    "dates.deadline": "2030-02-01",
    "timeline.definition.start": "2029-12-01",
    "timeline.definition.end": "2030-01-09",
    "contact": "mailto:challenges@example.org",
}
TEXTS = {
    "da": {
        "title": "yes",
        "summary": "Ja: nej # ikke en kommentar, og “citater” med æøå.",
        "question": "Hvordan kan \"dobbelte\" og 'enkelte' anførselstegn og \\ overleve?",
        "background": "  Første linje starter med to mellemrum.\n\n- et punkt\n- et andet: med kolon\n\nEt hashtag som #dette er ikke en overskrift.",
        "looking_for": "yes\n\nEn løsning, der står på flere linjer\n\tog har en tabulator først på en linje.",
    },
    "de": {
        "title": "- Beginnt wie ein Listenpunkt",
        "summary": "Eine Zusammenfassung mit „Anführungszeichen“ und ß: genau so.",
        "question": "Wie bleibt ein Text mit Doppelpunkt: und Raute # erhalten?",
        "background": "Ein Absatz.\n\nNoch einer, mit **Markdown** und [einem Link](https://example.org/).",
        "looking_for": "Eine Lösung, die sich in wenigen Sätzen beschreiben lässt.",
    },
    "en": {
        "title": "On: off",
        "summary": "A summary that is long enough to be one, with a colon: here.",
        "question": "How can a question that ends in a colon survive:",
        "background": "Background in English.\n\n1. first\n2. second",
        "looking_for": "What the owner looks for, in a sentence or two.",
    },
}


def expected_data() -> dict:
    """What the file the form makes from TYPED and TEXTS must hold, read by YAML."""
    data: dict = {}
    for name, value in TYPED.items():
        node = data
        *groups, key = name.split(".")
        for group in groups:
            node = node.setdefault(group, {})
        node[key] = value
    data["owner_confirmed"] = False
    for key in ("published", "deadline"):
        data["dates"][key] = yaml.safe_load(data["dates"][key])
    for key in ("start", "end"):
        data["timeline"]["definition"][key] = yaml.safe_load(data["timeline"]["definition"][key])
    for lang, texts in TEXTS.items():
        data[lang] = {k: (v.rstrip() + "\n" if k in ("background", "looking_for") else v.strip()) for k, v in texts.items()}
    return data


@pytest.fixture(scope="module")
def repo_site(tmp_path_factory: pytest.TempPathFactory):
    """The site built from a copy whose mkdocs.yml names a repository, served; yields its base URL."""
    project = set_repository(copy_project(tmp_path_factory.mktemp("project")))
    result = build(project, tmp_path_factory.mktemp("site"))
    assert result.returncode == 0, result.output
    with serve(result.site) as base:
        yield base


@pytest.fixture
def context(browser):
    """A browser context as a reader has it: the page's Content-Security-Policy in force."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield context
    context.close()


def open_form(context, base: str, lang: str = "en"):
    """The form page in `lang`, loaded, with what went wrong while loading."""
    tab = context.new_page()
    found = visit(tab, base + prefix(lang) + FORM, run_axe=False)
    assert found.console_errors == [] and found.failures == [] and found.off_origin(base) == []
    tab.locator("#challenge-form.is-ready").wait_for()
    return tab


def fill(tab, typed: dict[str, str], texts: dict[str, dict[str, str]]) -> None:
    """Fill the form as an editor does: each value into the control named after its field."""
    for name, value in [*typed.items(), *((f"{lang}.{k}", v) for lang, t in texts.items() for k, v in t.items())]:
        control = tab.locator(f'[name="{name}"]')
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)


def make(tab) -> str:
    """Press "make the file" and return the file's text from the page."""
    tab.locator("#challenge-form button[type=submit]").click()
    tab.locator("#challenge-form-result:not([hidden])").wait_for()
    return tab.locator("#challenge-form-output").input_value()


def status(tab, expected: str) -> None:
    """Wait until the role=status region says `expected`."""
    tab.locator("#challenge-form-status", has_text=expected).wait_for(timeout=5_000)


def start_from(tab, challenge_id: str, lang: str) -> None:
    """Fill the form from a published challenge."""
    tab.locator("#challenge-start").select_option(challenge_id)
    tab.locator("[data-action=start]").click()
    status(tab, S[lang]["loaded"].split("{")[0].strip())


def validate(project: Path) -> subprocess.CompletedProcess:
    """The real govtech-validate over the challenges of `project`, run there."""
    return subprocess.run([VALIDATE, "--dir", project / "challenges"], cwd=project, capture_output=True, text=True, timeout=300)


def test_a_filled_form_makes_a_file_that_validates_and_builds_in_three_languages(served_site, context, tmp_path: Path) -> None:
    base, _ = served_site
    tab = open_form(context, base, "de")
    fill(tab, TYPED, TEXTS)
    shown = make(tab)
    status(tab, S["de"]["ready"].format(name=f"{NEW_ID}.yml"))
    with tab.expect_download() as download:
        tab.get_by_role("button", name=S["de"]["download"]).click()
    assert download.value.suggested_filename == f"{NEW_ID}.yml"
    produced = Path(download.value.path()).read_text(encoding="utf-8")
    assert produced == shown
    assert produced.splitlines()[0] == SCHEMA_LINE == (ROOT / "challenges" / "_template.yml").read_text().splitlines()[0]
    assert "  background: |2\n    " in produced and '  title: "yes"\n' in produced
    assert yaml.safe_load(produced) == expected_data()

    project = copy_project(tmp_path / "project")
    (project / "challenges" / f"{NEW_ID}.yml").write_text(produced, encoding="utf-8")
    checked = validate(project)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    for lang in LANGUAGES:
        [heading] = article(page(result.site, f"{prefix(lang)}challenges/{NEW_ID}/")).iter("h1")
        assert text(heading) == TEXTS[lang]["title"]


def test_every_published_challenge_fills_the_form_and_gives_back_its_file(served_site, context, tmp_path: Path) -> None:
    base, _ = served_site
    tab = open_form(context, base, "da")
    project = copy_project(tmp_path / "project")
    for challenge_id in CHALLENGE_IDS:
        start_from(tab, challenge_id, "da")
        produced = make(tab)
        status(tab, S["da"]["existing"].format(id=challenge_id))
        original = yaml.safe_load((ROOT / "challenges" / f"{challenge_id}.yml").read_text(encoding="utf-8"))
        made = yaml.safe_load(produced)
        # challenges.json publishes the status shown today (a call past its deadline reads closed).
        assert made.pop("status") in ("closed", original.pop("status"))
        assert made == original, challenge_id
        (project / "challenges" / f"{challenge_id}.yml").write_text(produced, encoding="utf-8")
    checked = validate(project)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "5 challenge files checked" in checked.stdout


# What no published challenge has yet: an unconfirmed owner, a timeline, and the
# lists the form leaves to the file (links, answered questions, selected firms).
RICHER = """
owner_confirmed: false
dates:
  published: 2019-03-01
  deadline: 2019-04-15
  deadline_time: "12:00"
application:
  url: mailto:apply@example.org
  languages:
    da: true
    en: true
  questions_until: 2019-04-01
  da: Send en ansøgning på højst fem sider.
  de: Senden Sie eine Bewerbung von höchstens fünf Seiten.
  en: "Send an application: at most five pages."
timeline:
  open-call:
    start: 2019-03-01
    end: 2019-04-15
  proof-of-concept:
    start: 2019-06-01
links:
  - url: https://example.org/report
    da: Rapporten
    de: Der Bericht
    en: "The report: in full"
questions:
  - date: 2019-03-20
    da:
      question: Må vi bruge testdata fra jer?
      answer: |
        Ja, men kun opdigtede data.

        - ingen rigtige fakturaer
    de:
      question: Dürfen wir Testdaten von Ihnen nutzen?
      answer: |
        Ja, aber nur erfundene Daten.
    en:
      question: "May we use test data from you?"
      answer: "Yes, but only made-up data: no real invoices."
outcome:
  firms:
    - name: Example ApS
      url: https://example.org/
    - name: "No: Second Firm"
  da: Tre virksomheder arbejdede videre med udfordringen.
  de: Drei Unternehmen arbeiteten an der Herausforderung weiter.
  en: Three firms went on working on the challenge.
"""


def test_a_challenge_with_lists_and_groups_comes_back_whole(browser, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    source = project / "challenges" / "invoicing.yml"
    source.write_text(source.read_text(encoding="utf-8") + RICHER, encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    with serve(result.site) as base:
        context = browser.new_context()
        tab = open_form(context, base, "de")
        start_from(tab, "invoicing", "de")
        richer = yaml.safe_load(RICHER)
        for name, entries in (("links", richer["links"]), ("questions", richer["questions"]), ("outcome.firms", richer["outcome"]["firms"])):
            assert tab.locator(f'[data-list="{name}"] [data-kept]').inner_text() == S["de"]["kept"].format(count=len(entries))
        assert tab.locator('[name="outcome.de"]').evaluate("e => e.required")
        produced = make(tab)
        context.close()
    original = yaml.safe_load(source.read_text(encoding="utf-8"))
    made = yaml.safe_load(produced)
    assert made.pop("status") in ("closed", original.pop("status"))
    # A text written on one line comes back as a `|` block, which ends it with a line break.
    assert without_final_breaks(made) == without_final_breaks(original)
    assert made["questions"][0]["da"]["answer"] == original["questions"][0]["da"]["answer"]
    source.write_text(produced, encoding="utf-8")
    checked = validate(project)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def without_final_breaks(data):
    """`data` with the line break that ends a text taken off."""
    if isinstance(data, dict):
        return {k: without_final_breaks(v) for k, v in data.items()}
    if isinstance(data, list):
        return [without_final_breaks(v) for v in data]
    return data.removesuffix("\n") if isinstance(data, str) else data


def test_the_browser_refuses_what_the_schema_refuses(served_site, context) -> None:
    base, _ = served_site
    tab = open_form(context, base, "en")

    def validity(name: str, value: str) -> dict:
        control = tab.locator(f'[name="{name}"]')
        control.fill(value)
        return control.evaluate(
            "e => ({valid: e.validity.valid, pattern: e.validity.patternMismatch, "
            "under: e.validity.rangeUnderflow, type: e.validity.typeMismatch, missing: e.validity.valueMissing})"
        )

    assert validity("id", "a-good-id")["valid"]
    for wrong in ("index", "Capitals", "two  spaces", "trailing-", "a--b"):
        assert validity("id", wrong)["pattern"], wrong
    assert tab.locator('[name="id"]').get_attribute("maxlength") == "60"
    assert validity("contact", "https://example.org/contact")["valid"]
    assert validity("contact", "mailto:someone@example.org")["valid"]
    assert not validity("contact", "ftp://example.org/")["valid"]
    assert tab.locator('[name="en.title"]').get_attribute("maxlength") == "90"
    # A `|` block ends its text with a line break, which the schema counts.
    assert tab.locator('[name="en.background"]').get_attribute("maxlength") == "2999"

    validity("dates.published", "2030-03-01")
    assert validity("dates.deadline", "2030-02-01")["under"]
    assert validity("dates.deadline", "2030-03-01")["valid"]
    validity("timeline.selection.start", "2030-05-01")
    assert validity("timeline.selection.end", "2030-04-30")["under"]

    # An optional group with required fields: all or nothing; its German text once the file has German texts (Danish first).
    outcome_de = tab.locator('[name="outcome.de"]')
    assert not outcome_de.evaluate("e => e.required")
    validity("outcome.da", "Et resultat på mindst tyve tegn.")
    assert not outcome_de.evaluate("e => e.required")
    validity("de.title", "Ein deutscher Titel")
    assert outcome_de.evaluate("e => e.required") and outcome_de.evaluate("e => e.validity.valueMissing")
    assert tab.locator('[name="de.summary"]').evaluate("e => e.required")
    validity("outcome.da", "")
    assert not outcome_de.evaluate("e => e.required")

    # Sent with required fields empty: nothing is made, the count is announced, the first is focused.
    tab.reload()
    tab.locator("#challenge-form.is-ready").wait_for()
    tab.locator("#challenge-form button[type=submit]").click()
    required = tab.locator("#challenge-form [required]:enabled").count()
    neutral = [key for key in schema("challenge", ROOT / "schema")["required"] if key not in LANGUAGES]
    # Danish first: the German and English texts may follow.
    assert required == len(neutral) + len(schema("challenge", ROOT / "schema")["$defs"]["texts"]["required"])
    status(tab, S["en"]["invalid_other"].format(count=required))
    assert tab.evaluate("document.activeElement.name") == "id"
    assert tab.locator("#challenge-form-result").is_hidden()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_form_is_labelled_described_and_reachable_by_tab(served_site, browser, lang: str) -> None:
    base, _ = served_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    found = visit(tab, base + prefix(lang) + FORM)
    assert found.violations == [] and found.lang == lang
    assert tab.locator("h1").inner_text().rstrip("¶").strip() == S[lang]["title"]
    controls = tab.evaluate("""() => Array.from(document.querySelectorAll(
        "#challenge-form input, #challenge-form select, #challenge-form textarea, #challenge-form button")).filter(e => !e.closest("[hidden]")).map(e => ({
            id: e.id || e.textContent.trim(), label: e.labels && e.labels.length ? e.labels[0].textContent.trim() : e.textContent.trim(),
            help: (e.getAttribute("aria-describedby") || "").split(" ").filter(Boolean).map(i => (document.getElementById(i) || {}).textContent || "")}))""")
    assert len(controls) >= 40
    for control in controls:
        assert control["label"], control
        if control["id"].startswith("field-"):
            assert control["help"] and all(h.strip() for h in control["help"]), control

    # Tab from the first control reaches every control, the file's actions after it.
    tab.locator("#challenge-start").focus()
    seen = {tab.evaluate("document.activeElement.id")}
    for _ in range(4 * len(controls)):
        tab.keyboard.press("Tab")
        active = tab.evaluate("document.activeElement.id || document.activeElement.textContent.trim()")
        seen.add(active)
        if active == S[lang]["make"]:
            break
    assert {c["id"] for c in controls} <= seen

    # The same by keyboard: start from a challenge, make the file, then Tab to its actions.
    tab.locator("#challenge-start").focus()
    tab.keyboard.press("End")
    tab.keyboard.press("Tab")
    tab.keyboard.press("Enter")
    status(tab, S[lang]["loaded"].split("{")[0].strip())
    tab.locator("#challenge-form button[type=submit]").focus()
    tab.keyboard.press("Enter")
    tab.locator("#challenge-form-result:not([hidden])").wait_for()
    for expected in ("challenge-form-output", S[lang]["download"], S[lang]["copy"]):
        tab.keyboard.press("Tab")
        assert tab.evaluate("document.activeElement.id || document.activeElement.textContent.trim()") == expected
    # With the file shown, once the focused button's colour transition has ended (axe reads colours as they are).
    tab.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    assert axe_violations(tab) == []
    context.close()


def test_the_text_can_be_copied(served_site, context) -> None:
    base, _ = served_site
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
    tab = open_form(context, base, "da")
    start_from(tab, "user-data", "da")
    produced = make(tab)
    tab.get_by_role("button", name=S["da"]["copy"]).click()
    status(tab, S["da"]["copied"])
    assert tab.evaluate("navigator.clipboard.readText()") == produced


def test_without_a_repository_there_is_no_github_button(served_site, context) -> None:
    base, _ = served_site
    tab = open_form(context, base, "en")
    start_from(tab, "invoicing", "en")
    make(tab)
    assert tab.locator("[data-action=github]").is_hidden()
    assert tab.get_by_role("link", name="GitHub").count() == 0


def test_with_a_repository_the_file_opens_in_githubs_web_editor(repo_site, context) -> None:
    tab = open_form(context, repo_site, "en")
    fill(tab, TYPED, TEXTS)
    produced = make(tab)
    link = tab.get_by_role("link", name=S["en"]["github_new"])
    href = link.get_attribute("href")
    address = urlsplit(href)
    assert f"{address.scheme}://{address.netloc}{address.path}" == f"{REPOSITORY}/new/main"
    query = parse_qs(address.query)
    assert query["filename"] == [f"challenges/{NEW_ID}.yml"] and query["value"] == [produced]
    assert tab.locator("#challenge-form-github-hint").is_hidden()

    # Too long for an address GitHub accepts: the file name only, and a hint to paste.
    for lang in LANGUAGES:
        tab.locator(f'[name="{lang}.background"]').fill("Længere baggrund. " * 150)
    produced = make(tab)
    assert len(quote(produced)) > 8191
    assert parse_qs(urlsplit(link.get_attribute("href")).query) == {"filename": [f"challenges/{NEW_ID}.yml"]}
    assert tab.locator("#challenge-form-github-hint").inner_text() == S["en"]["hint_long"]

    # An existing challenge: its file, in the editor for existing files.
    start_from(tab, "invoicing", "en")
    make(tab)
    edit = tab.get_by_role("link", name=S["en"]["github_edit"].format(file="challenges/invoicing.yml"))
    assert edit.get_attribute("href") == f"{REPOSITORY}/edit/main/challenges/invoicing.yml"
    assert tab.locator("#challenge-form-github-hint").inner_text() == S["en"]["hint_edit"]


def test_the_form_follows_the_schema() -> None:
    """A field added to the schema appears in the form with its rules; a list of groups is left to the file."""
    changed = copy.deepcopy(schema("challenge", ROOT / "schema"))
    changed["properties"]["budget"] = {
        "type": "string",
        "maxLength": 40,
        "pattern": "^[0-9]+ DKK$",
        "description": "The budget.",
        "x-description": {"da": "Budgettet.", "de": "Das Budget."},
    }
    changed["properties"]["contacts"] = {"type": "array", "items": {"type": "object", "properties": {}}, "description": "People."}
    changed["$defs"]["texts"]["properties"]["teaser"] = {"type": "string", "minLength": 5, "maxLength": 50, "description": "A teaser."}
    changed["$defs"]["texts"]["required"].append("teaser")
    catalogue = load_catalogue(ROOT / "challenges", project_settings(ROOT))

    def everything(items) -> dict:
        found: dict = {}
        for item in items:
            found.setdefault(item.name, item)  # a choice of owners before the group that writes a new one out
            if isinstance(item, Group):
                found |= everything(item.items)
        return found

    form = everything(challenge_form(changed, catalogue, "de", ui_strings("de")).groups)
    budget = form["budget"]
    assert isinstance(budget, Field) and (budget.max_length, budget.pattern, budget.help, budget.required) == (40, "^[0-9]+ DKK$", "Das Budget.", False)
    assert isinstance(form["contacts"], LeftOut)
    assert form["questions"].dates == ("questions.date",) and form["links"].dates == ()
    for lang in LANGUAGES:
        teaser = form[f"{lang}.teaser"]
        # Danish first: required in Danish, and in German and English once the file has those texts.
        assert (teaser.min_length, teaser.max_length, teaser.control) == (5, 50, "input")
        assert (teaser.required, teaser.required_with) == ((True, "") if lang == "da" else (False, lang)), lang
    assert form["outcome.da"].required_with == "outcome" and not form["outcome.da"].required
    # How to apply: its address and texts required once it is used, the languages as yes or no, the deadline's time as HH:MM.
    assert form["application.url"].required_with == "application" and form["application.en"].control == "textarea"
    assert form["application.languages.da"].writes == "boolean" and form["application.questions_until"].input_type == "date"
    assert form["dates.deadline_time"].pattern == "^([01][0-9]|2[0-3]):[0-5][0-9]$" and not form["dates.deadline_time"].required
    assert {key for key, _ in form["owner"].choices} == set(yaml.safe_load((ROOT / "challenges" / "_owners.yml").read_text()))
    assert {key for key, _ in form["theme"].choices} == set(yaml.safe_load((ROOT / "challenges" / "_themes.yml").read_text()))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_javascript_the_page_says_what_to_do_instead(served_site, browser, lang: str) -> None:
    base, _ = served_site
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(base + prefix(lang) + FORM)
    assert tab.locator("#challenge-form").is_hidden()
    assert tab.locator("[data-form-fallback]").inner_text() == S[lang]["no_script"]
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_label_is_the_schemas_title_in_the_pages_language(site: Path, lang: str) -> None:
    """Civil servants read 'Ansøgningsfrist', not `deadline`: labels come from the schema's titles."""
    doc = page(site, prefix(lang) + FORM)
    labels = {label.get("for"): text(label) for label in doc.cssselect("#challenge-form label[for^='field-']")}
    deadline = schema("challenge", ROOT / "schema")["properties"]["dates"]["properties"]["deadline"]
    expected = deadline["title"] if lang == "en" else deadline["x-title"][lang]
    assert labels["field-dates--deadline"].startswith(expected)
    texts = schema("challenge", ROOT / "schema")["$defs"]["texts"]["properties"]
    assert labels[f"field-{lang}--looking_for"].startswith(texts["looking_for"]["title"] if lang == "en" else texts["looking_for"]["x-title"][lang])
    assert not [key for key, label in labels.items() if label.split(" ")[0] == key.rpartition("-")[2]]


# A civil servant at an authority not yet on the site, with a theme not yet on it, writing in Danish only.
NEW_AUTHORITY = {
    "id": "green-procurement",
    "theme": NEW_ENTRY,
    "theme.key": "green-transition",
    "theme.da": "Grøn omstilling",
    "theme.de": "Grüner Wandel",
    "theme.en": "Green transition",
    "owner": NEW_ENTRY,
    "owner.key": "aarhus",
    "owner.url": "https://example.org/aarhus",
    "owner.da": "Aarhus Kommune",
    "owner.de": "Stadt Aarhus (Aarhus Kommune)",
    "owner.en": "Aarhus Municipality",
    "status": "definition",
}
DANISH_ONLY = {
    "da": {
        "title": "Grønnere offentlige indkøb",
        "summary": "Hvordan kan små virksomheder hjælpe med at gøre offentlige indkøb grønnere?",
        "question": "Hvordan kan teknologi gøre det let at vælge det grønne produkt?",
        "background": "Offentlige indkøbere vil gerne vælge grønt.\n\nMen de mangler overblik over produkternes aftryk.",
        "looking_for": "En løsning, der viser miljøaftrykket ved hvert indkøb.",
    }
}


def test_a_new_authority_and_theme_in_danish_only_is_one_file_that_builds_in_three_languages(served_site, context, tmp_path: Path) -> None:
    base, _ = served_site
    tab = open_form(context, base, "da")
    new_owner = tab.locator('[data-new-for="owner"]')
    assert new_owner.is_hidden() and new_owner.evaluate("e => e.disabled")
    # No authority is chosen for the editor: the list starts at "Vælg", and "not listed" is one of its choices.
    owner = tab.locator('[name="owner"]')
    assert owner.input_value() == "" and owner.locator("option").first.inner_text() == S["da"]["choose"]
    assert owner.locator(f'option[value="{NEW_ENTRY}"]').inner_text() == ui_strings("da")["authoring"]["new_entry"]["owner"]["choice"]
    fill(tab, NEW_AUTHORITY, DANISH_ONLY)
    assert new_owner.is_visible()
    produced = make(tab)
    data = yaml.safe_load(produced)
    assert data["owner"] == {
        "key": "aarhus",
        "url": "https://example.org/aarhus",
        "da": "Aarhus Kommune",
        "de": "Stadt Aarhus (Aarhus Kommune)",
        "en": "Aarhus Municipality",
    }
    assert data["theme"] == {"key": "green-transition", "da": "Grøn omstilling", "de": "Grüner Wandel", "en": "Green transition"}
    assert "de" not in data and "en" not in data

    project = copy_project(tmp_path / "project")
    (project / "challenges" / "green-procurement.yml").write_text(produced, encoding="utf-8")
    checked = validate(project)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    for lang in LANGUAGES:
        content = article(page(result.site, f"{prefix(lang)}challenges/green-procurement/"))
        [heading] = content.iter("h1")
        assert text(heading) == DANISH_ONLY["da"]["title"]
        notices = [text(n) for n in content.cssselect(".admonition.info p:not(.admonition-title)")]
        facts = text(content.cssselect("dl")[0])
        assert {"da": "Aarhus Kommune", "de": "Stadt Aarhus (Aarhus Kommune)", "en": "Aarhus Municipality"}[lang] in facts
        assert NEW_AUTHORITY[f"theme.{lang}"] in facts
        # The catalogue's theme filter follows the data: the new theme, named in the page's language.
        filters = page(result.site, f"{prefix(lang)}challenges/").cssselect("#filter-theme option")
        assert NEW_AUTHORITY[f"theme.{lang}"] in [text(option) for option in filters]
        if lang == "da":
            assert notices == [] and not content.cssselect("[lang]")
            continue
        # German and English: the Danish texts, marked as Danish, and a notice in the reader's language.
        assert notices == [ui_strings(lang)["authoring"]["pending"]["notice"]]
        assert heading.cssselect("span[lang=da]") and len(content.cssselect("div[lang=da]")) == 2
        card = page(result.site, f"{prefix(lang)}challenges/").cssselect(".challenge-card h2[lang=da]")
        assert [text(h) for h in card] == [DANISH_ONLY["da"]["title"]]
        feed = (result.site / prefix(lang) / "feed" / "atom.xml").read_text(encoding="utf-8")
        assert f'<title xml:lang="da">{DANISH_ONLY["da"]["title"]}</title>' in feed
    published = json.loads((result.site / "challenges.json").read_text(encoding="utf-8"))
    [entry] = [c for c in published["challenges"] if c["id"] == "green-procurement"]
    assert entry["translations_pending"] == ["de", "en"] and list(entry["texts"]) == ["da"]
    assert published["themes"]["green-transition"] == {"da": "Grøn omstilling", "de": "Grüner Wandel", "en": "Green transition"}

    # Started from the published challenge, the form gives back the same file: the authority and theme written out again, Danish only.
    with serve(result.site) as built:
        # The German page, Danish texts and all, passes axe (language of parts marked).
        found = visit(context.new_page(), built + "de/challenges/green-procurement/")
        assert found.violations == [] and found.lang == "de"
        again = open_form(context, built, "en")
        start_from(again, "green-procurement", "en")
        assert again.locator('[data-new-for="owner"]').is_visible() and again.locator('[data-new-for="theme"]').is_visible()
        assert yaml.safe_load(make(again)) == data


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_forms_own_messages_are_in_the_pages_language(served_site, context, lang: str) -> None:
    base, _ = served_site
    tab = open_form(context, base, lang)
    validity = ui_strings(lang)["authoring"]["validity"]
    submit = tab.locator("#challenge-form button[type=submit]")
    submit.click()
    assert tab.evaluate("[document.activeElement.name, document.activeElement.validationMessage]") == ["id", validity["value_missing"]]
    tab.locator('[name="id"]').fill("a-good-id")
    submit.click()
    assert tab.evaluate("[document.activeElement.name, document.activeElement.validationMessage]") == ["theme", validity["value_missing_choice"]]
    tab.locator('[name="id"]').fill("Not An Id")
    submit.click()
    assert tab.evaluate("document.activeElement.validationMessage") == validity["pattern"]
    tab.locator('[name="id"]').fill("a-good-id")
    tab.locator('[name="dates.published"]').fill("2030-03-01")
    tab.locator('[name="dates.deadline"]').fill("2030-02-01")
    deadline = tab.locator('[name="dates.deadline"]')
    assert not deadline.evaluate("e => e.reportValidity()")
    assert deadline.evaluate("e => e.validationMessage") == validity["before"].format(day="2030-03-01")
    for name, value, expected in (
        ("contact", "example.org", validity["type_url"]),
        ("da.summary", "For kort.", validity["too_short"].format(min=20, length=9)),
    ):
        control = tab.locator(f'[name="{name}"]')
        control.fill(value)
        assert not control.evaluate("e => e.reportValidity()")
        assert control.evaluate("e => e.validationMessage") == expected, name
    # Mended by the other field: valid again at once, without a message left behind.
    tab.locator('[name="dates.published"]').fill("2030-01-01")
    assert deadline.evaluate("e => e.checkValidity() && e.validationMessage === ''")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_owner_confirmed_help_names_the_choices_the_control_has(site: Path, lang: str) -> None:
    doc = page(site, prefix(lang) + FORM)
    [control] = doc.cssselect("#field-owner_confirmed")
    choices = [text(option) for option in control.cssselect("option")]
    help_text = text(doc.cssselect("#field-owner_confirmed-help")[0])
    assert choices == [S[lang]["not_given"], S[lang]["boolean"]["true"], S[lang]["boolean"]["false"]]
    assert S[lang]["boolean"]["false"] in help_text and S[lang]["not_given"] in help_text
    assert not any(word in help_text for word in ("Skriv", "Schreiben Sie", "Write"))
