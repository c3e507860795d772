"""Read one YAML file into plain data, with the position of every value.

PyYAML's own loader keeps the last of two duplicate keys, reads `no` as
`false` and dates as `date` objects, and expands aliases. This reader composes
the node tree instead and builds the data itself, so that each of those turns
into a precise problem (or is kept as the text the author wrote).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

MAX_FILE_BYTES = 100_000
MAX_DEPTH = 20

FieldPath = tuple[str | int, ...]

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
# libyaml's parser where PyYAML was built with it: the same nodes, ten times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


@dataclass
class Document:
    """The data of one file, and where each value was written."""

    path: str
    data: Any = None
    # Position (line, column), 1-based, of the key that introduces each value.
    positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    # The text the author wrote for each scalar, before YAML interpreted it.
    written: dict[FieldPath, str] = field(default_factory=dict)
    # The problems that kept the file from being read.
    problems: list[Problem] = field(default_factory=list)

    def position(self, path: FieldPath) -> tuple[int, int]:
        """Where the value at `path` (or its nearest written parent) is."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def problem(self, path: FieldPath, message: str) -> Problem:
        """A problem located at the value at `path`."""
        return Problem(self.path, *self.position(path), message)


def read_yaml(file: Path, display_path: str) -> Document:
    """Read `file`; the result holds data, or the problems that stopped it."""
    doc = Document(display_path)
    try:
        raw = file.read_bytes()
    except OSError as err:
        return _fail(doc, 1, 1, f"the file cannot be read ({err.strerror}); check that it exists.")
    if len(raw) > MAX_FILE_BYTES:
        return _fail(doc, 1, 1, f"the file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}. Shorten the texts.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        column = len(raw[raw.rfind(b"\n", 0, err.start) + 1 : err.start].decode("utf-8", "replace")) + 1
        return _fail(doc, line, column, "the file is not UTF-8 text; save it with the encoding UTF-8.")
    if not text.strip() or all(l.lstrip().startswith("#") or not l.strip() for l in text.splitlines()):
        return _fail(doc, 1, 1, "the file is empty; copy challenges/_template.yml and fill it in.")
    tabs = [m.start() for m in _TAB_INDENT.finditer(text)]
    if tabs:
        for start in tabs:
            line = text.count("\n", 0, start) + 1
            doc.problems.append(Problem(display_path, line, 1, "a tab is used for indentation; YAML needs spaces. Replace the tab with spaces."))
        return doc
    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1
        return _fail(doc, line, column, "the line holds an invisible control character; delete it and type the text again.")
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as err:
        return _fail(doc, *_syntax_error(err))
    except yaml.reader.ReaderError as err:
        line = text.count("\n", 0, err.position) + 1
        column = err.position - (text.rfind("\n", 0, err.position) + 1) + 1
        return _fail(doc, line, column, f"the character U+{err.character:04X} is not allowed in YAML; delete it and type the text again.")
    except yaml.YAMLError as err:
        return _fail(doc, 1, 1, "YAML error: " + " ".join(str(err).split()) + ".")
    if not isinstance(root, yaml.MappingNode):
        line = root.start_mark.line + 1 if root is not None else 1
        return _fail(doc, line, 1, "the file must consist of fields written as `name: value`; start from challenges/_template.yml.")
    doc.data = _build(root, (), doc, set(), 0)
    if doc.problems:
        doc.data = None
    return doc


def _syntax_error(err: yaml.MarkedYAMLError) -> tuple[int, int, str]:
    """Line, column and a plain-words message for a YAML syntax error."""
    if err.context == "while scanning a quoted scalar" and err.context_mark:
        mark = err.context_mark
        return mark.line + 1, mark.column + 1, "YAML syntax error: the quotation mark that starts here is never closed; add the closing quotation mark."
    mark = err.problem_mark or err.context_mark
    what = err.problem or "the YAML is malformed"
    return mark.line + 1, mark.column + 1, (
        f"YAML syntax error: {what}. Check the indentation, and put text that holds a colon "
        "followed by a space, or starts with a special character, in quotes."
    )


def _fail(doc: Document, line: int, column: int, message: str) -> Document:
    """Record one problem that stops reading the file."""
    doc.problems.append(Problem(doc.path, line, column, message))
    return doc


def _build(node: yaml.Node, path: FieldPath, doc: Document, seen: set[int], depth: int) -> Any:
    """Plain data for `node`, recording positions and problems in `doc`."""
    here = (node.start_mark.line + 1, node.start_mark.column + 1)
    doc.positions.setdefault(path, here)
    if id(node) in seen:
        doc.problems.append(Problem(doc.path, *doc.positions[path], "aliases (`*name`) are not allowed; write the value out in full."))
        return None
    seen.add(id(node))
    if depth > MAX_DEPTH:
        doc.problems.append(Problem(doc.path, *here, f"the fields are nested more than {MAX_DEPTH} levels deep; compare with challenges/_template.yml."))
        return None
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            at = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                doc.problems.append(Problem(doc.path, *at, "a field name must be plain text, such as `title`."))
                continue
            key = key_node.value
            if key in result:
                first = doc.positions[path + (key,)][0]
                doc.problems.append(Problem(doc.path, *at, f"`{key}` is written twice (first on line {first}); keep one and delete the other."))
                continue
            doc.positions[path + (key,)] = at
            result[key] = _build(value_node, path + (key,), doc, seen, depth + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), doc, seen, depth + 1) for i, item in enumerate(node.value)]
    if node.tag not in _SCALAR_TAGS:
        doc.problems.append(Problem(doc.path, *here, f"the tag `{node.tag}` is not allowed; write plain text."))
        return None
    doc.written[path] = node.value
    if node.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
        # Dates stay as written; the schema checks that they are real days.
        return node.value
    return yaml.SafeLoader("").construct_object(node)
