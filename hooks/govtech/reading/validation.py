"""Check read documents against the JSON Schemas and across files.

The schemas in `schema/` are the one definition of a valid file; this module
only turns each schema error into a sentence an editor can act on, and adds
what a schema cannot say (id equals file name, ids unique, owner known,
dates in order, safe text).
"""

from __future__ import annotations

import calendar
import difflib
import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator, ValidationError

from govtech import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES
from govtech.problems import Problem
from govtech.reading.html_safety import MarkdownTexts, disallowed, explain, sections
from govtech.reading.yaml_reader import Document, FieldPath, read_yaml
from govtech.schemas import resolved, schema_at, schema_version

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


@lru_cache(maxsize=8)
def _validator_at(file: Path, mtime_ns: int) -> Draft202012Validator:
    """A validator that finds every error, checking formats such as dates."""
    return Draft202012Validator(schema_at(file, mtime_ns), format_checker=Draft202012Validator.FORMAT_CHECKER)


@lru_cache(maxsize=8)
def _compiled_at(file: Path, mtime_ns: int):
    """The schema compiled to Python: forty times faster, but it stops at the first error."""
    return fastjsonschema.compile(schema_at(file, mtime_ns))


def schema_problems(doc: Document, name: str, schema_dir: Path) -> list[Problem]:
    """Every way `doc` breaks schema `name`, in plain words."""
    try:
        _compiled_at(*schema_version(name, schema_dir))(doc.data)
        return []
    except fastjsonschema.JsonSchemaValueException as first:
        problems = [p for error in _validator_at(*schema_version(name, schema_dir)).iter_errors(doc.data) for p in _explain(error, doc)]
        return problems or [doc.problem((), f"the file does not match the schema: {first.message}.")]


def text_problems(doc: Document, name: str, markdown: MarkdownTexts, schema_dir: Path) -> list[Problem]:
    """Each Markdown text of `doc` (`x-markdown` in schema `name`) that renders to more than plain prose, at the line it was written.

    The texts of one language share a page, and are rendered together as their page renders them.
    """
    pages: dict[str, list[tuple[FieldPath, str]]] = {}
    for field in _markdown_fields_at(*schema_version(name, schema_dir)):
        for path, value in _values_at(doc.data, field, ()):
            lang = next((part for part in path if part in LANGUAGES), "")
            pages.setdefault(lang, []).append((path, value))
    problems = []
    for texts in pages.values():
        for (path, value), found in zip(texts, markdown.check_page([value for _, value in texts]), strict=True):
            messages: dict[str, Any] = {}
            for markup in found:
                explanation = explain(markup, value)
                messages.setdefault(explanation.message, explanation.where)
            problems += [doc.problem(path, f"`{_field_name(path)}` {message}", where) for message, where in messages.items()]
    return problems


# The heading (a key of strings/<lang>.yml `challenge:`) under which templates/challenge.md.j2 puts each
# Markdown text of a challenge, with the text's field (`{lang}`: the page's language).
PAGE_TEXTS = {
    "background": ("{lang}", "background"),
    "looking_for": ("{lang}", "looking_for"),
    "constraints": ("{lang}", "constraints"),
    "proof_of_concept": ("{lang}", "proof_of_concept"),
    "outcome": ("outcome", "{lang}"),
}


# A text shown in the language it is written in, on a page in a language still to follow (making/markdown.written_in): the wrapper is the page's.
_PENDING_TEXT = re.compile(r'^\s*<div lang="[a-z]{2}">\n(.*)</div>\s*$', re.DOTALL)


