"""Editing a program's figures (e.g. a tuition figure the counselor verified).

Every field is checked as it is typed; its message, on a line under it that is always there,
comes when the field is left (or on Save) and goes as soon as the field is valid. Save stays
disabled while anything is invalid, and nothing is written until Save.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
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

from gradmatch.domain.catalog import GrePolicyKind, Program, Tuition, format_year_month
from gradmatch.domain.costs import COST_FIELDS, CostDefaults, CostOverrides
from gradmatch.domain.money import editable_amount, parse_amount
from gradmatch.domain.prerequisites import Expectation
from gradmatch.domain.profile import Subject
from gradmatch.ui.palette import muted, muted_style
from gradmatch.ui.screens import fit_size
from gradmatch.ui.widgets import FormMessages, keep_focus_in_view, run_modal, show_focus

MAX_MONEY = Decimal("10000000")


def parse_money_field(text: str) -> tuple[Decimal | None, str | None]:
    """(amount, error). Blank is ``None`` with no error."""
    stripped = text.strip()
    if not stripped:
        return None, None
    amount = parse_amount(stripped)
    if amount is None:
        return None, "Enter an amount in dollars, e.g. 1,050 or 412.27"
    if amount > MAX_MONEY:
        return None, "That amount is too large"
    return amount, None


class TuitionField(QWidget):
    """One figure for everyone, or separate in-state and out-of-state figures."""

    def __init__(self, name: str, value: Tuition | None) -> None:
        super().__init__()
        self.name = name
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.split = QCheckBox("Differs by residency")
        self.split.setObjectName(f"{name}_split")
        self.flat = QLineEdit()
        self.flat.setObjectName(f"{name}_flat")
        self.in_state = QLineEdit()
        self.in_state.setObjectName(f"{name}_in_state")
        self.in_state.setPlaceholderText("in-state")
        self.out_of_state = QLineEdit()
        self.out_of_state.setObjectName(f"{name}_out_of_state")
        self.out_of_state.setPlaceholderText("out-of-state")
        self.flat.setPlaceholderText("unknown")
        self.in_state_label = QLabel("In-state")
        self.out_of_state_label = QLabel("Out-of-state")
        layout.addWidget(self.flat)
        for label, edit in (
            (self.in_state_label, self.in_state),
            (self.out_of_state_label, self.out_of_state),
        ):
            edit.setMinimumWidth(110)
            label.setStyleSheet(muted_style())
            layout.addWidget(label)
            layout.addWidget(edit)
        layout.addWidget(self.split)
        if value is not None and value.is_split:
            self.split.setChecked(True)
            self.in_state.setText(editable_amount(value.in_state))
            self.out_of_state.setText(editable_amount(value.out_of_state))
        elif value is not None:
            self.flat.setText(editable_amount(value.flat))
        self.split.toggled.connect(self._show_mode)
        self._show_mode()

    def first_input(self) -> QLineEdit:
        """Where the cursor goes into this figure (its label's Alt+letter)."""
        return self.in_state if self.split.isChecked() else self.flat

    def _show_mode(self) -> None:
        split = self.split.isChecked()
        self.flat.setVisible(not split)
        for widget in (
            self.in_state,
            self.out_of_state,
            self.in_state_label,
            self.out_of_state_label,
        ):
            widget.setVisible(split)

    def value(self) -> tuple[Tuition | None, str | None]:
        if not self.split.isChecked():
            amount, error = parse_money_field(self.flat.text())
            if error:
                return None, error
            return (Tuition(flat=amount) if amount is not None else None), None
        in_state, error_in = parse_money_field(self.in_state.text())
        out_of_state, error_out = parse_money_field(self.out_of_state.text())
        if error_in or error_out:
            return None, f"In-state: {error_in}" if error_in else f"Out-of-state: {error_out}"
        if in_state is None or out_of_state is None:
            return None, "Enter both the in-state and the out-of-state figure"
        return Tuition(in_state=in_state, out_of_state=out_of_state), None


class ProgramEditor(QDialog):
    """``changes()`` holds the edited fields once the dialog is accepted."""

    def __init__(
        self,
        program: Program,
        parent: QWidget | None = None,
        expectations: dict[Subject, Expectation] | None = None,
        costs: tuple[CostDefaults, CostOverrides | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.program = program
        self._expectations = expectations or {}
        self._costs = costs
        self.setWindowTitle(f"Edit program — {program.school}")
        self.setMinimumWidth(720)
        self._changes: dict[str, Any] = {}

        intro = QLabel(
            f"<b>{program.program}</b><br>{program.school} · {program.mode.value} offering"
            f"<br><span style='color:{muted()}'>Catalog figures as of "
            f"{format_year_month(program.as_of)}. Each edited field keeps its original "
            "catalog value and the date of the edit.</span>"
        )
        intro.setWordWrap(True)

        self.credits = QLineEdit("" if program.credits is None else str(program.credits))
        self.credits.setObjectName("credits")
        self.credits.setPlaceholderText("unknown")
        self.credits.setMaximumWidth(120)
        self.rate = TuitionField("cost_per_credit", program.cost_per_credit)
        self.total = TuitionField("stated_total", program.stated_total)
        self.gre_policy = QComboBox()
        self.gre_policy.setObjectName("gre_policy")
        self.gre_policy.addItem("Unknown", None)
        for kind in GrePolicyKind:
            self.gre_policy.addItem(kind.label, kind)
        if program.gre is not None:
            self.gre_policy.setCurrentIndex(self.gre_policy.findData(program.gre.policy))
        self.gre_text = QLineEdit(program.gre.text if program.gre else "")
        self.gre_text.setObjectName("gre_text")
        self.gre_text.setPlaceholderText("the program's own wording")
        self.artiba = QComboBox()
        self.artiba.setObjectName("artiba")
        for label, data in (("Unknown", None), ("Yes", True), ("No", False)):
            self.artiba.addItem(label, data)
        self.artiba.setCurrentIndex(self.artiba.findData(program.artiba))
        self.verified = QCheckBox("I checked these figures against the university's own pages")
        self.verified.setObjectName("verified")
        self.verified.setChecked(program.verified)
        self.notes = QPlainTextEdit(program.notes)
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        show_focus(self.notes)
        self.notes.setFixedHeight(70)

        self.messages = FormMessages(self, self.validate)
        self.errors = self.messages.lines
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setVerticalSpacing(2)  # the message line under each row is the room between rows
        # Each label's Alt+letter puts the cursor in its row's first input; no two share one.
        self._row(form, "C&redits:", "credits", self.credits)
        for text, name, figure in (
            ("Cost &per credit ($):", "cost_per_credit", self.rate),
            ("Stated &total tuition ($):", "stated_total", self.total),
        ):
            buddy = self._row(form, text, name, figure, figure.first_input())
            figure.split.toggled.connect(
                lambda _on, buddy=buddy, figure=figure: buddy.setBuddy(figure.first_input())
            )
        gre_row = QWidget()
        gre_layout = QHBoxLayout(gre_row)
        gre_layout.setContentsMargins(0, 0, 0, 0)
        gre_layout.addWidget(self.gre_policy)
        gre_layout.addWidget(self.gre_text, 1)
        self._row(form, "&GRE policy:", "gre", gre_row, self.gre_policy)
        self._row(form, "&ARTiBA accreditation:", "artiba", self.artiba)
        form.addRow("", self.verified)
        self._row(form, "&Notes:", "notes", self.notes)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self._save)

        self.expectation_combos: dict[Subject, QComboBox] = {}
        prerequisites = QGroupBox("Prerequisites this program expects")
        grid = QGridLayout(prerequisites)
        for index, subject in enumerate(Subject):
            combo = QComboBox()
            combo.setObjectName(f"expects_{subject.value}")
            for expectation in Expectation:
                combo.addItem(expectation.value.replace("_", " ").capitalize(), expectation)
            current = self._expectations.get(subject, Expectation.REQUIRED)
            combo.setCurrentIndex(combo.findData(current))
            self.expectation_combos[subject] = combo
            grid.addWidget(QLabel(subject.label), index // 2, (index % 2) * 2)
            grid.addWidget(combo, index // 2, (index % 2) * 2 + 1)
        prerequisites.setVisible(bool(self._expectations))

        self.cost_edits: dict[str, QLineEdit] = {}
        cost_group = QGroupBox("Cost figures for this program (blank: the default from Settings)")
        cost_form = QFormLayout(cost_group)
        defaults, overrides = costs or (CostDefaults(), None)
        for name in COST_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"cost_{name}")
            edit.setMaximumWidth(160)
            edit.setPlaceholderText(f"default {editable_amount(getattr(defaults, name))}")
            value = getattr(overrides, name) if overrides is not None else None
            edit.setText(editable_amount(value) if value is not None else "")
            edit.textChanged.connect(self.validate)
            self.cost_edits[name] = edit
            title = CostDefaults.model_fields[name].title or name
            self._row(cost_form, f"{title}:", f"cost_{name}", edit)
        cost_group.setVisible(costs is not None)

        # The fields scroll inside the dialog (taller than a 700-pixel screen with the cost
        # figures); the intro and the Save and Cancel buttons stay in view.
        fields = QWidget()
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        fields_layout.addLayout(form)
        fields_layout.addWidget(prerequisites)
        fields_layout.addWidget(cost_group)
        fields_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("programFields")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(fields)
        keep_focus_in_view(self.scroll_area)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.buttons)
        fit_size(self, 760, fields.sizeHint().height() + 160)

        for line_edit in (
            self.credits,
            self.rate.flat,
            self.rate.in_state,
            self.rate.out_of_state,
            self.total.flat,
            self.total.in_state,
            self.total.out_of_state,
            self.gre_text,
        ):
            line_edit.textChanged.connect(self.validate)
        for check in (self.rate.split, self.total.split):
            check.toggled.connect(self.validate)
        self.gre_policy.currentIndexChanged.connect(self.validate)
        self.notes.textChanged.connect(self.validate)
        self.validate()

    def _row(
        self, form: QFormLayout, text: str, name: str, widget: QWidget, first: QWidget | None = None
    ) -> QLabel:
        """A labelled row: ``widget`` over its message line (``name``: the key of its
        messages); the label's buddy is the row's first input (``widget`` itself if None)."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(widget)
        layout.addWidget(self.messages.line(name))
        self.messages.watch((name,), widget)
        label = QLabel(text)
        label.setBuddy(first or widget)
        form.addRow(label, box)
        return label

    def _read(self) -> tuple[dict[str, Any], dict[str, str | None]]:
        values: dict[str, Any] = {}
        errors: dict[str, str | None] = {}
        credits_text = self.credits.text().strip()
        if credits_text:
            if not credits_text.isdigit() or not 1 <= int(credits_text) <= 200:
                errors["credits"] = "Enter a whole number of credits from 1 to 200"
            else:
                values["credits"] = int(credits_text)
        else:
            values["credits"] = None
        for name, field in (("cost_per_credit", self.rate), ("stated_total", self.total)):
            figure, error = field.value()
            errors[name] = error
            if error is None:
                values[name] = figure
        policy = self.gre_policy.currentData()
        wording = self.gre_text.text().strip()
        if policy is None:
            values["gre"] = None
        elif not wording:
            errors["gre"] = "Add the program's wording of its GRE policy"
        elif len(wording) > 500:
            errors["gre"] = "Keep the wording under 500 characters"
        else:
            values["gre"] = {"policy": policy, "text": wording}
        if len(self.notes.toPlainText()) > 5000:
            errors["notes"] = "Notes are limited to 5,000 characters"
        cost_values: dict[str, Decimal] = {}
        for name, edit in getattr(self, "cost_edits", {}).items():
            amount, error = parse_money_field(edit.text())
            errors[f"cost_{name}"] = error
            if amount is not None:
                cost_values[name] = amount
        values["cost_overrides"] = CostOverrides(**cost_values)
        values["artiba"] = self.artiba.currentData()
        values["verified"] = self.verified.isChecked()
        values["notes"] = self.notes.toPlainText().strip()
        return values, errors

    def validate(self, *, everything: bool = False) -> bool:
        """Whether every figure can be saved; shows the messages of the fields left so far
        (of all of them when ``everything``, as Save does)."""
        _, errors = self._read()
        self.messages.show(errors, everything=everything)
        ok = not any(errors.values())
        self.save_button.setEnabled(ok)
        return ok

    def _save(self) -> None:
        if not self.validate(everything=True):
            first = self.messages.first_shown()
            if first is not None:  # the cursor in the first field to fix
                first.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        values, _ = self._read()
        cost_overrides = values.pop("cost_overrides")
        current = self.program.model_dump(include=set(values))
        self._changes = {
            key: value
            for key, value in values.items()
            if _comparable(value) != _comparable(current.get(key))
        }
        if self._costs is not None:
            before = self._costs[1] or CostOverrides()
            if cost_overrides != before:
                self._changes["cost_overrides"] = cost_overrides
        expectations = {s: Expectation(c.currentData()) for s, c in self.expectation_combos.items()}
        if self._expectations and expectations != self._expectations:
            self._changes["expectations"] = expectations
        self.accept()

    def changes(self) -> dict[str, Any]:
        return dict(self._changes)

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        super().keyPressEvent(event)


def _comparable(value: Any) -> Any:
    if isinstance(value, Tuition):
        return value.model_dump()
    if isinstance(value, dict) and "policy" in value:
        return {"policy": str(value["policy"]), "text": value["text"]}
    return value


def edit_program_dialog(
    program: Program,
    parent: QWidget | None,
    expectations: dict[Subject, Expectation] | None = None,
    costs: tuple[CostDefaults, CostOverrides | None] | None = None,
) -> dict[str, Any]:
    """Show the editor; the changed fields (``expectations`` and ``cost_overrides`` among
    them when those changed), or an empty dict when cancelled or unchanged."""
    editor = ProgramEditor(program, parent, expectations, costs)
    if run_modal(editor) != QDialog.DialogCode.Accepted:
        return {}
    return editor.changes()
