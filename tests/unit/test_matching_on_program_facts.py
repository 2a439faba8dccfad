"""The criteria on the facts a counselor records about a program (issue 16): its
specializations, thesis option, English-test minimums and part-time study — each compared
with the student's answer; unknown where the catalog has no figure, never read as "no"."""

from __future__ import annotations

from typing import Any

from gradmatch.domain.catalog import Program
from gradmatch.domain.match_settings import MatchWeights
from gradmatch.domain.matching import Bucket, Criterion, Match, Verdict, match_program, rank
from gradmatch.services.matching import shipped_bridges, shipped_prerequisites
from tests.unit.test_matching import BY_ID, TODAY, student

ONLINE = "csu-global-online"


def _program(**facts: Any) -> Program:
    """The shipped online offering with ``facts`` recorded (validated as a file's would be)."""
    return Program.model_validate({**BY_ID[ONLINE].model_dump(), **facts})


def _match(program: Program, **profile: Any) -> Match:
    return match_program(
        program, student(**profile), shipped_prerequisites(), shipped_bridges(),
        MatchWeights(), today=TODAY,
    )  # fmt: skip


def _reason(match: Match, criterion: Criterion) -> Any:
    found = [r for r in match.reasons if r.criterion is criterion]
    return found[0] if found else None


def test_specializations_listed_by_the_school_are_matched_by_name() -> None:
    program = _program(specializations=("Natural Language Processing", "Computer Vision"))
    wants_nlp = _match(program, preferences={"specializations": ["nlp"]})
    reason = _reason(wants_nlp, Criterion.SPECIALIZATION)
    assert reason.verdict is Verdict.FITS and not reason.unknown
    assert "Offers NLP" in reason.text and "Natural Language Processing" in reason.text
    both = _match(program, preferences={"specializations": ["nlp", "mlops"]})
    reason = _reason(both, Criterion.SPECIALIZATION)
    assert reason.verdict is Verdict.CAUTION and "MLOps not listed" in reason.text
    assert reason.fraction < 1.0  # half of what was asked for earns less of its weight
    unlisted = _match(_program(), preferences={"specializations": ["nlp"]})
    assert _reason(unlisted, Criterion.SPECIALIZATION).unknown  # no list: unknown, not "no"


def test_a_thesis_option_is_compared_with_the_track_the_student_prefers() -> None:
    with_thesis = _program(thesis_option=True)
    without = _program(thesis_option=False)
    assert _reason(_match(with_thesis, preferences={"thesis": "thesis"}), Criterion.THESIS).verdict is Verdict.FITS  # fmt: skip
    reason = _reason(_match(without, preferences={"thesis": "thesis"}), Criterion.THESIS)
    assert reason.verdict is Verdict.CAUTION and "No thesis option" in reason.text
    coursework = _reason(_match(without, preferences={"thesis": "coursework"}), Criterion.THESIS)
    assert coursework.verdict is Verdict.FITS
    assert _reason(_match(_program(), preferences={"thesis": "thesis"}), Criterion.THESIS).unknown


def test_an_english_score_below_the_programs_minimum_is_a_stretch_until_a_retake() -> None:
    program = _program(english_tests=({"test": "IELTS", "minimum": "6.5"},
                                      {"test": "TOEFL", "minimum": 80}))  # fmt: skip
    abroad = {"residency": {"country": "IN"}, "international": True}
    low = _match(program, **abroad, english_test={"kind": "ielts", "score": "6.0"})
    reason = _reason(low, Criterion.ENGLISH)
    assert reason.blocks and "below the program's minimum of 6.5" in reason.text
    assert low.bucket is Bucket.STRETCH
    high = _match(program, **abroad, english_test={"kind": "toefl", "score": 95})
    reason = _reason(high, Criterion.ENGLISH)
    assert (
        reason.verdict is Verdict.FITS and "at or above the program's minimum of 80" in reason.text
    )
    assert high.bucket is Bucket.READY


def test_part_time_study_is_read_from_the_catalog_and_unanswered_is_asked() -> None:
    full_time_only = _program(part_time=False)
    needs = _match(full_time_only, preferences={"part_time": True})
    reason = _reason(needs, Criterion.PART_TIME)
    assert reason.verdict is Verdict.DOES_NOT_FIT and reason.blocks
    assert needs.bucket is Bucket.STRETCH  # an answer that can change: not "not a fit"
    unanswered = _match(full_time_only, preferences={"part_time": None})
    reason = _reason(unanswered, Criterion.PART_TIME)
    assert reason.ask and reason.blocks and "whether" in reason.text
    offered = _match(_program(part_time=True), preferences={"part_time": None})
    assert _reason(offered, Criterion.PART_TIME) is None  # fits whatever the answer
    assert offered.bucket is Bucket.READY
    fits = _match(_program(part_time=True), preferences={"part_time": True})
    assert _reason(fits, Criterion.PART_TIME).verdict is Verdict.FITS


def test_the_application_fee_is_a_cost_line_with_its_source_and_counts_in_both_totals() -> None:
    fee = Program.model_validate({
        **BY_ID[ONLINE].model_dump(), "application_fee": "75",
        "provenance": {"application_fee": {"source": "school_page", "as_of": "2026-10",
                                           "verified_by": "A. Lee", "verified_on": "2026-11-02"}},
    })  # fmt: skip
    without, with_fee = _match(BY_ID[ONLINE]), _match(fee)
    line = with_fee.cost.line("application_fee")
    assert line is not None and line.amount == 75
    assert "the school's page" in line.source and "verified by A. Lee on 2026-11-02" in line.source
    assert without.cost.line("application_fee") is None  # no figure: no line, no $0
    assert with_fee.total is not None and without.total is not None
    assert with_fee.total - without.total == 75
    assert with_fee.to_student is not None and without.to_student is not None
    assert with_fee.to_student - without.to_student == 75
    # Ranked among programs without one, the ranking's figure is the explanation's.
    ranking = rank([BY_ID[ONLINE], fee.model_copy(update={"id": "fee-online"})], student(),
                   shipped_prerequisites(), shipped_bridges(), MatchWeights(), today=TODAY)  # fmt: skip
    by_id = {ranking.program(i).id: i for i in range(len(ranking))}
    assert ranking.total_cents(by_id["fee-online"]) == ranking.total_cents(by_id[ONLINE]) + 7500
    assert ranking[by_id["fee-online"]].total == with_fee.total
