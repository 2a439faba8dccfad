"""The data-quality report: every finding, and the article's summary figures recomputed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gradmatch.domain.money import format_money
from gradmatch.domain.quality import Finding, QualityReport, Severity, format_range
from gradmatch.ui.palette import CAUTION, GOOD, MUTED, PROBLEM, muted, readable, readable_colour
from gradmatch.ui.screens import fit_size
from gradmatch.ui.text import esc
from gradmatch.ui.widgets import HeaderedListModel, run_modal, show_focus, table_view

_Index = QModelIndex | QPersistentModelIndex
_COLOURS = {
    Severity.CONFLICT: PROBLEM,
    Severity.WARNING: CAUTION,
    Severity.INFO: MUTED,
}
_HEADERS = ("Severity", "Program", "Field", "Finding")


class FindingsModel(HeaderedListModel):
    headers = _HEADERS

    def __init__(self, findings: tuple[Finding, ...], names: dict[str, str], parent: Any = None):
        super().__init__(list(findings), parent)
        self._names = names

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        finding = self.row(index)
        if finding is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole):
            if column == 0:
                if role == Qt.ItemDataRole.UserRole:
                    return finding.severity.rank
                return finding.severity.value.capitalize()
            if column == 1:
                return self._names.get(finding.program_id or "", "Whole catalog")
            if column == 2:
                return (finding.field or "").replace("_", " ")
            return finding.message
        if role == Qt.ItemDataRole.ToolTipRole and column == 3:
            return (
                finding.message
                + "\n\n"
                + "\n".join(f"• {value.source}: {value.value}" for value in finding.values)
            )
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return readable_colour(_COLOURS[finding.severity])
        return None


class QualityDialog(QDialog):
    def __init__(self, report: QualityReport, names: dict[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Catalog data quality")
        fit_size(self, 1100, 680)  # or less, on a small or scaled screen
        counts = {s: sum(1 for f in report.findings if f.severity is s) for s in Severity}
        summary = QLabel(
            f"<b>{len(report.findings)} findings</b> in the catalog: "
            f"{counts[Severity.CONFLICT]} conflicts between figures, "
            f"{counts[Severity.WARNING]} printing errors, {counts[Severity.INFO]} notes. "
            "Nothing has been corrected: each finding shows the values on both sides."
        )
        summary.setWordWrap(True)
        self.model = FindingsModel(report.findings, names, self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.table = table_view("findingsTable")
        self.table.setAccessibleName("Findings")
        self.table.setAccessibleDescription("What the catalog check found, most serious first")
        self.table.setModel(proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 230)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())

        self.statistics = QTextBrowser()
        self.statistics.setObjectName("statistics")
        self.statistics.setAccessibleName("Statistics")
        self.statistics.setAccessibleDescription("Counts and figures of the catalog as checked")
        show_focus(self.statistics)
        self.statistics.setHtml(statistics_html(report))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.statistics)
        splitter.setSizes([460, 200])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self.table.resizeRowsToContents()


def statistics_html(report: QualityReport) -> str:
    rows = "".join(
        f"<tr><td>{esc(check.label)}</td><td align='right'>{esc(format_money(check.claim))}</td>"
        f"<td align='right'>{esc(format_range(check.recomputed_low, check.recomputed_high))}</td>"
        f"<td style='color:{readable(GOOD if check.agrees else PROBLEM)}'>"
        f"<b>{'Agrees' if check.agrees else 'Does not agree'}</b></td>"
        f"<td style='color:{muted()}'>{esc(check.basis)}</td></tr>"
        for check in report.statistics
    )
    return (
        "<h3 style='margin:0'>Summary figures printed by the source article, recomputed from "
        "its cards</h3><table cellpadding='4' cellspacing='0'>"
        "<tr><th align='left'>Figure</th><th align='right'>Article</th>"
        "<th align='right'>Recomputed</th><th></th><th align='left'>How</th></tr>"
        f"{rows}</table>"
    )


def show_quality_dialog(
    report: QualityReport, names: dict[str, str], parent: QWidget | None
) -> None:
    run_modal(QualityDialog(report, names, parent))
