"""The names of the files a batch export writes keep every student's name as written, in
every script (combining marks, viramas, joiners), replacing only what a file system
refuses."""

from __future__ import annotations

from pathlib import Path

from gradmatch.domain.profile import StudentProfile
from gradmatch.domain.text import file_name_part
from gradmatch.services import reports
from gradmatch.services import students as student_service
from gradmatch.services.database import open_database


def test_a_batch_export_names_each_pdf_by_the_whole_name(tmp_path: Path) -> None:
    db = open_database(tmp_path / "batch.sqlite3", seed_catalog=False)
    try:
        for name, email, code in (
            ("अनन्या शर्मा", "a@example.org", None),
            ("अनन्या शर्मा", "b@example.org", "S/2"),  # a slash no file name may hold
            ("தமிழ்செல்வி", "t@example.org", None),
        ):
            profile = StudentProfile.model_validate(
                {"full_name": name, "email": email, "student_id": code}
            )
            student_service.save_student(db, profile)
        out = tmp_path / "out"
        out.mkdir()
        result = reports.export_all(db, out)
    finally:
        db.close()
    assert not result.failures
    assert sorted(path.name for path in out.iterdir()) == sorted(
        ["अनन्या शर्मा shortlist.pdf", "अनन्या शर्मा (S_2) shortlist.pdf", "தமிழ்செல்வி shortlist.pdf"]
    )


def test_file_name_parts_keep_marks_and_refuse_only_what_systems_refuse() -> None:
    assert file_name_part("अनन्या शर्मा") == "अनन्या शर्मा"
    assert file_name_part("e\u0301") == "\u00e9"  # NFC
    assert file_name_part("کیان\u200cپور") == "کیان\u200cپور"  # the joiner stays
    assert file_name_part('a/b\\c:d*e?f"g<h>i|j') == "a_b_c_d_e_f_g_h_i_j"
    assert file_name_part("line\nbreak\x00\x07end") == "line break__end"
    assert file_name_part(" ..Zoë.. ") == "Zoë"  # Windows drops trailing dots and spaces
    assert file_name_part("CON") == "CON_"  # a Windows device name
