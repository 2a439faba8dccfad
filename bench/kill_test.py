"""The kill test: a writer saves profiles, restores backups and imports catalogs in a loop
and is killed with SIGKILL at random moments, inside any of the three.

The writer's work is planned by the parent beforehand, so after each kill the parent knows
what the database must hold: every operation the writer reported as committed, plus the one
it was in at the kill either whole or not at all. A restore is the restored backup's
content plus the writes reported after it (or, not committed, the state before it: never a
mix); a catalog import retires and un-retires its programs all or nothing, and keeps every
shortlist entry, note and bucket override on them. Every backup a committed restore or
catalog import took first holds the state before it. After each kill the file passes
``integrity_check`` and ``foreign_key_check``.

Used by the test suite (200 kills) and bench/ (2,000 kills).
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
import os
import random
import select
import signal
import sqlite3
import sys
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from gradmatch import locations
from gradmatch.domain.matching import Bucket
from gradmatch.domain.profile import StudentProfile
from gradmatch.services import backups, matching
from gradmatch.services import catalog as catalog_service
from gradmatch.services import students as student_service
from gradmatch.services.database import Database, open_database
from gradmatch.store.backup import backups_dir

SAVE, RESTORE, CATALOG = "save", "restore", "catalog import"
KINDS = (SAVE, RESTORE, CATALOG)
# How long each kind of operation roughly takes: a kill lands at a random moment within.
DURATION = {SAVE: 0.004, RESTORE: 0.08, CATALOG: 0.08}
# Catalogs the writer alternates between: each leaves out programs that students have on
# their shortlists (with notes) and bucket overrides for, retiring them; the next brings
# them back. Each also gives its first program its own notes, so that a catalog imported
# in part would show.
CATALOGS: dict[str, frozenset[str]] = {
    "catalog-a.json": frozenset(),
    "catalog-b.json": frozenset({"duke-campus", "columbia-online"}),
    "catalog-c.json": frozenset({"carnegie-mellon-campus", "duke-campus"}),
}
WORK = (  # (student, program, shortlist note, override): kept through every catalog
    ("Ana Setup", "duke-campus", "visit in spring", Bucket.STRETCH),
    ("Ana Setup", "columbia-online", "", None),
    ("Bo Setup", "carnegie-mellon-campus", "ask about aid", Bucket.READY),
    ("Bo Setup", "duke-campus", "second choice", None),
    ("Cy Setup", "columbia-online", "online is fine", Bucket.NOT_A_FIT),
)


@dataclass(frozen=True)
class Op:
    kind: str
    arg: str  # the student's name, the backup's path or the catalog file's path


@dataclass(frozen=True)
class Snapshot:
    """What a database holds, read with plain SQLite."""

    students: frozenset[tuple[str, str, str]]  # name, email, notes
    shortlists: frozenset[tuple[str, str, int, str]]  # student, program, position, note
    overrides: frozenset[tuple[str, str, str, str]]  # student, program, bucket, reason
    catalog_file: str | None
    programs: frozenset[tuple[str, int, str]]  # programs in the catalog: id, position, notes
    retired: frozenset[str]


@dataclass
class KillResult:
    kills: int
    committed: int  # operations the writer reported as committed
    lost: int  # kills after which the database was neither before nor after the op in flight
    integrity: str  # "ok", or the first failure of integrity_check / foreign_key_check
    kills_by_kind: Counter[str] = field(default_factory=Counter)  # the op the kill cut into
    # Of those, the kills that came after the op committed (before the writer reported it).
    after_commit: Counter[str] = field(default_factory=Counter)
    committed_by_kind: Counter[str] = field(default_factory=Counter)
    backups_checked: int = 0  # backups taken before committed restores and catalog imports
    backups_wrong: int = 0
    problems: list[str] = field(default_factory=list)  # the first few, for a failure message


def read_snapshot(path: Path, *, read_only: bool = False) -> Snapshot:
    uri = f"{path.as_uri()}?mode=ro" if read_only else path.as_uri()
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        names = dict(connection.execute("SELECT id, full_name FROM student").fetchall())
        students = connection.execute("SELECT full_name, email, profile FROM student")
        shortlists = connection.execute(
            "SELECT student_id, program_id, position, note FROM shortlist_entry"
        )
        overrides = connection.execute(
            "SELECT student_id, program_id, bucket, reason FROM match_override"
        )
        source = connection.execute("SELECT file_name FROM catalog_source").fetchone()
        programs = connection.execute(
            "SELECT id, position, notes, retired_on FROM program"
        ).fetchall()
        return Snapshot(
            students=frozenset(
                (name, email, json.loads(profile)["notes"]) for name, email, profile in students
            ),
            shortlists=frozenset((names[s], p, i, n) for s, p, i, n in shortlists),
            overrides=frozenset((names[s], p, b, r) for s, p, b, r in overrides),
            catalog_file=source[0] if source else None,
            programs=frozenset((i, p, n) for i, p, n, retired in programs if retired is None),
            retired=frozenset(i for i, _p, _n, retired in programs if retired is not None),
        )


def _problems(path: Path) -> str:
    with closing(sqlite3.connect(path)) as connection:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    return (
        str(integrity)
        if integrity != "ok"
        else (f"foreign_key_check: {broken[0]}" if broken else "ok")
    )


def _profile(name: str) -> StudentProfile:
    email = name.lower().replace(" ", "-") + "@example.org"
    notes = f"notes of {name} " + "x" * (sum(map(ord, name)) % 4000)
    return StudentProfile.model_validate({"full_name": name, "email": email, "notes": notes})


class _Setup:
    """The database before the first writer: students with shortlist entries, notes and
    overrides on the programs the catalogs retire; the catalog files; backups to restore,
    each holding another state (other students, another catalog)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        folder = path.parent
        shipped = json.loads(locations.shipped_catalog().read_text(encoding="utf-8"))
        self.catalogs: dict[str, Snapshot] = {}
        self.backups: dict[str, Snapshot] = {}
        db = open_database(path)
        try:
            ids: dict[str, int] = {}
            for name, program, note, bucket in WORK:
                if name not in ids:
                    ids[name] = student_service.save_student(db, _profile(name)).id
                matching.add_to_shortlist(db, ids[name], program, note)
                if bucket is not None:
                    matching.set_override(db, ids[name], program, bucket, f"{name} said so")
            for number, (file_name, left_out) in enumerate(CATALOGS.items()):
                programs = [p for p in shipped["programs"] if p["id"] not in left_out]
                programs[0] = {**programs[0], "notes": f"as of {file_name}"}
                catalog = folder / file_name
                catalog.write_text(json.dumps({**shipped, "programs": programs}), encoding="utf-8")
                catalog_service.import_catalog(db, catalog)
                self._take(db, f"before restore {number}")
                snapshot = read_snapshot(path)
                assert snapshot.retired == left_out, (file_name, snapshot.retired)
                self.catalogs[str(catalog)] = snapshot
        finally:
            db.close()
        self.prepared = set(self.backups)
        _clean_backups(path, self.prepared)  # the imports' own backups

    def _take(self, db: Database, name: str) -> None:
        student_service.save_student(db, _profile(name))
        backup = backups.backup_now(db)
        self.backups[str(backup)] = read_snapshot(backup, read_only=True)

    def apply(self, state: Snapshot, op: Op) -> Snapshot:
        if op.kind == SAVE:
            profile = _profile(op.arg)
            added = (profile.full_name, profile.email, profile.notes)
            return dataclasses.replace(state, students=state.students | {added})
        if op.kind == RESTORE:
            return self.backups[op.arg]
        catalog = self.catalogs[op.arg]
        return dataclasses.replace(
            state,
            catalog_file=catalog.catalog_file,
            programs=catalog.programs,
            retired=catalog.retired,
        )

    def plan(self, seed: int, state: Snapshot, writer: int) -> Iterator[Op]:
        """The writer's operations, endless, each kind as likely, each changing something:
        the same for the same ``seed``, so that the writer and the parent know them both."""
        rng = random.Random(seed)
        for number in itertools.count():
            kind = rng.choice(KINDS)
            if kind == SAVE:
                op = Op(SAVE, f"writer {writer} save {number}")
            elif kind == RESTORE:
                others = [b for b, s in sorted(self.backups.items()) if s != state]
                op = Op(RESTORE, rng.choice(others or sorted(self.backups)))
            else:
                others = [c for c, s in sorted(self.catalogs.items())
                          if s.catalog_file != state.catalog_file]  # fmt: skip
                op = Op(CATALOG, rng.choice(others))
            yield op
            state = self.apply(state, op)


