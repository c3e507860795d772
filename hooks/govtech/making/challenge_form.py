"""The challenge form: a form in the browser that writes a challenge file, made from the file's JSON Schema.

Every field of `schema/challenge.schema.json` becomes a control, with what the
browser's own form validation can enforce taken from the schema: required
fields, lengths, patterns, dates, web addresses and choices (`enum`; the
owners and themes listed, `x-entries`, with a choice "not listed" that shows
the group writing a new one out in the file). An object becomes a fieldset; a
list of objects (links, questions, the selected firms) is left out of the
form with a note, and kept unchanged when the form starts from an existing
challenge. So a field added to the schema appears in the form by itself.

Python prepares the fields; `templates/form.md.j2` decides the markup;
`docs/assets/challenge-form.js` writes the file from the filled form.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any, TypedDict

from govtech import LANGUAGES
from govtech.making.collation import sort_key
from govtech.model import Catalogue
from govtech.paths import FORM_DIR
from govtech.schemas import resolved

# The first line of every challenge file: VS Code's YAML extension checks the file against the schema.
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/challenge.schema.json"
# The field whose value is the key of an authority in challenges/_owners.yml.
OWNER_FIELD = "owner"
# The choice of a field naming an entry by key (`x-entries`: owner, theme) that says "not listed": its group is then filled in instead.
NEW_ENTRY = "+new"
# Days that must not come before another day (as validation.challenge_problems checks): (earlier, later); `*` is any one key.
DATE_ORDER = (("dates.published", "dates.deadline"), ("timeline.*.start", "timeline.*.end"))
# The attributes of the form that the adapter fills with the editor's addresses when a repository is configured.
_EDITOR_MARKERS = ('data-edit-url=""', 'data-new-url=""')
# Syntax characters of a regular expression, escaped to match themselves (valid with the `v` flag the browser uses for `pattern`).
_REGEX_SYNTAX = re.compile(r"([\^$\\.*+?()\[\]{}|/])")


@dataclass(frozen=True)
class Field:
    """One control of the form: a value in the file at `name` (keys joined by dots)."""

    name: str
    label: str
    help: str
    control: str  # input, textarea or select
    writes: str  # how the file holds the value: text, block (a `|` block scalar), date, choice or boolean
    input_type: str = ""  # for an input: text, date, url or email
    required: bool = False  # always required
    required_with: str = ""  # the optional group whose use makes it required
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    choices: tuple[tuple[str, str], ...] = ()  # (value, label)
    not_before: str = ""  # the date field this one must not come before
    new_entry: str = ""  # for a choice of listed entries (owners, themes): the label of the choice "not listed", which opens its group
    written_in: tuple[tuple[str, str], ...] = ()  # (value, id of the challenge whose file writes that entry out)

    @property
    def id(self) -> str:
        """The control's id in the page."""
        return "field-" + self.name.replace(".", "--")


class _Common(TypedDict):
    """What every kind of `Field` is given."""

    name: str
    label: str
    help: str
    required: bool
    required_with: str


@dataclass(frozen=True)
class LeftOut:
    """A list of groups of fields, which the form leaves to the file: kept as it is when the form starts from a challenge."""

    name: str
    label: str
    help: str
    dates: tuple[str, ...] = ()  # the fields of its entries that hold a day, as `questions.date`: written as days

    @property
    def id(self) -> str:
        """The note's id in the page."""
        return "list-" + self.name.replace(".", "--")


@dataclass(frozen=True)
class Group:
    """A group of fields in the file, shown as a fieldset."""

    name: str
    legend: str
    help: str
    required: bool
    items: tuple[Field | Group | LeftOut, ...]
    new_for: str = ""  # the group that writes out an entry not listed (an authority, a theme): shown once its field says so

    @property
    def id(self) -> str:
        """The fieldset's id in the page."""
        return "group-" + self.name.replace(".", "--") + ("--new" if self.new_for else "")


@dataclass(frozen=True)
class ChallengeForm:
    """The form in one language, and the challenges it can start from."""

    lang: str
    groups: tuple[Field | Group | LeftOut, ...]
    starts: tuple[tuple[str, str], ...]  # (id, title), by title
    header: str = SCHEMA_LINE


