"""The profile's rules, as a counselor would state them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from gradmatch.domain.profile import (
    EnglishTest,
    Gpa,
    GreScores,
    Residency,
    Status,
    StudentProfile,
    Subject,
)

BASE: dict[str, Any] = {"full_name": "Zoë Ñúñez-Ørsted 李小龍", "email": "zoe@example.org"}


def _message(**changes: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        StudentProfile.model_validate({**BASE, **changes})
    return str(caught.value)


def test_a_minimal_profile_has_every_subject_missing() -> None:
    profile = StudentProfile.model_validate(BASE)
    assert profile.full_name == "Zoë Ñúñez-Ørsted 李小龍"
    assert set(profile.prerequisites) == set(Subject)
    assert all(status is Status.MISSING for status in profile.prerequisites.values())
    assert profile.readiness == "0/10"
    assert profile.residency.country == "US"
    assert profile.gpa is None and profile.gre is None
    # A question not asked is not answered: never "no".
    assert profile.will_take_gre is None and profile.international is None
    assert profile.preferences.delivery is None
    assert profile.preferences.part_time is None and profile.preferences.relocate is None
    assert profile.employment.currently_working is None
    assert profile.employment.keep_working is None


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"gre": {"verbal": 150, "quant": 171, "writing": 4, "taken_on": "2024-01-01"}}, "run from 130 to 170"),
        ({"gre": {"verbal": 129, "quant": 150, "writing": 4, "taken_on": "2024-01-01"}}, "run from 130 to 170"),
        ({"gre": {"verbal": 150, "quant": 150, "writing": "4.3", "taken_on": "2024-01-01"}}, "half points"),
        ({"gre": {"verbal": 150, "quant": 150, "writing": "6.5", "taken_on": "2024-01-01"}}, "0.0 to 6.0"),
        ({"gre": {"verbal": 150, "quant": 150, "writing": 4, "taken_on": "2999-01-01"}}, "cannot be in the future"),
        ({"gpa": {"value": "4.5", "scale": "4.0"}}, "A GPA of 4.5 is above its 4.0 scale"),
        ({"english_test": {"kind": "toefl", "score": 121}}, "TOEFL score is a whole number from 0 to 120"),
        ({"english_test": {"kind": "ielts", "score": "6.3"}}, "half bands"),
        ({"email": "not-an-email"}, "Enter an email address"),
        ({"full_name": "   "}, "full_name"),
        ({"student_id": "has spaces"}, "letters, digits"),
        ({"residency": {"country": "US", "state": "XX"}}, "'XX' is not a US state code"),
        ({"residency": {"country": "IN", "state": "TX"}}, "A state applies to US residents only"),
        ({"international": True}, "A US resident is not an international applicant"),
        ({"budget": {"max_total_cost": -1}}, "Enter an amount from $0"),
        ({"preferences": {"states": ["TX", "ZZ"]}}, "Unknown US state codes: ZZ"),
    ],
)  # fmt: skip
def test_out_of_range_values_are_refused_with_a_clear_message(
    changes: dict[str, Any], expected: str
) -> None:
    assert expected in _message(**changes)


def test_a_gpa_on_another_scale() -> None:
    gpa = Gpa(value=Decimal("86"), scale=Decimal("100"))
    assert gpa.on_four_point_scale == Decimal("3.44")


def test_a_gre_score_expires_five_years_after_the_test() -> None:
    gre = GreScores(verbal=160, quant=165, writing=Decimal("4.5"), taken_on=date(2021, 3, 1))
    profile = StudentProfile.model_validate({**BASE, "gre": gre, "application_date": "2026-02-28"})
    assert not profile.gre_expired()
    later = profile.model_copy(update={"application_date": date(2026, 3, 2)})
    assert later.gre_expired()
    leap = GreScores(verbal=160, quant=165, writing=Decimal("4"), taken_on=date(2020, 2, 29))
    assert leap.expires_on() == date(2025, 2, 28)


def test_no_gre_and_willing_to_take_it_are_explicit_states() -> None:
    profile = StudentProfile.model_validate({**BASE, "gre": None, "will_take_gre": True})
    assert profile.gre is None and profile.will_take_gre
    assert not profile.gre_expired()


def test_english_tests_in_range() -> None:
    assert EnglishTest(kind="ielts", score=Decimal("6.5")).score == Decimal("6.5")
    assert EnglishTest(kind="toefl", score=Decimal("104")).kind == "toefl"


def test_residency_outside_the_us() -> None:
    assert Residency(country="CN").state is None
    profile = StudentProfile.model_validate(
        {**BASE, "residency": {"country": "CN"}, "international": True}
    )
    assert profile.international


def test_a_us_resident_never_applies_as_international_and_others_say_so_or_not() -> None:
    assert StudentProfile.model_validate(BASE).applies_as_international is False
    abroad = StudentProfile.model_validate({**BASE, "residency": {"country": "IN"}})
    assert abroad.applies_as_international is None  # not answered
    said = abroad.model_copy(update={"international": False})
    assert said.applies_as_international is False


def test_the_home_state_is_known_only_for_a_us_resident_with_a_state() -> None:
    assert StudentProfile.model_validate(BASE).home_state is None  # not recorded
    texan = StudentProfile.model_validate({**BASE, "residency": {"country": "US", "state": "TX"}})
    assert texan.home_state == "TX"
    assert (
        StudentProfile.model_validate({**BASE, "residency": {"country": "IN"}}).home_state is None
    )