def page_problems(page_html: str, headings: dict[str, str], lang: str, source: Path, shown: str) -> list[Problem]:
    """The build's check of a rendered challenge page: each text's section, by the validator's allow-list.

    `headings` are the interface texts of strings/<lang>.yml `challenge:`. Whatever is found here the
    validator missed; it is reported at the text's line in `source` (shown as `shown`), as the validator would.
    """
    wanted = {headings[key]: tuple(part.format(lang=lang) for part in path) for key, path in PAGE_TEXTS.items() if key in headings}
    found = [
        (path, markup)
        for path, section in sections(page_html, wanted, {v for v in headings.values() if isinstance(v, str)})
        for markup in disallowed(_PENDING_TEXT.sub(r"\1", section))
    ]
    if not found:
        return []
    doc = read_yaml(source, shown)
    if isinstance(doc.data, dict) and lang not in doc.data:
        # Published in Danish first: the page in `lang` shows the Danish texts.
        found = [(tuple(DEFAULT_LANGUAGE if part == lang else part for part in path), markup) for path, markup in found]
    problems = []
    for path, markup in found:
        explanation = explain(markup, next((value for _, value in _values_at(doc.data, path, ())), ""))
        problems.append(doc.problem(path, f"`{_field_name(path)}` {explanation.message}", explanation.where))
    return problems


def _values_at(data: Any, field: FieldPath, path: FieldPath):
    """The texts at `field` in `data` (`[]` standing for every entry of a list), with their paths, in file order."""
    if not field:
        if isinstance(data, str):
            yield path, data
    elif field[0] == "[]":
        for index, item in enumerate(data if isinstance(data, list) else ()):
            yield from _values_at(item, field[1:], path + (index,))
    elif isinstance(data, dict) and field[0] in data:
        yield from _values_at(data[field[0]], field[1:], path + (field[0],))


@lru_cache(maxsize=8)
def _markdown_fields_at(file: Path, mtime_ns: int) -> tuple[FieldPath, ...]:
    """The paths (list positions as `[]`) of the fields the schema in `file` marks as Markdown (`x-markdown`)."""
    spec = schema_at(file, mtime_ns)
    found = []

    def walk(node: dict[str, Any], path: FieldPath, depth: int) -> None:
        while "$ref" in node and depth < 20:
            node, depth = resolved(node, spec), depth + 1
        if node.get("x-markdown"):
            found.append(path)
        for key, child in node.get("properties", {}).items():
            walk(child, path + (key,), depth + 1)
        if isinstance(node.get("items"), dict):
            walk(node["items"], path + ("[]",), depth + 1)

    walk(spec, (), 0)
    return tuple(found)


def challenge_problems(doc: Document, stem: str, owners: dict[str, Any], themes: dict[str, Any] | None = None) -> list[Problem]:
    """What a schema cannot check in one challenge file.

    `owners` and `themes`: the entries of challenges/_owners.yml and _themes.yml, and those the challenges write out themselves.
    """
    data, problems = doc.data, []
    if data.get("id") != stem and isinstance(data.get("id"), str):
        problems.append(doc.problem(("id",), f"the id `{data['id']}` must equal the file name; write `id: {stem}` or rename the file to {data['id']}.yml."))
    owner = data.get("owner")
    if isinstance(owner, str) and owner not in owners:
        problems.append(
            doc.problem(
                ("owner",),
                f"unknown owner `{owner}`{_suggest(owner, owners)}; use a key from challenges/_owners.yml, or, for an authority not listed there, "
                "write it out under `owner:` with its key, url and names (da, de, en), as the challenge form does.",
            )
        )
    theme = data.get("theme")
    if themes is not None and isinstance(theme, str) and theme not in themes:
        problems.append(
            doc.problem(
                ("theme",),
                f"`{theme}` is not a known theme{_suggest(theme, themes)}; use one of: {', '.join(themes)}; "
                "or, for a new theme, write it out under `theme:` with its key and names (da, de, en), as the challenge form does.",
            )
        )
    problems += language_problems(doc)
    dates = data.get("dates") if isinstance(data.get("dates"), dict) else {}
    published, deadline = _date(dates.get("published")), _date(dates.get("deadline"))
    if published and deadline and deadline < published:
        problems.append(doc.problem(("dates", "deadline"), f"the deadline {deadline} is before the publication date {published}; correct one of them."))
    if dates.get("deadline_time") and not deadline:
        problems.append(
            doc.problem(("dates", "deadline_time"), "`dates.deadline_time` gives a time but there is no `dates.deadline`; add the day, or delete the time.")
        )
    problems += _application_problems(doc, deadline)
    timeline = data.get("timeline") if isinstance(data.get("timeline"), dict) else {}
    for phase, days in timeline.items():
        start, end = (_date(days.get(key)) for key in ("start", "end")) if isinstance(days, dict) else (None, None)
        if start and end and end < start:
            problems.append(doc.problem(("timeline", phase, "end"), f"`timeline.{phase}` ends on {end}, before it starts on {start}; correct one of them."))
    return problems


