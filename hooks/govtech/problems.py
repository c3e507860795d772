"""A problem found in an input file, reported as `path:line:column: message`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, with where it is and how to fix it."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


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
