"""`catalog check` reports each of the source article's internal contradictions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gradmatch import locations
from gradmatch.domain.catalog import Catalog, Program, Tuition
from gradmatch.domain.catalog_parse import parse_catalog
from gradmatch.domain.quality import (
    FindingKind,
    QualityReport,
    Severity,
    check_catalog,
    check_program,
    parse_printed_tuition,
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return parse_catalog(locations.shipped_catalog().read_bytes(), "programs.json")


@pytest.fixture(scope="module")
def report(catalog: Catalog) -> QualityReport:
    return check_catalog(catalog)


def _finding(report: QualityReport, finding_id: str):  # type: ignore[no-untyped-def]
    matches = [f for f in report.findings if f.id == finding_id]
    assert matches, f"missing finding {finding_id}; have {[f.id for f in report.findings]}"
    return matches[0]


def _values(finding) -> list[str]:  # type: ignore[no-untyped-def]
    return [v.value for v in finding.values]


def test_csu_global_total_differs_between_the_ranking_card_and_the_listing(
    report: QualityReport,
) -> None:
    finding = _finding(report, "listing_conflict:csu-global-online:total_tuition")
    assert finding.severity is Severity.CONFLICT
    assert _values(finding) == ["$20,250", "$24,300"]
    vs_rate = _finding(report, "total_vs_rate:csu-global-online:online-school-listing-1:all")
    assert (
        "$24,300" in vs_rate.message
        and "$20,250" in vs_rate.message
        and "$4,050" in vs_rate.message
    )


def test_stevens_online_total_differs_between_listings(report: QualityReport) -> None:
    finding = _finding(report, "listing_conflict:stevens-online:total_tuition")
    assert _values(finding) == ["$59,790", "$59,970"]


def test_arizona_online_totals_differ_on_both_sides(report: QualityReport) -> None:
    finding = _finding(report, "listing_conflict:arizona-online:total_tuition")
    assert _values(finding) == [
        "$24,000 in-state | $54,060 out-of-state",
        "$24,003 in-state | $54,051 out-of-state",
    ]


def test_claremont_total_is_not_credits_times_rate(report: QualityReport) -> None:
    finding = _finding(report, "total_vs_rate:claremont-campus:the-program-card:all")
    assert finding.severity is Severity.CONFLICT
    assert _values(finding) == ["$64,640", "$66,240"]


def test_duke_total_is_seven_dollars_off(report: QualityReport) -> None:
    finding = _finding(report, "total_vs_rate:duke-campus:the-program-card:all")
    assert _values(finding) == ["$73,057", "$73,050"]


def test_cent_rounding_is_a_note_not_a_conflict(report: QualityReport) -> None:
    for finding_id in (
        "total_vs_rate:maryland-campus:the-program-card:all",
        "total_vs_rate:north-texas-campus:the-program-card:in-state",
    ):
        assert _finding(report, finding_id).severity is Severity.INFO


def test_credits_written_as_dollars_in_every_online_card(report: QualityReport) -> None:
    flagged = {f.program_id for f in report.findings if f.kind is FindingKind.CREDITS_AS_DOLLARS}
    assert flagged == {
        "drexel-online", "mercer-online", "stevens-online", "arizona-online",
        "csu-global-online", "columbia-online",
    }  # fmt: skip
    drexel = _finding(report, "credits_as_dollars:drexel-online:2026-online-ranking-1")
    assert _values(drexel) == ["$45", "45"]


def test_the_unlabelled_arizona_rate_is_flagged(report: QualityReport) -> None:
    finding = _finding(
        report, "unlabelled_figure:arizona-campus:cost_per_credit:campus-school-listing-7"
    )
    assert "$2,001.89" in finding.values[0].value


def test_average_total_costs_cannot_be_reproduced(report: QualityReport) -> None:
    campus = _finding(report, "summary_statistic:campus:average_total")
    assert _values(campus) == ["$77,118", "$63,020.93 to $68,436.25"]
    online = _finding(report, "summary_statistic:online:average_total")
    assert _values(online)[0] == "$51,316"


def test_per_credit_extremes_agree_with_the_cards(report: QualityReport) -> None:
    checks = {(c.scope.value, c.statistic): c for c in report.statistics}
    assert len(checks) == 6
    for key in (("campus", "lowest_per_credit"), ("campus", "highest_per_credit"),
                ("online", "lowest_per_credit"), ("online", "highest_per_credit")):  # fmt: skip
        assert checks[key].agrees, key
    assert checks[("campus", "highest_per_credit")].recomputed_high == Decimal("8173")
    assert checks[("online", "lowest_per_credit")].recomputed_low == Decimal("675")
    assert not checks[("campus", "average_total")].agrees


def test_restarted_ranking_numbers_are_flagged(report: QualityReport) -> None:
    flagged = {f.id for f in report.findings if f.kind is FindingKind.RANKING_NUMBERING}
    assert flagged == {
        "ranking_numbering:2025:campus",
        "ranking_numbering:2024:campus",
        "ranking_numbering:2025:online",
    }


def test_schools_ranked_without_a_card_are_listed(report: QualityReport) -> None:
    flagged = {f.id for f in report.findings if f.kind is FindingKind.RANKED_WITHOUT_CARD}
    assert flagged == {
        "ranked_without_card:campus:columbia-university",
        "ranked_without_card:campus:fairfax-university-of-america",
        "ranked_without_card:campus:mercer-university",
        "ranked_without_card:campus:milwaukee-school-of-engineering",
        "ranked_without_card:campus:colorado-state-university-global",
    }


def test_a_consistent_program_has_no_findings(catalog: Catalog) -> None:
    cmu = next(p for p in catalog.programs if p.id == "carnegie-mellon-campus")
    assert check_program(cmu) == []


def test_a_counselor_correction_is_checked_like_any_figure(catalog: Catalog) -> None:
    cmu = next(p for p in catalog.programs if p.id == "carnegie-mellon-campus")
    edited = Program.model_validate(
        {**cmu.model_dump(), "stated_total": Tuition(flat=Decimal("35000"))}
    )
    findings = check_program(edited)
    assert [f.kind for f in findings] == [FindingKind.TOTAL_VS_RATE]
    assert "$35,000" in findings[0].message and "$31,500" in findings[0].message


def test_findings_are_ordered_by_severity(report: QualityReport) -> None:
    ranks = [f.severity.rank for f in report.findings]
    assert ranks == sorted(ranks)


@pytest.mark.parametrize(
    ("text", "expected", "unlabelled"),
    [
        ("$31,500", Tuition(flat=Decimal("31500")), False),
        ("$13,604.98 in-state | $26,969.98 out-of-state",
         Tuition(in_state=Decimal("13604.98"), out_of_state=Decimal("26969.98")), False),
        ("$1,143 in-state | $2,001.89", Tuition(in_state=Decimal("1143"), out_of_state=Decimal("2001.89")), True),
        ("call the school", None, False),
    ],
)  # fmt: skip
def test_printed_tuition_is_read_as_printed(
    text: str, expected: Tuition | None, unlabelled: bool
) -> None:
    assert parse_printed_tuition(text) == (expected, unlabelled)
