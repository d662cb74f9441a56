"""The question-set format as data: which keys each mapping takes, what they hold, what they mean.

These tables are the single statement of the format. Validation reads them to accept, require
and check keys (and to suggest the key meant by a misspelt one); the JSON Schema for editors is
generated from them; a test holds docs/question-sets.md to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# What a key's value must be:
#   id        lower-case letters, digits and '-'
#   line      one line of text (newlines become spaces)
#   text      text that may span lines
#   minutes   a plain decimal above 0
#   priority  one of PRIORITIES
#   texts     a list of one-line texts
#   entries   a non-empty list of mappings of another level (Key.entries)
Holds = Literal["id", "line", "text", "minutes", "priority", "texts", "entries"]

# Top-level keys starting with this are the author's own notes, kept in QuestionSet.extra.
EXTENSION_PREFIX = "x-"
EXTENSION_DESCRIPTION = "Your own notes; coach keeps them and does nothing with them."


@dataclass(frozen=True)
class Key:
    """One key of a mapping in a set file."""

    name: str
    required: bool
    holds: Holds
    description: str
    # For ``holds == "entries"``: the level of each entry in the list.
    entries: Level | None = None


@dataclass(frozen=True)
class Level:
    """One kind of mapping in a set file (the set, a section, a question) and its keys."""

    name: str
    # Where a mapping of this level is written, for "'text' goes inside a question".
    where: str
    description: str
    keys: tuple[Key, ...]
    # Whether keys starting with EXTENSION_PREFIX are taken here as the author's own notes.
    own_notes: bool = False

    @property
    def names(self) -> list[str]:
        """The key names, in the order the format lists them."""
        return [key.name for key in self.keys]

    def key(self, name: str) -> Key | None:
        """The key called ``name`` at this level, if there is one."""
        return next((key for key in self.keys if key.name == name), None)


QUESTION = Level(
    name="question",
    where="inside a question",
    description="One question, asked in the order written.",
    keys=(
        Key("id", True, "id", "Unique within the set: lower-case letters, digits and '-'."),
        Key("text", True, "text", "The question as you would ask it."),
        Key(
            "priority",
            False,
            "priority",
            "must: ask it whatever happens; should (the default): ask if time allows; "
            "could: a spare, for when the talk runs ahead.",
        ),
        Key("minutes", False, "minutes", "Time to budget for this question, in minutes."),
        Key("probes", False, "texts", "Short prompts to dig deeper once they have answered."),
        Key("tags", False, "texts", "Free labels for finding and filtering questions."),
    ),
)

SECTION = Level(
    name="section",
    where="inside each entry of 'sections'",
    description="A titled group of questions.",
    keys=(
        Key("id", True, "id", "Unique within the set: lower-case letters, digits and '-'."),
        Key("title", True, "line", "Shown as the heading of this part of the call."),
        Key("questions", True, "entries", "The questions of this section, in order.", QUESTION),
    ),
)

QUESTION_SET = Level(
    name="set",
    where="at the top of the file",
    description="A set of questions for one kind of informational interview.",
    keys=(
        Key(
            "id",
            True,
            "id",
            "Names the set: lower-case letters, digits and '-'. "
            "A set of yours with a built-in set's id replaces it.",
        ),
        Key("title", True, "line", "The name shown when you pick a set."),
        Key("description", False, "text", "What the set is for and when to use it."),
        Key("minutes", False, "minutes", "The length of call this set is written for, in minutes."),
        Key("sections", True, "entries", "The parts of the conversation, in order.", SECTION),
    ),
    own_notes=True,
)

LEVELS = (QUESTION_SET, SECTION, QUESTION)