def _writer(path: Path, fd: int, ops: Iterator[Op]) -> None:
    db = open_database(path, seed_catalog=False)
    for op in ops:
        if op.kind == SAVE:
            student_service.save_student(db, _profile(op.arg))
        elif op.kind == RESTORE:
            db, _undo = backups.restore(db, Path(op.arg))
        else:
            catalog_service.import_catalog(db, Path(op.arg))
        os.write(fd, f"{op.kind}\n".encode())  # only after the commit returned


def _run_writer(
    rng: random.Random, path: Path, plan: Callable[[], Iterator[Op]]
) -> tuple[int, int]:
    """Start a writer on ``plan()`` and kill it at a random moment: how many operations it
    reported done, and its wait status (killed, unless an error ended it first)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the writer
        os.close(read_end)
        try:
            _writer(path, write_end, plan())
        except BaseException:
            traceback.print_exc()
            sys.stderr.flush()
        finally:
            os._exit(1)
    os.close(write_end)
    wanted = rng.randrange(0, 4)  # kill after this many reported operations...
    buffer = b""
    while buffer.count(b"\n") < wanted:
        ready, _, _ = select.select([read_end], [], [], 10)
        if not ready:
            break
        chunk = os.read(read_end, 4096)
        if not chunk:
            break
        buffer += chunk
    if rng.random() < 0.75:  # ...and mostly somewhere into the next one
        (next_op,) = itertools.islice(plan(), wanted, wanted + 1)
        select.select([read_end], [], [], rng.random() * DURATION[next_op.kind])
    os.kill(pid, signal.SIGKILL)
    _pid, status = os.waitpid(pid, 0)
    while chunk := os.read(read_end, 65536):
        buffer += chunk
    os.close(read_end)
    return buffer.count(b"\n"), status


def _backup_holds(backup: Path) -> Snapshot | None:
    """What a backup holds; None when it is no complete database (a copy cut short)."""
    try:
        return read_snapshot(backup, read_only=True)
    except (sqlite3.DatabaseError, KeyError, ValueError):
        return None


def _taken(path: Path, prepared: set[str]) -> list[Path]:
    """The backups the last writer took (before restores and catalog imports), oldest first."""
    return sorted(
        entry
        for entry in backups_dir(path).iterdir()
        if entry.name.endswith(("-pre-restore.sqlite3", "-pre-catalog-import.sqlite3"))
        and not _is_prepared(entry, prepared)
    )


def _is_prepared(entry: Path, prepared: set[str]) -> bool:
    """One of the backups the writers restore, or one of its side files (``-wal``...)."""
    return any(str(entry).startswith(backup) for backup in prepared)


def _clean_backups(path: Path, prepared: set[str]) -> None:
    """Remove every file the last writer left in the backups folder (partial copies too)."""
    for entry in backups_dir(path).iterdir():
        if not _is_prepared(entry, prepared):
            entry.unlink()


def run_kills(path: Path, kills: int, seed: int = 1) -> KillResult:
    rng = random.Random(seed)
    setup = _Setup(path)
    result = KillResult(kills=kills, committed=0, lost=0, integrity="ok")
    state = read_snapshot(path)
    for writer in range(kills):
        plan = functools.partial(setup.plan, rng.getrandbits(64), state, writer)
        done, status = _run_writer(rng, path, plan)
        if not os.WIFSIGNALED(status):
            result.lost += 1
            result.problems.append(
                f"writer {writer} ended before the kill after {done} operations "
                f"(exit status {os.waitstatus_to_exitcode(status)}; see its traceback)"
            )
            break
        ops = list(itertools.islice(plan(), done + 1))
        result.committed += done
        result.committed_by_kind.update(op.kind for op in ops[:done])
        result.kills_by_kind[ops[done].kind] += 1
        found = _problems(path)
        if found != "ok" and result.integrity == "ok":
            result.integrity = found
        states = [state]  # before each operation, and after the last one
        for op in ops:
            states.append(setup.apply(states[-1], op))
        reported, in_flight = states[done], states[done + 1]
        after = read_snapshot(path)
        if after not in (reported, in_flight):
            result.lost += 1
            result.problems.append(
                f"writer {writer}: after {done} operations reported, killed in a "
                f"{ops[done].kind}: {_differences(after, reported, in_flight)}"
            )
        # Each backup a committed restore or catalog import took holds the state before it.
        committed = done + (after == in_flight != reported)
        result.after_commit[ops[done].kind] += committed - done
        backed_up = [index for index, op in enumerate(ops[:committed]) if op.kind != SAVE]
        taken = _taken(path, setup.prepared)
        for position, index in enumerate(backed_up):
            result.backups_checked += 1
            if position >= len(taken) or _backup_holds(taken[position]) != states[index]:
                result.backups_wrong += 1
                result.problems.append(
                    f"writer {writer}: the backup before its {ops[index].kind} (operation "
                    f"{index}) does not hold what was there before it"
                )
        _clean_backups(path, setup.prepared)
        state = after
    return result


def _differences(found: Snapshot, before: Snapshot, after: Snapshot) -> str:
    """Which parts of the database are neither as before the operation nor as after it."""
    parts = [
        part.name
        for part in dataclasses.fields(Snapshot)
        if getattr(found, part.name) not in (getattr(before, part.name), getattr(after, part.name))
    ]
    mixed = "its parts from before and after it mixed" if not parts else ", ".join(parts)
    return f"the database is neither before nor after it ({mixed})"


def describe(result: KillResult) -> str:
    """``2,000 kills (700 during a save (50 after its commit), …); 1,200 saves, …
    committed; …``."""
    kills = ", ".join(
        f"{result.kills_by_kind[k]:,} during a {k} ({result.after_commit[k]:,} after its commit)"
        for k in KINDS
    )
    committed = ", ".join(f"{result.committed_by_kind[k]:,} {k}s" for k in KINDS)
    return (
        f"{result.kills:,} kills ({kills}); {committed} committed; "
        f"{result.lost} lost or mixed; {result.backups_checked:,} backups before a restore "
        f"or catalog import checked, {result.backups_wrong} wrong; "
        f"integrity_check {result.integrity}"
    )
