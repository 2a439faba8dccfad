"""The installer bundle against a bare PySide6 "hello window" bundle built by the same
PyInstaller in the same run (`make package` builds both into dist/): size on disk, and
start-up to the first window of the frozen app vs the frozen bare window."""

from __future__ import annotations

import os
import statistics
import tempfile
from pathlib import Path
from typing import Any

from bench.bench_startup import _run

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dist" / "GradMatch"
BARE = ROOT / "dist" / "bare-window"


def _size(folder: Path) -> int:
    """Bytes on disk as an installer carries them (PyInstaller's symlinks counted once)."""
    return sum(
        path.stat().st_size
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    )


def run() -> list[dict[str, Any]]:
    if not (APP / "GradMatch").exists() or not (BARE / "bare-window").exists():
        print("bench_bundle: dist/ holds no bundles; run `make package` first", flush=True)
        return [
            {
                "figure": "installer bundle size vs a bare PySide6 window bundle",
                "goal": "≤ 1.0×",
                "measured": "not built (run `make package`, then `bench/run`)",
                "ratio": float("nan"),
                "met": False,
            }
        ]
    app_size, bare_size = _size(APP), _size(BARE)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GRADMATCH_STARTUP_PROBE": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        env.update(XDG_CONFIG_HOME=tmp, XDG_STATE_HOME=tmp, XDG_DATA_HOME=tmp)
        env["GRADMATCH_DB"] = str(Path(tmp) / "bench.sqlite3")
        app, bare = [str(APP / "GradMatch")], [str(BARE / "bare-window")]
        _run(app, env)  # the first start creates the database
        app_runs, bare_runs = [], []
        for _ in range(5):
            bare_runs.append(_run(bare, env)["shown"][0])
            app_runs.append(_run(app, env)["shown"][0])
    app_start, bare_start = statistics.median(app_runs), statistics.median(bare_runs)
    mib = 1024 * 1024
    return [
        {
            "figure": "installer bundle size (dist/GradMatch) vs a bare PySide6 window bundle",
            "goal": "≤ 1.0×",
            "measured": f"{app_size / mib:.0f} MiB vs {bare_size / mib:.0f} MiB",
            "ratio": app_size / bare_size,
            "met": app_size <= bare_size,
            "note": "Both built by the same PyInstaller in one `make package`; the app leaves "
            "out Qt's translations and unused plugins and libraries, Pillow's codecs, and "
            "strips debug symbols (Linux), which pays for SQLAlchemy, pydantic, reportlab and "
            "the fonts.",
        },
        {
            "figure": "frozen app: start to main window on screen vs the frozen bare window",
            "goal": "≤ 1.5× (as unfrozen)",
            "measured": f"{app_start:.2f} s vs {bare_start:.2f} s",
            "ratio": app_start / bare_start,
            "met": app_start / bare_start <= 1.5,
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
