"""A Danish public site by the rules: who answers for it, the accessibility statement, the privacy notice, `/was/`.

The publisher's details live in mkdocs.yml's `extra.publisher` (or their
environment variables). A build for a test address works without them and
says so on the pages; a build for a real address refuses to run without
them, and shows them once they are set.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from browser_checks import axe_violations
from built_pages import LANGUAGES, article, page, parse, prefix, text
from conftest import build, copy_project, serve
from govtech.strings import ui_strings

# Every detail, where mkdocs.yml holds it and the environment variable that can set it instead.
DETAILS = {
    "extra.publisher.authority.da": "GOVTECH_PUBLISHER_AUTHORITY_DA",
    "extra.publisher.authority.de": "GOVTECH_PUBLISHER_AUTHORITY_DE",
    "extra.publisher.authority.en": "GOVTECH_PUBLISHER_AUTHORITY_EN",
    "extra.publisher.email": "GOVTECH_PUBLISHER_EMAIL",
    "extra.publisher.phone": "GOVTECH_PUBLISHER_PHONE",
    "extra.publisher.repository": "GOVTECH_PUBLISHER_REPOSITORY",
    "extra.publisher.statement.prepared": "GOVTECH_PUBLISHER_STATEMENT_PREPARED",
    "extra.publisher.statement.reviewed": "GOVTECH_PUBLISHER_STATEMENT_REVIEWED",
    "extra.publisher.statement.was": "GOVTECH_PUBLISHER_STATEMENT_WAS",
    "extra.publisher.privacy.controller.da": "GOVTECH_PUBLISHER_PRIVACY_CONTROLLER_DA",
    "extra.publisher.privacy.controller.de": "GOVTECH_PUBLISHER_PRIVACY_CONTROLLER_DE",
    "extra.publisher.privacy.controller.en": "GOVTECH_PUBLISHER_PRIVACY_CONTROLLER_EN",
    "extra.publisher.privacy.contact": "GOVTECH_PUBLISHER_PRIVACY_CONTACT",
    "extra.publisher.privacy.dpo": "GOVTECH_PUBLISHER_PRIVACY_DPO",
    "extra.publisher.hosting.provider": "GOVTECH_PUBLISHER_HOSTING_PROVIDER",
    "extra.publisher.hosting.country.da": "GOVTECH_PUBLISHER_HOSTING_COUNTRY_DA",
    "extra.publisher.hosting.country.de": "GOVTECH_PUBLISHER_HOSTING_COUNTRY_DE",
    "extra.publisher.hosting.country.en": "GOVTECH_PUBLISHER_HOSTING_COUNTRY_EN",
    "extra.publisher.hosting.safeguard.da": "GOVTECH_PUBLISHER_HOSTING_SAFEGUARD_DA",
    "extra.publisher.hosting.safeguard.de": "GOVTECH_PUBLISHER_HOSTING_SAFEGUARD_DE",
    "extra.publisher.hosting.safeguard.en": "GOVTECH_PUBLISHER_HOSTING_SAFEGUARD_EN",
    "extra.publisher.hosting.log_retention": "GOVTECH_PUBLISHER_HOSTING_LOG_RETENTION",
}
# The hosting facts the privacy notice needs to be true wherever the site is served (nginx, GitHub Pages).
HOSTING_DETAILS = {setting for setting in DETAILS if ".hosting." in setting} | {"extra.publisher.privacy.dpo"}
# Nothing from the environment the tests run in (a CI job may set the real values).
NOTHING_SET = {env: "" for env in DETAILS.values()}
# Test values; the names hold Markdown's own characters, which must reach the reader as written.
AUTHORITY = {"da": "Styrelsen for *Prøve* & Test", "de": "Behörde für *Prüfung* & Test", "en": "Agency for *Trial* & Test"}
CONTROLLER = {"da": "Dataansvarlig Prøve", "de": "Verantwortliche Prüfstelle", "en": "Trial Controller"}
WAS = "https://www.was.digst.dk/govtech-test"
HOST = "Test & Hosting A/S"
COUNTRY = {"da": "Prøveland", "de": "Prüfland", "en": "Trialland"}
SAFEGUARD = {"da": "Prøvegaranti efter artikel 46", "de": "Prüfgarantie nach Artikel 46", "en": "Trial safeguard under Article 46"}
EVERYTHING_SET = {
    **{f"GOVTECH_PUBLISHER_AUTHORITY_{lang.upper()}": name for lang, name in AUTHORITY.items()},
    "GOVTECH_PUBLISHER_EMAIL": "web@govtech.test",
    "GOVTECH_PUBLISHER_PHONE": "+45 11 22 33 44",
    "GOVTECH_PUBLISHER_REPOSITORY": "https://git.govtech.test/site",
    "GOVTECH_PUBLISHER_STATEMENT_PREPARED": "2024-03-05",
    "GOVTECH_PUBLISHER_STATEMENT_REVIEWED": "2025-02-10",
    "GOVTECH_PUBLISHER_STATEMENT_WAS": WAS,
    **{f"GOVTECH_PUBLISHER_PRIVACY_CONTROLLER_{lang.upper()}": name for lang, name in CONTROLLER.items()},
    "GOVTECH_PUBLISHER_PRIVACY_CONTACT": "privacy@govtech.test",
    "GOVTECH_PUBLISHER_PRIVACY_DPO": "dpo@govtech.test",
    "GOVTECH_PUBLISHER_HOSTING_PROVIDER": HOST,
    **{f"GOVTECH_PUBLISHER_HOSTING_COUNTRY_{lang.upper()}": name for lang, name in COUNTRY.items()},
    **{f"GOVTECH_PUBLISHER_HOSTING_SAFEGUARD_{lang.upper()}": name for lang, name in SAFEGUARD.items()},
    "GOVTECH_PUBLISHER_HOSTING_LOG_RETENTION": "30",
}
PREPARED = {"da": "5. marts 2024", "de": "5. März 2024", "en": "5 March 2024"}
REVIEWED = {"da": "10. februar 2025", "de": "10. Februar 2025", "en": "10 February 2025"}
RETENTION = {"da": "30 dage", "de": "30 Tage", "en": "30 days"}
MISSING = {
    "da": "ikke udfyldt i denne udgave af webstedet",
    "de": "in dieser Fassung der Website nicht ausgefüllt",
    "en": "not filled in for this build of the site",
}

STATEMENT_SECTIONS = {
    "da": [
        "Hvad erklæringen gælder for",
        "Overholdelsesstatus",
        "Indhold, der ikke er tilgængeligt",
        "Sådan er erklæringen udarbejdet",
        "Feedback og kontaktoplysninger",
        "Håndhævelsesprocedure",
    ],
    "de": [
        "Geltungsbereich dieser Erklärung",
        "Stand der Vereinbarkeit mit den Anforderungen",
        "Nicht barrierefreie Inhalte",
        "Erstellung dieser Erklärung",
        "Feedback und Kontaktangaben",
        "Durchsetzungsverfahren",
    ],
    "en": [
        "What this statement covers",
        "Compliance status",
        "Non-accessible content",
        "Preparation of this accessibility statement",
        "Feedback and contact information",
        "Enforcement procedure",
    ],
}
# The status in WAS-Tool's words (Danish) and in the EU model statement's (Implementing Decision (EU) 2018/1523).
PARTIALLY = {
    "da": "Webstedet overholder standarden delvist.",
    "de": "Diese Website ist wegen der folgenden Unvereinbarkeiten teilweise mit der Norm vereinbar.",
    "en": "This website is partially compliant with the standard, due to the non-compliances listed below.",
}
# The opening commitment: the law (with its Danish name in every language) and the directive it implements.
LAW = "lov om tilgængelighed af offentlige organers websteder og mobilapplikationer"
DIRECTIVE = "(EU) 2016/2102"
# Digitaliseringsstyrelsen's page on reporting inaccessible content (its web accessibility section), not its home page.
DIGST_REPORTING = "https://digst.dk/digital-inklusion/webtilgaengelighed/oplever-du-ikke-tilgaengeligt-indhold/"
# What the site knows is not accessible, by WCAG 2.1 success criterion: the search, the form, the data files.
CRITERIA = ("2.4.5", "3.3.1", "4.1.3", "1.3.1")
NO_KNOWN_FAILURES = {
    "da": "Vi kender ikke til konkrete brud",
    "de": "Konkrete Verstöße gegen die Norm sind uns nicht bekannt",
    "en": "We know of no specific failure",
}
PUBLISHER_WORD = {"da": "Ansvarlig myndighed", "de": "Herausgeber", "en": "Responsible authority"}
DPO = {"da": "Databeskyttelsesrådgiver (DPO)", "de": "Datenschutzbeauftragter", "en": "Data protection officer (DPO)"}
GITHUB_PRIVACY = "https://docs.github.com/en/site-policy/privacy-policies/github-general-privacy-statement"
CONTACT_ANSWERS = {  # purpose, legal basis, retention of what readers send
    "da": ("Formål", "Retsgrundlag", "Hvor længe", "litra e", "litra c"),
    "de": ("Zweck", "Rechtsgrundlage", "Wie lange", "Buchst. e", "Buchst. c"),
    "en": ("Purpose", "Legal basis", "How long", "6(1)(e)", "6(1)(c)"),
}
PRIVACY_SECTIONS = {
    "da": [
        "Dataansvarlig",
        "Det gør webstedet ikke",
        "Hostingudbyderens log",
        "Dine søgeord",
        "Formål og retsgrundlag",
        "Modtagere",
        "Overførsel til lande uden for EU",
        "Hvor længe loggen gemmes",
        "Når du skriver eller ringer til os",
        "Dine rettigheder",
        "Klage til Datatilsynet",
        "Links til andre websteder",
    ],
    "de": [
        "Verantwortlicher",
        "Was die Website nicht tut",
        "Protokolle des Hosting-Anbieters",
        "Ihre Suchbegriffe",
        "Zweck und Rechtsgrundlage",
        "Empfänger",
        "Übermittlung in Länder außerhalb der EU",
        "Speicherdauer",
        "Wenn Sie uns schreiben oder anrufen",
        "Ihre Rechte",
        "Beschwerde bei Datatilsynet",
        "Links zu anderen Websites",
    ],
    "en": [
        "Data controller",
        "What the site does not do",
        "The hosting provider's logs",
        "Your search words",
        "Purpose and legal basis",
        "Recipients",
        "Transfers outside the EU",
        "How long the logs are kept",
        "When you write to us or call us",
        "Your rights",
        "Complaints to Datatilsynet",
        "Links to other sites",
    ],
}
LEGAL_BASIS = {"da": "artikel 6, stk. 1, litra e", "de": "Art. 6 Abs. 1 Buchst. e", "en": "Article 6(1)(e)"}


@pytest.fixture(scope="module")
def test_address_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built for an address reserved for tests, with no detail filled in."""
    project = copy_project(tmp_path_factory.mktemp("test-address-project"))
    result = build(project, tmp_path_factory.mktemp("test-address-site"), SITE_URL="https://govtech.example.org/", **NOTHING_SET)
    assert result.returncode == 0, result.output
    return result.site


