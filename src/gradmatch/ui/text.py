"""Small text helpers shared by the widgets."""

from __future__ import annotations

import html
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Case-, accent- and dash-insensitive form for search: "Zoë" matches "zoe", and
    "Wisconsin-Madison" matches "Wisconsin–Madison"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(" " if unicodedata.category(ch) == "Pd" else ch for ch in kept)


def esc(text: object) -> str:
    return html.escape(str(text))
