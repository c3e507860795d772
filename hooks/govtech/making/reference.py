"""The field reference: the fields of a challenge file, of `_owners.yml` and of `_events.yml`, read from their JSON Schemas."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from govtech import LANGUAGES
from govtech.schemas import resolved


@dataclass(frozen=True)
class FieldRow:
    """One field of the schema, as the reference page lists it (several when `names` holds more: fields of one shape)."""

    names: tuple[str, ...]
    kind: str  # text, date, month, integer, url, https, boolean, group, list or choice
    required: bool
    descriptions: dict[str, str]
    max_length: int | None = None
    choices: tuple[str, ...] = ()
    markdown: bool = False

    @property
    def name(self) -> str:
        """The first (usually the only) field's name."""
        return self.names[0]


def field_rows(schema: dict[str, Any]) -> tuple[list[FieldRow], list[FieldRow]]:
    """The rows for the language-neutral fields, and those of each language block."""
    texts = schema["$defs"]["texts"]
    neutral = [
        row for name, spec in schema["properties"].items() if name not in LANGUAGES for row in _rows((name,), spec, name in schema.get("required", ()), schema)
    ]
    per_language = [row for name, spec in texts["properties"].items() for row in _rows((name,), spec, name in texts["required"], schema)]
    return neutral, per_language


@dataclass(frozen=True)
class EntryFile:
    """A file of entries each under a short key (`_owners.yml`, `_events.yml`): the rule for a key, and each entry's fields."""

    key_max_length: int | None
    rows: list[FieldRow]


def entry_rows(schema: dict[str, Any]) -> EntryFile:
    """The key's length limit and the rows of an entry's fields, for a schema of entries under keys (`propertyNames`, `additionalProperties`)."""
    entry = resolved(schema["additionalProperties"], schema)
    rows = [row for name, spec in entry["properties"].items() for row in _rows((name,), spec, name in entry.get("required", ()), schema)]
    return EntryFile(schema.get("propertyNames", {}).get("maxLength"), rows)


def _rows(names: tuple[str, ...], spec: dict[str, Any], required: bool, schema: dict[str, Any]) -> list[FieldRow]:
    """The row for the fields `names` (which share `spec`), then the rows of their sub-fields.

    Sub-fields of several fields of one shape are named with `*` for "each of them".
    """
    spec = resolved(spec, schema)
    rows = [_row(names, spec, required)]
    inner = resolved(spec.get("items", spec), schema)
    name = names[0] if len(names) == 1 else _common(names)
    prefix = f"{name}[]." if "items" in spec else f"{name}."
    groups: dict[str, list[str]] = {}
    for sub, sub_spec in inner.get("properties", {}).items():
        groups.setdefault(sub_spec.get("$ref", sub), []).append(sub)
    for subs in groups.values():
        rows += _rows(
            tuple(prefix + sub for sub in subs),
            inner["properties"][subs[0]],
            all(sub in inner.get("required", ()) for sub in subs),
            schema,
        )
    return rows


def _common(names: tuple[str, ...]) -> str:
    """`timeline.*` for `timeline.definition`, `timeline.open-call`, …"""
    return names[0].rsplit(".", 1)[0] + ".*"


def _row(names: tuple[str, ...], spec: dict[str, Any], required: bool) -> FieldRow:
    """One row, with the kind of value the field takes."""
    if "enum" in spec:
        kind = "choice"
    elif spec.get("type") == "boolean":
        kind = "boolean"
    elif isinstance(spec.get("type"), list):
        kind = "key_or_group"  # a key of an entry file, or the entry written out (owner, theme)
    elif spec.get("type") == "object":
        kind = "group"
    elif spec.get("type") == "array":
        kind = "list"
    elif spec.get("type") == "integer":
        kind = "integer"
    elif spec.get("pattern", "").startswith("^[0-9]{4}-(0[1-9]"):
        kind = "month"
    elif spec.get("format") == "date":
        kind = "date"
    elif spec.get("pattern", "").startswith("^(https?"):
        kind = "url"
    elif spec.get("pattern", "").startswith("^https://"):
        kind = "https"
    else:
        kind = "text"
    # A language the schema gives no description in (a field just added) shows the English one.
    descriptions = {lang: spec["description"] for lang in LANGUAGES} | spec.get("x-description", {})
    return FieldRow(
        names=names,
        kind=kind,
        required=required,
        descriptions=descriptions,
        max_length=spec.get("maxLength") if kind == "text" else None,
        choices=tuple(spec.get("enum", ())),
        markdown=spec.get("x-markdown", False),
    )
