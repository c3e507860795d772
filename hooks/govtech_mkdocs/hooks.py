"""MkDocs hooks (named in mkdocs.yml): a thin adapter from MkDocs events to the `govtech` core.

mkdocs-static-i18n runs a whole MkDocs build per language with the same
config, the default language first and the others from inside its
`on_post_build`, so every event here runs once per language. What a build
knows lives on one `BuildState` per build (build_state.py), never in this
module. The order the site depends on, by explicit priority:

- `on_config` (50) runs before mkdocs-static-i18n's (-100), so the plugin
  copies our translated site names into each language's configuration; the
  challenge files are read and checked in the first language's `on_config`,
  once per build, before anything is written.
- `on_files` adds the generated pages (challenge pages, catalogue, field
  reference, form) in two steps around mkdocs-static-i18n's (-100): before
  it (50), as files of docs/, so that the plugin sorts them by language as
  it sorts hand-written pages; after it (-150), their Markdown from memory.
  Nothing is written into the watched docs/, so one save under `mkdocs
  serve` is one rebuild.
- `on_page_content`, `on_post_page` and `on_post_template` (0) run after the
  page is rendered, before mkdocs-static-i18n's `on_post_page` (-100).
- `on_post_build` (-200) runs after mkdocs-static-i18n's (-100), which builds
  the other languages: only then are all languages' pages and the merged
  search index there to finish.

Bad input found by any of them stops the build with MkDocs' Abort: one line
per problem, no traceback. Python edited under `mkdocs serve` takes effect
after a restart (the README says so); templates, strings and schemas are
read again on every rebuild.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs_static_i18n.plugin import I18n

from govtech import DEFAULT_LANGUAGE, LANGUAGES
from govtech.making.challenge_form import is_form_page, with_editor
from govtech.making.edit_links import edit_label, edit_url, editor_urls, source_file
from govtech.making.feeds import FEED
from govtech.making.generated_files import write_if_changed
from govtech.making.markers import OpenCallsPage, event_markers, open_calls_markers
from govtech.making.rounds import round_markers
from govtech.making.site_files import redirect_page
from govtech.paths import GENERATED_DIRS
from govtech.problems import InvalidInput
from govtech.reading.history import challenge_source
from govtech.reading.publisher import Publisher, PublisherProblem, fill_markers
from govtech.reading.validation import page_problems
from govtech.strings import ui_strings
from govtech.urls import challenge_id, lang_prefix, page_url, with_print_addresses
from govtech_mkdocs.build_state import build_state, site_url
from govtech_mkdocs.language_split import search_indexes
from govtech_mkdocs.page_data import changed_line, docs_folder, language_root, last_changed, structured_data
from govtech_mkdocs.page_text import escape_nav_titles, escape_page_texts, plain
from govtech_mkdocs.theme_patches import labelled_checklists, patched_html, translated_permalinks, with_print_address
from govtech_mkdocs.theme_version import tell_i18n_the_theme_version

Params = ParamSpec("Params")
Result = TypeVar("Result")


def _reported(handler: Callable[Params, Result]) -> Callable[Params, Result]:
    """`handler`, with bad input reported as MkDocs reports a failed build: the problems, no traceback."""

    @wraps(handler)
    def run(*args: Params.args, **kwargs: Params.kwargs) -> Result:
        try:
            return handler(*args, **kwargs)
        except InvalidInput as err:
            raise Abort(err.report() + " Nothing was built.") from None
        except PublisherProblem as err:
            raise Abort(err.report()) from None

    return run


@event_priority(50)
@_reported
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Before each language's build: check the YAML and refresh the generated pages (once per build), translate the chrome."""
    build_state(config)  # the publisher's details first: a real address without them builds nothing
    tell_i18n_the_theme_version()  # under mkdocs-ng-material (MAINTAINING.md), before mkdocs-static-i18n's on_config reads it
    for language in _i18n(config).config.languages:
        strings = ui_strings(language.locale)
        language.site_name = strings["site_name"]
        language.site_description = strings["site_description"]
        language.nav_translations = strings["nav"]
    return config


@event_priority(50)
def _add_generated_pages(files: Files, config: MkDocsConfig) -> Files:
    """Before mkdocs-static-i18n sorts the files by language: the generated pages, as files of docs/ (left-overs of older builds there dropped)."""
    for stale in [file for file in files if file.src_uri.startswith(tuple(f"{folder}/" for folder in GENERATED_DIRS))]:
        files.remove(stale)
    for path in build_state(config).site.pages:
        files.append(File(path, config.docs_dir, config.site_dir, config.use_directory_urls))
    return files


