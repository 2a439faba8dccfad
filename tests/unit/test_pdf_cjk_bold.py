"""Attack: in the PDF, a Chinese or Japanese name was regular weight where a name in any
other script is bold (the bundle has no bold CJK face: Droid Sans Fallback served for
both). Now a bold run in a face without a bold font is drawn emboldened: its glyphs
filled and stroked (text render mode 2) with a thin outline, in the text's colour."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from gradmatch.domain.profile import StudentProfile
from gradmatch.reports.fonts import FACES
from gradmatch.services import reports
from gradmatch.services import students as student_service
from gradmatch.services.database import open_database


def _cover(tmp_path: Path, name: str) -> tuple[str, str]:
    """The cover page's content stream and text, for a student called ``name``."""
    db = open_database(tmp_path / "cover.sqlite3", seed_catalog=False)
    try:
        profile = StudentProfile.model_validate({"full_name": name, "email": "a@example.org"})
        student = student_service.save_student(db, profile).id
        path = reports.export_shortlist(db, student, tmp_path / "cover.pdf")
    finally:
        db.close()
    page = PdfReader(path).pages[0]
    contents = page.get_contents()
    assert contents is not None
    return contents.get_data().decode("latin-1"), page.extract_text()


@pytest.mark.parametrize("name", ["王小明", "山田花子", "やまだ はなこ"])
def test_a_chinese_or_japanese_name_is_bold_like_any_other(tmp_path: Path, name: str) -> None:
    stream, text = _cover(tmp_path, name)
    assert "2 Tr" in stream, "the bold name is drawn in the regular weight"
    assert " w" in stream  # with an outline's width set
    assert name in text  # read back as typed: stroking changes no character


@pytest.mark.parametrize("name", ["Zoë Ørsted", "김민준", "अनन्या शर्मा"])
def test_a_name_whose_face_has_a_bold_font_uses_it(tmp_path: Path, name: str) -> None:
    stream, _text = _cover(tmp_path, name)
    assert "2 Tr" not in stream  # its own bold font, nothing synthetic


def test_only_the_cjk_face_has_no_bold_font() -> None:
    assert [face.key for face in FACES if face.synthetic_bold] == ["cjk"]