@pytest.fixture(scope="module")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built for a real address with every detail set through the environment."""
    project = copy_project(tmp_path_factory.mktemp("public-project"))
    result = build(project, tmp_path_factory.mktemp("public-site"), SITE_URL="https://govtech.dk/", **EVERYTHING_SET)
    assert result.returncode == 0, result.output
    return result.site


def section(content, heading: str) -> str:
    """The text from the h2 `heading` to the next h2."""
    [start] = [h for h in content.iter("h2") if text(h) == heading]
    parts = []
    for sibling in start.itersiblings():
        if sibling.tag == "h2":
            break
        parts.append(text(sibling))
    return " ".join(parts)


def footer(doc) -> str:
    return text(doc.cssselect(".md-footer .md-copyright")[0])


def redirect_target(site: Path) -> str:
    """Where `/was/` sends the reader: its refresh target, which its one link repeats."""
    doc = parse(site / "was" / "index.html")
    [refresh] = doc.xpath("//meta[@http-equiv='refresh']/@content")
    [link] = doc.xpath("//body//a/@href")
    target = refresh.split("url=", 1)[1]
    assert link == target
    return target


# A build for a real address without the details


def test_a_public_build_without_the_details_refuses_with_one_message_naming_each(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "previous.html").write_text("the previous site")

    result = build(project, site, SITE_URL="https://govtech.dk/", **NOTHING_SET)

    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert result.output.count("https://govtech.dk/, a public address") == 1, result.output
    for setting, env in DETAILS.items():
        assert f"{setting} (or the environment variable {env})" in result.output, setting
    assert [p.name for p in site.iterdir()] == ["previous.html"], "nothing is written"
    assert not (project / "docs" / "challenges").exists(), "no generated page is written"


def test_a_public_build_names_only_the_details_still_missing(project: Path, tmp_path: Path) -> None:
    partly = {**NOTHING_SET, **{k: v for k, v in EVERYTHING_SET.items() if "PRIVACY" not in k}}
    result = build(project, tmp_path / "site", SITE_URL="https://govtech.dk/", **partly)
    assert result.returncode != 0
    named = {setting for setting in DETAILS if f"{setting} (or" in result.output}
    assert named == {s for s in DETAILS if ".privacy." in s}, result.output


def test_a_public_build_without_the_hosting_facts_refuses_naming_each(project: Path, tmp_path: Path) -> None:
    """The privacy notice is only true once the host, its country, the transfer's safeguard, the log retention and the DPO are named."""
    without_hosting = {**NOTHING_SET, **{k: v for k, v in EVERYTHING_SET.items() if "HOSTING" not in k and "DPO" not in k}}
    result = build(project, tmp_path / "site", SITE_URL="https://govtech.dk/", **without_hosting)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    named = {setting for setting in DETAILS if f"{setting} (or" in result.output}
    assert named == HOSTING_DETAILS and len(named) == 9, result.output