def _application_problems(doc: Document, deadline: date | None) -> list[Problem]:
    """What the schema cannot check in `application`: a language accepted, and questions not after the deadline."""
    application = doc.data.get("application")
    if not isinstance(application, dict):
        return []
    problems = []
    languages = application.get("languages")
    if isinstance(languages, dict) and not any(value is True for value in languages.values()):
        problems.append(
            doc.problem(
                ("application", "languages"), "`application.languages` accepts no language; write `true` after each language an application may be written in."
            )
        )
    until = _date(application.get("questions_until"))
    if until and deadline and until > deadline:
        problems.append(
            doc.problem(("application", "questions_until"), f"questions are taken until {until}, after the deadline {deadline}; correct one of them.")
        )
    return problems


# The files that list what challenges name by key, by the field that names it.
ENTRY_FILES = {"owner": "challenges/_owners.yml", "theme": "challenges/_themes.yml"}
_ENTRY_WORDS = {"owner": "authority", "theme": "theme"}


def inline_entries(docs: list[Document]) -> dict[str, dict[str, Any]]:
    """The authorities and themes that challenge files write out themselves (`owner: {key: …}`), by field and key: the first of each key.

    Each entry is as the entry files hold it ({url, da, de, en} or {da, de, en}), with `_doc` the file that writes it.
    """
    found: dict[str, dict[str, Any]] = {field: {} for field in ENTRY_FILES}
    for doc in docs:
        for field in ENTRY_FILES:
            value = doc.data.get(field) if isinstance(doc.data, dict) else None
            if isinstance(value, dict) and isinstance(value.get("key"), str) and all(isinstance(value.get(lang), str) for lang in LANGUAGES):
                found[field].setdefault(value["key"], {**{k: v for k, v in value.items() if k != "key"}, "_doc": doc})
    return found


def inline_entry_problems(docs: list[Document], defined: dict[str, dict[str, Any]], listed: dict[str, dict[str, Any]]) -> list[Problem]:
    """An authority or theme written out in a challenge although its file lists its key, or written out again with other details."""
    problems = []
    for doc in docs:
        for field, word in _ENTRY_WORDS.items():
            value = doc.data.get(field) if isinstance(doc.data, dict) else None
            if not isinstance(value, dict) or not isinstance(value.get("key"), str):
                continue
            key, first = value["key"], defined[field].get(value["key"])
            if key in listed.get(field, {}):
                problems.append(
                    doc.problem((field, "key"), f"the {word} `{key}` is already in {ENTRY_FILES[field]}; write `{field}: {key}` instead of the group.")
                )
            elif (
                first is not None
                and first["_doc"] is not doc
                and {k: v for k, v in value.items() if k != "key"} != {k: v for k, v in first.items() if k != "_doc"}
            ):
                line = first["_doc"].position((field,))[0]
                problems.append(
                    doc.problem(
                        (field, "key"),
                        f"the {word} `{key}` is also written out in {first['_doc'].path} (line {line}), with other details; "
                        f"write `{field}: {key}` here instead of the group, or the same details as there.",
                    )
                )
    return problems


