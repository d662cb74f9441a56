"""Agenda: every follow-up computed from the data — today's (due and overdue) first, then later."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from coach.core.agenda import Agenda, AgendaItem
from coach.core.clock import iso
from coach.core.contact import Interaction
from coach.core.text import clean_line
from coach.tui.widgets.agenda_panel import agenda_failure, item_line, read_agenda
from coach.tui.widgets.option_cursor import highlight, highlighted_id

if TYPE_CHECKING:
    from coach.core.interview import Interview
    from coach.tui.app import CoachApp


@dataclass
class Tick:
    """What one d changed, so that u can put it back as it was."""

    interview_id: str
    action_id: str
    text: str
    done_at: str | None
    reported_back_at: str | None
    # A report-back is also logged with the person; undoing it removes that entry.
    contact_id: str | None = None
    logged: Interaction | None = None
    last_before: str | None = None


class AgendaScreen(Screen[None]):
    """The follow-up agenda; ``now`` is fixed in tests, the clock otherwise."""

    HELP = (
        "What to do, and when: nudges after an unanswered ask (a second person after 3 "
        "business days, one polite reminder after 7), thank-yous within a day of a "
        "conversation, reporting back on advice you acted on, keeping in touch every 90 days, "
        "and your own action items. Nothing here is stored: it is worked out from your "
        "contacts and interviews each time, so logging an interaction or dating an ask "
        "updates it. Items in red are overdue. d ticks off an action, or a report-back once "
        "you have told them how their advice worked out; u takes the last tick back. Enter "
        "opens what an item is about: the debrief of that conversation (thank-you, action, "
        "report-back), its preparation (confirm), or the person in your contacts (nudges, "
        "keeping in touch), where w writes to them and l logs that you did."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="agenda.back"),
        # Priority, so the footer names it (the list's own Enter is unlabelled).
        Binding("enter", "open", "Open", id="agenda.open", priority=True),
        Binding("d", "done", "Done", id="agenda.done"),
        Binding("u", "undo", "Undo", id="agenda.undo"),
        Binding("r", "refresh", "Refresh", id="agenda.refresh"),
    ]

    app: CoachApp

    def __init__(self, now: datetime | None = None) -> None:
        super().__init__()
        self.fixed_now = now
        self.agenda: Agenda | None = None
        self._ticking = threading.Lock()
        self._drawn_width = 0
        # The last tick made here, so that u can take it back (None: nothing to undo).
        self._last_tick: Tick | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            Content.assemble(
                Content.styled("Agenda", "bold"),
                Content.styled("  follow-ups worked out from your contacts and interviews", "dim"),
            ),
            id="agenda-heading",
        )
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
        before = next((a for a in interview.actions if a.id == action_id), None)
        prior = (before.done_at, before.reported_back_at) if before is not None else (None, None)
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
        tick = Tick(interview.id, action_id, action.text, *prior)
        if item.kind == "report-back":
            self._log_report_back(interview, action.text, tick)
        self._last_tick = tick
        app.call_from_thread(
            self.notify,
            f"{said}: {clean_line(action.text)}. u takes it back.",
            timeout=5,
            markup=False,
        )
        self._redraw_from_thread()

    def _redraw_from_thread(self) -> None:
        app = self.app
        app.saver.flush()
        try:
            agenda = read_agenda(app.store, self.fixed_now)
        except Exception as error:  # as in _compute: show the problem, keep the app
            app.call_from_thread(self._show_failure, error)
            return
        app.call_from_thread(self.show_agenda, agenda)

    def _log_report_back(self, interview: Interview, text: str, tick: Tick) -> None:
        # Telling them is a conversation with them: it also restarts the keep-in-touch clock.
        from coach.core.contact import Contact

        doc = self.app.store.get_contact(interview.contact_id or "")
        if doc is None or interview.practice:
            return
        before = Contact.from_dict(doc)
        contact = before.with_interaction(
            "news", f"Told them how their advice worked out: {text}", iso(self.app.clock.now())
        )
        tick.contact_id = contact.id
        tick.logged = contact.interactions[-1]
        tick.last_before = before.last_interaction
        self.app.save("contact", contact.to_dict())

    def action_undo(self) -> None:
        tick, self._last_tick = self._last_tick, None
        if tick is None:
            self.notify("Nothing to take back here.", markup=False)
            return
        self._untick(tick)

    @work(thread=True, group="agenda-tick")
    def _untick(self, tick: Tick) -> None:
        from coach.core import debrief
        from coach.core.contact import Contact
        from coach.core.interview import Interview

        with self._ticking:
            app = self.app
            app.saver.flush()
            doc = app.store.get_interview(tick.interview_id)
            interview = Interview.from_dict(doc) if doc is not None else None
            restored = (
                debrief.restore_action(
                    interview, tick.action_id, tick.done_at, tick.reported_back_at, app.clock
                )
                if interview is not None
                else None
            )
            if interview is None or restored is None:
                app.call_from_thread(self.notify, "That action is no longer there.", markup=False)
                return
            app.save("interview", interview.to_dict())
            person = app.store.get_contact(tick.contact_id) if tick.contact_id else None
            if person is not None and tick.logged is not None:
                contact = Contact.from_dict(person).without_interaction(
                    tick.logged, tick.last_before
                )
                app.save("contact", contact.to_dict())
            app.call_from_thread(
                self.notify, f"Taken back: {clean_line(tick.text)}", timeout=4, markup=False
            )
            self._redraw_from_thread()

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
        option_list = self.query_one("#agenda-list", OptionList)
        # Inside the option's own padding, and clear of a scroll bar that may appear.
        width = max(option_list.scrollable_content_region.width - 3, 0) or None
        self._drawn_width = option_list.size.width
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
                Option(item_line(item, agenda.now, width, indent=2), id=item.key) for item in items
            )
        was = highlighted_id(option_list)
        option_list.clear_options()
        option_list.add_options(options)
        highlight(option_list, was)
        option_list.focus()

    def on_resize(self) -> None:
        # Long items were wrapped for the old width: wrap them again for the new one.
        if (
            self.agenda is not None
            and self.query_one("#agenda-list").size.width != self._drawn_width
        ):
            self.show_agenda(self.agenda)

    def action_back(self) -> None:
        self.app.pop_screen()
