"""Filtering the catalog table: delivery, GRE policy, state, accreditation, budget, text."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from gradmatch.domain.catalog import GrePolicyKind, Mode, Program
from gradmatch.ui.catalog_model import PROGRAM_ROLE, SORT_ROLE
from gradmatch.ui.text import fold


class CatalogFilterProxy(QSortFilterProxyModel):
    """All filters at once; ``None`` means "any"."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self._mode: Mode | None = None
        self._gre: GrePolicyKind | None = None
        self._state: str | None = None
        self._artiba: bool | None = None
        self._max_total: Decimal | None = None
        self._words: list[str] = []

    def set_mode(self, mode: Mode | None) -> None:
        self.beginFilterChange()
        self._mode = mode
        self._rows_filter_changed()

    def set_gre(self, policy: GrePolicyKind | None) -> None:
        self.beginFilterChange()
        self._gre = policy
        self._rows_filter_changed()

    def set_state(self, state: str | None) -> None:
        self.beginFilterChange()
        self._state = state
        self._rows_filter_changed()

    def set_artiba(self, accredited: bool | None) -> None:
        self.beginFilterChange()
        self._artiba = accredited
        self._rows_filter_changed()

    def set_max_total(self, amount: Decimal | None) -> None:
        self.beginFilterChange()
        self._max_total = amount
        self._rows_filter_changed()

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = fold(text).split()
        self._rows_filter_changed()

    def clear_filters(self) -> None:
        self.beginFilterChange()
        self._mode = self._gre = self._state = self._artiba = self._max_total = None
        self._words = []
        self._rows_filter_changed()

    def _rows_filter_changed(self) -> None:
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def accepts(self, program: Program) -> bool:
        if self._mode is not None and program.mode != self._mode:
            return False
        if self._gre is not None and (program.gre is None or program.gre.policy != self._gre):
            return False
        if self._state is not None and program.state != self._state:
            return False
        if self._artiba is not None and program.artiba is not self._artiba:
            return False
        if self._max_total is not None and (
            program.stated_total is None or program.stated_total.lowest > self._max_total
        ):
            return False
        if self._words:
            haystack = fold(
                " ".join(
                    (program.school, program.program, program.city, program.state,
                     program.state_name, program.id)
                )
            )  # fmt: skip
            return all(word in haystack for word in self._words)
        return True

    def filterAcceptsRow(  # noqa: N802
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        program = model.data(model.index(source_row, 0, source_parent), PROGRAM_ROLE)
        return isinstance(program, Program) and self.accepts(program)
