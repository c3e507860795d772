"""One answer: what `govtech-validate` accepts the build builds, with every accepted text on the page;
what the build would refuse, the validator refuses first, at the same line."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import lxml.html
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from built_pages import article, page, prefix
from conftest import build, copy_project, examples
from govtech.making.markdown import link_target
from govtech.making.pages import page_name, render_pages
from govtech.problems import InvalidInput
from govtech.reading.loading import load_catalogue
from govtech.reading.validation import page_problems
from govtech.reading.yaml_reader import read_yaml
from govtech.strings import ui_strings
from govtech_mkdocs.project_config import project_settings
from mutations import LANGUAGES, REAL, marked_up, mutated

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2030, 1, 1)
PROJECT = project_settings(ROOT)
MARKDOWN = PROJECT.markdown()
SCHEMA = json.loads((ROOT / "schema" / "challenge.schema.json").read_text())
TEXT_FIELDS = SCHEMA["$defs"]["texts"]["properties"]
VALIDATE = Path(sys.executable).with_name("govtech-validate")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def seen(fragment: str | lxml.html.HtmlElement) -> str:
    """The text a reader sees: white space folded, permalink signs left out."""
    element = lxml.html.fragment_fromstring(fragment, create_parent="div") if isinstance(fragment, str) else fragment
    return " ".join(element.text_content().replace("\u00b6", "").split())


def expected_texts(data: dict, lang: str) -> list[str]:
    """What a reader must see of the challenge's texts on its page in `lang` (the Danish ones while its translation is on its way)."""
    lang = lang if lang in data else "da"
    texts = data[lang]
    markdown = [value for key, value in texts.items() if TEXT_FIELDS.get(key, {}).get("x-markdown")]
    if isinstance(data.get("outcome"), dict):
        markdown.append(data["outcome"][lang])
    for item in data.get("questions", ()):
        markdown.append(item[lang]["answer"])
    shown = [seen(html or "") for html in MARKDOWN.render(markdown).html]
    shown += [" ".join(value.split()) for key, value in texts.items() if not TEXT_FIELDS.get(key, {}).get("x-markdown")]
    shown += [" ".join(link[lang].split()) for link in data.get("links", ())]
    shown += [" ".join(item[lang]["question"].split()) for item in data.get("questions", ())]
    if data.get("contact"):
        shown.append(link_target(data["contact"]).removeprefix("mailto:"))
    return [text for text in shown if text]


def missing_texts(data: dict, lang: str, page_text: str) -> list[str]:
    """The accepted texts of `data` a reader would not find in `page_text`."""
    return [text for text in expected_texts(data, lang) if text not in page_text]


