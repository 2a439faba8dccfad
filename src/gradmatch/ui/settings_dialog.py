"""Settings dialogs built from pydantic models: their titles, help and ranges feed the form."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TypeVar

import annotated_types
from pydantic import BaseModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gradmatch.domain.costs import CostDefaults
from gradmatch.domain.match_settings import MatchWeights
from gradmatch.ui.palette import muted_style
from gradmatch.ui.widgets import FormMessages, run_modal

_M = TypeVar("_M", bound=BaseModel)


def _bounds(field: Any, default_high: float) -> tuple[float, float]:
    low, high = 0.0, default_high
    for item in field.metadata:
        if isinstance(item, annotated_types.Ge):
            low = float(item.ge)  # type: ignore[arg-type]
        elif isinstance(item, annotated_types.Le):
            high = float(item.le)  # type: ignore[arg-type]
    return low, high


class ModelSettingsDialog(QDialog):
    """One spin box per field of ``value``'s model; ``value()`` once accepted."""

    def __init__(
        self, value: BaseModel, title: str, intro: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(600)
        self._model = type(value)
        intro_label = QLabel(intro)
        intro_label.setWordWrap(True)
        form = QFormLayout()
        self.spins: dict[str, QSpinBox | QDoubleSpinBox] = {}
        for name, field in self._model.model_fields.items():
            current = getattr(value, name)
            spin: QSpinBox | QDoubleSpinBox
            if isinstance(current, Decimal):
                spin = QDoubleSpinBox()
                spin.setDecimals(2)
                spin.setRange(*_bounds(field, 1_000_000))
                spin.setPrefix("$ ")
                spin.setGroupSeparatorShown(True)
                spin.setValue(float(current))
            else:
                spin = QSpinBox()
                low, high = _bounds(field, 100)
                spin.setRange(int(low), int(high))
                spin.setValue(int(current))
            spin.setObjectName(f"setting_{name}")
            spin.setToolTip(field.description or "")
            spin.valueChanged.connect(self._validate)
            self.spins[name] = spin
            help_text = QLabel(field.description or "")
            help_text.setStyleSheet(muted_style("font-size: 9pt;"))
            help_text.setWordWrap(True)
            box = QWidget()
            row = QVBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(spin)
            row.addWidget(help_text)
            form.addRow(f"{field.title}:", box)
        # What keeps the values from being saved, said once a value is left; its line is
        # always there, so that the buttons never move under the pointer.
        self.messages = FormMessages(self, self._validate)
        self.error = self.messages.line("values")
        self.messages.watch(("values",), *self.spins.values())
        self.defaults_button = QPushButton("Restore defaults")
        self.defaults_button.clicked.connect(self.restore_defaults)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.addButton(self.defaults_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro_label)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        # Tab goes through the buttons as they are shown: Restore defaults is on the left.
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        QWidget.setTabOrder(self.defaults_button, save)
        QWidget.setTabOrder(save, cancel)
        self._validate()

    def value(self) -> Any:
        values = {
            name: Decimal(str(round(spin.value(), 2))) if isinstance(spin, QDoubleSpinBox)
            else spin.value()
            for name, spin in self.spins.items()
        }  # fmt: skip
        return self._model.model_validate(values)

    def restore_defaults(self) -> None:
        defaults = self._model()
        for name, spin in self.spins.items():
            spin.setValue(float(getattr(defaults, name)))  # type: ignore[arg-type]

    def problem(self) -> str | None:
        value = self.value()
        if isinstance(value, MatchWeights) and value.total() == 0:
            return "At least one weight must be above zero."
        return None

    def _validate(self, *_args: Any) -> None:
        problem = self.problem()
        self.messages.show({"values": problem})
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(problem is None)


class SettingsDialog(ModelSettingsDialog):
    """The matcher's weights."""

    def __init__(self, weights: MatchWeights, parent: QWidget | None = None) -> None:
        super().__init__(
            weights,
            "Settings — match weights",
            "How much each criterion counts in a program's 0–100 score. The weights are "
            "relative: only their proportions matter. Buckets (ready, after bridging, "
            "stretch, not a fit) do not depend on them.",
            parent,
        )

    def weights(self) -> MatchWeights:
        value: MatchWeights = self.value()
        return value


def _edit(dialog: ModelSettingsDialog, model: type[_M]) -> _M | None:
    if run_modal(dialog) != QDialog.DialogCode.Accepted:
        return None
    value = dialog.value()
    assert isinstance(value, model)
    return value


def edit_weights(weights: MatchWeights, parent: QWidget | None) -> MatchWeights | None:
    return _edit(SettingsDialog(weights, parent), MatchWeights)


def cost_defaults_dialog(defaults: CostDefaults, parent: QWidget | None) -> ModelSettingsDialog:
    return ModelSettingsDialog(
        defaults,
        "Settings — cost defaults",
        "Counselor estimates the cost model uses where the catalog has no figure. Every "
        "line of a cost estimate says when it comes from here; a program's own figures can "
        "be set in Catalog ▸ Edit program.",
        parent,
    )


def edit_cost_defaults(defaults: CostDefaults, parent: QWidget | None) -> CostDefaults | None:
    return _edit(cost_defaults_dialog(defaults, parent), CostDefaults)
