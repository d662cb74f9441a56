"""Agenda: every follow-up computed from the data — today's (due and overdue) first, then later."""

from __future__ import annotations

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
from coach.tui.widgets.agenda_panel import agenda_failure, item_line, read_agenda
from coach.tui.widgets.option_cursor import highlight, highlighted_id

if TYPE_CHECKING:
    from coach.tui.app import CoachApp


class AgendaScreen(Screen[None]):
    """The follow-up agenda; ``now`` is fixed in tests, the clock otherwise."""

    HELP = (
        "What to do, and when: nudges after an unanswered ask (a second person after 3 "
        "business days, one polite reminder after 7), thank-yous within a day of a "
        "conversation, reporting back on advice you acted on, keeping in touch every 90 days, "
        "and your own action items. Nothing here is stored: it is worked out from your "
        "contacts and interviews each time, so logging an interaction or dating an ask "
        "updates it. Items in red are overdue. Enter opens what an item is about: the "
        "debrief of that conversation (thank-you, action, report-back), its preparation "
        "(confirm), or the person in your contacts (nudges, keeping in touch), where w writes "
        "to them and l logs that you did."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="agenda.back"),
        # Priority, so the footer names it (the list's own Enter is unlabelled).
        Binding("enter", "open", "Open", id="agenda.open", priority=True),
        Binding("r", "refresh", "Refresh", id="agenda.refresh"),
    ]

    app: CoachApp

    def __init__(self, now: datetime | None = None) -> None:
        super().__init__()
        self.fixed_now = now
        self.agenda: Agenda | None = None

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
        if item.interview_id and item.kind in ("thank-you", "action", "report-back"):
            flow.open_interview(self.app, "done", item.interview_id)
        elif item.interview_id and item.kind == "confirm":
            flow.open_interview(self.app, "upcoming", item.interview_id)
        elif item.contact_id:
            from coach.tui.screens.contacts import ContactsScreen

            self.app.push_screen(ContactsScreen(select=item.contact_id))
        else:
            self.notify("This item is not linked to a contact or an interview.", markup=False)

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
