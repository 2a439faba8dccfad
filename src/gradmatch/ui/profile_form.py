"""The profile form: grouped fields, each checked as it is typed with its message beside it.

The form only reads widgets into a :class:`StudentProfile`; pydantic in the domain decides
what is valid, and each of its errors is shown next to the field it concerns.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import Signal
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

from gradmatch.domain.money import editable_amount, parse_amount
from gradmatch.domain.profile import (
    CareerPath,
    DeliveryPreference,
    Specialization,
    Status,
    StudentProfile,
    Subject,
    ThesisPreference,
    scale_text,
)
from gradmatch.domain.us_states import US_STATES
from gradmatch.ui.widgets import MUTED_STYLE, FieldError

# Friendlier words for pydantic's generic messages, by field.
_FRIENDLY = {
    ("full_name", "string_too_short"): "Enter the student's full name",
    ("full_name", "string_too_long"): "A name is at most 200 characters",
    (
        "residency.country",
        "string_pattern_mismatch",
    ): "Use the two-letter country code, e.g. US, IN, CN",
    ("degree_year", "greater_than_equal"): "Enter a year from 1950 to 2100",
    ("degree_year", "less_than_equal"): "Enter a year from 1950 to 2100",
    ("gpa.value", "greater_than_equal"): "A GPA cannot be negative",
    ("gpa.scale", "greater_than"): "The scale must be above 0, e.g. 4.0",
    ("gpa.scale", "less_than_equal"): "The scale is at most 100",
    ("notes", "string_too_long"): "Notes are limited to 10,000 characters",
}
_ALIASES = {
    "gpa": "gpa.value",
    "residency": "residency.state",
    "english_test": "english_test.score",
    "gre": "gre.taken_on",
    "": "international",
}


def _whole(text: str) -> int:
    if not re.fullmatch(r"\s*\d{1,9}\s*", text):
        raise ValueError("Enter a whole number")
    return int(text)


def _number(text: str) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError("Enter a number, e.g. 3.5") from None
    if not value.is_finite():
        raise ValueError("Enter a number, e.g. 3.5")
    return value


def _money(text: str) -> Decimal:
    amount = parse_amount(text)
    if amount is None:
        raise ValueError("Enter an amount in dollars, e.g. 45,000")
    return amount


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError("Enter a date as YYYY-MM-DD, e.g. 2025-06-14") from None


def _plain(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(value.normalize(), "f") if value == value.to_integral() else str(value)


class ProfileForm(QWidget):
    """``changed`` fires on every edit; ``read()`` gives the profile or the errors by field."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors: dict[str, FieldError] = {}
        self._loaded: dict[str, Any] = {}
        self._loading = False
        self.general_error = FieldError("general")

        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.general_error)
        column.addWidget(self._identity_group())
        column.addWidget(self._residency_group())
        column.addWidget(self._education_group())
        column.addWidget(self._tests_group())
        column.addWidget(self._prerequisites_group())
        column.addWidget(self._budget_group())
        column.addWidget(self._preferences_group())
        column.addWidget(self._employment_group())
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        self.scroll_area = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._connect_all(content)
        self.load(None)

    # ---- building

    def _line(self, key: str, placeholder: str = "", width: int | None = None) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(key)
        edit.setPlaceholderText(placeholder)
        if width:
            edit.setMaximumWidth(width)
        self.errors[key] = FieldError(key)
        return edit

    def _combo(self, key: str, items: list[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(key)
        for label, data in items:
            combo.addItem(label, data)
        self.errors.setdefault(key, FieldError(key))
        return combo

    def _check(self, key: str, text: str) -> QCheckBox:
        box = QCheckBox(text)
        box.setObjectName(key)
        self.errors.setdefault(key, FieldError(key))
        return box

    def _with_error(
        self, key: str, *widgets: QWidget, hint: str = "", grow: bool = False
    ) -> QWidget:
        box = QWidget()
        outer = QVBoxLayout(box)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            # A growing field takes most of the row (up to its maximum width), left-aligned.
            row.addWidget(widget, 3 if grow else 0)
        if hint:
            label = QLabel(hint)
            label.setStyleSheet(MUTED_STYLE)
            row.addWidget(label)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addWidget(self.errors[key])
        return box

    def _group(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        group = QGroupBox(title)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        return group, form

    def _identity_group(self) -> QGroupBox:
        group, form = self._group("Identity")
        self.full_name = self._line("full_name", "e.g. Zoë Ñúñez-Ørsted", 520)
        self.email = self._line("email", "name@example.org", 520)
        self.student_id = self._line("student_id", "optional", 220)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setFixedHeight(64)
        self.notes.setMaximumWidth(520)
        self.errors["notes"] = FieldError("notes")
        form.addRow("Full &name:", self._with_error("full_name", self.full_name, grow=True))
        form.addRow("&Email:", self._with_error("email", self.email, grow=True))
        form.addRow("Student &ID:", self._with_error("student_id", self.student_id))
        form.addRow("Counselor &notes:", self._with_error("notes", self.notes, grow=True))
        return group

    def _residency_group(self) -> QGroupBox:
        group, form = self._group("Residency")
        self.country = self._line("residency.country", "US", 60)
        self.state = self._combo(
            "residency.state",
            [("—", None), *sorted(((n, c) for c, n in US_STATES.items()), key=lambda x: x[0])],
        )
        self.international = self._check("international", "International applicant")
        form.addRow(
            "&Country:",
            self._with_error(
                "residency.country", self.country, hint="two-letter code; US by default"
            ),
        )
        form.addRow(
            "US &state:",
            self._with_error("residency.state", self.state, hint="drives in-state tuition"),
        )
        form.addRow("", self._with_error("international", self.international))
        return group

    def _education_group(self) -> QGroupBox:
        group, form = self._group("Education")
        self.major = self._line("major", "e.g. Mathematics", 520)
        self.gpa_value = self._line("gpa.value", "e.g. 3.4", 80)
        self.gpa_scale = self._line("gpa.scale", "4.0", 80)
        self.degree_year = self._line("degree_year", "e.g. 2025", 80)
        self.application_date = self._line("application_date", "YYYY-MM-DD", 120)
        form.addRow("Undergraduate &major:", self._with_error("major", self.major, grow=True))
        scale_label = QLabel("on a scale of")
        scale_row = self._with_error("gpa.value", self.gpa_value, scale_label, self.gpa_scale)
        scale_row.layout().addWidget(self.errors["gpa.scale"])  # type: ignore[union-attr]
        form.addRow("&GPA:", scale_row)
        form.addRow("&Degree year:", self._with_error("degree_year", self.degree_year))
        form.addRow(
            "&Application date:",
            self._with_error(
                "application_date", self.application_date, hint="for the GRE's five-year validity"
            ),
        )
        return group

    def _tests_group(self) -> QGroupBox:
        group, form = self._group("Tests")
        self.has_gre = self._check("has_gre", "Has GRE scores")
        self.gre_verbal = self._line("gre.verbal", "130–170", 80)
        self.gre_quant = self._line("gre.quant", "130–170", 80)
        self.gre_writing = self._line("gre.writing", "0.0–6.0", 80)
        self.gre_date = self._line("gre.taken_on", "YYYY-MM-DD", 120)
        self.will_take_gre = self._check("will_take_gre", "Willing to take the GRE")
        self.gre_status = QLabel("")
        self.gre_status.setObjectName("greStatus")
        self.gre_status.setStyleSheet(MUTED_STYLE)
        form.addRow("", self._with_error("has_gre", self.has_gre, self.will_take_gre))
        form.addRow("GRE &verbal:", self._with_error("gre.verbal", self.gre_verbal))
        form.addRow("GRE &quant:", self._with_error("gre.quant", self.gre_quant))
        form.addRow("Analytical &writing:", self._with_error("gre.writing", self.gre_writing))
        form.addRow(
            "GRE &test date:", self._with_error("gre.taken_on", self.gre_date, self.gre_status)
        )
        self.english_kind = self._combo(
            "english_test.kind", [("None", None), ("TOEFL", "toefl"), ("IELTS", "ielts")]
        )
        self.english_score = self._line("english_test.score", "TOEFL 0–120, IELTS 0–9", 160)
        form.addRow(
            "English &test:",
            self._with_error("english_test.score", self.english_kind, self.english_score),
        )
        return group

    def _prerequisites_group(self) -> QGroupBox:
        group = QGroupBox("Prerequisites")
        grid = QGridLayout(group)
        for column, title in enumerate(
            ("Subject", "Status", "Course", "Institution", "Grade", "Year")
        ):
            label = QLabel(f"<b>{title}</b>")
            grid.addWidget(label, 0, column)
        self.statuses: dict[Subject, QComboBox] = {}
        self.evidence: dict[Subject, dict[str, QLineEdit]] = {}
        for row, subject in enumerate(Subject, start=1):
            grid.addWidget(QLabel(subject.label), row * 2 - 1, 0)
            combo = self._combo(
                f"prerequisites.{subject.value}", [(status.label, status) for status in Status]
            )
            self.statuses[subject] = combo
            grid.addWidget(combo, row * 2 - 1, 1)
            fields = {}
            for column, (name, width) in enumerate(
                (("course", 0), ("institution", 0), ("grade", 60), ("year", 70)), start=2
            ):
                edit = self._line(
                    f"prerequisite_evidence.{subject.value}.{name}", "", width or None
                )
                fields[name] = edit
                grid.addWidget(edit, row * 2 - 1, column)
            self.evidence[subject] = fields
            errors = QHBoxLayout()
            for name in ("course", "institution", "grade", "year"):
                errors.addWidget(self.errors[f"prerequisite_evidence.{subject.value}.{name}"])
            grid.addLayout(errors, row * 2, 2, 1, 4)
        self.languages = self._line("languages", "e.g. Python, SQL, C++")
        grid.addWidget(QLabel("Programming languages:"), len(Subject) * 2 + 1, 0)
        grid.addWidget(
            self._with_error("languages", self.languages, grow=True), len(Subject) * 2 + 1, 1, 1, 5
        )
        grid.setColumnStretch(2, 2)
        grid.setColumnStretch(3, 2)
        return group

    def _budget_group(self) -> QGroupBox:
        group, form = self._group("Budget")
        self.max_total_cost = self._line("budget.max_total_cost", "e.g. 45,000", 140)
        self.reimbursement = self._line("budget.employer_reimbursement_per_year", "0", 140)
        self.scholarships = self._line("budget.scholarships", "0", 140)
        self.savings = self._line("budget.savings", "0", 140)
        self.will_borrow = self._check("budget.will_borrow", "Willing to borrow")
        self.loan_amount = self._line("budget.loan.amount", "amount, e.g. 20,000", 150)
        self.loan_rate = self._line("budget.loan.annual_rate_percent", "rate %, e.g. 6.5", 110)
        self.loan_years = self._line("budget.loan.term_years", "years, e.g. 10", 100)
        form.addRow(
            "Maximum &total cost ($):",
            self._with_error("budget.max_total_cost", self.max_total_cost),
        )
        form.addRow(
            "Employer &reimbursement ($/year):",
            self._with_error("budget.employer_reimbursement_per_year", self.reimbursement),
        )
        form.addRow(
            "Scholarships and grants ($):",
            self._with_error("budget.scholarships", self.scholarships),
        )
        form.addRow("Sa&vings ($):", self._with_error("budget.savings", self.savings))
        form.addRow("", self._with_error("budget.will_borrow", self.will_borrow))
        loan_row = self._with_error(
            "budget.loan.amount", self.loan_amount, self.loan_rate, self.loan_years,
            hint="optional: payments and interest in the PDF",
        )  # fmt: skip
        for key in ("budget.loan.annual_rate_percent", "budget.loan.term_years"):
            loan_row.layout().addWidget(self.errors[key])  # type: ignore[union-attr]
        form.addRow("Planned &loan:", loan_row)
        return group

    def _preferences_group(self) -> QGroupBox:
        group, form = self._group("Preferences")
        self.delivery = self._combo(
            "preferences.delivery",
            [("Campus or online", DeliveryPreference.EITHER), ("Campus", DeliveryPreference.CAMPUS),
             ("Online", DeliveryPreference.ONLINE)],
        )  # fmt: skip
        self.part_time = self._check("preferences.part_time", "Needs part-time study")
        self.relocate = self._check("preferences.relocate", "Willing to relocate")
        self.states = self._line("preferences.states", "e.g. TX, CA", 200)
        self.specializations: dict[Specialization, QCheckBox] = {}
        specs = QWidget()
        grid = QGridLayout(specs)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, specialization in enumerate(Specialization):
            box = QCheckBox(specialization.label)
            box.setObjectName(f"specialization.{specialization.value}")
            self.specializations[specialization] = box
            grid.addWidget(box, index // 4, index % 4)
        self.errors["preferences.specializations"] = FieldError("preferences.specializations")
        self.thesis = self._combo(
            "preferences.thesis",
            [("Either", ThesisPreference.EITHER), ("Thesis", ThesisPreference.THESIS),
             ("Coursework", ThesisPreference.COURSEWORK)],
        )  # fmt: skip
        self.career = self._combo(
            "preferences.career_path", [("Not decided", None)] + [(c.label, c) for c in CareerPath]
        )
        form.addRow(
            "&Delivery:",
            self._with_error("preferences.delivery", self.delivery, self.part_time, self.relocate),
        )
        form.addRow(
            "Preferred states:",
            self._with_error("preferences.states", self.states, hint="blank = anywhere"),
        )
        form.addRow(
            "Specializations:", self._with_error("preferences.specializations", specs, grow=True)
        )
        form.addRow("Thesis:", self._with_error("preferences.thesis", self.thesis))
        form.addRow("Target &career:", self._with_error("preferences.career_path", self.career))
        return group

    def _employment_group(self) -> QGroupBox:
        group, form = self._group("Employment")
        self.working = self._check("employment.currently_working", "Currently working")
        self.keep_working = self._check("employment.keep_working", "Keeps working while studying")
        self.salary = self._line("employment.current_salary", "e.g. 65,000", 140)
        form.addRow(
            "", self._with_error("employment.currently_working", self.working, self.keep_working)
        )
        form.addRow(
            "Current annual &salary ($):",
            self._with_error(
                "employment.current_salary", self.salary, hint="for the cost of income forgone"
            ),
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
        self.english_score.setEnabled(self.english_kind.currentData() is not None)
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
        self.validate(show=profile is not None)

    def _fill(self, p: StudentProfile | None) -> None:
        blank = StudentProfile.model_construct(
            full_name="", email="", student_id=None, notes="", major="", gpa=None,
            degree_year=None, gre=None, will_take_gre=False, english_test=None,
            prerequisites={s: Status.MISSING for s in Subject}, prerequisite_evidence={},
            languages=(), application_date=None, international=False,
        )  # fmt: skip
        from gradmatch.domain.profile import Budget, Employment, Preferences, Residency

        q = p or blank
        residency = p.residency if p else Residency()
        budget = p.budget if p else Budget()
        preferences = p.preferences if p else Preferences()
        employment = p.employment if p else Employment()
        self.full_name.setText(q.full_name)
        self.email.setText(q.email)
        self.student_id.setText(q.student_id or "")
        self.notes.setPlainText(q.notes)
        self.country.setText(residency.country)
        self.state.setCurrentIndex(max(0, self.state.findData(residency.state)))
        self.international.setChecked(q.international)
        self.major.setText(q.major)
        self.gpa_value.setText(_plain(q.gpa.value) if q.gpa else "")
        self.gpa_scale.setText(scale_text(q.gpa.scale) if q.gpa else "4.0")
        self.degree_year.setText(str(q.degree_year) if q.degree_year else "")
        self.application_date.setText(q.application_date.isoformat() if q.application_date else "")
        self.has_gre.setChecked(q.gre is not None)
        self.gre_verbal.setText(str(q.gre.verbal) if q.gre else "")
        self.gre_quant.setText(str(q.gre.quant) if q.gre else "")
        self.gre_writing.setText(_plain(q.gre.writing) if q.gre else "")
        self.gre_date.setText(q.gre.taken_on.isoformat() if q.gre else "")
        self.will_take_gre.setChecked(q.will_take_gre)
        kind = q.english_test.kind if q.english_test else None
        self.english_kind.setCurrentIndex(max(0, self.english_kind.findData(kind)))
        self.english_score.setText(_plain(q.english_test.score) if q.english_test else "")
        for subject, combo in self.statuses.items():
            combo.setCurrentIndex(combo.findData(q.prerequisites.get(subject, Status.MISSING)))
            evidence = q.prerequisite_evidence.get(subject)
            fields = self.evidence[subject]
            fields["course"].setText(evidence.course if evidence else "")
            fields["institution"].setText(evidence.institution if evidence else "")
            fields["grade"].setText(evidence.grade if evidence else "")
            fields["year"].setText(str(evidence.year) if evidence and evidence.year else "")
        self.languages.setText(", ".join(q.languages))
        self.max_total_cost.setText(editable_amount(budget.max_total_cost))
        self.reimbursement.setText(editable_amount(budget.employer_reimbursement_per_year))
        self.scholarships.setText(editable_amount(budget.scholarships))
        self.savings.setText(editable_amount(budget.savings))
        self.will_borrow.setChecked(budget.will_borrow)
        loan = budget.loan
        self.loan_amount.setText(editable_amount(loan.amount) if loan else "")
        self.loan_rate.setText(_plain(loan.annual_rate_percent) if loan else "")
        self.loan_years.setText(str(loan.term_years) if loan else "")
        self.delivery.setCurrentIndex(self.delivery.findData(preferences.delivery))
        self.part_time.setChecked(preferences.part_time)
        self.relocate.setChecked(preferences.relocate)
        self.states.setText(", ".join(preferences.states))
        for specialization, box in self.specializations.items():
            box.setChecked(specialization in preferences.specializations)
        self.thesis.setCurrentIndex(self.thesis.findData(preferences.thesis))
        self.career.setCurrentIndex(max(0, self.career.findData(preferences.career_path)))
        self.working.setChecked(employment.currently_working)
        self.keep_working.setChecked(employment.keep_working)
        self.salary.setText(editable_amount(employment.current_salary))

    def raw_state(self) -> dict[str, Any]:
        """Everything the user can change, as shown: to tell whether anything changed."""
        state: dict[str, Any] = {name: edit.text() for name, edit in self._edits}
        state.update((name, combo.currentIndex()) for name, combo in self._combos)
        state.update((name, box.isChecked()) for name, box in self._boxes)
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
            if isinstance(notes, str):
                self.notes.setPlainText(notes)
        finally:
            self._loading = False
        self._update_enabled()
        self.validate()
        self.changed.emit()

    def read(self) -> tuple[StudentProfile | None, dict[str, str]]:
        errors: dict[str, str] = {}

        def parse(key: str, text: str, convert: Any, *, required: bool = False) -> Any:
            if not text.strip():
                if required:
                    errors[key] = "Required"
                return None
            try:
                return convert(text)
            except ValueError as error:
                errors[key] = str(error)
                return None

        data: dict[str, Any] = {
            "full_name": self.full_name.text(),
            "email": self.email.text(),
            "student_id": self.student_id.text().strip() or None,
            "notes": self.notes.toPlainText().strip(),
            "residency": {
                "country": self.country.text().strip().upper() or "US",
                "state": self.state.currentData() if self.state.isEnabled() else None,
            },
            "international": self.international.isChecked(),
            "major": self.major.text(),
            "degree_year": parse("degree_year", self.degree_year.text(), _whole),
            "application_date": parse("application_date", self.application_date.text(), _day),
            "will_take_gre": self.will_take_gre.isChecked(),
        }
        gpa = parse("gpa.value", self.gpa_value.text(), _number)
        scale = parse("gpa.scale", self.gpa_scale.text(), _number)
        if gpa is not None:
            data["gpa"] = {"value": gpa, "scale": scale if scale is not None else Decimal("4.0")}
        if self.has_gre.isChecked():
            data["gre"] = {
                "verbal": parse("gre.verbal", self.gre_verbal.text(), _whole, required=True),
                "quant": parse("gre.quant", self.gre_quant.text(), _whole, required=True),
                "writing": parse("gre.writing", self.gre_writing.text(), _number, required=True),
                "taken_on": parse("gre.taken_on", self.gre_date.text(), _day, required=True),
            }
        kind = self.english_kind.currentData()
        if kind is not None:
            score = parse("english_test.score", self.english_score.text(), _number, required=True)
            data["english_test"] = {"kind": kind, "score": score}
        data["prerequisites"] = {s: combo.currentData() for s, combo in self.statuses.items()}
        evidence = {}
        for subject, fields in self.evidence.items():
            texts = {name: edit.text().strip() for name, edit in fields.items()}
            if any(texts.values()):
                year = parse(f"prerequisite_evidence.{subject.value}.year", texts["year"], _whole)
                evidence[subject.value] = {**texts, "year": year}
        data["prerequisite_evidence"] = evidence
        data["languages"] = [
            part for part in re.split(r"[,/;]", self.languages.text()) if part.strip()
        ]
        data["budget"] = {
            "max_total_cost": parse("budget.max_total_cost", self.max_total_cost.text(), _money),
            "employer_reimbursement_per_year": parse(
                "budget.employer_reimbursement_per_year", self.reimbursement.text(), _money
            )
            or Decimal(0),
            "scholarships": parse("budget.scholarships", self.scholarships.text(), _money)
            or Decimal(0),
            "savings": parse("budget.savings", self.savings.text(), _money) or Decimal(0),
            "will_borrow": self.will_borrow.isChecked(),
        }
        loan_texts = (self.loan_amount.text(), self.loan_rate.text(), self.loan_years.text())
        if any(text.strip() for text in loan_texts):
            data["budget"]["loan"] = {
                "amount": parse("budget.loan.amount", loan_texts[0], _money, required=True),
                "annual_rate_percent": parse(
                    "budget.loan.annual_rate_percent", loan_texts[1], _number, required=True
                ),
                "term_years": parse("budget.loan.term_years", loan_texts[2], _whole, required=True),
            }
        data["preferences"] = {
            "delivery": self.delivery.currentData(),
            "part_time": self.part_time.isChecked(),
            "relocate": self.relocate.isChecked(),
            "states": [
                s.strip().upper() for s in re.split(r"[,/;\s]+", self.states.text()) if s.strip()
            ],
            "specializations": [s for s, box in self.specializations.items() if box.isChecked()],
            "thesis": self.thesis.currentData(),
            "career_path": self.career.currentData(),
        }
        data["employment"] = {
            "currently_working": self.working.isChecked(),
            "current_salary": parse("employment.current_salary", self.salary.text(), _money),
            "keep_working": self.keep_working.isChecked(),
        }
        try:
            profile = StudentProfile.model_validate(data)
        except ValidationError as error:
            for detail in error.errors():
                key = _key(detail.get("loc", ()))
                if key in errors:
                    continue  # the field's own parse error says more
                message = str(detail.get("msg", "")).removeprefix("Value error, ")
                errors[key] = _FRIENDLY.get((key, str(detail.get("type"))), message)
            return None, errors
        if errors:
            return None, errors
        return profile, {}

    def validate(self, *, show: bool = True) -> bool:
        profile, errors = self.read()
        shown = dict(errors) if show else {}
        general = []
        for key, message in shown.items():
            if key not in self.errors:
                general.append(f"{key}: {message}")
        for key, label in self.errors.items():
            label.set_message(shown.get(key))
        self.general_error.set_message("\n".join(general) or None)
        self._update_gre_status(profile)
        return profile is not None

    def _update_gre_status(self, profile: StudentProfile | None) -> None:
        if profile is None or profile.gre is None:
            self.gre_status.setText("")
            return
        expiry = profile.gre.expires_on()
        if profile.gre_expired():
            on = profile.application_date or date.today()
            self.gre_status.setText(f"⚠ expired on {expiry:%Y-%m-%d}, before {on:%Y-%m-%d}")
            self.gre_status.setStyleSheet("color: #a15c00; font-size: 9pt;")
        else:
            self.gre_status.setText(f"valid until {expiry:%Y-%m-%d}")
            self.gre_status.setStyleSheet(MUTED_STYLE)


def _key(loc: Any) -> str:
    parts = [str(part) for part in loc]
    if parts[:1] == ["prerequisites"] and len(parts) > 2:
        parts = parts[:2]
    key = ".".join(parts)
    return _ALIASES.get(key, key)
