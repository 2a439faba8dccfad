"""The command line: `gradmatch catalog list|check|import`, one-line errors, exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gradmatch.app import main

FIELDS = {
    "id", "school", "city", "state", "state_name", "program", "mode", "delivery", "artiba",
    "credits", "cost_per_credit", "stated_total", "gre", "control", "control_basis", "url",
    "as_of", "verified", "notes", "listings", "rankings", "estimated_tuition", "edits",
    "retired_on", "retired_by", "origin", "provenance", "deadlines", "statement_of_purpose",
    "cv", "letters", "english_tests", "portfolio", "transcripts", "application_fee",
    "interview", "specializations", "thesis_option", "length", "part_time", "official_urls",
}  # fmt: skip


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_catalog_list_json_prints_every_offering_with_every_field(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "--db", str(db_path), "catalog", "list", "--format", "json")
    assert (code, err) == (0, "")
    programs = json.loads(out)
    assert len(programs) == 17
    for program in programs:
        assert set(program) == FIELDS, program["id"]
    unt = next(p for p in programs if p["id"] == "north-texas-campus")
    assert unt["cost_per_credit"] == {"flat": None, "in_state": 412.27, "out_of_state": 817.27}
    assert unt["stated_total"]["in_state"] == 13604.98
    assert unt["estimated_tuition"] == {
        "flat": None,
        "in_state": 13604.91,
        "out_of_state": 26969.91,
    }
    assert unt["gre"] == {"policy": "not_required", "text": "Not required"}
    assert unt["as_of"] == "2026-01" and unt["verified"] is False
    assert {"year": 2026, "list": "campus", "position": 2, "printed_number": 2} in unt["rankings"]


def test_catalog_list_table(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--db", str(db_path), "catalog", "list")
    assert code == 0
    assert "Carnegie Mellon University" in out and "$412.27 in-state | $817.27 out-of-state" in out
    assert out.rstrip().endswith("17 program offerings")


def test_catalog_check_json_reports_findings_and_statistics(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "--db", str(db_path), "catalog", "check", "--format", "json")
    assert code == 0
    report = json.loads(out)
    ids = {f["id"] for f in report["findings"]}
    assert "listing_conflict:csu-global-online:total_tuition" in ids
    conflict = next(
        f
        for f in report["findings"]
        if f["id"] == "listing_conflict:csu-global-online:total_tuition"
    )
    assert [v["value"] for v in conflict["values"]] == ["$20,250", "$24,300"]
    average = next(
        s
        for s in report["statistics"]
        if s["scope"] == "campus" and s["statistic"] == "average_total"
    )
    assert average["claim"] == 77118 and average["agrees"] is False


def test_catalog_check_table(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--db", str(db_path), "catalog", "check")
    assert code == 0
    assert "data-quality findings" in out.splitlines()[0]
    assert re.search(
        r"Average total cost \(campus\) +\$77,118 +\$63,020.93 to \$68,436.25 +NO", out
    )


def test_catalog_import_reports_what_it_did(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from gradmatch import locations

    code, out, _ = _run(
        capsys, "--db", str(db_path), "catalog", "import", str(locations.shipped_catalog())
    )
    assert code == 0
    assert out.startswith("Imported 17 program offerings and 48 ranking entries from programs.json")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json at all", "bad.json is not valid JSON"),
        (b'{"format": "gradmatch-catalog", "version": 1, "source": {"title": "x", "as_of": "2026-01"}, '
         b'"programs": [{"id": "a", "school": "S", "city": "C", "state": "ZZ", "program": "P", '
         b'"mode": "campus", "delivery": "campus", "as_of": "2026-01"}]}',
         "bad.json: record 1 (a), field 'state'"),
    ],
)  # fmt: skip
def test_a_bad_import_is_one_line_and_a_non_zero_exit(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    code, out, err = _run(capsys, "--db", str(db_path), "catalog", "import", str(bad))
    assert code == 1 and out == ""
    assert err.startswith("gradmatch: error: ") and message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_missing_import_file(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(
        capsys, "--db", str(db_path), "catalog", "import", "/nonexistent/catalog.json"
    )
    assert code == 1 and "does not exist" in err


def test_a_database_that_is_not_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    not_db = tmp_path / "report.pdf"
    not_db.write_bytes(b"%PDF-1.4 not a database")
    code, _, err = _run(capsys, "--db", str(not_db), "catalog", "list")
    assert code == 1 and "is not a GradMatch database" in err and "Traceback" not in err


# Arguments that make no command: argparse's convention, exit 2 with the usage, before any
# database is opened.
USAGE_ERRORS = [
    (["frobnicate"], "invalid choice: 'frobnicate'"),  # an unknown command
    (["catalog", "frobnicate"], "invalid choice: 'frobnicate'"),  # an unknown subcommand
    (["catalog", "list", "--bogus"], "unrecognized arguments: --bogus"),  # an unknown option
    (["student", "import"], "the following arguments are required: FILE"),  # missing
    (["backup", "restore"], "the following arguments are required: BACKUP"),
    (["student", "export", "DEMO-001"], "the following arguments are required: --out"),
    (["catalog", "list", "--format", "xml"], "invalid choice: 'xml'"),  # a bad option value
    (["match", "DEMO-001", "--format", "pdf"], "invalid choice: 'pdf'"),
    (["student", "add", "gre_quant"], "write FIELD=VALUE"),
    (["student", "add", "shoe_size=44"], "no field 'shoe_size'"),
    (["student", "add", "email=a@example.org", "email=b@example.org"], "email is given twice"),
    (["export", "DEMO-001"], "give STUDENT and --out FILE.pdf"),  # options that do not go together
    (["export", "--all"], "--all needs --out-dir DIR"),
    (["export", "DEMO-001", "--all", "--out-dir", "x"], "use either STUDENT --out FILE.pdf or"),
]


@pytest.mark.parametrize(("argv", "words"), USAGE_ERRORS)
def test_usage_errors_exit_2_with_the_usage_and_open_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    database = tmp_path / "never.sqlite3"
    with pytest.raises(SystemExit) as caught:
        main(["--db", str(database), *argv])
    err = capsys.readouterr().err
    assert caught.value.code == 2, err
    assert err.startswith("usage: gradmatch") and "gradmatch: error: " in err
    assert words in err and "Traceback" not in err
    assert not database.exists()  # a usage error opens (and creates) no database


@pytest.mark.parametrize(
    "argv", [["--db"], ["--bogus"], ["--db", "x.sqlite3", "--student-mode", "--bogus"]]
)
def test_usage_errors_of_the_windows_options_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2 and "usage: gradmatch" in capsys.readouterr().err


def test_real_failures_exit_1_with_one_line(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A command that was understood and ran into something: a file that is not there, an
    input that is not valid, a student or a backup that does not exist."""
    bad_roster = tmp_path / "bad.csv"
    bad_roster.write_text("full_name,email,gre_quant\nAna,ana@example.org,171\n", encoding="utf-8")
    failures = [
        (["student", "import", str(tmp_path / "missing.csv")], "does not exist"),
        (["catalog", "import", str(tmp_path / "missing.json")], "does not exist"),
        (["student", "import", str(bad_roster)], "rows have errors; nothing was imported"),
        (["student", "add", "full_name=Ana", "email=not-an-email"], "nothing was saved"),
        (["match", "NOBODY"], "no student with the ID, email or full name"),
        (["export", "NOBODY", "--out", str(tmp_path / "x.pdf")], "no student with the ID"),
        (["backup", "restore", "nope.sqlite3"], "nope.sqlite3 is not a backup"),
    ]
    for argv, words in failures:
        code, _out, err = _run(capsys, "--db", str(demo_db), *argv)
        assert code == 1, (argv, err)
        assert words in err and "Traceback" not in err and "usage:" not in err, (argv, err)


