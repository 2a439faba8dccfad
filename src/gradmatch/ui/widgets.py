"""Small widgets and set-ups shared by the pages."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Slot,
)
from PySide6.QtGui import QFocusEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QHeaderView,
    QScrollArea,
    QTableView,
    QWidget,
)

from gradmatch.errors import UserError
from gradmatch.ui.accessible import name_inputs
from gradmatch.ui.full_text_tips import FullTextTips
from gradmatch.ui.one_line import OneLineLabel
from gradmatch.ui.palette import PROBLEM, muted_style, readable

Index = QModelIndex | QPersistentModelIndex


def error_style() -> str:
    return f"color: {readable(PROBLEM)}; font-size: 9pt;"


def small_muted_style() -> str:
    return muted_style("font-size: 9pt;")


class WheelScrollsTheForm(QObject):
    """The mouse wheel over a choice the user has not clicked into scrolls the form it is
    in, instead of silently changing the answer (a counselor scrolling a long profile must
    never edit it by passing over a box). A focused choice still takes the wheel."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QComboBox | QAbstractSpinBox)
            and not watched.hasFocus()
        ):
            area = watched.parentWidget()
            while area is not None and not isinstance(area, QAbstractScrollArea):
                area = area.parentWidget()
            if area is not None and isinstance(event, QWheelEvent):
                bar = area.verticalScrollBar()
                steps = event.angleDelta().y() / 120
                bar.setValue(bar.value() - round(steps * 3 * bar.singleStep()))
            return True
        return False


def guard_wheel(owner: QWidget, root: QWidget) -> None:
    """Put every choice under ``root`` behind :class:`WheelScrollsTheForm` (kept by
    ``owner``); they take focus by click or Tab only, never by the wheel."""
    guard = WheelScrollsTheForm(owner)
    for widget in [*root.findChildren(QComboBox), *root.findChildren(QAbstractSpinBox)]:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        widget.installEventFilter(guard)


class FocusStaysInView(QObject):
    """Whatever puts the cursor in a field of a scrolled form (an underlined letter, Tab, a
    message's "the cursor is in the first", the program itself) scrolls that field into
    view first: typing never changes a field nobody can see."""

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)  # goes with the area, and its connection with it
        self._area = area
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)

    @Slot(QWidget, QWidget)
    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not shiboken6.isValid(self._area):  # the focus moving while the area goes
            return
        content = self._area.widget()
        if new is not None and content is not None and content.isAncestorOf(new):
            self._area.ensureWidgetVisible(new)


def keep_focus_in_view(area: QScrollArea) -> None:
    """See :class:`FocusStaysInView` (kept by ``area``)."""
    FocusStaysInView(area)


def run_modal(dialog: QDialog) -> int:
    """Show ``dialog`` modally and return its result; it is deleted once the caller has read
    its fields (at the next turn of the event loop). A dialog parented to the window and
    never deleted stays in memory for as long as the window lives: every modal dialog the
    app shows goes through here, and each input of it gets its accessible name here."""
    from gradmatch.ui.help import add_help_key

    name_inputs(dialog)
    add_help_key(dialog)  # F1: the guide, where this dialog is explained
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()


class Attempt:
    """How a window action guarded by :func:`showing_user_errors` went."""

    def __init__(self) -> None:
        self.failed = False  # a user error stopped it, and was shown


@contextmanager
def showing_user_errors(
    parent: QWidget | None, title: str, *, also: tuple[type[Exception], ...] = ()
) -> Iterator[Attempt]:
    """The body of a window action that writes (the database, or a file): a user error it
    raises (a full disk, a busy or read-only database, a file that cannot be used, a value
    refused) stops it and is shown in a message box titled ``title``, which says what did
    not happen; the unit of work it was in saved nothing. Any other exception is a bug and
    goes on to the crash dialog. ``also``: exceptions a service still raises as plain
    ``ValueError``s for what is really bad input (until it raises ``InputError``)::

        with showing_user_errors(self, "The student was not archived") as attempt:
            student_service.set_archived(db, student_id, True)
        if attempt.failed:
            return
    """
    from gradmatch.ui import dialogs  # it imports this module

    attempt = Attempt()
    caught: tuple[type[Exception], ...] = (UserError, *also)
    try:
        yield attempt
    except caught as error:
        attempt.failed = True
        dialogs.show_error(parent, title, str(error))


