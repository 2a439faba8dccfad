"""The caseload as a Qt table model, and its search/archive filter."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from gradmatch.domain.caseload import StudentSummary
from gradmatch.domain.money import format_money
from gradmatch.domain.us_states import state_name
from gradmatch.ui.text import fold

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
STUDENT_ROLE = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex


class StudentColumn(IntEnum):
    NAME = 0
    READINESS = 1
    BUDGET = 2
    RESIDENCE = 3
    STUDENT_ID = 4
    EMAIL = 5
    UPDATED = 6


_HEADERS = {
    StudentColumn.NAME: "Name",
    StudentColumn.EMAIL: "Email",
    StudentColumn.STUDENT_ID: "Student ID",
    StudentColumn.RESIDENCE: "Residence",
    StudentColumn.READINESS: "Prerequisites",
    StudentColumn.BUDGET: "Budget",
    StudentColumn.UPDATED: "Updated",
}
_RIGHT = {StudentColumn.READINESS, StudentColumn.BUDGET}


class CaseloadModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._students: list[StudentSummary] = []
        self._sort_keys: dict[int, list[Any]] = {}

    def set_students(self, students: list[StudentSummary]) -> None:
        self.beginResetModel()
        self._students = list(students)
        self._sort_keys = {}
        self.endResetModel()

    def sort_keys(self, column: int) -> list[Any]:
        """Every row's sort key for ``column``, computed once per reset: sorting 10,000
        rows compares cached keys instead of asking ``data`` 150,000 times."""
        keys = self._sort_keys.get(column)
        if keys is None:
            keys = self._sort_keys[column] = [
                _sort_key(student, StudentColumn(column)) for student in self._students
            ]
        return keys

    def row_of(self, student_id: int) -> int:
        for row, student in enumerate(self._students):
            if student.id == student_id:
                return row
        return -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._students)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(StudentColumn)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(StudentColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[StudentColumn(section)]
        if role == Qt.ItemDataRole.ToolTipRole and section == StudentColumn.READINESS:
            return "Prerequisite subjects completed, of the ten the source article lists"
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._students):
            return None
        student = self._students[index.row()]
        column = StudentColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(student, column)
        if role == SORT_ROLE:
            return _sort_key(student, column)
        if role == STUDENT_ROLE:
            return student
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if column in _RIGHT else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if student.archived and role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#7a8794")
        if student.archived and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and student.archived:
            return "Archived: restore it with Student ▸ Restore from archive"
        return None


def _text(student: StudentSummary, column: StudentColumn) -> str:
    match column:
        case StudentColumn.NAME:
            return student.full_name + ("  (archived)" if student.archived else "")
        case StudentColumn.EMAIL:
            return student.email
        case StudentColumn.STUDENT_ID:
            return student.student_id or ""
        case StudentColumn.RESIDENCE:
            if student.country == "US":
                return state_name(student.state) if student.state else "United States"
            return student.country
        case StudentColumn.READINESS:
            return student.readiness
        case StudentColumn.BUDGET:
            return format_money(student.max_total_cost)
        case StudentColumn.UPDATED:
            return student.updated_at.astimezone().strftime("%Y-%m-%d")
    return ""  # pragma: no cover


def _sort_key(student: StudentSummary, column: StudentColumn) -> Any:
    if column == StudentColumn.READINESS:
        return student.completed
    if column == StudentColumn.BUDGET:
        return float(student.max_total_cost) if student.max_total_cost is not None else -1.0
    if column == StudentColumn.UPDATED:
        return student.updated_at.timestamp()
    return fold(_text(student, column))


class CaseloadFilter(QSortFilterProxyModel):
    """Search as you type over name, email and student ID; archived students on request."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self._words: list[str] = []
        self._show_archived = False

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_show_archived(self, show: bool) -> None:
        self.beginFilterChange()
        self._show_archived = show
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def lessThan(  # noqa: N802
        self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        if isinstance(model, CaseloadModel):
            keys = model.sort_keys(left.column())
            return bool(keys[left.row()] < keys[right.row()])
        return super().lessThan(left, right)

    def filterAcceptsRow(  # noqa: N802
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        student = model.data(model.index(source_row, 0, source_parent), STUDENT_ROLE)
        if not isinstance(student, StudentSummary):
            return False
        if student.archived and not self._show_archived:
            return False
        if not self._words:
            return True
        haystack = fold(f"{student.full_name} {student.email} {student.student_id or ''}")
        return all(word in haystack for word in self._words)