@event_priority(-150)
def _fill_generated_pages(files: Files, config: MkDocsConfig) -> Files:
    """After mkdocs-static-i18n has chosen this language's files: the generated pages' Markdown, from memory."""
    pages = build_state(config).site.pages
    for file in files:
        if file.src_uri in pages:
            file.content_string = pages[file.src_uri]
    return files


on_files = CombinedEvent(_add_generated_pages, _fill_generated_pages)


@_reported
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Any) -> str:
    """Hand-written pages: `<!-- publisher:NAME -->` markers become the publisher's detail, `<!-- event:KEY -->` markers the event's date once `_events.yml` gives one, `<!-- rounds -->` the rounds of `_rounds.yml`, `<!-- open-calls… -->` markers the open calls."""
    if "<!--" not in markdown:
        return markdown
    where = _source_line(markdown, page, config)
    if "publisher:" in markdown:
        markdown = fill_markers(markdown, _publisher(config), _language(config), *where)
    markdown = round_markers(markdown, build_state(config).site.catalogue.rounds, _language(config))
    markdown = event_markers(markdown, build_state(config).site.catalogue.events, _language(config), *where)
    return _open_calls(markdown, page, config)


@_reported
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Any) -> str:
    """Refuse unsafe markup from challenge texts; name checklist boxes; translate permalink titles; give links their full address for paper.

    Also where the page's title and front matter texts are escaped, once, before any template or the search index reads them.
    """
    escape_page_texts(page)
    if (challenge := challenge_id(page.file.src_uri)) is not None:
        # The validator's allow-list, on the texts as the page renders them; reported at the text's line.
        root, lang = Path(config.config_file_path).parent, _language(config)
        source = challenge_source(root, challenge)
        if problems := page_problems(html, ui_strings(lang)["challenge"], lang, root / source, source):
            raise InvalidInput(problems)
    html = labelled_checklists(html, page.file.src_uri)
    if is_form_page(page.file.src_uri):
        html = with_editor(html, editor_urls(_repository(config)))
    html = translated_permalinks(html, ui_strings(_language(config))["permalink"], page.file.src_uri)
    return with_print_addresses(html, page.canonical_url) if page.canonical_url else html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Repair what Material renders where no template block reaches; give paper the page's address."""
    output = patched_html(output, ui_strings(_language(config)), page.file.src_uri, lang_prefix(_language(config)))
    return with_print_address(output, f"{config.site_name} · {page.canonical_url}", page.file.src_uri) if page.canonical_url else output


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    """Templates that are not pages (the 404 page): the interface texts, the language root, a selector to each language's home."""
    # mkdocs-static-i18n sets this attribute per page; the last page's would stay.
    # An attribute, not a key: mkdocs-static-i18n sets it so, Material's template reads it so (Jinja tries attributes first),
    # and MkDocs types `extra` as a plain mapping.
    extra: Any = config.extra
    extra.alternate = copy.deepcopy(_i18n(config).extra_alternate)
    return _add_page_data(context, None, config)


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Pages: interface texts, feed, language root, structured data and the link to the page's source; the navigation's names escaped once."""
    escape_nav_titles(nav.items)
    _add_edit_link(context, page, config)
    return _add_page_data(context, page, config)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Keep each language's 404 page; the last language built would overwrite the others'."""
    if template_name == "404.html":
        output = patched_html(output, ui_strings(_language(config)), template_name, lang_prefix(_language(config)))
        build_state(config).not_found_pages[_language(config)] = output
    return output


@event_priority(-200)
@_reported
def on_post_build(config: MkDocsConfig) -> None:
    """After mkdocs-static-i18n has built every language: write what the site needs once."""
    if _i18n(config).building:
        return  # a single other language's build, run from inside the default one
    site = Path(config.site_dir)
    state = build_state(config)
    outputs = dict(state.site.files)
    outputs["was/index.html"] = redirect_page(_publisher(config).was_target(), DEFAULT_LANGUAGE)
    for lang, html in state.not_found_pages.items():
        outputs[f"{lang_prefix(lang)}404.html"] = html.encode("utf-8")
    merged_index = site / "search" / "search_index.json"
    if merged_index.exists():
        outputs |= search_indexes(json.loads(merged_index.read_bytes()), LANGUAGES, DEFAULT_LANGUAGE)
    for path, data in sorted(outputs.items()):
        write_if_changed(site / path, data)


