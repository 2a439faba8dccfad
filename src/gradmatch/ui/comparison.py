"""Side-by-side comparison of 2–4 matches: one column per program, differences highlighted."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from gradmatch.domain.costs import TO_STUDENT_LABEL, TO_STUDENT_MEANING, TOTAL_LABEL, TOTAL_MEANING
from gradmatch.domain.matching import Criterion, Match, score_explained
from gradmatch.domain.money import format_estimate
from gradmatch.domain.voice import COUNSELOR, Voice
from gradmatch.ui.help import Topic, help_link, show_guide
from gradmatch.ui.matches_model import HEADER_TIPS, MatchColumn, ready_in
from gradmatch.ui.palette import HIGHLIGHT, background, muted_style
from gradmatch.ui.screens import fit_size
from gradmatch.ui.widgets import run_modal, table_view

_Index = QModelIndex | QPersistentModelIndex
_IDENTITY = {"School", "Program"}
_VERDICT_TEXT = {"fits": "✔ fits", "caution": "! caution", "does_not_fit": "✘ does not fit"}


_BUDGET = {True: "Within", False: "Over", None: "—"}


def _budget_reason(match: Match) -> str:
    return next((r.text for r in match.reasons if r.criterion is Criterion.BUDGET), "")


def _rows(matches: list[Match], voice: Voice = COUNSELOR) -> list[tuple[str, list[str], list[str]]]:
    """(label, values, tooltips) for each compared attribute, in the words of ``voice``."""

    def gre(m: Match) -> str:
        return m.program.gre.policy.label if m.program.gre else "unknown"

    rows: list[tuple[str, list[str], list[str]]] = [
        ("School", [m.program.school for m in matches], []),
        ("Program", [m.program.program for m in matches], []),
        (
            "Bucket",
            [m.bucket_text for m in matches],
            [
                m.shown_bucket.meaning
                + (f"\nSet by the counselor: {m.override.reason}" if m.override else "")
                for m in matches
            ],
        ),
        ("Score", [str(m.score) for m in matches], [score_explained(voice)] * len(matches)),
        ("Delivery", [m.program.mode.value.capitalize() for m in matches], []),
        ("Location", [m.program.location for m in matches], []),
        ("GRE policy", [gre(m) for m in matches], []),
        ("Credits", [str(m.program.credits or "unknown") for m in matches], []),
        (
            "Tuition",
            [format_estimate(m.tuition) for m in matches],
            [m.cost.tuition.basis if m.cost.tuition else "" for m in matches],
        ),
        (TOTAL_LABEL, [format_estimate(m.total) for m in matches], [TOTAL_MEANING] * len(matches)),
        (
            TO_STUDENT_LABEL,
            [format_estimate(m.to_student) for m in matches],
            [TO_STUDENT_MEANING] * len(matches),
        ),
        (
            "Budget",
            [_BUDGET[m.within_budget] for m in matches],
            [_budget_reason(m) for m in matches],
        ),
        (
            "Months to ready",
            [ready_in(m) for m in matches],
            [HEADER_TIPS[MatchColumn.READY_IN]] * len(matches),
        ),
    ]
    for criterion in Criterion:
        reasons = [next((r for r in m.reasons if r.criterion is criterion), None) for m in matches]
        if all(r is None for r in reasons):
            continue
        rows.append(
            (
                f"{criterion.label}: verdict",
                [_VERDICT_TEXT[r.verdict.value] if r else "—" for r in reasons],
                [r.text if r else "" for r in reasons],
            )
        )
    return rows


class ComparisonModel(QAbstractTableModel):
    def __init__(self, matches: list[Match], parent: Any = None, voice: Voice = COUNSELOR) -> None:
        super().__init__(parent)
        self._matches = matches
        self._rows = _rows(matches, voice)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._matches)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._matches):
            program = self._matches[section].program
            schools = [m.program.school for m in self._matches]
            # Two offerings of one school: say which is which.
            return program.offering if schools.count(program.school) > 1 else program.school
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return self._rows[section][0]
        return None

    def differs(self, row: int) -> bool:
        """Whether the programs differ on this row (names always do: not highlighted)."""
        label, values, _tips = self._rows[row]
        return label not in _IDENTITY and len(set(values)) > 1

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        _label, values, tips = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and tips:
            return tips[index.column()] or None
        if role == Qt.ItemDataRole.BackgroundRole and self.differs(index.row()):
            return QColor(background(HIGHLIGHT))
        if role == Qt.ItemDataRole.FontRole and self.differs(index.row()):
            font = QFont()
            font.setBold(True)
            return font
        return None


class ComparisonDialog(QDialog):
    def __init__(
        self,
        matches: list[Match],
        student_name: str,
        parent: QWidget | None = None,
        voice: Voice = COUNSELOR,
    ):
        super().__init__(parent)
        self.setWindowTitle(f"Compare programs — {student_name}")
        fit_size(self, 1100, 620)  # or less, on a small or scaled screen
        self.model = ComparisonModel(matches, self, voice)
        table = table_view("comparisonTable")
        table.setAccessibleName("Comparison")
        table.setAccessibleDescription("The selected programs side by side, one column each")
        table.setModel(self.model)
        table.setWordWrap(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table = table
        note = QLabel(
            "Rows where the programs differ (beyond their names) are highlighted. Hover a cell "
            f"for the full reason. <a href='{help_link(Topic.COMPARE)}'>What is this?</a>"
        )
        note.setStyleSheet(muted_style())
        note.linkActivated.connect(lambda _link: show_guide(self, Topic.COMPARE))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(table, 1)
        layout.addWidget(buttons)
        table.horizontalHeader().sectionResized.connect(lambda *_: table.resizeRowsToContents())

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self.table.resizeRowsToContents()


def show_comparison(matches: list[Match], student_name: str, parent: QWidget | None) -> None:
    """The comparison, in the words of the page it is opened from (its ``voice``: the
    student edition's has no Settings menu to point to)."""
    voice = getattr(parent, "voice", COUNSELOR)
    run_modal(
        ComparisonDialog(
            matches, student_name, parent, voice if isinstance(voice, Voice) else COUNSELOR
        )
    )
