"""The profile editor: the form, a heading, Save (Ctrl+S) and Revert.

Saving goes through ``save_handler`` (the window's service call); nothing is written
while any field is invalid, and a failed save leaves the database as it was.

Typing is never lost: shortly after the last keystroke the form as typed is written to a
draft file (``services.drafts``); Save and Revert remove it. When a profile is shown that
has a draft left by a crash or a kill, a bar above the form offers it back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gradmatch.domain.caseload import StudentRecord
from gradmatch.domain.profile import StudentProfile
from gradmatch.services.drafts import Draft, Drafts, as_fields
from gradmatch.services.files import WriteError
from gradmatch.ui.one_line import OneLineLabel
from gradmatch.ui.palette import NOTICE, NOTICE_BORDER, background, muted_style
from gradmatch.ui.profile_form import ProfileForm

# How long after the last keystroke the draft is written.
DRAFT_DELAY_MS = 600


def draft_time(saved_at: datetime, now: datetime | None = None) -> str:
    """ "14:32" today, "2026-11-23 14:32" on another day, in local time."""
    local = saved_at.astimezone()
    today = (now or datetime.now().astimezone()).date()
    return f"{local:%H:%M}" if local.date() == today else f"{local:%Y-%m-%d %H:%M}"


# Stores the profile (new when the id is None); returns None when it could not (and said why).
SaveHandler = Callable[[StudentProfile, int | None], StudentRecord | None]


# A line of names in the scripts whose letters reach furthest above and below the line.
TALL_SCRIPTS = ("Zoë Ñúñez", "अनन्या शर्मा", "김민준", "ليلى حداد", "李小龍", "Ωμέγα", "Дмитрий")


class ProfileEditor(QWidget):
    saved = Signal(object)  # the StudentRecord as stored
    dirty_changed = Signal(bool)
    shown = Signal(object)  # the StudentRecord now shown (None: a new student, or nobody)

    def __init__(
        self,
        save_handler: SaveHandler,
        parent: QWidget | None = None,
        *,
        student_mode: bool = False,
    ) -> None:
        super().__init__(parent)
        self.student_mode = student_mode  # the student's own profile: no counselor-only field
        self._save_handler = save_handler
        self.record: StudentRecord | None = None
        self._was_dirty = False
        self.drafts: Drafts | None = None
        self.offered: Draft | None = None  # a draft from an earlier session, not answered yet
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.write_draft)
        self.draft_bar = QFrame()
        self.draft_bar.setObjectName("draftBar")
        self.draft_bar.setStyleSheet(
            f"#draftBar {{ background: {background(NOTICE)}; border: 1px solid {NOTICE_BORDER}; "
            "border-radius: 4px; }"
        )
        self.draft_label = QLabel()
        self.draft_label.setObjectName("draftLabel")
        self.draft_label.setWordWrap(True)
        self.restore_draft_button = QPushButton("Restore")
        self.restore_draft_button.setObjectName("restoreDraft")
        self.restore_draft_button.setToolTip("Put back what was typed and not saved")
        self.discard_draft_button = QPushButton("Discard")
        self.discard_draft_button.setObjectName("discardDraft")
        self.discard_draft_button.setToolTip("Forget what was typed and not saved")
        bar = QHBoxLayout(self.draft_bar)
        bar.setContentsMargins(8, 4, 8, 4)
        bar.addWidget(self.draft_label, 1)
        bar.addWidget(self.restore_draft_button)
        bar.addWidget(self.discard_draft_button)
        self.draft_bar.hide()
        self.restore_draft_button.clicked.connect(self.restore_draft)
        self.discard_draft_button.clicked.connect(self.discard_draft)
        self.heading = QLabel()
        self.heading.setObjectName("profileHeading")
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.heading.ensurePolished()  # its font as the style sheet sets it
        # As tall as a name in the tallest script: the form below never moves with the name.
        metrics = self.heading.fontMetrics()
        self.heading.setFixedHeight(
            max(metrics.boundingRect(sample).height() for sample in TALL_SCRIPTS)
            + self.heading.contentsMargins().top() + self.heading.contentsMargins().bottom()
        )  # fmt: skip
        # one line, cut with its whole text in the tooltip: a long message ("Not saved: 3
        # fields need fixing…") must not widen the pane and push the caseload aside
        self.status = OneLineLabel()
        self.status.setObjectName("profileStatus")
        self.status.setStyleSheet(muted_style())
        self.form = ProfileForm(student_mode=student_mode)
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("saveProfile")
        self.save_button.setToolTip("Save this profile (Ctrl+S)")
        self.save_button.setDefault(True)
        self.revert_button = QPushButton("Revert")
        self.revert_button.setObjectName("revertProfile")
        self.revert_button.setToolTip("Undo the changes not saved yet")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.draft_bar)
        layout.addWidget(self.form, 1)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.form.changed.connect(self._refresh)
        self.form.changed.connect(self._draft_timer.start)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)
        self.show_record(None)

    def show_record(self, record: StudentRecord | None) -> None:
        """Show ``record``: another student from the top; the same one again (after Save or
        Revert) where the form was, with the cursor where it was."""
        self._draft_timer.stop()
        same = record is not None and self.record is not None and record.id == self.record.id
        bar = self.form.scroll_area.verticalScrollBar()
        place = bar.value() if same else 0
        self.record = record
        self.form.load(record.profile if record else None)
        bar.setValue(place)
        self._refresh()
        self._offer_draft()
        self.shown.emit(record)

    # ---- drafts

    @property
    def student_id(self) -> int | None:
        return self.record.id if self.record is not None else None

    def set_drafts(self, drafts: Drafts | None) -> None:
        """Keep drafts for this database (None: keep none); offers the shown profile's."""
        self.drafts = drafts
        self._offer_draft()

    def _offer_draft(self) -> None:
        draft = self.drafts.load(self.student_id) if self.drafts is not None else None
        if draft is not None and draft.fields == as_fields(self.form.raw_state()):
            self.drafts.discard(self.student_id)  # type: ignore[union-attr]
            draft = None  # nothing that is not already on screen
        self.offered = draft
        if draft is None:
            self.draft_bar.hide()
            return
        self.draft_label.setText(
            f"<b>Unsaved changes from {draft_time(draft.saved_at)}</b> were kept when "
            "GradMatch last closed without saving them."
        )
        self.draft_bar.show()

    def restore_draft(self) -> None:
        """Put the offered draft into the form: every typed character back, not saved."""
        draft, self.offered = self.offered, None
        self.draft_bar.hide()
        if draft is not None:
            self.form.apply_state(draft.fields)

    def discard_draft(self) -> None:
        self.offered = None
        self.draft_bar.hide()
        if self.drafts is not None:
            self.drafts.discard(self.student_id)

    def write_draft(self) -> None:
        """The form as typed, on disk (or no draft once nothing differs from the saved
        profile). An offered draft not answered yet is kept, not overwritten."""
        self._draft_timer.stop()
        if self.drafts is None or self.offered is not None:
            return
        try:
            if self.form.is_dirty():
                self.drafts.save(self.student_id, as_fields(self.form.raw_state()))
            else:
                self.drafts.discard(self.student_id)
        except (WriteError, OSError) as error:
            self.status.setText(f"Unsaved changes (no draft could be kept: {error})")

    def new_student(self) -> None:
        self.show_record(None)
        self.form.full_name.setFocus()

    def is_dirty(self) -> bool:
        return self.form.is_dirty()

    def _refresh(self) -> None:
        dirty = self.form.is_dirty()
        valid = self.form.validate()
        self.save_button.setEnabled(dirty and valid)
        self.revert_button.setEnabled(dirty)
        if self.record is None:
            blank = "Your profile" if self.student_mode else "New student"
            self.heading.setText(self.form.full_name.text().strip() or blank)
        else:
            self.heading.setText(self.record.profile.full_name)
        if dirty and not valid:
            # A field's message waits until it is left: Ctrl+S says them all at once.
            self.status.setText("Not ready to save: Ctrl+S shows what needs fixing.")
        elif dirty:
            self.status.setText("Unsaved changes")
        elif self.record is not None:
            self.status.setText(f"Saved {self.record.updated_at.astimezone():%Y-%m-%d %H:%M}")
        else:
            self.status.setText("Fill in at least the name and email, then save.")
        if dirty != self._was_dirty:
            self._was_dirty = dirty
            self.dirty_changed.emit(dirty)

    def save(self) -> bool:
        """Save if valid; returns whether the profile is now stored as shown."""
        if not self.form.is_dirty():
            return True
        profile, errors = self.form.read()
        if profile is None:
            self.form.reveal()
            self._refresh()
            self._show_problems(errors)
            return False
        record = self._save_handler(profile, self.student_id)
        if record is None:
            return False
        self._forget_draft()
        self.show_record(record)
        self.saved.emit(record)
        return True

    def _show_problems(self, errors: dict[str, str]) -> None:
        """Save refused: say how many fields need fixing and put the cursor in the first."""
        first = self.form.first_problem(errors)
        count = len(errors)
        what = "1 field needs" if count == 1 else f"{count} fields need"
        where = ""
        if first is not None:
            self.form.scroll_area.ensureWidgetVisible(first)
            first.setFocus()
            where = f" The cursor is in the first: {first.accessibleName() or 'marked in red'}."
        self.status.setText(f"Not saved: {what} fixing (marked in red).{where}")

    def revert(self) -> None:
        """Back to the profile as saved; what was typed (and its draft) is gone."""
        self._forget_draft()
        self.show_record(self.record)

    def _forget_draft(self) -> None:
        self._draft_timer.stop()
        self.offered = None
        self.draft_bar.hide()
        if self.drafts is not None:
            self.drafts.discard(self.student_id)
