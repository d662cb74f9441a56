"""Preparing one interview: who, when, what to learn, the introduction and the plan.

:class:`Preparation` is everything the Prepare screen edits, without a terminal: the screen
turns each keystroke into a call here and saves what `take_changes` hands back. The rules
that decide *who* the interview is with live here too: a name typed in is looked up among the
contacts once it is settled, a contact made for a half-typed name gives way to the person it
turned out to be, and a contact with a history is never renamed by a typo.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from coach.core.clock import Clock, iso, parse_when
from coach.core.contact import Contact, the_one_named
from coach.core.interview import Interview, PlannedQuestion
from coach.core.open_questions import EarlierPreparation, add_to_plan, not_yet_in
from coach.core.paths import OpenQuestion, path_of, set_path
from coach.core.plan import Plan, date_time_problem, is_closing, read_date_time
from coach.core.question_set import Question, QuestionSet
from coach.core.text import clean, clean_line, fold

PersonField = Literal["name", "role", "org"]
TextField = Literal["goals", "research", "intro"]

# Starting a call more than this long before its planned time asks first.
EARLY_START = timedelta(hours=1)


@dataclass
class Changes:
    """What a save must write: the interview and the contact as they are now, and any contact
    this preparation made and then gave up (the name turned out to be someone on file)."""

    interview: dict[str, Any] | None = None
    contact: dict[str, Any] | None = None
    removed_contacts: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.interview or self.contact or self.removed_contacts)


@dataclass(frozen=True)
class Linked:
    """A settled name turned out to be someone already on file."""

    contact: Contact


class Preparation:
    """The engine of the Prepare screen for one interview."""

    def __init__(self, interview: Interview, contact: Contact | None, clock: Clock) -> None:
        self.interview = interview
        self.contact = contact
        self.clock = clock
        self.plan = Plan.from_frozen(interview.plan, interview.minutes_asked)
        # The contact made here for a typed name, while it is the only one to know it.
        self._own_contact_id: str | None = None
        # Questions removed from the plan, latest last, so they can be put back in order.
        self._removed: list[tuple[int, PlannedQuestion]] = []
        self._dirty: set[str] = set()
        self._given_up: list[str] = []
        #: False while the date field holds something that is not a date (not saved).
        self.date_ok = True
        # Whether the person chose the path here: until then a person on file brings theirs.
        self._path_chosen = False

    # -- the person --------------------------------------------------------------------------
    def open(self) -> None:
        """The screen opened: the preparation started now, unless it had before."""
        prepare = self.interview.stage("prepare")
        if prepare.started is None:
            prepare.started = self._now()

    def set_person(self, which: PersonField, value: str) -> None:
        """A keystroke in the name, role or organisation field."""
        value = clean_line(value)
        interview = self.interview
        if which == "name":
            interview.contact_name = value
        elif which == "role":
            interview.contact_role = value
        else:
            interview.contact_org = value
        contact = self.contact
        renamed = contact is not None and which == "name" and fold(value) != fold(contact.name)
        if renamed and contact is not None and not self._renamable(contact):
            # A different name is a different person: the one on file keeps their name and
            # history; the new name is looked up or made once it is settled.
            self.contact = None
            interview.contact_id = None
            self._dirty.add("interview")
            return
        if contact is not None:
            if interview.contact_name:  # a contact is never saved without a name
                contact.name = interview.contact_name
            contact.role = interview.contact_role
            contact.organisation = interview.contact_org
            self._dirty.update(("interview", "contact"))
        else:
            # No contact yet while the name is being typed: "Zo" must not become a person of
            # its own before "Zoë O'Neil", who may be on file already, is complete.
            self._dirty.add("interview")

    def _renamable(self, contact: Contact) -> bool:
        """Whether typing another name may rename ``contact`` rather than leave them.

        Only a contact this interview brought into being and nothing else has touched: a typo
        fixed in a name typed minutes ago. Anyone else on file is a person with a history.
        """
        if contact.id == self._own_contact_id:
            return True
        return (
            contact.source == "prepare"
            and not contact.interactions
            and contact.stage in ("identified", "scheduled")
        )

    def settle_name(self, on_file: Iterable[Contact]) -> Linked | None:
        """The name is complete: find the person among ``on_file``, or make a new contact.

        A name that is exactly one contact's (case, accents and spacing aside) is that person:
        the interview is linked to them and their details fill the empty fields. Any other
        name becomes a new contact. A contact made here for a name since completed into
        someone on file gives way to them. A practice run talks to a stand-in and adds no one.
        Returns `Linked` when the name turned out to be someone on file.
        """
        interview = self.interview
        if not interview.contact_name or interview.practice:
            return None
        own = self.contact if self.contact and self.contact.id == self._own_contact_id else None
        if self.contact is not None and own is None:
            return None
        others = [c for c in on_file if own is None or c.id != own.id]
        found = the_one_named(interview.contact_name, others)
        if own is not None and found is None:
            return None
        linked = None
        if found is not None:
            if own is not None:
                self._given_up.append(own.id)
                self._own_contact_id = None
            self._link(found)
            linked = Linked(found)
        else:
            self.contact = Contact(
                name=interview.contact_name,
                role=interview.contact_role,
                organisation=interview.contact_org,
                source="prepare",
                path_id=path_of(interview),
            )
            self._own_contact_id = self.contact.id
        assert self.contact is not None
        interview.contact_id = self.contact.id
        self._mark_scheduled()
        self._dirty.update(("interview", "contact"))
        return linked

    def _link(self, contact: Contact) -> None:
        # What was typed stays and becomes theirs; their details fill the fields left empty.
        interview = self.interview
        self.contact = contact
        interview.contact_name = contact.name
        interview.contact_role = interview.contact_role or contact.role
        interview.contact_org = interview.contact_org or contact.organisation
        contact.role = interview.contact_role
        contact.organisation = interview.contact_org
        if contact.path_id and not self._path_chosen and not interview.practice:
            # Someone suggested on a path (a referral) is talked to for that path.
            set_path(interview, contact.path_id)

    def set_how_known(self, value: str) -> None:
        """How the user knows the person ("" for not said)."""
        contact = self.contact
        if contact is None or contact.how_known == value:
            return
        contact.how_known = value
        self._dirty.add("contact")

    def set_referrer(self, contact_id: str | None) -> bool:
        """Who introduced the user; True when that also set "how known" to a referral."""
        contact = self.contact
        if contact is None or contact.referred_by == (contact_id or None):
            return False
        contact.referred_by = contact_id or None
        self._dirty.add("contact")
        if contact_id and not contact.how_known:
            contact.how_known = "referral"
            return True
        return False

    def _mark_scheduled(self) -> None:
        if self.contact and self.interview.scheduled_at:
            self.contact.stage = self.contact.advanced_to("scheduled").stage

    # -- the path ----------------------------------------------------------------------------
    def set_path(self, path_id: str | None) -> bool:
        """Put the interview on a path (None: on none); True when that changed it. A contact
        this preparation made goes with it."""
        self._path_chosen = True
        if path_id == path_of(self.interview):
            return False
        set_path(self.interview, path_id)
        self._dirty.add("interview")
        if self.contact is not None and self.contact.id == self._own_contact_id:
            set_path(self.contact, path_id)
            self._dirty.add("contact")
        return True

    def still_to_offer(self, questions: Iterable[OpenQuestion]) -> list[OpenQuestion]:
        """The open questions of the path not in the plan yet: what Prepare offers."""
        return not_yet_in(self.plan.questions, questions)

    def add_open_questions(
        self, questions: Iterable[OpenQuestion], after: str | None
    ) -> list[PlannedQuestion]:
        """Add open questions of the path to the plan as the person's own, after ``after``
        (before the closing questions); returns the questions added."""
        added = add_to_plan(self.plan, questions, after=after)
        if added:
            self._dirty.add("interview")
        return added

    def would_replace(self, earlier: EarlierPreparation) -> bool:
        """Whether taking up ``earlier`` would replace goals or an introduction written here."""
        return any(
            mine.strip() and theirs and mine.strip() != theirs
            for mine, theirs in (
                (self.interview.goals, earlier.goals),
                (self.interview.intro, earlier.intro),
            )
        )

    def take_up(self, earlier: EarlierPreparation, *, replace: bool) -> list[TextField]:
        """Use the goals and introduction of an earlier conversation on the path: in empty
        fields, or (``replace``) in place of what is there. Returns the fields changed."""
        changed: list[TextField] = []
        offered: tuple[tuple[TextField, str], ...] = (
            ("goals", earlier.goals),
            ("intro", earlier.intro),
        )
        for which, text in offered:
            mine = getattr(self.interview, which)
            if text and mine != text and (replace or not mine.strip()):
                self.set_text(which, text)
                changed.append(which)
        return changed

    # -- when, how and how long --------------------------------------------------------------
    def set_when(self, text: str) -> str | None:
        """The date and time as typed; returns what is wrong with it, or None.

        A half-typed date is never saved: the last good time stays until this one is whole.
        """
        problem = date_time_problem(text)
        self.date_ok = problem is None
        if problem is not None:
            return problem
        scheduled = read_date_time(text)
        if scheduled != self.interview.scheduled_at:
            self.interview.scheduled_at = scheduled
            self._mark_scheduled()
            self._dirty.update(("interview", "contact"))
        return None

    def set_medium(self, medium: str) -> None:
        """Phone, video or in person."""
        if medium != self.interview.medium:
            self.interview.medium = medium
            self._dirty.add("interview")

    def set_minutes(self, minutes: int) -> bool:
        """The length asked for; True when it changed (the plan's budget with it)."""
        if minutes == self.interview.minutes_asked:
            return False
        self.interview.minutes_asked = minutes
        self.plan.minutes_asked = minutes
        self._dirty.add("interview")
        return True

    def set_text(self, which: TextField, text: str) -> None:
        """Goals, research or the introduction, as typed."""
        setattr(self.interview, which, clean(text))
        self._dirty.add("interview")

    # -- the plan ----------------------------------------------------------------------------
    def tick_set(self, question_set: QuestionSet) -> None:
        """Add a set's must-ask questions."""
        self.plan.tick_set(question_set)
        self._dirty.add("interview")

    def untick_set(self, set_id: str, sets: Mapping[str, QuestionSet]) -> tuple[int, int]:
        """Take a set's questions out again; returns (taken out, picked ones that stay)."""
        kept = sum(1 for q in self.plan.questions if q.source == set_id and q.picked)
        removed = self.plan.untick_set(set_id, sets)
        self._dirty.add("interview")
        return removed, kept

    def toggle_must(self, question_id: str) -> None:
        """Mark or unmark a question as must-ask."""
        self.plan.toggle_must(question_id)
        self._dirty.add("interview")

    def remove_question(self, question_id: str) -> str | None:
        """Take a question out (it can be put back); returns the id to select next."""
        following = self.plan.following(question_id)
        taken = self.plan.take_out(question_id)
        if taken is None:
            return None
        self._removed.append(taken)
        self._dirty.add("interview")
        return following

    def put_back(self) -> PlannedQuestion | None:
        """Put the question removed last back where it was; None when nothing was removed."""
        if not self._removed:
            return None
        index, question = self._removed.pop()
        self.plan.put_back(index, question)
        self._dirty.add("interview")
        return question

    def move(self, question_id: str, step: int) -> None:
        """Move a question one place up (step < 0) or down."""
        if step < 0:
            self.plan.move_up(question_id)
        else:
            self.plan.move_down(question_id)
        self._dirty.add("interview")

    def write_own(self, text: str, after: str | None) -> PlannedQuestion:
        """Add a question of the user's own after ``after`` (before the closing questions)."""
        question = self.plan.write_own(text, after=after)
        self._dirty.add("interview")
        return question

    def add_picked(
        self, picks: Iterable[tuple[QuestionSet, Question]], after: str | None
    ) -> str | None:
        """Add questions picked from sets, in the order picked; returns the last one's id."""
        cursor, last = after, None
        for question_set, question in picks:
            planned = self.plan.add_from_set(question_set, question, after=cursor, picked=True)
            if planned is not None:
                last = planned.id
                if not is_closing(planned):
                    cursor = planned.id
        if last is not None:
            self._dirty.add("interview")
        return last

    # -- starting ----------------------------------------------------------------------------
    def too_early(self) -> datetime | None:
        """The planned time, when the call would start more than an hour before it."""
        planned = parse_when(self.interview.scheduled_at)
        if planned is not None and planned - self.clock.now() > EARLY_START:
            return planned
        return None

    def start(self) -> None:
        """The preparation ends here: the call starts (the Live screen takes it from here)."""
        self.interview.stage("prepare").ended = self._now()
        self._dirty.add("interview")

    # -- saving ------------------------------------------------------------------------------
    def changed(self) -> bool:
        """Whether anything is waiting for `take_changes`."""
        return bool(self._dirty or self._given_up)

    def take_changes(self) -> Changes:
        """The documents to save now (nothing is handed out twice)."""
        dirty, self._dirty = self._dirty, set()
        changes = Changes(removed_contacts=self._given_up)
        self._given_up = []
        if "contact" in dirty and self.contact is not None:
            self.contact = self.contact.touched()
            changes.contact = self.contact.to_dict()
        if dirty:
            self.interview.plan = self.plan.freeze()
            self.interview.updated_at = self._now()
            changes.interview = self.interview.to_dict()
        return changes

    def _now(self) -> str:
        # Local time, as the records keep it.
        return iso(self.clock.now().astimezone())