def test_the_log_retention_is_days_or_the_hosts_own_page(project: Path, tmp_path: Path) -> None:
    """On GitHub Pages the host decides how long it keeps its logs: the notice links the host's page instead of promising a number."""
    page_of_host = "https://pages.host.test/privacy#logs"
    result = build(project, tmp_path / "site", **{**NOTHING_SET, "GOVTECH_PUBLISHER_HOSTING_LOG_RETENTION": page_of_host})
    assert result.returncode == 0, result.output
    content = article(page(result.site, "en/privacy/"))
    assert page_of_host in section(content, "How long the logs are kept").split()
    assert page_of_host in content.xpath(".//a/@href")

    wrong = build(project, tmp_path / "wrong", **{**NOTHING_SET, "GOVTECH_PUBLISHER_HOSTING_LOG_RETENTION": "until deleted"})
    assert wrong.returncode != 0 and "Traceback" not in wrong.output
    assert "extra.publisher.hosting.log_retention (or GOVTECH_PUBLISHER_HOSTING_LOG_RETENTION): `until deleted` is neither" in wrong.output


def test_a_wrong_detail_fails_any_build_with_its_place_and_fix(project: Path, tmp_path: Path) -> None:
    config = project / "mkdocs.yml"
    source = config.read_text()
    assert 'email: !ENV [GOVTECH_PUBLISHER_EMAIL, ""]' in source
    config.write_text(source.replace('email: !ENV [GOVTECH_PUBLISHER_EMAIL, ""]', "email: office"))

    result = build(project, tmp_path / "site", **NOTHING_SET)

    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert "extra.publisher.email (or GOVTECH_PUBLISHER_EMAIL): `office` is not an e-mail address" in result.output


