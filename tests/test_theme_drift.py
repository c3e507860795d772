"""The site relies on Material's markup in few places, and each fails loudly when the theme changes.

- Template overrides: every block they fill still exists in the theme, and
  every theme file or block they replace whole is the one they were written
  against (a fingerprint recorded here, with the Material version).
- hooks/govtech_mkdocs/theme_patches.py: a fix whose markup is gone stops the
  build, naming the fix and the page; labels go into attributes escaped.
- Search: each language's pages point Material at that language's index and
  at the search worker the installed theme ships (no copied hashed name).
"""

from __future__ import annotations

import hashlib
import json
import re
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import material
import pytest
from mkdocs.exceptions import PluginError

from built_pages import LANGUAGES, page, prefix
from conftest import ROOT, build
from govtech.strings import ui_strings
from govtech_mkdocs.theme_patches import patched_html, patches, translated_permalinks

THEME = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"
VERSION = version("mkdocs-material")

# What the overrides replace whole, compared with the theme when they were
# written: `file` for a theme file an override shadows, `file#block` for a
# block an override fills without calling super(). When Material changes one,
# compare it with the override (the version tells which release to diff
# against), adapt the override, then record the new fingerprint.
REPLACED = {
    "404.html": ("9.8.2", "80c93494b5432b1bcdf292caeb67a0653c45b37372f49e08ad4a70ca695a7495"),
    "base.html#content": ("9.8.2", "e7e77c2e082ef76171f8807dccaebedd1bc41af76d4c4ec3d19012eb8636eac1"),
    "base.html#htmltitle": ("9.8.2", "8ebd0d3f80cb7be8baa6a77ed0759e9d08eba8a72047270089a452cd911f83ef"),
    "base.html#site_meta": ("9.8.2", "f74d31a6b957ab2c3ce4c25619cbab0bfae89b6f534a036a8ec5890b6bd4cd29"),
    "main.html": ("9.8.2", "9948b55a7bc979c35825df99baba9e6971fca4eb298dea3cdde61e990a2de5e0"),
    "partials/actions.html": ("9.8.2", "1bcd66d6f428194e9b9842764f0a5f7a5b3679d008e9d2e5b75b5ba344c39073"),
    "partials/copyright.html": ("9.8.2", "bc86bca3bf75070fe5d72e2a3463bdddf87c10f4d6459c945fe81c5d384e35ea"),
}

TAG = re.compile(r"{%-?\s*(?:block\s+(\w+)[^%]*|endblock[^%]*)-?%}")
EXTENDS = re.compile(r"""{%-?\s*extends\s+["']([^"']+)["']\s*-?%}""")


def blocks(source: str) -> dict[str, str]:
    """Each block a template defines, with its source from `{% block %}` to its `{% endblock %}`."""
    found, open_blocks = {}, []
    for tag in TAG.finditer(source):
        if tag[1]:
            open_blocks.append((tag[1], tag.start()))
        else:
            name, start = open_blocks.pop()
            found[name] = source[start : tag.end()]
    return found


def resolve(name: str) -> Path:
    """The file MkDocs renders for template `name`: the override, else the theme's."""
    return OVERRIDES / name if (OVERRIDES / name).exists() else THEME / name


def theme_chain(name: str) -> list[Path]:
    """The theme files a template named `name` builds on, nearest first (overrides resolved as MkDocs resolves them)."""
    chain, current = [], resolve(name)
    while True:
        if current.is_relative_to(THEME):
            chain.append(current)
        parent = EXTENDS.search(current.read_text())
        if parent is None:
            return chain
        current = resolve(parent[1])


def fingerprint(text: str) -> str:
    """The digest of a theme part, without the version Material writes into some (its generator tag)."""
    return hashlib.sha256(text.replace(VERSION, "<version>").encode("utf-8")).hexdigest()


