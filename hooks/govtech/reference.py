"""The field reference of a challenge file, read from its JSON Schema."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import LANGUAGES


@dataclass(frozen=True)
class FieldRow:
    """One field of the schema, as the reference page lists it."""

    name: str
    kind: str  # text, date, url, group, list or choice
    required: bool
    descriptions: dict[str, str]
    max_length: int | None = None
    choices: tuple[str, ...] = ()
    markdown: bool = False


def field_rows(schema: dict[str, Any]) -> tuple[list[FieldRow], list[FieldRow]]:
    """The rows for the language-neutral fields, and those of each language block."""
    texts = schema["$defs"]["texts"]
    neutral = [
        row for name, spec in schema["properties"].items() if name not in LANGUAGES
        for row in _rows(name, spec, name in schema.get("required", ()))
    ]
    per_language = [row for name, spec in texts["properties"].items() for row in _rows(name, spec, name in texts["required"])]
    return neutral, per_language


def _rows(name: str, spec: dict[str, Any], required: bool) -> list[FieldRow]:
    """The row for `name`, then the rows of its sub-fields."""
    rows = [_row(name, spec, required)]
    inner = spec.get("items", spec)
    for sub, sub_spec in inner.get("properties", {}).items():
        prefix = f"{name}[]." if "items" in spec else f"{name}."
        rows += _rows(prefix + sub, sub_spec, sub in inner.get("required", ()))
    return rows


def _row(name: str, spec: dict[str, Any], required: bool) -> FieldRow:
    """One row, with the kind of value the field takes."""
    if "enum" in spec:
        kind = "choice"
    elif spec.get("type") == "object":
        kind = "group"
    elif spec.get("type") == "array":
        kind = "list"
    elif spec.get("format") == "date":
        kind = "date"
    elif spec.get("pattern", "").startswith("^(https?"):
        kind = "url"
    else:
        kind = "text"
    descriptions = {"en": spec["description"], **spec.get("x-description", {})}
    return FieldRow(
        name=name,
        kind=kind,
        required=required,
        descriptions=descriptions,
        max_length=spec.get("maxLength") if kind == "text" else None,
        choices=tuple(spec.get("enum", ())),
        markdown=spec.get("x-markdown", False),
    )
