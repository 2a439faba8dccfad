"""What a shortlist PDF says, gathered once: the PDF and the window show the same figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gradmatch.domain.catalog import SourceInfo
from gradmatch.domain.costs import CostEstimate
from gradmatch.domain.matching import Match
from gradmatch.domain.meeting_log import LogRecord
from gradmatch.domain.profile import StudentProfile
from gradmatch.domain.shortlist import ShortlistEntry
from gradmatch.domain.voice import COUNSELOR, Voice

BEST_MATCHES_LIMIT = 10


@dataclass(frozen=True)
class ReportEntry:
    match: Match
    note: str

    @property
    def cost(self) -> CostEstimate:
        """The match's own estimate: the figures the window shows."""
        return self.match.cost


@dataclass(frozen=True)
class ShortlistReport:
    profile: StudentProfile
    counselor: str
    prepared_on: date
    entries: tuple[ReportEntry, ...]
    from_shortlist: bool  # False: no shortlist yet, the best matches stand in
    source: SourceInfo | None
    # Shortlist entries whose program left the catalog: kept, listed with their note.
    retired: tuple[ShortlistEntry, ...] = ()
    # The meeting log, newest first, only in a counselor's copy (asked for at each export;
    # None: not asked, so the PDF is the student's and says nothing of a log).
    log: tuple[LogRecord, ...] | None = None
    # Whom the PDF speaks to: the counselor's words about "the student", or "you".
    voice: Voice = COUNSELOR
