"""The profile fields, declared once: every part of a profile has one, each reads what a
person writes and shows it back the same way, and its bounds say what the model says."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from gradmatch.domain.fields import (
    BY_PATH,
    FIELDS,
    Kind,
    build,
    model_error,
    read_texts,
    values_of,
)
from gradmatch.domain.profile import StudentProfile, Subject

FULL = StudentProfile.model_validate(
    {"full_name": "Zoë Ñúñez-Ørsted", "email": "zoe@example.org", "student_id": "S-1",
     "notes": "Met twice", "residency": {"country": "US", "state": "TX"}, "international": False,
     "major": "Mathematics", "gpa": {"value": "3.72", "scale": "4.0"}, "degree_year": 2025,
     "gre": {"verbal": 158, "quant": 166, "writing": "4.5", "taken_on": "2025-06-14"},
     "will_take_gre": True, "english_test": {"kind": "toefl", "score": 110},
     "prerequisites": {"programming": "completed", "calculus": "in_progress"},
     "prerequisite_evidence": {"calculus": {"course": "MATH 2413", "institution": "ACC",
                                            "grade": "A", "year": 2024}},
     "languages": ["Python", "C++"],
     "budget": {"max_total_cost": "45000.50", "employer_reimbursement_per_year": 5250,
                "scholarships": 1000, "savings": 12000, "will_borrow": True,
                "loan": {"amount": 20000, "annual_rate_percent": "6.5", "term_years": 10}},
     "preferences": {"delivery": "online", "part_time": True, "relocate": False,
                     "states": ["TX", "NM"], "specializations": ["nlp", "mlops"],
                     "thesis": "thesis", "career_path": "data_scientist"},
     "employment": {"currently_working": True, "current_salary": 61000, "keep_working": False},
     "application_date": "2026-12-01"}
)  # fmt: skip


def _leaves(data: Any, prefix: str = "") -> set[str]:
    if isinstance(data, dict) and not (prefix.endswith(("prerequisites",))):
        return {leaf for key, value in data.items() for leaf in _leaves(value, f"{prefix}{key}.")}
    return {prefix.rstrip(".")}


def test_every_part_of_a_profile_is_a_declared_field() -> None:
    dumped = FULL.model_dump(mode="python")
    prerequisites = {f"prerequisites.{s.value}" for s in Subject}
    leaves = (_leaves(dumped) - {"prerequisites"}) | prerequisites
    assert leaves <= set(BY_PATH), sorted(leaves - set(BY_PATH))


def test_a_profile_rebuilt_from_its_fields_is_the_same_profile() -> None:
    assert build(values_of(FULL)).profile == FULL


def test_a_profile_shown_as_text_and_read_back_is_the_same_profile() -> None:
    texts = {f.path: f.format(f.get(FULL)) for f in FIELDS}
    reading = read_texts(texts)
    assert reading.errors == {} and reading.profile == FULL


@pytest.mark.parametrize("path", [f.path for f in FIELDS if f.kind is Kind.YES_NO])
def test_a_blank_yes_no_is_not_an_answer_and_yes_no_are(path: str) -> None:
    declared = BY_PATH[path]
    assert declared.parse("Yes") is True and declared.parse(" no ") is False
    if path == "budget.will_borrow":  # the one yes/no the model keeps as plain yes or no
        assert declared.parse("") is False
        return
    assert declared.parse("") is None and declared.parse("   ") is None
    assert declared.format(None) == ""
    assert declared.choices[0].label == "Not answered" and declared.choices[0].value is None


def test_a_minimal_profile_answers_no_question() -> None:
    profile = read_texts({"full_name": "A", "email": "a@example.org"}).profile
    assert profile is not None
    assert [profile.international, profile.will_take_gre, profile.preferences.delivery,
            profile.preferences.part_time, profile.preferences.relocate,
            profile.employment.currently_working, profile.employment.keep_working] == [None] * 7  # fmt: skip


@pytest.mark.parametrize(
    ("path", "text", "value"),
    [
        ("budget.max_total_cost", "$45,000", Decimal(45000)),
        ("budget.max_total_cost", "412.27", Decimal("412.27")),
        ("gpa.value", "3.70", Decimal("3.70")),
        ("degree_year", "2025", 2025),
        ("gre.taken_on", "2025-06-14", date(2025, 6, 14)),
        ("preferences.states", "tx / ca", ("TX", "CA")),
        ("prerequisites.calculus", "In progress", "in_progress"),
        ("preferences.delivery", "Online", "online"),
        ("residency.country", "in", "IN"),
    ],
)
def test_values_are_read_as_people_write_them(path: str, text: str, value: Any) -> None:
    assert BY_PATH[path].parse(text) == value


@pytest.mark.parametrize(
    ("path", "value", "shown"),
    [
        ("budget.max_total_cost", Decimal(45000), "45,000"),
        ("gpa.scale", Decimal(4), "4.0"),
        ("gre.writing", Decimal("4.50"), "4.50"),
        ("languages", ("Python", "SQL"), "Python, SQL"),
        ("preferences.relocate", False, "no"),
        ("preferences.relocate", None, ""),
    ],
)
def test_values_are_shown_as_people_would_type_them(path: str, value: Any, shown: str) -> None:
    declared = BY_PATH[path]
    assert declared.format(value) == shown
    assert declared.parse(shown) == (value if value is not None else declared.blank)


@pytest.mark.parametrize("path", [f.path for f in FIELDS if f.bounds is not None])
def test_a_value_out_of_bounds_gets_the_words_the_model_gives(path: str) -> None:
    declared = BY_PATH[path]
    assert declared.bounds is not None and declared.bounds.low is not None
    below = declared.bounds.low - 1
    with pytest.raises(ValueError) as parsed:
        declared.bounds.check(below)
    texts = {"full_name": "A", "email": "a@example.org", path: str(below)}
    if path.startswith("gre."):
        texts = {"gre.verbal": "150", "gre.quant": "150", "gre.writing": "4",
                 "gre.taken_on": "2024-01-01", **texts}  # fmt: skip
    if path.startswith("budget.loan."):
        texts = {"budget.loan.amount": "1000", "budget.loan.annual_rate_percent": "5",
                 "budget.loan.term_years": "5", **texts}  # fmt: skip
    if path == "gpa.scale":
        texts = {"gpa.value": "3", **texts}
    if path.startswith("prerequisite_evidence."):
        texts = {path.replace("year", "course"): "Calc I", **texts}
    data: dict[str, Any] = {}
    for key, text in texts.items():
        *parents, last = key.split(".")
        target = data
        for part in parents:
            target = target.setdefault(part, {})
        target[last] = text if key != path else below
    with pytest.raises(ValidationError) as caught:
        StudentProfile.model_validate(data)
    assert [model_error(d) for d in caught.value.errors()] == [(path, str(parsed.value))]


def test_a_rule_over_two_fields_is_told_under_the_field_it_concerns() -> None:
    reading = read_texts({"full_name": "A", "email": "a@example.org", "international": "yes"})
    assert reading.errors == {"international": "A US resident is not an international applicant"}
    reading = read_texts({"full_name": "A", "email": "a@example.org", "gpa.value": "86"})
    assert reading.errors == {"gpa.value": "A GPA of 86 is above its 4.0 scale"}


def test_half_of_a_gre_or_a_loan_says_what_is_missing() -> None:
    reading = read_texts({"full_name": "A", "email": "a@example.org", "gre.quant": "160",
                          "budget.loan.amount": "20,000"})  # fmt: skip
    assert set(reading.errors) == {"gre.verbal",
                                   "budget.loan.annual_rate_percent", "budget.loan.term_years"}  # fmt: skip
    assert reading.errors["gre.verbal"].startswith("Give the GRE verbal and quant scores")


def test_updating_keeps_what_is_not_given_and_blank_clears_an_answer() -> None:
    reading = read_texts({"preferences.relocate": "", "gre.quant": "170"}, base=FULL)
    assert reading.profile is not None
    assert reading.profile.preferences.relocate is None
    assert reading.profile.gre is not None and reading.profile.gre.quant == 170
    assert reading.profile.application_date == FULL.application_date
    assert reading.profile.prerequisite_evidence == FULL.prerequisite_evidence


def test_the_new_mnemonics_take_letters_no_other_label_uses() -> None:
    letters: dict[str, list[str]] = {}
    for declared in FIELDS:
        if "&" in declared.label:
            letter = declared.label[declared.label.index("&") + 1].casefold()
            letters.setdefault(letter, []).append(declared.path)
    for path in ("international", "will_take_gre", "preferences.part_time",
                 "preferences.relocate", "employment.currently_working",
                 "employment.keep_working"):  # fmt: skip
        label = BY_PATH[path].label
        assert letters[label[label.index("&") + 1].casefold()] == [path], path
