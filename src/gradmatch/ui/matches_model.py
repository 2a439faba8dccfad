"""Ranked matches as a Qt table model, with a bucket filter."""

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

from gradmatch.domain.matching import Bucket, Match
from gradmatch.domain.money import format_money

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
MATCH_ROLE = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex

BUCKET_COLOURS = {
    Bucket.READY: ("#1e6b3a", "#dff3e6"),
    Bucket.AFTER_BRIDGE: ("#1a5fb4", "#e1ecfa"),
    Bucket.STRETCH: ("#8a5300", "#fdf0d9"),
    Bucket.NOT_A_FIT: ("#6b6f75", "#ececec"),
}


class MatchColumn(IntEnum):
    RANK = 0
    BUCKET = 1
    SCORE = 2
    SCHOOL = 3
    PROGRAM = 4
    DELIVERY = 5
    TOTAL = 6
    BUDGET = 7
    READY_IN = 8
    SHORTLIST = 9


_HEADERS = {
    MatchColumn.RANK: "#",
    MatchColumn.BUCKET: "Bucket",
    MatchColumn.SCORE: "Score",
    MatchColumn.SCHOOL: "School",
    MatchColumn.PROGRAM: "Program",
    MatchColumn.DELIVERY: "Delivery",
    MatchColumn.TOTAL: "Est. total",
    MatchColumn.BUDGET: "Budget",
    MatchColumn.READY_IN: "Ready in",
    MatchColumn.SHORTLIST: "Shortlist",
}
_RIGHT = {MatchColumn.RANK, MatchColumn.SCORE, MatchColumn.TOTAL, MatchColumn.READY_IN}


def ready_in(match: Match) -> str:
    return f"{match.gap.plan.months} months" if match.gap.plan.steps else "now"


class MatchesModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._matches: list[Match] = []
        self._shortlist: list[str] = []

    def set_matches(self, matches: list[Match], shortlist: list[str]) -> None:
        self.beginResetModel()
        self._matches = list(matches)
        self._shortlist = list(shortlist)
        self.endResetModel()

    def matches(self) -> list[Match]:
        return list(self._matches)

    def row_of(self, program_id: str) -> int:
        for row, match in enumerate(self._matches):
            if match.program.id == program_id:
                return row
        return -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._matches)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(MatchColumn)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(MatchColumn):
            if role == Qt.ItemDataRole.DisplayRole:
                return _HEADERS[MatchColumn(section)]
            if role == Qt.ItemDataRole.ToolTipRole and section == MatchColumn.TOTAL:
                return "Estimated tuition (residency-aware) plus bridging, less scholarships"
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._matches):
            return None
        match = self._matches[index.row()]
        column = MatchColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(index.row(), match, column)
        if role == SORT_ROLE:
            return self._sort(index.row(), match, column)
        if role == MATCH_ROLE:
            return match
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if column in _RIGHT else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if column == MatchColumn.BUCKET:
            foreground, background = BUCKET_COLOURS[match.shown_bucket]
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(foreground)
            if role == Qt.ItemDataRole.BackgroundRole:
                return QColor(background)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ToolTipRole and match.override:
                return (
                    f"Set by the counselor: {match.override.reason}\n"
                    f"(computed: {match.bucket.label})"
                )
        over = match.within_budget is False
        if role == Qt.ItemDataRole.ForegroundRole and column == MatchColumn.BUDGET and over:
            return QColor("#b3261e")
        return None

    def _text(self, row: int, match: Match, column: MatchColumn) -> str:
        match column:
            case MatchColumn.RANK:
                return str(row + 1)
            case MatchColumn.BUCKET:
                return match.shown_bucket.label + (" ✎" if match.override else "")
            case MatchColumn.SCORE:
                return str(match.score)
            case MatchColumn.SCHOOL:
                return match.program.school
            case MatchColumn.PROGRAM:
                return match.program.program
            case MatchColumn.DELIVERY:
                return match.program.mode.value.capitalize()
            case MatchColumn.TOTAL:
                total = match.estimated_total
                return format_money(total) if total is not None else "unknown"
            case MatchColumn.BUDGET:
                return {True: "Within", False: "Over", None: "—"}[match.within_budget]
            case MatchColumn.READY_IN:
                return ready_in(match)
            case MatchColumn.SHORTLIST:
                if match.program.id in self._shortlist:
                    return f"★ {self._shortlist.index(match.program.id) + 1}"
                return ""
        return ""  # pragma: no cover

    def _sort(self, row: int, match: Match, column: MatchColumn) -> Any:
        match column:
            case MatchColumn.RANK | MatchColumn.BUCKET:
                return row
            case MatchColumn.SCORE:
                return match.score
            case MatchColumn.TOTAL:
                return float(match.estimated_total) if match.estimated_total is not None else 1e12
            case MatchColumn.READY_IN:
                return float(match.gap.plan.months)
            case MatchColumn.SHORTLIST:
                ids = self._shortlist
                return ids.index(match.program.id) if match.program.id in ids else 10**6
        return self._text(row, match, column).casefold()


class MatchesFilter(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._buckets: set[Bucket] | None = None

    def set_buckets(self, buckets: set[Bucket] | None) -> None:
        self.beginFilterChange()
        self._buckets = buckets
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(  # noqa: N802
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if self._buckets is None:
            return True
        model = self.sourceModel()
        match = model.data(model.index(source_row, 0, source_parent), MATCH_ROLE)
        return isinstance(match, Match) and match.shown_bucket in self._buckets
