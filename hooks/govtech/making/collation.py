"""Sort keys that follow each language's alphabet, independent of the system locale.

Readers expect a list in their own alphabet: in Danish æ, ø and å come after
z (and "aa" is an old spelling of å); in German ä sorts with a, ö with o, ü
with u and ß as ss; in English accents do not change the order. The keys
follow the Unicode Collation Algorithm as browsers apply it through
`Intl.Collator` (CLDR's root order, and its Danish tailoring), so that the
list the build writes and the one assets/catalogue.js sorts agree: texts are
compared by their letters first, then by their accents, then by case.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Danish: the letters after z, in order, each with its other spellings (a
# difference of accent only); capitals before small letters.
_DANISH_AFTER_Z = ("æä", "øöő", "å")
_DANISH_SAME_AS = {"ü": "y", "ű": "y"}
# CLDR's root order (German, English): letters written as two, or as a plain letter with a stroke.
_EXPANSIONS = {"æ": "ae", "œ": "oe", "ß": "ss", "ĳ": "ij"}
_STROKES = {"ø": "o", "đ": "d", "ł": "l", "ħ": "h", "ŧ": "t"}
# Accents in the order of their secondary weights in CLDR's root collation.
_ACCENTS = "\u0301\u0300\u0306\u0302\u030c\u030a\u0308\u030b\u0303\u0307\u0328\u0327\u0304"
_STROKE = len(_ACCENTS) + 1
_LIGATURE = _STROKE + 1
# Spaces and punctuation come before digits, in CLDR's root order; other symbols after these.
_PUNCTUATION = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$"
_AFTER_Z = ord("z")


@lru_cache(maxsize=8192)  # the catalogue and the challenge form sort the same titles
def sort_key(text: str, lang: str) -> tuple:
    """A key that orders `text` as a reader of `lang` expects; only equal texts get equal keys."""
    danish = lang == "da"
    primary: list[tuple[int, int]] = []
    secondary: list[tuple[int, ...]] = []
    tertiary: list[tuple[int, int]] = []

    def add(letters: str, accents: tuple[int, ...], case: tuple[int, int]) -> None:
        for letter in letters:
            primary.append(_weight(letter))
            secondary.append(accents)
            tertiary.append(case)

    text_nfc = unicodedata.normalize("NFC", text)
    i = 0
    while i < len(text_nfc):
        char = text_nfc[i]
        lower = char.lower()
        capital = char != lower
        # Danish lists capitals first, the root order small letters first.
        case = ((0 if capital else 1) if danish else int(capital), 0)
        following = unicodedata.normalize("NFD", text_nfc[i + 1 : i + 2])
        pair = char + following[:1]
        i += 1
        if danish and pair in ("aa", "Aa", "AA"):
            # CLDR's Danish order: "aa" is å, told apart from it only by case
            # (and by the accent of the second a, as in "aå").
            primary.append((3, _AFTER_Z + 3))
            secondary.append(_accents(following[1:]))
            tertiary.append({"AA": (0, 1), "Aa": (0, 2), "aa": (1, 1)}[pair])
            i += 1
        elif danish and (rank := next((n for n, group in enumerate(_DANISH_AFTER_Z, 1) if lower in group), 0)):
            primary.append((3, _AFTER_Z + rank))
            variant = _DANISH_AFTER_Z[rank - 1].index(lower)
            secondary.append((variant,) if variant else ())
            tertiary.append(case)
        elif danish and lower in _DANISH_SAME_AS:
            add(_DANISH_SAME_AS[lower], _accents(unicodedata.normalize("NFD", lower)[1:]), case)
        elif lower in _EXPANSIONS:
            expansion = _EXPANSIONS[lower]
            add(expansion[0], (_LIGATURE,), (case[0], 1))
            add(expansion[1:], (), (case[0], 1))
        elif lower in _STROKES:
            add(_STROKES[lower], (_STROKE,), case)
        else:
            decomposed = unicodedata.normalize("NFD", lower)  # the letter, then its combining marks
            add(decomposed[0].casefold(), _accents(decomposed[1:]), case)
    return (tuple(primary), tuple(secondary), tuple(tertiary), text)


def _weight(char: str) -> tuple[int, int]:
    """The primary weight of one plain, small character: spaces and punctuation, then digits, then letters."""
    if char.isalpha():
        return (3, ord(char))
    if char.isdigit():
        return (2, unicodedata.digit(char, ord(char)))
    return (1, _PUNCTUATION.index(char) if char in _PUNCTUATION else len(_PUNCTUATION) + ord(char))


def _accents(marks: str) -> tuple[int, ...]:
    """The secondary weights of combining marks: the common accents in CLDR's order, others after them."""
    return tuple(_ACCENTS.index(m) + 1 if m in _ACCENTS else _STROKE + ord(m) for m in marks)
