"""The profile form, as a counselor uses it: unanswered questions stay unanswered, answers
chosen by keyboard are saved and shown back, and each bad value gets its message."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget
from pytestqt.qtbot import QtBot

from gradmatch.domain.profile import DeliveryPreference, StudentProfile
from gradmatch.services import students as student_service
from gradmatch.services.database import Database
from gradmatch.ui.profile_editor import ProfileEditor
from gradmatch.ui.profile_form import ProfileForm

# The questions the matcher reads, by the object name of their input (the profile's path).
QUESTIONS = (
    "international",
    "will_take_gre",
    "preferences.delivery",
    "preferences.part_time",
    "preferences.relocate",
    "employment.currently_working",
    "employment.keep_working",
)


def _answers(profile: StudentProfile) -> dict[str, Any]:
    return {
        "international": profile.international,
        "will_take_gre": profile.will_take_gre,
        "preferences.delivery": profile.preferences.delivery,
        "preferences.part_time": profile.preferences.part_time,
        "preferences.relocate": profile.preferences.relocate,
        "employment.currently_working": profile.employment.currently_working,
        "employment.keep_working": profile.employment.keep_working,
    }


def _shown(form: QWidget) -> dict[str, str]:
    return {name: form.findChild(QComboBox, name).currentText() for name in QUESTIONS}


@pytest.fixture
def form(qtbot: QtBot) -> ProfileForm:
    widget = ProfileForm()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def editor(qtbot: QtBot, database: Database) -> Iterator[ProfileEditor]:
    widget = ProfileEditor(
        lambda profile, sid: student_service.save_student(database, profile, sid)
    )
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    yield widget
    if widget.is_dirty():
        widget.revert()


def test_a_new_student_starts_with_every_question_not_answered_and_saves_none(
    qtbot: QtBot, form: ProfileForm
) -> None:
    assert _shown(form) == dict.fromkeys(QUESTIONS, "Not answered")
    qtbot.keyClicks(form.full_name, "Zoe Nunez")
    qtbot.keyClicks(form.email, "zoe@example.org")
    form.country.clear()
    qtbot.keyClicks(form.country, "IN")
    profile, errors = form.read()
    assert errors == {} and profile is not None
    assert _answers(profile) == dict.fromkeys(QUESTIONS)


def test_a_profile_with_questions_not_answered_shows_them_so_and_keeps_them(
    form: ProfileForm,
) -> None:
    profile = StudentProfile.model_validate(
        {"full_name": "Li Xiaolong", "email": "li@example.org", "residency": {"country": "CN"},
         "international": True, "preferences": {"relocate": False},
         "employment": {"currently_working": True}}
    )  # fmt: skip
    form.load(profile)
    assert _shown(form) == {
        **dict.fromkeys(QUESTIONS, "Not answered"),
        "international": "Yes",
        "preferences.relocate": "No",
        "employment.currently_working": "Yes",
    }
    assert not form.is_dirty()
    again, errors = form.read()
    assert errors == {} and again == profile
    assert again is not None and again.will_take_gre is None and again.preferences.delivery is None


def test_delivery_offers_not_answered_first(form: ProfileForm) -> None:
    items = [form.delivery.itemText(i) for i in range(form.delivery.count())]
    assert items == ["Not answered", "Campus or online", "Campus", "Online"]


def test_a_counselor_answers_by_keyboard_saves_and_sees_the_answers_again(
    qtbot: QtBot, editor: ProfileEditor, database: Database
) -> None:
    form = editor.form
    editor.new_student()
    qtbot.keyClicks(form.full_name, "Li Xiaolong")
    qtbot.keyClicks(form.email, "li@example.org")
    form.country.clear()
    qtbot.keyClicks(form.country, "CN")

    def answer(mnemonic: Qt.Key, combo: QComboBox, downs: int) -> None:
        qtbot.keyClick(editor, mnemonic, Qt.KeyboardModifier.AltModifier)
        assert editor.focusWidget() is combo
        for _ in range(downs):
            qtbot.keyClick(combo, Qt.Key.Key_Down)

    answer(Qt.Key.Key_P, form.international, 1)  # International a&pplicant: Yes
    answer(Qt.Key.Key_A, form.relocate, 2)  # Willing to reloc&ate: No
    answer(Qt.Key.Key_K, form.will_take_gre, 1)  # Willing to ta&ke the GRE: Yes
    answer(Qt.Key.Key_Y, form.working, 2)  # Currentl&y working: No
    answer(Qt.Key.Key_D, form.delivery, 3)  # &Delivery: Online
    assert form.relocate.currentText() == "No" and form.international.currentText() == "Yes"
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert editor.record is not None and not editor.is_dirty()
    stored = student_service.get_student(database, editor.record.id).profile
    assert _answers(stored) == {
        "international": True,
        "will_take_gre": True,
        "preferences.delivery": DeliveryPreference.ONLINE,
        "preferences.part_time": None,  # never touched: still not answered
        "preferences.relocate": False,
        "employment.currently_working": False,
        "employment.keep_working": None,
    }
    editor.show_record(student_service.get_student(database, editor.record.id))
    assert _shown(form) == {
        "international": "Yes",
        "will_take_gre": "Yes",
        "preferences.delivery": "Online",
        "preferences.part_time": "Not answered",
        "preferences.relocate": "No",
        "employment.currently_working": "No",
        "employment.keep_working": "Not answered",
    }
    # Back to "not answered" by keyboard, and saved as such.
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(form.relocate, Qt.Key.Key_Home)
    assert form.relocate.currentText() == "Not answered"
    assert editor.save()
    assert (
        student_service.get_student(database, editor.record.id).profile.preferences.relocate is None
    )


def test_the_existing_mnemonics_still_reach_their_fields(
    qtbot: QtBot, editor: ProfileEditor
) -> None:
    form = editor.form
    for key, widget in (
        (Qt.Key.Key_M, form.email),
        (Qt.Key.Key_G, form.gpa_value),
        (Qt.Key.Key_Q, form.gre_quant),
        (Qt.Key.Key_L, form.english_kind),
        (Qt.Key.Key_O, form.country),
        (Qt.Key.Key_J, form.major),
    ):
        form.has_gre.setChecked(True)  # the GRE fields take focus only when enabled
        qtbot.keyClick(editor, key, Qt.KeyboardModifier.AltModifier)
        assert editor.focusWidget() is widget, key


def test_a_draft_keeps_the_answers_as_chosen(qtbot: QtBot, form: ProfileForm) -> None:
    form.relocate.setCurrentIndex(2)
    form.international.setCurrentIndex(1)
    state = form.raw_state()
    other = ProfileForm()
    qtbot.addWidget(other)
    other.apply_state(state)
    assert other.relocate.currentText() == "No" and other.international.currentText() == "Yes"
    assert other.raw_state() == state
