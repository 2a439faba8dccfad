"""Plain-text tables and JSON for the command line."""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

# What a terminal would obey instead of showing: C0 and C1 controls (ESC starts a command,
# BEL rings), DEL, and the bidirectional overrides that reorder what is shown.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or (
        f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
    )


def safe(text: str) -> str:
    """``text`` with every control character written out (``\\x1b``, ``\\n``): names, emails
    and notes never reach a terminal raw."""
    return _UNSAFE.sub(_escape, text)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def print_json(document: Any) -> None:
    text = json.dumps(_plain(document), ensure_ascii=False, indent=2)
    # json escapes C0 controls itself; DEL, C1 and bidi overrides as \\u escapes (same JSON).
    text = re.sub(
        r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]", lambda m: f"\\u{ord(m.group()):04x}", text
    )
    sys.stdout.write(text + "\n")


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
    """Columns padded to their widest cell (at most ``max_width``), control characters
    written out (:func:`safe`)."""
    headers = [safe(h) for h in headers]
    cells = [[safe(str(cell)) for cell in row] for row in rows]
    widths = [
        min(max_width, max([width(h)] + [width(row[i]) for row in cells]))
        for i, h in enumerate(headers)
    ]
    lines = ["  ".join(_pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        shown = [_pad(_clip(cell, w), w) for cell, w in zip(row, widths, strict=True)]
        lines.append("  ".join(shown).rstrip())
    sys.stdout.write("\n".join(lines) + "\n")
