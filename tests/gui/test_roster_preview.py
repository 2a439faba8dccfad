"""The roster preview, as a counselor reads it before importing."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gradmatch.domain.roster import read_roster
from gradmatch.ui.roster_dialog import RosterPreviewDialog


def test_a_duplicated_row_is_flagged_on_both_rows_and_left_out(
    qtbot: QtBot, qapp: QApplication
) -> None:
    data = (
        b"full_name,email,student_id,gre_quant,gre_verbal\n"
        b"Ana Lima,ana@example.org,S-1,165,158\n"
        b"Ben Okafor,ben@example.org,S-2,,\n"
        b"Ana Lima,ana@example.org,S-1,165,158\n"  # pasted twice
    )
    dialog = RosterPreviewDialog(read_roster(data, "class.csv"), "class.csv")
    qtbot.addWidget(dialog)
    dialog.show()
    model = dialog.model
    problems = {model.index(r, 0).data(): model.index(r, 4).data() for r in range(3)}
    assert problems["3"] == "OK"  # Ben, and his blank GRE cells are no GRE, not an error
    assert "also on row 4" in problems["2"] and "one row per student" in problems["2"]
    assert "also on row 2" in problems["4"]
    assert dialog.import_button.text() == "Import 1 valid row"
