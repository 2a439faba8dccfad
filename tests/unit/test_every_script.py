"""Names and notes in every script a caseload may hold, printed and read back from the PDF.

How the text is read back: pypdf extracts each run of glyphs in the order it is drawn and
turns each glyph into the characters the font's ToUnicode map gives; a run drawn in one
font that holds right-to-left letters is reversed, so Arabic and Hebrew come back in
reading (logical) order. Punctuation that a right-to-left font lacks is drawn in another
font and breaks that run: the notes here are words and spaces, which all fonts have."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from bidi import get_display
from pypdf import PdfReader
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle

from gradmatch.domain.profile import STORED, StudentProfile
from gradmatch.domain.shortlist_report import ShortlistReport
from gradmatch.reports import fonts
from gradmatch.reports.shaping import ShapedParagraph, Span, clusters, visual_order
from gradmatch.reports.shortlist_pdf import write_shortlist_pdf
from gradmatch.services import matching, reports
from gradmatch.services import students as student_service
from gradmatch.services.database import Database
from tests.conftest import ROOT

# (name, a counselor's note on a shortlisted program), one pair a script.
SCRIPTS = {
    "Latin": ("Zoë Ñúñez-Ørsted", "Prefers Texas and asks about fee waivers"),
    "Greek": ("Ελένη Παπαδοπούλου", "Προτιμά πρόγραμμα στην πανεπιστημιούπολη"),
    "Cyrillic": ("Дмитрий Волков", "Хочет учиться очно"),
    "Chinese": ("李小龍", "希望获得奖学金"),
    "Japanese": ("山田 はなこ", "奨学金を希望しています"),
    "Korean": ("김민준", "장학금이 필요합니다"),
    # Lam-alef is one glyph for two letters (الأحمد); every letter joins its neighbours.
    "Arabic": ("علا الأحمد", "تحتاج إلى منحة دراسية"),
    "Hebrew": ("דוד כהן", "מעדיף תוכנית בקמפוס"),
    # A conjunct (प्र), a vowel sign drawn before its consonant (ि), a reph (र्मा), a nukta
    # (ज़), a vowel sign moved over its consonant (के).
    "Devanagari": ("प्रिया शर्मा", "छात्रवृत्ति के लिए ज़रूरी आवेदन"),
}
SHORTLIST = ["north-texas-campus", "duke-campus"]


def _student(db: Database, name: str) -> int:
    """A student like the demo's Zoë, named ``name``."""
    student_service.import_roster(
        db, ROOT / "resources" / "demo" / "students.csv", skip_invalid=False
    )
    zoe = student_service.find_student(db, "DEMO-001")
    data = zoe.profile.model_dump()
    data.update(full_name=name, student_id="SCRIPT-1", email="script@example.org")
    profile = StudentProfile.model_validate(data, context=STORED)
    return student_service.save_student(db, profile).id


def _pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


@pytest.mark.parametrize("script", list(SCRIPTS))
def test_a_name_and_a_note_in_any_script_come_back_from_the_pdf_intact(
    database: Database, tmp_path: Path, script: str
) -> None:
    name, note = SCRIPTS[script]
    student = _student(database, name)
    for program_id in SHORTLIST:
        matching.add_to_shortlist(database, student, program_id, note)
    report = reports.build_report(database, student, today=date(2026, 11, 24))
    pages = _pages(reports.write_pdf(report, tmp_path / "report.pdf"))
    cover = pages[0].splitlines()
    assert name in cover  # the cover's name line, alone and whole
    for page in pages:  # and the header of every page (pypdf moves a space next to a
        # right-to-left run to its other side: spacing around the dots is not compared)
        header = re.sub(r"\s*·\s*", " · ", page.splitlines()[0])
        assert header == f"GradMatch shortlist · {name} · 2026-11-24"
    program_page = pages[2]
    assert "University of North Texas" in program_page
    assert note in program_page


