"""The catalog as a Qt table model: one row per program offering."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from gradmatch.domain.catalog import FieldEdit, GrePolicyKind, Program, Tuition, describe_value
from gradmatch.domain.money import format_money
from gradmatch.domain.quality import Finding, QualityReport, Severity
from gradmatch.ui.palette import CAUTION, readable_colour

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
PROGRAM_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    SCHOOL = 0
    PROGRAM = 1
    DELIVERY = 2
    TOTAL = 3
    PER_CREDIT = 4
    CREDITS = 5
    GRE = 6
    STATE = 7
    ARTIBA = 8
    RANK = 9
    ISSUES = 10


HEADERS = {
    Column.SCHOOL: "School",
    Column.PROGRAM: "Program",
    Column.DELIVERY: "Delivery",
    Column.STATE: "State",
    Column.GRE: "GRE",
    Column.CREDITS: "Credits",
    Column.PER_CREDIT: "Per credit",
    Column.TOTAL: "Stated total",
    Column.ARTIBA: "ARTiBA",
    Column.RANK: "Rank 2026",
    Column.ISSUES: "Issues",
}

_MARKS = "⚠: in doubt (hover the cell for why); ✎: edited by the counselor."
HEADER_TIPS = {
    Column.SCHOOL: "The school that offers the program.",
    Column.PROGRAM: "The program's title, as the source article prints it.",
    Column.DELIVERY: (
        "Campus or online. ⇄: the program is also offered the other way, in a row of its own."
    ),
    Column.STATE: "The state of the school.",
    Column.GRE: "The program's GRE policy: "
    + ", ".join(kind.label.lower() for kind in GrePolicyKind)
    + f". {_MARKS}",
    Column.CREDITS: f"Credits required for the degree. {_MARKS}",
    Column.PER_CREDIT: (f"Tuition per credit; in-state / out-of-state where they differ. {_MARKS}"),
    Column.TOTAL: (
        "The total tuition the source article states; in-state / out-of-state where they "
        f"differ. ⚠ also when it is not credits × the cost per credit. {_MARKS}"
    ),
    Column.ARTIBA: f"ARTiBA accreditation, as the source article lists it. {_MARKS}",
    Column.RANK: "The program's place in the source article's 2026 ranking of its delivery's list.",
    Column.ISSUES: (
        "How many data-quality findings the program has: hover the cell for them, or see "
        "Catalog ▸ Data-quality report…."
    ),
}

# Which finding fields cast doubt on which column.
_FIELD_COLUMNS = {
    "stated_total": Column.TOTAL,
    "total_tuition": Column.TOTAL,
    "cost_per_credit": Column.PER_CREDIT,
    "credits": Column.CREDITS,
    "gre": Column.GRE,
}
_NUMERIC = {Column.CREDITS, Column.PER_CREDIT, Column.TOTAL, Column.RANK, Column.ISSUES}


def _figure(value: Any) -> str:
    return "—" if value is None else str(value)


class CatalogTableModel(QAbstractTableModel):
    """Rows are :class:`Program` objects; ``SORT_ROLE`` gives typed sort keys."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._programs: list[Program] = []
        self._findings: dict[str, list[Finding]] = {}
        self._edits: dict[str, list[FieldEdit]] = {}

    # ---- data in

    def set_catalog(
        self,
        programs: list[Program],
        report: QualityReport,
        edits: dict[str, list[FieldEdit]],
    ) -> None:
        self.beginResetModel()
        self._programs = list(programs)
        self._findings = {}
        for finding in report.findings:
            if finding.program_id is not None and finding.severity is not Severity.INFO:
                self._findings.setdefault(finding.program_id, []).append(finding)
        self._edits = edits
        self.endResetModel()

    def program_at(self, row: int) -> Program:
        return self._programs[row]

    def row_of(self, program_id: str) -> int:
        for row, program in enumerate(self._programs):
            if program.id == program_id:
                return row
        return -1

    def programs(self) -> list[Program]:
        return list(self._programs)

    # ---- Qt model API

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._programs)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[Column(section)]
            if role == Qt.ItemDataRole.ToolTipRole:
                return HEADER_TIPS[Column(section)]
            if role == Qt.ItemDataRole.TextAlignmentRole and Column(section) in _NUMERIC:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._programs):
            return None
        program = self._programs[index.row()]
        column = Column(index.column())
        handler = _ROLE_HANDLERS.get(role)
        return handler(self, program, column) if handler else None

    # ---- per role

    def _doubted(self, program: Program, column: Column) -> list[Finding]:
        return [
            f
            for f in self._findings.get(program.id, [])
            if _FIELD_COLUMNS.get(f.field or "") == column
        ]

    def _edited(self, program: Program, column: Column) -> list[FieldEdit]:
        fields = {
            Column.TOTAL: "stated_total",
            Column.PER_CREDIT: "cost_per_credit",
            Column.CREDITS: "credits",
            Column.GRE: "gre",
            Column.ARTIBA: "artiba",
        }
        return [e for e in self._edits.get(program.id, []) if fields.get(column) == e.field]

    def _display(self, program: Program, column: Column) -> str:
        if column == Column.ISSUES:
            count = len(self._findings.get(program.id, []))
            return f"⚠ {count}" if count else "—"
        text = _display_text(program, column)
        if self._doubted(program, column):
            text += "  ⚠"
        if self._edited(program, column):
            text += "  ✎"
        return text

    def _tooltip(self, program: Program, column: Column) -> str | None:
        if column in (Column.SCHOOL, Column.PROGRAM):
            return f"{program.program}\n{program.school} · {program.location}"
        if column == Column.DELIVERY and program.delivery.value == "both":
            other = "online" if program.mode.value == "campus" else "on campus"
            return (
                f"This is the {program.mode.value} offering; the program is also offered {other}."
            )
        lines = [f.message for f in self._doubted(program, column)]
        if column == Column.ISSUES:
            lines = [f.message for f in self._findings.get(program.id, [])]
        lines += [
            f"Edited by the counselor on {e.edited_at:%Y-%m-%d}; the catalog said "
            f"{describe_value(e.field, e.original)}."
            for e in self._edited(program, column)
        ]
        if column == Column.TOTAL and program.stated_total and program.stated_total.is_split:
            lines.append(program.stated_total.display())
        return "\n\n".join(lines) or None

    def _foreground(self, program: Program, column: Column) -> QColor | None:
        if self._doubted(program, column):
            return readable_colour(CAUTION)
        if column == Column.ISSUES and self._findings.get(program.id):
            return readable_colour(CAUTION)
        return None

    def _alignment(self, program: Program, column: Column) -> int:
        if column in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def _sort_key(self, program: Program, column: Column) -> Any:
        if column == Column.CREDITS:
            return program.credits if program.credits is not None else 10**6
        if column == Column.PER_CREDIT:
            return float(program.cost_per_credit.lowest) if program.cost_per_credit else 1e12
        if column == Column.TOTAL:
            return float(program.stated_total.lowest) if program.stated_total else 1e12
        if column == Column.RANK:
            ranking = program.ranking(2026)
            return ranking.position if ranking else 10**6
        if column == Column.ISSUES:
            return len(self._findings.get(program.id, []))
        return _display_text(program, column).casefold()

    def _program(self, program: Program, column: Column) -> Program:
        return program


