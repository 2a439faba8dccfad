"""Matching through the database: overrides, shortlists, weights, and `gradmatch match`."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from gradmatch import locations
from gradmatch.app import main
from gradmatch.domain.match_settings import MatchWeights
from gradmatch.domain.matching import Bucket
from gradmatch.domain.prerequisites import Expectation
from gradmatch.domain.profile import Subject
from gradmatch.services import catalog as catalog_service
from gradmatch.services import matching
from gradmatch.services import students as student_service
from gradmatch.services.database import Database, open_database
from tests.conftest import ROOT


@pytest.fixture
def demo(database: Database) -> Database:
    student_service.import_roster(
        database, ROOT / "resources" / "demo" / "students.csv", skip_invalid=False
    )
    return database


def _zoe(db: Database) -> int:
    return student_service.find_student(db, "DEMO-001").id


def test_an_override_is_kept_and_shown_as_such(demo: Database) -> None:
    zoe = _zoe(demo)
    with pytest.raises(ValueError, match="Say why"):
        matching.set_override(demo, zoe, "duke-campus", Bucket.READY, "  ")
    matching.set_override(
        demo, zoe, "duke-campus", Bucket.READY, "Department confirmed the GRE waiver"
    )
    match = matching.match_student(demo, zoe).by_program()["duke-campus"]
    assert match.shown_bucket is Bucket.READY and match.override is not None
    assert match.override.reason == "Department confirmed the GRE waiver"
    # Kept when the profile changes.
    record = student_service.get_student(demo, zoe)
    student_service.save_student(demo, record.profile.model_copy(update={"major": "Physics"}), zoe)
    assert matching.match_student(demo, zoe).by_program()["duke-campus"].override is not None
    matching.set_override(demo, zoe, "duke-campus", None)
    assert matching.match_student(demo, zoe).by_program()["duke-campus"].override is None


def test_the_shortlist_keeps_its_order_and_notes(demo: Database, tmp_path: Path) -> None:
    zoe = _zoe(demo)
    for program_id in ("north-texas-campus", "carnegie-mellon-campus", "maryland-campus"):
        matching.add_to_shortlist(demo, zoe, program_id, f"note for {program_id}")
    matching.reorder_shortlist(
        demo, zoe, ["maryland-campus", "north-texas-campus", "carnegie-mellon-campus"]
    )
    with pytest.raises(ValueError):
        matching.reorder_shortlist(demo, zoe, ["maryland-campus"])
    matching.remove_from_shortlist(demo, zoe, "north-texas-campus")
    # Survives a catalog re-import (programs updated in place).
    catalog_service.import_catalog(demo, locations.shipped_catalog())
    entries = matching.get_shortlist(demo, zoe)
    assert [(e.program_id, e.note) for e in entries] == [
        ("maryland-campus", "note for maryland-campus"),
        ("carnegie-mellon-campus", "note for carnegie-mellon-campus"),
    ]


def test_weights_are_settings(demo: Database) -> None:
    assert matching.load_weights(demo) == MatchWeights()
    matching.save_weights(demo, MatchWeights(budget=60))
    assert matching.load_weights(demo).budget == 60
    with pytest.raises(ValueError):
        matching.save_weights(
            demo,
            MatchWeights(
                prerequisites=0,
                budget=0,
                gre=0,
                delivery=0,
                english=0,
                accreditation=0,
                preferences=0,
            ),
        )


def test_program_expectation_overrides_change_the_gap(demo: Database) -> None:
    zoe = _zoe(demo)
    before = matching.match_student(demo, zoe).by_program()["north-texas-campus"]
    assert Subject.ALGORITHMS in before.gap.missing
    matching.set_program_expectations(
        demo, "north-texas-campus", {Subject.ALGORITHMS: Expectation.RECOMMENDED}
    )
    after = matching.match_student(demo, zoe).by_program()["north-texas-campus"]
    assert Subject.ALGORITHMS not in after.gap.missing
    assert Subject.ALGORITHMS in after.gap.recommended_missing


def test_match_on_the_command_line(demo: Database, capsys: pytest.CaptureFixture[str]) -> None:
    demo.close()
    code = main(["--db", str(demo.path), "match", "zoe.nunez@example.org", "--format", "json"])
    out = capsys.readouterr().out
    assert code == 0
    results = json.loads(out)
    assert len(results) == 17
    first = results[0]
    for key in ("program_id", "school", "program", "delivery", "bucket", "score", "reasons",
                "missing_prerequisites", "bridge", "cost"):  # fmt: skip
        assert key in first, key
    assert set(first["bridge"]) >= {"months", "cost_low", "cost_high", "steps"}
    assert set(first["cost"]) >= {"tuition", "total", "within_budget"}
    assert set(first["reasons"][0]) >= {"criterion", "verdict", "text"}
    unt = next(r for r in results if r["program_id"] == "north-texas-campus")
    assert unt["cost"]["tuition"] == 13604.91 and unt["cost"]["in_state"] is True
    code = main(["--db", str(demo.path), "match", "DEMO-001"])
    table = capsys.readouterr().out
    assert code == 0 and table.startswith("Matches for Zoë Ñúñez-Ørsted")
    db = open_database(demo.path)
    db.close()


def test_the_catalog_facts_are_kept_until_the_catalog_or_a_setting_changes(
    demo: Database,
) -> None:
    from decimal import Decimal

    from gradmatch.domain.costs import CostDefaults

    first = matching.match_context(demo)
    zoe = student_service.find_student(demo, "DEMO-001")
    record = student_service.get_student(demo, zoe.id)
    student_service.save_student(demo, record.profile, zoe.id)
    matching.add_to_shortlist(demo, zoe.id, "duke-campus")
    matching.set_override(demo, zoe.id, "duke-campus", Bucket.READY, "scholarship")
    assert matching.match_context(demo) is first  # per-student writes keep it

    catalog_service.edit_program(demo, "duke-campus", {"credits": 31})
    second = matching.match_context(demo)
    assert second is not first
    assert next(p for p in second.programs if p.id == "duke-campus").credits == 31

    matching.save_cost_defaults(demo, CostDefaults(housing_per_year=Decimal("1")))
    third = matching.match_context(demo)
    assert third is not second and third.costs.defaults.housing_per_year == Decimal("1")
    matching.set_program_expectations(
        demo, "duke-campus", {Subject.DATABASES: Expectation.REQUIRED}
    )
    assert matching.match_context(demo) is not third


def test_a_program_edit_refused_in_part_saves_none_of_it(
    demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The editor's fields, expectations and cost figures are one change: when the last
    part is refused (a full disk, say), the first parts are not left saved."""
    from gradmatch.domain.costs import CostOverrides
    from gradmatch.errors import InputError
    from gradmatch.services import catalog as catalog_service

    before = next(p for p in catalog_service.list_programs(demo) if p.id == "duke-campus")
    expected = matching.program_expectations(demo, "duke-campus")

    def refuse(*_args: object) -> None:
        raise InputError("refused")

    monkeypatch.setattr(matching, "store_cost_overrides", refuse)
    with pytest.raises(InputError):
        catalog_service.edit_program(
            demo, "duke-campus", {"credits": 31},
            expectations={Subject.DATABASES: Expectation.REQUIRED},
            cost_overrides=CostOverrides(fees_per_year=Decimal("1")),
        )  # fmt: skip
    after = next(p for p in catalog_service.list_programs(demo) if p.id == "duke-campus")
    assert after.credits == before.credits
    assert matching.program_expectations(demo, "duke-campus") == expected
    assert "duke-campus" not in matching.load_cost_settings(demo).overrides
