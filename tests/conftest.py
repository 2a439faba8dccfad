"""Shared fixtures. Every test runs with its own data folder, settings and database."""

from __future__ import annotations

import os
from pathlib import Path

# No display in CI: Qt's offscreen platform, with a full-HD screen so that windows keep the
# sizes a counselor's desktop gives them (the plugin's default screen is 800×600).
_SCREEN = Path(__file__).resolve().parent / "data" / "offscreen-screen.json"
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"

import shutil  # noqa: E402
import sqlite3  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from contextlib import closing  # noqa: E402

import pytest  # noqa: E402

from gradmatch.services.database import Database, open_database  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
# A copy of ../shared/source/ml-masters-programs-2026.txt, so a clone alone can run the
# tests; test_catalog_source checks the copy against the shared original when it is there.
ARTICLE = DATA / "ml-masters-programs-2026.txt"
SHARED_ARTICLE = ROOT.parent / "shared" / "source" / "ml-masters-programs-2026.txt"


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's data, settings and logs go to a temp folder, never the developer's own."""
    home = tmp_path / "home"
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(home / variable.lower()))
    monkeypatch.delenv("GRADMATCH_DB", raising=False)
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "qt"))


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with the shipped catalog, built once and copied per test."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    open_database(path).close()
    return path


def _copy_database(source_path: Path, target: Path) -> Path:
    """A copy made with SQLite's backup API (so the WAL's newest pages come along)."""
    with closing(sqlite3.connect(source_path)) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    return target


@pytest.fixture
def db_path(tmp_path: Path, template_db: Path) -> Path:
    target = tmp_path / "data" / "gradmatch.sqlite3"
    target.parent.mkdir(mode=0o700)
    _copy_database(template_db, target)
    target.chmod(0o600)
    return target


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    db = open_database(db_path)
    yield db
    db.close()


@pytest.fixture(scope="session")
def article() -> str:
    if not ARTICLE.exists():
        pytest.fail(f"the source article is missing: {ARTICLE}")
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture
def demo_db(db_path: Path) -> Path:
    """A database with the shipped catalog and the six fictional demo students."""
    from gradmatch.services import students

    db = open_database(db_path)
    students.import_roster(db, ROOT / "resources" / "demo" / "students.csv", skip_invalid=False)
    db.close()
    shutil.rmtree(db_path.parent / "backups")  # the import's own backup: tests start with none
    return db_path


@pytest.fixture(scope="session")
def caseload_10k_template(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Path:
    """The shipped catalog and 10,000 synthetic students (``bench/synthetic.py``)."""
    from bench import synthetic

    path = _copy_database(template_db, tmp_path_factory.mktemp("caseload") / "caseload.sqlite3")
    db = open_database(path)
    synthetic.store_students(db, 10_000)
    db.close()
    return path


@pytest.fixture
def caseload_10k(db_path: Path, caseload_10k_template: Path) -> Path:
    """A private copy of the 10,000-student database."""
    return _copy_database(caseload_10k_template, db_path)


@pytest.fixture(scope="session")
def programs_10k_template(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Path:
    """The six demo students and a catalog grown to 10,000 programs (``bench/synthetic``)."""
    from bench import synthetic

    from gradmatch.services import students

    path = _copy_database(template_db, tmp_path_factory.mktemp("programs") / "programs.sqlite3")
    db = open_database(path)
    synthetic.store_catalog(db, 10_000)
    students.import_roster(db, ROOT / "resources" / "demo" / "students.csv", skip_invalid=False)
    db.close()
    return path


@pytest.fixture
def programs_10k(db_path: Path, programs_10k_template: Path) -> Path:
    return _copy_database(programs_10k_template, db_path)
