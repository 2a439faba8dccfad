"""Ranked matches as a Qt table model that filters by bucket and sorts itself."""

from __future__ import annotations

from decimal import Decimal
from enum import IntEnum
from functools import cache
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from gradmatch.domain.costs import TO_STUDENT_LABEL, TO_STUDENT_MEANING, TOTAL_LABEL, TOTAL_MEANING
from gradmatch.domain.gap import Gap
from gradmatch.domain.matching import (
    OVERRIDDEN,
    SCORE_EXPLAINED,
    Bucket,
    Criterion,
    Match,
    bucket_text,
)
from gradmatch.domain.money import format_estimate
from gradmatch.services.matching import StudentMatches
from gradmatch.ui.palette import PROBLEM, readable_colour

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
    TO_STUDENT = 7
    BUDGET = 8
    READY_IN = 9
    SHORTLIST = 10


_HEADERS = {
    MatchColumn.RANK: "#",
    MatchColumn.BUCKET: "Bucket",
    MatchColumn.SCORE: "Score",
    MatchColumn.SCHOOL: "School",
    MatchColumn.PROGRAM: "Program",
    MatchColumn.DELIVERY: "Delivery",
    MatchColumn.TOTAL: TOTAL_LABEL,
    MatchColumn.TO_STUDENT: TO_STUDENT_LABEL,
    MatchColumn.BUDGET: "Budget",
    MatchColumn.READY_IN: "Ready in",
    MatchColumn.SHORTLIST: "Shortlist",
}
_RIGHT = {
    MatchColumn.RANK, MatchColumn.SCORE, MatchColumn.TOTAL, MatchColumn.TO_STUDENT,
    MatchColumn.READY_IN,
}  # fmt: skip
HEADER_TIPS = {
    MatchColumn.RANK: "The program's place in this student's ranking: bucket first, then score.",
    MatchColumn.BUCKET: "\n".join(
        f"{bucket.label} ({bucket.score_range}): {bucket.meaning}" for bucket in Bucket
    )
    + f"\n{OVERRIDDEN}: a bucket set by the counselor.",
    MatchColumn.SCORE: SCORE_EXPLAINED,
    MatchColumn.SCHOOL: "The school that offers the program.",
    MatchColumn.PROGRAM: "The program's title, as the catalog lists it.",
    MatchColumn.DELIVERY: "Campus or online: a program taught both ways has a row for each.",
    MatchColumn.TOTAL: f"{TOTAL_LABEL}: {TOTAL_MEANING}",
    MatchColumn.TO_STUDENT: f"{TO_STUDENT_LABEL}: {TO_STUDENT_MEANING}",
    MatchColumn.BUDGET: (
        f"Within or Over: the {TO_STUDENT_LABEL.lower()} against the student's maximum total "
        "cost; — when either is unknown."
    ),
    MatchColumn.READY_IN: (
        "How long the bridge plan takes until every required subject is done; “now” when "
        "nothing is missing."
    ),
    MatchColumn.SHORTLIST: "★ and the program's place on the shortlist, in the PDF's order.",
}


_COLUMNS = list(MatchColumn)
_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_FONT = Qt.ItemDataRole.FontRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_TIP = Qt.ItemDataRole.ToolTipRole
# The roles a row's cells are kept for, in the order _cells_of returns them.
_SLOTS: dict[int, int] = {
    int(role): slot for slot, role in enumerate((_DISPLAY, _ALIGN, _FONT, _FOREGROUND, _BACKGROUND))
}
_ALIGNMENTS = tuple(
    int(
        (Qt.AlignmentFlag.AlignRight if column in _RIGHT else Qt.AlignmentFlag.AlignLeft)
        | Qt.AlignmentFlag.AlignVCenter
    )
    for column in MatchColumn
)
_BUCKET_BRUSHES = {
    bucket: (QColor(foreground), QColor(background))
    for bucket, (foreground, background) in BUCKET_COLOURS.items()
}


@cache
def _bold() -> QFont:
    """Made on first use: a QFont needs the application to exist."""
    font = QFont()
    font.setBold(True)
    return font


@cache
def _styles(bucket: Bucket, over: bool) -> tuple[tuple[Any, ...], ...]:
    """Per column, the font, the foreground and the background of a row in ``bucket``
    (``over``: its cost is over the budget), made once for each of the eight kinds of row
    and shared by every row of that kind."""
    foreground, background = _BUCKET_BRUSHES[bucket]
    column_of_bucket = MatchColumn.BUCKET
    fonts = tuple(_bold() if column == column_of_bucket else None for column in _COLUMNS)
    foregrounds = tuple(
        foreground if column == column_of_bucket
        else readable_colour(PROBLEM) if column == MatchColumn.BUDGET and over else None
        for column in _COLUMNS
    )  # fmt: skip
    backgrounds = tuple(background if column == column_of_bucket else None for column in _COLUMNS)
    return fonts, foregrounds, backgrounds