def test_an_unknown_marker_fails_the_build_at_its_line(project: Path, tmp_path: Path) -> None:
    page_file = project / "docs" / "accessibility.en.md"
    page_file.write_text(page_file.read_text() + "\nWrite to <!-- publisher:emial -->.\n")
    line = len(page_file.read_text().splitlines())

    result = build(project, tmp_path / "site", **NOTHING_SET)

    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert f"docs/accessibility.en.md:{line}: unknown marker <!-- publisher:emial --> (did you mean publisher:email?)" in result.output


# A build for a test address: works, and says what is not filled in


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_statement_follows_the_model_in_every_language(test_address_site: Path, lang: str) -> None:
    content = article(page(test_address_site, f"{prefix(lang)}accessibility/"))
    assert [text(h) for h in content.iter("h2")] == STATEMENT_SECTIONS[lang]

    # The opening commitment: the authority, the law and its directive, the site's own address.
    [h1] = content.iter("h1")
    opening = text(h1.getnext())
    assert LAW in opening and DIRECTIVE in opening, opening
    assert h1.getnext().xpath(".//a/@href") == ["https://govtech.example.org/"]
    assert MISSING[lang] in opening  # the authority's name, not filled in for this build

    status = section(content, STATEMENT_SECTIONS[lang][1])
    assert PARTIALLY[lang] in status and "EN 301 549" in status and "WCAG 2.1" in status

    # What is not accessible, by success criterion, instead of "no known failures".
    [heading] = [h for h in content.iter("h2") if text(h) == STATEMENT_SECTIONS[lang][2]]
    [items] = heading.xpath("following-sibling::ul[1]")
    listed = " ".join(text(li) for li in items.findall("li"))
    assert all(criterion in listed for criterion in CRITERIA), listed
    assert "JavaScript" in listed and "challenges/_template.yml" in listed and "JSON" in listed
    assert NO_KNOWN_FAILURES[lang] not in text(content)

    # Enforcement: the authority first (the feedback section), then Digitaliseringsstyrelsen's page on reporting.
    [feedback, enforcement] = [h for h in content.iter("h2") if text(h) in STATEMENT_SECTIONS[lang][4:]]
    links = [a.get("href") for e in enforcement.itersiblings() for a in e.iter("a")]
    assert links == ["#" + feedback.get("id"), DIGST_REPORTING], links
    assert not content.xpath(".//a[@href='https://digst.dk' or @href='https://digst.dk/']")
    # The publisher is named as the footer names it (German: Herausgeber; "verantwortliche Behörde" is a challenge's owner).
    assert PUBLISHER_WORD[lang] + ": " + MISSING[lang] in section(content, STATEMENT_SECTIONS[lang][0])
    assert "verantwortliche Behörde" not in text(content)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_privacy_notice_covers_article_13_in_every_language(test_address_site: Path, lang: str) -> None:
    content = article(page(test_address_site, f"{prefix(lang)}privacy/"))
    assert [text(h) for h in content.iter("h2")] == PRIVACY_SECTIONS[lang]
    sections = {h: section(content, h) for h in PRIVACY_SECTIONS[lang]}
    controller, _, _, search, purpose, recipients, transfer, retention, contact, *_ = PRIVACY_SECTIONS[lang]
    assert LEGAL_BASIS[lang] in sections[purpose]
    # Material's search highlight writes the words after ?h= (searchParams.set("h", …)); test_search_words_travel_after_h shows it.
    assert "?h=" in sections[search] and "?q=" not in text(content)
    # Art. 13(1)(a) and (b): the controller with its contact, and the DPO as such.
    assert sections[controller].count(MISSING[lang]) == 3 and DPO[lang] + ":" in sections[controller]
    # Art. 13(1)(e): the host as processor and GitHub, with GitHub's own privacy statement.
    assert "GitHub, Inc." in sections[recipients] and MISSING[lang] in section(content, PRIVACY_SECTIONS[lang][2])
    assert GITHUB_PRIVACY in [a.get("href") for a in content.iter("a")]
    # Art. 13(1)(f): the host's country and the transfer's safeguard, from the publisher's details.
    assert sections[transfer].count(MISSING[lang]) == 2
    # The host keeps and deletes its logs: the notice promises no deletion of its own.
    assert sections[retention].count(MISSING[lang]) == 1
    assert not any(phrase in text(content) for phrase in ("bliver loggen slettet", "werden die Protokolle gelöscht", "the logs are deleted"))
    # What readers send (e-mails, calls, GitHub): purpose, legal basis, retention.
    assert all(word in sections[contact] for word in CONTACT_ANSWERS[lang]), sections[contact]
    [rights] = [h for h in content.iter("h2") if text(h) == PRIVACY_SECTIONS[lang][9]]
    assert len(rights.getnext().getnext().cssselect("li")) == 5
    assert content.xpath(".//a[@href='https://www.datatilsynet.dk']")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_the_details_the_pages_say_what_is_not_filled_in(test_address_site: Path, lang: str) -> None:
    statement = article(page(test_address_site, f"{prefix(lang)}accessibility/"))
    notice = article(page(test_address_site, f"{prefix(lang)}privacy/"))
    missing = lambda content: [e for e in content.iter("em") if text(e) == MISSING[lang]]  # noqa: E731
    assert len(missing(statement)) == 8  # authority (twice), WAS, prepared, reviewed, e-mail, telephone, repository
    assert len(missing(notice)) == 7  # controller, contact, DPO, host, country, safeguard, retention
    assert "<!--" not in (test_address_site / prefix(lang) / "accessibility" / "index.html").read_text().split("<article", 1)[1]
    # Every page names the authority that answers for it; this build says, in the footer only, that it is not filled in.
    [address] = page(test_address_site, prefix(lang)).cssselect(".md-footer address")
    assert text(address) == f"{ui_strings(lang)['footer']['responsible']}: {MISSING[lang]}"
    for path in (prefix(lang), f"{prefix(lang)}challenges/invoicing/", f"{prefix(lang)}rounds/"):
        doc = page(test_address_site, path)
        assert MISSING[lang] not in text(doc.cssselect("header")[0]) and MISSING[lang] not in text(article(doc)), path


