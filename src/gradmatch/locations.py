"""Where GradMatch finds its shipped files and keeps the user's data.

One module resolves ``resources/`` and ``db/`` the same way from a checkout, an
installed wheel (where they travel as ``gradmatch/_resources`` and
``gradmatch/_db``) and a frozen bundle (``sys._MEIPASS``). Nothing else builds
such paths by hand.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DB_ENV = "GRADMATCH_DB"
DB_FILENAME = "gradmatch.sqlite3"


def _package_dir() -> Path:
    return Path(__file__).resolve().parent


def _shipped_dir(checkout_name: str, packaged_name: str) -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / checkout_name
    packaged = _package_dir() / packaged_name
    if packaged.is_dir():
        return packaged
    # A checkout (editable install or PYTHONPATH=src): <root>/src/gradmatch/ -> <root>/
    return _package_dir().parents[1] / checkout_name


def resources_dir() -> Path:
    """The shipped data: catalog, fonts, icons."""
    return _shipped_dir("resources", "_resources")


def migrations_dir() -> Path:
    """The Alembic environment (``db/``)."""
    return _shipped_dir("db", "_db")


def font_files() -> list[Path]:
    """The bundled fonts (``resources/fonts/*.ttf``): every script a name may be written in,
    for the PDF and the window alike."""
    return sorted((resources_dir() / "fonts").glob("*.ttf"))


def shipped_catalog() -> Path:
    return resources_dir() / "catalog" / "programs.json"


APP_FOLDER = "GradMatch"


def user_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_FOLDER, appauthor=False)


def log_dir() -> Path:
    """The log and the crash traces (Linux: ``~/.local/state/GradMatch/log``)."""
    from platformdirs import user_log_path

    return user_log_path(APP_FOLDER, appauthor=False)


def own_folders() -> list[Path]:
    """The folders the platform gives GradMatch (data, state, log, settings): GradMatch's
    own, with everything in them (see :mod:`gradmatch.private`)."""
    import platformdirs

    return [
        make(APP_FOLDER, appauthor=False)
        for make in (
            platformdirs.user_data_path,
            platformdirs.user_state_path,
            platformdirs.user_log_path,
            platformdirs.user_config_path,
        )
    ]


def default_database() -> Path:
    """``--db`` wins over ``GRADMATCH_DB``, which wins over the platform's data folder."""
    env = os.environ.get(DB_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    return user_data_dir() / DB_FILENAME


EDITION_FILE = "edition.txt"


def edition() -> str:
    """``"student"`` or ``"counselor"``: chosen when an installer is built (a line in
    ``resources/edition.txt`` inside the bundle); a checkout is the counselor edition."""
    try:
        text = (resources_dir() / EDITION_FILE).read_text(encoding="utf-8").strip().casefold()
    except OSError:
        return "counselor"
    return "student" if text == "student" else "counselor"


def student_mode_default() -> bool:
    """GRADMATCH_STUDENT_MODE=1 or 0 wins; otherwise the edition the installer was built as."""
    chosen = os.environ.get("GRADMATCH_STUDENT_MODE", "").strip()
    if chosen in ("0", "1"):
        return chosen == "1"
    return edition() == "student"
