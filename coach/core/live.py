"""The live call: the current question, the clock, pacing, cues, notes, and never losing a word.

:class:`LiveCall` is everything the Live screen shows and does, without a terminal. The screen
turns keys into calls (``next()``, ``flag("referral", line)``, ``pause()``…), calls
:meth:`LiveCall.tick` about once a second, and renders what the engine reports.

Every change is also written as a small journal record (see :meth:`LiveCall.journal_records`)
that the store appends to ``drafts/<id>.jsonl``; :meth:`LiveCall.recover` rebuilds an
interrupted call from the last saved interview plus those records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from coach.core.clock import Clock, iso
from coach.core.ids import new_id
from coach.core.interview import (
    FLAG_KINDS,
    SOURCE_UNPLANNED,
    CueShown,
    Flag,
    Interview,
    Note,
    Pause,
    PlannedQuestion,
    parse_when,
)
from coach.core.plan import budget_of
from coach.core.text import clean, clean_line

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


class CallStateError(RuntimeError):
    """An action that does not apply now (e.g. taking notes before the call started)."""


class LiveCall:
    """The engine of one live call.

    State changes go through journal events: each public action builds an event, applies it
    to the interview and keeps it for :meth:`journal_records`. Recovery replays the same
    events, so a resumed call is exactly the call that was interrupted.
    """

    def __init__(self, interview: Interview, clock: Clock) -> None:
        self.interview = interview
        self.clock = clock
        live = interview.live
        self._current: str | None = live.current_id
        self._current_since = live.current_since_s
        self._draft = live.draft
        self._draft_offset = live.draft_offset_s
        self._seq = live.seq
        self._outbox: list[dict[str, Any]] = []
        # Elapsed call time is kept as a base (time before the running stretch) plus the
        # monotonic reading when the running stretch began; None while paused or not running.
        self._base = live.elapsed_s
        self._running_since: float | None = None
        if interview.status == "live" and not self.paused:
            self._running_since = clock.monotonic()
        self._fired = {c.kind for c in interview.cues}

    # -- reading the state ---------------------------------------------------------------------

    @property
    def started(self) -> bool:
        """True once :meth:`start` ran."""
        return self.interview.status != "planned"

    @property
    def ended(self) -> bool:
        """True once :meth:`end` ran."""
        return self.interview.status in ("ended", "debriefed")

    @property
    def paused(self) -> bool:
        """True while the clock is stopped."""
        pauses = self.interview.pauses
        return bool(pauses) and pauses[-1].seconds is None

    @property
    def questions(self) -> list[PlannedQuestion]:
        """The plan, unplanned questions included, in order."""
        return self.interview.plan.questions

    @property
    def current(self) -> PlannedQuestion | None:
        """The question on screen; None before the first and after the last."""
        return self.interview.plan.get(self._current)

    @property
    def next_question(self) -> PlannedQuestion | None:
        """The question after the current one that has not been asked or skipped yet."""
        index = self._index()
        # Before the start the first question is next; after the last, nothing is.
        past_end = len(self.questions) if self.started else 0
        start = past_end if index is None else index + 1
        for question in self.questions[start:]:
            if (
                question.id not in self.interview.asked
                and question.id not in self.interview.skipped
            ):
                return question
        return None

    @property
    def draft(self) -> str:
        """The note being written for the current question, not yet committed."""
        return self._draft

    @property
    def reminder(self) -> str:
        """The standing reminder shown quietly throughout the call."""
        return PRACTICE_REMINDER if self.interview.practice else REMINDER

    def elapsed(self) -> float:
        """Seconds of call time so far; paused time does not count."""
        if self._running_since is None:
            return self._base
        return self._base + (self.clock.monotonic() - self._running_since)

    def promised_seconds(self) -> float:
        """The length asked for, in seconds."""
        return self.interview.minutes_asked * 60.0

    def remaining(self) -> float:
        """Seconds until the promised end (negative once past it)."""
        return self.promised_seconds() - self.elapsed()

    def progress(self) -> Progress:
        """Position in the plan, questions asked and must-asks not yet asked."""
        index = self._index()
        asked = set(self.interview.asked)
        return Progress(
            position=index + 1 if index is not None else 0,
            total=len(self.questions),
            asked=len(asked),
            must_left=sum(1 for q in self.questions if q.is_must and q.id not in asked),
        )

    def pacing(self) -> PacingSignal:
        """The pacing signal now; see :class:`PacingSignal` for the rule."""
        remaining = self.remaining()
        done = set(self.interview.asked) | set(self.interview.skipped)
        need_all = need_must = 0.0
        current = self.current
        if current is not None:
            spent = self.elapsed() - self._current_since
            left = max(0.0, budget_of(current) * 60 - spent)
            need_all += left
            need_must += left
        for question in self.questions:
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

    def cues_due(self) -> list[Cue]:
        """Cues whose time has come but that have not fired yet (reading only)."""
        if not self.started or self.ended:
            return []
        now = self.elapsed()
        minutes = self.interview.minutes_asked
        return [
            Cue(kind, round(now, 1), cue_text(kind, minutes))
            for kind in CUE_ORDER
            if kind not in self._fired and now >= cue_offset(kind, minutes)
        ]

    @property
    def last_cue(self) -> CueShown | None:
        """The most recent cue shown."""
        return self.interview.cues[-1] if self.interview.cues else None

    def cue_on_screen(self) -> CueShown | None:
        """The cue to show now: the latest one, except that the start cue goes once the first
        question is behind you or the call is past its opening minute and a half."""
        cue = self.last_cue
        if cue is None or cue.kind != "start":
            return cue
        index = self._index()
        moved_on = index is not None and index > 0
        if moved_on or self.elapsed() > START_CUE_SECONDS:
            return None
        return cue

    # -- acting --------------------------------------------------------------------------------

    def start(self) -> list[Cue]:
        """Start the clock on the first question; returns the start cue."""
        if self.started:
            raise CallStateError("the call has already started")
        first = self.questions[0].id if self.questions else None
        self._emit({"type": "start", "at": self._now(), "to": first})
        self._running_since = self.clock.monotonic()
        return self.tick()

    def tick(self) -> list[Cue]:
        """Fire any cue that has become due; each fires once. Call about once a second."""
        fired = self.cues_due()
        for cue in fired:
            self._emit(
                {"type": "cue", "kind": cue.kind, "offset_s": cue.offset_s, "text": cue.text}
            )
        return fired

    def set_draft(self, text: str) -> None:
        """Replace the unsaved note for the current question (called as the user types)."""
        self._require_running()
        cleaned = clean(text)
        if cleaned.strip() and not self._draft.strip():
            self._draft_offset = self._offset()
        elif not cleaned.strip():
            self._draft_offset = None
        self._draft = cleaned
        self.interview.live.draft = cleaned
        self.interview.live.draft_offset_s = self._draft_offset

    def commit_draft(self) -> Note | None:
        """Turn the draft into a note under the current question; None when it is empty."""
        self._require_running()
        if not self._draft.strip():
            self._draft = ""
            return None
        offset = self._draft_offset if self._draft_offset is not None else self._offset()
        self._emit(
            {
                "type": "note",
                "question_id": self._current,
                "offset_s": offset,
                "text": self._draft.strip(),
                "at": self._now(),
            }
        )
        return self.interview.notes[-1]

    def next(self) -> PlannedQuestion | None:
        """Count the current question as asked and go to the next one (None past the end)."""
        index = self._index()
        target = index + 1 if index is not None else len(self.questions)
        return self._move(target, "asked")

    def previous(self) -> PlannedQuestion | None:
        """Go back one question without counting the current one as asked."""
        index = self._index()
        target = (index if index is not None else len(self.questions)) - 1
        if target < 0:
            return self.current
        return self._move(target, None)

    def skip(self) -> PlannedQuestion | None:
        """Leave the current question unasked and go to the next one."""
        index = self._index()
        if index is None:
            return None
        return self._move(index + 1, "skipped")

    def jump(self, question_id: str) -> PlannedQuestion:
        """Go straight to a question; the one left behind counts as asked."""
        target = self.interview.plan.index_of(question_id)
        if target is None:
            raise KeyError(question_id)
        question = self._move(target, "asked")
        assert question is not None
        return question

    def add_unplanned(self, text: str) -> PlannedQuestion:
        """Add a question that came up in the conversation after the current one, and go to it."""
        self._require_running()
        cleaned = clean(text).strip()
        if not cleaned:
            raise ValueError("a question needs some words")
        index = self._index()
        position = index + 1 if index is not None else len(self.questions)
        question = PlannedQuestion(
            id=f"unplanned-{new_id()[:8]}",
            text=cleaned,
            section="Unplanned",
            priority="could",
            minutes=0.0,
            source=SOURCE_UNPLANNED,
        )
        self._emit({"type": "unplanned", "question": question.to_dict(), "position": position})
        moved = self._move(position, "asked")
        assert moved is not None
        return moved

    def flag(self, kind: str, text: str) -> Flag:
        """Mark a line (usually the one being typed) as a referral, advice, opening or quote."""
        self._require_running()
        if kind not in FLAG_KINDS:
            raise ValueError(f"unknown flag {kind!r}: use one of {', '.join(FLAG_KINDS)}")
        line = clean(text).strip()
        self._emit(
            {
                "type": "flag",
                "kind": kind,
                "question_id": self._current,
                "offset_s": self._offset(),
                "text": line,
            }
        )
        return self.interview.flags[-1]

    def pause(self) -> None:
        """Stop the clock (a knock at the door, a dropped line); paused time does not count."""
        self._require_running()
        if self.paused:
            return
        self._emit({"type": "pause", "offset_s": self._offset(), "at": self._now()})

    def resume(self) -> None:
        """Start the clock again after :meth:`pause`."""
        if not self.paused or self.ended:
            return
        started = self.interview.pauses[-1].started
        seconds = 0.0
        if started is not None:
            begun = parse_when(started)
            if begun is not None:
                seconds = max(0.0, (self.clock.now() - begun).total_seconds())
        self._emit({"type": "resume", "at": self._now(), "seconds": round(seconds, 1)})

    def toggle_pause(self) -> bool:
        """Pause or resume; returns True when now paused."""
        if self.paused:
            self.resume()
        else:
            self.pause()
        return self.paused

    def end(self) -> None:
        """End the call: commit the draft, count the question on screen as asked, stop the clock."""
        if self.ended:
            return
        self._require_started()
        if self.paused:
            self.resume()
        self.commit_draft()
        self._emit({"type": "end", "at": self._now(), "offset_s": self._offset()})

    # -- the drafts journal --------------------------------------------------------------------

    def journal_record(self) -> dict[str, Any]:
        """A snapshot of the draft for the journal (write it ~1 s after the last keystroke).

        ``{"type": "draft", "interview_id", "question_id", "offset_s", "text", "seq", "at"}``
        """
        self._seq += 1
        self.interview.live.seq = self._seq
        return {
            "type": "draft",
            "interview_id": self.interview.id,
            "question_id": self._current,
            "offset_s": self._draft_offset if self._draft_offset is not None else self._offset(),
            "elapsed_s": round(self.elapsed(), 1),
            "text": self._draft,
            "seq": self._seq,
            "at": self._now(),
        }

    def take_journal(self) -> list[dict[str, Any]]:
        """The event records made since the last call (notes, moves, flags, cues, pauses)."""
        records, self._outbox = self._outbox, []
        return records

    def journal_records(self) -> list[dict[str, Any]]:
        """Everything to append to the journal now: pending events, then the draft snapshot."""
        return [*self.take_journal(), self.journal_record()]

    def document(self) -> dict[str, Any]:
        """The interview as a document to save, with the live state brought up to date."""
        self._sync_live()
        return self.interview.to_dict()

    @classmethod
    def recover(
        cls, interview: Interview, journal_records: Iterable[Mapping[str, Any]], clock: Clock
    ) -> LiveCall:
        """Rebuild an interrupted call from its last saved document and its journal.

        Records already reflected in the document (``seq`` not above the saved one) and
        records of other interviews are ignored, so recovering twice changes nothing. The
        recovered call is paused at the last moment the journal knew about; the user resumes
        it (or ends it) when ready. Nothing typed before the last journal write is lost.
        """
        call = cls(interview, clock)
        call._running_since = None
        saved_seq = interview.live.seq
        last_elapsed = call._base
        ordered = sorted(
            (r for r in journal_records if isinstance(r.get("seq"), int)),
            key=lambda r: int(r["seq"]),
        )
        for record in ordered:
            if record.get("interview_id") not in (None, interview.id):
                continue
            if int(record["seq"]) <= saved_seq:
                continue
            call._apply(record)
            call._seq = max(call._seq, int(record["seq"]))
            for key in ("elapsed_s", "offset_s"):
                value = record.get(key)
                if isinstance(value, int | float) and not isinstance(value, bool):
                    last_elapsed = max(last_elapsed, float(value))
        call._base = last_elapsed
        if interview.status == "live" and not call.paused:
            call._apply({"type": "pause", "offset_s": round(last_elapsed, 1), "at": call._now()})
        call._running_since = None
        call._sync_live()
        return call

    # -- internals -----------------------------------------------------------------------------

    def _emit(self, event: dict[str, Any]) -> None:
        self._seq += 1
        event = {**event, "interview_id": self.interview.id, "seq": self._seq}
        if "elapsed_s" not in event:
            event["elapsed_s"] = round(self.elapsed(), 1)
        self._apply(event)
        self._outbox.append(event)
        self._sync_live()
        self.interview.updated_at = event.get("at") or self._now()

    def _apply(self, event: Mapping[str, Any]) -> None:
        """Change the interview as one event says; shared by live use and by recovery."""
        iv = self.interview
        kind = event.get("type")
        offset = _num(event.get("offset_s"))
        if kind == "start":
            iv.status = "live"
            iv.stage("live").started = _str(event.get("at"))
            self._current = _str(event.get("to"))
            self._current_since = 0.0
        elif kind == "cue":
            cue = _str(event.get("kind")) or ""
            if cue not in self._fired:
                self._fired.add(cue)
                iv.cues.append(CueShown(cue, offset, _text(event.get("text"))))
        elif kind == "draft":
            self._draft = clean(event["text"]) if isinstance(event.get("text"), str) else ""
            self._draft_offset = offset if self._draft.strip() else None
            if _str(event.get("question_id")) is not None:
                self._current = _str(event.get("question_id"))
        elif kind == "note":
            text = _text(event.get("text"))
            if text:
                iv.notes.append(
                    Note(_str(event.get("question_id")), offset, text, _str(event.get("at")))
                )
            self._draft, self._draft_offset = "", None
        elif kind == "flag":
            iv.flags.append(
                Flag(
                    _str(event.get("kind")) or "quote",
                    _str(event.get("question_id")),
                    offset,
                    _text(event.get("text")),
                )
            )
        elif kind == "move":
            self._mark(_str(event.get("from")), _str(event.get("mark")))
            self._current = _str(event.get("to"))
            self._current_since = _num(event.get("elapsed_s"))
            self._draft, self._draft_offset = "", None
        elif kind == "unplanned":
            raw = event.get("question")
            question = PlannedQuestion.from_dict(raw) if isinstance(raw, Mapping) else None
            position = event.get("position")
            if question is not None and iv.plan.get(question.id) is None:
                where = position if isinstance(position, int) else len(iv.plan.questions)
                iv.plan.questions.insert(max(0, min(where, len(iv.plan.questions))), question)
        elif kind == "pause":
            iv.pauses.append(Pause(offset_s=offset, started=_str(event.get("at"))))
            if self._running_since is not None:
                self._base = self.elapsed()
                self._running_since = None
        elif kind == "resume":
            if iv.pauses and iv.pauses[-1].seconds is None:
                iv.pauses[-1].ended = _str(event.get("at"))
                iv.pauses[-1].seconds = _num(event.get("seconds"))
            if iv.status == "live" and self._running_since is None:
                self._running_since = self.clock.monotonic()
        elif kind == "end":
            self._mark(self._current, "asked")
            if self._running_since is not None:
                self._base = self.elapsed()
            self._running_since = None
            iv.status = "ended"
            iv.stage("live").ended = _str(event.get("at"))

    def _mark(self, question_id: str | None, mark: str | None) -> None:
        if question_id is None or mark is None:
            return
        asked, skipped = self.interview.asked, self.interview.skipped
        if mark == "asked":
            if question_id in skipped:
                skipped.remove(question_id)
            if question_id not in asked:
                asked.append(question_id)
        elif mark == "skipped" and question_id not in asked and question_id not in skipped:
            skipped.append(question_id)

    def _move(self, target: int, mark: str | None) -> PlannedQuestion | None:
        self._require_running()
        self.commit_draft()
        to = self.questions[target].id if 0 <= target < len(self.questions) else None
        self._emit(
            {
                "type": "move",
                "from": self._current,
                "to": to,
                "mark": mark,
                "offset_s": self._offset(),
            }
        )
        return self.current

    def _index(self) -> int | None:
        return self.interview.plan.index_of(self._current)

    def _offset(self) -> float:
        return round(self.elapsed(), 1)

    def _now(self) -> str:
        return iso(self.clock.now())

    def _sync_live(self) -> None:
        live = self.interview.live
        live.current_id = self._current
        live.current_since_s = round(self._current_since, 1)
        live.elapsed_s = round(self.elapsed(), 1)
        live.seq = self._seq
        live.draft = self._draft
        live.draft_offset_s = self._draft_offset

    def _require_started(self) -> None:
        if not self.started:
            raise CallStateError("the call has not started yet")

    def _require_running(self) -> None:
        self._require_started()
        if self.ended:
            raise CallStateError("the call has ended")


def _str(value: object) -> str | None:
    # Ids, kinds and times: one line. Note text goes through _text instead (keeps newlines).
    return (clean_line(value) or None) if isinstance(value, str) else None


def _text(value: object) -> str:
    return clean(value).strip() if isinstance(value, str) else ""


def _num(value: object) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return round(max(0.0, float(value)), 1)
    return 0.0
