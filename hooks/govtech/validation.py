"""Check read documents against the JSON Schemas and across files.

The schemas in `schema/` are the one definition of a valid file; this module
only turns each schema error into a sentence an editor can act on, and adds
what a schema cannot say (id equals file name, ids unique, owner known,
dates in order, safe text).
"""

from __future__ import annotations

import difflib
import html
import json
import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator, ValidationError

from .problems import Problem
from .yaml_reader import Document, FieldPath

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"
_HTML = re.compile(r"<\s*[A-Za-z!/?]")
_MD_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_MD_ATTRIBUTES = re.compile(r"\{\s*:?\s*[#.a-zA-Z_][^}\n]*\}")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\s*[(\[]")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_SAFE_SCHEMES = {"http", "https", "mailto"}


def schema(name: str) -> dict[str, Any]:
    """The committed JSON Schema `schema/<name>.schema.json`, read again when it changes."""
    return _schema_at(*_version(name))


def _version(name: str) -> tuple[Path, int]:
    """The schema file `name` and its modification time: the key of everything made from it."""
    file = SCHEMA_DIR / f"{name}.schema.json"
    return file, file.stat().st_mtime_ns


@lru_cache(maxsize=8)
def _schema_at(file: Path, mtime_ns: int) -> dict[str, Any]:
    """The schema in `file` as it was at `mtime_ns`."""
    return json.loads(file.read_text(encoding="utf-8"))


@lru_cache(maxsize=8)
def _validator_at(file: Path, mtime_ns: int) -> Draft202012Validator:
    """A validator that finds every error, checking formats such as dates."""
    return Draft202012Validator(_schema_at(file, mtime_ns), format_checker=Draft202012Validator.FORMAT_CHECKER)


@lru_cache(maxsize=8)
def _compiled_at(file: Path, mtime_ns: int):
    """The schema compiled to Python: forty times faster, but it stops at the first error."""
    return fastjsonschema.compile(_schema_at(file, mtime_ns))


def schema_problems(doc: Document, name: str) -> list[Problem]:
    """Every way `doc` breaks schema `name`, in plain words."""
    try:
        _compiled_at(*_version(name))(doc.data)
        return []
    except fastjsonschema.JsonSchemaValueException as first:
        problems = [p for error in _validator_at(*_version(name)).iter_errors(doc.data) for p in _explain(error, doc)]
        return problems or [doc.problem((), f"the file does not match the schema: {first.message}.")]


def text_problems(doc: Document) -> list[Problem]:
    """Raw HTML and unsafe link targets anywhere in the texts of `doc`."""
    problems = []
    for path, value in _strings(doc.data, ()):
        field = _field_name(path)
        if _HTML.search(value):
            problems.append(doc.problem(path, f"`{field}` contains HTML (`{_HTML.search(value).group(0)}…`); write plain text or Markdown instead."))
        if _has_heading(value):
            problems.append(doc.problem(path, f"`{field}` contains a heading (`#` or an underline of `=` or `-`); the page makes its own headings, so write **bold text** instead."))
        if _MD_ATTRIBUTES.search(value):
            problems.append(doc.problem(path, f"`{field}` contains an attribute list (`{_MD_ATTRIBUTES.search(value).group(0)[:20]}`); curly-brace attributes are not allowed in challenge texts."))
        if _MD_IMAGE.search(value):
            problems.append(doc.problem(path, f"`{field}` shows an image (`![…](…)`); images are not allowed in challenge texts, link to the page instead."))
        for match in _MD_LINK_TARGET.finditer(value):
            # Browsers decode entities and drop control characters in addresses: so does the check.
            target = _INVISIBLE.sub("", html.unescape(match.group(1) or match.group(2) or ""))
            scheme = _SCHEME.match(target)
            if scheme and scheme.group(1).lower() not in _SAFE_SCHEMES:
                problems.append(doc.problem(path, f"`{field}` links to `{scheme.group(0)}`; only https://, http:// and mailto: links are allowed."))
    return problems


def challenge_problems(doc: Document, stem: str, owners: dict[str, Any]) -> list[Problem]:
    """What a schema cannot check in one challenge file."""
    data, problems = doc.data, []
    if data.get("id") != stem and isinstance(data.get("id"), str):
        problems.append(doc.problem(("id",), f"the id `{data['id']}` must equal the file name; write `id: {stem}` or rename the file to {data['id']}.yml."))
    owner = data.get("owner")
    if isinstance(owner, str) and owner not in owners:
        problems.append(doc.problem(("owner",), f"unknown owner `{owner}`{_suggest(owner, owners)}; use a key from challenges/_owners.yml, or add the authority there."))
    dates = data.get("dates") if isinstance(data.get("dates"), dict) else {}
    published, deadline = _date(dates.get("published")), _date(dates.get("deadline"))
    if published and deadline and deadline < published:
        problems.append(doc.problem(("dates", "deadline"), f"the deadline {deadline} is before the publication date {published}; correct one of them."))
    timeline = data.get("timeline") if isinstance(data.get("timeline"), dict) else {}
    for phase, days in timeline.items():
        start, end = (_date(days.get(key)) for key in ("start", "end")) if isinstance(days, dict) else (None, None)
        if start and end and end < start:
            problems.append(doc.problem(("timeline", phase, "end"), f"`timeline.{phase}` ends on {end}, before it starts on {start}; correct one of them."))
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
    if kind == "additionalProperties":
        return [
            doc.problem(path + (key,), f"unknown field `{key}`{_suggest(key, properties)}; the fields allowed here are: {', '.join(properties)}.")
            for key in value if key not in properties
        ]
    if kind == "required":
        where = f"`{field}`" if path else "the file"
        return [
            doc.problem(path, f"{where} is missing the field `{key}`; add it (see challenges/_template.yml).")
            for key in expected if key not in value
        ]
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
        return [doc.problem(path, f"`{field}`: `{value}` is not a real date; write it as YYYY-MM-DD.")]
    if kind == "not":
        return [doc.problem(path, f"`{field}`: `{value}` is reserved for the site's own pages; choose another.")]
    if kind == "maxItems":
        return [doc.problem(path, f"`{field}` has {len(value)} entries; the limit is {expected}.")]
    return [doc.problem(path, f"`{field}`: {error.message}.")]


def _has_heading(text: str) -> bool:
    """Whether Markdown `text` makes a heading: `# Title`, or text underlined with `=` or `-`."""
    previous = ""
    for line in text.split("\n"):
        content = line.lstrip(" ")
        if len(line) - len(content) <= 3 and content[:1] in ("#", "=", "-"):
            hashes = len(content) - len(content.lstrip("#"))
            if 1 <= hashes <= 6 and content[hashes:hashes + 1] in ("", " ", "\t"):
                return True
            mark = content.rstrip(" ")
            if mark and not mark.strip(mark[0]) and mark[0] in "=-" and previous.strip():
                return True
        previous = line
    return False


def _type_message(field: str, expected: str, value: Any, written: str | None) -> str:
    """Why a value has the wrong type, in the terms an editor uses."""
    if expected == "string":
        if value is None:
            return f"`{field}` is empty; write the text after `{field.split('.')[-1]}:`."
        if isinstance(value, bool):
            return f"`{field}`: YAML reads `{written}` as yes/no, not as text; put it in quotes: \"{written}\"."
        if isinstance(value, (int, float)):
            return f"`{field}`: YAML reads `{written}` as a number, not as text; put it in quotes: \"{written}\"."
        return f"`{field}` must be a single text, not a list or a group of fields."
    if expected == "object":
        return f"`{field or 'the file'}` must be a group of fields, written as indented `name: value` lines below it."
    if expected == "array":
        return f"`{field}` must be a list, one entry per line starting with `- `."
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


def _strings(data: Any, path: FieldPath):
    """Every text in `data`, with its path."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, path + (i,))


def _date(value: Any) -> date | None:
    """The day `value` names, or None when it names none."""
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
