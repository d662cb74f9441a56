"""The clock of a call, read for the person on it: cues, the pacing signal, progress.

Plain rules over seconds of call time, used by the live engine and shown by the Live screen.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Literal

from coach.core.interview import PlannedQuestion
from coach.core.plan import budget_of

CueKind = Literal["start", "wrap_up", "end"]
PacingState = Literal["on_track", "tight", "behind"]

# The closing questions come this long before the promised end.
WRAP_UP_SECONDS = 5 * 60
# The opening cue is for the first minute or so; after that it only takes room from the notes.
START_CUE_SECONDS = 90

REMINDER = (
    "Not the moment to ask for a job: you are here to learn how their work looks from inside."
)
# A rehearsal has nobody to ask for a job; what it trains is the asking and the listening.
PRACTICE_REMINDER = (
    "Practice: ask open questions, let the pauses run, and note their words, not your replies."
)


def cue_text(kind: CueKind, minutes_asked: int) -> str:
    """What a cue says, in the app's own words."""
    if kind == "start":
        return (
            "Thank them for making the time. Say again why you asked for this conversation, "
            f"and check that {minutes_asked} minutes still suits them."
        )
    if kind == "wrap_up":
        return (
            "Five minutes left. Time for the closing questions: Who else should I talk to? "
            "May I mention your name? What should I have asked that I did not?"
        )
    return (
        f"That is the {minutes_asked} minutes you asked for. Offer to stop here, "
        "or ask whether they have five more minutes."
    )


def cue_offset(kind: CueKind, minutes_asked: int) -> float:
    """Seconds into the call (paused time excluded) at which a cue becomes due.

    start: 0. wrap_up: five minutes before the promised end (0 for calls of five minutes or
    less). end: the promised end, ``minutes_asked`` minutes.
    """
    promised = minutes_asked * 60.0
    if kind == "start":
        return 0.0
    if kind == "wrap_up":
        return max(0.0, promised - WRAP_UP_SECONDS)
    return promised


CUE_ORDER: tuple[CueKind, ...] = ("start", "wrap_up", "end")


@dataclass(frozen=True)
class Cue:
    """A prompt the screen shows once, when it becomes due."""

    kind: CueKind
    offset_s: float
    text: str


@dataclass(frozen=True)
class PacingSignal:
    """Whether the questions still to ask fit in the time that is left.

    The rule, with all figures in seconds of call time (paused time excluded):

    * ``remaining`` = promised length − elapsed (may be negative after the promised end);
    * a question's budget is its ``minutes`` (2 when unset); for the current question only the
      part of its budget not yet spent on it counts;
    * ``need_all`` = the current question's leftover budget + the budgets of every question not
      yet asked or skipped; ``need_must`` = the same over must-ask questions only (the current
      question counts while it is on screen, whatever its priority: you are in the middle of it).

    ``on_track`` when ``need_all <= remaining``; ``tight`` when only the must-asks fit
    (``need_must <= remaining < need_all``: go to the must-asks); ``behind`` when even the
    must-asks do not fit (``need_must > remaining``).
    """

    state: PacingState
    remaining_s: float
    need_all_s: float
    need_must_s: float

    @property
    def label(self) -> str:
        """The signal in a few words for the screen."""
        if self.state == "on_track":
            return "On track"
        if self.state == "tight":
            return "Tight: go to the must-asks"
        # Even the must-asks do not all fit: "go to the must-asks" would not be enough advice.
        # Not "behind": a plan longer than the call is in this state from its first second.
        return "Too much left: not every must-ask fits; pick the key ones"

    @property
    def behind(self) -> bool:
        """True for ``tight`` and ``behind``: time to go to the must-asks."""
        return self.state != "on_track"


def pacing_signal(
    questions: Iterable[PlannedQuestion],
    current: PlannedQuestion | None,
    spent_on_current: float,
    done: Collection[str],
    remaining: float,
) -> PacingSignal:
    """The pacing signal for a call with ``remaining`` seconds to go (see `PacingSignal`)."""
    need_all = need_must = 0.0
    if current is not None:
        left = max(0.0, budget_of(current) * 60 - spent_on_current)
        need_all += left
        need_must += left
    for question in questions:
        if question.id in done or question is current:
            continue
        seconds = budget_of(question) * 60
        need_all += seconds
        if question.is_must:
            need_must += seconds
    state: PacingState
    if need_all <= remaining:
        state = "on_track"
    elif need_must <= remaining:
        state = "tight"
    else:
        state = "behind"
    return PacingSignal(state, remaining, need_all, need_must)


@dataclass(frozen=True)
class Progress:
    """Where the call stands in the plan."""

    position: int
    total: int
    asked: int
    must_left: int

    @property
    def label(self) -> str:
        """E.g. ``"3 of 8 · 2 must-asks left"``."""
        where = f"{self.position} of {self.total}" if self.position else f"done · {self.total}"
        if self.must_left:
            noun = "must-ask" if self.must_left == 1 else "must-asks"
            return f"{where} · {self.must_left} {noun} left"
        return where


def format_offset(seconds: float, *, pad: bool = True) -> str:
    """Call time as ``mm:ss`` (``h:mm:ss`` past an hour); negative values get a minus sign.

    ``pad=False`` gives ``m:ss``, as a clock shows it; records keep the padded form so the
    offsets line up in an exported transcript.
    """
    sign = "-" if seconds < 0 else ""
    total = int(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes:02d}:{secs:02d}" if pad else f"{sign}{minutes}:{secs:02d}"