def language_problems(doc: Document) -> list[Problem]:
    """German and English may follow the Danish texts, but all of a language's texts at once: each is there in every part or in none."""
    data, problems = doc.data, []
    parts: list[tuple[FieldPath, Any]] = [(("links", i), link) for i, link in enumerate(data.get("links") or []) if isinstance(link, dict)]
    parts += [(("questions", i), q) for i, q in enumerate(data.get("questions") or []) if isinstance(q, dict)]
    for name in ("outcome", "application"):
        if isinstance(data.get(name), dict):
            parts.append(((name,), data[name]))
    for lang in LANGUAGES[1:]:
        name = LANGUAGE_NAMES[lang]
        for path, part in parts:
            if lang in data and lang not in part:
                problems.append(
                    doc.problem(
                        path,
                        f"`{_field_name(path)}` has no {name} text (`{lang}:`), though the file has its {name} texts (`{lang}:` on line {doc.position((lang,))[0]}); "
                        f"add `{lang}:` here, or leave all the {name} texts out to publish in Danish first.",
                    )
                )
            elif lang not in data and lang in part:
                problems.append(
                    doc.problem(
                        path + (lang,),
                        f"`{_field_name(path + (lang,))}`: the file has no {name} texts (no `{lang}:` block), so its {name} texts follow all together; "
                        f"delete this one for now, or add the `{lang}:` block with the other {name} texts.",
                    )
                )
    return problems


def duplicate_id_problems(docs: list[Document]) -> list[Problem]:
    """A problem for every file whose id an earlier file already has."""
    first: dict[str, Document] = {}
    problems = []
    for doc in docs:
        ident = doc.data.get("id") if isinstance(doc.data, dict) else None
        if not isinstance(ident, str):
            continue
        if ident in first:
            problems.append(doc.problem(("id",), f"the id `{ident}` is already used by {first[ident].path}; give each challenge its own id."))
        else:
            first[ident] = doc
    return problems


def _explain(error: ValidationError, doc: Document) -> list[Problem]:
    """One or more plain-words problems for one schema error."""
    path: FieldPath = tuple(error.absolute_path)
    field = _field_name(path)
    kind, expected, value = error.validator, error.validator_value, error.instance
    properties = error.schema.get("properties", {})
    if "propertyNames" in error.relative_schema_path:
        key, hint = str(value), error.schema.get("x-hint", "is not allowed as a key")
        if kind == "maxLength":
            hint = f"is {len(key)} characters long; the limit is {expected}"
        return [doc.problem(path + (key,), f"the key `{key}` {hint}; rename it, and the `{error.schema.get('x-field', 'owner')}:` lines that name it.")]
    if kind == "additionalProperties":
        problems = []
        for key in value:
            if key in properties:
                continue
            suggestion = _suggest(key, properties)
            pasted = None if suggestion else doc.pasted_text(doc.position(path + (key,))[0])
            problems.append(doc.problem(path + (key,), pasted or f"unknown field `{key}`{suggestion}; the fields allowed here are: {', '.join(properties)}."))
        return problems
    if kind == "required":
        where = f"`{field}`" if path else "the file"
        return [doc.problem(path, f"{where} is missing the field `{key}`; add it (see challenges/_template.yml).") for key in expected if key not in value]
    if kind == "type":
        return [doc.problem(path, _type_message(field, expected, value, doc.written.get(path)))]
    if kind == "enum":
        return [doc.problem(path, f"`{value}` is not a known {field}{_suggest(str(value), expected)}; use one of: {', '.join(expected)}.")]
    if kind == "maxLength":
        return [doc.problem(path, f"`{field}` is {len(value)} characters long; the limit is {expected}. Shorten it.")]
    if kind == "minLength":
        return [doc.problem(path, f"`{field}` is too short ({len(value)} characters); write at least {expected}.")]
    if kind == "pattern":
        hint = error.schema.get("x-hint", f"must match the pattern {expected}")
        return [doc.problem(path, f"`{field}`: `{value}` {hint}.")]
    if kind == "format" and expected == "date":
        return [doc.problem(path, f"`{field}`: {_no_such_day(value)}")]
    if kind == "not":
        return [doc.problem(path, f"`{field}`: `{value}` is reserved for the site's own pages; choose another.")]
    if kind == "maxItems":
        return [doc.problem(path, f"`{field}` has {len(value)} entries; the limit is {expected}.")]
    return [doc.problem(path, f"`{field}`: {error.message}.")]


