"""Roster import preview: every row, every error (row, column, why), then the user's choice."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gradmatch.domain.roster import Roster
from gradmatch.ui.palette import GOOD, PROBLEM, muted, readable, readable_colour
from gradmatch.ui.screens import fit_size
from gradmatch.ui.widgets import HeaderedListModel, run_modal, table_view

_Index = QModelIndex | QPersistentModelIndex
_HEADERS = ("Row", "Name", "Email", "Student ID", "Problems")


class RosterPreviewModel(HeaderedListModel):
    headers = _HEADERS

    def __init__(self, roster: Roster, parent: Any = None) -> None:
        super().__init__(list(roster.rows), parent)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row(index)
        if row is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (
                str(row.row),
                row.cells.get("full_name", ""),
                row.cells.get("email", ""),
                row.cells.get("student_id", ""),
                "; ".join(f"{e.column}: {e.message}" for e in row.errors) or "OK",
            )
            return values[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 4:
            return readable_colour(PROBLEM if row.errors else GOOD)
        return None


class RosterPreviewDialog(QDialog):
    """``choice`` is "all" (import the valid rows) or "none" after the dialog closes."""

    def __init__(self, roster: Roster, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import roster — {file_name}")
        fit_size(self, 980, 560)  # or less, on a small or scaled screen
        self.choice = "none"
        valid, invalid = len(roster.valid), len(roster.invalid)
        text = f"<b>{file_name}</b>: {len(roster.rows)} students, {valid} ready to import"
        if invalid:
            text += (
                f", <span style='color:{readable(PROBLEM)}'><b>{invalid} with errors</b></span>. "
                "Import the valid rows and leave the others out, or import nothing and fix "
                "the file first."
            )
        else:
            text += ". Students already in the caseload (same student ID, else same email) are "
            text += "updated, not added twice."
        if roster.unknown_columns:
            text += (
                f"<br><span style='color:{muted()}'>Columns not read: "
                f"{', '.join(roster.unknown_columns)}</span>"
            )
        summary = QLabel(text)
        summary.setWordWrap(True)
        self.model = RosterPreviewModel(roster, self)
        table = table_view("rosterPreview")
        table.setModel(self.model)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox()
        rows, students = ("row", "student") if valid == 1 else ("rows", "students")
        label = f"Import {valid} valid {rows}" if invalid else f"Import {valid} {students}"
        self.import_button = QPushButton(label)
        self.import_button.setObjectName("importValid")
        self.import_button.setEnabled(valid > 0)
        self.none_button = QPushButton("Import nothing" if invalid else "Cancel")
        self.none_button.setObjectName("importNone")
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.none_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.clicked.connect(self._import)
        self.none_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(table, 1)
        layout.addWidget(buttons)

    def _import(self) -> None:
        self.choice = "all"
        self.accept()


def ask_roster_import(roster: Roster, file_name: str, parent: QWidget | None) -> bool:
    """Show the preview; True when the user chose to import the valid rows."""
    dialog = RosterPreviewDialog(roster, file_name, parent)
    run_modal(dialog)
    return dialog.choice == "all"
