"""The profile exchange file: round trips, foreign keys, newer versions, its schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from gradmatch.domain import exchange
from gradmatch.domain.exchange import ExchangeError, dump_profile, load_profile
from gradmatch.domain.profile import StudentProfile
from tests.conftest import ROOT

NAME = "Zoë Ñúñez-Ørsted 李小龍"


def _profile() -> StudentProfile:
    return StudentProfile.model_validate(
        {
            "full_name": NAME, "email": "zoe@example.org", "student_id": "S-17",
            "residency": {"country": "US", "state": "TX"},
            "gpa": {"value": 3.72, "scale": 4.0},
            "gre": {"verbal": 158, "quant": 166, "writing": 4.5, "taken_on": "2025-06-14"},
            "english_test": {"kind": "ielts", "score": 7.5},
            "prerequisites": {"programming": "completed", "calculus": "in_progress"},
            "prerequisite_evidence": {"calculus": {"course": "MATH 2413", "institution": "Austin CC", "grade": "A", "year": 2024}},
            "budget": {"max_total_cost": 45000, "employer_reimbursement_per_year": 5250},
            "preferences": {"delivery": "campus", "states": ["TX", "CA"], "specializations": ["nlp"], "thesis": "thesis"},
            "employment": {"currently_working": True, "current_salary": 52000.5, "keep_working": False},
        }
    )  # fmt: skip


def test_the_document_has_the_published_keys() -> None:
    document = json.loads(dump_profile(_profile()))
    assert (document["format"], document["version"]) == ("gradmatch-profile", 1)
    student = document["student"]
    for key in ("full_name", "email", "residency", "gpa", "gre", "will_take_gre", "english_test",
                "prerequisites", "budget", "preferences", "employment"):  # fmt: skip
        assert key in student, key
    assert student["full_name"] == NAME
    assert student["residency"] == {"country": "US", "state": "TX"}
    assert student["gpa"] == {"value": 3.72, "scale": 4}
    assert student["gre"] == {"verbal": 158, "quant": 166, "writing": 4.5, "taken_on": "2025-06-14"}
    assert student["english_test"] == {"kind": "ielts", "score": 7.5}
    assert student["prerequisites"]["programming"] == "completed"
    assert student["prerequisites"]["databases"] == "missing"
    assert set(student["budget"]) >= {
        "max_total_cost",
        "employer_reimbursement_per_year",
        "scholarships",
        "savings",
    }
    assert set(student["preferences"]) >= {
        "delivery",
        "part_time",
        "relocate",
        "states",
        "specializations",
        "thesis",
    }
    assert set(student["employment"]) >= {"current_salary", "keep_working"}


def test_a_profile_round_trips_exactly() -> None:
    text = dump_profile(_profile())
    again = load_profile(text.encode(), "zoe.gradmatch.json")
    assert again.profile == _profile()
    assert again.ignored_keys == []
    assert dump_profile(again.profile) == text


def test_unknown_keys_are_reported_not_fatal() -> None:
    document = json.loads(dump_profile(_profile()))
    document["student"]["favourite_colour"] = "teal"
    document["student"]["budget"]["crypto"] = 3
    document["student"]["prerequisites"]["quantum_computing"] = "completed"
    document["signature"] = "abc"
    loaded = load_profile(json.dumps(document).encode(), "x.gradmatch.json")
    assert loaded.profile == _profile()
    assert sorted(loaded.ignored_keys) == [
        "signature", "student.budget.crypto", "student.favourite_colour",
        "student.prerequisites.quantum_computing",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"format": "gradmatch-profile", "version": 2, "student": {}}', "newer GradMatch (profile file version 2)"),
        (b'{"format": "gradmatch-catalog", "version": 1}', "is not a GradMatch profile file"),
        (b"\x89PNG\r\n\x1a\n", "not UTF-8"),
        (b"{", "not valid JSON"),
        (b'{"format": "gradmatch-profile", "version": 1}', 'no "student" object'),
        (b'{"format": "gradmatch-profile", "version": 1, "student": {"full_name": "A", "email": "a@b.co", '
         b'"gre": {"verbal": 171, "quant": 150, "writing": 4, "taken_on": "2024-01-01"}}}', "student.gre.verbal"),
    ],
)  # fmt: skip
def test_a_bad_file_gets_a_message(data: bytes, expected: str) -> None:
    with pytest.raises(ExchangeError) as caught:
        load_profile(data, "x.gradmatch.json")
    assert expected in str(caught.value)


def test_the_published_schema_is_generated_from_the_model() -> None:
    published = ROOT / "docs" / "profile-exchange.schema.json"
    assert published.exists(), "run `make docs-schema`"
    assert json.loads(published.read_text(encoding="utf-8")) == exchange.json_schema(), (
        "docs/profile-exchange.schema.json is out of date: run `make docs-schema`"
    )


def test_the_schema_accepts_an_exported_document(tmp_path: Path) -> None:
    jsonschema.validate(json.loads(dump_profile(_profile())), exchange.json_schema())


def _answers(profile: StudentProfile) -> list[object]:
    return [profile.international, profile.will_take_gre, profile.preferences.delivery,
            profile.preferences.part_time, profile.preferences.relocate,
            profile.employment.currently_working, profile.employment.keep_working]  # fmt: skip


def test_questions_absent_or_null_are_not_answered() -> None:
    absent = b'{"format": "gradmatch-profile", "version": 1, "student": {"full_name": "A", "email": "a@b.co"}}'
    null = json.dumps({"format": "gradmatch-profile", "version": 1, "student": {
        "full_name": "A", "email": "a@b.co", "residency": {"country": "IN", "state": None},
        "international": None, "will_take_gre": None,
        "preferences": {"delivery": None, "part_time": None, "relocate": None},
        "employment": {"currently_working": None, "keep_working": None}}}).encode()  # fmt: skip
    for data in (absent, null):
        assert _answers(load_profile(data, "a.gradmatch.json").profile) == [None] * 7


def test_a_question_not_answered_is_written_as_null_and_read_back_as_such() -> None:
    profile = _profile().model_copy(update={"will_take_gre": None})
    student = json.loads(dump_profile(profile))["student"]
    assert student["will_take_gre"] is None and student["international"] is None
    assert (
        student["preferences"]["relocate"] is None and student["preferences"]["part_time"] is None
    )
    assert student["employment"]["keep_working"] is False  # an answer given stays an answer
    assert load_profile(dump_profile(profile).encode(), "z.gradmatch.json").profile == profile


def test_the_schema_lets_each_question_be_null() -> None:
    schema = exchange.json_schema()
    student = {"full_name": "A", "email": "a@b.co", "international": None,
               "will_take_gre": None, "preferences": {"delivery": None, "part_time": None,
               "relocate": None}, "employment": {"currently_working": None, "keep_working": None}}  # fmt: skip
    jsonschema.validate({"format": "gradmatch-profile", "version": 1, "student": student}, schema)
    with pytest.raises(jsonschema.ValidationError):
        bad = {**student, "will_take_gre": "maybe"}
        jsonschema.validate({"format": "gradmatch-profile", "version": 1, "student": bad}, schema)
    documented = (ROOT / "docs" / "profile-exchange.md").read_text(encoding="utf-8")
    for key in ("international", "will_take_gre", "preferences.delivery",
                "preferences.part_time", "preferences.relocate", "employment.currently_working",
                "employment.keep_working"):  # fmt: skip
        assert f"`{key}`" in documented, key


def test_a_bad_value_in_a_profile_file_gets_the_words_the_form_uses() -> None:
    document = json.loads(dump_profile(_profile()))
    document["student"]["gpa"]["value"] = "abc"
    document["student"]["budget"]["max_total_cost"] = "12,34,5"
    with pytest.raises(ExchangeError) as caught:
        load_profile(json.dumps(document).encode(), "z.gradmatch.json")
    assert caught.value.problems == [
        "z.gradmatch.json: student.gpa.value: Enter a number, e.g. 3.4",
        "z.gradmatch.json: student.budget.max_total_cost: Enter an amount in dollars, e.g. 45,000",
    ]