class FieldError(OneLineLabel):
    """The message line of a form row: always there, empty while the row is fine, so that a
    message appearing or going moves nothing (a click aimed below it lands where aimed). A
    message is one line in a muted red after a "⚠"; one too long for the row is cut with
    "…" and shown whole in the tooltip."""

    MARK = "⚠ "

    def __init__(self, key: str) -> None:
        super().__init__()
        self.setObjectName(f"error:{key}")
        self.setStyleSheet(error_style())

    def set_message(self, message: str | None) -> None:
        self.setText(message or "")

    def _elided(self) -> str:
        shown = f"{self.MARK}{self.text()}" if self.text() else ""
        return self.fontMetrics().elidedText(shown, Qt.TextElideMode.ElideRight, self.width())

    def _tooltip(self) -> None:
        cut = self._elided() != (f"{self.MARK}{self.text()}" if self.text() else "")
        self.setToolTip(self.text() if cut else "")

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, self.fontMetrics().height())


_NOT_LEAVING = (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason)
_BY_THE_USER = (
    Qt.FocusReason.MouseFocusReason,
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.ShortcutFocusReason,
)


def _value(widget: QObject) -> Any:
    """What an input holds, whatever its kind (its Qt user property: a line's text, a
    choice's current text, a box's state)."""
    user = widget.metaObject().userProperty()
    return user.read(widget) if user.isValid() else None


class FormMessages(QObject):
    """When a form says what is wrong: a field's message once the field is left (or on
    Save), never while it is typed in or the moment a box is ticked; gone as soon as the
    field is valid again. Each row has one :class:`FieldError` line, which the keys of its
    inputs share (a GPA and its scale, a loan's three figures)."""

    def __init__(self, owner: QWidget, refresh: Callable[[], object]) -> None:
        super().__init__(owner)
        self.lines: dict[str, FieldError] = {}  # by key, in the order of the form
        self._keys_of: dict[QObject, tuple[str, ...]] = {}
        self._revealed: set[str] = set()
        self._entered: dict[QObject, tuple[bool, Any]] = {}
        self._refresh = refresh

    def line(self, *keys: str) -> FieldError:
        """A new message line for a row whose inputs report under ``keys``."""
        line = FieldError(keys[0])
        for key in keys:
            self.lines.setdefault(key, line)
        return line

    def watch(self, keys: tuple[str, ...], *widgets: QWidget) -> None:
        """Leaving any input in ``widgets`` (or under them) shows the messages of ``keys``."""
        for widget in widgets:
            for each in (widget, *widget.findChildren(QWidget)):
                if each.focusPolicy() != Qt.FocusPolicy.NoFocus and each not in self._keys_of:
                    self._keys_of[each] = keys
                    each.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not isinstance(event, QFocusEvent) or watched not in self._keys_of:
            return False
        if event.type() == QEvent.Type.FocusIn:
            # Who put the cursor here, and what the field held then (a window coming back
            # to the front returns the cursor where it was: the first entry stands).
            entered = (event.reason() in _BY_THE_USER, _value(watched))
            if event.reason() in _NOT_LEAVING:
                self._entered.setdefault(watched, entered)
            else:
                self._entered[watched] = entered
        elif (
            event.type() == QEvent.Type.FocusOut
            # A choice's list opening or another window coming up is not leaving the field.
            and event.reason() not in _NOT_LEAVING
        ):
            by_user, value = self._entered.pop(watched, (True, None))
            # A field the program put the cursor in (the walk-through, say) and that was
            # left as it was has not been answered wrongly: nothing to say about it yet.
            if by_user or _value(watched) != value:
                self._revealed.update(self._keys_of[watched])
                self._refresh()
        return False

    def first_shown(self) -> QWidget | None:
        """The first input down the form whose row shows a message (for the cursor)."""
        for widget, keys in self._keys_of.items():
            if (
                isinstance(widget, QWidget)
                and widget.isEnabled()
                and widget.isVisibleTo(widget.window())
                and any(self.lines[key].text() for key in keys if key in self.lines)
            ):
                return widget
        return None

    def forget(self) -> None:
        """Nothing said yet (another record shown, a blank form)."""
        self._revealed.clear()

    def show(self, errors: Mapping[str, str | None], *, everything: bool = False) -> dict[str, str]:
        """Put ``errors`` (by key) on their lines, those of the fields left so far (all of
        them when ``everything``: Save); returns the messages of keys that have no line."""
        found = {key: message for key, message in errors.items() if message}
        if everything:
            self._revealed.update(found)
        self._revealed.intersection_update(found)  # valid again: its message goes at once
        said: dict[FieldError, list[str]] = {line: [] for line in self.lines.values()}
        general: dict[str, str] = {}
        for key, message in found.items():
            if key not in self._revealed:
                continue
            line = self.lines.get(key)
            if line is None:
                general[key] = message
            elif message not in said[line]:  # one row, one message once
                said[line].append(message)
        for line, messages in said.items():
            line.set_message(" · ".join(messages) or None)
        return general


