"""The profile form: grouped fields, each with a message line under it.

Every input is built from its field's declaration (``domain/fields.py``): label, hint,
choices, parser and words. The form only turns widgets into values by path; the fields
and pydantic in the domain decide what is valid, and each message is shown under the
field it concerns, in the same words the roster import and the command line use.

A message comes when its field is left or on Save, never while typing (ticking "Has GRE
scores" does not call the empty scores wrong yet), and goes as soon as the field is valid.
Its line is always there, so nothing ever moves under the pointer.

A question the matcher reads (international applicant, willing to take the GRE, delivery,
part-time, relocation, work) is a choice with "Not answered" first: a new student starts
with every one not answered, and "not answered" is saved as such, never as "no".

In the student edition (``student_mode``) a counselor-only field (``counselor_only`` in its
declaration: the counselor notes) is not built at all; its stored value is kept as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gradmatch.domain.fields import BY_PATH, FIELDS, build, parse_texts, values_of
from gradmatch.domain.profile import GRE_VALID_YEARS, Specialization, StudentProfile, Subject
from gradmatch.domain.us_states import US_STATES
from gradmatch.ui.one_line import OneLineLabel
from gradmatch.ui.palette import CAUTION, readable
from gradmatch.ui.widgets import (
    FieldError,
    FormMessages,
    guard_wheel,
    keep_focus_in_view,
    show_focus,
    small_muted_style,
)

_GRE = ("gre.verbal", "gre.quant", "gre.writing", "gre.taken_on")
_BLANK: Mapping[str, Any] = {f.path: f.blank for f in FIELDS}


def _beside(label: QLabel, first: QWidget) -> QLabel:
    """``label`` word-wrapped, its first line level with the text of ``first``."""
    label.setWordWrap(True)
    label.setContentsMargins(
        0, (first.sizeHint().height() - label.fontMetrics().height()) // 2, 0, 0
    )
    return label


class ProfileForm(QWidget):
    """``changed`` fires on every edit; ``read()`` gives the profile or the errors by field."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, student_mode: bool = False) -> None:
        super().__init__(parent)
        self.student_mode = student_mode
        self.notes: QPlainTextEdit | None = None  # counselor-only: not in the student edition
        self._kept: dict[str, Any] = {}  # the stored values of the fields not built
        self.messages = FormMessages(self, self.validate)
        # Each field's message line, by path (the inputs of one row share theirs).
        self.errors: dict[str, FieldError] = self.messages.lines
        self._texts: dict[str, QLineEdit] = {}  # by path: inputs read by their field's parser
        self._choices: dict[str, QComboBox] = {}  # by path: one item per declared choice
        self._labels: list[QLabel] = []
        self._loaded: dict[str, Any] = {}
        self._loading = False
        # A message of no field's (none is expected): under the last group, where it
        # appearing moves nothing.
        self.general_error = FieldError("general")

        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self._identity_group())
        column.addWidget(self._residency_group())
        column.addWidget(self._education_group())
        column.addWidget(self._tests_group())
        column.addWidget(self._prerequisites_group())
        column.addWidget(self._budget_group())
        column.addWidget(self._preferences_group())
        column.addWidget(self._employment_group())
        column.addWidget(self.general_error)
        column.addStretch(1)
        self._align_labels()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Tab goes from the tab bar straight to the first field, not to the area around them
        # (a stop where nothing shows the focus); a focused field is scrolled into view.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(content)
        keep_focus_in_view(scroll)
        self.scroll_area = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._connect_all(content)
        guard_wheel(self, content)
        self.load(None)

    # ---- building

    def shows(self, path: str) -> bool:
        """Whether the form has the field at ``path`` (not a counselor-only one in the
        student edition)."""
        return not (self.student_mode and BY_PATH[path].counselor_only)

    def _line(self, path: str, width: int | None = None) -> QLineEdit:
        """A text input for the field at ``path``, with its hint."""
        edit = QLineEdit()
        edit.setObjectName(path)
        edit.setPlaceholderText(BY_PATH[path].hint)
        if width:
            edit.setMaximumWidth(width)
        self._texts[path] = edit
        return edit

    def _choice(self, path: str) -> QComboBox:
        """A choice of the field's declared answers, in order ("Not answered" first)."""
        combo = QComboBox()
        combo.setObjectName(path)
        for choice in BY_PATH[path].choices:
            # The value rides along as item data (findData works); reading goes by index,
            # so that no answer depends on how Qt converts True, False and None.
            combo.addItem(choice.label, choice.value)
        self._choices[path] = combo
        return combo

    @staticmethod
    def _check(key: str, text: str) -> QCheckBox:
        box = QCheckBox(text)
        box.setObjectName(key)
        return box

    def _with_error(
        self, keys: str | tuple[str, ...], *widgets: QWidget, hint: str = "", grow: bool = False
    ) -> QWidget:
        """The inputs of one row, side by side, over the row's message line (``keys``: the
        fields whose messages it shows). The line is always there, so a message never
        moves what is below it; it is the room between two rows."""
        keys = (keys,) if isinstance(keys, str) else keys
        box = QWidget()
        outer = QVBoxLayout(box)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            # A growing field takes most of the row (up to its maximum width), left-aligned.
            row.addWidget(widget, 3 if grow else 0)
        if hint:
            said = OneLineLabel(hint)  # a hint that does not fit is cut, not wrapped
            said.setStyleSheet(small_muted_style())
            row.addWidget(said, 1)
        else:
            row.addStretch(1)
        outer.addLayout(row)
        outer.addWidget(self.messages.line(*keys))
        self.messages.watch(keys, *widgets)
        return box

    def _add(self, form: QFormLayout, path: str, row: QWidget, first: QWidget) -> None:
        """A row under the field's label; the label's mnemonic (Alt+letter) puts the cursor
        in the row's first input (a label whose buddy were the row itself would do nothing:
        a plain container takes no focus)."""
        label = QLabel(f"{BY_PATH[path].label}:")
        label.setBuddy(first)
        self._labels.append(label)
        form.addRow(label, row)

    def _row(self, form: QFormLayout, path: str, *widgets: QWidget, **kwargs: Any) -> None:
        """One row: the field's label (with its mnemonic), its inputs, its message."""
        self._add(form, path, self._with_error(path, *widgets, **kwargs), widgets[0])

    @staticmethod
    def _group(title: str) -> tuple[QGroupBox, QFormLayout]:
        group = QGroupBox(title)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        # A row too wide for a narrow window goes under its label instead of off the side.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        # The message line under each row is the room between rows.
        form.setVerticalSpacing(2)
        return group, form

    def _align_labels(self) -> None:
        """One label column down the whole form, not one per group."""
        width = max(label.sizeHint().width() for label in self._labels)
        for label in self._labels:
            label.setMinimumWidth(width)

    def _identity_group(self) -> QGroupBox:
        group, form = self._group("Identity")
        self.full_name = self._line("full_name", 520)
        self.email = self._line("email", 520)
        self.student_id = self._line("student_id", 220)
        self._row(form, "full_name", self.full_name, grow=True)
        self._row(form, "email", self.email, grow=True)
        self._row(form, "student_id", self.student_id)
        if self.shows("notes"):
            self.notes = QPlainTextEdit()
            self.notes.setObjectName("notes")
            self.notes.setTabChangesFocus(True)  # Tab goes on to the next field, as in any form
            show_focus(self.notes)
            self.notes.setFixedHeight(64)
            self.notes.setMaximumWidth(520)
            self._row(form, "notes", self.notes, grow=True)
        return group

    def _residency_group(self) -> QGroupBox:
        group, form = self._group("Residency")
        self.country = self._line("residency.country", 60)
        self.state = QComboBox()
        self.state.setObjectName("residency.state")
        self.state.addItem("—", None)
        for name, code in sorted((n, c) for c, n in US_STATES.items()):
            self.state.addItem(name, code)
        self.international = self._choice("international")
        self._row(form, "residency.country", self.country, hint="two-letter code; US by default")
        self._row(form, "residency.state", self.state, hint="drives in-state tuition")
        self._row(form, "international", self.international)
        return group

    def _education_group(self) -> QGroupBox:
        group, form = self._group("Education")
        self.major = self._line("major", 520)
        self.gpa_value = self._line("gpa.value", 80)
        self.gpa_scale = self._line("gpa.scale", 80)
        self.degree_year = self._line("degree_year", 80)
        self.application_date = self._line("application_date", 120)
        self._row(form, "major", self.major, grow=True)
        scale_label = QLabel("on a scale of")
        scale_row = self._with_error(
            ("gpa.value", "gpa.scale"), self.gpa_value, scale_label, self.gpa_scale
        )
        self._add(form, "gpa.value", scale_row, self.gpa_value)
        self._row(form, "degree_year", self.degree_year)
        self._row(
            form, "application_date", self.application_date,
            hint="for the GRE's five-year validity",
        )  # fmt: skip
        return group

    def _tests_group(self) -> QGroupBox:
        group, form = self._group("Tests")
        self.has_gre = self._check("has_gre", "Has GRE scores")
        self.gre_verbal = self._line("gre.verbal", 80)
        self.gre_quant = self._line("gre.quant", 80)
        self.gre_writing = self._line("gre.writing", 80)
        self.gre_date = self._line("gre.taken_on", 120)
        self.will_take_gre = self._choice("will_take_gre")
        self.gre_status = OneLineLabel()
        self.gre_status.setObjectName("greStatus")
        self.gre_status.setStyleSheet(small_muted_style())
        form.addRow("", self._with_error("has_gre", self.has_gre))
        self._row(form, "gre.verbal", self.gre_verbal)
        self._row(form, "gre.quant", self.gre_quant)
        self._row(form, "gre.writing", self.gre_writing)
        self._row(form, "gre.taken_on", self.gre_date, self.gre_status)
        self._row(form, "will_take_gre", self.will_take_gre, hint="when there are no scores yet")
        self.english_kind = self._choice("english_test.kind")
        self.english_score = self._line("english_test.score", 160)
        english = self._with_error(
            ("english_test.kind", "english_test.score"), self.english_kind, self.english_score
        )
        self._add(form, "english_test.kind", english, self.english_kind)
        return group

    def _prerequisites_group(self) -> QGroupBox:
        group = QGroupBox("Prerequisites")
        grid = QGridLayout(group)
        grid.setVerticalSpacing(1)  # the message line under each subject is the room
        for column, title in enumerate(
            ("Subject", "Status", "Course", "Institution", "Grade", "Year")
        ):
            label = QLabel(f"<b>{title}</b>")
            grid.addWidget(label, 0, column)
        self.statuses: dict[Subject, QComboBox] = {}
        self.evidence: dict[Subject, dict[str, QLineEdit]] = {}
        # A long subject takes two lines, beside its inputs and their message line, so that
        # the grid fits a narrow window.
        top = Qt.AlignmentFlag.AlignTop
        for row, subject in enumerate(Subject, start=1):
            status = f"prerequisites.{subject.value}"
            combo = self._choice(status)
            grid.addWidget(_beside(QLabel(subject.label), combo), row * 2 - 1, 0, 2, 1, top)
            self.statuses[subject] = combo
            grid.addWidget(combo, row * 2 - 1, 1)
            fields = {}
            for column, (name, width) in enumerate(
                (("course", 0), ("institution", 0), ("grade", 60), ("year", 70)), start=2
            ):
                edit = self._line(f"prerequisite_evidence.{subject.value}.{name}", width or None)
                fields[name] = edit
                grid.addWidget(edit, row * 2 - 1, column)
            self.evidence[subject] = fields
            keys = (status, *(edit.objectName() for edit in fields.values()))
            grid.addWidget(self.messages.line(*keys), row * 2, 1, 1, 5)
            self.messages.watch(keys, combo, *fields.values())
        self.languages = self._line("languages")
        languages = _beside(QLabel(f"{BY_PATH['languages'].label}:"), self.languages)
        languages.setBuddy(self.languages)
        grid.addWidget(languages, len(Subject) * 2 + 1, 0, top)
        grid.addWidget(
            self._with_error("languages", self.languages, grow=True), len(Subject) * 2 + 1, 1, 1, 5
        )
        grid.setColumnStretch(2, 2)
        grid.setColumnStretch(3, 2)
        return group

    def _budget_group(self) -> QGroupBox:
        group, form = self._group("Budget")
        self.max_total_cost = self._line("budget.max_total_cost", 140)
        self.reimbursement = self._line("budget.employer_reimbursement_per_year", 140)
        self.scholarships = self._line("budget.scholarships", 140)
        self.savings = self._line("budget.savings", 140)
        self.will_borrow = self._check("budget.will_borrow", BY_PATH["budget.will_borrow"].label)
        self.loan_amount = self._line("budget.loan.amount", 150)
        self.loan_rate = self._line("budget.loan.annual_rate_percent", 110)
        self.loan_years = self._line("budget.loan.term_years", 100)
        self._row(form, "budget.max_total_cost", self.max_total_cost)
        self._row(form, "budget.employer_reimbursement_per_year", self.reimbursement)
        self._row(form, "budget.scholarships", self.scholarships)
        self._row(form, "budget.savings", self.savings)
        form.addRow("", self._with_error("budget.will_borrow", self.will_borrow))
        loan_row = self._with_error(
            ("budget.loan.amount", "budget.loan.annual_rate_percent", "budget.loan.term_years"),
            self.loan_amount, self.loan_rate, self.loan_years,
            hint="optional: payments and interest in the PDF",
        )  # fmt: skip
        self._add(form, "budget.loan.amount", loan_row, self.loan_amount)
        return group

    def _preferences_group(self) -> QGroupBox:
        group, form = self._group("Preferences")
        self.delivery = self._choice("preferences.delivery")
        self.part_time = self._choice("preferences.part_time")
        self.relocate = self._choice("preferences.relocate")
        self.states = self._line("preferences.states", 200)
        self.specializations: dict[Specialization, QCheckBox] = {}
        specs = QWidget()
        grid = QGridLayout(specs)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, choice in enumerate(BY_PATH["preferences.specializations"].choices):
            box = QCheckBox(choice.label)
            box.setObjectName(f"specialization.{choice.word}")
            self.specializations[choice.value] = box
            grid.addWidget(box, index // 2, index % 2)
        self.thesis = self._choice("preferences.thesis")
        self.career = self._choice("preferences.career_path")
        # The longest career names stay whole in its list, not in the row (narrow windows).
        self.career.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.career.setMinimumContentsLength(22)
        self._row(form, "preferences.delivery", self.delivery)
        self._row(form, "preferences.part_time", self.part_time)
        self._row(form, "preferences.relocate", self.relocate)
        self._row(form, "preferences.states", self.states, hint="blank = anywhere")
        self._row(form, "preferences.specializations", specs, grow=True)
        self._row(form, "preferences.thesis", self.thesis)
        self._row(form, "preferences.career_path", self.career)
        return group

    def _employment_group(self) -> QGroupBox:
        group, form = self._group("Employment")
        self.working = self._choice("employment.currently_working")
        self.keep_working = self._choice("employment.keep_working")
        self.salary = self._line("employment.current_salary", 140)
        self._row(form, "employment.currently_working", self.working)
        self._row(form, "employment.keep_working", self.keep_working)
        self._row(
            form, "employment.current_salary", self.salary, hint="for the cost of income forgone"
        )
        return group

    def _connect_all(self, root: QWidget) -> None:
        edits = root.findChildren(QLineEdit)
        combos = root.findChildren(QComboBox)
        boxes = root.findChildren(QCheckBox)
        for edit in edits:
            edit.textChanged.connect(self._on_change)
        for combo in combos:
            combo.currentIndexChanged.connect(self._on_change)
        for box in boxes:
            box.toggled.connect(self._on_change)
        if self.notes is not None:
            self.notes.textChanged.connect(self._on_change)
        # The inputs never change once built: found once here, read at every dirty check.
        self._edits = [(edit.objectName(), edit) for edit in edits if edit.objectName()]
        self._combos = [(combo.objectName(), combo) for combo in combos if combo.objectName()]
        self._boxes = [(box.objectName(), box) for box in boxes if box.objectName()]

    def _on_change(self, *_args: Any) -> None:
        if self._loading:
            return
        self._update_enabled()
        self.validate()
        self.changed.emit()

    def _update_enabled(self) -> None:
        has_gre = self.has_gre.isChecked()
        for edit in (self.gre_verbal, self.gre_quant, self.gre_writing, self.gre_date):
            edit.setEnabled(has_gre)
        self.english_score.setEnabled(self.answer("english_test.kind") is not None)
        self.state.setEnabled(self.country.text().strip().upper() in ("", "US"))

    # ---- loading and reading

    def load(self, profile: StudentProfile | None) -> None:
        """Show ``profile`` (``None``: a blank new student)."""
        self._loading = True
        try:
            self._fill(profile)
        finally:
            self._loading = False
        self._update_enabled()
        self._loaded = self.raw_state()
        self.messages.forget()
        # A profile on record says at once what is wrong with it; a blank one waits.
        self.validate(everything=profile is not None)

    def _fill(self, profile: StudentProfile | None) -> None:
        values = values_of(profile) if profile is not None else dict(_BLANK)
        self._kept = {f.path: values[f.path] for f in FIELDS if not self.shows(f.path)}
        for path, edit in self._texts.items():
            declared = BY_PATH[path]
            value = values[path]
            edit.setText(declared.format(value if value is not None else declared.blank))
        for path, combo in self._choices.items():
            combo.setCurrentIndex(max(0, BY_PATH[path].choice_index(values[path])))
        if self.notes is not None:
            self.notes.setPlainText(values["notes"] or "")
        self.state.setCurrentIndex(max(0, self.state.findData(values["residency.state"])))
        self.has_gre.setChecked(profile is not None and profile.gre is not None)
        self.will_borrow.setChecked(bool(values["budget.will_borrow"]))
        chosen = values["preferences.specializations"] or ()
        for specialization, box in self.specializations.items():
            box.setChecked(specialization in chosen)

    def answer(self, path: str) -> Any:
        """The value a choice shows (``None``: "Not answered")."""
        return BY_PATH[path].choices[self._choices[path].currentIndex()].value

    def raw_state(self) -> dict[str, Any]:
        """Everything the user can change, as shown: to tell whether anything changed."""
        state: dict[str, Any] = {name: edit.text() for name, edit in self._edits}
        state.update((name, combo.currentIndex()) for name, combo in self._combos)
        state.update((name, box.isChecked()) for name, box in self._boxes)
        if self.notes is not None:
            state["notes"] = self.notes.toPlainText()
        return state

    def is_dirty(self) -> bool:
        return self.raw_state() != self._loaded

    def apply_state(self, state: Mapping[str, str | int | bool]) -> None:
        """Put back a form as it was typed (a draft kept on disk): every field, unsaved.
        A value that no longer fits its field (an option that is gone) is left as shown."""
        self._loading = True
        try:
            for name, edit in self._edits:
                text = state.get(name)
                if isinstance(text, str):
                    edit.setText(text)
            for name, combo in self._combos:
                index = state.get(name)
                if type(index) is int and 0 <= index < combo.count():
                    combo.setCurrentIndex(index)
            for name, box in self._boxes:
                ticked = state.get(name)
                if isinstance(ticked, bool):
                    box.setChecked(ticked)
            notes = state.get("notes")
            if isinstance(notes, str) and self.notes is not None:
                self.notes.setPlainText(notes)
        finally:
            self._loading = False
        self._update_enabled()
        self.validate(everything=True)  # typed earlier: its messages are due
        self.changed.emit()

    def first_problem(self, errors: dict[str, str]) -> QWidget | None:
        """Of the fields with a message, the input of the first one down the form."""
        for path in self.errors:  # in the order the form shows them
            if path in errors:
                found = self.findChild(QWidget, path)
                if found is not None and found.isEnabled():
                    return found
        return None

    def read(self) -> tuple[StudentProfile | None, dict[str, str]]:
        """The profile as shown, or the message of each field that keeps it from being one
        (by path: the key of its message label)."""
        texts = {path: edit.text() for path, edit in self._texts.items() if edit.isEnabled()}
        if self.notes is not None:
            texts["notes"] = self.notes.toPlainText()
        values, errors = parse_texts(texts)
        values.update(self._kept)  # the fields not built keep their stored values
        # A disabled input does not count: GRE scores while "Has GRE scores" is unticked, an
        # English score without a test, a state outside the US.
        values.update((path, None) for path, edit in self._texts.items() if not edit.isEnabled())
        values.update((path, self.answer(path)) for path in self._choices)
        values["residency.state"] = self.state.currentData() if self.state.isEnabled() else None
        values["budget.will_borrow"] = self.will_borrow.isChecked()
        values["preferences.specializations"] = tuple(
            s for s, box in self.specializations.items() if box.isChecked()
        )
        if self.has_gre.isChecked() and not any(texts.get(path, "").strip() for path in _GRE):
            errors.update((path, "Required") for path in _GRE)
        reading = build(values, errors=errors)
        return reading.profile, dict(reading.errors)

    def validate(self, *, everything: bool = False) -> bool:
        """Whether the form holds a profile; shows the messages of the fields left so far
        (of all of them when ``everything``, as Save does)."""
        profile, errors = self.read()
        general = self.messages.show(errors, everything=everything)
        self.general_error.set_message(
            " · ".join(f"{key}: {message}" for key, message in general.items()) or None
        )
        self._update_gre_status(profile)
        return profile is not None

    def reveal(self) -> bool:
        """Every field's message, as Save shows them; whether the form holds a profile."""
        return self.validate(everything=True)

    def _update_gre_status(self, profile: StudentProfile | None) -> None:
        if profile is None or profile.gre is None:
            self.gre_status.setText("")
            return
        expiry = profile.gre.expires_on()
        if expiry is None:
            self.gre_status.setText(
                f"scores count for {GRE_VALID_YEARS} years after the test: enter its date"
            )
            self.gre_status.setStyleSheet(small_muted_style())
        elif profile.gre_expired():
            on = profile.application_date or date.today()
            self.gre_status.setText(f"⚠ expired on {expiry:%Y-%m-%d}, before {on:%Y-%m-%d}")
            self.gre_status.setStyleSheet(f"color: {readable(CAUTION)}; font-size: 9pt;")
        else:
            self.gre_status.setText(f"valid until {expiry:%Y-%m-%d}")
            self.gre_status.setStyleSheet(small_muted_style())
