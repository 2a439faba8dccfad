"""A soak: thousands of ordinary interactions with the real window, watching the process.

One driver for the test suite (``tests/soak``), the longer run in ``bench/`` and the
installers' self-test. It sends real key and mouse events to the window's widgets, as a
counselor's keyboard and mouse would: arrows through the caseload, typing into search and
notes, combo boxes changed with the keyboard, tabs clicked, rows of matches selected, every
dialog (the meeting log's too) opened and cancelled with Escape. After each interaction it
checks the process:

- Python's ``None`` must not lose references. A binding that drops one on each void call
  (PySide6 6.12.0 on Python 3.11, where ``None`` is not immortal) aborts the process with
  ``Fatal Python error: none_dealloc`` once the count reaches zero; the soak stops long
  before that and says so.
- no Qt warning (recorded by a message handler that passes every message on);
- resident memory after the run, compared with the memory after a warm-up.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QMessageLogContext,
    QPointF,
    Qt,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractButton

    from gradmatch.ui.main_window import MainWindow

# How many references ``None`` may lose over a soak before it counts as a leak. Ordinary
# work moves the count by tens; the broken binding loses thousands in a minute.
NONE_MARGIN = 1_000
WARMUP_STEPS = 300
# Said by Qt's offscreen platform whenever a window is shown: not a fault.
_HARMLESS = ("This plugin does not support propagateSizeHints",)


@dataclass
class SoakReport:
    steps: int = 0
    seconds: float = 0.0
    none_refs_start: int = 0
    none_refs_lowest: int = 0
    rss_kib_warm: int = 0  # after the warm-up
    rss_kib_end: int = 0
    widgets_warm: int = 0  # widgets alive after the warm-up (a dialog never deleted adds some)
    widgets_end: int = 0
    dialogs: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    problem: str | None = None

    @property
    def none_refs_lost(self) -> int:
        return max(0, self.none_refs_start - self.none_refs_lowest)

    @property
    def rss_growth_kib(self) -> int:
        return self.rss_kib_end - self.rss_kib_warm

    def growth_kib_per_thousand(self) -> float:
        after_warmup = max(1, self.steps - WARMUP_STEPS)
        return self.rss_growth_kib * 1000 / after_warmup

    def summary(self) -> str:
        rate = self.steps / self.seconds if self.seconds else 0.0
        return (
            f"{self.steps} interactions in {self.seconds:.1f} s ({rate:.0f}/s); "
            f"None references {self.none_refs_start} -> lowest {self.none_refs_lowest} "
            f"(lost {self.none_refs_lost}); memory {self.rss_kib_warm / 1024:.1f} MiB after "
            f"warm-up -> {self.rss_kib_end / 1024:.1f} MiB "
            f"({self.growth_kib_per_thousand():+.0f} KiB per 1,000); "
            f"widgets {self.widgets_warm} -> {self.widgets_end}; "
            f"{sum(self.dialogs.values())} dialogs opened and cancelled; "
            f"{len(self.warnings)} Qt warnings"
            + (f"; PROBLEM: {self.problem}" if self.problem else "")
            + "\ndialogs: "
            + ", ".join(f"{name} ×{count}" for name, count in sorted(self.dialogs.items()))
        )


def resident_kib() -> int:
    """The process's resident memory now (Linux), or its peak elsewhere."""
    try:
        pages = int(Path("/proc/self/statm").read_text(encoding="ascii").split()[1])
        return pages * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except (OSError, ValueError, IndexError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak // 1024 if sys.platform == "darwin" else peak


class _Input:
    """Key presses and clicks delivered to widgets, then the event loop turned once."""

    def __init__(self, app: QApplication) -> None:
        self.app = app

    def key(
        self,
        widget: QWidget,
        key: Qt.Key,
        text: str = "",
        modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    ) -> None:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, modifiers, text))
        self.app.processEvents()

    def char(self, widget: QWidget, char: str) -> None:
        """One character typed: Return for a line break, Tab for a tab."""
        if char == "\n":
            self.key(widget, Qt.Key.Key_Return, "\r")
        elif char == "\t":
            self.key(widget, Qt.Key.Key_Tab, "\t")
        elif char.isascii() and char.isalnum():
            self.key(widget, Qt.Key(ord(char.upper())), char)
        else:
            self.key(widget, Qt.Key.Key_unknown, char)

    def text(self, widget: QWidget, text: str) -> None:
        for char in text:
            self.char(widget, char)

    def click(self, widget: QWidget, x: float | None = None, y: float | None = None) -> None:
        centre = widget.rect().center()
        point = QPointF(centre.x() if x is None else x, centre.y() if y is None else y)
        where = QPointF(widget.mapToGlobal(point.toPoint()))
        left = Qt.MouseButton.LeftButton
        none = Qt.KeyboardModifier.NoModifier
        press = QMouseEvent(QEvent.Type.MouseButtonPress, point, where, left, left, none)
        release = QMouseEvent(
            QEvent.Type.MouseButtonRelease, point, where, left, Qt.MouseButton.NoButton, none
        )
        QApplication.sendEvent(widget, press)
        QApplication.sendEvent(widget, release)
        self.app.processEvents()


