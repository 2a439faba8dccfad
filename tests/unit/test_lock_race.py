"""Many processes race for one database's lock: exactly one gets it, every time, including
when the lock is a leftover of a crashed process (taken over by exactly one of them)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from gradmatch.services.errors import DatabaseInUseError, DatabaseLock

RACERS = 10
ROUNDS = 100

# Each racer: on "go", try the lock and say "got" or "refused"; on "release", let it go.
_RACER = """
import sys
from pathlib import Path
from gradmatch.services.errors import DatabaseInUseError, DatabaseLock
lock = DatabaseLock(Path(sys.argv[1]))
print("ready", flush=True)
for line in sys.stdin:
    if line.strip() == "go":
        try:
            lock.acquire()
        except DatabaseInUseError:
            print("refused", flush=True)
        else:
            print("got", flush=True)
    elif line.strip() == "release":
        lock.release()
        print("released", flush=True)
"""


def _dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


def _crash_leftover(lock: Path, pid: int) -> None:
    owner = {"pid": pid, "host": socket.gethostname(), "since": "2026-11-24T09:00:00+00:00"}
    lock.write_text(json.dumps(owner), encoding="utf-8")


def _say(racers: list[subprocess.Popen[str]], word: str) -> list[str]:
    for racer in racers:  # every racer is told at once, then every answer is read
        assert racer.stdin is not None
        racer.stdin.write(word + "\n")
    for racer in racers:
        assert racer.stdin is not None
        racer.stdin.flush()
    answers = []
    for racer in racers:
        assert racer.stdout is not None
        answers.append(racer.stdout.readline().strip())
    return answers


@pytest.mark.timeout(300)
@pytest.mark.parametrize("leftover", [True, False], ids=["crash-leftover", "no-lock-file"])
def test_exactly_one_of_many_racing_processes_gets_the_lock(tmp_path: Path, leftover: bool) -> None:
    database = tmp_path / "g.sqlite3"
    lock = database.with_name(database.name + ".lock")
    dead = _dead_pid()
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", _RACER, str(database)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(RACERS)
    ]
    try:
        for racer in racers:
            assert racer.stdout is not None and racer.stdout.readline().strip() == "ready"
        winners = []
        for _round in range(ROUNDS):
            if leftover:
                _crash_leftover(lock, dead)
            else:
                lock.unlink(missing_ok=True)
            answers = _say(racers, "go")
            winners.append(answers.count("got"))
            assert set(answers) <= {"got", "refused"}
            _say(racers, "release")
        assert winners == [1] * ROUNDS  # never two holders, never none
    finally:
        for racer in racers:
            racer.kill()
            racer.wait()


def test_a_refused_process_names_the_holder_and_says_in_use(tmp_path: Path) -> None:
    database = tmp_path / "g.sqlite3"
    holder = DatabaseLock(database)
    holder.acquire()
    try:
        with pytest.raises(DatabaseInUseError, match=r"already open in another GradMatch window"):
            DatabaseLock(database).acquire()
    finally:
        holder.release()
    DatabaseLock(database).acquire()  # free again once released


def test_a_window_of_an_earlier_gradmatch_still_keeps_the_database(tmp_path: Path) -> None:
    """Before the operating-system lock, GradMatch only wrote the lock file: while such a
    window still runs, its file keeps the database; once it has gone, it is taken over."""
    database = tmp_path / "g.sqlite3"
    lock = database.with_name(database.name + ".lock")
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        _crash_leftover(lock, running.pid)
        with pytest.raises(DatabaseInUseError, match=f"process {running.pid}"):
            DatabaseLock(database).acquire()
    finally:
        running.kill()
        running.wait()
    DatabaseLock(database).acquire()  # its process is gone: taken over
