"""The matches page: one student's ranked programs, why, and their shortlist."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gradmatch.domain.matching import Bucket, Match
from gradmatch.domain.shortlist import ShortlistEntry, retired_note
from gradmatch.domain.voice import COUNSELOR, STUDENT
from gradmatch.services import matching as matching_service
from gradmatch.services.database import Database
from gradmatch.services.errors import NotFoundError
from gradmatch.services.matching import StudentMatches
from gradmatch.ui import comparison, dialogs, undo
from gradmatch.ui import help as guide
from gradmatch.ui.empty_state import EmptyState
from gradmatch.ui.full_text_tips import FullTextTips
from gradmatch.ui.match_detail import match_html
from gradmatch.ui.matches_model import MATCH_ROLE, MatchColumn, MatchesModel
from gradmatch.ui.one_line import OneLineLabel
from gradmatch.ui.palette import muted, muted_style
from gradmatch.ui.widgets import list_table, show_focus

# Below this width (logical pixels) the table with its costs and budget takes the page's
# width, and the explanation and shortlist go below it.
NARROW = 1320


class MatchesPage(QWidget):
    """Shows the matches of ``student_id``. ``student_mode``: the student edition's page,
    whose reasons say "you" and which has no counselor's tool (no bucket override)."""

    # A change (``ui.undo.Change``) for the window to make and keep for Edit ▸ Undo.
    change_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, student_mode: bool = False) -> None:
        super().__init__(parent)
        self.voice = STUDENT if student_mode else COUNSELOR
        self.db: Database | None = None
        self.student_id: int | None = None
        self.student_name = ""
        self.result: StudentMatches | None = None

        self.heading = QLabel(self._nobody())
        self.heading.setObjectName("matchesHeading")
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.bucket_filter = QComboBox()
        self.bucket_filter.setObjectName("bucketFilter")
        self.bucket_filter.setAccessibleName("Bucket")
        self.bucket_filter.setAccessibleDescription("Show only the programs of one bucket")
        self.bucket_filter.addItem("All buckets", None)
        self.bucket_filter.addItem("Ready and after bridging", {Bucket.READY, Bucket.AFTER_BRIDGE})
        for bucket in Bucket:
            self.bucket_filter.addItem(bucket.label, {bucket})
        self.summary = OneLineLabel()
        self.summary.setObjectName("matchesSummary")
        self.summary.setStyleSheet(muted_style())

        self.model = MatchesModel(self)
        self.table: QTableView = list_table(
            "matchesTable", self.model, sort_column=MatchColumn.RANK, multiple=True
        )
        # Fitting columns reads a screenful of rows: "Ready in" explains each one it reads.
        self.table.horizontalHeader().setResizeContentsPrecision(30)
        # The program's name takes the width the other columns leave: whole on a wide
        # screen, cut (whole in its tooltip) on a narrow one, where the costs stay in view.
        self.table.horizontalHeader().setSectionResizeMode(
            MatchColumn.PROGRAM, QHeaderView.ResizeMode.Stretch
        )
        self._fitted = False
        self.table.setToolTip("Select 2–4 programs (Ctrl+click) to compare them side by side")
        self.table_empty = EmptyState(self.table, self._why_empty)
        self.table.setAccessibleName("Matches")
        self.table.setAccessibleDescription(
            "Every program for this student, best first: bucket, score, costs, budget"
        )

        self.detail = QTextBrowser()
        self.detail.setObjectName("matchDetail")
        self.detail.setOpenLinks(False)
        guide.follow_help_links(self.detail)  # its "What is this?" links: the user guide
        self.detail.setAccessibleName("Why this program")
        self.detail.setAccessibleDescription("The selected program's reasons, costs and plan")
        self._detail_html = ""
        # An explanation is nearly always longer than the pane: with the scroll bar there from
        # the start, a new one is laid out once, not again when the bar appears.
        self.detail.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.shortlist_button: QPushButton = QPushButton("Add to shortlist…")
        self.shortlist_button.setObjectName("addToShortlist")
        self.override_button: QPushButton | None = None  # the counselor's only
        if not student_mode:
            self.override_button = QPushButton("Override bucket…")
            self.override_button.setObjectName("overrideBucket")
            self.override_button.clicked.connect(self.override_selected)
        self.compare_button = QPushButton("Compare selected")
        self.compare_button.setObjectName("compare")
        buttons = QHBoxLayout()
        for button in (self.shortlist_button, self.override_button, self.compare_button):
            if button is not None:
                buttons.addWidget(button)
        buttons.addStretch(1)

        self.shortlist = QListWidget()
        self.shortlist.setObjectName("shortlist")
        self.shortlist.setAccessibleName("Shortlist")
        self.shortlist.setAccessibleDescription("The programs for the PDF, in its order")
        show_focus(self.detail, self.shortlist)
        self.shortlist_empty = EmptyState(
            self.shortlist,
            lambda: (
                "Nothing on the shortlist yet: select a program above and press "
                "“Add to shortlist…”."
            ),
        )
        self.shortlist.setMaximumHeight(150)
        # long names are cut at the end, whole in the tooltip: no sideways scrolling
        self.shortlist.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.shortlist.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.shortlist.setItemDelegate(FullTextTips(self.shortlist))
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        self.remove_button = QPushButton("Remove")
        self.note_button = QPushButton("Edit note…")
        self.note_button.setObjectName("editShortlistNote")
        shortlist_buttons = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button, self.note_button):
            shortlist_buttons.addWidget(button)
        shortlist_buttons.addStretch(1)

        explained = QWidget()
        explained_layout = QVBoxLayout(explained)
        explained_layout.setContentsMargins(0, 0, 0, 0)
        explained_layout.addWidget(self.detail, 1)
        explained_layout.addLayout(buttons)
        listed = QWidget()
        listed_layout = QVBoxLayout(listed)
        listed_layout.setContentsMargins(0, 0, 0, 0)
        listed_layout.addWidget(QLabel("<b>Shortlist</b> (in the order the PDF will list it)"))
        listed_layout.addWidget(self.shortlist)
        listed_layout.addLayout(shortlist_buttons)
        listed_layout.addStretch(1)
        right = QWidget()
        # beside the table: the explanation over the shortlist; below it (a narrow
        # window): the two side by side
        self._panes = QBoxLayout(QBoxLayout.Direction.TopToBottom, right)
        self._panes.setContentsMargins(0, 0, 0, 0)
        self._panes.addWidget(explained, 1)
        self._panes.addWidget(listed, 0)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(right)
        self.splitter.setSizes([930, 470])
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.bucket_filter)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.summary)

        self.bucket_filter.currentIndexChanged.connect(
            lambda: self._set_buckets(self.bucket_filter.currentData())
        )
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.shortlist_button.clicked.connect(self.add_selected_to_shortlist)
        self.compare_button.clicked.connect(self.compare_selected)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.remove_button.clicked.connect(self.remove_from_shortlist)
        self.note_button.clicked.connect(self.edit_note)
        self.shortlist.itemSelectionChanged.connect(
            lambda: self._shortlist_row_changed(self.shortlist.currentRow())
        )
        self._update_buttons()

    # ---- layout

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._arrange(below=event.size().width() < NARROW)

    def _arrange(self, *, below: bool) -> None:
        """The explanation and the shortlist beside the table, or below it in a window too
        narrow for the table's costs and budget beside them."""
        if below == (self.splitter.orientation() == Qt.Orientation.Vertical):
            return
        if below:
            self.splitter.setOrientation(Qt.Orientation.Vertical)
            self._panes.setDirection(QBoxLayout.Direction.LeftToRight)
            self._panes.setStretch(0, 3)
            self._panes.setStretch(1, 2)
            height = max(self.height() - 80, 300)
            self.splitter.setSizes([height * 3 // 5, height * 2 // 5])
        else:
            self.splitter.setOrientation(Qt.Orientation.Horizontal)
            self._panes.setDirection(QBoxLayout.Direction.TopToBottom)
            self._panes.setStretch(0, 1)
            self._panes.setStretch(1, 0)
            width = max(self.width() - 20, 600)
            self.splitter.setSizes([width * 2 // 3, width // 3])

    # ---- data

    def set_database(self, db: Database | None) -> None:
        self.db = db

    def show_student(self, student_id: int | None, name: str = "") -> None:
        self.student_id = student_id
        self.student_name = name
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        keep = [select] if select else self._selected_ids()
        if self.db is None or self.student_id is None:
            self.result = None
            self.model.set_result(None)
            self.heading.setText(self._nobody())
            self._show_detail("")
            self.shortlist.clear()
            self.summary.clear()
            self._update_buttons()
            return
        try:
            self.result = matching_service.match_student(self.db, self.student_id, voice=self.voice)
        except NotFoundError:
            self.show_student(None)
            return
        self.model.set_result(self.result)
        self.heading.setText(
            "Your matches" if self.voice.is_student else f"Matches for {self.student_name}"
        )
        counts = self.result.ranking.bucket_counts()
        self.summary.setText(
            " · ".join(f"{counts[b]} {b.label.lower()}" for b in Bucket)
            + " · bridge figures are counselor estimates; tuition figures are unverified"
        )
        if not self._fitted and self.model.rowCount():
            self._fitted = True  # once: after that the user's column widths stay
            self.table.resizeColumnsToContents()
            for column, widest in ((MatchColumn.SCHOOL, 150), (MatchColumn.PROGRAM, 110),
                                   (MatchColumn.BUCKET, 112), (MatchColumn.TOTAL, 112),
                                   (MatchColumn.TO_STUDENT, 112)):  # fmt: skip
                self.table.setColumnWidth(column, min(self.table.columnWidth(column), widest))
        self._fill_shortlist()
        self._select_again(keep)
        self._update_buttons()

    def _fill_shortlist(self) -> None:
        shown = [] if self.result is None else self._shortlist_items(self.result)
        current = [
            (item.text(), item.data(Qt.ItemDataRole.UserRole))
            for item in map(self.shortlist.item, range(self.shortlist.count()))
        ]
        if shown == current:
            return  # as it was: no repaint, and the current row stays
        self.shortlist.clear()
        for text, program_id in shown:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, program_id)
            self.shortlist.addItem(item)

    def _shortlist_items(self, result: StudentMatches) -> list[tuple[str, str]]:
        """The shortlist as listed: (text, program id), in the PDF's order."""
        items = []
        for entry in result.shortlist:
            match = result.explain_program(entry.program_id)
            if entry.retired_on is not None:
                text = f"{entry.label} — {retired_note(entry.retired_on)}"
            elif match is None:
                continue
            else:
                program = match.program
                text = program.full_name
            if entry.note:
                text += f" · {entry.note}"
            items.append((text, entry.program_id))
        return items

    def select_program(self, program_id: str) -> bool:
        """Select and show ``program_id``; False when the bucket filter hides it."""
        row = self.model.row_of(program_id)
        if row < 0:
            return False
        # Not selectRow(): that adds to the selection when a modifier key is held.
        index = self.model.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def selected_matches(self) -> list[Match]:
        rows = self.table.selectionModel().selectedRows()
        found = [self.model.data(index, MATCH_ROLE) for index in rows]
        return [m for m in found if isinstance(m, Match)]

    def visible_ids(self) -> list[str]:
        return [
            self.model.data(self.model.index(row, 0), MATCH_ROLE).program.id
            for row in range(self.model.rowCount())
        ]

    def _select_again(self, program_ids: list[str]) -> None:
        """After the rows changed: select again those of ``program_ids`` still shown (the
        first one current) and explain them; with none of them shown, nothing is selected
        and the pane says so (never a program nobody chose, left on the row it had)."""
        rows = [row for pid in program_ids if (row := self.model.row_of(pid)) >= 0]
        selection = self.table.selectionModel()
        if not rows:
            selection.clear()
            self._show_detail(f"<p style='color:{muted()}'>Select a program to see why.</p>")
            return
        chosen = QItemSelection()
        for row in rows:
            chosen.select(self.model.index(row, 0), self.model.index(row, len(MatchColumn) - 1))
        flags = QItemSelectionModel.SelectionFlag
        unchanged = sorted(index.row() for index in selection.selectedRows()) == sorted(rows)
        selection.select(chosen, flags.ClearAndSelect | flags.Rows)
        selection.setCurrentIndex(self.model.index(rows[0], 0), flags.NoUpdate)
        self.table.scrollTo(self.model.index(rows[0], 0))
        if unchanged:  # no selectionChanged, yet their explanation may have changed
            self._selection_changed(QItemSelection(), QItemSelection())

    def _set_buckets(self, buckets: set[Bucket] | None) -> None:
        keep = self._selected_ids()
        self.model.set_buckets(buckets)
        self._select_again(keep)

    def _selected_ids(self) -> list[str]:
        """The selected programs, the current one first."""
        ids = [match.program.id for match in self.selected_matches()]
        current = self.model.data(self.table.currentIndex(), MATCH_ROLE)
        if isinstance(current, Match) and current.program.id in ids:
            ids.remove(current.program.id)
            ids.insert(0, current.program.id)
        return ids

    # ---- slots

    def _selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        selected = self.selected_matches()
        if len(selected) == 1 and self.result is not None:
            match = selected[0]
            notes = {e.program_id: e.note for e in self.result.shortlist}
            self._show_detail(match_html(match, notes.get(match.program.id), self.voice))
        elif 1 < len(selected) <= 4:
            self._show_detail(
                f"<p>{len(selected)} programs selected: press <b>Compare selected</b> "
                "to see them side by side.</p>"
            )
        elif len(selected) > 4:
            self._show_detail(
                f"<p>{len(selected)} programs selected: select 2 to 4 to compare them side "
                "by side.</p>"
            )
        self._follow_in_shortlist(selected)
        self._update_buttons()

    def _follow_in_shortlist(self, selected: list[Match]) -> None:
        """The shortlist's selection follows the table's: the selected program's entry, or
        none — its buttons never act on an entry chosen before another program was."""
        wanted = selected[0].program.id if len(selected) == 1 else None
        row = next(
            (i for i in range(self.shortlist.count())
             if self.shortlist.item(i).data(Qt.ItemDataRole.UserRole) == wanted),
            -1,
        )  # fmt: skip
        self.shortlist.blockSignals(True)  # this is not the user choosing an entry
        try:
            if row >= 0:
                self.shortlist.setCurrentRow(row, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            else:
                self.shortlist.clearSelection()
        finally:
            self.shortlist.blockSignals(False)

    def _nobody(self) -> str:
        """What the page says before there is a student to match."""
        if self.voice.is_student:
            return "Fill in and save your profile (My profile) to see your matches."
        return "Select a student on the Caseload page."

    def _why_empty(self) -> str:
        if self.result is None:
            if self.voice.is_student:
                return self._nobody()
            return "Select a student on the Caseload page to see their matches."
        if not len(self.result.ranking):
            return "The catalog has no programs: import one with File ▸ Import catalog…."
        return (
            f"No program is in “{self.bucket_filter.currentText()}” for this student.\n"
            "Choose “All buckets” above to see every program."
        )

    def _show_detail(self, html: str) -> None:
        """The detail pane: laid out again only when what it says changed (a re-ranking
        that leaves the selected program's explanation as it was keeps it, and its scroll
        position)."""
        if html != self._detail_html:
            self._detail_html = html
            self.detail.setHtml(html)

    def _update_buttons(self) -> None:
        count = len(self.selected_matches())
        self.shortlist_button.setEnabled(count == 1)
        if self.override_button is not None:
            self.override_button.setEnabled(count == 1)
        self.compare_button.setEnabled(2 <= count <= 4)
        item = self.shortlist.currentItem()
        row = self.shortlist.currentRow() if item is not None and item.isSelected() else -1
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.shortlist.count() - 1)
        self.remove_button.setEnabled(row >= 0)
        entry = self._on_shortlist(item.data(Qt.ItemDataRole.UserRole)) if row >= 0 else None
        self.note_button.setEnabled(entry is not None and entry.retired_on is None)

    def _shortlist_row_changed(self, row: int) -> None:
        item = self.shortlist.item(row)
        # Only an entry the user chose (selected), not the row Qt makes current when the
        # list merely receives the focus, e.g. from a button that was just disabled.
        if item is not None and item.isSelected():
            self.select_program(item.data(Qt.ItemDataRole.UserRole))
        self._update_buttons()

    def _on_shortlist(self, program_id: str) -> ShortlistEntry | None:
        entries = self.result.shortlist if self.result is not None else []
        return next((e for e in entries if e.program_id == program_id), None)

    def add_selected_to_shortlist(self) -> None:
        selected = self.selected_matches()
        if len(selected) != 1 or self.db is None or self.student_id is None:
            return
        program = selected[0].program
        entry = self._on_shortlist(program.id)
        note = dialogs.ask_text(
            self,
            "Add to shortlist",
            f"A note for {program.full_name} (optional):",
            entry.note if entry is not None else "",
        )
        if note is None:
            return
        self.change_requested.emit(undo.add_to_shortlist(
            self.student_id, self.student_name, program, note, note_only=entry is not None
        ))  # fmt: skip

    def edit_note(self) -> None:
        """The note of the selected shortlist entry (shown with it, and in the PDF)."""
        item = self.shortlist.currentItem()
        if item is None or self.db is None or self.student_id is None:
            return
        program_id = item.data(Qt.ItemDataRole.UserRole)
        match = self.result.explain_program(program_id) if self.result is not None else None
        entry = self._on_shortlist(program_id)
        if match is None or entry is None:
            return  # a retired program: its note stays as it is
        note = dialogs.ask_text(
            self, "Shortlist note", f"The note for {match.program.school}:", entry.note
        )
        if note is None or note.strip() == entry.note:
            return
        self.change_requested.emit(undo.add_to_shortlist(
            self.student_id, self.student_name, match.program, note, note_only=True
        ))  # fmt: skip

    def _entry_label(self, program_id: str) -> str:
        match = self.result.explain_program(program_id) if self.result is not None else None
        if match is not None:
            return undo.program_label(match.program)
        entry = self._on_shortlist(program_id)
        return entry.label if entry is not None and entry.label else program_id

    def remove_from_shortlist(self) -> None:
        item = self.shortlist.currentItem()
        if item is None or self.db is None or self.student_id is None:
            return
        program_id = item.data(Qt.ItemDataRole.UserRole)
        self.change_requested.emit(undo.remove_from_shortlist(
            self.student_id, self.student_name, program_id, self._entry_label(program_id)
        ))  # fmt: skip

    def _move(self, step: int) -> None:
        row = self.shortlist.currentRow()
        if row < 0 or self.db is None or self.student_id is None:
            return
        ids = [
            self.shortlist.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.shortlist.count())
        ]
        target = row + step
        if not 0 <= target < len(ids):
            return
        moved = ids[row]
        ids[row], ids[target] = ids[target], ids[row]
        self.change_requested.emit(undo.reorder_shortlist(
            self.student_id, self.student_name, moved, self._entry_label(moved), ids, up=step < 0
        ))  # fmt: skip

    def select_shortlist_entry(self, program_id: str) -> None:
        """Make ``program_id``'s shortlist entry the current one, if it is on the list."""
        for row in range(self.shortlist.count()):
            if self.shortlist.item(row).data(Qt.ItemDataRole.UserRole) == program_id:
                self.shortlist.setCurrentRow(row)
                return

    def override_selected(self) -> None:
        selected = self.selected_matches()
        if len(selected) != 1 or self.db is None or self.student_id is None:
            return
        match = selected[0]
        answer = dialogs.ask_override(
            self,
            match.program.full_name,
            [(b.value, b.label) for b in Bucket],
            match.override.bucket.value if match.override else "",
        )
        if answer is None:
            return
        bucket, reason = answer
        self.change_requested.emit(undo.override_bucket(
            self.student_id, self.student_name, match.program,
            Bucket(bucket) if bucket else None, reason,
        ))  # fmt: skip

    def compare_selected(self) -> None:
        selected = self.selected_matches()
        if 2 <= len(selected) <= 4:
            comparison.show_comparison(selected, self.student_name, self)