def test_without_a_was_address_was_leads_to_the_sites_own_statement(test_address_site: Path) -> None:
    target = redirect_target(test_address_site)
    assert target == "../accessibility/"
    assert (test_address_site / "was" / target / "index.html").resolve() == (test_address_site / "accessibility" / "index.html").resolve()


# A build for a real address with every detail


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_footer_names_the_authority_and_its_contact(public_site: Path, lang: str) -> None:
    doc = page(public_site, f"{prefix(lang)}challenges/invoicing/")
    shown = footer(doc)
    assert AUTHORITY[lang] in shown and "web@govtech.test" in shown and "+45 11 22 33 44" in shown
    [address] = doc.cssselect(".md-footer address")
    assert {a.get("href") for a in address.iter("a")} == {"mailto:web@govtech.test", "tel:+4511223344"}
    assert not address.cssselect("em"), "a name is shown as written, never as markup"


def test_every_page_names_the_responsible_authority(public_site: Path) -> None:
    """The Danish design system's pattern: whoever reads a page sees which authority answers for it, in the page's language."""
    pages = sorted(public_site.rglob("*.html"))
    assert len(pages) >= 45
    for file in pages:
        path = file.relative_to(public_site).as_posix()
        if path.startswith("was/"):
            continue  # the short address that forwards to the statement
        lang = next((lang for lang in LANGUAGES if lang != "da" and path.startswith(f"{lang}/")), "da")
        [authority] = parse(file).cssselect(".md-footer .site-footer-authority")
        assert text(authority) == f"{ui_strings(lang)['footer']['responsible']}: {AUTHORITY[lang]}", path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_statement_shows_the_configured_details(public_site: Path, lang: str) -> None:
    content = article(page(public_site, f"{prefix(lang)}accessibility/"))
    body = text(content)
    for value in (AUTHORITY[lang], PREPARED[lang], REVIEWED[lang], "web@govtech.test", "+45 11 22 33 44"):
        assert value in body, value
    hrefs = set(content.xpath(".//a/@href"))
    assert {"mailto:web@govtech.test", "tel:+4511223344", WAS, "https://git.govtech.test/site", "https://govtech.dk/"} <= hrefs
    [h1] = content.iter("h1")
    assert text(h1.getnext()).startswith(AUTHORITY[lang]), "the statement opens with the authority's commitment"
    assert MISSING[lang] not in body


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_privacy_notice_shows_the_configured_details(public_site: Path, lang: str) -> None:
    content = article(page(public_site, f"{prefix(lang)}privacy/"))
    body = text(content)
    for value in (CONTROLLER[lang], RETENTION[lang], HOST, COUNTRY[lang], SAFEGUARD[lang]):
        assert value in body, value
    assert {"mailto:privacy@govtech.test", "mailto:dpo@govtech.test"} <= set(content.xpath(".//a/@href"))
    assert MISSING[lang] not in body


