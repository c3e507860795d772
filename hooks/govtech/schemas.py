"""The JSON Schemas in a project's `schema/`: the one definition of each file an editor writes and of the published data.

Always those of the project being checked or built (`ProjectSettings.schema_dir`, from the folder the command
or the build runs in), never those beside this code: a copy of the project with a changed schema is checked
and described by its own. Read again when a file changes (`mkdocs serve`); everything made from a schema is
keyed on its file and modification time.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any


def schema(name: str, schema_dir: Path) -> dict[str, Any]:
    """The JSON Schema `<schema_dir>/<name>.schema.json`, read again when it changes."""
    return schema_at(*schema_version(name, schema_dir))


def schema_version(name: str, schema_dir: Path) -> tuple[Path, int]:
    """The schema file `name` and its modification time: the key of everything made from it."""
    file = schema_dir / f"{name}.schema.json"
    return file, file.stat().st_mtime_ns


@lru_cache(maxsize=8)
def schema_at(file: Path, mtime_ns: int) -> dict[str, Any]:
    """The schema in `file` as it was at `mtime_ns`."""
    return json.loads(file.read_text(encoding="utf-8"))


def resolved(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """`spec` with a local `$ref` (`#/$defs/name`) replaced by what it refers to, its own keys kept."""
    if "$ref" not in spec:
        return spec
    target: Any = schema
    # Only the fragment counts: the validator's compiler may have made the reference absolute ("challenge.schema.json#/...").
    for part in spec["$ref"].partition("#")[2].strip("/").split("/"):
        target = target[part]
    return {**target, **{k: v for k, v in spec.items() if k != "$ref"}}