def accepted(folder: Path, name: str, text: str) -> dict | None:
    """The challenge's data when the validator accepts the file `name` holding `text`, else None."""
    (folder / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        load_catalogue(folder, PROJECT, display_root=folder)
    except InvalidInput as err:
        assert err.problems and all(p.line >= 1 for p in err.problems)
        return None
    return read_yaml(folder / name, name).data


def rendered_page(data: dict, folder: Path, lang: str) -> str:
    """The challenge's page in `lang` as the site renders it: the core's Markdown, then Python-Markdown."""
    catalogue = load_catalogue(folder, PROJECT, display_root=folder)
    markdown = render_pages(catalogue, TODAY, PROJECT.schema_dir)[f"challenges/{page_name(data['id'], lang)}"]
    return MARKDOWN.page(FRONT_MATTER.sub("", markdown))


def test_what_the_validator_accepts_renders_with_every_text_on_the_page(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Mutations of the real files: accepted ⇒ the page renders, passes the build's own check, and shows each text.
    A few accepted mutations then go through real `mkdocs build` runs."""
    for_real_builds: dict[str, dict] = {}

    @settings(max_examples=examples(300), deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    @given(case=st.one_of(marked_up().map(lambda c: (c[0], yaml.safe_dump(c[1], allow_unicode=True, sort_keys=False))), mutated()))
    def property_(case: tuple[str, str]) -> None:
        name, text = case
        folder = tmp_path_factory.mktemp("one-answer")
        for entries in ("_owners.yml", "_themes.yml"):
            (folder / entries).write_bytes((ROOT / "challenges" / entries).read_bytes())
        data = accepted(folder, name, text)
        if data is None:
            return
        for lang in LANGUAGES:
            html = rendered_page(data, folder, lang)
            assert page_problems(html, ui_strings(lang)["challenge"], lang, folder / name, name) == [], (lang, text)
            assert missing_texts(data, lang, seen(html)) == [], lang
        if text != REAL[name] and len(for_real_builds.get(name, "")) < len(text):
            for_real_builds[name] = data

    property_()
    assert for_real_builds, "no mutation was accepted"

    # Real builds of the accepted mutations: one project holds one per real file.
    project = copy_project(tmp_path_factory.mktemp("project"))
    for name, data in for_real_builds.items():
        (project / "challenges" / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    result = build(project, tmp_path_factory.mktemp("site"), SOURCE_DATE_EPOCH="1893456000")
    assert result.returncode == 0, result.output
    for data in for_real_builds.values():
        for lang in LANGUAGES:
            shown = seen(article(page(result.site, f"{prefix(lang)}challenges/{data['id']}/")))
            assert missing_texts(data, lang, shown) == [], (data["id"], lang)


def real_data(name: str) -> dict:
    return yaml.safe_load(REAL[name])


def test_harmless_prose_the_old_checks_refused_is_built_and_shown(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    data = real_data("invoicing.yml")
    data["contact"] = "mailto:office@example.org"
    harmless = "Se <https://example.org/e-faktura>, når 5 < 10; feltet {WORD} udfyldes af ejeren, og 3 > 2."
    data["da"]["background"] = harmless + "\n\n" + data["da"]["background"]
    data["en"]["looking_for"] = "Where {COUNT} < 10 firms apply, see <https://example.org/apply>.\n\n" + data["en"]["looking_for"]
    (project / "challenges" / "invoicing.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    checked = subprocess.run([str(VALIDATE)], cwd=project, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    danish = article(page(result.site, "challenges/invoicing/"))
    assert harmless.replace("<https://example.org/e-faktura>", "https://example.org/e-faktura") in seen(danish)
    assert danish.cssselect("a[href='https://example.org/e-faktura']")[0].text == "https://example.org/e-faktura"
    assert danish.cssselect("a[href='mailto:office@example.org']")[0].text_content() == "office@example.org"
    english = article(page(result.site, "en/challenges/invoicing/"))
    assert "Where {COUNT} < 10 firms apply, see https://example.org/apply." in seen(english)


def test_what_the_build_would_lose_or_refuse_the_validator_refuses_first_with_the_same_lines(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    challenges = project / "challenges"

    def changed(name: str, old: str, new: str) -> None:
        text = (challenges / name).read_text()
        assert old in text, (name, old)
        (challenges / name).write_text(text.replace(old, new, 1))

    changed("invoicing.yml", "status: closed\n", "status: closed\ncontact: mailto:office\n")
    changed("user-data.yml", "  background: |\n", "  background: |\n    ![Logo][logo]\n\n    [logo]: https://example.org/logo.png\n\n")
    changed("data-ethics.yml", "  looking_for: |\n", "  looking_for: |\n    ![Et [indlejret] billede](https://example.org/p.png)\n\n")
    first_title = next(line for line in (challenges / "scan-technology.yml").read_text().splitlines() if line.startswith("  title: "))
    changed("scan-technology.yml", first_title, '  title: "Ring\\a the bell"')

    checked = subprocess.run([str(VALIDATE)], cwd=project, capture_output=True, text=True)
    assert checked.returncode == 1
    reported = [line for line in checked.stderr.splitlines() if line.startswith("challenges/")]
    assert sorted(reported) == reported and len(reported) == 4, checked.stderr
    lines = {line.split(":")[0]: line for line in reported}
    assert ": `contact`: `mailto:office` must be" in lines["challenges/invoicing.yml"]
    assert "`da.background` shows an image" in lines["challenges/user-data.yml"]
    assert "`da.looking_for` shows an image" in lines["challenges/data-ethics.yml"]
    assert "control character U+0007" in lines["challenges/scan-technology.yml"]
    for line in lines.values():
        number = int(line.split(":")[1])
        assert number > 2, line  # the field's own line, never the top of the file

    result = build(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.output
    assert [line for line in result.output.splitlines() if line.startswith("challenges/")] == reported
    assert not (tmp_path / "site" / "index.html").exists()


def test_the_build_checks_each_rendered_text_with_the_validators_allow_list(tmp_path: Path) -> None:
    """What the validator's screen might let through, the build's own check of the page refuses, at the text's line."""
    project = copy_project(tmp_path / "project")
    file = project / "challenges" / "invoicing.yml"
    html = MARKDOWN.page(
        FRONT_MATTER.sub(
            "", render_pages(load_catalogue(project / "challenges", project_settings(project)), TODAY, project / "schema")["challenges/invoicing.en.md"]
        )
    )
    assert page_problems(html, ui_strings("en")["challenge"], "en", file, "challenges/invoicing.yml") == []
    heading = ui_strings("en")["challenge"]["constraints"]
    smuggled = re.sub(rf"(<h2[^>]*>{re.escape(heading)}.*?</h2>)", r'\1<p><img src="https://tracker.example/p.gif"></p>', html, count=1, flags=re.DOTALL)
    problems = page_problems(smuggled, ui_strings("en")["challenge"], "en", file, "challenges/invoicing.yml")
    lines = file.read_text().splitlines()
    line = next(n for n in range(lines.index("en:"), len(lines)) if lines[n].startswith("  constraints:")) + 1
    assert [str(p) for p in problems] == [
        f"challenges/invoicing.yml:{line}:3: `en.constraints` shows an image (`![…]`); images are not allowed in challenge texts, link to the page instead: [text](https://…)."
    ]
