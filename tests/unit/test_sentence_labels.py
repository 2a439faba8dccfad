"""Attack: the reasons said "programming (python plus another language)": a subject's
label lower-cased whole to sit inside a sentence. ``in_sentence`` lowers only the first
letter, so that a proper noun later in the label keeps its capital."""

from __future__ import annotations

import json

from gradmatch.domain.text import in_sentence
from tests.conftest import ROOT


def test_python_keeps_its_capital_inside_a_sentence() -> None:
    assert in_sentence("Programming (Python plus another language)") == (
        "programming (Python plus another language)"
    )
    assert in_sentence("Linear algebra") == "linear algebra"
    assert in_sentence("NLP") == "NLP"  # an acronym stays whole


def test_every_subject_label_keeps_every_capital_but_its_first() -> None:
    data = json.loads(
        (ROOT / "resources" / "prerequisites" / "prerequisites.json").read_text(encoding="utf-8")
    )
    for subject in data["subjects"]:
        label = subject["label"]
        written = in_sentence(label)
        assert written[1:] == label[1:]
        assert written[:1] == label[:1].lower()
