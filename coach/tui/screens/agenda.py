"""Agenda: every follow-up computed from the data — today's (due and overdue) first, then later."""

from __future__ import annotations

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
from coach.core.text import clean_line
from coach.services.agenda import Gone, Tick, take_back, tick_off
from coach.tui.messages import StoreChanged
from coach.tui.screens import SCREEN_RULES
from coach.tui.widgets.agenda_panel import agenda_failure, item_line, read_agenda
from coach.tui.widgets.option_cursor import highlight, highlighted_id

if TYPE_CHECKING:
    from coach.tui.app import CoachApp


class AgendaScreen(Screen[None]):
    """The follow-up agenda; ``now`` is fixed in tests, the clock otherwise."""

    CSS_PATH = SCREEN_RULES

    HELP = (
        "What to do, and when: nudges after an unanswered ask (a second person after 3 "
        "business days, one polite reminder after 7), thank-yous within a day of a "
        "conversation, reporting back on advice you acted on, keeping in touch every 90 days, "
        "and your own action items. Nothing here is stored: it is worked out from your "
        "contacts and interviews each time, so logging an interaction or dating an ask "
        "updates it. Items in red are overdue. d ticks off an action, or a report-back once "
        "you have told them how their advice worked out; u takes the last tick back. Enter "
        "opens what an item is about: the debrief of that conversation (thank-you, action, "
        "report-back), its preparation (confirm), the request to someone you were referred "
        "to, drafted from the note that names who suggested them (ask referral), or the person "
        "in your contacts (nudges, keeping in touch), where w writes to them and l logs that "
        "you did."
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

    @on(StoreChanged)
    def _store_changed(self) -> None:
        # Another device's changes came in: the same redraw as coming back to the screen.
        self.on_screen_resume()

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
        elif item.contact_id and item.kind == "ask-referral":
            flow.open_request(self.app, item.contact_id)
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

    def _tick_off(self, item: AgendaItem) -> None:
        try:
            tick = tick_off(self.app.store, item, self.app.clock)
        except Gone as gone:
            self.notify(str(gone), markup=False)
            return
        self._last_tick = tick
        said = "Done" if item.kind == "action" else "Reported back"
        self.notify(f"{said}: {clean_line(tick.text)}. u takes it back.", timeout=5, markup=False)
        self.action_refresh()

    def action_undo(self) -> None:
        tick, self._last_tick = self._last_tick, None
        if tick is None:
            self.notify("Nothing to take back here.", markup=False)
            return
        self._untick(tick)

    def _untick(self, tick: Tick) -> None:
        try:
            take_back(self.app.store, tick, self.app.clock)
        except Gone as gone:
            self.notify(str(gone), markup=False)
            return
        self.notify(f"Taken back: {clean_line(tick.text)}", timeout=4, markup=False)
        self.action_refresh()

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
        # Working out the agenda over a long history is the slow part: off the UI thread.
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
