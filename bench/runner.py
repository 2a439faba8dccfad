"""Run every benchmark and rewrite bench/RESULTS.md: figure, goal, measured, ratio, date,
machine. Ratios are measured in the same run against their baseline (a 16 ms frame, a bare
PySide6 window, ...), never as timed assertions in the test suite."""

from __future__ import annotations

import importlib
import os
import platform
import sys
from datetime import date
from pathlib import Path
from typing import Any

BENCHMARKS = [
    "bench.bench_startup",
    "bench.bench_interaction",
    "bench.bench_soak",
    "bench.bench_match",
    "bench.bench_pdf",
    "bench.bench_kill",
    "bench.bench_bundle",
]
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def machine() -> str:
    memory = ""
    try:
        with Path("/proc/meminfo").open(encoding="ascii") as handle:
            kib = int(handle.readline().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{os.cpu_count()} cores{memory}, {platform.machine()}, Python {platform.python_version()}"
    )


def main() -> int:
    rows: list[dict[str, Any]] = []
    for name in BENCHMARKS:
        print(f"running {name} …", flush=True)
        rows.extend(importlib.import_module(name).run())
    today = date.today().isoformat()
    lines = [
        "# Benchmark results",
        "",
        "Written by `bench/run` (do not edit by hand). Each ratio is measured in the same run",
        "as its baseline.",
        "",
        f"Machine: {machine()}. Date: {today}.",
        "",
        "| figure | goal | measured | ratio | goal met | date | machine |",
        "|---|---|---|---|---|---|---|",
    ]
    where = machine()
    for row in rows:
        met = "yes" if row["met"] else "**no**"
        ratio = "—" if row["ratio"] != row["ratio"] else f"{row['ratio']:.2f}×"  # NaN: not run
        lines.append(
            f"| {row['figure']} | {row['goal']} | {row['measured']} | {ratio} | {met} "
            f"| {today} | {where} |"
        )
    notes = [row["note"] for row in rows if row.get("note")]
    if notes:
        lines += ["", "## Notes", ""] + [f"- {note}" for note in notes]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(RESULTS.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
