"""Issue 16 from the command line: a program added, matched, shortlisted, retired; the
catalog exported, a changed copy diffed and imported without losing any student's work."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from gradmatch.app import main
from gradmatch.domain.matching import Bucket
from gradmatch.services import matching
from gradmatch.services import students as student_service
from gradmatch.services.database import open_database

NEW = "lone-star-campus"
PROGRAM = {
    "id": NEW,
    "school": "Lone Star Institute of Technology",
    "city": "Austin",
    "state": "TX",
    "program": "MS in Machine Learning",
    "mode": "campus",
    "delivery": "campus",
    "credits": 30,
    "cost_per_credit": {"in_state": 500, "out_of_state": 900},
    "as_of": "2026-11",
    "gre": {"policy": "not_required", "text": "Not required"},
    "letters": 3,
    "deadlines": [{"term": "Fall 2027", "round": "priority", "on": "2027-01-15"}],
}


def _run(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(["--db", str(db), *argv])
    except SystemExit as exit_:  # a usage error: exit 2, before the database is opened
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _json(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> Any:
    code, out, err = _run(capsys, db, *argv, "--format", "json")
    assert (code, err) == (0, ""), err
    return json.loads(out)


def _ok(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> str:
    code, out, err = _run(capsys, db, *argv)
    assert (code, err) == (0, ""), err
    return out


def _database_rows(path: Path) -> list[Any]:
    """Everything the catalog and the students' work hold, to see that nothing changed."""
    with closing(sqlite3.connect(path)) as connection:
        return [
            connection.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("program", "program_edit", "program_provenance", "shortlist_entry",
                          "match_override", "setting")
        ]  # fmt: skip