def challenge_form(schema: dict[str, Any], catalogue: Catalogue, lang: str, strings: dict[str, Any]) -> ChallengeForm:
    """The form for challenge files described by `schema`, labelled in `lang` (`strings`: that language's interface texts)."""
    owners = sorted(catalogue.owners.values(), key=lambda o: sort_key(o.names[lang], lang))
    themes = sorted(catalogue.themes.values(), key=lambda o: sort_key(o.names[lang], lang))
    listed = {name: tuple((o.key, f"{o.names[lang]} – {o.key}") for o in entries) for name, entries in (("owners", owners), ("themes", themes))}
    written = {name: tuple((o.key, o.written_in) for o in entries if o.written_in) for name, entries in (("owners", owners), ("themes", themes))}
    context = _Context(schema, lang, strings, listed["owners"], listed, written)
    items = _items(schema, (), True, "", context)
    starts = tuple(sorted(((c.id, c.texts[lang].title) for c in catalogue.challenges), key=lambda s: sort_key(s[1], lang)))
    return ChallengeForm(lang, items, starts)


def with_editor(page_html: str, urls: tuple[str, str] | None) -> str:
    """The form page's HTML with the addresses of GitHub's web editor (`edit_links.editor_urls`) filled in; unchanged without them."""
    if urls is None:
        return page_html
    if any(marker not in page_html for marker in _EDITOR_MARKERS):
        raise ValueError(f"the challenge form has lost its attributes {' and '.join(_EDITOR_MARKERS)}; see {__name__}.")
    for marker, url in zip(_EDITOR_MARKERS, urls, strict=False):
        attribute = marker.partition("=")[0]
        page_html = page_html.replace(marker, f'{attribute}="{html.escape(url, quote=True)}"', 1)
    return page_html


def is_form_page(src_uri: str) -> bool:
    """Whether the page made from `src_uri` (its path in docs/) is the challenge form, in any language."""
    return src_uri.startswith(f"{FORM_DIR}/")


@dataclass(frozen=True)
class _Context:
    schema: dict[str, Any]
    lang: str
    s: dict[str, Any]
    owners: tuple[tuple[str, str], ...]
    listed: dict[str, tuple[tuple[str, str], ...]]  # the choices of each entry file (`x-entries`): owners, themes
    written: dict[str, tuple[tuple[str, str], ...]]  # of those, the ones a challenge writes out: (key, its id)


def _items(spec: dict[str, Any], path: tuple[str, ...], always: bool, optional_group: str, c: _Context) -> tuple[Field | Group | LeftOut, ...]:
    """The controls for the properties of the object `spec` at `path`.

    `always`: the object is always in the file; otherwise `optional_group` names the
    optional group that holds it, whose use makes its required fields required.
    """
    required = set(spec.get("required", ()))
    items: list[Field | Group | LeftOut] = []
    for key, raw in spec.get("properties", {}).items():
        sub = resolved(raw, c.schema)
        name = ".".join((*path, key))
        is_required = key in required
        label, help_text = _title(key, sub, c.lang), _description(sub, c.lang)
        if "x-entries" in sub:
            # A key of an entry file, or the entry written out for one not listed (`owner: {key: …}`): a choice, and a group shown for "not listed".
            words = c.s["authoring"]["new_entry"][key]
            choices = c.listed[sub["x-entries"]]
            written = c.written[sub["x-entries"]]
            items.append(
                Field(
                    name, label, help_text, "select", "choice", required=always and is_required, choices=choices, new_entry=words["choice"], written_in=written
                )
            )
            items.append(Group(name, words["legend"], words["help"], False, _items(sub, (*path, key), True, "", c), new_for=name))
            continue
        if sub.get("type") == "object" or "properties" in sub:
            inner_always = always and is_required
            # The nearest optional group: this one, or (while this one is required in it) its parent's.
            group = "" if inner_always else (optional_group if is_required else name)
            legend = c.s["form"]["languages"][key] if not path and key in LANGUAGES else label
            items.append(Group(name, legend, help_text, inner_always, _items(sub, (*path, key), inner_always, group, c)))
        elif sub.get("type") == "array":
            items.append(LeftOut(name, label, help_text, tuple(_dates(sub.get("items", {}), name, c.schema))))
        else:
            with_group = optional_group if is_required and not always else ""
            if path and key in LANGUAGES and not is_required and optional_group and sub.get("type") == "string":
                # German and English texts follow the Danish all at once: required with its group once the file has that language's texts
                # (not a yes/no per language, such as the languages an application may be written in).
                with_group = f"{optional_group} {key}"
            items.append(_field(name, key, sub, label, help_text, always and is_required, with_group, not path, c))
    return tuple(items)


