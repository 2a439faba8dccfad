"""Data safety, round two (issue 14): every way GradMatch writes, exports, backs up and puts
back, interleaved at random on ONE database file, through the services the window uses and
through the real command line. After every step the database must hold exactly what a
plain-Python model of the user's actions says: no committed profile field, counselor note,
shortlist entry (with its note), bucket override or meeting log entry vanishes or changes
unless a user action removed or changed it. Every backup taken during a step (``backup now``, before an import,
before a catalog import, before a restore) must hold exactly what was committed before that
step; a restore makes the restored backup's state the expected one."""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import shutil
import sqlite3
import tempfile
from contextlib import closing, redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from gradmatch import locations
from gradmatch.app import main
from gradmatch.domain.exchange import student_document
from gradmatch.domain.matching import Bucket
from gradmatch.domain.meeting_log import read_entry as read_log_entry
from gradmatch.domain.profile import STORED, StudentProfile
from gradmatch.services import backups, matching, reports
from gradmatch.services import catalog as catalog_service
from gradmatch.services import meeting_log as log_service
from gradmatch.services import students as student_service
from gradmatch.services.database import Database, open_database

CODES = ("S-1", "S-2", "S-3", "S-4")
# The programs the machine puts on shortlists and overrides; the catalogs leave some out.
PROGRAMS = (
    "duke-campus",
    "carnegie-mellon-campus",
    "columbia-online",
    "north-texas-campus",
    "stevens-online",
)
CATALOGS: dict[str, frozenset[str]] = {  # file -> the programs it leaves out (retired)
    "full.json": frozenset(),
    "no-duke.json": frozenset({"duke-campus"}),
    "no-duke-cmu.json": frozenset({"duke-campus", "carnegie-mellon-campus"}),
    "no-online.json": frozenset({"columbia-online", "stevens-online"}),
}
NAMES = ("Ana Ruiz", "Ana Ruiz-Díaz", "Bo Li", "李小龍", "Zoë O'Neil", "Dmitri Volkov")
MAJORS = ("Physics", "Mathematics", "", "Economics, applied")
NOTES = (
    "",
    "Met twice; wants NLP.",
    "Line one\nline two",
    'Said "maybe", then yes',
    "=SUM(A1:A3) is text here",
    "'Tis the season",
    "Ünïcødé — 李",
    "  padded, and stored without the spaces  ",
    "-5 on the GRE; +1 from the dean\r\n@advisor",
)
SHORT_NOTES = ("", "visit in spring", " call back ", "tuition?\ncheck aid")
REASONS = ("talked to admissions", "strong portfolio", "deadline passed")
STATUSES = ("completed", "in_progress", "planned", "missing")
DOORS = st.sampled_from(("service", "cli"))
LOG_DAYS = ("2026-01-05", "2026-01-05", "2026-02-10", "2025-12-24")


@dataclass
class State:
    """What the database should hold, keyed by what a user sees (student IDs, program ids)."""

    students: dict[str, dict[str, Any]] = field(default_factory=dict)  # code -> profile
    shortlists: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # in order
    overrides: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    retired: frozenset[str] = frozenset()
    # code -> meeting log entries (day, kind, text), newest first (same day: added last first)
    logs: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)

    def copy(self) -> State:
        return copy.deepcopy(self)

    def differences(self, actual: State) -> list[str]:
        found = []
        for code in sorted(set(self.students) | set(actual.students)):
            want, got = self.students.get(code), actual.students.get(code)
            if want is None or got is None:
                found.append(
                    f"student {code}: expected {want is not None}, found {got is not None}"
                )
                continue
            for key in sorted(set(want) | set(got)):
                if want.get(key) != got.get(key):
                    found.append(
                        f"student {code}.{key}: expected {want.get(key)!r}, found {got.get(key)!r}"
                    )
        for code in sorted(set(self.shortlists) | set(actual.shortlists)):
            if self.shortlists.get(code, []) != actual.shortlists.get(code, []):
                found.append(
                    f"shortlist of {code}: expected {self.shortlists.get(code, [])}, "
                    f"found {actual.shortlists.get(code, [])}"
                )
        if self.overrides != actual.overrides:
            found.append(f"overrides: expected {self.overrides}, found {actual.overrides}")
        for code in sorted(set(self.logs) | set(actual.logs)):
            if self.logs.get(code, []) != actual.logs.get(code, []):
                found.append(
                    f"meeting log of {code}: expected {self.logs.get(code, [])}, "
                    f"found {actual.logs.get(code, [])}"
                )
        if self.retired != actual.retired:
            found.append(
                f"retired: expected {sorted(self.retired)}, found {sorted(actual.retired)}"
            )
        return found


