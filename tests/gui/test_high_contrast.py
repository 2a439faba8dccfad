"""A dark, high-contrast palette: every coloured text the window draws on its own
backgrounds still reads (WCAG AA, 4.5:1), and colour is never the only signal."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gradmatch.ui import palette
from tests.gui.windows import matches_window

_HIGH_CONTRAST = {
    QPalette.ColorRole.Window: "#000000",
    QPalette.ColorRole.WindowText: "#ffffff",
    QPalette.ColorRole.Base: "#000000",
    QPalette.ColorRole.AlternateBase: "#1a1a1a",
    QPalette.ColorRole.Text: "#ffffff",
    QPalette.ColorRole.Button: "#000000",
    QPalette.ColorRole.ButtonText: "#ffffff",
    QPalette.ColorRole.Highlight: "#1aebff",
    QPalette.ColorRole.HighlightedText: "#000000",
    QPalette.ColorRole.Link: "#ffff00",  # links follow the palette, as a theme sets them
}


@pytest.fixture
def high_contrast(qapp: QApplication) -> Iterator[QPalette]:
    before = qapp.palette()
    dark = QPalette()
    for role, colour in _HIGH_CONTRAST.items():
        dark.setColor(role, QColor(colour))
    qapp.setPalette(dark)
    yield dark
    qapp.setPalette(before)


def _colours_on_the_background(html: str) -> list[str]:
    """The text colours of ``html`` but those drawn on a background of their own."""
    found = []
    for style in re.findall(r"style=\"([^\"]*)\"", html):
        if "background" not in style:
            found += re.findall(r"(?<!-)color:(#[0-9a-fA-F]{6})", style)
    return found


@pytest.mark.parametrize("name", ["MUTED", "HEADING", "PROBLEM", "CAUTION", "GOOD", "ACCENT"])
def test_each_named_colour_reads_in_the_light_and_the_dark_palette(
    qapp: QApplication, high_contrast: QPalette, name: str
) -> None:
    black = QColor("#000000")
    assert palette.contrast(QColor(palette.readable(getattr(palette, name))), black) >= 4.5
    qapp.setPalette(QPalette(QColor("#efefef")))  # a light theme keeps the colour itself
    assert palette.readable(getattr(palette, name)) == getattr(palette, name)


def test_the_matches_read_in_a_high_contrast_palette(
    qtbot: QtBot, qapp: QApplication, demo_db: Path, high_contrast: QPalette
) -> None:
    window = matches_window(qtbot, qapp, demo_db, "DEMO-001")
    page = window.matches_page
    page.table.selectRow(0)
    qapp.processEvents()
    black = QColor("#000000")
    html = page.detail.toHtml()
    colours = _colours_on_the_background(html)
    assert colours  # the pane's reasons, sources and notes are coloured…
    for colour in colours:  # …and each reads on black
        assert palette.contrast(QColor(colour), black) >= 4.5, colour
    summary = re.search(r"color: (#[0-9a-f]{6})", page.summary.styleSheet())
    assert summary is not None and palette.contrast(QColor(summary[1]), black) >= 4.5
    # colour is never the only signal: each reason starts with its sign
    assert re.search(r">[✔!✘]<", html)
