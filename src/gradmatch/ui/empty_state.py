"""An empty list says why it is empty and what to do next, over the list itself; a search
field that found nothing is emptied with Esc."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit

from gradmatch.ui.palette import muted_style


class EmptyState(QLabel):
    """A message centred over ``view``'s viewport while its model has no rows; ``says``
    gives the words for the moment (e.g. which search found nothing)."""

    def __init__(self, view: QAbstractItemView, says: Callable[[], str]) -> None:
        super().__init__(view.viewport())
        self.setObjectName(f"{view.objectName() or 'list'}Empty")
        self._view = view
        self._says = says
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet(muted_style("padding: 16px;"))
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved,
                       model.layoutChanged):  # fmt: skip
            signal.connect(self.update_state)
        view.viewport().installEventFilter(self)
        self.update_state()

    def update_state(self) -> None:
        empty = self._view.model().rowCount() == 0
        if empty:
            self.setText(self._says())
            self.setAccessibleName(self.text())
            self.setGeometry(self._view.viewport().rect())
        self.setVisible(empty)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self._view.viewport().rect())
        return False


class _ClearOnEscape(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            isinstance(watched, QLineEdit) and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape
            and watched.text()
        ):  # fmt: skip
            watched.clear()
            return True
        return False


def clear_on_escape(field: QLineEdit) -> None:
    """Esc in a search field empties it (an empty one lets Esc go on, e.g. to a dialog)."""
    field.installEventFilter(_ClearOnEscape(field))
