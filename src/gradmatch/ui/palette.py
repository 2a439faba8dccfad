"""The window's colours, named once, that follow the user's palette: text coloured for a
light theme stays readable in a dark or high-contrast one (the light theme's grey is too
dim on black). Colour is never the only signal: each colour here goes with words or a
sign (✔ ! ✘, "Over", "Conflict")."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

# The light theme's colours, each readable at 4.5:1 at least on white.
MUTED = "#5c6b7a"  # secondary text: counts, sources, hints, archived students
HEADING = "#34495e"  # a school under its program, sub-headings
PROBLEM = "#b3261e"  # over the budget, an error, a conflict, ✘
CAUTION = "#8a5300"  # a caution, an unverified figure, !
GOOD = "#1e6b3a"  # within reach, verified, ✔
ACCENT = "#1a5fb4"  # the counselor's own edits and choices, the walk-through
# Tinted backgrounds, under the theme's own text (see :func:`background`).
HIGHLIGHT = "#fff4cc"  # a value that differs between compared programs
NOTICE = "#fff4d6"  # the draft bar
NOTICE_BORDER = "#e0c068"
NOT_FOUND = "#fde7e9"  # a search that found nothing
CARD = "#ffffff"

_MINIMUM = 4.5  # WCAG AA for normal text


def _luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(one: QColor, other: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _worst(colour: QColor, palette: QPalette) -> float:
    """The contrast of ``colour`` on the darker or lighter of the window's backgrounds
    (labels sit on Window, lists and text panes on Base), whichever is less."""
    return min(
        contrast(colour, palette.color(QPalette.ColorRole.Window)),
        contrast(colour, palette.color(QPalette.ColorRole.Base)),
    )


def readable(colour: str) -> str:
    """``colour`` (a light theme's text colour) as a hex colour for style sheets and rich
    text: itself where it reads well on the user's backgrounds, else mixed towards the
    theme's own text colour until it does (keeping what it can of its hue)."""
    palette = QGuiApplication.palette()
    wanted = QColor(colour)
    if _worst(wanted, palette) >= _MINIMUM:
        return colour
    text = palette.color(QPalette.ColorRole.Text)
    for step in range(1, 11):
        mixed = _mix(wanted, text, step / 10)
        if _worst(mixed, palette) >= _MINIMUM:
            return str(mixed.name())
    return str(text.name())


def _mix(one: QColor, other: QColor, share: float) -> QColor:
    return QColor.fromRgbF(
        one.redF() + (other.redF() - one.redF()) * share,
        one.greenF() + (other.greenF() - one.greenF()) * share,
        one.blueF() + (other.blueF() - one.blueF()) * share,
    )


def background(colour: str) -> str:
    """A light theme's tinted background (``colour``) where the theme's text reads on it,
    else the theme's own base with a touch of the tint (a dark theme's text is light)."""
    palette = QGuiApplication.palette()
    text = palette.color(QPalette.ColorRole.Text)
    if contrast(text, QColor(colour)) >= _MINIMUM:
        return colour
    base = palette.color(QPalette.ColorRole.Base)
    for share in (0.3, 0.2, 0.1):
        tinted = _mix(base, QColor(colour), share)
        if contrast(text, tinted) >= _MINIMUM:
            return str(tinted.name())
    return str(base.name())


def readable_colour(colour: str) -> QColor:
    """:func:`readable` as a ``QColor`` (for a model's ForegroundRole)."""
    return QColor(readable(colour))


def muted() -> str:
    return readable(MUTED)


def muted_style(extra: str = "") -> str:
    """A style sheet for secondary text (``extra``: more declarations)."""
    return f"color: {muted()};{' ' + extra if extra else ''}"
