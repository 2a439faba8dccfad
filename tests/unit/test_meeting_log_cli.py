"""`gradmatch student log STUDENT [--add TEXT]` on the command line."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from gradmatch.app import main
from gradmatch.services.database import open_database
from gradmatch.services.errors import DatabaseLock

ZOE = "DEMO-001"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _log_rows(path: Path) -> list[tuple[str, str, str]]:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("SELECT on_date, kind, text FROM meeting_log").fetchall()


def test_add_entries_and_read_the_log_back(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(demo_db)]
    code, out, err = _run(capsys, *db, "student", "log", ZOE)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Nothing logged for Zoë Ñúñez-Ørsted yet: no meetings, emails or calls.",
        "Add one with: gradmatch student log DEMO-001 --add TEXT",
    ]
    today = date.today().isoformat()
    code, out, err = _run(capsys, *db, "student", "log", ZOE, "--add", "Went over the SOP")
    assert (code, err) == (0, "")
    assert out == f"Added to Zoë Ñúñez-Ørsted's log: {today} · Meeting · Went over the SOP\n"
    code, out, _ = _run(capsys, *db, "student", "log", "zoe.nunez@example.org", "--add",
                        "Asked for\nthe transcript", "--kind", "email", "--on", "2026-01-05")  # fmt: skip
    assert code == 0 and "2026-01-05 · Email · Asked for the transcript" in out
    code, out, _ = _run(capsys, *db, "student", "log", "Zoë Ñúñez-Ørsted", "--add", "Quick call",
                        "--kind", "call", "--on", today)  # fmt: skip
    assert code == 0

    code, out, err = _run(capsys, *db, "student", "log", ZOE)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Meeting log of Zoë Ñúñez-Ørsted (newest first):"
    assert lines[1].split() == ["Date", "Kind", "Text"]
    # Newest first; on the same day, the entry added last comes first.
    assert [line.split(maxsplit=2) for line in lines[3:6]] == [
        [today, "Call", "Quick call"],
        [today, "Meeting", "Went over the SOP"],
        ["2026-01-05", "Email", "Asked for the transcript"],
    ]
    assert lines[6] == "3 entries"


def test_the_json_keys(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(demo_db)]
    assert json.loads(_run(capsys, *db, "student", "log", ZOE, "--format", "json")[1]) == []
    code, out, _ = _run(capsys, *db, "student", "log", ZOE, "--add", "Line one\nline two",
                        "--on", "2026-02-03", "--kind", "call", "--format", "json")  # fmt: skip
    added = json.loads(out)
    assert code == 0 and set(added) == {"id", "on", "kind", "text", "created_at"}
    assert [added["on"], added["kind"]] == ["2026-02-03", "call"]
    assert added["text"] == "Line one\nline two"
    listed = json.loads(_run(capsys, *db, "student", "log", ZOE, "--format", "json")[1])
    assert listed == [added]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--add", "Planned visit", "--on", (date.today() + timedelta(days=1)).isoformat()],
         "The date cannot be in the future"),
        (["--add", "x", "--on", "5/1/2026"], "Write the date as YYYY-MM-DD"),
        (["--add", "x", "--on", "2026-02-30"], "Write the date as YYYY-MM-DD"),
        (["--add", "   "], "a log entry needs its text"),
        (["--add", "ok\x1b[2Jowned"], "cannot contain control characters"),
        (["--add", "x" * 4001], "at most 4,000 characters"),
        (["--kind", "call"], "give --add TEXT too"),
        (["--on", "2026-01-05"], "give --add TEXT too"),
    ],
)  # fmt: skip
def test_a_refused_entry_is_one_line_and_nothing_is_saved(
    demo_db: Path, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    code, out, err = _run(capsys, "--db", str(demo_db), "student", "log", ZOE, *options)
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("gradmatch: error: ")
    assert message in err and "Traceback" not in err and "\x1b" not in err
    assert _log_rows(demo_db) == []


def test_an_unknown_student_or_kind(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "--db", str(demo_db), "student", "log", "nobody", "--add", "x")
    assert code == 1 and "no student with the ID, email or full name" in err
    with pytest.raises(SystemExit) as usage:
        main(["--db", str(demo_db), "student", "log", ZOE, "--add", "x", "--kind", "sms"])
    assert usage.value.code == 2
    assert "invalid choice: 'sms'" in capsys.readouterr().err


def test_what_a_terminal_would_obey_is_written_out(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The domain refuses control characters; a bidi override is text, printed escaped."""
    db = ["--db", str(demo_db)]
    code, out, _ = _run(capsys, *db, "student", "log", ZOE, "--add", "fee \u202ewaived")
    assert code == 0 and "\u202e" not in out and "fee \\u202ewaived" in out
    out = _run(capsys, *db, "student", "log", ZOE)[1]
    assert "\u202e" not in out and "fee \\u202ewaived" in out


def test_a_long_text_is_cut_in_the_table_and_whole_in_json(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(demo_db)]
    text = "Discussed " + "funding options " * 20
    assert _run(capsys, *db, "student", "log", ZOE, "--add", text)[0] == 0
    out = _run(capsys, *db, "student", "log", ZOE)[1]
    assert "…" in out and "--format json shows them whole" in out
    listed = json.loads(_run(capsys, *db, "student", "log", ZOE, "--format", "json")[1])
    assert listed[0]["text"] == text.strip()


def test_adding_takes_the_windows_lock_and_reading_does_not(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    window = DatabaseLock(demo_db)  # a window has the database open
    window.acquire()
    try:
        code, out, err = _run(capsys, "--db", str(demo_db), "student", "log", ZOE, "--add", "x")
        assert code == 1 and out == ""
        assert "already open in another GradMatch window" in err
        assert _run(capsys, "--db", str(demo_db), "student", "log", ZOE)[0] == 0
    finally:
        window.release()
    assert _log_rows(demo_db) == []
    assert _run(capsys, "--db", str(demo_db), "student", "log", ZOE, "--add", "x")[0] == 0
    db = open_database(demo_db)
    db.close()
    assert [row[2] for row in _log_rows(demo_db)] == ["x"]


def test_a_text_that_begins_with_a_dash_is_written_with_an_equals_sign(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "--db", str(demo_db), "student", "log", ZOE, "--add=-5 on the GRE")
    assert code == 0 and out.endswith("· Meeting · -5 on the GRE\n")
    assert [row[2] for row in _log_rows(demo_db)] == ["-5 on the GRE"]
