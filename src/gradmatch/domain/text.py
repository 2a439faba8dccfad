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
