"""resources/ and db/ are found the same way from a checkout, a wheel and a frozen bundle."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from gradmatch import locations
from tests.conftest import ROOT


def test_a_checkout_finds_its_resources_and_migrations() -> None:
    assert locations.shipped_catalog() == ROOT / "resources" / "catalog" / "programs.json"
    assert (locations.migrations_dir() / "env.py").exists()


def test_a_frozen_bundle_looks_inside_itself(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert locations.resources_dir() == tmp_path / "resources"
    assert locations.migrations_dir() == tmp_path / "db"


def test_an_installed_wheel_carries_and_finds_everything(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("gradmatch-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(site)
    assert "gradmatch/_resources/catalog/programs.json" in names
    assert {
        "gradmatch/_resources/help/counselor.md",
        "gradmatch/_resources/help/student.md",
    } <= names
    assert "gradmatch/_db/env.py" in names
    assert any(name.startswith("gradmatch/_db/versions/0001") for name in names)
    env = {**os.environ, "PYTHONPATH": str(site)}
    db = tmp_path / "from-wheel.sqlite3"
    run = subprocess.run(
        [sys.executable, "-m", "gradmatch", "--db", str(db), "catalog", "list", "--format", "json"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert len(json.loads(run.stdout)) == 17
    where = subprocess.run(
        [sys.executable, "-c", "from gradmatch import locations; print(locations.shipped_catalog())"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60, check=True,
    )  # fmt: skip
    assert where.stdout.strip() == str(
        site / "gradmatch" / "_resources" / "catalog" / "programs.json"
    )


def test_the_installers_ship_every_folder_of_resources() -> None:
    """The PyInstaller spec names the folders of resources/ it ships (the bundle must carry
    no stray file): a new folder (the user guide's help/) is shipped too."""
    spec = (ROOT / "packaging" / "gradmatch.spec").read_text(encoding="utf-8")
    listed = re.search(r'\(str\(ROOT / "resources" / name\), f"resources/\{name\}"\)\s*'
                       r"for name in \(([^)]*)\)", spec)  # fmt: skip
    assert listed is not None
    shipped = set(re.findall(r'"([^"]+)"', listed.group(1)))
    folders = {path.name for path in (ROOT / "resources").iterdir() if path.is_dir()}
    assert folders - shipped == set()
    assert "help" in shipped


def test_the_default_database_lives_in_the_user_data_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("GRADMATCH_DB", raising=False)
    assert (
        locations.default_database()
        == Path(os.environ["XDG_DATA_HOME"]) / "GradMatch" / "gradmatch.sqlite3"
    )
    monkeypatch.setenv("GRADMATCH_DB", "~/elsewhere.sqlite3")
    assert locations.default_database() == Path.home() / "elsewhere.sqlite3"
