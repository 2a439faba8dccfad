"""JSON from files that come from outside (catalogs, profile files), read so that every
number reaches the models, which refuse what does not fit naming its field."""

from __future__ import annotations

import json
import math
from typing import Any

# More digits than any figure GradMatch reads can have (Python itself stops reading an
# integer at 4,300 digits, with an error that names no field).
_MAX_DIGITS = 100


def _integer(text: str) -> int | float:
    if len(text.lstrip("-")) > _MAX_DIGITS:
        return -math.inf if text.startswith("-") else math.inf
    return int(text)


def load_json(text: str) -> Any:
    """``json.loads``, except that an integer too long for any field becomes infinity, which
    every numeric field refuses ("Input should be a finite number") under its own name."""
    return json.loads(text, parse_int=_integer)