class _Canceller:
    """While an action runs, presses Escape on each modal dialog it opens (as a user backing
    out would); the dialog's class name is recorded."""

    def __init__(self, app: QApplication, keys: _Input) -> None:
        self.app = app
        self.keys = keys
        self.seen: list[str] = []
        self._timer = QTimer()
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._look)

    def _look(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or not modal.isVisible():
            return
        self.seen.append(type(modal).__name__)
        self.keys.key(modal, Qt.Key.Key_Escape)
        if modal.isVisible():  # a dialog that ignores Escape is closed as its [x] would
            modal.close()

    def run(self, action: Callable[[], object]) -> list[str]:
        self.seen = []
        self._timer.start()
        try:
            action()
            self.app.processEvents()
        finally:
            self._timer.stop()
        return self.seen


class Soak:
    def __init__(self, window: MainWindow) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.app = app
        self.window = window
        self.input = _Input(app)
        self.canceller = _Canceller(app, self.input)
        self.report = SoakReport()
        self._previous: Any = None

    # ---- the interactions, one per yield

    def _tab(self, index: int) -> None:
        bar = self.window.tabs.tabBar()
        rect = bar.tabRect(index)
        self.input.click(bar, rect.center().x(), rect.center().y())

    def _dialog(self, name: str, action: Callable[[], object]) -> None:
        for seen in self.canceller.run(action) or [f"{name} (no dialog)"]:
            self.report.dialogs[seen] = self.report.dialogs.get(seen, 0) + 1

    def _button(self, button: QAbstractButton, name: str) -> None:
        self._dialog(name, lambda: self.input.click(button))

    def _type_and_erase(self, field: QWidget, text: str, name: str) -> Iterator[str]:
        """A search typed key by key, then erased with Backspace."""
        for char in text:
            self.input.char(field, char)
            yield name
        for _ in text:
            self.input.key(field, Qt.Key.Key_Backspace)
            yield name

    def _profile(self) -> Iterator[str]:
        editor = self.window.current_editor()
        if editor is None:
            return
        # The counselor notes; the student edition has none: the major, then.
        notes: QWidget = editor.form.notes or editor.form.major
        notes.setFocus()
        for char in "Soak: typed and reverted 42.":
            self.input.char(notes, char)
            yield "type in notes"
        status = next(iter(editor.form.statuses.values()))
        self.input.key(status, Qt.Key.Key_Down)
        yield "change a combo box"
        self.input.key(status, Qt.Key.Key_Up)
        yield "change a combo box"
        self.input.click(editor.revert_button)
        yield "revert"

    def _caseload(self) -> Iterator[str]:
        page = self.window.caseload_page
        if page is None:
            return
        self._tab(self.window.tabs.indexOf(page))
        yield "caseload tab"
        table = page.table
        table.setFocus()
        rows = max(1, min(page.model.rowCount(), 12))
        for key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            for _ in range(rows - 1 or 1):
                self.input.key(table, key)
                yield "arrow through the caseload"
        yield from self._type_and_erase(page.search, "an", "type in search")
        # Leaving a changed profile: the unsaved-changes question, cancelled.
        self.input.char(page.editor.form.notes or page.editor.form.major, "x")
        self._dialog("unsaved changes", lambda: self.input.key(table, Qt.Key.Key_Down))
        yield "leave a changed profile, cancel"
        self.input.click(page.editor.revert_button)
        yield "revert"

    def _matches(self) -> Iterator[str]:
        page = self.window.matches_page
        self._tab(self.window.tabs.indexOf(page))
        yield "matches tab"
        page.table.setFocus()
        for key in (Qt.Key.Key_Down,) * 4 + (Qt.Key.Key_Up,) * 4:
            self.input.key(page.table, key)
            yield "select matches"
        for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_Up):
            self.input.key(page.bucket_filter, key)
            yield "bucket filter"

    def _catalog(self) -> Iterator[str]:
        page = self.window.catalog_page
        self._tab(self.window.tabs.indexOf(page))
        yield "catalog tab"
        yield from self._type_and_erase(page.search, "ari", "type in catalog search")
        for combo in (page.mode_filter, page.gre_filter, page.artiba_filter):
            self.input.key(combo, Qt.Key.Key_Down)
            yield "catalog filter"
            self.input.key(combo, Qt.Key.Key_Up)
            yield "catalog filter"
        page.table.setFocus()
        for _ in range(3):
            self.input.key(page.table, Qt.Key.Key_Down)
            yield "select a program"

    def _dialogs(self) -> list[tuple[str, Callable[[], object]]]:
        w = self.window
        names = ("settings_action", "cost_defaults_action", "counselor_action", "quality_action",
                 "restore_action", "edit_action", "import_students_action",
                 "export_profile_action", "export_pdf_action")  # fmt: skip
        # The counselor's tools are not in the student edition.
        actions = [a for a in (getattr(w, name, None) for name in names) if a is not None]
        found: list[tuple[str, Callable[[], object]]] = [
            (a.text().replace("&", ""), a.trigger) for a in actions if a.isEnabled()
        ]
        found.append(("about", w.show_about))
        page = w.matches_page
        for button in (page.shortlist_button, page.override_button, page.compare_button):
            if button is not None:  # no override in the student edition
                found.append((button.text(), partial(self._show_matches_then, button)))
        if w.caseload_page is not None:
            found.append(("add a log entry", self._add_to_log))
        return found

    def _add_to_log(self) -> None:
        """The selected student's meeting log, "Add entry…", then back to the profile."""
        page = self.window.caseload_page
        assert page is not None
        self.window.tabs.setCurrentWidget(page)
        page.show_log()
        try:
            if page.log_panel.add_button.isEnabled():
                self.input.click(page.log_panel.add_button)
        finally:
            page.details.setCurrentWidget(page.editor)

    def _show_matches_then(self, button: QAbstractButton) -> None:
        page = self.window.matches_page
        self.window.tabs.setCurrentWidget(page)
        if button is page.compare_button and page.model.rowCount() >= 2:
            page.table.selectRow(0)
            page.table.selectionModel().select(
                page.model.index(1, 0),
                page.table.selectionModel().SelectionFlag.Select
                | page.table.selectionModel().SelectionFlag.Rows,
            )
        elif page.model.rowCount():
            page.table.selectRow(0)
        if button.isEnabled():
            self.input.click(button)

    def script(self) -> Iterator[str]:
        dialogs = self._dialogs()
        turn = 0
        while True:
            yield from self._caseload()
            yield from self._profile()
            yield from self._matches()
            yield from self._catalog()
            name, action = dialogs[turn % len(dialogs)]
            turn += 1
            self._dialog(name, action)
            yield f"dialog: {name}"

    # ---- the run

    def run(self, steps: int, *, on_step: Callable[[int, str], None] | None = None) -> SoakReport:
        report = self.report
        self._previous = qInstallMessageHandler(self._message)
        # Widgets an earlier test (or window) left to deferred deletion go now, not inside the
        # first modal dialog's event loop: freeing them releases thousands of references to
        # None at once, which would read as a binding that drops them.
        self._settle()
        report.none_refs_start = report.none_refs_lowest = sys.getrefcount(None)
        report.rss_kib_warm = resident_kib()
        started = time.perf_counter()
        try:
            for report.steps, name in enumerate(self.script(), start=1):
                refs = sys.getrefcount(None)
                report.none_refs_lowest = min(report.none_refs_lowest, refs)
                if report.none_refs_lost > NONE_MARGIN:
                    report.problem = (
                        f"None lost {report.none_refs_lost} references in {report.steps} "
                        f"interactions (at '{name}'): a C extension drops references; the "
                        "process would abort with 'none_dealloc' once none are left"
                    )
                    break
                if not self.window.isVisible():
                    report.problem = f"the window closed at '{name}'"
                    break
                if on_step is not None:
                    on_step(report.steps, name)
                if report.steps == WARMUP_STEPS:
                    self._settle()
                    report.rss_kib_warm = resident_kib()
                    report.widgets_warm = len(QApplication.allWidgets())
                if report.steps >= steps:
                    break
        finally:
            qInstallMessageHandler(self._previous)
            editor = self.window.current_editor()
            if editor is not None and editor.is_dirty():  # stopped mid-typing: leave it clean
                editor.revert()
        report.seconds = time.perf_counter() - started
        self._settle()
        report.rss_kib_end = resident_kib()
        report.widgets_end = len(QApplication.allWidgets())
        if report.warnings and report.problem is None:
            report.problem = f"Qt warned: {report.warnings[0]}"
        return report

    def _settle(self) -> None:
        """Deferred deletions done and garbage collected, so that what is left is kept."""
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.app.processEvents()
        gc.collect()

    def _message(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> Any:
        serious = kind not in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg)
        harmless = message.startswith(_HARMLESS)
        if serious and not harmless:
            self.report.warnings.append(message)
        if callable(self._previous):  # pytest-qt's capture, or Qt's own output
            self._previous(kind, context, message)
        elif serious and not harmless:
            sys.stderr.write(f"Qt: {message}\n")
