"""Small widgets and set-ups shared by the pages."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QTableView,
    QWidget,
)

from gradmatch.errors import UserError
from gradmatch.ui.accessible import name_inputs
from gradmatch.ui.full_text_tips import FullTextTips

Index = QModelIndex | QPersistentModelIndex

ERROR_STYLE = "color: #b3261e; font-size: 9pt;"
MUTED_STYLE = "color: #5c6b7a; font-size: 9pt;"


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


class FieldError(QLabel):
    """The message shown beside a form field; hidden while the field is fine."""

    def __init__(self, key: str) -> None:
        super().__init__("")
        self.setObjectName(f"error:{key}")
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.hide()

    def set_message(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


def list_table(
    name: str,
    proxy: QAbstractItemModel,
    *,
    sort_column: int,
    multiple: bool = False,
) -> QTableView:
    """A sortable, row-selecting list table (over a proxy model, or a model that sorts
    itself), as every page shows them."""
    table = QTableView()
    table.setObjectName(name)
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
    table.setItemDelegate(FullTextTips(table))
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