def _field(name: str, key: str, spec: dict[str, Any], label: str, help_text: str, required: bool, required_with: str, top: bool, c: _Context) -> Field:
    """One control, with what the browser can check of `spec`."""
    common: _Common = {"name": name, "label": label, "help": help_text, "required": required, "required_with": required_with}
    if "enum" in spec:
        texts = c.s.get(key)
        named: dict[str, Any] = texts if isinstance(texts, dict) else {}
        choices = tuple((v, f"{named[v]} – {v}" if v in named else v) for v in spec["enum"])
        return Field(**common, control="select", writes="choice", choices=choices)
    if top and key == OWNER_FIELD:
        return Field(**common, control="select", writes="choice", choices=c.owners)
    if spec.get("type") == "boolean":
        yes_no = c.s["form"]["boolean"]
        return Field(**common, control="select", writes="boolean", choices=(("true", yes_no["true"]), ("false", yes_no["false"])))
    if spec.get("format") == "date":
        return Field(**common, control="input", writes="date", input_type="date", not_before=_not_before(name))
    min_length: int | None = spec.get("minLength")
    max_length: int | None = spec.get("maxLength")
    if spec.get("x-markdown") or ((max_length or 0) > 300 and not spec.get("pattern") and not spec.get("format")):
        # A `|` block scalar ends the text with a line break, which the schema counts: one character less to type.
        if max_length:
            max_length -= 1
        return Field(**common, control="textarea", writes="block", min_length=min_length, max_length=max_length)
    input_type = {"email": "email", "uri": "url"}.get(spec.get("format", ""), "text")
    if spec.get("pattern", "").startswith(("^https://", "^(https?://", "^https?://")):
        input_type = "url"
    return Field(**common, control="input", writes="text", input_type=input_type, pattern=_html_pattern(spec), min_length=min_length, max_length=max_length)


def _html_pattern(spec: dict[str, Any]) -> str | None:
    """The schema's `pattern` for the `pattern` attribute, with values the schema excludes (`not: {enum: …}` or `not: {pattern: …}`) refused too."""
    pattern = spec.get("pattern")
    excluded = [_REGEX_SYNTAX.sub(r"\\\1", str(word)) for word in spec.get("not", {}).get("enum", ())]
    if "pattern" in spec.get("not", {}):
        excluded.append(spec["not"]["pattern"].removeprefix("^").removesuffix("$"))
    if excluded:
        words = "|".join(excluded)
        pattern = f"(?!(?:{words})$){pattern or '.*'}"
    return pattern


def _dates(spec: dict[str, Any], name: str, schema: dict[str, Any]) -> list[str]:
    """The fields below `spec` (at `name`) that hold a day, as dotted names."""
    spec = resolved(spec, schema)
    if spec.get("format") == "date":
        return [name]
    inner = spec.get("items", spec)
    return [found for key, sub in inner.get("properties", {}).items() for found in _dates(sub, f"{name}.{key}", schema)]


def _not_before(name: str) -> str:
    """The date field that the field `name` must not come before, or ''."""
    parts = name.split(".")
    for earlier, later in DATE_ORDER:
        pattern = later.split(".")
        if len(pattern) == len(parts) and all(p in ("*", n) for p, n in zip(pattern, parts, strict=False)):
            return ".".join(n if p == "*" else p for p, n in zip(earlier.split("."), parts, strict=False))
    return ""


def _title(key: str, spec: dict[str, Any], lang: str) -> str:
    """The field's label: the schema's `x-title` in `lang` or its `title` where given, else the key the file uses."""
    titles = {"en": spec["title"]} if "title" in spec else {}
    titles |= spec.get("x-title", {})
    return titles.get(lang) or key


def _description(spec: dict[str, Any], lang: str) -> str:
    """What the field means, in `lang`: what the schema says for the form (`x-form-description`), else its `x-description`, or its English `description`."""
    return spec.get("x-form-description", {}).get(lang) or spec.get("x-description", {}).get(lang) or spec.get("description", "")
