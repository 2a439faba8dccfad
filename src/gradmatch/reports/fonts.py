"""Fonts that render any name: DejaVu Sans, with Droid Sans Fallback for the glyphs DejaVu
lacks (Chinese, Japanese, Korean). reportlab has no per-glyph fallback, so text is marked
up run by run."""

from __future__ import annotations

from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from gradmatch import locations

REGULAR = "GM-Sans"
BOLD = "GM-Sans-Bold"
FALLBACK = "GM-Fallback"


@lru_cache(maxsize=1)
def register() -> frozenset[int]:
    """Register the bundled fonts once; returns the code points DejaVu Sans covers."""
    folder = locations.resources_dir() / "fonts"
    regular = TTFont(REGULAR, str(folder / "DejaVuSans.ttf"))
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont(FALLBACK, str(folder / "DroidSansFallbackFull.ttf")))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    return frozenset(regular.face.charToGlyph)


def runs(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into runs, each with whether it needs the fallback font."""
    covered = register()
    result: list[tuple[str, bool]] = []
    for char in text:
        fallback = ord(char) not in covered and not char.isspace()
        if result and result[-1][1] == fallback:
            result[-1] = (result[-1][0] + char, fallback)
        else:
            result.append((char, fallback))
    return result


def markup(text: str) -> str:
    """``text`` escaped for a Paragraph, with runs DejaVu cannot draw in the fallback font."""
    return "".join(
        f'<font name="{FALLBACK}">{escape(run)}</font>' if fallback else escape(run)
        for run, fallback in runs(text)
    )
