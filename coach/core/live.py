"""The live call: the current question, the clock, pacing, cues, notes, and never losing a word.

:class:`LiveCall` is everything the Live screen shows and does, without a terminal. The screen
turns keys into calls (``next()``, ``flag("referral", line)``, ``pause()``…), calls
:meth:`LiveCall.tick` about once a second, and renders what the engine reports.

Every change is one of the events in :mod:`coach.core.live_events`, applied to the interview
at once and handed out by :meth:`LiveCall.take_journal` for the store to append to
``drafts/<id>.jsonl``; :meth:`LiveCall.recover` rebuilds an interrupted call from the last
saved interview plus those records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from coach.core.clock import Clock, iso, parse_when
from coach.core.ids import new_id
from coach.core.interview import (
    FLAG_KINDS,
    SOURCE_UNPLANNED,
    Flag,
    Interview,
    Note,
    PlannedQuestion,
)
from coach.core.live_events import (
    CallEvent,
    CueFired,
    DraftEdited,
    DraftKept,
    Ended,
    Flagged,
    Moved,
    NoteTaken,
    Paused,
    Resumed,
    Started,
    UnplannedAdded,
    edit_between,
    read_event,
)
from coach.core.live_state import CueShown, OnScreen, Pause
from coach.core.pacing import (
    CUE_ORDER,
    PRACTICE_REMINDER,
    REMINDER,
    START_CUE_SECONDS,
    Cue,
    PacingSignal,
    Progress,
    cue_offset,
    pacing_signal,
)
from coach.core.purpose import cue_words
from coach.core.text import clean

# A draft longer than this is journaled as edits, not whole, each second.
WHOLE_DRAFT_CHARS = 4096
# ...with the whole of it at least this often all the same.
WHOLE_DRAFT_SECONDS = 60.0


class CallStateError(RuntimeError):
    """An action that does not apply now (e.g. taking notes before the call started)."""


class LiveCall:
    """The engine of one live call.

    State changes go through events (:mod:`coach.core.live_events`): each public action
    builds an event, applies it to the interview and keeps it for :meth:`take_journal`.
    Recovery replays the same events, so a resumed call is exactly the call that was
    interrupted. Where the call stands (question, draft, journal position) lives in
    ``interview.live`` and nowhere else; the engine adds only the running clock.
    """

    def __init__(self, interview: Interview, clock: Clock, purpose: str = "") -> None:
        self.interview = interview
        self.clock = clock
        self.purpose = purpose  # why the call was asked for: the opening cue says it
        self._outbox: list[CallEvent] = []
        # The draft as the journal has it, and when it last had the whole of it: a long draft
        # is journaled as edits against this, with a whole snapshot now and then.
        self._journaled: tuple[str | None, str] | None = None
        self._whole_at = 0.0
        # Elapsed call time is kept as a base (time before the running stretch) plus the
        # monotonic reading when the running stretch began; None while paused or not running.
        self._base = interview.live.elapsed_s
        self._running_since: float | None = None
        if interview.status == "live" and not self.paused:
            self._running_since = clock.monotonic()

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
        return self.interview.plan.get(self.interview.live.current_id)

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
        return self.interview.live.draft

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
        current = self.current
        spent = self.elapsed() - self.interview.live.current_since_s
        done = set(self.interview.asked) | set(self.interview.skipped)
        return pacing_signal(self.questions, current, spent, done, self.remaining())

    def cues_due(self) -> list[Cue]:
        """Cues whose time has come but that have not fired yet (reading only)."""
        if not self.started or self.ended:
            return []
        now = self.elapsed()
        minutes = self.interview.minutes_asked
        fired = {cue.kind for cue in self.interview.cues}
        return [
            Cue(kind, round(now, 1), cue_words(kind, minutes, self.purpose))
            for kind in CUE_ORDER
            if kind not in fired and now >= cue_offset(kind, minutes)
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
        self._emit(Started(at=self._now(), to=first))
        self._running_since = self.clock.monotonic()
        return self.tick()

    def tick(self) -> list[Cue]:
        """Fire any cue that has become due; each fires once. Call about once a second."""
        fired = self.cues_due()
        for cue in fired:
            self._emit(CueFired(kind=cue.kind, offset_s=cue.offset_s, text=cue.text))
        return fired

    def set_draft(self, text: str) -> None:
        """Replace the unsaved note for the current question (called as the user types)."""
        self._require_running()
        live = self.interview.live
        cleaned = clean(text)
        if cleaned.strip() and not live.draft.strip():
            live.draft_offset_s = self._offset()
        elif not cleaned.strip():
            live.draft_offset_s = None
        live.draft = cleaned

    def commit_draft(self) -> Note | None:
        """Turn the draft into a note under the current question; None when it is empty."""
        self._require_running()
        live = self.interview.live
        if not live.draft.strip():
            live.draft = ""
            return None
        offset = live.draft_offset_s if live.draft_offset_s is not None else self._offset()
        self._emit(
            NoteTaken(
                question_id=live.current_id,
                offset_s=offset,
                text=live.draft.strip(),
                at=self._now(),
            )
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
        self._emit(UnplannedAdded(question=question, position=position))
        moved = self._move(position, "asked")
        assert moved is not None
        return moved

    def flag(self, kind: str, text: str) -> Flag:
        """Mark a line (usually the one being typed) as a referral, advice, opening or quote."""
        self._require_running()
        if kind not in FLAG_KINDS:
            raise ValueError(f"unknown flag {kind!r}: use one of {', '.join(FLAG_KINDS)}")
        self._emit(
            Flagged(
                kind=kind,
                question_id=self.interview.live.current_id,
                offset_s=self._offset(),
                text=clean(text).strip(),
            )
        )
        return self.interview.flags[-1]

    def pause(self) -> None:
        """Stop the clock (a knock at the door, a dropped line); paused time does not count."""
        self._require_running()
        if self.paused:
            return
        self._emit(Paused(offset_s=self._offset(), at=self._now()))

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
        self._emit(Resumed(at=self._now(), seconds=round(seconds, 1)))

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
        self._emit(Ended(at=self._now(), offset_s=self._offset()))

    # -- the drafts journal --------------------------------------------------------------------

    def draft_snapshot(self) -> DraftKept | DraftEdited:
        """The draft as an event for the journal (kept ~1 s after the last keystroke).

        A short draft goes whole. A long one (a pasted document, say) goes as the edit since
        the journal last had it, so the journal does not grow by the whole draft every
        second; a whole snapshot still goes at least every `WHOLE_DRAFT_SECONDS`.
        """
        live = self.interview.live
        live.seq += 1
        offset = live.draft_offset_s if live.draft_offset_s is not None else self._offset()
        elapsed = round(self.elapsed(), 1)
        draft, known = live.draft, self._journaled
        now = self.clock.monotonic()
        self._journaled = (live.current_id, draft)
        if (
            len(draft) > WHOLE_DRAFT_CHARS
            and known is not None
            and known[0] == live.current_id
            and now - self._whole_at < WHOLE_DRAFT_SECONDS
        ):
            start, removed, inserted = edit_between(known[1], draft)
            return DraftEdited(
                interview_id=self.interview.id,
                seq=live.seq,
                elapsed_s=elapsed,
                question_id=live.current_id,
                offset_s=offset,
                base_length=len(known[1]),
                at_char=start,
                removed=removed,
                inserted=inserted,
            )
        self._whole_at = now
        return DraftKept(
            interview_id=self.interview.id,
            seq=live.seq,
            elapsed_s=elapsed,
            question_id=live.current_id,
            offset_s=offset,
            text=draft,
            at=self._now(),
        )

    def has_new_events(self) -> bool:
        """Whether events made since the last `take_journal` wait to be journaled."""
        return bool(self._outbox)

    def take_journal(self) -> list[CallEvent]:
        """The events made since the last call (notes, moves, flags, cues, pauses)."""
        events, self._outbox = self._outbox, []
        return events

    def journal_records(self) -> list[dict[str, Any]]:
        """Everything to append to the journal now: pending events, then the draft snapshot."""
        return [event.to_dict() for event in [*self.take_journal(), self.draft_snapshot()]]

    def document(self) -> dict[str, Any]:
        """The interview as a document to save, with the clock brought up to date."""
        self.interview.live.elapsed_s = round(self.elapsed(), 1)
        # The saved draft may hold keys the journal has not seen: the next snapshot is whole,
        # so a replay onto this document never applies an edit to the wrong text.
        self._journaled = None
        return self.interview.to_dict()

    @classmethod
    def recover(
        cls, interview: Interview, journal_records: Iterable[Mapping[str, Any]], clock: Clock
    ) -> LiveCall:
        """Rebuild an interrupted call from its last saved document and its journal.

        Records already reflected in the document (``seq`` not above the saved one), records
        of other interviews and a record seen twice are ignored, so recovering twice changes
        nothing. The recovered call is paused at the last moment the journal knew about; the
        user resumes it (or ends it) when ready. Nothing journaled is lost.
        """
        call = cls(interview, clock)
        call._running_since = None
        live = interview.live
        last_elapsed = call._base
        events = sorted(
            (e for r in journal_records if (e := read_event(r)) is not None),
            key=lambda e: e.seq,
        )
        for event in events:
            if event.interview_id not in (None, interview.id) or event.seq <= live.seq:
                continue
            call._apply(event)
            live.seq = event.seq
            offset = getattr(event, "offset_s", 0.0)
            last_elapsed = max(last_elapsed, event.elapsed_s, offset)
        call._base = last_elapsed
        if interview.status == "live" and not call.paused:
            call._apply(Paused(offset_s=round(last_elapsed, 1), at=call._now()))
        call._running_since = None
        live.elapsed_s = round(last_elapsed, 1)
        return call

    # -- internals -----------------------------------------------------------------------------

    def _emit(self, event: CallEvent) -> None:
        live = self.interview.live
        live.seq += 1
        event = replace(
            event,
            interview_id=self.interview.id,
            seq=live.seq,
            elapsed_s=round(self.elapsed(), 1),
        )
        self._apply(event)
        self._outbox.append(event)
        live.elapsed_s = round(self.elapsed(), 1)
        self.interview.updated_at = getattr(event, "at", None) or self._now()

    def _apply(self, event: CallEvent) -> None:
        """Change the interview as one event says; shared by live use and by recovery."""
        iv = self.interview
        live = iv.live
        match event:
            case Started():
                iv.status = "live"
                iv.stage("live").started = event.at
                live.current_id = event.to
                live.current_since_s = 0.0
                live.timeline = [OnScreen(event.to, 0.0)] if event.to else []
            case CueFired():
                if event.kind and event.kind not in {c.kind for c in iv.cues}:
                    iv.cues.append(CueShown(event.kind, event.offset_s, event.text))
            case DraftKept():
                live.draft = clean(event.text)
                live.draft_offset_s = event.offset_s if live.draft.strip() else None
                if event.question_id is not None:
                    live.current_id = event.question_id
            case DraftEdited():
                fits = (
                    event.question_id == live.current_id
                    and event.base_length == len(live.draft)
                    and 0 <= event.at_char <= len(live.draft)
                    and event.removed >= 0
                )
                if fits:
                    draft = live.draft
                    end = event.at_char + event.removed
                    live.draft = clean(draft[: event.at_char] + event.inserted + draft[end:])
                    live.draft_offset_s = event.offset_s if live.draft.strip() else None
            case NoteTaken():
                if event.text:
                    iv.notes.append(Note(event.question_id, event.offset_s, event.text, event.at))
                live.draft, live.draft_offset_s = "", None
            case Flagged():
                iv.flags.append(Flag(event.kind, event.question_id, event.offset_s, event.text))
            case Moved():
                self._mark(event.from_id, event.mark)
                live.current_id = event.to
                live.current_since_s = event.elapsed_s
                live.draft, live.draft_offset_s = "", None
                self._on_screen(event.to, event.at)
            case UnplannedAdded():
                questions = iv.plan.questions
                if iv.plan.get(event.question.id) is None:
                    where = event.position if event.position >= 0 else len(questions)
                    questions.insert(max(0, min(where, len(questions))), event.question)
            case Paused():
                iv.pauses.append(Pause(offset_s=event.offset_s, started=event.at))
                if self._running_since is not None:
                    self._base = self.elapsed()
                    self._running_since = None
            case Resumed():
                if iv.pauses and iv.pauses[-1].seconds is None:
                    iv.pauses[-1].ended = event.at
                    iv.pauses[-1].seconds = event.seconds
                if iv.status == "live" and self._running_since is None:
                    self._running_since = self.clock.monotonic()
            case Ended():
                self._mark(live.current_id, "asked")
                if self._running_since is not None:
                    self._base = self.elapsed()
                self._running_since = None
                iv.status = "ended"
                iv.stage("live").ended = event.at
                self._on_screen(None, event.at)

    def _on_screen(self, question_id: str | None, at: str | None) -> None:
        # The timeline is in wall-clock seconds since the start, as a recording counts them.
        started = parse_when(self.interview.stage("live").started)
        now = parse_when(at)
        if started is None or now is None:
            return
        seconds = round(max(0.0, (now - started).total_seconds()), 1)
        timeline = self.interview.live.timeline
        if timeline and timeline[-1].end_s is None:
            timeline[-1].end_s = seconds
        if question_id is not None:
            timeline.append(OnScreen(question_id, seconds))

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
            Moved(
                from_id=self.interview.live.current_id,
                to=to,
                mark=mark,
                offset_s=self._offset(),
                at=self._now(),
            )
        )
        return self.current

    def _index(self) -> int | None:
        return self.interview.plan.index_of(self.interview.live.current_id)

    def _offset(self) -> float:
        return round(self.elapsed(), 1)

    def _now(self) -> str:
        return iso(self.clock.now())

    def _require_started(self) -> None:
        if not self.started:
            raise CallStateError("the call has not started yet")

    def _require_running(self) -> None:
        self._require_started()
        if self.ended:
            raise CallStateError("the call has ended")