_ROLE_HANDLERS: dict[int, Callable[[CatalogTableModel, Program, Column], Any]] = {
    Qt.ItemDataRole.DisplayRole: CatalogTableModel._display,
    Qt.ItemDataRole.ToolTipRole: CatalogTableModel._tooltip,
    Qt.ItemDataRole.ForegroundRole: CatalogTableModel._foreground,
    Qt.ItemDataRole.TextAlignmentRole: CatalogTableModel._alignment,
    SORT_ROLE: CatalogTableModel._sort_key,
    PROGRAM_ROLE: CatalogTableModel._program,
}


def _tuition_cell(figure: Tuition | None) -> str:
    """A figure in a table cell: one amount, or in-state / out-of-state."""
    if figure is None:
        return "—"
    if not figure.is_split:
        return format_money(figure.flat)
    return f"{format_money(figure.in_state)} / {format_money(figure.out_of_state)}"


def _display_text(program: Program, column: Column) -> str:
    match column:
        case Column.SCHOOL:
            return program.school
        case Column.PROGRAM:
            return program.program
        case Column.DELIVERY:
            return program.mode.value.capitalize() + (
                " ⇄" if program.delivery.value == "both" else ""
            )
        case Column.STATE:
            return program.state
        case Column.GRE:
            return program.gre.policy.label if program.gre else "—"
        case Column.CREDITS:
            return _figure(program.credits)
        case Column.PER_CREDIT:
            return _tuition_cell(program.cost_per_credit)
        case Column.TOTAL:
            return _tuition_cell(program.stated_total)
        case Column.ARTIBA:
            return {True: "Yes", False: "No", None: "—"}[program.artiba]
        case Column.RANK:
            ranking = program.ranking(2026)
            return f"#{ranking.position}" if ranking else "—"
        case Column.ISSUES:
            return ""
    return ""  # pragma: no cover
