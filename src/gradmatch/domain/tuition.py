"""Estimated tuition for one student: required credits × tuition per credit, residency-aware.

The in-state rate applies only where the program has one and the student is a resident of
the program's state. Where credits or the rate are missing the estimate is unknown, never
zero. (The full cost model, with fees and opportunity cost, builds on this.)
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from gradmatch.domain.catalog import Program, format_year_month
from gradmatch.domain.money import format_money, round_cents
from gradmatch.domain.profile import StudentProfile


@dataclass(frozen=True)
class TuitionEstimate:
    amount: Decimal
    in_state: bool
    basis: str  # in words: where the number comes from


def is_in_state(program: Program, profile: StudentProfile) -> bool:
    return (
        profile.residency.is_us
        and not profile.international
        and profile.residency.state is not None
        and profile.residency.state == program.state
    )


def estimate_tuition(program: Program, profile: StudentProfile) -> TuitionEstimate | None:
    if program.credits is None or program.cost_per_credit is None:
        return None
    rate = program.cost_per_credit
    in_state = rate.is_split and is_in_state(program, profile)
    per_credit = rate.for_residency(in_state=in_state)
    amount = round_cents(per_credit * program.credits)
    if rate.is_split:
        which = "in-state" if in_state else "out-of-state"
        basis = f"{program.credits} credits × {format_money(per_credit)} {which} rate"
    else:
        basis = f"{program.credits} credits × {format_money(per_credit)}"
    as_of = format_year_month(program.as_of)
    return TuitionEstimate(amount, in_state, f"{basis}, catalog figures as of {as_of}")
