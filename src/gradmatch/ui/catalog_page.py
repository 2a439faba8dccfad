"""The catalog page: filters, the program table and the detail pane."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gradmatch.domain.catalog import GrePolicyKind, Mode, Program
from gradmatch.services.catalog import CatalogView
from gradmatch.ui.catalog_detail import ProgramDetail
from gradmatch.ui.catalog_filter import CatalogFilterProxy
from gradmatch.ui.catalog_model import PROGRAM_ROLE, CatalogTableModel, Column
from gradmatch.ui.empty_state import EmptyState
from gradmatch.ui.one_line import OneLineLabel
from gradmatch.ui.palette import muted_style
from gradmatch.ui.widgets import list_table, select_source_row


def _combo(name: str, items: list[tuple[str, Any]], spoken: str) -> QComboBox:
    """A filter; ``spoken`` is what a screen reader calls it."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setAccessibleName(spoken)
    combo.setAccessibleDescription(f"Show only the programs of one {spoken.lower()}")
    for label, data in items:
        combo.addItem(label, data)
    return combo


class CatalogPage(QWidget):
    """Emits ``edit_requested`` with a program id when the user asks to edit one (not
    ``editable``, in the student edition: no Edit button, a double-click edits nothing)."""

    edit_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, editable: bool = True) -> None:
        super().__init__(parent)
        self._view: CatalogView | None = None

        self.search = QLineEdit()
        self.search.setObjectName("catalogSearch")
        self.search.setPlaceholderText("Search school, program, city or state…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.mode_filter = _combo(
            "modeFilter",
            [("Any delivery", None), ("Campus", Mode.CAMPUS), ("Online", Mode.ONLINE)],
            "Delivery",
        )
        self.gre_filter = _combo(
            "greFilter",
            [("Any GRE policy", None)] + [(k.label, k) for k in GrePolicyKind],
            "GRE policy",
        )
        self.state_filter = _combo("stateFilter", [("Any state", None)], "State")
        self.artiba_filter = _combo(
            "artibaFilter",
            [("ARTiBA: any", None), ("ARTiBA accredited", True), ("Not ARTiBA accredited", False)],
            "ARTiBA accreditation",
        )
        self.max_total = QSpinBox()
        self.max_total.setObjectName("maxTotal")
        self.max_total.setRange(0, 1_000_000)
        self.max_total.setSingleStep(5_000)
        self.max_total.setPrefix("≤ $")
        self.max_total.setGroupSeparatorShown(True)
        self.max_total.setSpecialValueText("Any total tuition")
        self.max_total.setToolTip(
            "Maximum stated total tuition. Where a program has an in-state figure, "
            "the in-state figure is compared."
        )
        self.max_total.setMinimumWidth(150)
        self.clear_button = QPushButton("Clear filters")
        self.clear_button.setObjectName("clearFilters")
        self.count_label = OneLineLabel()
        self.count_label.setObjectName("catalogCount")
        self.count_label.setStyleSheet(muted_style())

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for widget in (
            self.mode_filter,
            self.gre_filter,
            self.state_filter,
            self.artiba_filter,
            self.max_total,
        ):
            filters.addWidget(widget)
        filters.addWidget(self.clear_button)

        self.model = CatalogTableModel(self)
        self.proxy = CatalogFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = list_table("catalogTable", self.proxy, sort_column=Column.SCHOOL)
        self.table.setAccessibleName("Programs")
        self.table.setAccessibleDescription("The catalog: one row per program offering")
        self.table_empty = EmptyState(
            self.table,
            lambda: (
                "No program matches these filters.\nClear them with Catalog ▸ Clear "
                "filters (Ctrl+Shift+L)."
                if self.model.rowCount()
                else "The catalog is empty: import one with File ▸ Import catalog… (Ctrl+I)."
                if editable
                else "The catalog is empty: ask your counselor for the program catalog."
            ),
        )

        self.detail = ProgramDetail()
        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail, 1)
        self.edit_button: QPushButton | None = None
        if editable:
            self.table.doubleClicked.connect(self._edit_index)
            self.edit_button = QPushButton("Edit program…")
            self.edit_button.setObjectName("editProgram")
            self.edit_button.setEnabled(False)
            self.edit_button.setToolTip("Correct or verify this program's figures (Ctrl+E)")
            self.edit_button.clicked.connect(self.request_edit)
            buttons = QHBoxLayout()
            buttons.addStretch(1)
            buttons.addWidget(self.edit_button)
            detail_layout.addLayout(buttons)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("catalogSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(detail_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([1010, 400])

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.count_label)

        self.search.textChanged.connect(self.proxy.set_text)
        self.mode_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_mode(self.mode_filter.currentData())
        )
        self.gre_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_gre(self.gre_filter.currentData())
        )
        self.state_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_state(self.state_filter.currentData())
        )
        self.artiba_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_artiba(self.artiba_filter.currentData())
        )
        self.max_total.valueChanged.connect(self._max_total_changed)
        self.clear_button.clicked.connect(self.clear_filters)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._update_count()

    # ---- data

    @property
    def view(self) -> CatalogView | None:
        return self._view

    def set_view(self, view: CatalogView, *, select: str | None = None) -> None:
        keep = select or self.selected_program_id()
        self._view = view
        self.model.set_catalog(view.programs, view.report, view.edits)
        current_state = self.state_filter.currentData()
        self.state_filter.blockSignals(True)
        self.state_filter.clear()
        self.state_filter.addItem("Any state", None)
        for program in sorted(
            {p.state: p for p in view.programs}.values(), key=lambda p: p.state_name
        ):
            self.state_filter.addItem(program.state_name, program.state)
        index = self.state_filter.findData(current_state)
        self.state_filter.setCurrentIndex(max(index, 0))
        self.state_filter.blockSignals(False)
        self.proxy.set_state(self.state_filter.currentData())
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(Column.SCHOOL, min(self.table.columnWidth(Column.SCHOOL), 210))
        self.table.setColumnWidth(Column.PROGRAM, min(self.table.columnWidth(Column.PROGRAM), 250))
        if keep and self.select_program(keep):
            return
        self.detail.show_empty()
        self._update_count()

    def select_program(self, program_id: str) -> bool:
        return select_source_row(self.table, self.proxy, self.model, self.model.row_of(program_id))

    def selected_program(self) -> Program | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        program = self.proxy.data(rows[0], PROGRAM_ROLE)
        return program if isinstance(program, Program) else None

    def selected_program_id(self) -> str | None:
        program = self.selected_program()
        return program.id if program else None

    def visible_programs(self) -> list[Program]:
        return [
            self.proxy.data(self.proxy.index(row, 0), PROGRAM_ROLE)
            for row in range(self.proxy.rowCount())
        ]

    # ---- slots

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def clear_filters(self) -> None:
        for combo in (self.mode_filter, self.gre_filter, self.state_filter, self.artiba_filter):
            combo.setCurrentIndex(0)
        self.max_total.setValue(0)
        self.search.clear()

    def request_edit(self) -> None:
        program_id = self.selected_program_id()
        if program_id:
            self.edit_requested.emit(program_id)

    def _edit_index(self, index: QModelIndex) -> None:
        program = self.proxy.data(index, PROGRAM_ROLE)
        if isinstance(program, Program):
            self.edit_requested.emit(program.id)

    def _max_total_changed(self, value: int) -> None:
        self.proxy.set_max_total(Decimal(value) if value > 0 else None)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        program = self.selected_program()
        if self.edit_button is not None:
            self.edit_button.setEnabled(program is not None)
        if program is None or self._view is None:
            self.detail.show_empty()
            return
        self.detail.show_program(
            program,
            self._view.report.for_program(program.id),
            self._view.edits.get(program.id, []),
            self._view.source,
        )

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        noun = "program offering" if total == 1 else "program offerings"
        self.count_label.setText(
            f"Showing all {total} {noun}"
            if shown == total
            else f"Showing {shown} of {total} {noun}"
        )