def replaced_parts() -> dict[str, str]:
    """What the overrides replace whole: theme file or block (as keys of REPLACED), with the theme's current text."""
    parts = {}
    for override in sorted(OVERRIDES.rglob("*.html")):
        name = override.relative_to(OVERRIDES).as_posix()
        if (THEME / name).exists():
            parts[name] = (THEME / name).read_text()
        source = override.read_text()
        parent = EXTENDS.search(source)
        for block, text in blocks(source).items():
            if parent is None or "super()" in text:
                continue
            theme_file = next((f for f in theme_chain(parent[1]) if block in blocks(f.read_text())), None)
            if theme_file is not None:
                parts[f"{theme_file.relative_to(THEME).as_posix()}#{block}"] = blocks(theme_file.read_text())[block]
    return parts


def test_every_block_an_override_fills_exists_in_the_theme() -> None:
    missing = []
    for override in sorted(OVERRIDES.rglob("*.html")):
        source = override.read_text()
        parent = EXTENDS.search(source)
        if parent is None:
            continue
        known = set().union(*(blocks(f.read_text()) for f in theme_chain(parent[1])), blocks(resolve(parent[1]).read_text()))
        missing += [f"overrides/{override.relative_to(OVERRIDES)}: block `{b}`" for b in blocks(source) if b not in known]
    assert missing == [], f"Material {VERSION} no longer has these blocks; what the overrides put in them is silently dropped"


def test_every_partial_an_override_replaces_is_still_used_by_the_theme() -> None:
    theme_sources = "\n".join(f.read_text() for f in THEME.rglob("*.html"))
    unused = [
        p.relative_to(OVERRIDES).as_posix()
        for p in sorted((OVERRIDES / "partials").rglob("*.html"))
        if f'"{p.relative_to(OVERRIDES).as_posix()}"' not in theme_sources
    ]
    assert unused == [], f"Material {VERSION} includes these partials no more: the overrides are never rendered"


def test_what_the_overrides_replace_is_what_they_were_written_against() -> None:
    current = {part: fingerprint(text) for part, text in replaced_parts().items()}
    drift = [
        f"{part}: recorded for Material {REPLACED[part][0]}, changed in Material {VERSION} (now {digest})"
        for part, digest in current.items()
        if part in REPLACED and REPLACED[part][1] != digest
    ]
    new = [f'"{part}": ("{VERSION}", "{digest}"),' for part, digest in current.items() if part not in REPLACED]
    gone = [part for part in REPLACED if part not in current]
    assert (drift, new, gone) == ([], [], []), (
        "Compare each changed theme part with the override that replaces it (material/templates/), adapt the override, "
        f"then record it in REPLACED in {Path(__file__).name}. Changed: {drift}. Not recorded yet: {new}. No longer replaced: {gone}."
    )


def test_no_hashed_theme_asset_is_named_in_the_overrides() -> None:
    """Material's asset names carry a content hash that changes with each release; a copied name breaks silently."""
    hashed = re.compile(r"[\w/.-]+\.[0-9a-f]{8}\.min\.(?:js|css)")
    found = {p.relative_to(ROOT).as_posix(): hashed.findall(p.read_text()) for p in OVERRIDES.rglob("*.html")}
    assert {k: v for k, v in found.items() if v} == {}


# A page as Material 9.8 renders the parts the required fixes work on.
MATERIAL_PAGE = """<!doctype html><html><head></head><body>
<label class="md-header__button md-icon" for="__drawer"></label>
<label class="md-header__button md-icon" for="__search"></label>
<div class="md-search" data-md-component="search" role="dialog"></div>
<script id="__config" type="application/json">{"base": "../..", "search": "../../assets/javascripts/workers/search.js"}</script>
</body></html>"""


def test_the_required_fixes_apply_to_materials_markup() -> None:
    doc = lxml.html.fromstring(patched_html(MATERIAL_PAGE, ui_strings("de"), "about.de.md", "de/"))
    assert json.loads(doc.get_element_by_id("__config").text)["base"] == "../../de/"
    assert doc.cssselect(".md-search")[0].get("aria-label") == ui_strings("de")["a11y"]["search"]


