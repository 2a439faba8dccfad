"""Small widgets and set-ups shared by the pages."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView

ERROR_STYLE = "color: #b3261e; font-size: 9pt;"
MUTED_STYLE = "color: #5c6b7a; font-size: 9pt;"


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
    proxy: QSortFilterProxyModel,
    *,
    sort_column: int,
    multiple: bool = False,
) -> QTableView:
    """A sortable, row-selecting list table over a proxy model, as every page shows them."""
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
    return table
