"""The caseload as a lazy Qt table model over the database."""

from __future__ import annotations

from dataclasses import replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from gradmatch.domain.caseload import CaseloadCounts, CaseloadQuery, CaseloadSort, StudentSummary
from gradmatch.domain.costs import TO_STUDENT_LABEL
from gradmatch.domain.money import format_money
from gradmatch.domain.profile import Subject
from gradmatch.domain.us_states import state_name
from gradmatch.services import students as student_service
from gradmatch.services.database import Database
from gradmatch.ui.palette import MUTED, readable_colour
from gradmatch.ui.text import country_name, fold

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
_HEADER_TIPS = {
    StudentColumn.NAME: "The student's full name.",
    StudentColumn.EMAIL: "The student's email address.",
    StudentColumn.STUDENT_ID: "Your school's ID for the student, if you use one.",
    StudentColumn.RESIDENCE: (
        "The state of a US resident, else the country: the state decides in-state tuition."
    ),
    StudentColumn.READINESS: (
        f"Prerequisite subjects completed, of the {len(Subject)} the source article lists"
    ),
    StudentColumn.BUDGET: (
        f"The student's maximum total cost: the Matches page compares each program's "
        f"{TO_STUDENT_LABEL.lower()} with it"
    ),
    StudentColumn.UPDATED: "The day the profile was last saved.",
}


class CaseloadModel(QAbstractTableModel):
    """The caseload, searched and sorted by the database, fetched as it scrolls into view.

    A refresh asks only for the ordered ids of the students shown (a list of integers, cheap
    for 10,000 students); each row's summary is fetched with its page of ``PAGE`` rows the
    first time the view asks for it. Searching, archiving and sorting are queries, so no
    proxy model has to look at every student.
    """

    PAGE = 100

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._db: Database | None = None
        self._query = CaseloadQuery()
        self._ids: list[int] = []
        self._positions: dict[int, int] | None = None
        self._loaded: dict[int, StudentSummary] = {}
        self.counts = CaseloadCounts(total=0, archived=0)
        self.rows_fetched = 0  # summaries fetched since the last refresh

    # ---- what is shown

    def set_database(self, db: Database | None) -> None:
        self._db = db
        self.refresh()

    def set_text(self, text: str) -> None:
        self._set_query(replace(self._query, words=tuple(fold(text).split())))

    def set_show_archived(self, show: bool) -> None:
        self._set_query(replace(self._query, include_archived=show))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(StudentColumn):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        sort = CaseloadSort[StudentColumn(column).name]  # the same names in both
        self._set_query(replace(self._query, sort=sort, descending=descending))

    def _set_query(self, query: CaseloadQuery) -> None:
        if query != self._query:
            self._query = query
            self.refresh(counts=False)

    def refresh(self, *, counts: bool = True) -> None:
        """Ask the database again: after a write (``counts``: the totals may have changed
        too), or for another search, filter or order."""
        self.beginResetModel()
        if self._db is None:
            self._ids, self.counts = [], CaseloadCounts(total=0, archived=0)
        else:
            self._ids = student_service.caseload_ids(self._db, self._query)
            if counts:
                self.counts = student_service.caseload_counts(self._db)
        self._positions = None
        self._loaded = {}
        self.rows_fetched = 0
        self.endResetModel()

    # ---- rows

    def student(self, row: int) -> StudentSummary | None:
        if not 0 <= row < len(self._ids):
            return None
        student_id = self._ids[row]
        summary = self._loaded.get(student_id)
        if summary is None and self._db is not None:
            first = row - row % self.PAGE
            page = [i for i in self._ids[first : first + self.PAGE] if i not in self._loaded]
            for fetched in student_service.caseload_rows(self._db, page):
                self._loaded[fetched.id] = fetched
            self.rows_fetched += len(page)
            summary = self._loaded.get(student_id)
        return summary

    def row_of(self, student_id: int) -> int:
        if self._positions is None:
            self._positions = {sid: row for row, sid in enumerate(self._ids)}
        return self._positions.get(student_id, -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(StudentColumn)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(StudentColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[StudentColumn(section)]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _HEADER_TIPS[StudentColumn(section)]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in _ROLES:
            return None
        student = self.student(index.row())
        if student is None:
            return None
        column = StudentColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(student, column)
        if role == STUDENT_ROLE:
            return student
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if column in _RIGHT else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == StudentColumn.READINESS:
            return f"{student.completed} of {len(Subject)} prerequisite subjects completed"
        if not student.archived:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return readable_colour(MUTED)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return "Archived: take it out of the archive with Student ▸ Archive / restore"
        return None


_ROLES = {
    Qt.ItemDataRole.DisplayRole,
    STUDENT_ROLE,
    Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.ToolTipRole,
}


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
            return country_name(student.country)
        case StudentColumn.READINESS:
            return student.readiness
        case StudentColumn.BUDGET:
            return format_money(student.max_total_cost)
        case StudentColumn.UPDATED:
            return student.updated_at.astimezone().strftime("%Y-%m-%d")
    return ""  # pragma: no cover