# Fusion marks the focus of a line edit, a button or a choice, but not of a frame around a
# list, a table or a text pane: this border does, in the colour Fusion's own focus uses.
_FOCUS_FRAME = "{kind}:focus {{ border: 1px solid palette(highlight); }}"


class _FocusFrame(QObject):
    """Gives a widget its focus frame's style sheet while it has the focus only: a table
    with a style sheet paints through Qt's style-sheet style, slower (0.6 ms more for a
    re-ranked matches page), and an unfocused table needs no frame."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if isinstance(watched, QWidget) and kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            frame = watched.property("focusFrame")
            if isinstance(frame, str):
                watched.setStyleSheet(frame if kind == QEvent.Type.FocusIn else "")
        return False


@cache
def _focus_frames() -> _FocusFrame:
    """One filter for every widget, owned by the application (gone with it at exit)."""
    return _FocusFrame(QCoreApplication.instance())


def show_focus(*widgets: QAbstractScrollArea) -> None:
    """Make the keyboard focus visible on framed lists, tables and text panes."""
    for widget in widgets:
        kind = type(widget).__name__
        if not kind.startswith("Q"):  # a class of ours: the Qt class it is
            kind = next(c.__name__ for c in type(widget).__mro__ if c.__name__.startswith("Q"))
        widget.setProperty("focusFrame", _FOCUS_FRAME.format(kind=kind))
        widget.installEventFilter(_focus_frames())
        if widget.hasFocus():
            widget.setStyleSheet(_FOCUS_FRAME.format(kind=kind))


def table_view(name: str) -> QTableView:
    """A table as every one of the app behaves: Tab moves on to the next control in one
    press, as out of any other input, while the arrows walk its cells (Tab walking the
    cells scrolled a student's name out of view); a cell cut short shows its whole text in
    its tooltip."""
    table = QTableView()
    table.setObjectName(name)
    table.setTabKeyNavigation(False)
    table.setItemDelegate(FullTextTips(table))
    show_focus(table)
    return table


def list_table(
    name: str,
    proxy: QAbstractItemModel,
    *,
    sort_column: int,
    multiple: bool = False,
) -> QTableView:
    """A sortable, row-selecting list table (over a proxy model, or a model that sorts
    itself), as every page shows them."""
    table = table_view(name)
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multiple
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(26)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    # Fitting columns to their contents measures the first rows only, not all 10,000.
    header.setResizeContentsPrecision(200)
    return table


class HeaderedListModel(QAbstractTableModel):
    """A read-only table over a list of rows with fixed column titles; subclasses give
    ``data``."""

    headers: tuple[str, ...] = ()

    def __init__(self, rows: list[Any], parent: Any = None) -> None:
        super().__init__(parent)
        self._rows = rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def row(self, index: Index) -> Any:
        """The row behind ``index``, or None for an index outside the table."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]


def select_source_row(
    table: QTableView, proxy: QSortFilterProxyModel, model: QAbstractItemModel, row: int
) -> bool:
    """Select and show the source ``row`` of ``model`` in ``table`` (through its proxy);
    False when the row does not exist or the filter hides it."""
    if row < 0:
        return False
    index = proxy.mapFromSource(model.index(row, 0))
    if not index.isValid():
        return False
    table.selectRow(index.row())
    table.scrollTo(index)
    return True
