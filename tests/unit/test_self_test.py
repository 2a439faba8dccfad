"""`gradmatch self-test` checks an installation end to end without touching user data."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gradmatch import locations


def _self_test(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gradmatch", "self-test"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip


def _locked(package: str) -> str:
    lock = Path(__file__).resolve().parents[2] / "packaging" / "requirements.lock"
    for line in lock.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"{package}=="):
            return line.split("==")[1].split()[0]
    raise AssertionError(f"{package} is not in the lock")


def test_the_self_test_ends_on_ok_and_leaves_the_users_data_alone(tmp_path: Path) -> None:
    data = tmp_path / "user-data"
    env = {**os.environ, "XDG_DATA_HOME": str(data), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("GRADMATCH_DB", None)
    run = _self_test(env)
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert lines[-1] == "self-test: ok"
    steps = [line.split(":")[1].strip() for line in lines[1:-1]]
    assert steps == [
        "versions", "database and migrations", "catalog", "demo student", "matching",
        "shortlist PDF", "names in every script", "main window",
    ]  # fmt: skip
    assert "(counselor edition, offscreen)" in lines[-2]
    # The window took a soak of real interactions and dialogs, and None kept its references.
    assert "soaked" in lines[-2] and "800 interactions" in lines[-2] and "(lost 0)" in lines[-2]
    # The user guide was shipped and opens at a page's section (F1).
    assert re.search(r"user guide: \d+ sections", lines[-2])
    # It says what it runs on: the versions the lock file names.
    versions = next(line for line in lines if line.startswith("self-test: versions:"))
    for package, label in (
        ("pyside6-essentials", "PySide6"), ("sqlalchemy", "SQLAlchemy"), ("reportlab", "reportlab"),
        ("uharfbuzz", "uharfbuzz"), ("python-bidi", "python-bidi"),
    ):  # fmt: skip
        assert f"{label} {_locked(package)}" in versions
    # Korean, Arabic and Hindi printed with the bundled fonts (HarfBuzz and python-bidi work).
    scripts = next(line for line in lines if line.startswith("self-test: names in every"))
    for font in ("GradMatchHangul", "NotoSansArabic", "NotoSansDevanagari"):
        assert font in scripts
    assert not data.exists()  # nothing was written to the user's data folder


def test_a_broken_installation_says_what_failed_and_exits_non_zero(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GRADMATCH_STUDENT_MODE": "1"}
    # A bundle whose catalog went missing: resources resolve to an empty folder.
    env["PYTHONPATH"] = str(tmp_path)
    (tmp_path / "sitecustomize.py").write_text(
        "import gradmatch.locations as l\nfrom pathlib import Path\n"
        f"l.resources_dir = lambda: Path({str(tmp_path / 'empty')!r})\n",
        encoding="utf-8",
    )
    run = _self_test(env)
    assert run.returncode == 1
    last = run.stdout.splitlines()[-1]
    assert last.startswith("self-test: FAILED: ")
    assert "self-test: ok" not in run.stdout


def test_the_edition_is_read_from_the_bundle_and_the_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GRADMATCH_STUDENT_MODE", raising=False)
    assert locations.edition() == "counselor"  # a checkout
    (tmp_path / "edition.txt").write_text("student\n", encoding="utf-8")
    monkeypatch.setattr(locations, "resources_dir", lambda: tmp_path)
    assert locations.edition() == "student"
    assert locations.student_mode_default() is True
    monkeypatch.setenv("GRADMATCH_STUDENT_MODE", "0")
    assert locations.student_mode_default() is False
