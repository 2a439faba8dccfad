"""The catalog page driven as a counselor would: filters, search, selection, editing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gradmatch.services import catalog as catalog_service
from gradmatch.services.database import open_database
from gradmatch.ui import dialogs, program_editor, quality_dialog
from gradmatch.ui.application import configure_application
from gradmatch.ui.catalog_model import Column
from gradmatch.ui.main_window import MainWindow
from gradmatch.ui.quality_dialog import QualityDialog

ONLINE_IDS = {
    "drexel-online", "mercer-online", "stevens-online", "arizona-online",
    "csu-global-online", "columbia-online",
}  # fmt: skip


@pytest.fixture
def window(
    qtbot: QtBot, qapp: QApplication, db_path: Path, messages: list[Any]
) -> Iterator[MainWindow]:
    configure_application(qapp)
    main = MainWindow(db_path)
    qtbot.addWidget(main)
    main.show()
    main.open_database()
    main.tabs.setCurrentWidget(main.catalog_page)
    yield main
    main.close()


def _visible_ids(window: MainWindow) -> list[str]:
    return [p.id for p in window.catalog_page.visible_programs()]


def _click_row(qtbot: QtBot, window: MainWindow, row: int) -> None:
    table = window.catalog_page.table
    rect = table.visualRect(table.model().index(row, Column.SCHOOL))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_page_lists_every_offering(window: MainWindow) -> None:
    assert len(_visible_ids(window)) == 17
    assert window.catalog_page.count_label.text() == "Showing all 17 program offerings"
    assert "17 program offerings" in window.status_label.text()
    assert "tuition as of January 2026" in window.status_label.text()


def test_filtering_by_online_shows_exactly_the_online_offerings(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = window.catalog_page
    page.mode_filter.setFocus()
    qtbot.keyClicks(page.mode_filter, "Online")
    assert page.mode_filter.currentText() == "Online"
    assert set(_visible_ids(window)) == ONLINE_IDS
    assert len(_visible_ids(window)) == 6
    assert page.count_label.text() == "Showing 6 of 17 program offerings"
    page.mode_filter.setCurrentIndex(page.mode_filter.findText("Campus"))
    assert len(_visible_ids(window)) == 11
    assert not set(_visible_ids(window)) & ONLINE_IDS


def test_typing_in_the_search_box_narrows_the_list(qtbot: QtBot, window: MainWindow) -> None:
    page = window.catalog_page
    qtbot.keyClicks(page.search, "tex")
    assert _visible_ids(window) == ["north-texas-campus"]
    page.search.clear()
    qtbot.keyClicks(page.search, "machine  learning   online")
    assert set(_visible_ids(window)) == ONLINE_IDS
    page.search.clear()
    qtbot.keyClicks(page.search, "PENNSYLVANIA")
    assert set(_visible_ids(window)) == {"carnegie-mellon-campus", "drexel-campus", "drexel-online"}
    qtbot.keyClicks(page.search, " nowhere")
    assert _visible_ids(window) == []
    assert page.count_label.text() == "Showing 0 of 17 program offerings"


def test_search_ignores_case_and_dashes(qtbot: QtBot, window: MainWindow) -> None:
    # The catalog spells it with an en dash; a counselor types a hyphen.
    qtbot.keyClicks(window.catalog_page.search, "WISCONSIN-Madison")
    assert _visible_ids(window) == ["wisconsin-madison-campus"]


def test_search_folding_ignores_accents() -> None:
    from gradmatch.ui.text import fold

    assert fold("Zoë Ñúñez-Ørsted") == fold("zoe nunez ørsted")
    assert fold("University of Wisconsin–Madison").split() == [
        "university",
        "of",
        "wisconsin",
        "madison",
    ]


def test_gre_state_accreditation_and_budget_filters(window: MainWindow) -> None:
    page = window.catalog_page
    page.gre_filter.setCurrentIndex(page.gre_filter.findText("Required"))
    assert set(_visible_ids(window)) == {
        "carnegie-mellon-campus", "stevens-campus", "stevens-online", "umass-lowell-campus",
    }  # fmt: skip
    page.clear_filters()
    page.state_filter.setCurrentIndex(page.state_filter.findText("Arizona"))
    assert set(_visible_ids(window)) == {"arizona-campus", "arizona-online"}
    page.clear_filters()
    page.artiba_filter.setCurrentIndex(page.artiba_filter.findText("ARTiBA accredited"))
    assert set(_visible_ids(window)) == {
        "carnegie-mellon-campus", "maryland-campus", "duke-campus", "northwestern-campus",
        "columbia-online",
    }  # fmt: skip
    page.clear_filters()
    page.max_total.setValue(25_000)
    # In-state figures count where a program has them: UNT $13,604.98, Arizona online $24,000.
    assert set(_visible_ids(window)) == {
        "north-texas-campus", "arizona-online", "mercer-online", "csu-global-online",
    }  # fmt: skip
    page.clear_filters()
    assert len(_visible_ids(window)) == 17


def test_selecting_a_row_fills_the_detail_pane(qtbot: QtBot, window: MainWindow) -> None:
    page = window.catalog_page
    qtbot.keyClicks(page.search, "colorado")
    _click_row(qtbot, window, 0)
    assert page.selected_program_id() == "csu-global-online"
    text = page.detail.toPlainText()
    for expected in (
        "Online Master of Science in Artificial Intelligence and Machine Learning",
        "Colorado State University Global · Aurora, Colorado",
        "Not verified", "figures as of January 2026", "Cost per credit", "$675",
        "Stated total tuition", "$20,250", "Not required", "#5 online 2026",
        "online school listing #1: $24,300", "prints the credits as a dollar amount",
    ):  # fmt: skip
        assert expected in text, expected
    assert page.edit_button.isEnabled()


def test_sorting_by_stated_total(qtbot: QtBot, window: MainWindow) -> None:
    table = window.catalog_page.table
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(Column.TOTAL) + header.sectionSize(Column.TOTAL) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )
    ids = _visible_ids(window)
    if ids[0] != "north-texas-campus":  # the first click may sort descending on some styles
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
        )
        ids = _visible_ids(window)
    assert ids[0] == "north-texas-campus"  # $13,604.98 in-state
    assert ids[-1] == "northwestern-campus"  # $245,190


def test_ctrl_f_goes_to_the_search_box(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    window.catalog_page.table.setFocus()
    window.find_action.trigger()
    assert window.catalog_page.search.hasFocus()
    assert window.find_action.shortcut().toString() == "Ctrl+F"
    assert window.caseload_page is not None
    window.tabs.setCurrentWidget(window.caseload_page)
    window.find_action.trigger()
    assert window.caseload_page.search.hasFocus()


def test_editing_a_program_saves_and_marks_the_edit(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    asked: list[str] = []

    def fake_dialog(
        program: Any, parent: Any, expectations: Any = None, costs: Any = None
    ) -> dict[str, Any]:
        asked.append(program.id)
        assert expectations is not None and len(expectations) == 10
        return {"verified": True, "notes": "Checked with the admissions office"}

    monkeypatch.setattr(program_editor, "edit_program_dialog", fake_dialog)
    page = window.catalog_page
    assert page.select_program("duke-campus")
    window.edit_action.trigger()
    assert asked == ["duke-campus"]
    assert page.selected_program_id() == "duke-campus"
    text = page.detail.toPlainText()
    assert "Verified by the counselor" in text
    assert "Checked with the admissions office" in text
    assert "Counselor edits" in text and "catalog value: no" in text
    window.close()
    db = open_database(db_path)
    duke = next(p for p in catalog_service.list_programs(db) if p.id == "duke-campus")
    db.close()
    assert duke.verified is True


def test_program_editor_refuses_bad_figures_beside_the_field(
    qtbot: QtBot, window: MainWindow
) -> None:
    program = next(p for p in window.catalog_page.model.programs() if p.id == "north-texas-campus")
    editor = program_editor.ProgramEditor(program, window)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    assert editor.save_button.isEnabled()
    editor.credits.setFocus()
    editor.credits.clear()
    qtbot.keyClicks(editor.credits, "0")
    assert editor.errors["credits"].text() == ""  # nothing said while typing
    assert not editor.save_button.isEnabled()
    qtbot.keyClick(editor.credits, Qt.Key.Key_Tab)  # leaving the field
    assert "1 to 200" in editor.errors["credits"].text()
    editor.credits.setText("36")
    assert editor.errors["credits"].text() == ""  # valid again: the message goes at once
    editor.rate.in_state.setText("four hundred")
    assert not editor.save_button.isEnabled()
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Save says it
    assert "In-state: Enter an amount in dollars" in editor.errors["cost_per_credit"].text()
    assert editor.isVisible()
    editor.rate.in_state.setText("$425.00")
    editor.gre_text.clear()
    editor.validate(everything=True)
    assert "wording" in editor.errors["gre"].text()
    editor.gre_text.setText("Not required")
    assert editor.save_button.isEnabled()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    changes = editor.changes()
    assert set(changes) == {"credits", "cost_per_credit"}
    assert changes["credits"] == 36
    assert str(changes["cost_per_credit"].in_state) == "425.00"


def test_importing_a_broken_catalog_shows_why_and_changes_nothing(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, messages: list[Any]
) -> None:
    broken = tmp_path / "catalog.json"
    broken.write_text(
        '{"format": "gradmatch-catalog", "version": 1, "programs": []}', encoding="utf-8"
    )
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *_: broken)
    window.import_action.trigger()
    assert messages and messages[-1][0] == "error"
    assert messages[-1][1] == "Catalog not imported"
    assert "Nothing was changed" in messages[-1][2] and "catalog.json: field" in messages[-1][2]
    assert len(_visible_ids(window)) == 17


def test_a_file_that_is_not_a_database_gets_a_dialog(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, messages: list[Any]
) -> None:
    not_db = tmp_path / "renamed.pdf"
    not_db.write_bytes(b"%PDF-1.5\n%binary")
    main = MainWindow(not_db)
    qtbot.addWidget(main)
    main.show()
    main.open_database()
    assert messages == [("error", "Cannot open the database", messages[0][2])]
    assert "is not a GradMatch database" in messages[0][2]
    assert main.status_label.text() == "No database open"
    assert not main.import_action.isEnabled()


def test_the_window_remembers_its_size(qtbot: QtBot, qapp: QApplication, db_path: Path) -> None:
    configure_application(qapp)
    first = MainWindow(db_path)
    qtbot.addWidget(first)
    first.show()
    first.resize(1111, 777)
    qtbot.waitUntil(lambda: first.width() == 1111)
    first.close()
    second = MainWindow(db_path)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (1111, 777)
    second.close()


def test_the_data_quality_report(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Any] = []
    monkeypatch.setattr(
        quality_dialog,
        "show_quality_dialog",
        lambda report, names, parent: opened.append((report, names)),
    )
    window.quality_action.trigger()
    ((report, names),) = opened
    dialog = QualityDialog(report, names, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == len(report.findings) == 40
    assert "Does not agree" in dialog.statistics.toPlainText()
    assert "$77,118" in dialog.statistics.toPlainText()


def test_the_table_models_follow_the_qt_contract(qtmodeltester: Any, window: MainWindow) -> None:
    qtmodeltester.check(window.catalog_page.model)
    qtmodeltester.check(window.catalog_page.proxy)


def test_a_programs_expected_prerequisites_are_editable(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gradmatch.domain.prerequisites import Expectation
    from gradmatch.domain.profile import Subject
    from gradmatch.services import matching

    program = next(p for p in window.catalog_page.model.programs() if p.id == "north-texas-campus")
    assert window.db is not None
    editor = program_editor.ProgramEditor(
        program, window, matching.program_expectations(window.db, program.id)
    )
    qtbot.addWidget(editor)
    combo = editor.expectation_combos[Subject.DISCRETE_MATH]
    combo.setCurrentIndex(combo.findData(Expectation.NOT_EXPECTED))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    changes = editor.changes()
    assert changes["expectations"][Subject.DISCRETE_MATH] is Expectation.NOT_EXPECTED
    monkeypatch.setattr(program_editor, "edit_program_dialog", lambda *_: dict(changes))
    window.catalog_page.select_program("north-texas-campus")
    window.edit_action.trigger()
    assert (
        matching.program_expectations(window.db, "north-texas-campus")[Subject.DISCRETE_MATH]
        is Expectation.NOT_EXPECTED
    )
    assert (
        matching.program_expectations(window.db, "duke-campus")[Subject.DISCRETE_MATH]
        is Expectation.REQUIRED
    )


def test_match_weights_in_settings(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gradmatch.domain.match_settings import MatchWeights
    from gradmatch.services import matching
    from gradmatch.ui import settings_dialog

    dialog = settings_dialog.SettingsDialog(MatchWeights(), window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.spins["budget"].value() == 25
    for spin in dialog.spins.values():
        spin.setFocus()
        spin.setValue(0)
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled()
    assert dialog.error.text() == ""  # nothing said while a value is being typed
    qtbot.keyClick(spin, Qt.Key.Key_Tab)  # leaving it
    assert "above zero" in dialog.error.text()
    dialog.restore_defaults()
    dialog.spins["budget"].setValue(70)
    assert dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled()
    monkeypatch.setattr(settings_dialog, "edit_weights", lambda *_: dialog.weights())
    window.settings_action.trigger()
    assert window.db is not None and matching.load_weights(window.db).budget == 70


def test_a_programs_own_cost_figures(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from decimal import Decimal

    from gradmatch.domain.costs import CostDefaults
    from gradmatch.services import matching

    program = next(p for p in window.catalog_page.model.programs() if p.id == "mercer-online")
    editor = program_editor.ProgramEditor(program, window, None, (CostDefaults(), None))
    qtbot.addWidget(editor)
    fee = editor.cost_edits["online_fee_per_year"]
    assert fee.placeholderText() == "default 600"
    qtbot.keyClicks(fee, "lots")
    editor.validate(everything=True)  # as Save does
    assert "Enter an amount in dollars" in editor.errors["cost_online_fee_per_year"].text()
    assert not editor.save_button.isEnabled()
    fee.setText("250")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    changes = editor.changes()
    assert changes["cost_overrides"].online_fee_per_year == Decimal("250")
    monkeypatch.setattr(program_editor, "edit_program_dialog", lambda *_: dict(changes))
    window.catalog_page.select_program("mercer-online")
    window.edit_action.trigger()
    assert window.db is not None
    assert matching.load_cost_settings(window.db).overrides[
        "mercer-online"
    ].online_fee_per_year == Decimal("250")


def test_cost_defaults_in_settings(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from decimal import Decimal

    from gradmatch.domain.costs import CostDefaults
    from gradmatch.services import matching
    from gradmatch.ui import settings_dialog

    dialog = settings_dialog.cost_defaults_dialog(CostDefaults(), window)
    qtbot.addWidget(dialog)
    dialog.spins["housing_per_year"].setValue(9000)
    monkeypatch.setattr(settings_dialog, "edit_cost_defaults", lambda *_: dialog.value())
    window.cost_defaults_action.trigger()
    assert window.db is not None
    assert matching.load_cost_settings(window.db).defaults.housing_per_year == Decimal("9000")


def test_the_catalog_page_is_read_when_it_is_first_shown(
    qtbot: QtBot, qapp: QApplication, db_path: Path, messages: list[Any]
) -> None:
    configure_application(qapp)
    main = MainWindow(db_path)
    qtbot.addWidget(main)
    main.show()
    main.open_database()
    assert main.tabs.currentWidget() is main.caseload_page
    assert main.catalog_page.view is None and main.catalog_page.model.rowCount() == 0
    status = main.status_label.text()
    assert "17 program offerings, tuition as of January 2026, 0 verified" in status
    assert "findings" not in status  # the check runs with the page
    main.tabs.setCurrentWidget(main.catalog_page)
    assert main.catalog_page.model.rowCount() == 17
    assert "40 data-quality findings" in main.status_label.text()
    main.close()
