"""Small text helpers shared by the widgets."""

from __future__ import annotations

import html
import unicodedata


def fold(text: str) -> str:
    """Case- and accent-insensitive form for search: "Zoë" and "zoe" match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def esc(text: object) -> str:
    return html.escape(str(text))
