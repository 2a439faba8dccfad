"""``gradmatch catalog list|check|import``."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path
from typing import Any

from gradmatch.cli.output import print_json, print_table
from gradmatch.domain.catalog import FieldEdit, Program
from gradmatch.domain.money import format_money
from gradmatch.domain.quality import QualityReport, format_range
from gradmatch.services import catalog as catalog_service
from gradmatch.services.database import Database


def add_parser(subparsers: Any) -> None:
    catalog = subparsers.add_parser("catalog", help="the program catalog")
    commands = catalog.add_subparsers(dest="catalog_command", required=True, metavar="COMMAND")
    listing = commands.add_parser("list", help="list every program offering")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.add_argument(
        "--include-retired",
        action="store_true",
        help="also list programs retired from the catalog (kept for the shortlists)",
    )
    check = commands.add_parser("check", help="report the catalog's data-quality findings")
    check.add_argument("--format", choices=("table", "json"), default="table")
    importing = commands.add_parser(
        "import", help="replace the catalog with a file's, all or nothing"
    )
    importing.add_argument("file", type=Path, metavar="FILE")
    importing.add_argument(
        "--preview",
        action="store_true",
        help="say what the import would do (programs retired, shortlists kept), change nothing",
    )


def run(db: Database, args: argparse.Namespace) -> int:
    command = args.catalog_command
    if command == "list":
        view = (
            catalog_service.load_view(db, include_retired=True)
            if args.include_retired
            else catalog_service.load_view(db)
        )
        if args.format == "json":
            print_json([program_document(p, view.edits.get(p.id, [])) for p in view.programs])
        else:
            _print_program_table(view.programs)
        return 0
    if command == "check":
        report = catalog_service.quality_report(db)
        if args.format == "json":
            print_json(report_document(report))
        else:
            _print_report(report)
        return 0
    if args.preview:
        preview = catalog_service.preview_import(db, args.file)
        print(
            f"{args.file.name} holds {preview.programs} program offerings "
            f"({preview.added} new). Nothing was changed (--preview)."
        )
        _print_lines(preview.lines())
        return 0
    result = catalog_service.import_catalog(db, args.file)
    print(
        f"Imported {result.programs} program offerings and {result.rankings} ranking entries "
        f"from {args.file.name}; {result.findings} data-quality findings "
        "(see `gradmatch catalog check`)."
    )
    if result.edits_kept or result.edits_dropped:
        print(
            f"Counselor edits: {result.edits_kept} kept, "
            f"{result.edits_dropped} dropped (their programs are no longer in the catalog)."
        )
    _print_lines(result.lines())
    return 0


def _print_lines(lines: list[str]) -> None:
    """Programs retired or back, and what happens to each shortlist that holds them."""
    if lines:
        print("Programs not in the new catalog are retired, never deleted:")
    for line in lines:
        print(f"  - {line}")


def program_document(program: Program, edits: list[FieldEdit]) -> dict[str, Any]:
    document = program.model_dump(mode="python")
    document.update(
        mode=program.mode.value,
        delivery=program.delivery.value,
        state_name=program.state_name,
        gre=(
            {"policy": program.gre.policy.value, "text": program.gre.text} if program.gre else None
        ),
        control=program.control.value if program.control else None,
        retired_on=program.retired_on.isoformat() if program.retired_on else None,
        rankings=[
            {
                "year": r.year,
                "list": r.list.value,
                "position": r.position,
                "printed_number": r.printed_number,
            }
            for r in program.rankings
        ],
        estimated_tuition=(
            program.computed_tuition.model_dump() if program.computed_tuition else None
        ),
        edits=[
            {
                "field": e.field,
                "original": e.original,
                "edited_at": e.edited_at.isoformat(timespec="seconds"),
            }
            for e in edits
        ],
    )
    return document


def report_document(report: QualityReport) -> dict[str, Any]:
    return {
        "findings": [finding.model_dump(mode="json") for finding in report.findings],
        "statistics": [
            {**check.model_dump(mode="python"), "scope": check.scope.value}
            for check in report.statistics
        ],
    }


def _print_program_table(programs: list[Program]) -> None:
    rows = [
        [
            p.id,
            p.school + (f" (retired {p.retired_on.isoformat()})" if p.retired_on else ""),
            p.mode.value,
            p.state,
            str(p.credits or "—"),
            p.cost_per_credit.display() if p.cost_per_credit else "—",
            p.stated_total.display() if p.stated_total else "—",
            p.gre.policy.label if p.gre else "—",
        ]
        for p in programs
    ]
    print_table(
        ["ID", "School", "Mode", "State", "Credits", "Per credit", "Stated total", "GRE"],
        rows,
        max_width=60,
    )
    print(f"{len(programs)} program offerings")


def _print_report(report: QualityReport) -> None:
    print(f"{len(report.findings)} data-quality findings\n")
    for finding in report.findings:
        where = finding.program_id or "catalog"
        print(f"[{finding.severity.value}] {where} · {finding.field or ''}")
        print(textwrap.indent(textwrap.fill(finding.message, 96), "    "))
        for value in finding.values:
            print(f"      - {value.source}: {value.value}")
    print("\nSummary statistics printed by the source article, recomputed from the cards:")
    print_table(
        ["Statistic", "Article", "Recomputed", "Agrees"],
        [
            [
                check.label,
                format_money(check.claim),
                format_range(check.recomputed_low, check.recomputed_high),
                "yes" if check.agrees else "NO",
            ]
            for check in report.statistics
        ],
        max_width=60,
    )
    sys.stdout.flush()
