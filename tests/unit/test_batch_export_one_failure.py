"""Attack: one student's PDF that cannot be written, in an export of the whole caseload.

On the first main, the batch export stopped at the first failure (leaving every student
after it without a PDF, and no list of who was missed), and file names were cut to 80
*characters*: 80 Chinese characters are 240 bytes, past Linux's 255-byte limit once the
student's number and ``.pdf`` (and the temporary name) are added. Now names are cut by
bytes, and a failure for one student is reported at the end with all the others written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gradmatch.app import main
from gradmatch.domain.profile import StudentProfile
from gradmatch.services import reports
from gradmatch.services import students as student_service
from gradmatch.services.database import open_database

LONG_NAME = "陈" * 120  # 360 bytes of UTF-8


def _caseload(demo_db: Path) -> tuple[int, str]:
    db = open_database(demo_db)
    try:
        profile = StudentProfile.model_validate(
            {"full_name": LONG_NAME, "email": "chen@example.org"}
        )
        student_service.save_student(db, profile)
        zoe = student_service.find_student(db, "DEMO-001")
        return zoe.id, zoe.profile.full_name
    finally:
        db.close()


def test_a_student_whose_pdf_cannot_be_written_does_not_stop_the_others(
    demo_db: Path, tmp_path: Path
) -> None:
    zoe, name = _caseload(demo_db)
    out = tmp_path / "pdfs"
    out.mkdir()
    (out / reports.file_name_for(name)).mkdir()  # a folder where Zoë's PDF goes
    db = open_database(demo_db)
    try:
        result = reports.export_all(db, out)
    finally:
        db.close()
    assert len(result.written) == 6  # the five other demo students and the long name
    assert [f.student_id for f in result.failures] == [zoe]
    assert name in result.failure_lines()[0]
    for path in result.written:
        assert len(path.name.encode("utf-8")) <= 255 and path.stat().st_size > 0
    assert not [p for p in out.iterdir() if p.suffix == ".part" or p.name.startswith(".")]


def test_the_command_line_names_the_student_it_missed_and_writes_the_rest(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    zoe, name = _caseload(demo_db)
    out = tmp_path / "pdfs"
    out.mkdir()
    (out / reports.file_name_for(name)).mkdir()
    code = main(["--db", str(demo_db), "export", "--all", "--out-dir", str(out)])
    captured = capsys.readouterr()
    assert code == 1
    assert "Wrote 6 shortlist PDFs" in captured.out
    assert f"{name} (number {zoe})" in captured.err
    assert len([p for p in out.glob("*.pdf") if p.is_file()]) == 6


def test_students_of_one_name_get_files_of_their_own_named_without_internal_numbers(
    tmp_path: Path,
) -> None:
    db = open_database(tmp_path / "two.sqlite3", seed_catalog=False)
    try:
        for email, code in (("a@example.org", "S-1"), ("b@example.org", None),
                            ("c@example.org", None)):  # fmt: skip
            profile = StudentProfile.model_validate(
                {"full_name": "Ana María López", "email": email, "student_id": code}
            )
            student_service.save_student(db, profile)
        summaries = student_service.list_students(db)
        names = reports.batch_file_names(summaries)
    finally:
        db.close()
    by_email = {summary.email: names[summary.id] for summary in summaries}
    assert len(set(by_email.values())) == 3  # none overwrites another
    assert "Ana María López shortlist.pdf" in by_email.values()
    assert by_email["a@example.org"] in (
        "Ana María López shortlist.pdf",
        "Ana María López (S-1) shortlist.pdf",  # told apart by the student's own ID
    )
    assert set(by_email.values()) <= {
        "Ana María López shortlist.pdf",
        "Ana María López (S-1) shortlist.pdf",
        "Ana María López (2) shortlist.pdf",
        "Ana María López (3) shortlist.pdf",
    }
