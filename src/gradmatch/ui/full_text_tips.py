"""A list or table cell cut short ("University of Massa…") shows its whole text in its
tooltip, before the cell's own tooltip if it has one."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
)


class FullTextTips(QStyledItemDelegate):
    """The view's delegate: painting as usual; a tooltip with the full text of a cell
    whose text does not fit."""

    def helpEvent(  # noqa: N802
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if event is None or view is None or not index.isValid():
            return super().helpEvent(event, view, option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        own = index.data(Qt.ItemDataRole.ToolTipRole)
        if isinstance(text, str) and text and self.is_cut(option, index):
            tip = text if not own else f"{text}\n\n{own}"
            QToolTip.showText(event.globalPos(), tip, view, view.visualRect(index))
            return True
        return super().helpEvent(event, view, option, index)

    def is_cut(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> bool:
        """Whether the cell at ``index`` shows less than its whole text."""
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        if item.widget is not None:  # a list's row can be wider than what is on screen
            viewport = getattr(item.widget, "viewport", None)
            if viewport is not None:
                item.rect = item.rect.intersected(viewport().rect())
        return bool(item.fontMetrics.horizontalAdvance(item.text) > self._text_width(item))

    @staticmethod
    def _text_width(item: QStyleOptionViewItem) -> int:
        style = item.widget.style() if item.widget is not None else None
        if style is None:
            return item.rect.width()
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, item, item.widget)
        # the style's text margin, as the view draws it (Fusion: 3 px on each side)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, item.widget) + 1
        return rect.width() - 2 * margin
