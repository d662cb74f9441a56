"""One debrief, as the Debrief screen runs it: reflection, actions, the thank-you, the person.

:class:`DebriefSession` holds the interview and the person it was with. The screen turns each
edit into a call here and saves what `take_changes` hands back; the rules (the call is logged
once on the person, sending the thank-you moves them on, coach's draft follows the reflection
until the user edits it) live here, where they are tested without a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from coach.core import debrief as core_debrief
from coach.core.clock import Clock, iso
from coach.core.contact import Contact
from coach.core.interview import Action, Interview
from coach.core.referral_follow import COLLEAGUE, set_colleague
from coach.core.text import clean
from coach.core.thank_you import has_opening
from coach.core.transcript import Transcript

ReflectField = Literal["learned", "surprised", "fit", "still_need", "interest_why"]


@dataclass
class DebriefChanges:
    """What a save must write: the interview and its person, as they are now."""

    interview: dict[str, Any] | None = None
    person: dict[str, Any] | None = None

    def __bool__(self) -> bool:
        return bool(self.interview or self.person)


class DebriefSession:
    """The engine of the Debrief screen for one interview that has ended."""

    def __init__(
        self, interview: Interview, person: Contact | None, clock: Clock, signature: str = ""
    ) -> None:
        self.interview = interview
        # A practice run talks to a stand-in: nobody's record changes.
        self.person = None if interview.practice else person
        self.clock = clock
        self.signature = signature
        self._dirty: set[str] = set()
        # The draft as coach wrote it, while the user has not touched it: what they reflect
        # still improves it. None once it is theirs.
        self._drafted: str | None = None

    # -- opening and finishing ---------------------------------------------------------------
    def open(self) -> None:
        """The screen opened: referrals and advice flagged in the call become the lists to
        work through, the thank-you is drafted, and the call is logged on the person. Each
        step does nothing the second time."""
        interview = self.interview
        core_debrief.begin(interview, self.clock)
        core_debrief.actions_from_advice(interview, self.clock)
        if not interview.thank_you.text:
            core_debrief.draft_thank_you(interview, self.signature)
        fresh = core_debrief.thank_you_draft(interview, self.signature)
        # Coach's draft from an earlier visit is still coach's: it follows what changed since.
        mine = interview.thank_you.text == fresh or interview.thank_you.drafted
        self._drafted = interview.thank_you.text if mine else None
        self._log_call()
        self._dirty.add("interview")

    def finish(self) -> None:
        """Mark the interview debriefed (a draft thank-you exists from now on)."""
        core_debrief.finish(self.interview, self.clock, self.signature)
        self._log_call()
        self._dirty.add("interview")

    def _log_call(self) -> None:
        person = self.person
        if person is None:
            return
        live = self.interview.stage("live")
        at = live.started or live.ended
        logged = person
        if at and not any(i.kind == "call" and i.at == at for i in person.interactions):
            # Once per call, however often its debrief is opened.
            logged = person.with_interaction("call", "Informational interview", at)
        moved = logged.advanced_to("interviewed")
        if moved is not person:
            self.person = moved.touched(iso(self.clock.now()))
            self._dirty.add("person")

    # -- reflecting --------------------------------------------------------------------------
    def reflect(self, which: ReflectField, text: str) -> None:
        """An answer to one of the reflection prompts, as typed."""
        setattr(self.interview.debrief, which, clean(text))
        self._dirty.add("interview")

    def set_interest(self, value: int | None) -> bool:
        """Interest now, 1–5 (None to clear); True when it changed."""
        if value == self.interview.debrief.interest:
            return False
        core_debrief.set_interest(self.interview, value)
        self._dirty.add("interview")
        return True

    # -- referrals ---------------------------------------------------------------------------
    def set_colleague(self, index: int, colleague: bool) -> bool:
        """Say whether referral ``index`` works with the person interviewed (then, confirmed,
        they get that organisation); True when it changed."""
        referral = self.interview.referrals[index]
        if referral.kept.unknown.get(COLLEAGUE) is colleague:
            return False
        set_colleague(referral, colleague)
        self._dirty.add("interview")
        return True

    # -- actions -----------------------------------------------------------------------------
    def set_due(self, action_id: str, due: date) -> bool:
        """A new due date for an action; True when it changed."""
        for action in self.interview.actions:
            if action.id == action_id and action.due != due.isoformat():
                action.due = due.isoformat()
                self._dirty.add("interview")
                return True
        return False

    def set_done(self, action_id: str, done: bool) -> Action | None:
        """Tick an action off, or open it again."""
        action = core_debrief.set_action_done(self.interview, action_id, done, self.clock)
        if action is not None:
            self._dirty.add("interview")
        return action

    def reword(self, action_id: str, text: str) -> Action | None:
        """Put an action in the user's own words."""
        action = core_debrief.reword_action(self.interview, action_id, text)
        if action is not None:
            self._dirty.add("interview")
        return action

    def add_action(self, text: str) -> Action:
        """An action of the user's own, due when a report-back would be."""
        due = self.clock.now().astimezone().date() + timedelta(days=core_debrief.REPORT_BACK_DAYS)
        action = core_debrief.add_action(self.interview, text, due)
        self._dirty.add("interview")
        return action

    # -- the thank-you -----------------------------------------------------------------------
    def edit_thank_you(self, text: str) -> bool:
        """The note as the user edits it; True when the signature gap appeared or went."""
        thank_you = self.interview.thank_you
        had_gap = core_debrief.SIGNATURE in thank_you.text
        thank_you.text = clean(text)
        thank_you.drafted = self._drafted is not None and thank_you.text == self._drafted
        self._dirty.add("interview")
        return had_gap != (core_debrief.SIGNATURE in thank_you.text)

    def redraft(self, shown: str) -> str | None:
        """The note drafted again from the debrief so far, or None to leave ``shown`` as it is.

        Only while the note on screen is still coach's own draft and was not sent.
        """
        if self._drafted is None or self.interview.thank_you.sent_at or shown != self._drafted:
            self._drafted = None
            return None
        fresh = core_debrief.thank_you_draft(self.interview, self.signature)
        if fresh == shown:
            return None
        self._drafted = fresh
        return fresh

    def unsigned(self, text: str) -> bool:
        """Whether ``text`` still ends in the gap for the user's name (and was not sent)."""
        return core_debrief.SIGNATURE in text and self.interview.thank_you.sent_at is None

    def mark_sent(self, text: str) -> None:
        """The note was sent now, as worded: logged on the person, who moves to "thanked"."""
        core_debrief.mark_sent(self.interview, self.clock, text)
        self._dirty.add("interview")
        if self.person is not None:
            self.person = self.person.with_interaction(
                "thanks", "Thank-you note sent", self.interview.thank_you.sent_at
            ).advanced_to("thanked")
            self._dirty.add("person")

    # -- an opening, and whether the thank-you mentions it ----------------------------------
    def asks_about_opening(self) -> bool:
        """Whether to ask (once) if the thank-you should mention the opening flagged in the
        call: an opening was flagged, the user has not answered, and the note was not sent."""
        thank_you = self.interview.thank_you
        return (
            has_opening(self.interview)
            and thank_you.mention_opening is None
            and thank_you.sent_at is None
        )

    def answer_opening(self, mention: bool) -> None:
        """The user's answer, kept on the interview so every draft from now on agrees with it."""
        self.interview.thank_you.mention_opening = mention
        self._dirty.add("interview")

    # -- lines of the call's transcript ----------------------------------------------------
    def flag_line(self, transcript: Transcript, index: int, kind: str) -> bool:
        """Flag line ``index`` of the transcript as ``kind``, or take the flag back when it is
        already there; True when the line is flagged as ``kind`` now.

        A flag counts as one made during the call: see
        :func:`coach.core.debrief.flag_transcript_line`.
        """
        flagged = core_debrief.toggle_transcript_flag(
            self.interview, transcript, index, kind, self.clock
        )
        self._dirty.add("interview")
        return flagged

    def line_flags(self, transcript: Transcript) -> dict[int, list[str]]:
        """The kinds each line of the transcript is flagged as (lines without flags left out)."""
        return core_debrief.flags_by_line(self.interview, transcript)

    # -- saving ------------------------------------------------------------------------------
    def changed(self) -> bool:
        """Whether anything is waiting for `take_changes`."""
        return bool(self._dirty)

    def take_changes(self) -> DebriefChanges:
        """The documents to save now (nothing is handed out twice)."""
        dirty, self._dirty = self._dirty, set()
        changes = DebriefChanges()
        if "person" in dirty and self.person is not None:
            changes.person = self.person.to_dict()
        if "interview" in dirty:
            self.interview.updated_at = iso(self.clock.now())
            changes.interview = self.interview.to_dict()
        return changes
