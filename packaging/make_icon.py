"""Draws the app icon (resources/icons/gradmatch.png, 256 px) with Qt: run once after a
design change; PyInstaller turns the PNG into .ico/.icns where Pillow is installed."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QImage, QPainter, QPolygonF

SIZE = 256
TARGET = Path(__file__).resolve().parents[1] / "resources" / "icons" / "gradmatch.png"


def draw() -> QImage:
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(QColor("#1a5fb4")))
    painter.drawRoundedRect(QRectF(8, 8, SIZE - 16, SIZE - 16), 48, 48)
    # A mortarboard: the diamond top and the cap below it.
    painter.setBrush(QBrush(QColor("#ffffff")))
    top = QPolygonF([QPointF(128, 44), QPointF(222, 88), QPointF(128, 132), QPointF(34, 88)])
    painter.drawPolygon(top)
    painter.drawRoundedRect(QRectF(78, 104, 100, 44), 10, 10)
    painter.setBrush(QBrush(QColor("#f6d32d")))
    painter.drawRect(QRectF(200, 92, 8, 56))
    painter.drawEllipse(QPointF(204, 152), 10, 10)
    font = QFont("DejaVu Sans", 60)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(QRectF(0, 150, SIZE, 90), Qt.AlignmentFlag.AlignCenter, "GM")
    painter.end()
    return image


if __name__ == "__main__":
    app = QGuiApplication(sys.argv[:1])
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    draw().save(str(TARGET))
    print(TARGET)