def _open_calls(markdown: str, page: Page, config: MkDocsConfig) -> str:
    """`<!-- open-calls… -->` markers become the calls open on the build day, or what a firm can do while none is."""
    site, lang = build_state(config).site, _language(config)
    place = OpenCallsPage(site.catalogue, site.today, lang, page.file.src_uri, page.url.removeprefix(lang_prefix(lang)), _publisher(config).get("email", lang))
    return open_calls_markers(markdown, place, lambda: _source_line(markdown, page, config))


def _source_line(markdown: str, page: Page, config: MkDocsConfig) -> tuple[str, int]:
    """The page's source file, as the project names it, and the line its Markdown starts on (after the front matter)."""
    if page.file.abs_src_path is None:
        return page.file.src_uri, 1
    source, project = Path(page.file.abs_src_path), Path(config.config_file_path).parent
    text = source.read_text(encoding="utf-8-sig")
    # Other plugins may have rewritten the Markdown line by line (mkdocs-static-i18n does): find where its first line is.
    start = text.find(markdown.split("\n", 1)[0])
    return (source.relative_to(project).as_posix() if source.is_relative_to(project) else str(source)), (text.count("\n", 0, start) + 1 if start > 0 else 1)


def _publisher(config: MkDocsConfig) -> Publisher:
    """The publisher's details (`extra.publisher`), read and checked once per build."""
    return build_state(config).publisher


def _i18n(config: MkDocsConfig) -> I18n:
    """mkdocs-static-i18n's plugin, which builds the languages (`plugins: i18n` in mkdocs.yml)."""
    plugin = config.plugins["i18n"]
    if not isinstance(plugin, I18n):
        raise Abort(
            f"mkdocs.yml's plugin `i18n` is {type(plugin).__module__}.{type(plugin).__name__}, not mkdocs-static-i18n's, which the site's languages need."
        )
    return plugin


def _language(config: MkDocsConfig) -> str:
    """The language being built, as mkdocs-static-i18n has set the theme."""
    return config.theme["language"]


def _repository(config: MkDocsConfig) -> str | None:
    """The address of the site's source repository: `extra.publisher.repository`, the one place it is set; None when empty."""
    return _publisher(config).get("repository", DEFAULT_LANGUAGE)


def _add_edit_link(context: dict[str, Any], page: Page, config: MkDocsConfig) -> None:
    """Point the page at its source in GitHub's web editor (overrides/partials/actions.html shows the link), when a repository is configured."""
    project = Path(config.config_file_path).parent
    if repository := _repository(config):
        page.edit_url = edit_url(repository, source_file(page.file.src_uri, docs_folder(Path(config.docs_dir), project), project))
    context["edit_label"] = edit_label(page.file.src_uri, ui_strings(_language(config)))


def _add_page_data(context: dict[str, Any], page: Page | None, config: MkDocsConfig) -> dict[str, Any]:
    """Add what overrides/main.html and its partials use to a template context."""
    lang = _language(config)
    strings = ui_strings(lang)
    base_url = context.get("base_url", "")
    root = language_root(base_url, lang_prefix(lang))
    meta = page.meta if page is not None else {}
    site = build_state(config).site
    changed = last_changed(site, page.file.src_uri, Path(config.docs_dir), Path(config.config_file_path).parent) if page is not None else None
    title = meta.get("title") or (page.title if page is not None and page.title else config.site_name)
    context.update(
        s=strings,
        language_root=root,
        feed_url=root.rstrip("/") + f"/{FEED}",
        page_changed=changed_line(changed, lang, strings),
        footer_links=[
            (strings["footer"]["accessibility"], root.rstrip("/") + "/accessibility/"),
            (strings["footer"]["privacy"], root.rstrip("/") + "/privacy/"),
        ],
        publisher_contact=_publisher(config).footer(lang),
        structured_data=structured_data(
            meta,
            plain(title),
            plain(meta.get("description")) or config.site_description,
            page.canonical_url if page is not None else None,
            lang,
            config.site_name,
            page_url(site_url(config), lang),
            build_state(config).event_at(page.url.removeprefix(lang_prefix(lang))) if page is not None else None,
            changed,
        ),
    )
    return context
