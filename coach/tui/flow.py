"""Moving between screens: from Home into Prepare, Live or Debrief for one interview.

Home calls these; each one reads what it needs from the store, turns it into core objects and
opens the screen that fits the interview's stage.
"""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING, Any

from coach.core.contact import Contact
from coach.core.interview import Interview

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

PRACTICE_SET = "practice"
PRACTICE_GOALS = (
    "Practise asking open questions, listening and taking short notes; time my introduction."
)


def new_interview(app: CoachApp, practice: bool) -> None:
    """Open Prepare on a fresh interview (nothing is stored until the first edit).

    A practice run is marked as such, kept out of every count, and starts from the practice
    question set when it is installed.
    """
    from coach.core.plan import Plan
    from coach.tui.screens.prepare import PrepareScreen

    interview = Interview(practice=practice)
    if practice:
        interview.goals = PRACTICE_GOALS
        practice_set = app.catalogue.sets.get(PRACTICE_SET)
        if practice_set is not None:
            plan = Plan.from_sets([practice_set], interview.minutes_asked)
            interview.plan = plan.freeze()
    app.push_screen(PrepareScreen(interview))


def open_interview(app: CoachApp, reason: str, interview_id: str) -> None:
    """Open one interview listed on Home on the screen its ``reason`` calls for."""
    doc = app.store.get_interview(interview_id)
    if doc is None:
        app.notify(
            "That interview is no longer in the data folder.", severity="warning", markup=False
        )
        return
    interview = Interview.from_dict(doc)
    if reason == "interrupted":
        _offer_recovery(app, interview)
    elif reason in ("debrief", "thank-you"):
        _open_debrief(app, interview)
    else:
        _open_prepare(app, interview)


def open_contacts(app: CoachApp) -> None:
    """Open the contacts screen, when this build has one."""
    if importlib.util.find_spec("coach.tui.screens.contacts") is None:
        app.notify("The contacts screen is not available yet.", markup=False)
        return
    from coach.tui.screens import contacts

    app.push_screen(contacts.ContactsScreen())


def _open_prepare(app: CoachApp, interview: Interview) -> None:
    from coach.tui.screens.prepare import PrepareScreen

    app.push_screen(PrepareScreen(interview, _contact_of(app, interview)))


def _open_debrief(app: CoachApp, interview: Interview) -> None:
    from coach.tui.screens.debrief import DebriefScreen

    app.push_screen(DebriefScreen(interview))


def _contact_of(app: CoachApp, interview: Interview) -> Contact | None:
    if not interview.contact_id:
        return None
    doc = app.store.get_contact(interview.contact_id)
    return Contact.from_dict(doc) if doc is not None else None


def _offer_recovery(app: CoachApp, interview: Interview) -> None:
    from coach.store.drafts import DraftJournal
    from coach.tui.screens.confirm import ChoiceScreen

    journal = DraftJournal(app.paths, interview.id)
    records = journal.read()
    notes = recovered_note_count(interview, records)
    who = interview.contact_name or "(no name)"
    question = (
        f"Resume the interrupted call with {who} with {notes} note{'s' if notes != 1 else ''}?"
    )

    def answered(choice: str | None) -> None:
        if choice == "resume":
            from coach.tui.screens.live import LiveScreen

            app.push_screen(LiveScreen(interview, recovered_records=records))
        elif choice == "discard":
            journal.discard()
            if interview.status == "live":
                # Without its journal the call cannot go on; what was saved goes to the debrief.
                interview.status = "ended"
                app.save("interview", interview.to_dict())
            if interview.status == "planned":
                _open_prepare(app, interview)
            else:
                _open_debrief(app, interview)

    app.push_screen(
        ChoiceScreen[str](
            question,
            [
                ("Resume the call", "resume"),
                ("Discard the journal and open", "discard"),
                ("Cancel", "cancel"),
            ],
            title="Interrupted call",
        ),
        answered,
    )


def recovered_note_count(interview: Interview, records: list[dict[str, Any]]) -> int:
    """How many notes the call would hold once its journal is replayed (a draft counts as one)."""
    from coach.core.clock import SystemClock
    from coach.core.live import LiveCall

    trial = Interview.from_dict(interview.to_dict())
    try:
        call = LiveCall.recover(trial, records, SystemClock())
    except Exception:  # a journal we cannot replay still deserves the question, not a crash
        return len(interview.notes)
    return len(call.interview.notes) + (1 if call.draft.strip() else 0)
