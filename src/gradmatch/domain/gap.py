"""Gap analysis: which prerequisites a student lacks for a program, and a bridge plan.

The plan orders the missing subjects by their dependencies, picks for each the cheapest
bridge that fits the student's pace, and runs independent subjects side by side (three
at a time full time, one at a time part time). ``in_progress`` is a partial gap: half
the course remains and it is already paid for.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from gradmatch.domain.prerequisites import (
    BridgeCatalog,
    BridgeOption,
    Expectation,
    PrerequisiteModel,
)
from gradmatch.domain.profile import Status, StudentProfile, Subject

WEEKS_PER_MONTH = Decimal("4.345")
PARALLEL = {"full_time": 3, "part_time": 1}


@dataclass(frozen=True)
class BridgeStep:
    subject: Subject
    option: BridgeOption | None  # None: no bridge option on file for this subject
    start_week: int
    end_week: int
    cost_low: Decimal
    cost_high: Decimal
    partial: bool  # already in progress: the rest of the course

    @property
    def weeks(self) -> int:
        return self.end_week - self.start_week


@dataclass(frozen=True)
class BridgePlan:
    steps: tuple[BridgeStep, ...]
    pace: str

    @cached_property
    def weeks(self) -> int:
        return max((step.end_week for step in self.steps), default=0)

    @cached_property
    def months(self) -> Decimal:
        """Months until ready, to one decimal, rounded up."""
        if not self.steps:
            return Decimal(0)
        return Decimal(math.ceil(Decimal(self.weeks) / WEEKS_PER_MONTH * 10)) / 10

    @cached_property
    def cost_low(self) -> Decimal:
        return sum((step.cost_low for step in self.steps), Decimal(0))

    @cached_property
    def cost_high(self) -> Decimal:
        return sum((step.cost_high for step in self.steps), Decimal(0))

    @property
    def unplanned(self) -> list[Subject]:
        return [step.subject for step in self.steps if step.option is None]


@dataclass(frozen=True)
class Gap:
    missing: tuple[Subject, ...]  # required, status missing or planned
    partial: tuple[Subject, ...]  # required, in progress
    recommended_missing: tuple[Subject, ...]
    plan: BridgePlan

    @property
    def is_empty(self) -> bool:
        return not self.missing and not self.partial


def student_pace(profile: StudentProfile) -> str:
    # Not answered: full time is assumed, and the cost says so.
    part_time = profile.preferences.part_time is True or profile.employment.keep_working is True
    full_time = not part_time
    return "full_time" if full_time else "part_time"


def choose_option(options: list[BridgeOption], pace: str) -> BridgeOption | None:
    """The cheapest option the student can take at their pace; then the shortest."""
    usable = [o for o in options if pace == "full_time" or o.pace == "part_time"]
    if not usable:
        return None
    return min(usable, key=lambda o: (o.cost_high, o.cost_low, o.weeks, o.kind.value))


def analyse(
    profile: StudentProfile,
    program_id: str,
    model: PrerequisiteModel,
    bridges: BridgeCatalog,
) -> Gap:
    expectations = model.expectations(program_id)
    required = [s for s in model.order() if expectations[s] is Expectation.REQUIRED]
    missing = tuple(
        s for s in required if profile.prerequisites[s] in (Status.MISSING, Status.PLANNED)
    )
    partial = tuple(s for s in required if profile.prerequisites[s] is Status.IN_PROGRESS)
    recommended_missing = tuple(
        s
        for s in model.order()
        if expectations[s] is Expectation.RECOMMENDED
        and profile.prerequisites[s] is not Status.COMPLETED
    )
    pace = student_pace(profile)
    plan = plan_bridges(model, bridges, set(missing), set(partial), pace)
    return Gap(missing, partial, recommended_missing, plan)


def plan_bridges(
    model: PrerequisiteModel,
    bridges: BridgeCatalog,
    missing: set[Subject],
    partial: set[Subject],
    pace: str,
) -> BridgePlan:
    slots = [0] * PARALLEL[pace]  # the week each parallel slot is free again
    finished: dict[Subject, int] = {}
    steps = []
    for subject in model.order():
        if subject not in missing and subject not in partial:
            continue
        option = choose_option(bridges.for_subject(subject), pace)
        weeks = option.weeks if option else 16
        is_partial = subject in partial
        if is_partial:
            weeks = max(1, math.ceil(weeks / 2))
        ready = max((finished.get(before, 0) for before in model.rule(subject).after), default=0)
        slot = min(range(len(slots)), key=lambda i: (max(slots[i], ready), i))
        start = max(slots[slot], ready)
        end = start + weeks
        slots[slot] = end
        finished[subject] = end
        cost_low = Decimal(0) if is_partial or option is None else option.cost_low
        cost_high = Decimal(0) if is_partial or option is None else option.cost_high
        steps.append(BridgeStep(subject, option, start, end, cost_low, cost_high, is_partial))
    return BridgePlan(tuple(steps), pace)
