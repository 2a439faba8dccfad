"""Every input says what it is to a screen reader: an accessible name (what its label says)
and a description (what it asks for), given once for a whole window or dialog."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from gradmatch.domain.fields import BY_PATH, FIELDS

# Titles more than one field has ("Course" for each subject): such a field is named by its
# description instead ("Calculus: course taken").
_SHARED_TITLES = {
    title for title in (f.title for f in FIELDS) if [g.title for g in FIELDS].count(title) > 1
}

INPUTS = (
    QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView,
    QPlainTextEdit, QTextEdit,
)  # fmt: skip


def is_input(widget: QWidget) -> bool:
    """An input a person reaches: not the inner parts Qt builds for a combo box's list, a
    table's headers and corner, or a line edit's clear button."""
    if not isinstance(widget, INPUTS) or isinstance(widget, QHeaderView):
        return False
    if widget.objectName().startswith("qt_"):  # Qt's own parts: corner, menu bar's »
        return False
    if widget.objectName().startswith("qt_") or widget.objectName() == "":
        parent = widget.parentWidget()
        inner = parent is not None and (
            isinstance(parent, (QLineEdit, QAbstractItemView, QComboBox, QAbstractSpinBox))
            or (
                type(parent).__name__ in ("QComboBoxPrivateContainer", "QFrame")
                and isinstance(widget, QAbstractItemView)
            )
        )
        if inner:
            return False
    return True


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":")


def name_inputs(root: QWidget) -> None:
    """Give each input under ``root`` that has none an accessible name — its field's title,
    else the label whose buddy it is, else its placeholder or tooltip — and a description —
    its field's description or hint, else its tooltip or placeholder."""
    labels = {
        label.buddy(): _plain(label.text())
        for label in root.findChildren(QLabel)
        if label.buddy() is not None
    }
    for widget in root.findChildren(QWidget):
        if not is_input(widget):
            continue
        spec = BY_PATH.get(widget.objectName())
        placeholder = widget.placeholderText() if isinstance(widget, QLineEdit) else ""
        if not widget.accessibleName():
            titled = spec and (spec.description if spec.title in _SHARED_TITLES else spec.title)
            name = labels.get(widget) or titled or placeholder
            if not name and isinstance(widget, QAbstractButton):
                name = _plain(widget.text())
            widget.setAccessibleName(name or _plain(widget.toolTip()))
        if not widget.accessibleDescription():
            described = (spec.description or spec.hint) if spec else ""
            widget.setAccessibleDescription(described or widget.toolTip() or placeholder)