def _dollars(cents: int | None) -> str:
    return format_estimate(None if cents is None else Decimal(cents) / 100)


def ready_in(match: Match | Gap) -> str:
    gap = match.gap if isinstance(match, Match) else match
    return f"{gap.plan.months} months" if gap.plan.steps else "now"


class MatchesModel(QAbstractTableModel):
    """One student's ranked programs, from the ranking: bucket, score and cost come from
    the ranking (and "Ready in" from its gap); the reasons are built only for the rows that
    are looked at. Filtering by bucket and sorting happen here, on the ranking's
    own lists, so no proxy asks every one of 10,000 rows for its data."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._result: StudentMatches | None = None
        self._rows: list[int] = []  # indexes into the ranking, in the order shown
        self._cells: dict[int, tuple[tuple[Any, ...], ...]] = {}  # per row shown, once read
        self._shortlist: list[str] = []
        self._buckets: set[Bucket] | None = None
        self._sort = (int(MatchColumn.RANK), Qt.SortOrder.AscendingOrder)

    def set_result(self, result: StudentMatches | None) -> None:
        old = self._result
        rows = [] if result is None else self._arranged(result)
        if (
            old is None or result is None or old.student_id != result.student_id
            or old.context is not result.context or len(rows) != len(self._rows)
        ):  # fmt: skip
            self.beginResetModel()
            self._take(result)
            self._rows, self._cells = rows, {}
            self.endResetModel()
            return
        # The same student ranked again (after a change was saved), as many rows: each row
        # on screen is worked out anew and only the cells that now say something else are
        # painted again (a program that moved is a row whose every cell changed). The page
        # selects its program again by id, wherever it went.
        shown, self._cells = self._cells, {}
        self._take(result)
        self._rows = rows
        for row, cells in shown.items():
            now = self._cells[row] = self._cells_of(rows[row])
            changed = [
                column for column in range(len(MatchColumn))
                if any(a[column] != b[column] for a, b in zip(cells, now, strict=True))
            ]  # fmt: skip
            if changed:
                self.dataChanged.emit(self.index(row, changed[0]), self.index(row, changed[-1]))

    def _take(self, result: StudentMatches | None) -> None:
        self._result = result
        self._shortlist = [e.program_id for e in result.shortlist] if result else []

    def set_buckets(self, buckets: set[Bucket] | None) -> None:
        self.beginResetModel()
        self._buckets = buckets
        self._arrange()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(MatchColumn):
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._program_id(index.row()) for index in before]
        self._sort = (column, order)
        self._arrange()
        after = [self.index(self.row_of(pid), index.column()) if pid else QModelIndex()
                 for pid, index in zip(ids, before, strict=True)]  # fmt: skip
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _arrange(self) -> None:
        self._cells = {}
        self._rows = [] if self._result is None else self._arranged(self._result)

    def _arranged(self, result: StudentMatches) -> list[int]:
        """The rows of ``result`` as shown: filtered by bucket, in the chosen order."""
        ranking = result.ranking
        buckets = self._buckets
        if buckets is None:
            rows = list(range(len(ranking)))
        else:
            rows = [i for i in range(len(ranking)) if ranking.bucket(i) in buckets]
        column, order = self._sort
        descending = order == Qt.SortOrder.DescendingOrder
        if column in (MatchColumn.RANK, MatchColumn.BUCKET):
            return rows[::-1] if descending else rows
        key = self._sort_key(result, MatchColumn(column))
        return sorted(rows, key=key, reverse=descending)

    def _sort_key(self, result: StudentMatches, column: MatchColumn) -> Any:
        ranking = result.ranking
        match column:
            case MatchColumn.SCORE:
                return lambda i: (ranking.score(i), -i)
            case MatchColumn.TOTAL:
                return lambda i: (ranking.total_cents(i) is None, ranking.total_cents(i) or 0, i)
            case MatchColumn.TO_STUDENT:
                return lambda i: (
                    ranking.to_student_cents(i) is None,
                    ranking.to_student_cents(i) or 0,
                    i,
                )
            case MatchColumn.READY_IN:
                return lambda i: (ranking.gap(i).plan.months, i)
            case MatchColumn.SHORTLIST:
                ids = [e.program_id for e in result.shortlist]
                return lambda i: (
                    ids.index(pid) if (pid := ranking.program(i).id) in ids else len(ids),
                    i,
                )
        return lambda i: (self._text(i, column, result).casefold(), i)

    # ---- rows

    def _program_id(self, row: int) -> str | None:
        if self._result is None or not 0 <= row < len(self._rows):
            return None
        return self._result.ranking.program(self._rows[row]).id

    def row_of(self, program_id: str) -> int:
        if self._result is None:
            return -1
        index = self._result.ranking.index_of(program_id)
        try:
            return self._rows.index(index) if index >= 0 else -1
        except ValueError:
            return -1  # filtered out

    def match_at(self, row: int) -> Match | None:
        """The program on ``row`` with every reason in words (built on first use)."""
        if self._result is None or not 0 <= row < len(self._rows):
            return None
        return self._result.explain(self._rows[row])

    def matches(self) -> list[Match]:
        """Every row's match, explained: for small catalogs and tests."""
        return [m for row in range(len(self._rows)) if (m := self.match_at(row)) is not None]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(MatchColumn)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(MatchColumn):
            if role == Qt.ItemDataRole.DisplayRole:
                return _HEADERS[MatchColumn(section)]
            if role == Qt.ItemDataRole.ToolTipRole:
                return HEADER_TIPS.get(MatchColumn(section))
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every visible cell and every role at each repaint (seven roles a cell):
        # a row's text, colours and fonts are worked out once, on its first call, and the
        # roles this model does not use are answered at once.
        slot = _SLOTS.get(role)
        if slot is None:
            if role in (MATCH_ROLE, _TIP):
                return self._lazy(index, role)
            return None
        row = index.row()
        cells = self._cells.get(row)
        if cells is None:
            if self._result is None or not 0 <= row < len(self._rows) or not index.isValid():
                return None
            cells = self._cells[row] = self._cells_of(self._rows[row])
        return cells[slot][index.column()]

    def _cells_of(self, position: int) -> tuple[tuple[Any, ...], ...]:
        """One row: per role (in _SLOTS order), the value of each column."""
        result = self._result
        assert result is not None
        ranking = result.ranking
        texts = tuple(self._text(position, column) for column in _COLUMNS)
        over = ranking.within_budget(position) is False
        return (texts, _ALIGNMENTS, *_styles(ranking.bucket(position), over))

    def _lazy(self, index: _Index, role: int) -> Any:
        """The roles built on demand: the match with every reason, the bucket's tooltip."""
        result = self._result
        if result is None or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        position = self._rows[index.row()]
        if role == MATCH_ROLE:
            return result.explain(position)
        ranking = result.ranking
        bucket = ranking.bucket(position)
        match index.column():
            case MatchColumn.BUCKET:
                tip = f"{bucket.label}: {bucket.meaning}"
                override = result.overrides.get(ranking.program(position).id)
                if override:
                    computed = result.explain(position).bucket
                    tip += (
                        f"\n\nSet by the counselor: {override.reason}\n(computed: {computed.label})"
                    )
                return tip
            case MatchColumn.SCORE:
                score = ranking.score(position)
                return f"{score} of 100: {bucket.label} scores {bucket.score_range}."
            case MatchColumn.BUDGET:
                reasons = result.explain(position).reasons
                return next((r.text for r in reasons if r.criterion is Criterion.BUDGET), None)
            case MatchColumn.TOTAL | MatchColumn.TO_STUDENT:
                return HEADER_TIPS[MatchColumn(index.column())]
        return None

    def _text(
        self, position: int, column: MatchColumn, result: StudentMatches | None = None
    ) -> str:
        """The text of one cell: of the result shown, or of ``result`` about to be."""
        result = result or self._result
        assert result is not None
        ranking = result.ranking
        program = ranking.program(position)
        match column:
            case MatchColumn.RANK:
                return str(position + 1)
            case MatchColumn.BUCKET:
                overridden = program.id in result.overrides
                return bucket_text(ranking.bucket(position), overridden=overridden)
            case MatchColumn.SCORE:
                return str(ranking.score(position))
            case MatchColumn.SCHOOL:
                return program.school
            case MatchColumn.PROGRAM:
                return program.program
            case MatchColumn.DELIVERY:
                return program.mode.value.capitalize()
            case MatchColumn.TOTAL:
                return _dollars(ranking.total_cents(position))
            case MatchColumn.TO_STUDENT:
                return _dollars(ranking.to_student_cents(position))
            case MatchColumn.BUDGET:
                return {True: "Within", False: "Over", None: "—"}[ranking.within_budget(position)]
            case MatchColumn.READY_IN:
                return ready_in(ranking.gap(position))
            case MatchColumn.SHORTLIST:
                if program.id in self._shortlist:
                    return f"★ {self._shortlist.index(program.id) + 1}"
                return ""
        return ""  # pragma: no cover
