"""The shortlist PDF, read back as a family would read it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from gradmatch.app import main
from gradmatch.domain.money import format_dollars
from gradmatch.services import matching, reports
from gradmatch.services import students as student_service
from gradmatch.services.database import Database
from tests.conftest import ROOT
from tests.refusals import READ_ONLY, refused_folder

SHORTLIST = ["north-texas-campus", "carnegie-mellon-campus", "mercer-online", "duke-campus"]


@pytest.fixture
def demo(database: Database) -> Database:
    student_service.import_roster(
        database, ROOT / "resources" / "demo" / "students.csv", skip_invalid=False
    )
    reports.set_counselor_name(database, "Ms. Rivera")
    return database


def _text(path: Path) -> tuple[list[str], str]:
    reader = PdfReader(path)
    pages = [page.extract_text() or "" for page in reader.pages]
    return pages, "\n".join(pages)


def test_the_pdf_names_the_student_every_school_and_every_total(
    demo: Database, tmp_path: Path
) -> None:
    zoe = student_service.find_student(demo, "DEMO-001").id
    for program_id in SHORTLIST:
        matching.add_to_shortlist(demo, zoe, program_id, f"note {program_id}")
    report = reports.build_report(demo, zoe, today=date(2026, 11, 24))
    path = reports.write_pdf(report, tmp_path / "zoe.pdf")
    pages, text = _text(path)
    assert "Zoë Ñúñez-Ørsted" in text
    assert "Prepared by: Ms. Rivera" in text
    assert [entry.match.program.id for entry in report.entries] == SHORTLIST
    for entry in report.entries:
        assert entry.match.program.school in text
        assert format_dollars(entry.cost.total) in text  # exactly as the cost model computed it
        assert format_dollars(entry.cost.to_student) in text
    # A cover, a profile page, a page per program, the closing page.
    assert len(pages) >= 2 + len(SHORTLIST) + 1
    for number, page in enumerate(pages, start=1):
        assert "GradMatch shortlist" in page and f"Page {number}" in page
    assert "How to choose" in text and "Is the institution regionally accredited?" in text
    assert "break even" in text.replace("“", "").replace("”", "")


def test_a_cjk_name_comes_back_intact(demo: Database, tmp_path: Path) -> None:
    li = student_service.find_student(demo, "DEMO-002").id
    path = reports.export_shortlist(demo, li, tmp_path / "li.pdf")
    _pages, text = _text(path)
    assert "李小龍 (Li Xiaolong)" in text


def test_without_a_shortlist_the_best_matches_stand_in_and_the_cover_says_so(
    demo: Database, tmp_path: Path
) -> None:
    zoe = student_service.find_student(demo, "DEMO-001").id
    report = reports.build_report(demo, zoe)
    assert not report.from_shortlist
    assert report.entries and all(
        e.match.shown_bucket.value in ("ready", "after_bridge") for e in report.entries
    )
    assert len(report.entries) <= 10
    _pages, text = _text(reports.write_pdf(report, tmp_path / "best.pdf"))
    assert "No shortlist has been made yet" in text and "Best matches" in text


def test_an_unwritable_folder_gets_a_message_and_leaves_nothing(
    demo: Database, tmp_path: Path
) -> None:
    zoe = student_service.find_student(demo, "DEMO-001").id
    with refused_folder(tmp_path / "locked", READ_ONLY) as locked:  # refused to root too
        with pytest.raises(reports.ExportError, match="cannot be written: you may not write"):
            reports.export_shortlist(demo, zoe, locked / "x.pdf")
        assert list(locked.iterdir()) == []
    with pytest.raises(reports.ExportError, match="does not exist"):
        reports.export_shortlist(demo, zoe, tmp_path / "not-a-folder" / "x.pdf")


def test_a_failed_write_leaves_the_old_file_and_no_partial_one(
    demo: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    zoe = student_service.find_student(demo, "DEMO-001").id
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "zoe.pdf"
    target.write_bytes(b"%PDF-1.4 the earlier export")
    from gradmatch.reports import shortlist_pdf

    def broken(report: object, stream: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shortlist_pdf, "write_shortlist_pdf", broken)
    with pytest.raises(reports.ExportError, match="No space left on device"):
        reports.export_shortlist(demo, zoe, target)
    assert target.read_bytes() == b"%PDF-1.4 the earlier export"
    assert [p.name for p in folder.iterdir()] == ["zoe.pdf"]


def test_export_on_the_command_line(
    demo: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo.close()
    out = tmp_path / "amara.pdf"
    assert (
        main(["--db", str(demo.path), "export", "amara.okonkwo@example.org", "--out", str(out)])
        == 0
    )
    assert "Amara Okonkwo" in _text(out)[1]
    folder = tmp_path / "all"
    folder.mkdir()
    assert main(["--db", str(demo.path), "export", "--all", "--out-dir", str(folder)]) == 0
    written = sorted(p.name for p in folder.iterdir())
    assert len(written) == 6 and "李小龍 (Li Xiaolong) shortlist.pdf" in written
    assert not [n for n in written if any(c.isdigit() for c in n)]  # no internal numbers
    with pytest.raises(SystemExit) as usage:  # a usage error: argparse's exit 2
        main(["--db", str(demo.path), "export", "--all"])
    assert usage.value.code == 2
    assert "--all needs --out-dir DIR" in capsys.readouterr().err


def test_gre_scores_without_a_test_date_are_printed_and_the_date_asked(
    demo: Database, tmp_path: Path
) -> None:
    """A roster with quant and verbal only: the profile page prints the scores and asks
    when the GRE was taken (it crashed formatting a missing date)."""
    roster = tmp_path / "two-columns.csv"
    roster.write_text("full_name,email,gre_quant,gre_verbal\nAna Lima,ana@example.org,165,158\n")
    student_service.import_roster(demo, roster, skip_invalid=False)
    ana = student_service.find_student(demo, "ana@example.org").id
    _pages, text = _text(reports.export_shortlist(demo, ana, tmp_path / "ana.pdf"))
    assert "Verbal 158, quant 165 (test date not recorded: ask when it was taken)" in text
