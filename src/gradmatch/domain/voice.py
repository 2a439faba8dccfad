"""Who a sentence speaks to: the counselor (about "the student") or the student ("you").

Every sentence the matcher, the cost model and the PDF build is written once, with the few
words that change with its reader taken from a :class:`Voice`: who (``the student`` /
``you``), whose (``the student's`` / ``your``), a verb after them (``the student needs`` /
``you need``), and what to do about a question not answered (``ask whether the student
can relocate`` / ``say in your profile whether you can relocate``). The counselor's voice
is the default everywhere, so a caller that names none reads what it always read.

Pure code: no Qt, no SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Audience(StrEnum):
    COUNSELOR = "counselor"
    STUDENT = "student"


# Verbs whose third person is not the verb plus "s" (or "es", "ies").
_IRREGULAR = {"be": ("is", "are"), "have": ("has", "have"), "do": ("does", "do")}


def third_person(verb: str) -> str:
    """``need`` -> ``needs``, ``apply`` -> ``applies``, ``be`` -> ``is``."""
    if verb in _IRREGULAR:
        return _IRREGULAR[verb][0]
    if verb.endswith("y") and verb[-2:-1] not in ("a", "e", "o", "u", ""):
        return verb[:-1] + "ies"
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    return verb + "s"


def cap(text: str) -> str:
    """The first letter in capitals (the rest as it is): a sentence that starts with a
    voice's words."""
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Voice:
    """The words that change with the reader; see the module's description."""

    audience: Audience
    who: str  # "the student" / "you"
    whose: str  # "the student's" / "your"
    the: str  # "the" / "your": the shortlist, the profile
    counselor: str  # "the counselor" / "your counselor"
    missing: str  # how the prerequisite gap begins: "Missing" / "You have not completed"
    note_label: str  # a shortlist entry's note in the PDF (typed by whoever made the list)
    matches_tab: str  # where to add programs to the shortlist

    @property
    def is_student(self) -> bool:
        return self.audience is Audience.STUDENT

    def who_does(self, verb: str) -> str:
        """``the student needs`` / ``you need`` (``be``: ``the student is`` / ``you are``)."""
        if self.is_student:
            return f"{self.who} {_IRREGULAR.get(verb, ('', verb))[1]}"
        return f"{self.who} {third_person(verb)}"

    def ask(self, question: str) -> str:
        """What to do about a question not answered, ``question`` being its first word
        (``whether``, ``where``): ``ask whether`` / ``say in your profile whether``."""
        return f"say in your profile {question}" if self.is_student else f"ask {question}"

    def ask_for(self, thing: str) -> str:
        """What to do about a figure not given: ``ask the student's current salary`` /
        ``enter your current salary in your profile``."""
        return f"enter {thing} in your profile" if self.is_student else f"ask {thing}"

    def in_settings(self, words: str) -> str:
        """``words`` that point to the Settings menu (where the counselor sets the default
        figures), for the counselor only: the student edition has no such menu."""
        return "" if self.is_student else words

    def heading(self, text: str) -> str:
        """A heading of the student's own things: ``Best matches`` / ``Your best matches``."""
        return f"Your {text}" if self.is_student else cap(text)


COUNSELOR = Voice(
    Audience.COUNSELOR,
    who="the student",
    whose="the student's",
    the="the",
    counselor="the counselor",
    missing="Missing",
    note_label="Counselor's note",
    matches_tab="the Matches tab (\u201cMy matches\u201d in the student edition)",
)
STUDENT = Voice(
    Audience.STUDENT,
    who="you",
    whose="your",
    the="your",
    counselor="your counselor",
    missing="You have not completed",
    note_label="Your note",
    matches_tab="the \u201cMy matches\u201d tab",
)
VOICES = {voice.audience.value: voice for voice in (COUNSELOR, STUDENT)}
