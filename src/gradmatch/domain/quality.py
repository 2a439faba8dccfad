"""Data-quality findings: where the catalog contradicts itself.

Nothing here "fixes" a figure. Each finding names the program and field and
carries the values on both sides with where each comes from, so a counselor can
see the conflict and decide. The summary statistics the source article prints
are recomputed from the cards and put beside the article's claim.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from enum import StrEnum
from statistics import fmean

from pydantic import BaseModel, ConfigDict

from gradmatch.domain.catalog import (
    Catalog,
    Mode,
    Program,
    RankingList,
    SummaryClaim,
    Tuition,
    school_key,
)
from gradmatch.domain.money import format_money, parse_amount, round_cents

ROUNDING_TOLERANCE = Decimal("1.00")


class FindingKind(StrEnum):
    TOTAL_VS_RATE = "total_vs_rate"
    LISTING_CONFLICT = "listing_conflict"
    CREDITS_AS_DOLLARS = "credits_as_dollars"
    UNLABELLED_FIGURE = "unlabelled_figure"
    PROGRAM_AS_URL = "program_as_url"
    RANKING_NUMBERING = "ranking_numbering"
    RANKED_WITHOUT_CARD = "ranked_without_card"
    SUMMARY_STATISTIC = "summary_statistic"


class Severity(StrEnum):
    CONFLICT = "conflict"  # two figures for the same thing disagree
    WARNING = "warning"  # a figure is printed in a way that cannot be right as printed
    INFO = "info"  # worth knowing; no figure is in doubt beyond rounding

    @property
    def rank(self) -> int:
        return {"conflict": 0, "warning": 1, "info": 2}[self.value]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SourcedValue(_Frozen):
    source: str
    value: str


class Finding(_Frozen):
    id: str
    kind: FindingKind
    severity: Severity
    program_id: str | None
    field: str | None
    message: str
    values: tuple[SourcedValue, ...]


class StatisticCheck(_Frozen):
    scope: Mode
    statistic: str
    label: str
    printed: str
    claim: Decimal
    recomputed_low: Decimal | None
    recomputed_high: Decimal | None
    programs_counted: int
    count_claimed: int | None
    agrees: bool
    basis: str


class QualityReport(_Frozen):
    findings: tuple[Finding, ...]
    statistics: tuple[StatisticCheck, ...]

    def for_program(self, program_id: str) -> list[Finding]:
        return [f for f in self.findings if f.program_id == program_id]


# ---------------------------------------------------------------- printed figures


def parse_printed_tuition(text: str) -> tuple[Tuition | None, bool]:
    """``"$X in-state | $Y out-of-state"`` -> (figure, whether a side lacked its label)."""
    parts = [part.strip() for part in text.split("|")]
    if len(parts) == 1:
        amount = parse_amount(parts[0])
        return (Tuition(flat=amount) if amount is not None else None), False
    if len(parts) != 2:
        return None, False
    amounts: dict[str, Decimal] = {}
    unlabelled = False
    for index, part in enumerate(parts):
        label = "in_state" if index == 0 else "out_of_state"
        match = re.match(r"^(\$[\d,.]+)\s*(in-state|out-of-state)?$", part)
        if match is None:
            return None, False
        amount = parse_amount(match.group(1))
        if amount is None:
            return None, False
        if match.group(2) is None:
            unlabelled = True
        else:
            label = match.group(2).replace("-", "_")
        amounts[label] = amount
    if set(amounts) != {"in_state", "out_of_state"}:
        return None, unlabelled
    return Tuition(**amounts), unlabelled


def parse_printed_credits(text: str) -> tuple[int | None, bool]:
    """``"30"`` -> (30, False); ``"$45"`` -> (45, True): credits written as dollars."""
    stripped = text.strip()
    as_dollars = stripped.startswith("$")
    digits = stripped.lstrip("$").strip()
    return (int(digits) if digits.isdigit() else None), as_dollars


def _delivery_key(text: str) -> str:
    return " & ".join(sorted(part.strip().casefold() for part in text.split("&")))


# ---------------------------------------------------------------- the checks


def check_catalog(catalog: Catalog) -> QualityReport:
    findings: list[Finding] = []
    for program in catalog.programs:
        findings.extend(check_program(program))
    findings.extend(_ranking_findings(catalog.rankings, catalog.programs))
    statistics = tuple(
        _check_statistic(claim, catalog.programs) for claim in catalog.summary_claims
    )
    findings.extend(_statistic_findings(statistics))
    findings.sort(key=lambda f: (f.severity.rank, f.program_id or "~", f.kind.value, f.id))
    return QualityReport(findings=tuple(findings), statistics=statistics)


def check_program(program: Program) -> list[Finding]:
    findings = list(
        _total_vs_rate(
            program,
            program.credits,
            program.cost_per_credit,
            program.stated_total,
            "the program card",
        )
    )
    for listing in program.listings:
        total = _printed_tuition(listing.printed.get("total_tuition"))
        rate = _printed_tuition(listing.printed.get("cost_per_credit"))
        credits = parse_printed_credits(listing.printed.get("credits", ""))[0]
        if (credits, rate, total) != (
            program.credits,
            program.cost_per_credit,
            program.stated_total,
        ):
            findings.extend(_total_vs_rate(program, credits, rate, total, listing.label))
    findings.extend(_listing_conflicts(program))
    findings.extend(_printing_findings(program))
    return findings


def _printed_tuition(text: str | None) -> Tuition | None:
    return parse_printed_tuition(text)[0] if text else None


def _total_vs_rate(
    program: Program,
    credits: int | None,
    rate: Tuition | None,
    total: Tuition | None,
    where: str,
) -> list[Finding]:
    if credits is None or rate is None or total is None:
        return []
    sides: list[tuple[str, Decimal, Decimal]] = []
    if total.is_split or rate.is_split:
        for in_state, name in ((True, "in-state"), (False, "out-of-state")):
            sides.append(
                (
                    name,
                    total.for_residency(in_state=in_state),
                    rate.for_residency(in_state=in_state),
                )
            )
    else:
        assert total.flat is not None and rate.flat is not None
        sides.append(("", total.flat, rate.flat))
    findings = []
    for name, stated, per_credit in sides:
        computed = round_cents(per_credit * credits)
        difference = abs(stated - computed)
        if difference == 0:
            continue
        rounding = difference < ROUNDING_TOLERANCE
        label = f" {name}" if name else ""
        if rounding:
            message = (
                f"The stated{label} total {format_money(stated)} differs from {credits} credits × "
                f"{format_money(per_credit)} = {format_money(computed)} by "
                f"{format_money(difference, cents=True)}: "
                "consistent with a rounded per-credit rate."
            )
        else:
            message = (
                f"The stated{label} total {format_money(stated)} ({where}) does not equal "
                f"{credits} credits × {format_money(per_credit)} = {format_money(computed)}; "
                f"they differ by {format_money(difference)}."
            )
        findings.append(
            Finding(
                id=f"total_vs_rate:{program.id}:{_slug(where)}:{name or 'all'}",
                kind=FindingKind.TOTAL_VS_RATE,
                severity=Severity.INFO if rounding else Severity.CONFLICT,
                program_id=program.id,
                field="stated_total",
                message=message,
                values=(
                    SourcedValue(source=f"stated total ({where})", value=format_money(stated)),
                    SourcedValue(
                        source=f"{credits} credits × {format_money(per_credit)} ({where})",
                        value=format_money(computed, cents=computed != computed.to_integral()),
                    ),
                ),
            )
        )
    return findings


_COMPARED_FIELDS: dict[str, str] = {
    "total_tuition": "stated total tuition",
    "cost_per_credit": "cost per credit",
    "credits": "credits",
    "gre": "GRE policy",
    "artiba": "ARTiBA accreditation",
    "delivery": "delivery method",
    "program": "program title",
}


def _comparable(field: str, text: str) -> str | None:
    """The value of a printed field that two listings must agree on, or None to skip it."""
    if field in ("total_tuition", "cost_per_credit"):
        figure = _printed_tuition(text)
        return figure.display() if figure else text
    if field == "credits":
        number = parse_printed_credits(text)[0]
        return str(number) if number is not None else text
    if field == "delivery":
        return _delivery_key(text)
    if field == "program" and text.startswith(("http://", "https://")):
        return None
    return text.strip()


def _listing_conflicts(program: Program) -> list[Finding]:
    findings = []
    for field, label in _COMPARED_FIELDS.items():
        by_value: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for listing in program.listings:
            text = listing.printed.get(field)
            if text is None:
                continue
            key = _comparable(field, text)
            if key is not None:
                by_value[key].append((listing.label, text))
        if len(by_value) < 2:
            continue
        values = tuple(
            SourcedValue(source=source, value=text)
            for seen in by_value.values()
            for source, text in seen
        )
        sides = "; ".join(f"{v.source}: {v.value}" for v in values)
        findings.append(
            Finding(
                id=f"listing_conflict:{program.id}:{field}",
                kind=FindingKind.LISTING_CONFLICT,
                severity=Severity.CONFLICT,
                program_id=program.id,
                field=field,
                message=(
                    f"The source article gives different {label} figures for this program "
                    f"({sides}). The catalog keeps both; the estimate uses the first."
                ),
                values=values,
            )
        )
    return findings


def _printing_findings(program: Program) -> list[Finding]:
    findings = []
    for listing in program.listings:
        credits_text = listing.printed.get("credits")
        if credits_text is not None:
            credits, as_dollars = parse_printed_credits(credits_text)
            if as_dollars:
                findings.append(
                    Finding(
                        id=f"credits_as_dollars:{program.id}:{_slug(listing.label)}",
                        kind=FindingKind.CREDITS_AS_DOLLARS,
                        severity=Severity.WARNING,
                        program_id=program.id,
                        field="credits",
                        message=(
                            f"{listing.label} prints the credits as a dollar amount "
                            f"(\u201cCredits: {credits_text}\u201d); read as {credits} credits."
                        ),
                        values=(
                            SourcedValue(source=listing.label, value=credits_text),
                            SourcedValue(source="catalog figure", value=str(program.credits)),
                        ),
                    )
                )
        for field in ("total_tuition", "cost_per_credit"):
            text = listing.printed.get(field)
            if text and parse_printed_tuition(text)[1]:
                findings.append(
                    Finding(
                        id=f"unlabelled_figure:{program.id}:{field}:{_slug(listing.label)}",
                        kind=FindingKind.UNLABELLED_FIGURE,
                        severity=Severity.WARNING,
                        program_id=program.id,
                        field=field,
                        message=(
                            f"{listing.label} prints a {_COMPARED_FIELDS[field]} figure without "
                            f"saying whom it applies to (\u201c{text}\u201d); "
                            "the catalog reads the unlabelled figure as the out-of-state rate."
                        ),
                        values=(SourcedValue(source=listing.label, value=text),),
                    )
                )
        title = listing.printed.get("program", "")
        if title.startswith(("http://", "https://")):
            findings.append(
                Finding(
                    id=f"program_as_url:{program.id}:{_slug(listing.label)}",
                    kind=FindingKind.PROGRAM_AS_URL,
                    severity=Severity.INFO,
                    program_id=program.id,
                    field="program",
                    message=(
                        f"{listing.label} gives a web address where the program title belongs; "
                        "the title comes from the other listing."
                    ),
                    values=(
                        SourcedValue(source=listing.label, value=title),
                        SourcedValue(source="catalog title", value=program.program),
                    ),
                )
            )
    return findings


def _ranking_findings(
    lists: tuple[RankingList, ...], programs: tuple[Program, ...]
) -> list[Finding]:
    findings = []
    for ranking_list in lists:
        printed = [entry.printed_number for entry in ranking_list.entries]
        positions = [entry.position for entry in ranking_list.entries]
        if any(p is not None for p in printed) and printed != positions:
            findings.append(
                Finding(
                    id=f"ranking_numbering:{ranking_list.year}:{ranking_list.list.value}",
                    kind=FindingKind.RANKING_NUMBERING,
                    severity=Severity.WARNING,
                    program_id=None,
                    field="rankings",
                    message=(
                        f"The {ranking_list.label} restarts its numbering part-way "
                        "(after \u201cshow more\u201d); the catalog uses each school's "
                        "position in the list as its rank."
                    ),
                    values=(
                        SourcedValue(
                            source="numbers as printed",
                            value=", ".join("?" if p is None else str(p) for p in printed),
                        ),
                        SourcedValue(
                            source="positions in the list",
                            value=", ".join(str(p) for p in positions),
                        ),
                    ),
                )
            )
    with_card = {(school_key(p.school), p.mode) for p in programs}
    unmatched: dict[tuple[str, Mode], list[tuple[str, RankingList, int]]] = defaultdict(list)
    for ranking_list in lists:
        for entry in ranking_list.entries:
            school_and_mode = (school_key(entry.school), ranking_list.list)
            if school_and_mode not in with_card:
                unmatched[school_and_mode].append((entry.school, ranking_list, entry.position))
    for (key, mode), places in sorted(unmatched.items(), key=lambda item: item[0]):
        name = places[0][0]
        where = ", ".join(f"#{pos} in the {lst.label}" for _, lst, pos in places)
        findings.append(
            Finding(
                id=f"ranked_without_card:{mode.value}:{key.replace(' ', '-')}",
                kind=FindingKind.RANKED_WITHOUT_CARD,
                severity=Severity.INFO,
                program_id=None,
                field="rankings",
                message=(
                    f"{name} is ranked ({where}) but the source article has no {mode.value} "
                    "program card for it: no figures to match against."
                ),
                values=tuple(
                    SourcedValue(source=lst.label, value=f"#{pos}") for _, lst, pos in places
                ),
            )
        )
    return findings


_STATISTIC_LABELS = {
    "average_total": "Average total cost",
    "lowest_per_credit": "Lowest per-credit rate",
    "highest_per_credit": "Highest per-credit rate",
}


def _check_statistic(claim: SummaryClaim, programs: tuple[Program, ...]) -> StatisticCheck:
    scoped = [p for p in programs if p.mode == claim.scope]
    low: Decimal | None = None
    high: Decimal | None = None
    if claim.statistic == "average_total":
        totals = [p.stated_total for p in scoped if p.stated_total is not None]
        if totals:
            low = round_cents(Decimal(str(fmean(t.lowest for t in totals))))
            high = round_cents(Decimal(str(fmean(t.highest for t in totals))))
        basis = (
            f"mean of the stated total tuition of the {len(totals)} {claim.scope.value} cards; "
            "from in-state figures (low) to out-of-state figures (high) where they differ"
        )
        tolerance = ROUNDING_TOLERANCE
    else:
        rates = [p.cost_per_credit for p in scoped if p.cost_per_credit is not None]
        pick = min if claim.statistic == "lowest_per_credit" else max
        if rates:
            low = pick(r.lowest for r in rates)
            high = pick(r.highest for r in rates)
        basis = (
            f"{'lowest' if pick is min else 'highest'} cost per credit of the {len(rates)} "
            f"{claim.scope.value} cards; in-state rates (low) to out-of-state rates (high)"
        )
        tolerance = Decimal("0.005")
    if low is not None and high is not None and low > high:
        low, high = high, low
    agrees = (
        low is not None and high is not None and low - tolerance <= claim.claim <= high + tolerance
    )
    count_ok = claim.count_claimed is None or claim.count_claimed == len(scoped)
    return StatisticCheck(
        scope=claim.scope,
        statistic=claim.statistic,
        label=f"{_STATISTIC_LABELS[claim.statistic]} ({claim.scope.value})",
        printed=claim.printed,
        claim=claim.claim,
        recomputed_low=low,
        recomputed_high=high,
        programs_counted=len(scoped),
        count_claimed=claim.count_claimed,
        agrees=agrees and count_ok,
        basis=basis,
    )


def format_range(low: Decimal | None, high: Decimal | None) -> str:
    if low is None or high is None:
        return "cannot be recomputed (no figures)"
    if low == high:
        return format_money(low)
    return f"{format_money(low)} to {format_money(high)}"


def _statistic_findings(checks: tuple[StatisticCheck, ...]) -> list[Finding]:
    findings = []
    for check in checks:
        if check.agrees:
            continue
        recomputed = format_range(check.recomputed_low, check.recomputed_high)
        counted = ""
        if check.count_claimed is not None and check.count_claimed != check.programs_counted:
            counted = (
                f" The article says it summarises {check.count_claimed} programs; "
                f"the catalog has {check.programs_counted}."
            )
        findings.append(
            Finding(
                id=f"summary_statistic:{check.scope.value}:{check.statistic}",
                kind=FindingKind.SUMMARY_STATISTIC,
                severity=Severity.CONFLICT,
                program_id=None,
                field=check.statistic,
                message=(
                    f"The article's {check.label.lower()} of {format_money(check.claim)} cannot be "
                    f"reproduced from its own cards: recomputed {recomputed} ({check.basis})."
                    + counted
                ),
                values=(
                    SourcedValue(source="source article claim", value=format_money(check.claim)),
                    SourcedValue(source="recomputed from the cards", value=recomputed),
                ),
            )
        )
    return findings


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
