"""Debrief: reflect while it is fresh, confirm referrals, plan actions, thank them, export, and
read the call's transcript."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Button, Footer, Header, Static, TabbedContent, TabPane

from coach.core.clock import Clock
from coach.core.contact import Contact
from coach.core.debrief_session import DebriefSession
from coach.core.interview import Interview
from coach.services import paths
from coach.store.db import YOUR_NAME, Kind
from coach.tui.literal import literal
from coach.tui.screens.saving import SavingScreen
from coach.tui.widgets.debrief import SessionEdited
from coach.tui.widgets.debrief.people import PeopleTab
from coach.tui.widgets.debrief.reflect import ReflectTab
from coach.tui.widgets.debrief.thanks import ThanksTab
from coach.tui.widgets.debrief.transcript import TranscriptTab
from coach.tui.widgets.save_banner import SaveBanner

if TYPE_CHECKING:
    from coach.tui.app import CoachApp


class DebriefScreen(SavingScreen[None]):
    """Straight after the call: every answer is saved as you type."""

    HELP = (
        "Debrief while the call is fresh. Reflect: what you learned, what surprised you, how "
        "interested you are now and why, how it fits you, and what you still need to know. "
        "People & actions: confirm the referrals you flagged (each becomes a contact referred "
        "by this person), set due dates for the advice you will act on, and tick each off when "
        "it is done (come back here, or press d on it in the Agenda). Thank-you: edit the "
        "draft, copy it, send it from your own mail within 24 hours and mark it sent (save "
        "your name once with m on Home, and new drafts are signed with it). Export "
        "writes a Markdown record into the exports folder of your data folder. Transcript: "
        "import the file your call tool saved, see who did the talking, read it under each "
        "question beside your notes, and flag its lines as you flag notes in the call. F9 "
        "shows the notes you took during the call, at the top of Reflect. F5 finishes."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "tab('tab-reflect')", "Reflect", id="debrief.tab_reflect", show=False),
        Binding("f3", "tab('tab-people')", "People", id="debrief.tab_people", show=False),
        Binding("f4", "tab('tab-thanks')", "Thank-you", id="debrief.tab_thanks", show=False),
        Binding(
            "f10",
            "tab('tab-transcript')",
            "Transcript",
            id="debrief.tab_transcript",
            show=False,
        ),
        Binding("f5", "finish", "Finish", id="debrief.finish"),
        # Priority: the text areas use F6/F7 to select a line / everything. Left out of the
        # footer (at 80 columns it would cut off Back and Help): the buttons on the Thank-you
        # tab carry these keys, and F1 lists them.
        Binding("f6", "copy_thank_you", "Copy note", id="debrief.copy", priority=True, show=False),
        Binding("f7", "mark_sent", "Mark sent", id="debrief.sent", priority=True, show=False),
        Binding("f8", "export", "Export", id="debrief.export", show=False),
        Binding("f9", "toggle_notes", "Call notes", id="debrief.notes", show=False),
        Binding("escape", "back", "Back", id="debrief.back"),
    ]

    app: CoachApp

    def __init__(
        self, interview: Interview, clock: Clock | None = None, tab: str = "tab-reflect"
    ) -> None:
        super().__init__()
        self.interview = interview
        # The tab to open on: the Agenda sends a person to the thing it reminded them of.
        self.first_tab = tab
        # None: the app's clock, looked up when first needed (there is no app yet in here).
        self._clock = clock
        # Made in compose, the first moment the app and its store can be reached.
        self.session: DebriefSession

    @property
    def clock(self) -> Clock:
        """The clock given to the screen, else the app's (one clock, so tests can fix "now")."""
        return self._clock if self._clock is not None else self.app.clock

    @property
    def export_path(self) -> Path | None:
        """The Markdown record written last, if any."""
        return self.query_one(ThanksTab).export_path

    def _open_debrief(self) -> None:
        store = self.app.store
        saved = store.get_meta(YOUR_NAME)
        person = store.get_contact(self.interview.contact_id) if self.interview.contact_id else None
        self.session = DebriefSession(
            self.interview,
            Contact.from_dict(person) if person is not None else None,
            self.clock,
            saved if isinstance(saved, str) else "",
        )
        first_time = self.interview.stage("debrief").started is None
        self.session.open()
        if first_time:
            # Open questions asked in the call and noted on count as answered: ticked on the
            # Reflect tab, where the person can take a tick back.
            paths.mark_noted_answered(store, self.interview, clock=self.clock)

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self._open_debrief()
        yield Header()
        yield SaveBanner(id="debrief-save-error")
        yield Static(self._heading(), id="debrief-heading")
        with TabbedContent(id="debrief-tabs"):
            with TabPane("Reflect (F2)", id="tab-reflect"):
                yield ReflectTab(self.session)
            with TabPane("People & actions (F3)", id="tab-people"):
                yield PeopleTab(self.session)
            with TabPane("Thank-you & export (F4)", id="tab-thanks"):
                yield ThanksTab(self.session)
            with TabPane("Transcript (F10)", id="tab-transcript"):
                yield TranscriptTab(self.session, id="debrief-transcript")
        yield Footer()

    def _heading(self) -> Content:
        parts: list[Content | str] = [Content.styled("Debrief: ", "bold")]
        name = self.interview.contact_name
        if name or not self.interview.practice:
            # A practice run with no one named needs no "(no name)": it is a practice run.
            parts.append(literal(name or "(no name)", style="bold"))
            if self.interview.contact_org:
                parts += [Content(" · "), literal(self.interview.contact_org)]
            if self.interview.practice:
                parts.append(Content("  "))
        if self.interview.practice:
            parts.append(Content.styled("practice run, kept out of your counts", "italic"))
        return Content.assemble(*parts)

    def on_mount(self) -> None:
        self.save_now()
        if self.first_tab == "tab-reflect":
            self.query_one("#debrief-learned").focus()
        else:
            self.action_tab(self.first_tab)

    # -- saving as you go ----------------------------------------------------------------------

    @on(SessionEdited)
    def _session_edited(self, event: SessionEdited) -> None:
        if event.now:
            self.save_now()
        elif self.session.changed():
            self.changed()

    def save(self) -> None:
        """Give the store the interview and the person, as they are now."""
        changes = self.session.take_changes()
        saves: list[tuple[Kind, dict[str, Any]]] = []
        if changes.person is not None:
            saves.append(("contact", changes.person))
        if changes.interview is not None:
            saves.append(("interview", changes.interview))
        if saves:
            self.app.store.change(saves=saves)
        if changes.interview is not None:
            # Each line of "what do I still need to find out" is an open question on the
            # path, kept in step as it is edited (only paths whose questions change are saved).
            paths.carry_forward(self.app.store, self.interview, clock=self.clock)

    # -- the tabs ------------------------------------------------------------------------------

    def action_tab(self, tab_id: str) -> None:
        self.query_one("#debrief-tabs", TabbedContent).active = tab_id
        if tab_id == "tab-transcript":
            self.query_one(TranscriptTab).focus_first()
            return
        pane = self.query_one(f"#{tab_id}", TabPane)
        pane.query("Input, Select, TextArea, OptionList").first().focus()

    @on(TabbedContent.TabActivated, "#debrief-tabs", pane="#tab-people")
    def _people_shown(self) -> None:
        # A line flagged on the transcript may have added a referral or an action.
        self.query_one(PeopleTab).show_lists()

    @on(TabbedContent.TabActivated, "#debrief-tabs", pane="#tab-thanks")
    def _thanks_shown(self) -> None:
        self.query_one(ThanksTab).shown()

    def action_toggle_notes(self) -> None:
        if self.query_one("#debrief-tabs", TabbedContent).active != "tab-reflect" and self.query(
            "#debrief-call-notes"
        ):
            self.action_tab("tab-reflect")
        if not self.query_one(ReflectTab).toggle_notes():
            self.notify("No notes were taken during this call.", markup=False)

    def action_copy_thank_you(self) -> None:
        self.query_one(ThanksTab).copy()

    def action_mark_sent(self) -> None:
        self.query_one(ThanksTab).mark_sent()

    def action_export(self) -> None:
        self.save_now()
        self.query_one(ThanksTab).export()

    # -- leaving -------------------------------------------------------------------------------

    def action_back(self) -> None:
        self.save_now()
        self.dismiss()

    @on(Button.Pressed, "#debrief-finish")
    def action_finish(self) -> None:
        self.session.finish()
        self.save_now()
        if self.interview.practice:
            self.notify("Practice debrief saved.", timeout=5)
        elif self.interview.thank_you.sent_at:
            self.notify("Debrief saved.", timeout=5)
        else:
            self.notify("Debrief saved. Remember the thank-you within 24 hours.", timeout=5)
        self.dismiss()
