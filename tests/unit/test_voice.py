"""Reasons, cost notes and the PDF speak to their reader: the counselor about "the student"
(word for word as before), the student edition's to "you"."""

from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from gradmatch.app import main
from gradmatch.domain.match_settings import MatchWeights
from gradmatch.domain.matching import Match, rank
from gradmatch.domain.profile import Status, StudentProfile, Subject
from gradmatch.domain.shortlist_report import ShortlistReport
from gradmatch.domain.voice import COUNSELOR, STUDENT, Voice, third_person
from gradmatch.errors import InputError
from gradmatch.services import matching, reports
from gradmatch.services import students as student_service
from gradmatch.services.database import Database
from gradmatch.services.matching import shipped_bridges, shipped_prerequisites
from tests.conftest import ROOT
from tests.unit.test_matching import PROGRAMS, TODAY, student

LINEAR_ALGEBRA_MISSING = {**dict.fromkeys(Subject, Status.COMPLETED),
                          Subject.LINEAR_ALGEBRA: Status.MISSING}  # fmt: skip
# Relocation, work and budget not answered; linear algebra not taken.
UNANSWERED = student(
    preferences={"relocate": None},
    budget={},
    employment={"currently_working": None},
    prerequisites=LINEAR_ALGEBRA_MISSING,
)


def _duke(profile: StudentProfile, voice: Voice | None = None) -> Match:
    kwargs = {} if voice is None else {"voice": voice}
    ranking = rank(PROGRAMS, profile, shipped_prerequisites(), shipped_bridges(), MatchWeights(),
                   today=TODAY, **kwargs)  # fmt: skip
    return ranking[ranking.index_of("duke-campus")]


def _said(match: Match) -> dict[str, str]:
    said = {r.criterion.value: r.text for r in match.reasons}
    said.update((f"cost {line.key}", line.source) for line in match.cost.lines)
    return said


def test_the_counselor_reads_of_the_student_as_before() -> None:
    said = _said(_duke(UNANSWERED))
    assert said == _said(_duke(UNANSWERED, COUNSELOR))  # the default voice
    assert said["location"] == (
        "The campus is in Durham, North Carolina. Ask whether the student can relocate."
    )
    assert said["budget"].startswith("Cost to the student about $")
    assert said["budget"].endswith("No budget is recorded: ask the student's maximum total cost.")
    assert said["prerequisites"].startswith("Missing linear algebra: about ")
    assert said["cost opportunity"] == "unknown: ask whether the student is working now"
    assert said["cost fees"].endswith(
        "default (counselor estimate, set in Settings ▸ Cost defaults)"
    )


def test_the_student_reads_you() -> None:
    said = _said(_duke(UNANSWERED, STUDENT))
    assert said["location"] == (
        "The campus is in Durham, North Carolina. Say in your profile whether you can relocate."
    )
    assert said["budget"].startswith("Cost to you about $")
    assert said["budget"].endswith(
        "No budget is recorded: enter your maximum total cost in your profile."
    )
    assert said["prerequisites"].startswith("You have not completed linear algebra: about ")
    assert said["cost opportunity"] == "unknown: say in your profile whether you are working now"
    # No Settings menu in the student edition: the note does not send the student there.
    assert said["cost fees"].endswith("default (counselor estimate)")
    assert said["cost relocation"].startswith("campus outside your state")


ANSWERS: dict[str, tuple[Any, ...]] = {
    "relocate": (None, False, True),
    "delivery": (None, "campus", "online", "either"),
    "part_time": (None, True, False),
    "state": ("TX", None),
    "gre": (None, "expired", "valid"),
    "will_take_gre": (None, True, False),
    "abroad": (False, True),
}


def _variant(**answers: Any) -> StudentProfile:
    gre = {"valid": {"verbal": 155, "quant": 160, "writing": 4, "taken_on": "2025-01-01"},
           "expired": {"verbal": 150, "quant": 150, "writing": 3, "taken_on": "2018-01-01"},
           None: None}[answers["gre"]]  # fmt: skip
    given = answers["state"] is not None  # the student who answers; the one who does not
    abroad = answers["abroad"]
    return student(
        residency={"country": "IN"} if abroad else {"country": "US", "state": answers["state"]},
        international=(True if given else None) if abroad else False,
        gre=gre,
        will_take_gre=answers["will_take_gre"],
        budget={"max_total_cost": 40000, "will_borrow": True, "scholarships": 1000}
        if given else {},
        preferences={"relocate": answers["relocate"], "delivery": answers["delivery"],
                     "part_time": answers["part_time"], "states": ["CA"],
                     "specializations": ["nlp"], "thesis": "thesis"},
        employment={"currently_working": True if given else None,
                    "keep_working": None if answers["part_time"] is None else False,
                    "current_salary": None},
        prerequisites=LINEAR_ALGEBRA_MISSING if given
        else dict.fromkeys(Subject, Status.IN_PROGRESS),
    )  # fmt: skip


def test_no_sentence_in_the_students_voice_speaks_of_the_student() -> None:
    """Every reason, gap sentence and cost note, for students who answered everything,
    nothing, and all between, against every program."""
    spoken_of: set[str] = set()
    for values in itertools.product(*ANSWERS.values()):
        profile = _variant(**dict(zip(ANSWERS, values, strict=True)))
        for voice in (COUNSELOR, STUDENT):
            ranking = rank(PROGRAMS, profile, shipped_prerequisites(), shipped_bridges(),
                           MatchWeights(), today=TODAY, voice=voice)  # fmt: skip
            for match in ranking:
                texts = [*_said(match).values(), match.cost.stated_total_note or ""]
                if voice is COUNSELOR:
                    spoken_of.update(t for t in texts if "the student" in t)
                    continue
                for text in texts:
                    assert "student" not in text.replace("students", ""), text
    assert len(spoken_of) > 40  # the counselor's words do speak of the student


