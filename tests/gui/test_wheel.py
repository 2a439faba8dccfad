"""Scrolling a long profile with the mouse wheel never edits it: the wheel over a choice
the counselor has not clicked into scrolls the form instead (a QA session changed
"Programming: Completed" to "Missing" that way)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from gradmatch.domain.profile import Subject
from gradmatch.ui.profile_form import ProfileForm


def _wheel(widget: QComboBox, notches: int) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre, QPointF(widget.mapToGlobal(QPoint(int(centre.x()), int(centre.y())))),
        QPoint(0, 0), QPoint(0, -120 * notches), Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(widget, event)


def test_the_wheel_over_an_answer_scrolls_the_form_and_changes_nothing(qtbot: QtBot) -> None:
    form = ProfileForm()
    qtbot.addWidget(form)
    form.resize(900, 400)
    form.show()
    combo = form.statuses[Subject.PROGRAMMING]
    before = combo.currentIndex()
    bar = form.scroll_area.verticalScrollBar()
    start = bar.value()
    _wheel(combo, 2)  # two notches down, the pointer resting on the box
    assert combo.currentIndex() == before
    assert not form.is_dirty()
    assert bar.value() > start  # the form scrolled instead


def test_a_choice_clicked_into_still_takes_the_wheel(qtbot: QtBot) -> None:
    form = ProfileForm()
    qtbot.addWidget(form)
    form.show()
    combo = form.statuses[Subject.PROGRAMMING]
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    before = combo.currentIndex()
    _wheel(combo, -1 if before else 1)  # towards an item that exists
    assert combo.currentIndex() != before
