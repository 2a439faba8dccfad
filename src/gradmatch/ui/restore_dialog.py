"""Choosing a backup to restore: date, why it was taken, size, how many students."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from gradmatch.services.backups import REASONS, BackupInfo
from gradmatch.ui.screens import fit_size
from gradmatch.ui.widgets import HeaderedListModel, Index, run_modal, table_view


class BackupsModel(HeaderedListModel):
    headers = ("Taken", "Why", "Size", "Students")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        backup = self.row(index)
        if backup is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        assert isinstance(backup, BackupInfo)
        return (
            f"{backup.taken_at:%Y-%m-%d %H:%M}",
            REASONS.get(backup.reason, backup.reason),
            f"{backup.size / 1024:,.0f} KB",
            "unreadable" if backup.students is None else str(backup.students),
        )[index.column()]


class RestoreDialog(QDialog):
    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from a backup")
        fit_size(self, 640, 420)  # or less, on a small or scaled screen
        self.backups = backups
        intro = QLabel(
            "Choose the backup to restore. The database as it is now is backed up first, so "
            "a restore can itself be undone from this list."
        )
        intro.setWordWrap(True)
        self.model = BackupsModel(list(backups), self)
        self.table = table_view("backupsTable")
        self.table.setAccessibleName("Backups")
        self.table.setAccessibleDescription("This database's backups, newest first")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        if backups:
            self.table.selectRow(0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Restore")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def chosen(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None


def choose_backup(backups: list[BackupInfo], parent: QWidget | None) -> BackupInfo | None:
    dialog = RestoreDialog(backups, parent)
    if run_modal(dialog) != QDialog.DialogCode.Accepted:
        return None
    return dialog.chosen()
