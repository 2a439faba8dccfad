"""The kill test: a writer saves profiles in a loop and is killed with SIGKILL at random
moments; afterwards the database passes integrity_check and holds every save the writer
reported as committed. Used by the test suite (200 kills) and bench/ (2,000 kills)."""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from gradmatch.domain.profile import StudentProfile
from gradmatch.services import students as student_service
from gradmatch.services.database import open_database


@dataclass(frozen=True)
class KillResult:
    kills: int
    committed: int
    lost: int
    integrity: str


def _writer(path: Path, fd: int) -> None:
    db = open_database(path, seed_catalog=False)
    number = 0
    while True:
        name = f"writer {os.getpid()} save {number}"
        student_service.save_student(
            db,
            StudentProfile.model_validate(
                {"full_name": name, "email": f"w{os.getpid()}-{number}@example.org",
                 "notes": "x" * random.randrange(0, 4000)}
            ),
        )  # fmt: skip
        os.write(fd, (name + "\n").encode())  # only after the commit returned
        number += 1


def run_kills(path: Path, kills: int, seed: int = 1) -> KillResult:
    rng = random.Random(seed)
    open_database(path).close()  # migrated, with the catalog, before the first writer
    committed: list[str] = []
    for _ in range(kills):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the writer
            os.close(read_end)
            try:
                _writer(path, write_end)
            finally:
                os._exit(0)
        os.close(write_end)
        wanted = rng.randrange(0, 4)  # kill after this many reported saves...
        buffer = b""
        while buffer.count(b"\n") < wanted:
            ready, _, _ = select.select([read_end], [], [], 10)
            if not ready:
                break
            chunk = os.read(read_end, 4096)
            if not chunk:
                break
            buffer += chunk
        if rng.random() < 0.5:  # ...and sometimes a little into the next one
            select.select([read_end], [], [], rng.random() * 0.004)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        while chunk := os.read(read_end, 65536):
            buffer += chunk
        os.close(read_end)
        committed += [line for line in buffer.decode().splitlines() if line]
    with closing(sqlite3.connect(path)) as connection:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        stored = {row[0] for row in connection.execute("SELECT full_name FROM student")}
    lost = sum(1 for name in committed if name not in stored)
    return KillResult(kills, len(committed), lost, integrity)