def test_the_round_trip_of_a_living_catalog(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = demo_db
    file = tmp_path / "lone-star.json"
    file.write_text(json.dumps(PROGRAM), encoding="utf-8")
    assert "Added Lone Star Institute of Technology" in _ok(capsys, db, "program", "add", str(file))

    # Matched for Zoë, a Texas resident: tuition = 30 credits × the in-state $500.
    matches = _json(capsys, db, "match", "DEMO-001")
    ours = next(m for m in matches if m["program_id"] == NEW)
    assert ours["cost"]["tuition"] == 15000 and ours["cost"]["in_state"] is True
    assert "30 credits × $500 in-state rate" in ours["cost"]["tuition_basis"]
    assert {r["criterion"] for r in ours["reasons"]} >= {"budget", "gre", "prerequisites"}

    # The new facts are listed with their provenance: the counselor's; unknown stays None.
    listed = next(p for p in _json(capsys, db, "catalog", "list") if p["id"] == NEW)
    assert listed["letters"] == 3 and listed["origin"] == "counselor"
    assert listed["deadlines"] == [{"term": "Fall 2027", "round": "priority", "on": "2027-01-15"}]
    assert listed["interview"] is None and listed["application_fee"] is None
    assert listed["provenance"]["letters"]["source"] == "counselor"
    duke = next(p for p in _json(capsys, db, "catalog", "list") if p["id"] == "duke-campus")
    assert duke["provenance"]["credits"] == {
        "source": "article", "as_of": "2026-01", "url": None, "verified_by": None,
        "verified_on": None,
    }  # fmt: skip

    _ok(capsys, db, "shortlist", "add", "DEMO-001", NEW, "--note", "ask about funding")
    _ok(capsys, db, "shortlist", "add", "DEMO-001", "duke-campus", "--note", "visit in spring")
    _ok(capsys, db, "shortlist", "add", "DEMO-002", "columbia-online", "--note", "TA posts?")
    database = open_database(db)
    li = student_service.find_student(database, "DEMO-002").id
    matching.set_override(database, li, "columbia-online", Bucket.STRETCH, "spoke to admissions")
    database.close()
    # A counselor edit and a verification, both to stand against the next catalog.
    _ok(capsys, db, "program", "edit", "duke-campus", "--set", "credits=31", "thesis_option=yes")
    out = _ok(capsys, db, "program", "verify", "carnegie-mellon-campus", "credits", "--by",
              "Ana Lee", "--on", "2026-12-01", "--url", "https://www.cmu.edu/ml")  # fmt: skip
    assert "confirmed  credits" in out

    out = _ok(capsys, db, "program", "retire", NEW)
    assert "kept on every shortlist, not matched anew" in out
    shortlist = _json(capsys, db, "shortlist", "list", "DEMO-001")
    entry = next(e for e in shortlist if e["program_id"] == NEW)
    assert entry["retired"] is True and entry["note"] == "ask about funding"
    assert NEW not in {m["program_id"] for m in _json(capsys, db, "match", "DEMO-001")}
    assert "retired from the catalog on" in _ok(capsys, db, "shortlist", "list", "DEMO-001")

    exported = tmp_path / "catalog-export.json"
    _ok(capsys, db, "catalog", "export", "--out", str(exported))
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert (document["format"], document["version"]) == ("gradmatch-catalog", 2)
    ids = [p["id"] for p in document["programs"]]
    assert NEW not in ids and len(ids) == 17  # retired: not in the catalog
    cmu = next(p for p in document["programs"] if p["id"] == "carnegie-mellon-campus")
    assert cmu["provenance"]["credits"]["verified_by"] == "Ana Lee"

    # Next year's copy: Duke's credits and Carnegie Mellon's credits change (both the
    # counselor's to keep), a stated total changes, Columbia gets a new id, one program
    # leaves.
    changed = json.loads(json.dumps(document))
    programs = {p["id"]: p for p in changed["programs"]}
    programs["duke-campus"]["credits"] = 36
    programs["carnegie-mellon-campus"]["credits"] = 99
    programs["carnegie-mellon-campus"]["provenance"]["credits"] = {"source": "article",
                                                                   "as_of": "2027-01"}  # fmt: skip
    programs["north-texas-campus"]["application_fee"] = 75
    programs["columbia-online"]["id"] = "columbia-university-online"
    gone = "csu-global-online"
    changed["programs"] = [p for p in changed["programs"] if p["id"] != gone]
    next_year = tmp_path / "next-year.json"
    next_year.write_text(json.dumps(changed), encoding="utf-8")

    diff = _json(capsys, db, "catalog", "diff", str(next_year))
    by_id = {c["id"]: c for c in diff["changed"]}
    assert by_id["duke-campus"]["fields"] == [
        {"field": "credits", "old": 31, "new": 36, "kept": "edited"}
    ]
    assert (
        by_id["carnegie-mellon-campus"]["fields"]
        == [{"field": "credits", "old": 33, "new": 99, "kept": "verified"}]
        or by_id["carnegie-mellon-campus"]["fields"][0]["kept"] == "verified"
    )
    assert by_id["north-texas-campus"]["fields"] == [
        {"field": "application_fee", "old": None, "new": 75, "kept": None}
    ]
    assert by_id["columbia-university-online"]["previous_id"] == "columbia-online"
    assert [m["id"] for m in diff["missing"]] == [gone]
    assert diff["added"] == []
    table = _ok(capsys, db, "catalog", "diff", str(next_year))
    assert "credits: 31 → 36 (kept: edited by the counselor" in table
    assert "application_fee: unknown → $75" in table

    out = _ok(capsys, db, "catalog", "import", str(next_year))
    assert "retired, never deleted" in out
    after = {p["id"]: p for p in _json(capsys, db, "catalog", "list", "--include-retired")}
    assert after["duke-campus"]["credits"] == 31 and after["duke-campus"]["thesis_option"] is True
    assert after["carnegie-mellon-campus"]["credits"] == programs_credits(document)
    assert after["carnegie-mellon-campus"]["provenance"]["credits"]["verified_by"] == "Ana Lee"
    assert after["north-texas-campus"]["application_fee"] == 75
    assert "columbia-online" not in after
    assert after["columbia-university-online"]["retired_on"] is None
    assert after[gone]["retired_on"] is not None and after[NEW]["retired_by"] == "counselor"
    duke_edit = {e["field"]: e["original"] for e in after["duke-campus"]["edits"]}
    assert duke_edit["credits"] == 36  # the catalog's value now, the counselor's stands

    # No shortlist entry, note or override lost; Columbia's followed its new id.
    zoe = [(e["program_id"], e["note"]) for e in _json(capsys, db, "shortlist", "list", "DEMO-001")]
    assert zoe == [(NEW, "ask about funding"), ("duke-campus", "visit in spring")]
    li_list = _json(capsys, db, "shortlist", "list", "DEMO-002")
    assert [(e["program_id"], e["note"]) for e in li_list] == [
        ("columbia-university-online", "TA posts?")
    ]
    li_match = next(
        m for m in _json(capsys, db, "match", "DEMO-002")
        if m["program_id"] == "columbia-university-online"
    )  # fmt: skip
    assert li_match["override"] == {"bucket": "stretch", "reason": "spoke to admissions"}

    # The same file again: the counselor's edits of fields it leaves as they were are no
    # change any more, and nothing is missing.
    again = _json(capsys, db, "catalog", "diff", str(next_year))
    assert again["changed"] == [] and again["missing"] == [] and again["added"] == []

    # The counselor takes the file's value for Duke's credits.
    _ok(capsys, db, "catalog", "import", str(next_year), "--take", "duke-campus:credits")
    taken = {p["id"]: p for p in _json(capsys, db, "catalog", "list")}["duke-campus"]
    assert taken["credits"] == 36 and taken["thesis_option"] is True


def programs_credits(document: dict[str, Any]) -> int:
    cmu = next(p for p in document["programs"] if p["id"] == "carnegie-mellon-campus")
    return int(cmu["credits"])


def test_a_version_1_file_still_imports_and_a_newer_version_is_refused(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from gradmatch import locations

    _ok(capsys, db_path, "catalog", "import", str(locations.shipped_catalog()))
    document = json.loads(locations.shipped_catalog().read_text(encoding="utf-8"))
    document["version"] = 3
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(document), encoding="utf-8")
    before = _database_rows(db_path)
    code, out, err = _run(capsys, db_path, "catalog", "import", str(newer))
    assert code == 1 and out == ""
    assert "catalog version 3; this GradMatch reads versions 1 and 2" in err
    assert "a newer GradMatch wrote it" in err
    assert _database_rows(db_path) == before


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (("program", "edit", "duke-campus", "--set", "colour=red"), 2,
         "'colour' is not a field of a program"),
        (("program", "edit", "duke-campus", "--set", "credits=lots"), 1,
         "credits: must be a whole number"),
        (("program", "edit", "duke-campus", "--set", "credits=500"), 1, "credits"),
        (("program", "edit", "duke-campus", "--set", "letters=3", "letters=4"), 2,
         "letters is given twice"),
        (("program", "edit", "duke-campus", "--set", "english_tests=TOEFL 150"), 1,
         "a TOEFL score is between 0 and 120"),
        (("program", "edit", "duke-campus", "--set", "deadlines=Fall 2027, priority, soon"), 1,
         "'soon' is not a date"),
        (("program", "edit", "no-such-program", "--set", "credits=30"), 1,
         "no program with id 'no-such-program'"),
        (("program", "retire", "no-such-program"), 1, "no program with id 'no-such-program'"),
        (("program", "verify", "duke-campus", "--by", " "), 1, "say who verified it"),
        (("program", "verify", "duke-campus", "--by", "Ana", "--on", "2999-01-01"), 1,
         "in the future"),
        (("program", "restore", "duke-campus"), 1, "is not retired"),
        (("shortlist", "add", "DEMO-001", "no-such-program"), 1, "no program with id"),
        (("shortlist", "remove", "DEMO-001", "duke-campus"), 1, "is not on"),
        (("catalog", "import", "x.json", "--take", "duke-campus"), 2, "is not ID:FIELD"),
    ],
)  # fmt: skip
def test_a_bad_field_value_or_id_is_refused_with_a_message_and_nothing_is_written(
    demo_db: Path,
    capsys: pytest.CaptureFixture[str],
    argv: tuple[str, ...],
    code: int,
    message: str,
) -> None:
    before = _database_rows(demo_db)
    got, _out, err = _run(capsys, demo_db, *argv)
    assert got == code and message in err, err
    assert _database_rows(demo_db) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "is not a JSON file"),
        ("[1, 2]", "does not hold one program"),
        (json.dumps({**PROGRAM, "state": "ZZ"}), "'ZZ' is not a US state code"),
        (json.dumps({**PROGRAM, "letters": -1}), "letters"),
        (json.dumps({**PROGRAM, "colour": "red"}), "colour"),
        (json.dumps({**PROGRAM, "id": "duke-campus"}), "'duke-campus' is already in the catalog"),
        (json.dumps({**PROGRAM, "provenance": {"letters": {"source": "rumour", "as_of": "2026"}}}),
         "provenance"),
    ],
)  # fmt: skip
def test_a_bad_program_file_or_an_id_clash_is_refused_and_nothing_is_written(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    file = tmp_path / "program.json"
    file.write_text(content, encoding="utf-8")
    before = _database_rows(demo_db)
    code, _out, err = _run(capsys, demo_db, "program", "add", str(file))
    assert code == 1 and message in err and err.count("\n") == 1, err
    assert _database_rows(demo_db) == before


def test_a_program_added_from_the_list_shape_and_duplicated(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    duke = next(p for p in _json(capsys, db_path, "catalog", "list") if p["id"] == "duke-campus")
    duke.update(id="duke-evening-campus", program="MS in ML (evening)")
    file = tmp_path / "duke.json"
    file.write_text(json.dumps(duke), encoding="utf-8")
    _ok(capsys, db_path, "program", "add", str(file))
    _ok(capsys, db_path, "program", "duplicate", "duke-evening-campus", "duke-weekend-campus")
    listed = {p["id"]: p for p in _json(capsys, db_path, "catalog", "list")}
    assert listed["duke-weekend-campus"]["origin"] == "counselor"
    assert listed["duke-weekend-campus"]["credits"] == listed["duke-campus"]["credits"]
    assert len(listed) == 19


def test_verification_and_the_not_verified_in_12_months_filter(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert len(_json(capsys, db_path, "catalog", "list", "--unverified")) == 17
    out = _ok(capsys, db_path, "program", "verify", "duke-campus", "--by", "Ana Lee",
              "--set", "credits=32")  # fmt: skip
    assert "corrected  credits: 32" in out
    stale = {p["id"] for p in _json(capsys, db_path, "catalog", "list", "--unverified")}
    assert "duke-campus" not in stale and len(stale) == 16
    duke = next(p for p in _json(capsys, db_path, "catalog", "list") if p["id"] == "duke-campus")
    assert duke["verified"] is True and duke["credits"] == 32
    assert duke["provenance"]["credits"]["source"] == "school_page"
    assert duke["provenance"]["credits"]["verified_by"] == "Ana Lee"
    assert duke["provenance"]["gre"]["verified_by"] == "Ana Lee"
    assert duke["provenance"]["gre"]["source"] == "article"  # confirmed, still the article's