def read_state(path: Path) -> State:
    """What the file holds, read with plain SQLite (read-only), not through the services."""
    state = State()
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
        codes: dict[int, str] = {}
        for row_id, code, profile in connection.execute(
            "SELECT id, student_code, profile FROM student"
        ):
            codes[row_id] = code
            state.students[code] = json.loads(profile)
        for student, program, note in connection.execute(
            "SELECT student_id, program_id, note FROM shortlist_entry ORDER BY student_id, position"
        ):
            state.shortlists.setdefault(codes[student], []).append((program, note))
        for student, program, bucket, reason in connection.execute(
            "SELECT student_id, program_id, bucket, reason FROM match_override"
        ):
            state.overrides[(codes[student], program)] = (bucket, reason)
        state.retired = frozenset(
            row[0]
            for row in connection.execute("SELECT id FROM program WHERE retired_on IS NOT NULL")
        )
        for student, on, kind, text in connection.execute(
            "SELECT student_id, on_date, kind, text FROM meeting_log "
            "ORDER BY student_id, on_date DESC, id DESC"
        ):
            state.logs.setdefault(codes[student], []).append((on, kind, text))
    return state


def fingerprint(path: Path) -> str:
    """Every row of every table: what an action that writes nothing leaves exactly as it was."""
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
        return hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()


def document(profile: StudentProfile) -> dict[str, Any]:
    """A profile as the database stores it (the exchange file's ``student`` object)."""
    stored: dict[str, Any] = json.loads(json.dumps(student_document(profile)))
    return stored


def new_student(values: dict[str, Any]) -> dict[str, Any]:
    """What a student created from ``values`` alone holds: those values, defaults elsewhere."""
    return document(StudentProfile.model_validate(values))


def email(code: str, alternative: bool) -> str:
    return f"{code.lower()}{'.alt' if alternative else ''}@example.org"


def initial_students() -> list[StudentProfile]:
    """Two students with much more than any import touches: GRE, evidence, dates, notes."""
    return [
        StudentProfile.model_validate(
            {
                "full_name": "Ana Ruiz",
                "email": email("S-1", False),
                "student_id": "S-1",
                "notes": "Met 3 times; wants NLP.\nParents worried about cost.",
                "major": "Physics",
                "application_date": "2026-12-01",
                "residency": {"country": "US", "state": "TX"},
                "gpa": {"value": "3.7", "scale": "4.0"},
                "prerequisites": {"calculus": "completed", "programming": "in_progress"},
                "prerequisite_evidence": {
                    "calculus": {
                        "course": "MATH 101",
                        "institution": "UT",
                        "grade": "A",
                        "year": 2023,
                    }
                },
                "gre": {"verbal": 158, "quant": 166, "writing": 4.5, "taken_on": "2025-06-14"},
                "languages": ["Python", "R"],
                "budget": {"max_total_cost": 45000, "savings": 12000},
                "preferences": {"relocate": True, "states": ["TX", "CA"]},
            }
        ),
        StudentProfile.model_validate(
            {
                "full_name": "Bo Li",
                "email": email("S-2", False),
                "student_id": "S-2",
                "notes": "Prefers online.",
                "international": True,
                "residency": {"country": "CN"},
                "english_test": {"kind": "toefl", "score": 104},
                "employment": {"currently_working": True, "current_salary": 72000},
            }
        ),
    ]


