"""Text folding for search and sorting, shared by the store and the widgets."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Letters that carry no separate accent mark, so decomposition leaves them as they are.
_PLAIN = str.maketrans({"ø": "o", "đ": "d", "ł": "l", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"})


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Case-, accent- and dash-insensitive form for search: "Zoë" matches "zoe", "Ørsted"
    matches "orsted", and "Wisconsin-Madison" matches "Wisconsin–Madison"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold()).translate(_PLAIN)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(" " if unicodedata.category(ch) == "Pd" else ch for ch in kept)


# What some file system refuses in a name (Windows: < > : " / \ | ? *; every one: /), and
# names Windows keeps for devices whatever their extension (CON, NUL.txt...).
_REFUSED_IN_NAMES = frozenset('/\\:*?"<>|')
_DEVICE_NAMES = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"{kind}{n}" for kind in ("COM", "LPT") for n in range(10)]
)


def file_name_part(text: str, *, replacement: str = "_") -> str:
    """``text`` made fit to be (part of) a file name on every system, in NFC: every letter,
    combining mark, digit and joiner of every script is kept ("अनन्या शर्मा" stays as it
    is); only what a file system refuses is replaced by ``replacement`` (``/ \\ : * ? " < >
    |`` and control characters); line and paragraph separators become spaces, runs of
    spaces one space, and the dots and spaces Windows drops at either end go. A Windows
    device name ("CON", "nul") gets ``replacement`` after it. May be empty."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        category = unicodedata.category(char)
        if char in _REFUSED_IN_NAMES or (category == "Cc" and not char.isspace()):
            kept.append(replacement)
        elif char.isspace() or category in ("Zl", "Zp"):
            kept.append(" ")
        else:
            kept.append(char)
    cleaned = " ".join("".join(kept).split()).strip(" .")
    if cleaned.split(".")[0].upper() in _DEVICE_NAMES:
        cleaned += replacement
    return cleaned


def in_sentence(label: str) -> str:
    """A label ("Programming (Python plus another language)") as written inside a sentence:
    its first letter in lower case, every other letter as it is, so that a proper noun or an
    acronym later in it keeps its capitals ("programming (Python plus another language)").
    A first word that is itself an acronym or a name with capitals inside ("NLP", "GitHub")
    is kept whole. ``label.lower()`` would write "python"."""
    first = label.split(" ", 1)[0]
    if not first[:1].isupper() or any(char.isupper() for char in first[1:]):
        return label
    return first[0].lower() + label[1:]
