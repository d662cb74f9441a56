"""The one line that says why this conversation was asked for, for the opening of the call.

The opening cue asks the person to "say again why you asked for this conversation"; with the
goals written in Prepare (or the path's question) the cue can carry that reason in one line,
so nobody has to find it under pressure.
"""

from __future__ import annotations

import re

from coach.core import fields
from coach.core.pacing import CueKind, cue_text

#: Long enough for one spoken sentence, short enough for one line of the Live screen.
PURPOSE_CHARS = 90
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")
_LIST_MARK = re.compile(r"^\s*(?:[-*•·–—]|\d{1,3}[.)])\s+")


def purpose_line(goals: str, path_question: str = "", path_title: str = "") -> str:
    """The first sentence of the goals (list marks dropped), else the path's question, else
    "to learn about" the path; cut at a word to :data:`PURPOSE_CHARS`. ``""`` when there is
    nothing to say."""
    for raw in fields.text(goals).splitlines():
        line = " ".join(_LIST_MARK.sub("", raw).split())
        if line:
            return _cut(_SENTENCE_END.split(line, maxsplit=1)[0])
    question = " ".join(fields.line(path_question).split())
    if question:
        return _cut(question)
    title = " ".join(fields.line(path_title).split())
    return _cut(f"To learn about {title}") if title else ""


def opening_cue(minutes_asked: int, purpose: str) -> str:
    """The opening cue with the purpose in it, or as it always was without one."""
    said = cue_text("start", minutes_asked)
    return f"{said} Purpose: {purpose}" if purpose else said


def cue_words(kind: CueKind, minutes_asked: int, purpose: str = "") -> str:
    """What a cue says: the opening one with the purpose in it (see :func:`opening_cue`)."""
    return opening_cue(minutes_asked, purpose) if kind == "start" else cue_text(kind, minutes_asked)


def _cut(text: str) -> str:
    if len(text) <= PURPOSE_CHARS:
        return text
    cut = text[: PURPOSE_CHARS - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > PURPOSE_CHARS // 2 else cut).rstrip(" ,;:") + "…"
