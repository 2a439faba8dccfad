"""Small text helpers shared by the widgets."""

from __future__ import annotations

import html

from PySide6.QtCore import QLocale

from gradmatch.domain.text import fold

__all__ = ["country_name", "esc", "fold"]


def country_name(code: str) -> str:
    """A two-letter country code in words, as Qt's locale data names it ("CN" -> "China");
    the code itself where Qt knows no such country."""
    territory = QLocale.codeToTerritory(code)
    if territory == QLocale.Country.AnyTerritory:
        return code
    return QLocale.territoryToString(territory)


def esc(text: object) -> str:
    return html.escape(str(text))
