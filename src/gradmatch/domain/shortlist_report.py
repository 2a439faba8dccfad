"""What a shortlist PDF says, gathered once: the PDF and the window show the same figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from gradmatch.domain.catalog import SourceInfo
from gradmatch.domain.costs import CostEstimate
from gradmatch.domain.matching import Match
from gradmatch.domain.profile import StudentProfile

BEST_MATCHES_LIMIT = 10


@dataclass(frozen=True)
class ReportEntry:
    match: Match
    cost: CostEstimate
    note: str


@dataclass(frozen=True)
class ShortlistReport:
    profile: StudentProfile
    counselor: str
    prepared_on: date
    entries: tuple[ReportEntry, ...]
    from_shortlist: bool  # False: no shortlist yet, the best matches stand in
    source: SourceInfo | None

    def within_budget(self, entry: ReportEntry) -> bool | None:
        budget: Decimal | None = self.profile.budget.max_total_cost
        if budget is None or not entry.cost.tuition_known:
            return None
        return entry.cost.net <= budget
