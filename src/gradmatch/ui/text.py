"""Small text helpers shared by the widgets."""

from __future__ import annotations

import html

from gradmatch.domain.text import fold

__all__ = ["esc", "fold"]


def esc(text: object) -> str:
    return html.escape(str(text))
