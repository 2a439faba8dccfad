"""Windows that fit the screen they open on: a laptop at 1366×768, a screen scaled to 150 %
or 200 % (whose available area, in Qt's logical pixels, is then far smaller), a second
monitor that has gone away since the size was saved."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

# Of the screen's available area (without task bars), at most this much: a window that fills
# the screen edge to edge looks maximized without being so.
_SHARE = 0.94


def _screen_of(widget: QWidget) -> QScreen:
    screen = widget.screen()
    return screen if screen is not None else QGuiApplication.primaryScreen()


def fit_size(widget: QWidget, width: int, height: int) -> None:
    """Size ``widget`` to ``width`` × ``height``, or less where the screen's available area
    is smaller (never below the widget's minimum size). For dialogs: Qt centres them on
    their window when they are shown."""
    area = _screen_of(widget).availableGeometry()
    widget.resize(
        max(min(width, int(area.width() * _SHARE)), widget.minimumWidth()),
        max(min(height, int(area.height() * _SHARE)), widget.minimumHeight()),
    )


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """:func:`fit_size`, and centred on the screen (for a main window)."""
    fit_size(widget, width, height)
    area = _screen_of(widget).availableGeometry()
    frame = QRect(area.topLeft(), widget.size())
    frame.moveCenter(area.center())
    widget.move(frame.topLeft())


def restore_geometry(widget: QWidget, saved: object) -> bool:
    """Put ``widget`` back where it was saved, if that still lies inside a screen's
    available area (the screen may be smaller, scaled up or gone); False otherwise, and the
    widget is left as it was."""
    if not isinstance(saved, QByteArray):
        return False
    before = widget.saveGeometry()
    if not widget.restoreGeometry(saved):
        return False
    frame = widget.frameGeometry() if widget.isVisible() else widget.geometry()
    if any(screen.availableGeometry().contains(frame) for screen in QGuiApplication.screens()):
        return True
    widget.restoreGeometry(before)
    return False
