"""``gradmatch match STUDENT``: the ranked catalog for one student, with reasons."""

from __future__ import annotations

import argparse
from typing import Any

from gradmatch.cli.output import print_json, print_table, safe
from gradmatch.domain.costs import TO_STUDENT_LABEL, TOTAL_LABEL
from gradmatch.domain.matching import Match
from gradmatch.domain.money import format_estimate
from gradmatch.domain.voice import VOICES, Voice
from gradmatch.services import matching as matching_service
from gradmatch.services import students as student_service
from gradmatch.services.database import Database


def add_parser(subparsers: Any) -> None:
    match = subparsers.add_parser("match", help="rank the catalog for one student, with reasons")
    match.add_argument("student", metavar="STUDENT", help="student ID, email or exact full name")
    match.add_argument("--format", choices=("table", "json"), default="table")
    add_voice_argument(match)


def add_voice_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--voice",
        choices=tuple(VOICES),
        help='whom the reasons and notes speak to: the counselor, about "the student", or the '
        'student, "you" (default: student with --student-mode, else counselor)',
    )


def voice_of(args: argparse.Namespace) -> Voice:
    """The voice asked for; without ``--voice``, the student's in the student edition."""
    chosen = args.voice or ("student" if getattr(args, "student_mode", False) else "counselor")
    return VOICES[chosen]


def match_document(match: Match) -> dict[str, Any]:
    plan = match.gap.plan
    return {
        "program_id": match.program.id,
        "school": match.program.school,
        "program": match.program.program,
        "delivery": match.program.mode.value,
        "state": match.program.state,
        "bucket": match.shown_bucket.value,
        "computed_bucket": match.bucket.value,
        "override": (
            {"bucket": match.override.bucket.value, "reason": match.override.reason}
            if match.override
            else None
        ),
        "score": match.score,
        "score_band": list(match.shown_bucket.band),
        "reasons": [
            {
                "criterion": r.criterion.value,
                "verdict": r.verdict.value,
                "text": r.text,
                "not_answered": r.ask,
            }
            for r in match.reasons
        ],
        "missing_prerequisites": [s.value for s in match.gap.missing],
        "in_progress_prerequisites": [s.value for s in match.gap.partial],
        "bridge": {
            "months": plan.months,
            "cost_low": plan.cost_low,
            "cost_high": plan.cost_high,
            "pace": plan.pace,
            "steps": [
                {
                    "subject": step.subject.value,
                    "option": step.option.kind.value if step.option else None,
                    "label": step.option.label if step.option else "no option on file",
                    "start_week": step.start_week,
                    "end_week": step.end_week,
                    "cost_low": step.cost_low,
                    "cost_high": step.cost_high,
                    "partial": step.partial,
                    "source": step.option.source if step.option else None,
                }
                for step in plan.steps
            ],
        },
        "cost": cost_document(match),
    }


def cost_document(match: Match) -> dict[str, Any]:
    """``total`` is the article's estimated total cost (the window's and the PDF's
    "Est. total cost"); ``to_student`` the cost to the student ("Cost to student"). Exact
    amounts; the window and the PDF show them in whole dollars. None: unknown."""
    cost = match.cost
    tuition = cost.tuition
    return {
        "tuition": tuition.amount if tuition else None,
        "tuition_basis": tuition.basis if tuition else None,
        "in_state": tuition.in_state if tuition else None,
        "total": cost.total,
        "total_label": TOTAL_LABEL,
        "to_student": cost.to_student,
        "to_student_label": TO_STUDENT_LABEL,
        "within_budget": match.within_budget,
        "years": cost.years,
        "lines": [
            {
                "key": line.key,
                "label": line.label,
                "amount": line.amount,
                "kind": line.kind.value,
                "source": line.source,
            }
            for line in cost.lines
        ],
    }


def run(db: Database, args: argparse.Namespace) -> int:
    record = student_service.find_student(db, args.student)
    result = matching_service.match_student(db, record.id, voice=voice_of(args))
    if args.format == "json":
        print_json([match_document(m) for m in result.matches])
        return 0
    print(safe(f"Matches for {record.profile.full_name} (best first):"))
    print_table(
        [
            "#",
            "Bucket",
            "Score",
            "School",
            "Program",
            "Delivery",
            TOTAL_LABEL,
            TO_STUDENT_LABEL,
            "Budget",
            "Ready in",
        ],
        [
            [
                str(rank),
                m.shown_bucket.label + (" *" if m.override else ""),
                str(m.score),
                m.program.school,
                m.program.program,
                m.program.mode.value,
                format_estimate(m.total),
                format_estimate(m.to_student),
                {True: "within", False: "over", None: "—"}[m.within_budget],
                f"{m.gap.plan.months} mo" if m.gap.plan.steps else "now",
            ]
            for rank, m in enumerate(result.matches, start=1)
        ],
        max_width=44,
    )
    if any(m.override for m in result.matches):
        print("* bucket set by the counselor")
    print("Bridge durations and costs are counselor estimates; tuition figures are unverified.")
    return 0
