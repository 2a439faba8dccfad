"""`gradmatch student list|import|export` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gradmatch.app import main
from tests.conftest import ROOT
from tests.unit.test_students import _roster_with_bad_rows

DEMO = ROOT / "resources" / "demo" / "students.csv"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_import_list_and_export_the_demo_students(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "--db", str(db_path), "student", "import", str(DEMO))
    assert code == 0 and out.startswith("Imported students.csv: 6 new, 0 updated")
    code, out, _ = _run(capsys, "--db", str(db_path), "student", "list", "--format", "json")
    students = json.loads(out)
    assert len(students) == 6
    assert {
        "id",
        "full_name",
        "email",
        "student_id",
        "prerequisites_completed",
        "max_total_cost",
    } <= set(students[0])
    code, out, _ = _run(capsys, "--db", str(db_path), "student", "list")
    assert "李小龍 (Li Xiaolong)" in out and out.rstrip().endswith("6 students")
    target = tmp_path / "li.gradmatch.json"
    code, out, _ = _run(
        capsys,
        "--db",
        str(db_path),
        "student",
        "export",
        "li.xiaolong@example.org",
        "--out",
        str(target),
    )
    assert code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["student"]["student_id"] == "DEMO-002"
    csv_target = tmp_path / "one.csv"
    assert (
        _run(
            capsys, "--db", str(db_path), "student", "export", "DEMO-002", "--out", str(csv_target)
        )[0]
        == 0
    )
    assert "DEMO-002" in csv_target.read_text(encoding="utf-8")


def test_a_roster_with_bad_rows_names_them_and_imports_nothing(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = _roster_with_bad_rows(tmp_path / "roster.csv")
    code, out, err = _run(capsys, "--db", str(db_path), "student", "import", str(roster))
    assert code == 1 and out == ""
    assert (
        "roster.csv: row 8, column gre_quant: GRE verbal and quant scores run from 130 to 170"
        in err
    )
    assert "roster.csv: row 24, column gpa:" in err and "roster.csv: row 42, column email:" in err
    assert "nothing was imported" in err and "Traceback" not in err
    assert (
        json.loads(_run(capsys, "--db", str(db_path), "student", "list", "--format", "json")[1])
        == []
    )
    code, out, _ = _run(
        capsys, "--db", str(db_path), "student", "import", str(roster), "--skip-invalid"
    )
    assert code == 0 and "47 new" in out and "3 invalid rows skipped" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["student", "export", "nobody@example.org", "--out", "x.gradmatch.json"],
            "no student with the ID, email or full name",
        ),
        (["student", "import", "/nonexistent.csv"], "does not exist"),
    ],
)
def test_errors_are_one_line(
    db_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = _run(capsys, "--db", str(db_path), *argv)
    assert code == 1 and message in err and len(err.strip().splitlines()) == 1


def test_a_newer_profile_file_is_refused(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    newer = tmp_path / "future.gradmatch.json"
    newer.write_text(
        '{"format": "gradmatch-profile", "version": 3, "student": {}}', encoding="utf-8"
    )
    code, _, err = _run(capsys, "--db", str(db_path), "student", "import", str(newer))
    assert code == 1 and "newer GradMatch" in err


def test_add_and_edit_a_student_field_by_field(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(db_path)]
    code, out, err = _run(capsys, *db, "student", "add", "full_name=Ana Ruiz",
                          "email=ana@example.org", "student_id=S-9", "country=mx",
                          "international=yes", "max_total_cost=$45,000")  # fmt: skip
    assert (code, err) == (0, "")
    assert out.startswith("Saved Ana Ruiz: ") and "international = yes" in out
    code, out, err = _run(capsys, *db, "student", "edit", "S-9", "international=", "relocate=no")
    assert (code, err) == (0, "")
    assert "international = not answered" in out and "relocate = no" in out
    target = db_path.parent / "ana.gradmatch.json"
    assert _run(capsys, *db, "student", "export", "S-9", "--out", str(target))[0] == 0
    student = json.loads(target.read_text(encoding="utf-8"))["student"]
    assert student["international"] is None and student["preferences"]["relocate"] is False
    assert student["budget"]["max_total_cost"] == 45000  # kept: not given to edit
    assert student["residency"]["country"] == "MX" and student["will_take_gre"] is None


def test_a_bad_value_on_the_command_line_is_named_and_nothing_is_saved(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(db_path)]
    assert _run(capsys, *db, "student", "add", "full_name=A", "email=a@example.org")[0] == 0
    code, out, err = _run(capsys, *db, "student", "edit", "a@example.org", "gpa=abc",
                          "relocate=maybe", "major=Physics")  # fmt: skip
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "gradmatch: error: gpa: Enter a number, e.g. 3.4",
        "gradmatch: error: relocate: Write yes or no, or leave it blank (not answered)",
        "gradmatch: nothing was saved",
    ]
    listed = json.loads(_run(capsys, *db, "student", "list", "--format", "json")[1])
    assert [s["full_name"] for s in listed] == ["A"]
    with pytest.raises(SystemExit) as usage:
        main([*db, "student", "edit", "a@example.org", "shoe_size=42"])
    assert usage.value.code == 2 and "no field 'shoe_size'" in capsys.readouterr().err
