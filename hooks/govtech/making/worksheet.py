"""The workshop worksheet: every field of a challenge file on paper, with room to write by hand.

Made from the challenge form's fields (`challenge_form.challenge_form`, which reads
`schema/challenge.schema.json`): the same labels, help texts and length limits, in
the same order. So a field added to the schema appears on the sheet by itself.

A sheet in one language holds the language-neutral fields and the texts in its
own language: the file's other languages have the same fields (the sheet says
so). Python prepares the fields; `templates/worksheet_sheet.md.j2` decides the
markup, for the workshop kit's page and for the printed challenge form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from govtech import LANGUAGES
from govtech.making.challenge_form import OWNER_FIELD, ChallengeForm, Field, Group, LeftOut, challenge_form
from govtech.model import Catalogue

# Characters a handwritten line on A4 holds, roughly; and the most lines a field gets on paper
# (a longer text goes on a separate sheet, as the sheet says).
CHARACTERS_PER_LINE = 70
MOST_LINES = 10
# Lines for a field without a length limit, and for a list the form leaves to the file.
UNLIMITED_LINES = 3
LIST_LINES = 4


@dataclass(frozen=True)
class Space:
    """One field on paper and the ruled lines left for it (none for a choice or a day)."""

    field: Field | LeftOut
    lines: int
    other: bool = False  # a choice of authority, which may also be one not yet in challenges/_owners.yml

    @property
    def long(self) -> bool:
        """Whether the text may need more room than the sheet gives it."""
        return isinstance(self.field, Field) and (self.field.max_length or 0) > self.lines * CHARACTERS_PER_LINE


@dataclass(frozen=True)
class Part:
    """A group of fields on paper: the top-level fields together, or one of the form's groups (with its sub-groups)."""

    name: str
    title: str
    help: str
    items: tuple[Space | Part, ...]


@dataclass(frozen=True)
class Worksheet:
    """The sheet in one language."""

    lang: str
    parts: tuple[Part, ...]


def worksheet(schema: dict[str, Any], catalogue: Catalogue, lang: str, strings: dict[str, Any]) -> Worksheet:
    """The worksheet for challenge files described by `schema`, in `lang` (`strings`: that language's interface texts)."""
    form = challenge_form(schema, catalogue, lang, strings)
    return Worksheet(lang, _parts(form, strings))


def _parts(form: ChallengeForm, strings: dict[str, Any]) -> tuple[Part, ...]:
    """The top-level fields as the first part, then each group as a part of its own, in the form's order."""
    loose = tuple(_space(i) for i in form.groups if not isinstance(i, Group))
    groups = tuple(_part(i, form.lang) for i in form.groups if isinstance(i, Group) and _kept(i.name, form.lang))
    first = Part("", strings["worksheet"]["general"], "", loose)
    return (first, *groups) if loose else groups


def _part(group: Group, lang: str) -> Part:
    items = tuple(_part(i, lang) if isinstance(i, Group) else _space(i) for i in group.items if _kept(i.name, lang))
    return Part(group.name, group.legend, group.help, items)


def _kept(name: str, lang: str) -> bool:
    """Whether the field or group `name` belongs on the sheet in `lang`: not the texts of another language."""
    last = name.rsplit(".", 1)[-1]
    return last not in LANGUAGES or last == lang


def _space(item: Field | LeftOut) -> Space:
    if isinstance(item, LeftOut):
        return Space(item, LIST_LINES)
    if item.control == "select" or item.writes == "date":
        return Space(item, 0, other=item.name == OWNER_FIELD)
    if not item.max_length:
        return Space(item, UNLIMITED_LINES)
    return Space(item, min(MOST_LINES, max(1, -(-item.max_length // CHARACTERS_PER_LINE))))
