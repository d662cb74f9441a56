"""Agenda: every follow-up computed from the data — today's (due and overdue) first, then later."""

from __future__ import annotations

import threading
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList
from textual.widgets.option_list import Option

from coach.core.agenda import Agenda, AgendaItem
from coach.core.clock import iso
from coach.core.text import clean_line
from coach.tui.widgets.agenda_panel import agenda_failure, item_line, read_agenda
from coach.tui.widgets.option_cursor import highlight, highlighted_id

if TYPE_CHECKING:
    from coach.core.interview import Interview
    from coach.tui.app import CoachApp


class AgendaScreen(Screen[None]):
    """The follow-up agenda; ``now`` is fixed in tests, the clock otherwise."""

    HELP = (
        "What to do, and when: nudges after an unanswered ask (a second person after 3 "
        "business days, one polite reminder after 7), thank-yous within a day of a "
        "conversation, reporting back on advice you acted on, keeping in touch every 90 days, "
        "and your own action items. Nothing here is stored: it is worked out from your "
        "contacts and interviews each time, so logging an interaction or dating an ask "
        "updates it. Items in red are overdue. d ticks off an action, or a report-back once "
        "you have told them how their advice worked out. Enter opens what an item is about: "
        "the debrief of that conversation (thank-you, action, report-back), its preparation "
        "(confirm), or the person in your contacts (nudges, keeping in touch), where w writes "
        "to them and l logs that you did."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="agenda.back"),
        # Priority, so the footer names it (the list's own Enter is unlabelled).
        Binding("enter", "open", "Open", id="agenda.open", priority=True),
        Binding("d", "done", "Done", id="agenda.done"),
        Binding("r", "refresh", "Refresh", id="agenda.refresh"),
    ]

    app: CoachApp

    def __init__(self, now: datetime | None = None) -> None:
        super().__init__()
        self.fixed_now = now
        self.agenda: Agenda | None = None
        self._ticking = threading.Lock()

    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(
            Option(Content.styled("Working it out…", "dim"), disabled=True), id="agenda-list"
        )
        yield Footer()

    def on_screen_resume(self) -> None:
        # Also the first fill; coming back from an item, the agenda reflects what was done.
        self.action_refresh()

    @on(OptionList.OptionSelected, "#agenda-list")
    def action_open(self) -> None:
        """Open the record an item is about, where the thing it asks for is done."""
        from coach.tui import flow

        item = self._highlighted()
        if item is None:
            return
        if item.interview_id and item.kind == "thank-you":
            flow.open_interview(self.app, "thank-you", item.interview_id)
        elif item.interview_id and item.kind in ("action", "report-back"):
            flow.open_interview(self.app, "actions", item.interview_id)
        elif item.interview_id and item.kind == "confirm":
            flow.open_interview(self.app, "upcoming", item.interview_id)
        elif item.contact_id:
            from coach.tui.screens.contacts import ContactsScreen

            self.app.push_screen(ContactsScreen(select=item.contact_id))
        else:
            self.notify("This item is not linked to a contact or an interview.", markup=False)

    def action_done(self) -> None:
        """Tick off the highlighted action or report-back; other items are done elsewhere."""
        item = self._highlighted()
        if item is None:
            return
        if item.kind in ("action", "report-back") and item.interview_id:
            self._tick_off(item)
        elif item.kind == "thank-you":
            self.notify(
                "Enter opens the note: mark it sent there (F7), once it is signed.", markup=False
            )
        else:
            self.notify(
                "This one clears itself: Enter opens it, and logging what you did (l) ends it.",
                markup=False,
            )

    @work(thread=True, group="agenda-tick")
    def _tick_off(self, item: AgendaItem) -> None:
        # The interview is read in full from the store (after what is queued is written), so
        # this runs off the UI thread like the agenda itself; one tick at a time, so two quick
        # presses on one interview each see the other's change.
        with self._ticking:
            self._tick_off_now(item)

    def _tick_off_now(self, item: AgendaItem) -> None:
        from coach.core import debrief
        from coach.core.interview import Interview

        app = self.app
        app.saver.flush()
        doc = app.store.get_interview(item.interview_id or "")
        action_id = item.key.rsplit(":", 1)[-1]
        interview = Interview.from_dict(doc) if doc is not None else None
        if interview is None:
            app.call_from_thread(self.notify, "That interview is no longer there.", markup=False)
            return
        if item.kind == "action":
            action = debrief.set_action_done(interview, action_id, True, app.clock)
            said = "Done"
        else:
            action = debrief.mark_reported_back(interview, action_id, app.clock)
            said = "Reported back"
        if action is None:
            app.call_from_thread(self.notify, "That action is no longer there.", markup=False)
            return
        app.save("interview", interview.to_dict())
        if item.kind == "report-back":
            self._log_report_back(interview, action.text)
        app.call_from_thread(
            self.notify, f"{said}: {clean_line(action.text)}", timeout=4, markup=False
        )
        app.saver.flush()
        try:
            agenda = read_agenda(app.store, self.fixed_now)
        except Exception as error:  # as in _compute: show the problem, keep the app
            app.call_from_thread(self._show_failure, error)
            return
        app.call_from_thread(self.show_agenda, agenda)

    def _log_report_back(self, interview: Interview, text: str) -> None:
        # Telling them is a conversation with them: it also restarts the keep-in-touch clock.
        from coach.core.contact import Contact

        doc = self.app.store.get_contact(interview.contact_id or "")
        if doc is None or interview.practice:
            return
        contact = Contact.from_dict(doc).with_interaction(
            "news", f"Told them how their advice worked out: {text}", iso(self.app.clock.now())
        )
        self.app.save("contact", contact.to_dict())

    def _highlighted(self) -> AgendaItem | None:
        option_list = self.query_one("#agenda-list", OptionList)
        index = option_list.highlighted
        if self.agenda is None or index is None:
            return None
        key = option_list.get_option_at_index(index).id
        return next((i for i in self.agenda.items if i.key == key), None)

    def action_refresh(self) -> None:
        self._compute()

    @work(thread=True, exclusive=True, group="agenda")
    def _compute(self) -> None:
        # Reading every interview in full is the slow part; keep it off the UI thread.
        self.app.saver.flush()
        try:
            agenda = read_agenda(self.app.store, self.fixed_now)
        except Exception as error:  # one odd record must not take the app down with it
            self.app.call_from_thread(self._show_failure, error)
            return
        self.app.call_from_thread(self.show_agenda, agenda)

    def _show_failure(self, error: Exception) -> None:
        option_list = self.query_one("#agenda-list", OptionList)
        option_list.clear_options()
        option_list.add_option(Option(agenda_failure(error), disabled=True))

    def show_agenda(self, agenda: Agenda) -> None:
        """Draw Today (due and overdue) first, then Later."""
        self.agenda = agenda
        options: list[Option | None] = []
        for title, items, empty in (
            ("Today", agenda.today(), "Nothing due today."),
            ("Later", agenda.later(), "Nothing planned."),
        ):
            if options:
                options.append(None)
            options.append(Option(Content.styled(title, "bold"), disabled=True))
            if not items:
                options.append(Option(Content.styled(f"  {empty}", "dim"), disabled=True))
            options.extend(
                Option(Content.assemble("  ", item_line(item, agenda.now)), id=item.key)
                for item in items
            )
        option_list = self.query_one("#agenda-list", OptionList)
        was = highlighted_id(option_list)
        option_list.clear_options()
        option_list.add_options(options)
        highlight(option_list, was)
        option_list.focus()

    def action_back(self) -> None:
        self.app.pop_screen()
