"""Attack: overriding a bucket moves the score into the new bucket's band (Not a fit →
Stretch: 8 → 33), as the score bands say, but the override dialog did not say so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QDialog, QLabel
from pytestqt.qtbot import QtBot

from gradmatch.domain.matching import Bucket
from gradmatch.ui import dialogs

ASK_OVERRIDE = dialogs.ask_override  # the real dialog (the GUI fixtures replace it)


def _sentences(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> dict[str, str]:
    """What the dialog says under the bucket, for each choice of the bucket list."""
    said: dict[str, str] = {}

    def run(dialog: QDialog) -> int:
        qtbot.addWidget(dialog)
        combo = dialog.findChild(QComboBox)
        assert combo is not None
        band = dialog.findChild(QLabel, "overrideBand")
        assert band is not None, "the dialog says nothing about the score"
        for index in range(combo.count()):
            combo.setCurrentIndex(index)
            said[combo.currentText()] = band.text()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(dialogs, "run_modal", run)
    buckets = [(b.value, b.label) for b in Bucket]
    assert ASK_OVERRIDE(None, "University of Arizona (online) — MS", buckets, "") is None
    return said


def test_the_override_dialog_says_the_score_moves_into_the_chosen_band(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    said = _sentences(monkeypatch, qtbot)
    for bucket in Bucket:
        sentence = said[bucket.label]
        assert f"The score moves into the {bucket.label} band, {bucket.score_range}" in sentence
        assert sentence.count(".") == 1  # one sentence
    assert "computed bucket" in said["Computed bucket (no override)"]


def test_an_override_in_the_window_shows_the_sentence(
    qtbot: QtBot, qapp: Any, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.gui.windows import matches_window

    window = matches_window(qtbot, qapp, demo_db, "DEMO-001")
    seen: list[str] = []

    def run(dialog: QDialog) -> int:
        qtbot.addWidget(dialog)
        combo = dialog.findChild(QComboBox)
        assert combo is not None
        combo.setCurrentIndex(combo.findData(Bucket.STRETCH.value))
        band = dialog.findChild(QLabel, "overrideBand")
        seen.append(band.text() if band is not None else "")
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(dialogs, "run_modal", run)
    monkeypatch.setattr(dialogs, "ask_override", ASK_OVERRIDE)
    page = window.matches_page
    page.table.selectRow(0)
    page.override_selected()
    assert seen and f"Stretch band, {Bucket.STRETCH.score_range}" in seen[0]
    window.close()
