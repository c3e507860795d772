"""A problem found in an input file, reported as `path:line:column: message`."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Characters a terminal or a log would act on or hide instead of showing: C0 and C1 controls (line breaks among
# them), Unicode's line and paragraph separators, and the marks that reorder text (bidirectional controls).
_UNSEEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """`text` as one line of a report that GitHub Actions, which reads every line of a step's output, cannot take for a workflow command.

    Every control character shows as its escape (a line break as `\\n`), so the text stays on its line;
    a line that would start with `::` (a workflow command) has its first colon written `\\x3a`, and `##[`
    (the older command form, read anywhere in a line) is written `#\\x23[`. Other text is left as it is.
    """
    shown = _UNSEEN.sub(lambda m: _NAMED.get(m.group(0)) or (f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100 else f"\\u{ord(m.group(0)):04x}"), text)
    shown = shown.replace("##[", "#\\x23[")
    start = len(shown) - len(shown.lstrip())
    return shown[:start] + "\\x3a" + shown[start + 1 :] if shown.startswith("::", start) else shown


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, with where it is and how to fix it."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return one_line(f"{self.path}:{self.line}:{self.column}: {self.message}")


class InvalidInput(Exception):
    """Raised with every problem found, when any input file is wrong."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        """All problems, one per line, then a count."""
        lines = [str(p) for p in self.problems]
        files = len({p.path for p in self.problems})
        count = len(self.problems)
        lines.append(f"{count} problem{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}. Fix the lines above and try again.")
        return "\n".join(lines)
