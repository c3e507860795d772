"""What a firm reads: facts instead of promises, one name for each page, the answers it needs before applying."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from built_pages import LANGUAGES, article, page, parse, prefix, text

ROOT = Path(__file__).resolve().parents[1]

# What the site said before the 2018-2020 rounds were described as ended:
# promises that an owner would publish dates, contacts or details "on this
# page", and of a next round (docs/*.md, challenges/*.yml, the strings
# `not_published` and `no_contact`). None of it may come back.
PROMISES = {
    "da": [
        r"offentliggør ejeren",  # "… offentliggør ejeren på denne side"
        r"(?<!hvis )ejeren offentliggør",  # "Ejeren offentliggør datoen her." (the field reference's "hvis ejeren …" is no promise)
        r"offentliggør udfordringsejeren",
        r"udfordringsejeren, der offentliggør",
        r"offentliggør[^.!?]{0,60}på denne side",
        r"offentliggøres (her|på denne side)",
        r"nye udfordringer bliver offentliggjort",
        r"når (ejeren|udfordringsejeren) har offentliggjort",
        r"næste runde",  # "hvornår næste runde åbner"
    ],
    "de": [
        r"veröffentlicht die Behörde",  # "… veröffentlicht die Behörde auf dieser Seite."
        r"die Behörde veröffentlicht",  # "Die Behörde veröffentlicht das Datum hier."
        r"veröffentlicht[^.!?]{0,60}\bhier\b",
        r"veröffentlicht[^.!?]{0,60}auf dieser Seite",
        r"\bwird[^.!?]{0,60}veröffentlichen",
        r"nennt hier, an wen",  # "Die Behörde nennt hier, an wen Sie sich wenden können."
        r"neue Herausforderungen erscheinen",
        r"sobald die Behörde sie (bekannt gegeben|veröffentlicht) hat",
        r"sobald sie veröffentlicht ist",
        r"nächste Runde",  # "wann die nächste Runde beginnt"
    ],
    "en": [
        r"will publish",  # "The owner will publish the date here."
        r"(?<!if the )owner publishes",  # "The challenge owner publishes the deadline …"
        r"published by (its|the) owner",
        r"owner to publish",
        r"publish(es|ed)?[^.!?]{0,60}on this page",
        r"new challenges are published",
        r"once the owner has published",
        r"once it has been published",
        r"next round",  # "when the next round opens"
    ],
}

GLOSSARY_TERMS = ("challenge-owner", "open-call", "market-dialogue", "proof-of-concept", "traction", "selection-criteria")
BEFORE_APPLYING = ("who-can-apply", "application-language", "payment", "rights", "after-the-final-presentation")
ENDED = {"da": "februar 2020", "de": "Februar 2020", "en": "February 2020"}
EDITORS = {"da": "redaktion", "de": "Redaktion", "en": "editors"}
PHASE_WORD = {"da": "fase", "de": "Phase", "en": "phase"}


def language_of(site: Path, file: Path) -> str:
    first = file.relative_to(site).parts[0]
    return first if first in ("de", "en") else "da"


def body_text(file: Path) -> str:
    return text(parse(file).find("body"))


def section(heading) -> list:
    """The elements after `heading` up to the next heading of its level or above."""
    level = int(heading.tag[1])
    found = []
    for sibling in heading.itersiblings():
        if re.fullmatch(r"h[1-6]", str(sibling.tag)) and int(sibling.tag[1]) <= level:
            break
        found.append(sibling)
    return found


def resolve(site: Path, source: Path, href: str) -> Path:
    """The file a relative link on `source` leads to."""
    target = (source.parent / href.split("#")[0]).resolve()
    return target / "index.html" if target.is_dir() else target


def test_no_page_promises_publication_or_a_next_round(site: Path) -> None:
    patterns = {lang: re.compile("|".join(p), re.IGNORECASE) for lang, p in PROMISES.items()}
    found = []
    files = sorted(site.rglob("*.html"))
    assert len(files) > 40
    for file in files:
        lang = language_of(site, file)
        for match in patterns[lang].finditer(body_text(file)):
            found.append(f"{file.relative_to(site)}: …{match.group(0)}…")
    assert found == []


def test_the_promise_patterns_catch_what_the_site_said_before() -> None:
    """The phrases above still recognise the sentences they were chosen from."""
    before = {
        "da": [
            "Ejeren offentliggør datoen her.",
            "Hvilke systemer det drejer sig om, offentliggør ejeren på denne side.",
            "for at se, hvornår næste runde åbner",
        ],
        "de": [
            "Die Behörde veröffentlicht das Datum hier.",
            "Um welche Systeme es geht, veröffentlicht die Behörde auf dieser Seite.",
            "Die Behörde nennt hier, an wen Sie sich wenden können.",
            "um zu sehen, wann die nächste Runde beginnt",
            "Veröffentlichungsdatum, Bewerbungsfrist und Kontakt stehen dort, sobald die Behörde sie bekannt gegeben hat.",
        ],
        "en": [
            "The owner will publish the date here.",
            "to see when the next round opens",
            "Any amounts and terms for a challenge are published by its owner.",
            "The challenge owner publishes the deadline, a contact and how to apply on the challenge's own page.",
        ],
    }
    for lang, sentences in before.items():
        pattern = re.compile("|".join(PROMISES[lang]), re.IGNORECASE)
        assert all(pattern.search(s) for s in sentences), lang


def test_german_pages_speak_of_an_open_call_not_a_tender(site: Path) -> None:
    found = [str(f.relative_to(site)) for f in sorted((site / "de").rglob("*.html")) if "ausschreibung" in body_text(f).lower()]
    assert found == []
    assert "Offener Aufruf" in text(article(page(site, "de/glossary/")))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_glossary_defines_the_terms_and_every_guide_links_to_it(site: Path, lang: str) -> None:
    glossary_file = site / prefix(lang) / "glossary" / "index.html"
    content = article(parse(glossary_file))
    for term in GLOSSARY_TERMS:
        [heading] = content.xpath(f".//*[@id='{term}']")
        assert heading.tag == "h2", term
        definition = " ".join(text(e) for e in section(heading))
        assert 40 <= len(definition) <= 600, f"{term}: {definition}"
    [phases] = content.xpath(".//*[@id='phases']")
    assert [len(e.cssselect("li")) for e in section(phases) if e.tag == "ol"] == [4]

    guides = sorted((site / prefix(lang) / "guides").glob("*/index.html")) + [site / prefix(lang) / "guides" / "index.html"]
    assert len(guides) == 4
    for source in [*guides, site / prefix(lang) / "take-part" / "index.html"]:
        links = [a.get("href") for a in article(parse(source)).iter("a") if a.get("href")]
        assert any(resolve(site, source, href) == glossary_file.resolve() for href in links), source.relative_to(site)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_navigation_label_is_the_title_of_its_page(site: Path, lang: str) -> None:
    source = site / prefix(lang) / "about" / "index.html"
    nav = parse(source).cssselect("nav.md-nav--primary")[0]
    home = (site / prefix(lang) / "index.html").resolve()
    checked = []
    for link in nav.cssselect("a.md-nav__link"):
        href = link.get("href")
        if href.startswith("#") or link.xpath("ancestor::nav[contains(@class, 'md-nav--secondary')]"):
            continue  # the page's own table of contents
        target = resolve(site, source, href)
        if target == home:
            continue  # "Forside"/"Startseite"/"Home": the site name is the home page's heading and stands in the header
        label = text(link.cssselect(".md-ellipsis")[0])
        [h1] = article(parse(target)).iter("h1")
        assert label == text(h1), f"{target.relative_to(site)}: nav says {label!r}, the page {text(h1)!r}"
        checked.append(label)
    strings = yaml.safe_load((ROOT / "hooks/govtech/strings" / f"{lang}.yml").read_text())["nav"]
    assert strings["glossary"] in checked and strings["faq"] in checked and strings["agencies"] in checked
    assert len(checked) >= 12


@pytest.mark.parametrize("lang", LANGUAGES)
def test_guide_links_carry_the_guides_titles(site: Path, lang: str) -> None:
    titles = {}
    for guide in (site / prefix(lang) / "guides").glob("*/index.html"):
        titles[guide.resolve()] = text(next(article(parse(guide)).iter("h1")))
    for source in sorted((site / prefix(lang)).rglob("*.html")):
        content = parse(source).cssselect("article.md-content__inner")  # none on the /was/ forwarding page
        for a in content[0].iter("a") if content else ():
            href = a.get("href") or ""
            if href.startswith(("http", "#", "mailto:")) or not href:
                continue
            target = resolve(site, source, href)
            if target in titles:
                assert text(a) == titles[target], f"{source.relative_to(site)}: {text(a)!r}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_faq_answers_a_new_round_and_what_a_firm_asks_before_applying(site: Path, lang: str) -> None:
    faq_file = site / prefix(lang) / "faq" / "index.html"
    content = article(parse(faq_file))
    answers = {}
    for question in ("new-round", *BEFORE_APPLYING):
        [heading] = content.xpath(f".//*[@id='{question}']")
        assert heading.tag == "h2" and text(heading).endswith("?"), question
        answers[question] = section(heading)
        assert len(" ".join(text(e) for e in answers[question])) >= 60, question

    # Where to look, and no invented date: nothing after the rounds ended.
    new_round = answers["new-round"]
    hrefs = [a.get("href") for e in new_round for a in e.iter("a")]
    assert "https://public.io" in hrefs
    for site_address in ("em.dk", "erst.dk", "sik.dk", "kfst.dk", "digst.dk"):
        assert f"https://{site_address}" in hrefs, site_address
    assert resolve(site, faq_file, next(h for h in hrefs if h.endswith("atom.xml"))) == site / prefix(lang) / "feed" / "atom.xml"
    assert resolve(site, faq_file, next(h for h in hrefs if h.endswith(".ics"))) == site / prefix(lang) / "calendar.ics"
    assert not re.search(r"\b20[2-9]\d\b", " ".join(text(e) for e in new_round))
    assert ENDED[lang] in text(content)

    # Where the material says nothing, the answer says where to ask.
    for question in BEFORE_APPLYING:
        assert any("public.io" in (a.get("href") or "") for e in answers[question] for a in e.iter("a")) or any(
            word in " ".join(text(e) for e in answers[question]) for word in ("udfordringsejeren", "verantwortliche Behörde", "challenge owner")
        ), question

    # take-part links to each of them.
    take_part = site / prefix(lang) / "take-part" / "index.html"
    linked = {a.get("href").split("#")[1] for a in article(parse(take_part)).iter("a") if "faq/#" in (a.get("href") or "")}
    assert set(BEFORE_APPLYING) | {"new-round"} <= linked


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_four_phases_keep_their_numbers(site: Path, lang: str) -> None:
    working = article(page(site, f"{prefix(lang)}guides/working-with-owners/"))
    assert [text(h) for h in working.iter("h2", "h3") if re.match(r"(Fase|Phase) \d", text(h))] == []
    assert re.search(rf"\b{PHASE_WORD[lang]} 4\b", text(working), re.IGNORECASE)  # the guide places itself in phase 4

    take_part = article(page(site, f"{prefix(lang)}take-part/"))
    [steps] = [ol for ol in take_part.iter("ol") if len(ol.findall("li")) >= 5]
    numbers = [set(re.findall(rf"\b{PHASE_WORD[lang]} ([1-4])\b", text(li), re.IGNORECASE)) for li in steps.findall("li")]
    assert all(numbers) and set().union(*numbers) == {"1", "2", "3", "4"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_editors_examples_are_marked_as_theirs(site: Path, lang: str) -> None:
    guide = article(page(site, f"{prefix(lang)}guides/application/"))
    examples = guide.cssselect(".admonition.example")
    assert examples and all(EDITORS[lang] in text(e.cssselect(".admonition-title")[0]) for e in examples)
    authorities = ("Erhvervsstyrelsen", "Unternehmensbehörde", "Business Authority")
    assert not [a for a in guide.cssselect(".admonition:not(.example)") if any(n in text(a) for n in authorities)]


# Claims checked against /work/shared/facts.md (issue 18, item 7). Each pattern is a sentence the site
# said before that the facts do not support; test_the_corrected_claims_patterns_catch_what_the_site_said
# shows they still recognise it.
UNSUPPORTED = {
    "da": [
        r"ansøgningerne gik gennem",  # "I runderne gik ansøgningerne gennem PUBLIC Denmark."
        r"gik ansøgningerne gennem",
        r"tog imod ansøgningerne",  # "Spørg PUBLIC Denmark, som tog imod ansøgningerne."
        r"finder en oversætter",  # "… at vedligeholderne finder en oversætter …"
        r"aldrig maskinoversat",
        r"når kontrollerne er grønne, beder github",
        r"2018[–-]2019|2018 til 2020",  # the years in more than one wording
        r"gennemløber fire faser",  # a closed challenge in the present tense
        r"myndighed, der søger en løsning",
    ],
    "de": [
        r"Bewerbungen (liefen|gingen) über",
        r"liefen die Bewerbungen über",
        r"gingen die Bewerbungen ein",
        r"Übersetzer findet",
        r"nie stillschweigend maschinell",
        r"sind die Prüfungen grün, bittet GitHub",
        r"2018 und 2019|2018 bis 2020",
        r"durchläuft vier Phasen",
        r"Behörde, die eine Lösung von einem Technologieunternehmen sucht\b",
        r"Stand und Daten",  # dates are Termine
        r"Nutzerdaten",  # the seed's theme is Nutzdaten
    ],
    "en": [
        r"applications went through",
        r"received the applications",
        r"find a translator",
        r"never machine-translated",
        r"once the checks are green, github",
        r"2018[–-]2019|2018 to 2020",
        r"goes through four phases",
        r"authority looking for a solution",
    ],
}
# The programme's years, in one wording per language (facts: began in 2018, two rounds, the second ended in February 2020).
YEARS = {
    "da": "Programmet begyndte i 2018 og kørte i to runder, og den anden sluttede i februar 2020.",
    "de": "Das Programm begann 2018 und lief in zwei Runden; die zweite endete im Februar 2020.",
    "en": "The programme began in 2018 and ran in two rounds, and the second ended in February 2020.",
}
# What the facts say PUBLIC Denmark did: it ran the programme and gave the firms support and advice.
PUBLIC_DID = {"da": ("drev", "rådg"), "de": ("betrieb", "beriet"), "en": ("ran", "advi")}
CODE_OWNERS_REVIEW = {  # when GitHub asks code owners, and what is set up today
    "da": ("så snart pull requesten er oprettet", "kommenteret ud"),
    "de": ("sobald der Pull Request erstellt ist", "auskommentiert"),
    "en": ("as soon as the pull request is opened", "commented out"),
}
MEANT = {"da": "hvad deltagelse betød", "de": "was die Teilnahme bedeutete", "en": "what taking part meant"}
SEED_THEMES_DE = ("Datenethik", "Rechnungsstellung", "Sicherheit und Inspektionen", "Scan-Technologie", "Nutzdaten")


def sentences_with(body: str, needle: str) -> list[str]:
    return [s.strip() for s in re.findall(rf"[^.!?]*{needle}[^.!?]*[.!?]?", body)]


def test_no_page_makes_a_claim_the_facts_do_not_support(site: Path) -> None:
    patterns = {lang: re.compile("|".join(p), re.IGNORECASE) for lang, p in UNSUPPORTED.items()}
    found = []
    for file in sorted(site.rglob("*.html")):
        lang = language_of(site, file)
        for match in patterns[lang].finditer(body_text(file)):
            found.append(f"{file.relative_to(site)}: …{match.group(0)}…")
    assert found == []


def test_the_corrected_claims_patterns_catch_what_the_site_said() -> None:
    before = {
        "da": [
            "I runderne gik ansøgningerne gennem PUBLIC Denmark.",
            "Spørg PUBLIC Denmark, som tog imod ansøgningerne.",
            "Det er redaktionens praksis, at vedligeholderne finder en oversætter",
            "Tekster bliver aldrig maskinoversat i det stille",
            "Når kontrollerne er grønne, beder GitHub automatisk de vedligeholdere",
            "Programmet blev sat i gang i 2018 og kørte i 2018–2019",
            "Hver udfordring gennemløber fire faser.",
            "Hver udfordring ejes af en offentlig myndighed, der søger en løsning fra en teknologivirksomhed.",
        ],
        "de": [
            "In den Runden liefen die Bewerbungen über PUBLIC Denmark.",
            "Fragen Sie PUBLIC Denmark; dort gingen die Bewerbungen ein.",
            "dass das Betreuungsteam eine Übersetzerin oder einen Übersetzer findet",
            "Texte werden nie stillschweigend maschinell übersetzt",
            "Sind die Prüfungen grün, bittet GitHub automatisch die Mitglieder",
            "Das Programm startete 2018 und lief in den Jahren 2018 und 2019",
            "Hinter jeder steht eine Behörde, die eine Lösung von einem Technologieunternehmen sucht.",
            "Stand und Daten",
        ],
        "en": [
            "In the rounds, applications went through PUBLIC Denmark.",
            "Ask PUBLIC Denmark, which received the applications.",
            "the maintainers find a translator who writes the text",
            "Texts are never machine-translated silently",
            "Once the checks are green, GitHub automatically asks the maintainers",
            "It was launched in 2018 and ran in 2018–2019.",
            "Each one is owned by a public authority looking for a solution from a technology firm.",
        ],
    }
    for lang, said in before.items():
        pattern = re.compile("|".join(UNSUPPORTED[lang]), re.IGNORECASE)
        assert [s for s in said if not pattern.search(s)] == [], lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_programmes_years_have_one_wording(site: Path, lang: str) -> None:
    """Wherever a page gives the years, it gives them in the same sentence; the pages a firm starts from all do."""
    found: dict[str, list[str]] = {}
    for file in sorted(site.rglob("*.html")):
        if language_of(site, file) != lang:
            continue
        for sentence in sentences_with(body_text(file), "2018"):
            found.setdefault(sentence[-len(YEARS[lang]) :].lower(), []).append(str(file.relative_to(site)))
    assert list(found) == [YEARS[lang].lower()], found
    for path in ("", "about/", "take-part/", "faq/", "agencies/", "challenges/"):
        assert YEARS[lang].lower() in text(article(page(site, prefix(lang) + path))).lower(), path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_public_denmark_did_what_the_facts_say(site: Path, lang: str) -> None:
    """PUBLIC ran the programme and advised the firms; no page says applications went through it (checked above)."""
    for path in ("about/", "glossary/", "agencies/", "faq/", "take-part/"):
        said = " ".join(s for s in sentences_with(text(article(page(site, prefix(lang) + path))), "PUBLIC Denmark")).lower()
        assert all(word in said for word in PUBLIC_DID[lang]), (path, said)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_contributor_guide_says_when_github_asks_code_owners(site: Path, lang: str) -> None:
    owners = [line for line in (ROOT / ".github" / "CODEOWNERS").read_text().splitlines() if line.strip() and not line.lstrip().startswith("#")]
    content = article(page(site, f"{prefix(lang)}agencies/contributing/"))
    [heading] = content.xpath(".//*[@id='review']")
    said = " ".join(text(e) for e in section(heading))
    when, today = CODE_OWNERS_REVIEW[lang]
    assert when in said and "Require review from Code Owners" in said and ".github/CODEOWNERS" in said
    assert (today in said) == (owners == []), "the guide says what CODEOWNERS holds today"
    # The translation promises became the maintainers' checklist.
    [missing] = content.xpath(".//*[@id='missing-language']")
    assert sum(len(e.cssselect("li.task-list-item")) for e in section(missing)) == 3


@pytest.mark.parametrize("lang", LANGUAGES)
def test_take_part_says_what_taking_part_meant_and_means_now(site: Path, lang: str) -> None:
    content = article(page(site, f"{prefix(lang)}take-part/"))
    # Whether a call is open is the build's to say (the open-calls box, tests/test_open_calls.py); the page says what taking part meant.
    assert YEARS[lang] in text(content) and MEANT[lang] in text(content)
    [steps] = [ol for ol in content.iter("ol") if len(ol.findall("li")) >= 5]
    present = {
        "da": r"\b(slås op|vurderes|virksomheder bliver valgt til|arbejder i omkring)\b",
        "de": r"\b(wird veröffentlicht|werden [^.]* bewertet|arbeiten etwa)\b",
        "en": r"\b(is published|are assessed|spend about)\b",
    }
    assert not re.search(present[lang], text(steps)), text(steps)


def test_german_names_the_publisher_and_the_owner_apart_and_keeps_the_seeds_words(site: Path) -> None:
    statement = text(article(page(site, "de/accessibility/")))
    assert "Herausgeber:" in statement and "verantwortliche Behörde" not in statement.lower()
    footer_label = yaml.safe_load((ROOT / "hooks/govtech/strings/de.yml").read_text())["footer"]["responsible"]
    assert footer_label == "Herausgeber", "the statement names the publisher with the footer's word"
    pairs = {str(f.relative_to(site)): body_text(f).count("Verwaltungsfachleut") for f in sorted((site / "de").rglob("*.html")) if "challenges" not in f.parts}
    assert sum(pairs.values()) <= 3, {k: v for k, v in pairs.items() if v}
    seminar = text(article(page(site, "de/seminar/")))
    assert all(theme in seminar for theme in SEED_THEMES_DE)
    guide = article(page(site, "de/agencies/contributing/"))
    [dates] = guide.xpath(".//*[@id='status-and-dates']")
    assert text(dates) == "Stand und Termine" and not re.search(r"\bDaten\b", " ".join(text(e) for e in section(dates)))
