"""Read one YAML file into plain data, with the position of every value.

PyYAML's own loader keeps the last of two duplicate keys, reads `no` as
`false` and dates as `date` objects, and expands aliases. This reader composes
the node tree instead and builds the data itself, so that each of those turns
into a precise problem (or is kept as the text the author wrote).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from govtech.problems import Problem

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
# In a value, after YAML has read escapes such as "\a" in a quoted text: a carriage return is invisible too.
_VALUE_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
# Typographic quotation marks that open a quote in Danish, German or English (»…«, „…“, “…”, ‚…‘, ‘…’, «…», ›…‹).
_OPENING_QUOTES = "“”„‟»«‚‘’›‹"
_CLOSING_QUOTES = "“”»«‘’‹›"
# `name: |` (or `>`): the first line of a text of several lines.
_BLOCK_TEXT = re.compile(r"^( *(?:- +)*)([^\s#'\"-][^:#\n]*?|\"[^\"\n]*\"|'[^'\n]*')[ \t]*:[ \t]+[|>][-+]?[ \t]*(?:#.*)?$", re.MULTILINE)
# A line YAML can read after a text: a field, a list entry, a comment, a document marker.
_YAML_LINE = re.compile(r"^ *(?:#|- |-$|---|\.\.\.|[^\s:#][^\n]*?:(?:[ \t]|$))")
# `Bemærk: …`, `Note that: …`: a name no field has (fields are lowercase words joined by `_` or `-`).
_PROSE_NAME = re.compile(r"^ *(?:- +)*(?![a-z0-9_-]+:(?:[ \t]|$))[^\s:#][^:\n]*:(?:[ \t]|$)")


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
    # The file's text, and the YAML node of each scalar: where its value starts and ends, and how it is written.
    source: str = ""
    spans: dict[FieldPath, yaml.ScalarNode] = field(default_factory=dict)
    _lines: list[str] | None = field(default=None, repr=False)

    @property
    def lines(self) -> list[str]:
        """The file's lines."""
        if self._lines is None:
            self._lines = self.source.split("\n")
        return self._lines

    def pasted_text(self, line: int) -> str | None:
        """When `line` (1-based) looks like a line of the text above it that lost its indentation: what to do (for it and the lines after it that did too)."""
        found = self.pasted_lines(line)
        return found[0][2] if found else None

    def pasted_lines(self, line: int) -> list[tuple[int, int, str]]:
        """When `line` (1-based) starts the lines of a text that lost their indentation (pasted from another program): (line, column, what to do).

        Every such line up to the next field is named at once: those indented too little, and those indented
        with no-break spaces, which YAML does not count as indentation.
        """
        ended = _texts_ended(self.source).get(line)
        if ended is None or line > len(self.lines) or not _prose(self.lines[line - 1]):
            return []
        header, name, indent, first = ended
        short: list[int] = []
        nbsp: list[int] = []
        for number in range(line, len(self.lines) + 1):
            text = self.lines[number - 1]
            if not text.strip() or len(text) - len(text.lstrip(" ")) >= indent:
                continue
            if number > line and not _prose(text):
                break
            (nbsp if "\u00a0" in text[: len(text) - len(text.lstrip(" \u00a0"))] else short).append(number)
        found = []
        if short:
            these, them = ("this line", "it") if len(short) == 1 else (f"this line and line{'s' if len(short) > 2 else ''} {_numbers(short[1:])}", "them")
            each = "it" if len(short) == 1 else "each"
            if first:
                where = f"not indented under `{name}: |` on line {header}, so YAML does not read {them} as that text"
                how = f"indent {each} with {indent} spaces, more than `{name}:`."
            else:
                where = f"not indented like the text of `{name}: |` on line {header}, so YAML does not read {them} as part of that text"
                how = f"indent {each} with {indent} spaces, like the lines above {them}."
            verb = "is" if len(short) == 1 else "are"
            found.append((short[0], 1, f"{these} {verb} {where}; if {'they' if len(short) > 1 else 'it'} belong{'s' if len(short) == 1 else ''} there, {how}"))
        if nbsp:
            lines = f"line{'s' if len(nbsp) > 1 else ''} {_numbers(nbsp)}"
            found.append(
                (
                    nbsp[0],
                    1,
                    f"{lines} {'is' if len(nbsp) == 1 else 'are'} indented with no-break spaces (as text pasted from a word processor often is), "
                    f"which YAML does not count as indentation; retype the spaces at the start of {lines}.",
                )
            )
        return sorted(found)

    def position(self, path: FieldPath) -> tuple[int, int]:
        """Where the value at `path` (or its nearest written parent) is."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def problem(self, path: FieldPath, message: str, where: re.Pattern[str] | None = None) -> Problem:
        """A problem located at the value at `path`, or where `where` first matches inside that value."""
        return Problem(self.path, *(self.locate(path, where) if where else self.position(path)), message)

    def locate(self, path: FieldPath, pattern: re.Pattern[str]) -> tuple[int, int]:
        """Line and column where `pattern` first matches in the text of the value at `path`; else the field's own position.

        Each line is searched as the text holds it, without the indentation YAML takes off.
        """
        if path not in self.spans:
            return self.position(path)
        node = self.spans[path]
        first, column, end, block = node.start_mark.line, node.start_mark.column, node.end_mark.line, node.style in ("|", ">")
        if block:
            body = [i for i in range(first + 1, min(end, len(self.lines))) if self.lines[i].strip()]
            indent = min((len(self.lines[i]) - len(self.lines[i].lstrip(" ")) for i in body), default=0)
            starts = [(i, indent) for i in body]
        else:
            starts = [(first, column)] + [(i, len(self.lines[i]) - len(self.lines[i].lstrip(" "))) for i in range(first + 1, min(end + 1, len(self.lines)))]
        for index, offset in starts:
            match = pattern.search(self.lines[index][offset:])
            if match:
                return index + 1, offset + match.start() + 1
        return self.position(path)


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
    if not text.strip() or all(line.lstrip().startswith("#") or not line.strip() for line in text.splitlines()):
        return _fail(doc, 1, 1, "the file is empty; copy challenges/_template.yml and fill it in.")
    doc.source = text
    tabs = sorted({text.count("\n", 0, m.start()) + 1 for m in _TAB_INDENT.finditer(text)}) if "\t" in text else []
    if tabs:
        more = f" (also on line{'s' if len(tabs) > 2 else ''} {', '.join(map(str, tabs[1:]))})" if len(tabs) > 1 else ""
        return _fail(doc, tabs[0], 1, f"a tab is used for indentation{more}; YAML needs spaces. Replace the tab with spaces.")
    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1
        return _fail(doc, line, column, "the line holds an invisible control character; delete it and type the text again.")
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as err:
        for line, column, message in _syntax_errors(err, doc):
            _fail(doc, line, column, message)
        return doc
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


def _prose(line: str) -> bool:
    """Whether `line` reads as text rather than as YAML: not a field, a list entry or a comment (unless its "field" is prose, such as `Bemærk: …`)."""
    return not _YAML_LINE.match(line.replace("\u00a0", " ")) or bool(_PROSE_NAME.match(line.replace("\u00a0", " ")))


def _numbers(numbers: list[int]) -> str:
    """`17`, `17 and 19`, `17, 19 and 21`."""
    written = [str(n) for n in numbers]
    return written[0] if len(written) == 1 else f"{', '.join(written[:-1])} and {written[-1]}"


def _syntax_errors(err: yaml.MarkedYAMLError, doc: Document) -> list[tuple[int, int, str]]:
    """The problems a YAML syntax error stands for, in plain words, at the lines where the mistakes were made."""
    marks = [m for m in (err.context_mark, err.problem_mark) if m is not None]
    last = max(m.line for m in marks) + 1 if marks else 1
    for line in sorted(_texts_ended(doc.source)):
        if line <= last and (found := doc.pasted_lines(line)):
            return found
    for mark in marks:
        text = doc.lines[mark.line] if mark.line < len(doc.lines) else ""
        if "\u00a0" in text[: len(text) - len(text.lstrip(" \u00a0"))]:
            return [
                (
                    mark.line + 1,
                    1,
                    f"line {mark.line + 1} is indented with no-break spaces (as text pasted from a word processor often is), "
                    f"which YAML does not count as indentation; retype the spaces at the start of line {mark.line + 1}.",
                )
            ]
    quoted_typographically = any(_typographic_quote(doc.lines[m.line] if m.line < len(doc.lines) else "") is not None for m in marks)
    if err.problem and err.problem.startswith("mapping values are not allowed") and err.problem_mark and not quoted_typographically:
        quoted = _quoted_line(doc.lines[err.problem_mark.line] if err.problem_mark.line < len(doc.lines) else "")
        if quoted:
            line, column, copy = quoted
            return [
                (
                    err.problem_mark.line + 1,
                    column,
                    "this text holds a colon followed by a space, which YAML reads as the start of another field; put the whole text in quotes. "
                    f"Copy this line in its place: `{copy}`",
                )
            ]
    return [_syntax_error(err, doc)]


# `name: text: more`: a field whose text holds a colon and a space.
_COLON_IN_TEXT = re.compile(r"^( *(?:- +)*)([^\s:#'\"][^:#]*?):[ \t]+([^'\"\s|>&*!%@`\[{][^#]*?:[ \t][^#]*?)[ \t]*$")


def _quoted_line(line: str) -> tuple[int, int, str] | None:
    """For a line whose text holds `: `: its line, the column its text starts at, and the line with the text in quotes."""
    match = _COLON_IN_TEXT.match(line)
    if not match:
        return None
    indent, name, value = match.groups()
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return 0, match.start(3) + 1, f'{indent}{name}: "{escaped}"'


def _syntax_error(err: yaml.MarkedYAMLError, doc: Document) -> tuple[int, int, str]:
    """Line, column and a plain-words message for a YAML syntax error, at the line where the mistake was made."""
    marks = [m for m in (err.context_mark, err.problem_mark) if m is not None]
    for mark in marks:
        quote = _typographic_quote(doc.lines[mark.line] if mark.line < len(doc.lines) else "")
        if quote is not None:
            return mark.line + 1, quote + 1, _quote_message(doc.lines[mark.line][quote])
    if err.context == "while scanning a simple key" and err.context_mark:
        mark = err.context_mark
        return (
            mark.line + 1,
            mark.column + 1,
            (
                "YAML cannot read this line: it is not a field (`name: value`) and not indented under one. "
                "If it continues the text above it, indent it like that text; a text of several lines starts with `|` after the field name."
            ),
        )
    if err.context == "while scanning a quoted scalar" and err.context_mark:
        mark = err.context_mark
        return mark.line + 1, mark.column + 1, "YAML syntax error: the quotation mark that starts here is never closed; add the closing quotation mark."
    mark = err.problem_mark or err.context_mark
    what = err.problem or "the YAML is malformed"
    return (
        mark.line + 1,
        mark.column + 1,
        (
            f"YAML syntax error: {what}. Check the indentation, and put text that holds a colon "
            "followed by a space, or starts with a special character, in quotes."
        ),
    )


def _typographic_quote(line: str) -> int | None:
    """The column (0-based) of a typographic quotation mark that starts the value on `line`, if one does."""
    match = re.match(r"^ *(?:- +)*(?:[^\s#:][^:#]*?:[ \t]+)?(?:- +)?", line)
    at = match.end() if match else 0
    return at if line[at : at + 1] and line[at] in _OPENING_QUOTES else None


def _quote_message(mark: str) -> str:
    """What to write instead of a text wrapped in typographic quotation marks."""
    return (
        f"the text starts with the typographic quotation mark {mark}, which YAML does not read as a quote; "
        'put the text in straight quotes instead: "…" (typographic marks inside them stay part of the text).'
    )


@lru_cache(maxsize=64)
def _texts_ended(source: str) -> dict[int, tuple[int, str, int, bool]]:
    """For each text written as `name: |` (or `>`): the first line indented less than the text, after its last line.

    {that line (1-based): (the line of `name: |`, `name`, the indentation of the text's lines, whether it is the text's first line)}
    """
    ended = {}
    lines = source.split("\n")
    for header in _BLOCK_TEXT.finditer(source):
        first = source.count("\n", 0, header.start())
        key_indent = len(header.group(1))
        indent = None
        for number in range(first + 1, len(lines)):
            line = lines[number]
            if not line.strip():
                continue
            here = len(line) - len(line.lstrip(" "))
            opening = indent is None
            if indent is None:
                indent = here if here > key_indent else key_indent + 2
            if here < indent:
                if not line.lstrip(" ").startswith("#"):
                    ended[number + 1] = (first + 1, header.group(2).strip("'\""), indent, opening)
                break
    return ended


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
    doc.spans[path] = node
    if node.tag == "tag:yaml.org,2002:str":
        # Only a double-quoted text can hold escapes ("\a"); the file's own characters are checked above.
        control = _VALUE_CONTROL.search(node.value) if node.style == '"' else None
        if control:
            doc.problems.append(
                Problem(
                    doc.path,
                    *here,
                    (
                        f"the text holds the invisible control character U+{ord(control.group(0)):04X}, "
                        "written as an escape with `\\` in quotes; delete the escape."
                    ),
                )
            )
            return None
        if not node.style and node.value[:1] in _OPENING_QUOTES and len(node.value) > 1:
            line = doc.lines[node.end_mark.line] if node.end_mark.line < len(doc.lines) else ""
            if node.value[-1] in _CLOSING_QUOTES or line[node.end_mark.column :].lstrip().startswith("#"):
                doc.problems.append(Problem(doc.path, *here, _quote_message(node.value[0])))
                return None
    if node.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
        # Dates stay as written; the schema checks that they are real days.
        return node.value
    return yaml.SafeLoader("").construct_object(node)
