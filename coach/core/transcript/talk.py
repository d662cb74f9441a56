"""Who did the talking: each speaker's share of a call's transcript, overall and per question,
and the user's habits (longest stretch, questions asked), with the coaching point that the
person asking should mostly listen."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from coach.core.transcript.model import Segment, Transcript

# Above this share of the talk the user is told they spoke too much.
TALK_LIMIT = 0.40


@dataclass(frozen=True)
class Speaker:
    """One voice in the transcript and how much of the talk was theirs."""

    name: str
    share: float
    seconds: float
    words: int
    segments: int


def speakers(transcript: Transcript) -> list[Speaker]:
    """Everyone who speaks, in the order they first do, with their share of the talk (by time
    where the format has real times, else by words): what the user picks "which one is you"
    from."""
    share = talk_share(transcript)
    seconds: dict[str, float] = {}
    words: dict[str, int] = {}
    counts: dict[str, int] = {}
    for segment in transcript.segments:
        seconds[segment.speaker] = seconds.get(segment.speaker, 0.0) + segment.seconds
        words[segment.speaker] = words.get(segment.speaker, 0) + segment.words
        counts[segment.speaker] = counts.get(segment.speaker, 0) + 1
    return [
        Speaker(name, share.overall.get(name, 0.0), seconds[name], words[name], counts[name])
        for name in seconds
    ]


# -- talk time ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stretch:
    """The user's segments one after another, with nobody else speaking in between (a
    murmur over the user's own words does not count)."""

    start: float
    end: float
    words: int
    segments: int

    @property
    def seconds(self) -> float:
        """From the start of the first segment to the end of the last."""
        return max(0.0, self.end - self.start)


@dataclass(frozen=True)
class TalkShare:
    """Who did the talking: fractions (0..1) per speaker, overall and per plan question (key
    None: before the first question), measured ``by`` time or by words.

    The user's figures (``my_share``, ``longest_stretch``, ``questions_asked``) are None or 0
    while the transcript does not say who the user is.
    """

    by: Literal["time", "words"]
    overall: dict[str, float]
    per_question: dict[str | None, dict[str, float]]
    me: str | None
    my_share: float | None
    longest_stretch: Stretch | None
    questions_asked: int

    @property
    def coaching(self) -> str | None:
        """The coaching point when the user spoke more than :data:`TALK_LIMIT` of the talk."""
        if self.my_share is None or self.my_share <= TALK_LIMIT:
            return None
        of = "the time" if self.by == "time" else "the words"
        return (
            f"You spoke {_percent(self.my_share)}% of {of}; "
            "the people you ask should do most of the talking."
        )

    def summary(self, *, compact: bool = False) -> str:
        """One line for the Debrief: each speaker's share (the user first, as "You"), the
        longest stretch and the number of questions asked. ``compact`` leaves out how the
        share was measured and says the rest in fewer words, to fit a narrow screen."""
        if not self.overall:
            return "Nobody speaks in this transcript."
        names = sorted(self.overall, key=lambda name: (name != self.me, -self.overall[name]))
        parts = [
            f"{'You' if name == self.me else name or 'Unnamed'} {_percent(self.overall[name])}%"
            for name in names
        ]
        line = " · ".join(parts) + ("" if compact else f" (by {self.by})")
        longest = "longest" if compact else "longest stretch"
        stretch = self.longest_stretch
        if stretch is not None:
            if self.by == "words":
                line += f" · {longest} {stretch.words} words"
            else:
                line += f" · {longest} {_minutes(stretch.seconds)}"
        if self.me is not None:
            asked = self.questions_asked
            line += f" · {asked} question{'s' if asked != 1 else ''} asked"
        return line


def _minutes(seconds: float) -> str:
    # As the Live clock shows time (m:ss); the live engine is not imported for three lines.
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes}:{rest:02d}"


def _percent(fraction: float) -> int:
    return int(fraction * 100 + 0.5)


_QUESTION_MARKS = re.compile(r"\?+")


def talk_share(transcript: Transcript) -> TalkShare:
    """Each speaker's share of the talk, overall and per question, and the user's habits.

    By time where the format has real times; by words where they were estimated (Meet, plain
    text), or where every segment has no length. Overlapping speech counts for everyone
    speaking. Questions asked are the user's question marks (a run of them counts once).
    """
    segments = transcript.segments
    by_time = not transcript.estimated_times and any(s.end > s.start for s in segments)
    totals: dict[str, float] = {}
    by_question: dict[str | None, dict[str, float]] = {}
    for segment in segments:
        weight = segment.seconds if by_time else float(segment.words)
        totals[segment.speaker] = totals.get(segment.speaker, 0.0) + weight
        inside = by_question.setdefault(segment.question_id, {})
        inside[segment.speaker] = inside.get(segment.speaker, 0.0) + weight
    overall = _fractions(totals)
    per_question = {question_id: _fractions(part) for question_id, part in by_question.items()}
    me = transcript.me
    mine = [s for s in segments if s.speaker == me] if me is not None else []
    return TalkShare(
        by="time" if by_time else "words",
        overall=overall,
        per_question=per_question,
        me=me,
        my_share=overall.get(me, 0.0) if me is not None and segments else None,
        longest_stretch=_longest_stretch(segments, me, by_time) if me is not None else None,
        questions_asked=sum(len(_QUESTION_MARKS.findall(s.text)) for s in mine),
    )


def _fractions(totals: Mapping[str, float]) -> dict[str, float]:
    whole = sum(totals.values())
    if whole <= 0:
        return {name: 0.0 for name in totals}
    return {name: value / whole for name, value in totals.items()}


def _longest_stretch(segments: Sequence[Segment], me: str, by_time: bool) -> Stretch | None:
    best: Stretch | None = None
    run: list[Segment] = []
    # When the others last stopped talking: if after the end of the user's last segment,
    # someone spoke in between and the user's next segment starts a new stretch.
    others_until = -math.inf

    def measure(stretch: Stretch) -> float:
        return stretch.seconds if by_time else stretch.words

    def close() -> None:
        nonlocal best
        if run:
            stretch = Stretch(
                start=run[0].start,
                end=max(s.end for s in run),
                words=sum(s.words for s in run),
                segments=len(run),
            )
            if best is None or measure(stretch) > measure(best):
                best = stretch
            run.clear()

    for segment in segments:
        if segment.speaker != me:
            # A murmur inside the user's own segment ("mm-hm") does not interrupt them.
            others_until = max(others_until, segment.end)
            continue
        if run and others_until > run[-1].end:
            close()
        run.append(segment)
    close()
    return best