def test_a_verb_after_you_or_the_student() -> None:
    assert [third_person(v) for v in ("need", "apply", "live", "be", "have", "do", "pass")] == [
        "needs", "applies", "lives", "is", "has", "does", "passes",
    ]  # fmt: skip
    assert STUDENT.who_does("be") == "you are" and COUNSELOR.who_does("be") == "the student is"
    assert STUDENT.who_does("apply") == "you apply"


# ---- the PDF


@pytest.fixture
def demo(database: Database) -> Database:
    student_service.import_roster(
        database, ROOT / "resources" / "demo" / "students.csv", skip_invalid=False
    )
    reports.set_counselor_name(database, "Ms. Rivera")
    return database


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _pdf(demo: Database, tmp_path: Path, voice: Voice | None) -> str:
    zoe = student_service.find_student(demo, "DEMO-001").id
    if not matching.get_shortlist(demo, zoe):
        for program_id in ("duke-campus", "mercer-online"):
            matching.add_to_shortlist(demo, zoe, program_id, "ask about the capstone")
    kwargs = {} if voice is None else {"voice": voice}
    report = reports.build_report(demo, zoe, today=date(2026, 11, 24), **kwargs)
    name = voice.audience.value if voice is not None else "default"
    return _text(reports.write_pdf(report, tmp_path / f"{name}.pdf"))


def test_the_students_pdf_says_you(demo: Database, tmp_path: Path) -> None:
    text = " ".join(_pdf(demo, tmp_path, STUDENT).split())
    for words in (
        "Your graduate program shortlist",  # the cover
        "Prepared by you with GradMatch; your counselor: Ms. Rivera",
        "Your profile summary", "Your prerequisites", "Your shortlist",  # the headings
        "Your note: ask about the capstone", "Your cost estimate", "Your bridge plan",
        "You have not completed algorithms",  # the reasons
        "Cost to you about",
        "Go through it with your counselor",  # the closing page
        "verified by your counselor: 0 of 2",
        "weighted (prerequisites, budget,",  # no Settings menu to point to
    ):  # fmt: skip
        assert words in text, words
    assert "the student" not in text and "Counselor's note" not in text
    assert "GradMatch shortlist" in text  # every page's header, as in the counselor's


def test_the_counselors_pdf_is_as_before(demo: Database, tmp_path: Path) -> None:
    text = " ".join(_pdf(demo, tmp_path, None).split())
    assert text == " ".join(_pdf(demo, tmp_path, COUNSELOR).split())
    for words in (
        "Graduate program shortlist", "Prepared by: Ms. Rivera", "Profile summary",
        "The shortlist", "Counselor's note: ask about the capstone", "Cost estimate (",
        "Bridge plan: about", "Missing algorithms", "Cost to the student about",
        "verified by the counselor: 0 of 2",
    ):  # fmt: skip
        assert words in text, words
    assert "Your " not in text.replace("Your target role", "") and " you " not in text.replace(
        "Can you enroll", ""
    )


def test_an_empty_report_tells_the_student_what_to_do(tmp_path: Path) -> None:
    report = ShortlistReport(UNANSWERED, "", date(2026, 11, 24), (), False, None, voice=STUDENT)
    path = reports.write_pdf(report, tmp_path / "empty.pdf")
    text = " ".join(_text(path).split())
    assert "Your shortlist is empty" in text
    assert "on the \u201cMy matches\u201d tab add programs" in text
    assert "update your profile" in text and "student edition" not in text


def test_the_meeting_log_never_goes_into_the_students_pdf(demo: Database) -> None:
    zoe = student_service.find_student(demo, "DEMO-001").id
    with pytest.raises(InputError, match="counselor-only"):
        reports.build_report(demo, zoe, with_log=True, voice=STUDENT)


# ---- the command line


def test_the_command_line_speaks_to_the_student_when_asked(
    demo: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo.close()
    db = ["--db", str(demo.path)]

    def match(*options: str) -> str:
        capsys.readouterr()
        assert main([*db, "match", "DEMO-001", "--format", "json", *options]) == 0
        return " ".join(
            r["text"] for m in json.loads(capsys.readouterr().out) for r in m["reasons"]
        )

    counselors, students = match(), match("--voice", "student")
    assert "the student" in counselors and "you" not in counselors.split()
    assert "the student" not in students and "Cost to you about" in students
    assert match("--voice", "counselor") == counselors
    # The student edition's own command line (--student-mode) speaks to the student.
    capsys.readouterr()
    assert main([*db, "--student-mode", "match", "DEMO-001", "--format", "json"]) == 0
    assert "Cost to you about" in capsys.readouterr().out
    out = tmp_path / "mine.pdf"
    assert main([*db, "export", "DEMO-001", "--out", str(out), "--voice", "student"]) == 0
    assert "Your graduate program shortlist" in _text(out)
    with pytest.raises(SystemExit) as usage:
        main([*db, "export", "DEMO-001", "--out", str(out), "--with-log", "--voice", "student"])
    assert usage.value.code == 2
    assert "--with-log is the counselor's copy" in capsys.readouterr().err
