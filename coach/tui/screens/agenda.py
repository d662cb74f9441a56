"""Agenda: every follow-up computed from the data — today's (due and overdue) first, then later."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList
from textual.widgets.option_list import Option

from coach.core.agenda import Agenda
from coach.tui.widgets.agenda_panel import agenda_failure, item_line, read_agenda

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
        "updates it. Items in red are overdue."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="agenda.back"),
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

    def on_mount(self) -> None:
        self.action_refresh()

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
        option_list.clear_options()
        option_list.add_options(options)
        option_list.focus()

    def action_back(self) -> None:
        self.app.pop_screen()
