"""Settings: the matcher's weights, built from the pydantic model's own titles and help."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gradmatch.domain.match_settings import MatchWeights


class SettingsDialog(QDialog):
    """``weights()`` gives the edited weights once accepted."""

    def __init__(self, weights: MatchWeights, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings — match weights")
        self.setMinimumWidth(560)
        intro = QLabel(
            "How much each criterion counts in a program's 0–100 score. The weights are "
            "relative: only their proportions matter. Buckets (ready, after bridging, "
            "stretch, not a fit) do not depend on them."
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self.spins: dict[str, QSpinBox] = {}
        for name, field in MatchWeights.model_fields.items():
            spin = QSpinBox()
            spin.setObjectName(f"weight_{name}")
            spin.setRange(0, 100)
            spin.setValue(getattr(weights, name))
            spin.setToolTip(field.description or "")
            self.spins[name] = spin
            help_text = QLabel(field.description or "")
            help_text.setStyleSheet("color: #5c6b7a; font-size: 9pt;")
            help_text.setWordWrap(True)
            box = QWidget()
            row = QVBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(spin)
            row.addWidget(help_text)
            form.addRow(f"{field.title}:", box)
            spin.valueChanged.connect(self._validate)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.defaults_button = QPushButton("Restore defaults")
        self.defaults_button.clicked.connect(self.restore_defaults)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.addButton(self.defaults_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._validate()

    def weights(self) -> MatchWeights:
        return MatchWeights(**{name: spin.value() for name, spin in self.spins.items()})

    def restore_defaults(self) -> None:
        defaults = MatchWeights()
        for name, spin in self.spins.items():
            spin.setValue(getattr(defaults, name))

    def _validate(self, *_args: Any) -> None:
        ok = self.weights().total() > 0
        self.error.setText("" if ok else "At least one weight must be above zero.")
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(ok)


def edit_weights(weights: MatchWeights, parent: QWidget | None) -> MatchWeights | None:
    dialog = SettingsDialog(weights, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.weights()