@pytest.mark.parametrize("script", list(SCRIPTS))
def test_every_character_has_a_glyph_in_the_font_chosen_for_it(script: str) -> None:
    for text in SCRIPTS[script]:
        assert fonts.missing(text) == []
        for bold in (False, True):
            laid_out = clusters([Span(text, bold=bold)], 10, colors.black)
            assert "".join(cluster.text for cluster in laid_out) == text
            assert all(glyph.gid != 0 for cluster in laid_out for glyph in cluster.glyphs)


def test_each_script_is_drawn_in_its_own_typeface() -> None:
    expected = {
        "Latin": "latin", "Greek": "latin", "Cyrillic": "latin", "Chinese": "cjk",
        "Korean": "hangul", "Arabic": "arabic", "Hebrew": "hebrew", "Devanagari": "devanagari",
    }  # fmt: skip
    for script, key in expected.items():
        name = SCRIPTS[script][0]
        letters = [
            face.key
            for char, face in zip(name, fonts.faces_of(name), strict=True)
            if not char.isspace() and unicodedata.category(char)[0] == "L"
        ]
        assert set(letters) == {key}, script


def test_an_arabic_name_in_the_header_leaves_the_date_after_it() -> None:
    """The header reads "GradMatch shortlist · <name> · <date>" left to right: the name's
    letters run right to left inside it, and the date's digits do not join the name."""
    name = "علا الأحمد"
    line = clusters(
        [Span("GradMatch shortlist · "), Span(name, isolate=True), Span(" · 2026-11-24")],
        7.5,
        colors.black,
    )
    seen = "".join(
        cluster.text[::-1] if cluster.level % 2 else cluster.text for cluster in visual_order(line)
    )
    assert seen == f"GradMatch shortlist · {name[::-1]} · 2026-11-24"


@pytest.mark.parametrize(
    "text",
    [
        "محمد علي",
        "Counselor's note: محمد wants 2 programs before 2026",
        "ملاحظة المرشد: يفضل 3 برامج عبر الإنترنت",
        "הערה: מעדיף 2 תוכניות בקמפוס, לא אונליין",
        "Ola علا and David דוד, 12 and 34",
        "प्रिया शर्मा and محمد",
    ],
)
def test_the_order_on_the_line_is_the_unicode_bidirectional_algorithm(text: str) -> None:
    """Left to right as drawn, the characters are what python-bidi's own display order of
    the same line gives (no mirrored brackets in these: HarfBuzz mirrors those)."""
    line = visual_order(clusters([Span(text)], 10, colors.black))
    seen = "".join(cluster.text[::-1] if cluster.level % 2 else cluster.text for cluster in line)
    assert seen == get_display(text)


def test_a_long_arabic_note_wraps_in_reading_order() -> None:
    words = ["هذا", "نص", "طويل", "باللغة", "العربية", "لاختبار", "التفاف", "الأسطر"]
    note = " ".join(words * 4)
    paragraph = ShapedParagraph([Span(note)], ParagraphStyle("p", fontName=fonts.REGULAR))
    paragraph.wrap(200, 1000)
    lines = ["".join(cluster.text for cluster in line) for line in paragraph.lines]
    assert len(lines) > 2
    # Each line holds the next words in reading order; none is lost or repeated.
    assert " ".join(lines).split() == words * 4


def test_a_report_without_programs_says_the_shortlist_is_empty_and_what_to_do(
    database: Database, tmp_path: Path
) -> None:
    student = _student(database, "Amara Okonkwo")
    profile = student_service.get_student(database, student).profile
    report = ShortlistReport(
        profile=profile,
        counselor="Ms. Rivera",
        prepared_on=date(2026, 11, 24),
        entries=(),
        from_shortlist=False,
        source=None,
    )
    path = tmp_path / "empty.pdf"
    with path.open("wb") as stream:
        write_shortlist_pdf(report, stream)
    text = " ".join(" ".join(_pages(path)).split())
    assert "Programs in this report" not in text
    assert "The shortlist is empty" in text
    assert "Add to shortlist" in text and "export the PDF again" in text
    assert "No shortlist has been made yet: this report lists the best matches" not in text
