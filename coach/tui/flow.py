"""Moving between screens: from Home into Prepare, Live or Debrief for one interview.

Home calls these; each one reads what it needs from the store, turns it into core objects and
opens the screen that fits the interview's stage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coach.core.contact import Contact
from coach.core.interview import Interview

if TYPE_CHECKING:
    from textual.screen import Screen

    from coach.services.calls import Recovery
    from coach.tui.app import CoachApp

PRACTICE_SET = "practice"
PRACTICE_GOALS = (
    "Practise asking open questions, listening and taking short notes; time my introduction."
)


def new_interview(app: CoachApp, practice: bool, contact: Contact | None = None) -> None:
    """Open Prepare on a fresh interview (nothing is stored until the first edit).

    A practice run is marked as such, kept out of every count, and starts from the practice
    question set when it is installed. With ``contact`` the interview is theirs from the start.
    Any other is on the path the person is on, else on the one used last.
    """
    from coach.core.plan import Plan
    from coach.services.paths import last_used_path
    from coach.tui.screens.prepare import PrepareScreen

    interview = Interview(practice=practice)
    if contact is not None and not practice:
        interview.contact_id = contact.id
        interview.contact_name = contact.name
        interview.contact_role = contact.role
        interview.contact_org = contact.organisation
    if not practice:
        # The path of the series: the person's own (someone suggested on one), else the one
        # used last. A rehearsal belongs to none unless chosen.
        interview.path_id = (contact.path_id if contact else None) or last_used_path(app.store)
    if practice:
        interview.goals = PRACTICE_GOALS
        practice_set = app.catalogue.sets.get(PRACTICE_SET)
        if practice_set is not None:
            # A rehearsal is as long as the set was written for, with its must-asks: a plan
            # that fits, so the pacing signal is about the asking, not an overfull list.
            if practice_set.minutes:
                interview.minutes_asked = round(practice_set.minutes)
            plan = Plan(minutes_asked=interview.minutes_asked)
            plan.tick_set(practice_set)
            interview.plan = plan.freeze()
    app.push_screen(PrepareScreen(interview, None if practice else contact))


def open_interview(
    app: CoachApp, reason: str, interview_id: str, *, settle_versions: bool = True
) -> None:
    """Open one interview listed on Home on the screen its ``reason`` calls for.

    An interview kept in two versions (changed on two devices) asks which to keep first.
    """
    if settle_versions:
        from coach.tui.versions import ask_which_version

        def then() -> None:
            open_interview(app, reason, interview_id, settle_versions=False)

        if ask_which_version(app, "interview", interview_id, then):
            return
    doc = app.store.get_interview(interview_id)
    if doc is None:
        app.notify(
            "That interview is no longer in the data folder.", severity="warning", markup=False
        )
        return
    interview = Interview.from_dict(doc)
    if reason == "interrupted":
        _offer_recovery(app, interview)
    elif reason in ("debrief", "done"):
        _open_debrief(app, interview)
    elif reason == "thank-you":
        _open_debrief(app, interview, "tab-thanks")
    elif reason == "actions":
        _open_debrief(app, interview, "tab-people")
    else:
        _open_prepare(app, interview)


def open_contacts(app: CoachApp) -> None:
    """Open the contacts screen."""
    from coach.tui.screens.contacts import ContactsScreen

    app.push_screen(ContactsScreen())


def open_agenda(app: CoachApp) -> None:
    """Open the whole follow-up agenda, as of now."""
    from coach.tui.screens.agenda import AgendaScreen

    app.push_screen(AgendaScreen(app.clock.now()))


def open_request(app: CoachApp, contact_id: str) -> None:
    """Open the request to one person, the one who suggested them known (the referral
    template names them)."""
    from coach.tui.screens.request import RequestScreen

    doc = app.store.get_contact(contact_id)
    if doc is None:
        app.notify("That person is no longer in your contacts.", severity="warning", markup=False)
        return
    contact = Contact.from_dict(doc)
    referrer = app.store.get_contact(contact.referred_by) if contact.referred_by else None
    app.push_screen(
        RequestScreen(contact, Contact.from_dict(referrer) if referrer is not None else None)
    )


def open_referrals(app: CoachApp) -> None:
    """Open the referral tree."""
    from coach.tui.screens.referrals import ReferralsScreen

    app.push_screen(ReferralsScreen())


def can_leave(app: CoachApp, screen: Screen[Any]) -> bool:
    """Whether the person may go elsewhere from ``screen``: not from a dialog (it waits for an
    answer) and not while a call is under way (the notes must stay in front)."""
    from textual.screen import ModalScreen

    from coach.tui.screens.live import LiveScreen

    if isinstance(screen, ModalScreen):
        return False
    return not any(isinstance(s, LiveScreen) and s.call_running for s in app.screen_stack)


def back_to_home(app: CoachApp) -> bool:
    """Close every screen above Home, each handing over its last edits first, as quitting
    does; False (nothing closed) when the person may not leave the screen in front."""
    from coach.tui.screens.home import HomeScreen
    from coach.tui.screens.saving import SavingScreen

    if not can_leave(app, app.screen):
        return False
    while not isinstance(app.screen, HomeScreen) and len(app.screen_stack) > 1:
        screen = app.screen
        if isinstance(screen, SavingScreen):
            screen.before_quit()
        app.pop_screen()
    return True


def _open_prepare(app: CoachApp, interview: Interview) -> None:
    from coach.tui.screens.prepare import PrepareScreen

    app.push_screen(PrepareScreen(interview, _contact_of(app, interview)))


def _open_debrief(app: CoachApp, interview: Interview, tab: str = "tab-reflect") -> None:
    from coach.tui.screens.debrief import DebriefScreen

    app.push_screen(DebriefScreen(interview, tab=tab))


def _contact_of(app: CoachApp, interview: Interview) -> Contact | None:
    if not interview.contact_id:
        return None
    doc = app.store.get_contact(interview.contact_id)
    return Contact.from_dict(doc) if doc is not None else None


def _offer_recovery(app: CoachApp, interview: Interview) -> None:
    from coach.services import calls
    from coach.tui.screens.confirm import ChoiceScreen

    recovery = calls.assess(app.store, interview, app.clock)
    if recovery.error is not None:
        app.notify(
            f"The notes kept during this call cannot be read ({recovery.error}): "
            f"{recovery.journal}",
            title="Interrupted call",
            severity="error",
            markup=False,
        )
        return
    if interview.status != "live" and not recovery.adds_anything:
        # The call was ended and saved after its journal was last written: nothing to offer.
        _discard(app, recovery)
        return
    who = interview.contact_name or "(no name)"
    opens = "its preparation" if interview.status == "planned" else "the debrief"
    then = (
        f" Discarding the recovered notes opens {opens} with what was saved before the"
        " interruption."
    )
    if recovery.replayable:
        notes = recovery.notes
        question = (
            f"Resume the interrupted call with {who} with {notes} note{'s' if notes != 1 else ''}?"
            + then
        )
        answers = [("Resume the call", "resume")]
    else:
        question = (
            f"The notes kept during the call with {who} cannot be read back; the file stays in "
            f"{recovery.journal} until you discard it." + then
        )
        answers = []
    # The answer that deletes comes last, after the safe ones (Enter takes the first).
    answers += [("Not now", "cancel"), ("Discard the recovered notes", "discard")]

    def answered(choice: str | None) -> None:
        if choice == "resume":
            from coach.tui.screens.live import LiveScreen

            app.push_screen(LiveScreen(calls.resume(recovery, app.clock)))
        elif choice == "discard":
            _discard(app, recovery)

    app.push_screen(ChoiceScreen[str](question, answers, title="Interrupted call"), answered)


def _discard(app: CoachApp, recovery: Recovery) -> None:
    """Throw the journal away and open what the interview was saved as."""
    from coach.services import calls

    try:
        interview = calls.discard(app.store, recovery)
    except OSError as error:
        app.notify(
            f"The recovered notes could not be removed ({error.strerror or error}): "
            f"{recovery.journal}",
            severity="warning",
            markup=False,
        )
        return
    if interview.status == "planned":
        _open_prepare(app, interview)
    else:
        _open_debrief(app, interview)