def _no_such_day(value: Any) -> str:
    """Why `value` names no day, and what to write instead."""
    match = _ISO_DAY.match(str(value))
    if not match:
        meant = _meant_day(str(value))
        if meant:
            return f"`{value}` is not written as the file writes dates: year, month, day (YYYY-MM-DD). Did you mean {meant}?"
        return f"`{value}` is not a date; write it as YYYY-MM-DD: the year, the month and the day, with hyphens between them."
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return f"{value} does not exist: there is no month {match.group(2)}. Write the month as 01 to 12."
    days = calendar.monthrange(year, month)[1]
    return f"{value} does not exist: {_MONTHS[month - 1]} {year} has {days} days. Write a day that exists."


# A day written the Danish or German way (31-03-2030, 31.03.2030, 31/3/2030), or with the year first but a digit short (2030-3-31).
_DAY_FIRST = re.compile(r"^\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{4})\s*$")
_YEAR_FIRST = re.compile(r"^\s*(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\s*$")


def _meant_day(written: str) -> str | None:
    """The day `written` most likely names, as YYYY-MM-DD, when it is a real day written in another order or form."""
    match = _DAY_FIRST.match(written)
    if match:
        day, month, year = (int(part) for part in match.groups())
        if month > 12 >= day:  # 03/31/2030: the month first
            day, month = month, day
    elif match := _YEAR_FIRST.match(written):
        year, month, day = (int(part) for part in match.groups())
    else:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _type_message(field: str, expected: str | list[str], value: Any, written: str | None) -> str:
    """Why a value has the wrong type, in the terms an editor uses."""
    if isinstance(expected, list):
        # A key, or the group that writes the entry out (`owner`, `theme`): said as a key, the usual way.
        expected = "string" if "string" in expected else expected[0]
    if expected == "string":
        if value is None:
            return f"`{field}` is empty; write the text after `{field.split('.')[-1]}:`."
        if isinstance(value, bool):
            return f'`{field}`: YAML reads `{written}` as yes/no, not as text; put it in quotes: "{written}".'
        if isinstance(value, (int, float)):
            return f'`{field}`: YAML reads `{written}` as a number, not as text; put it in quotes: "{written}".'
        return f"`{field}` must be a single text, not a list or a group of fields."
    if expected == "object":
        return f"`{field or 'the file'}` must be a group of fields, written as indented `name: value` lines below it."
    if expected == "array":
        return f"`{field}` must be a list, one entry per line starting with `- `."
    if expected == "integer":
        return f"`{field}` must be a whole number, written in digits, such as 4."
    if expected == ["string", "object"]:
        return f"`{field}` must be a key (a single word) or a group of fields, written as indented `name: value` lines below it."
    return f"`{field}` must be of type {expected}."


def _field_name(path: FieldPath) -> str:
    """`da.title` or `links[1].url` for a path in the data."""
    name = ""
    for part in path:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name


def _suggest(word: str, choices: Any) -> str:
    """`, did you mean `x`?` when `word` looks like a typo of one of `choices`."""
    match = difflib.get_close_matches(word, [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean `{match[0]}`?)" if match else ""


def _date(value: Any) -> date | None:
    """The day `value` names, or None when it names none."""
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