def write_catalogs(folder: Path) -> Path:
    """The shipped catalog, and versions of it that leave out some of :data:`PROGRAMS`."""
    folder.mkdir(exist_ok=True)
    shipped = json.loads(locations.shipped_catalog().read_text(encoding="utf-8"))
    for name, left_out in CATALOGS.items():
        version = dict(
            shipped, programs=[p for p in shipped["programs"] if p["id"] not in left_out]
        )
        (folder / name).write_text(json.dumps(version), encoding="utf-8")
    return folder


class DataSafetyMachine(RuleBasedStateMachine):
    def __init__(self, template: Path, catalogs: Path, scratch: Path) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(dir=scratch))
        self.catalogs = catalogs
        self.out = self.folder / "exports"
        self.out.mkdir()
        (self.folder / "data").mkdir(mode=0o700)
        self.path = self.folder / "data" / "gradmatch.sqlite3"
        with (
            closing(sqlite3.connect(template)) as source,
            closing(sqlite3.connect(self.path)) as copy_,
        ):
            source.backup(copy_)
        self.path.chmod(0o600)
        self.db: Database = open_database(self.path)
        self.model = State()
        for profile in initial_students():
            student_service.save_student(self.db, profile)
            assert profile.student_id is not None
            self.model.students[profile.student_id] = document(profile)
        self.last_state = self.model.copy()  # what was committed before the current step
        self.backup_states: dict[Path, State] = {}  # every backup -> what it must hold
        self.backup_reasons: list[str] = []  # the backups the current step must take
        self.files = 0

    def teardown(self) -> None:
        self.db.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # ------------------------------------------------------------ helpers

    def _file(self, suffix: str) -> Path:
        self.files += 1
        return self.out / f"file-{self.files}{suffix}"

    def _cli(self, *argv: str, exit_code: int = 0) -> None:
        """The real command line, in this process, as a script would run it. The window
        (``self.db``) is closed meanwhile: a command that writes never runs beside it."""
        self.db.close()
        err = io.StringIO()
        try:
            with redirect_stdout(io.StringIO()), redirect_stderr(err):
                code = main(["--db", str(self.path), *argv])
        finally:
            self.db = open_database(self.path)
        assert code == exit_code, f"gradmatch {' '.join(argv)}: exit {code}, {err.getvalue()}"

    def _id(self, code: str) -> int:
        return student_service.find_student(self.db, code).id

    def _import(self, path: Path, door: str) -> None:
        self.backup_reasons = ["pre-import"]
        if door == "cli":
            self._cli("student", "import", str(path))
        else:
            student_service.import_file(self.db, path)

    def _pick_student(self, data: st.DataObject) -> str:
        return data.draw(st.sampled_from(sorted(self.model.students)), label="student")

    # ------------------------------------------------------------ imports

    @rule(
        rows=st.lists(
            st.tuples(
                st.sampled_from(CODES),
                st.sampled_from(NAMES),
                st.booleans(),
                st.sampled_from(MAJORS),
                st.sampled_from(NOTES),
            ),
            min_size=1,
            max_size=3,
            unique_by=lambda row: row[0],
        ),
        notes_column=st.booleans(),
        door=DOORS,
    )
    def import_roster(
        self, rows: list[tuple[str, str, bool, str, str]], notes_column: bool, door: str
    ) -> None:
        """A roster of some students, known or new: it changes only the columns it has."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(["full_name", "email", "student_id", "major"] + ["notes"] * notes_column)
        for code, name, alternative, major, notes in rows:
            writer.writerow([name, email(code, alternative), code, major] + [notes] * notes_column)
            stated = {"full_name": name, "email": email(code, alternative), "major": major}
            if notes_column:
                stated["notes"] = notes.strip()
            if code in self.model.students:
                self.model.students[code].update(stated)
            else:
                self.model.students[code] = new_student({**stated, "student_id": code})
        path = self._file(".csv")
        path.write_text(buffer.getvalue(), encoding="utf-8")
        self._import(path, door)

    @rule(code=st.sampled_from(CODES), door=DOORS)
    def import_a_roster_with_an_invalid_row(self, code: str, door: str) -> None:
        """All or nothing: a GRE quant of 171 in one row imports none of the rows."""
        before = fingerprint(self.path)
        path = self._file(".csv")
        path.write_text(
            "full_name,email,student_id,gre_quant\r\n"
            f"Valid Row,{email(code, False)},{code},160\r\n"
            f"Invalid Row,{email('S-9', False)},S-9,171\r\n",
            encoding="utf-8",
        )
        if door == "cli":
            self._cli("student", "import", str(path), exit_code=1)
        else:
            with pytest.raises(student_service.RosterImportError):
                student_service.import_roster(self.db, path, skip_invalid=False)
        assert fingerprint(self.path) == before

    @rule(
        code=st.sampled_from(CODES),
        name=st.sampled_from(NAMES),
        alternative=st.booleans(),
        major=st.sampled_from(MAJORS),
        status=st.sampled_from(STATUSES),
        door=DOORS,
    )
    def import_profile_file(
        self, code: str, name: str, alternative: bool, major: str, status: str, door: str
    ) -> None:
        """A ``.gradmatch.json`` coming back from a student: only its keys change, and the
        counselor's notes it carries (as an older GradMatch wrote them) are never read."""
        stated: dict[str, Any] = {
            "full_name": name,
            "email": email(code, alternative),
            "student_id": code,
            "major": major,
        }
        path = self._file(".gradmatch.json")
        student = {**stated, "prerequisites": {"statistics": status}, "notes": "planted"}
        path.write_text(
            json.dumps({"format": "gradmatch-profile", "version": 1, "student": student}),
            encoding="utf-8",
        )
        if code in self.model.students:
            self.model.students[code].update(stated)
            self.model.students[code]["prerequisites"]["statistics"] = status
        else:
            self.model.students[code] = new_student(
                {**stated, "prerequisites": {"statistics": status}}
            )
        self._import(path, door)

    # ------------------------------------------------------------ the profile form

    @precondition(lambda self: self.model.students)
    @rule(data=st.data(), major=st.sampled_from(MAJORS), notes=st.sampled_from(NOTES), door=DOORS)
    def edit_profile(self, data: st.DataObject, major: str, notes: str, door: str) -> None:
        """The form saves what it shows (the stored profile) with two answers changed."""
        code = self._pick_student(data)
        stored = self.model.students[code]
        if door == "cli":
            self._cli("student", "edit", code, f"major={major}", f"notes={notes}")
        else:
            profile = StudentProfile.model_validate(
                {**stored, "major": major, "notes": notes}, context=STORED
            )
            student_service.save_student(self.db, profile, self._id(code))
        stored.update(major=major, notes=notes.strip())

    # ------------------------------------------------------------ shortlists and overrides

    @precondition(lambda self: self.model.students)
    @rule(data=st.data(), program=st.sampled_from(PROGRAMS), note=st.sampled_from(SHORT_NOTES))
    def shortlist_add_or_note(self, data: st.DataObject, program: str, note: str) -> None:
        """Add a program in the catalog to a shortlist, or change an entry's note."""
        code = self._pick_student(data)
        entries = self.model.shortlists.setdefault(code, [])
        present = [i for i, (p, _) in enumerate(entries) if p == program]
        if not present and program in self.model.retired:
            return  # only programs in the catalog are offered for a shortlist
        matching.add_to_shortlist(self.db, self._id(code), program, note)
        if present:
            entries[present[0]] = (program, note.strip())
        else:
            entries.append((program, note.strip()))

    @precondition(lambda self: any(self.model.shortlists.values()))
    @rule(data=st.data())
    def shortlist_remove(self, data: st.DataObject) -> None:
        code, program = data.draw(
            st.sampled_from(
                sorted((c, p) for c, entries in self.model.shortlists.items() for p, _ in entries)
            )
        )
        matching.remove_from_shortlist(self.db, self._id(code), program)
        self.model.shortlists[code] = [e for e in self.model.shortlists[code] if e[0] != program]

    @precondition(lambda self: self.model.students)
    @rule(
        data=st.data(),
        program=st.sampled_from(PROGRAMS),
        bucket=st.sampled_from(Bucket),
        reason=st.sampled_from(REASONS),
    )
    def override_bucket(
        self, data: st.DataObject, program: str, bucket: Bucket, reason: str
    ) -> None:
        code = self._pick_student(data)
        if program in self.model.retired and (code, program) not in self.model.overrides:
            return  # retired programs are no longer matched: nothing to override
        matching.set_override(self.db, self._id(code), program, bucket, reason)
        self.model.overrides[(code, program)] = (bucket.value, reason)

    @precondition(lambda self: any(len(entries) > 1 for entries in self.model.shortlists.values()))
    @rule(data=st.data())
    def shortlist_reorder(self, data: st.DataObject) -> None:
        code = data.draw(
            st.sampled_from(sorted(c for c, e in self.model.shortlists.items() if len(e) > 1))
        )
        entries = data.draw(st.permutations(self.model.shortlists[code]), label="order")
        matching.reorder_shortlist(self.db, self._id(code), [p for p, _ in entries])
        self.model.shortlists[code] = list(entries)

    @precondition(lambda self: self.model.overrides)
    @rule(data=st.data())
    def override_removed(self, data: st.DataObject) -> None:
        code, program = data.draw(st.sampled_from(sorted(self.model.overrides)))
        matching.set_override(self.db, self._id(code), program, None)
        del self.model.overrides[(code, program)]

    # ------------------------------------------------------------ exports change nothing

    @precondition(lambda self: self.model.students)
    @rule(data=st.data(), kind=st.sampled_from(("pdf", "cli-pdf", "roster", "profile")))
    def export(self, data: st.DataObject, kind: str) -> None:
        code = self._pick_student(data)
        before = fingerprint(self.path)
        if kind == "pdf":
            written = reports.export_shortlist(self.db, self._id(code), self._file(".pdf"))
        elif kind == "cli-pdf":
            written = self._file(".pdf")
            self._cli("export", code, "--out", str(written))
        elif kind == "roster":
            written = self._file(".csv")
            student_service.export_roster(self.db, written)
        else:
            written = student_service.export_profile_file(
                self.db, self._id(code), self._file(".gradmatch.json")
            )
        assert written.stat().st_size > 0
        assert fingerprint(self.path) == before, f"the {kind} export changed the database"

    @precondition(lambda self: self.model.students)
    @rule(door=DOORS)
    def reimport_the_exported_roster(self, door: str) -> None:
        """Export the caseload's roster and import it straight back: nothing changes."""
        path = self._file(".csv")
        student_service.export_roster(self.db, path)
        self._import(path, door)

    @precondition(lambda self: self.model.students)
    @rule(data=st.data(), door=DOORS)
    def reimport_an_exported_profile_file(self, data: st.DataObject, door: str) -> None:
        """A student's profile file sent out and back unchanged: nothing changes (the
        counselor's notes, which it does not carry, included)."""
        code = self._pick_student(data)
        path = student_service.export_profile_file(
            self.db, self._id(code), self._file(".gradmatch.json")
        )
        self._import(path, door)

    # ------------------------------------------------------------ catalogs

    @rule(name=st.sampled_from(sorted(CATALOGS)), door=DOORS)
    def import_catalog(self, name: str, door: str) -> None:
        """Programs the file leaves out are retired, those it has are back; shortlist
        entries, notes and overrides on them all stay."""
        path = self.catalogs / name
        self.backup_reasons = ["pre-catalog-import"]
        if door == "cli":
            self._cli("catalog", "import", str(path))
        else:
            catalog_service.import_catalog(self.db, path)
        self.model.retired = CATALOGS[name]

    # ------------------------------------------------------------ the meeting log

    @precondition(lambda self: self.model.students)
    @rule(
        data=st.data(),
        on=st.sampled_from(LOG_DAYS),
        kind=st.sampled_from(("meeting", "email", "call")),
        text=st.sampled_from([n for n in NOTES if n.strip()]),
        door=DOORS,
    )
    def log_add(self, data: st.DataObject, on: str, kind: str, text: str, door: str) -> None:
        code = self._pick_student(data)
        if door == "cli":
            # --add=TEXT: a text such as "-5 on the GRE" is not taken for an option.
            self._cli("student", "log", code, f"--add={text}", "--kind", kind, "--on", on)
        else:
            entry = read_log_entry(on, kind, text)
            log_service.add_log_entry(self.db, self._id(code), entry)
        entries = self.model.logs.setdefault(code, [])
        # Newest first: before the first entry of its day or older.
        at = next((i for i, (day, _, _) in enumerate(entries) if day <= on), len(entries))
        entries.insert(at, (on, kind, text.strip()))

    @precondition(lambda self: any(self.model.logs.values()))
    @rule(data=st.data(), text=st.sampled_from(SHORT_NOTES[1:]), remove=st.booleans())
    def log_edit_or_delete(self, data: st.DataObject, text: str, remove: bool) -> None:
        code = data.draw(st.sampled_from(sorted(c for c, e in self.model.logs.items() if e)))
        position = data.draw(st.integers(0, len(self.model.logs[code]) - 1), label="entry")
        student = self._id(code)
        record = log_service.log_entries(self.db, student)[position]
        if remove:
            log_service.delete_log_entry(self.db, student, record.id)
            del self.model.logs[code][position]
        else:
            entry = read_log_entry(record.entry.on, record.entry.kind, text)
            log_service.edit_log_entry(self.db, student, record.id, entry)
            on, kind, _ = self.model.logs[code][position]
            self.model.logs[code][position] = (on, kind, text.strip())

    # ------------------------------------------------------------ backups and restores

    @rule(door=DOORS)
    def backup_now(self, door: str) -> None:
        self.backup_reasons = ["manual"]
        if door == "cli":
            self._cli("backup", "now")
        else:
            backups.backup_now(self.db)

    @precondition(lambda self: self.backup_states)
    @rule(data=st.data(), door=DOORS)
    def restore(self, data: st.DataObject, door: str) -> None:
        """A restore puts a backup's state in place, removing later writes: the user's
        choice. What was there before is in the pre-restore backup (checked by the
        invariant like every backup taken during a step)."""
        chosen = data.draw(st.sampled_from(sorted(self.backup_states)), label="backup")
        self.backup_reasons = ["pre-restore"]
        if door == "cli":
            self._cli("backup", "restore", chosen.name)
        else:
            self.db, _undo = backups.restore(self.db, chosen)
        self.model = self.backup_states[chosen].copy()

    # ------------------------------------------------------------ the promise

    @invariant()
    def nothing_committed_vanished(self) -> None:
        problems = self.model.differences(read_state(self.path))
        assert not problems, "the database differs from the user's actions:\n" + "\n".join(problems)
        listed = {info.path: info for info in backups.backups(self.path)}
        assert set(self.backup_states) <= set(listed), "a backup vanished"
        taken = [info.reason for path, info in listed.items() if path not in self.backup_states]
        assert taken == self.backup_reasons, f"backups taken: {taken}, {self.backup_reasons} due"
        self.backup_reasons = []
        for path, info in sorted(listed.items()):
            if path in self.backup_states:
                continue
            problems = self.last_state.differences(read_state(path))
            assert not problems, (
                f"the {info.reason} backup {path.name} does not hold what was committed "
                "before it:\n" + "\n".join(problems)
            )
            self.backup_states[path] = self.last_state
        self.last_state = self.model.copy()


def _machine(template: Path, catalogs: Path, scratch: Path) -> type[DataSafetyMachine]:
    class OnThisTemplate(DataSafetyMachine):
        def __init__(self) -> None:
            super().__init__(template, catalogs, scratch)

    return OnThisTemplate


# A failure is shrunk to its fewest steps before it is reported, which takes minutes: more
# than the suite's usual limit. A run that passes takes about 15 seconds.
@pytest.mark.timeout(900)
def test_interleaved_writers_exports_backups_and_restores_lose_nothing(
    template_db: Path, tmp_path: Path
) -> None:
    run_state_machine_as_test(
        _machine(template_db, write_catalogs(tmp_path / "catalogs"), tmp_path),
        settings=settings(
            max_examples=25,
            stateful_step_count=15,
            deadline=None,
            phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