def test_the_database_location_comes_from_db_then_env_then_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    env_db = tmp_path / "env" / "from-env.sqlite3"
    monkeypatch.setenv("GRADMATCH_DB", str(env_db))
    assert _run(capsys, "catalog", "list", "--format", "json")[0] == 0
    assert env_db.exists()
    flag_db = tmp_path / "flag" / "from-flag.sqlite3"
    assert _run(capsys, "--db", str(flag_db), "catalog", "list")[0] == 0
    assert flag_db.exists()
    monkeypatch.delenv("GRADMATCH_DB")
    assert _run(capsys, "catalog", "list")[0] == 0
    data_home = Path(os.environ["XDG_DATA_HOME"])
    assert (data_home / "GradMatch" / "gradmatch.sqlite3").exists()


def test_the_console_script_and_python_m_run(db_path: Path) -> None:
    env = {**os.environ, "GRADMATCH_DB": str(db_path)}
    module = subprocess.run(
        [sys.executable, "-m", "gradmatch", "catalog", "list", "--format", "json"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert module.returncode == 0, module.stderr
    assert len(json.loads(module.stdout)) == 17
    script = Path(sys.executable).with_name("gradmatch")
    version = subprocess.run(
        [script, "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert version.returncode == 0 and version.stdout.startswith("GradMatch ")
