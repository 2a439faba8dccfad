"""Estimated tuition for one student: required credits × tuition per credit, residency-aware.

The in-state rate applies only where the program has one and the student is a resident of
the program's state. Where credits or the rate are missing, the article's stated total
tuition stands in (and says so); where that is missing too the tuition is unknown, never
zero. (The cost model, with fees and income forgone, builds on this.)
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from gradmatch.domain.catalog import Program, format_year_month
from gradmatch.domain.money import format_dollars, format_money, round_cents
from gradmatch.domain.profile import StudentProfile
from gradmatch.domain.voice import COUNSELOR, Voice


@dataclass(frozen=True)
class TuitionEstimate:
    amount: Decimal
    in_state: bool
    basis: str  # in words: where the number comes from


def resident_state(profile: StudentProfile) -> str | None:
    """The state whose in-state rates the student pays (None: none, or not recorded)."""
    return profile.home_state


def is_in_state(program: Program, profile: StudentProfile) -> bool:
    return pays_in_state(program.state, resident_state(profile))


def pays_in_state(program_state: str, home: str | None) -> bool:
    """Whether a resident of ``home`` pays a program's in-state rate (where it has one)."""
    return home is not None and home == program_state


@dataclass(frozen=True)
class TuitionFigures:
    """A program's tuition for an in-state and an out-of-state student (the same where the
    program has one rate); None where the catalog has no figure for it."""

    in_state: Decimal | None
    out_of_state: Decimal | None
    split: bool


def tuition_figures(program: Program) -> TuitionFigures:
    rate = program.cost_per_credit
    if program.credits is not None and rate is not None:
        return TuitionFigures(
            round_cents(rate.for_residency(in_state=True) * program.credits),
            round_cents(rate.for_residency(in_state=False) * program.credits),
            rate.is_split,
        )
    stated = program.stated_total
    if stated is not None:
        return TuitionFigures(
            stated.for_residency(in_state=True),
            stated.for_residency(in_state=False),
            stated.is_split,
        )
    return TuitionFigures(None, None, False)


def estimate_tuition(
    program: Program, profile: StudentProfile, voice: Voice = COUNSELOR
) -> TuitionEstimate | None:
    figures = tuition_figures(program)
    if figures.out_of_state is None or figures.in_state is None:
        return None
    in_state = figures.split and is_in_state(program, profile)
    amount = figures.in_state if in_state else figures.out_of_state
    as_of = format_year_month(program.as_of)
    rate = program.cost_per_credit
    if program.credits is not None and rate is not None:
        per_credit = rate.for_residency(in_state=in_state)
        basis = f"{program.credits} credits × {format_money(per_credit)}"
        if rate.is_split:
            basis += " in-state rate" if in_state else " out-of-state rate"
        basis += f", catalog figures as of {as_of}"
    else:
        basis = f"stated total tuition (catalog, as of {as_of}); credits or rate unknown"
    if figures.split and not in_state and _state_unknown(profile):
        basis += (
            f"; {voice.whose} state is not recorded: {voice.ask_for('it')} (residents of "
            f"{program.state_name} pay {format_dollars(figures.in_state)})"
        )
    return TuitionEstimate(amount, in_state, basis)


def _state_unknown(profile: StudentProfile) -> bool:
    return profile.residency.is_us and profile.residency.state is None
