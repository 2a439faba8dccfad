"""Plain-text tables and JSON for the command line."""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Any


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def print_json(document: Any) -> None:
    sys.stdout.write(json.dumps(_plain(document), ensure_ascii=False, indent=2) + "\n")


def width(text: str) -> int:
    """Columns a terminal gives the text: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, limit: int) -> str:
    if width(text) <= limit:
        return text
    while width(text) > limit - 1:
        text = text[:-1]
    return text + "…"


def _pad(text: str, size: int) -> str:
    return text + " " * max(0, size - width(text))


def print_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], *, max_width: int = 42
) -> None:
    widths = [
        min(max_width, max([width(h)] + [width(str(row[i])) for row in rows]))
        for i, h in enumerate(headers)
    ]
    lines = ["  ".join(_pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        cells = [_pad(_clip(str(cell), w), w) for cell, w in zip(row, widths, strict=True)]
        lines.append("  ".join(cells).rstrip())
    sys.stdout.write("\n".join(lines) + "\n")