def test_with_a_was_address_was_leads_there(public_site: Path) -> None:
    assert redirect_target(public_site) == WAS


def test_the_footer_with_the_details_passes_axe(public_site: Path, browser) -> None:
    """The authority and its contact in the footer keep axe-core's WCAG 2.1 AA rules (contrast, link names), in every language."""
    with serve(public_site) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        for lang in LANGUAGES:
            tab = context.new_page()
            tab.goto(base + prefix(lang) + "accessibility/")
            assert tab.locator(".md-footer address").is_visible()
            assert axe_violations(tab) == [], lang
            tab.close()
        context.close()


def test_search_words_travel_after_h_and_only_when_a_result_is_opened(test_address_site: Path, browser) -> None:
    """What the privacy notice says of the search, in a real browser: typing sends nothing; the opened result's address holds the words after ?h=."""
    with serve(test_address_site) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        tab.goto(base + "en/")
        requests: list[str] = []
        tab.on("request", lambda request: requests.append(request.url))
        tab.locator(".md-search__input").click()
        tab.keyboard.type("invoices")
        result = tab.locator(".md-search-result__item a").first
        result.wait_for(timeout=15_000)
        assert not [r for r in requests if "invoices" in r], requests
        result.click()
        tab.wait_for_load_state()
        query = parse_qs(urlsplit(tab.url).query)
        assert query == {"h": ["invoices"]}, tab.url
        assert any("h=invoices" in r for r in requests), "the address with the words goes to the server"
        context.close()