@pytest.mark.parametrize(
    "why, before, after",
    [
        ("search dialog", 'role="dialog">', 'role="dialog" aria-modal="true">'),
        ("menu toggle", 'for="__drawer">', 'for="__drawer" tabindex="0">'),
        ("search toggle", 'for="__search">', 'for="__search" tabindex="0">'),
        ("language root", '<script id="__config" type="application/json">', '<script id="__config" type="application/json" nonce="1">'),
        ("language root", '{"base": "../..", ', "{"),
        ("language root", '{"base": "../..", ', '{"base": null, '),
    ],
    ids=["search-dialog", "menu-toggle", "search-toggle", "config-script", "config-without-base", "config-base-not-text"],
)
def test_a_required_fix_whose_markup_changed_stops_the_build_naming_it_and_the_page(why: str, before: str, after: str) -> None:
    (patch,) = [p for p in patches(ui_strings("da"), "") if p.required and why in p.why]
    changed = MATERIAL_PAGE.replace(before, after)
    assert changed != MATERIAL_PAGE
    with pytest.raises(PluginError) as error:
        patched_html(changed, ui_strings("da"), "guides/index.md", "")
    assert patch.why in str(error.value)
    assert str(error.value).startswith("guides/index.md: ")
    assert "hooks/govtech_mkdocs/theme_patches.py" in str(error.value)


def test_labels_go_into_attributes_escaped_and_literally() -> None:
    label = 'Søg "nu" & \\1 <hurtigt>'
    strings = {**ui_strings("da"), "a11y": {"search": label, "menu": label}}
    doc = lxml.html.fromstring(patched_html(MATERIAL_PAGE, strings, "index.md", ""))
    assert doc.cssselect(".md-search")[0].get("aria-label") == label
    assert [e.get("title") for e in doc.cssselect("label.md-header__button")] == [label, label]
    linked = lxml.html.fromstring(
        translated_permalinks('<h2 id="a">A<a class="headerlink" href="#a" title="Permanent link">&para;</a></h2>', label, "index.md")
    )
    assert linked.cssselect(".headerlink")[0].get("title") == label


def test_a_permalink_the_fix_does_not_recognise_stops_the_build() -> None:
    with pytest.raises(PluginError, match="^faq.md: .*permalinks titled in the page's language"):
        translated_permalinks('<h2 id="a">A<a class="headerlink" href="#a" title="Link">&para;</a></h2>', "Direkte link", "faq.md")


def test_a_theme_upgrade_that_changes_the_search_dialog_stops_the_build(project: Path, tmp_path: Path) -> None:
    """As a user sees it: Material's search partial, as a future release might render it."""
    partial = (THEME / "partials" / "search.html").read_text()
    assert 'role="dialog">' in partial
    (project / "overrides" / "partials").mkdir(exist_ok=True)
    (project / "overrides" / "partials" / "search.html").write_text(partial.replace('role="dialog">', 'role="dialog" aria-modal="true">'))
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.output
    error = re.search(r"ERROR +- +(\S+): the theme's markup changed; the fix for '([^']+)' no longer applies .* See (\S+)\.$", result.output, re.MULTILINE)
    assert error, result.output
    page_file, why, where = error.groups()
    assert page_file in ("404.html", "index.md")  # the first page built
    assert (why, where) == ("axe aria-dialog-name: the search dialog has no accessible name", "hooks/govtech_mkdocs/theme_patches.py")


def test_a_markdown_upgrade_that_retitles_permalinks_stops_the_build(project: Path, tmp_path: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("      permalink: true\n", "      permalink: true\n      permalink_title: Anchor\n"))
    assert "permalink_title: Anchor" in config.read_text()
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert re.search(
        r"ERROR +- +\S+\.md: the theme's markup changed; the fix for 'permalinks titled in the page's language' no longer applies", result.output
    ), result.output


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_searches_its_own_index_with_the_installed_worker(site: Path, lang: str) -> None:
    for path in (f"{prefix(lang)}guides/application/", f"{prefix(lang)}404.html"):
        address = f"https://example.org/{path}"
        config = json.loads(page(site, path).get_element_by_id("__config").text)
        root = urljoin(address, config["base"])
        assert root == f"https://example.org/{prefix(lang)}", path
        worker = urljoin(address, config["search"]).removeprefix("https://example.org/")
        assert (site / worker).is_file(), f"{path}: the search worker {worker} is not in the site"
        index = json.loads((site / prefix(lang) / "search" / "search_index.json").read_text())
        assert index["config"]["lang"] == [lang]
