"""Home: what is next — interrupted calls, upcoming interviews, what waits for you."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from coach.core.outlook import Outlook, OutlookItem
from coach.core.text import counted
from coach.store.shortlist import home_shortlist, read_outlook
from coach.tui.literal import literal
from coach.tui.messages import StoreChanged
from coach.tui.widgets.agenda_panel import AgendaPanel
from coach.tui.widgets.option_cursor import highlight, highlighted_id

if TYPE_CHECKING:
    from coach.store.db import Kind
    from coach.tui.app import CoachApp

FIRST_RUN = (
    "Welcome. coach walks you through informational interviews, one conversation at a time.\n"
    "1. Press n to prepare your first interview: who, when, and what you want to learn.\n"
    "2. Not ready to call anyone yet? Press p for a practice run on a hobby topic.\n"
    "3. Have a LinkedIn Connections.csv or vCard file? Press c, then i, to bring your "
    "contacts in.\n"
    "Press F1 on any screen for its keys."
)

ROWS_PER_SECTION = 25

REASON_LABEL = {
    "interrupted": "interrupted call — resume",
    "upcoming": "upcoming",
    "unscheduled": "not scheduled yet",
    "debrief": "waiting for your debrief",
    "thank-you": "thank-you not sent",
    "done": "done — open the record",
}


class HomeScreen(Screen[None]):
    """The first screen: everything that needs the person's attention, in order."""

    HELP = (
        "Home lists what is next. Today shows follow-ups that are due or overdue (press g for "
        "the whole agenda). Interrupted calls come first (a call that ended without "
        "being closed, e.g. a crash or a closed terminal); then upcoming interviews, soonest "
        "first; then interviews waiting for a debrief or a thank-you note; then the few finished "
        "most recently (coach interviews list shows them all). Select one and press Enter to "
        "open it, or Delete (x) to remove it after you confirm: one made by mistake, say. The "
        "person stays in Contacts, as they stood before it (its call and thank-you leave their "
        "history, and their stage goes back). m saves your own name, so thank-you drafts are "
        "signed. Across conversations: / searches all of them, t shows your career paths, s "
        "your progress, and b everyone's answer to one question side by side. When your data "
        "folder is shared by two devices, 'Changed on two devices' comes first: Enter on a "
        "sync copy merges it in (nothing is removed), and Enter on a record kept in two "
        "versions shows what differs and asks which to keep."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_interview", "New interview", id="home.new"),
        Binding("p", "practice", "Practice", id="home.practice"),
        Binding("c", "contacts", "Contacts", id="home.contacts"),
        Binding("g", "agenda", "Agenda", id="home.agenda"),
        # Of the four below only Search fits an 80-column footer beside Quit; F1 and the palette
        # list the rest.
        Binding(
            "slash",
            "search",
            "Search",
            id="home.search",
            tooltip="Search every conversation: notes, debriefs, transcripts",
        ),
        Binding(
            "t",
            "paths",
            "Paths",
            id="home.paths",
            tooltip="The career paths you are exploring, and where each stands",
            show=False,
        ),
        Binding(
            "s",
            "progress",
            "Progress",
            id="home.progress",
            tooltip="Your outreach and conversations at a glance",
            show=False,
        ),
        Binding(
            "b",
            "side_by_side",
            "Side by side",
            id="home.side_by_side",
            tooltip="Everyone's answer to one question, side by side",
            show=False,
        ),
        # Not in the footer (it would push Quit off an 80-column one): F1 lists it.
        Binding("x,delete", "delete_interview", "Delete interview", id="home.delete", show=False),
        Binding("m", "your_name", "My name", id="home.name", show=False),
        Binding("r", "refresh", "Refresh", id="home.refresh", show=False),
        Binding("q", "app.quit", "Quit", id="home.quit"),
    ]

    app: CoachApp

    def compose(self) -> ComposeResult:
        yield Header()
        yield AgendaPanel(id="home-agenda")
        yield Static("", id="home-intro", markup=False)
        yield OptionList(id="home-list")
        yield Footer()

    SEARCH_WARM_DELAY = 3.0  # seconds after mount
    # Up to this many interviews the index is built in a second or so; past it a build takes
    # seconds and decodes every interview (a peak of memory the user never asked for), so
    # Search builds it when first opened, saying so.
    SEARCH_WARM_MOST = 2000
    # Up to this many interviews (or from the store's shortlist, whatever the history), the
    # agenda is a few milliseconds of work: the first look does it before the first frame.
    AGENDA_AT_ONCE_MOST = 2000
    # Every contact is decoded for the agenda (about 20 µs each): past this many, the first
    # frame shows the list at once and the panel fills in from a worker.
    AGENDA_AT_ONCE_CONTACTS = 1000

    @on(StoreChanged)
    def _store_changed(self) -> None:
        # Another device's changes came in: the same redraw as coming back to the screen.
        self.on_screen_resume()

    _first_look = True

    def on_mount(self) -> None:
        # Well after the start has settled: the first visit to Search then finds its index
        # ready, and the first screen never shares the processor with it.
        self.set_timer(self.SEARCH_WARM_DELAY, self._warm_search)

    @work(thread=True, exclusive=True, group="home-search-index", exit_on_error=False)
    def _warm_search(self) -> None:
        from coach.services.search import live_index

        store = self.app.store
        if 0 < store.count("interview") <= self.SEARCH_WARM_MOST:
            live_index(store).warm()

    def on_screen_resume(self) -> None:
        # Fires on the first push too, so this is also the initial fill. The store already
        # holds what the screen just closed saved, written to disk or not.
        self.refresh_outlook()

    def action_refresh(self) -> None:
        self.refresh_outlook()

    def _read_outlook(self) -> Outlook:
        # From the shortlist while there is one, else every summary, shared and not copied.
        return read_outlook(self.app.store)

    def refresh_outlook(self) -> None:
        outlook = self._read_outlook()
        intro = self.query_one("#home-intro", Static)
        option_list = self.query_one("#home-list", OptionList)
        agenda = self.query_one(AgendaPanel)
        was = highlighted_id(option_list)
        option_list.clear_options()
        # On a first run the panel appears only if imported contacts already have something due.
        agenda.hide_when_empty = outlook.is_empty
        # The first look computes it before the first frame when that is cheap (the store's
        # shortlist, or a short history): one layout, not a second when a worker finishes.
        store = self.app.store
        cheap = store.contact_count() <= self.AGENDA_AT_ONCE_CONTACTS and (
            home_shortlist(store) is not None
            or store.count("interview") <= self.AGENDA_AT_ONCE_MOST
        )
        agenda.refresh_agenda(store, self.app.clock.now(), at_once=self._first_look and cheap)
        self._first_look = False
        on_two_devices = self._two_device_rows()
        if outlook.is_empty and not on_two_devices:
            people = self.app.store.contact_count()
            # Contacts imported before any interview: the way to them, and a first step with them.
            known = (
                f"\nYou have {counted(people, 'contact')}: press c to see them and choose whom "
                "to ask first."
                if people
                else ""
            )
            intro.update(FIRST_RUN + known)
            intro.display = True
            option_list.display = False
            return
        intro.display = False
        option_list.display = True
        options: list[Option | None] = list(on_two_devices)
        for title, items in (
            ("Interrupted calls", outlook.interrupted),
            ("Upcoming", outlook.upcoming),
            ("Waiting for you", outlook.waiting),
            ("Done recently", outlook.done),
        ):
            if not items:
                continue
            if options:
                options.append(None)
            options.append(Option(Content.styled(title, "bold"), disabled=True))
            # A long history must not make Home slow to draw or hard to read.
            options.extend(
                Option(self._line(item), id=f"{item.reason}:{item.interview_id}")
                for item in items[:ROWS_PER_SECTION]
            )
            if len(items) > ROWS_PER_SECTION:
                more = len(items) - ROWS_PER_SECTION
                options.append(
                    Option(
                        Content.styled(
                            f"  … and {more} more (all of them: coach interviews list)", "dim"
                        ),
                        disabled=True,
                    )
                )
        if not options:
            options.append(
                Option(
                    Content("Nothing waiting. Press n to prepare a new interview."), disabled=True
                )
            )
        option_list.add_options(options)
        highlight(option_list, was)
        option_list.focus()

    def _two_device_rows(self) -> list[Option | None]:
        """Conflict copies a sync client left, and records kept in two versions: first on
        Home, since each waits for the person to settle it."""
        from coach.services.sync import conflict_copies, kept_in_two_versions

        store = self.app.store
        copies, records = conflict_copies(store), kept_in_two_versions(store)
        if not copies and not records:
            return []
        rows: list[Option | None] = [
            Option(Content.styled("Changed on two devices", "bold"), disabled=True)
        ]
        rows += [
            Option(
                Content.assemble(
                    "  ",
                    literal(copy.name),
                    Content.styled("  Enter to merge it in", "dim"),
                ),
                id=f"copy:{copy.name}",
            )
            for copy in copies
        ]
        rows += [
            Option(
                Content.assemble(
                    "  ",
                    literal(record.who or "(no name)"),
                    Content.styled(
                        f"  {'contact' if record.kind == 'contact' else 'interview'} kept in "
                        f"{record.versions + 1} versions: Enter to choose",
                        "dim",
                    ),
                ),
                id=f"versions:{record.kind}:{record.doc_id}",
            )
            for record in records
        ]
        return [*rows, None]

    def _settle(self, option_id: str) -> None:
        what, _, rest = option_id.partition(":")
        if what == "copy":
            self._merge_copy(self.app.store.paths.db.parent / rest)
            return
        from coach.tui.versions import ask_which_version

        record_kind, _, doc_id = rest.partition(":")
        record: Kind = "contact" if record_kind == "contact" else "interview"
        ask_which_version(self.app, record, doc_id, self.refresh_outlook)

    @work(thread=True, exclusive=True, group="home-sync", exit_on_error=False)
    def _merge_copy(self, copy: Path) -> None:
        from coach.services.sync import merge_conflict_copy
        from coach.store.errors import StoreError

        try:
            merged = merge_conflict_copy(self.app.store, copy)
        except (StoreError, OSError) as error:
            text = f"{copy.name} was not merged: {error}. It stays where it is."
            self.app.call_from_thread(self.notify, text, severity="error", markup=False)
            return
        report = merged.report
        text = (
            f"Merged {copy.name}: {counted(report.taken, 'record')} taken from it"
            + (f", {report.conflicts} kept in two versions" if report.conflicts else "")
            + f". The copy is now in {merged.kept_as.parent}."
        )
        self.app.call_from_thread(self.notify, text, markup=False)
        self.app.call_from_thread(self.refresh_outlook)

    @staticmethod
    def _line(item: OutlookItem) -> Content:
        # Stored times carry their offset; people read their own local time.
        when = item.when.astimezone().strftime("%a %d %b %H:%M") if item.when else "—"
        parts: list[Content | str] = [
            Content(f"  {when:<16} "),
            literal(item.person),
            Content.styled(f"  {REASON_LABEL[item.reason]}", "dim"),
        ]
        if item.practice:
            parts.append(Content.styled("  [practice]", "italic"))
        return Content.assemble(*parts)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id.startswith(("copy:", "versions:")):
            self._settle(option_id)
            return
        reason, _, interview_id = option_id.partition(":")
        if interview_id:
            self.open_interview(reason, interview_id)

    def open_interview(self, reason: str, interview_id: str) -> None:
        from coach.tui.flow import open_interview

        open_interview(self.app, reason, interview_id)

    def action_delete_interview(self) -> None:
        from coach.tui.screens.confirm import ChoiceScreen

        option_list = self.query_one("#home-list", OptionList)
        reason, _, interview_id = (highlighted_id(option_list) or "").partition(":")
        doc = self.app.store.get_interview(interview_id) if interview_id else None
        if doc is None:
            self.notify("Select an interview first.", markup=False)
            return
        who = doc.get("contact_name") or "(no name yet)"
        when = {
            "interrupted": "Its interrupted call and every note in it go too.",
            "done": "Its notes, debrief and record go too.",
            "debrief": "Its notes go too.",
            "thank-you": "Its notes and debrief go too.",
        }.get(reason, "Its plan goes too.")
        question = Content.assemble(
            "Delete the interview with ",
            literal(str(who)),
            f"? {when} This cannot be undone. The person stays in Contacts, as they were "
            "before this interview.",
        )

        def answered(choice: str | None) -> None:
            if choice != "delete":
                return
            from coach.core.clock import iso
            from coach.services.interviews import delete_interview

            delete_interview(self.app.store, interview_id, iso(self.app.clock.now().astimezone()))
            self.notify("Interview deleted.", markup=False)
            self.refresh_outlook()

        # Keeping it comes first, so an Enter pressed too soon deletes nothing.
        answers = [("Keep it", "keep"), ("Delete it", "delete")]
        self.app.push_screen(ChoiceScreen[str](question, answers, title="Delete"), answered)

    def action_your_name(self) -> None:
        from coach.core.text import clean_line
        from coach.store.db import YOUR_NAME
        from coach.tui.screens.confirm import TextQuestionScreen

        saved = self.app.store.get_meta(YOUR_NAME)

        def answered(text: str | None) -> None:
            name = clean_line(text or "").strip()
            if not name:
                return
            self.app.store.set_meta(YOUR_NAME, name)
            self.notify(f"Thank-you drafts will be signed {name}.", markup=False)

        self.app.push_screen(
            TextQuestionScreen(
                "Your name, as you sign your notes (new thank-you drafts end with it):",
                placeholder="First and last name",
                value=saved if isinstance(saved, str) else "",
            ),
            answered,
        )

    def action_new_interview(self) -> None:
        from coach.tui.flow import new_interview

        new_interview(self.app, practice=False)

    def action_practice(self) -> None:
        from coach.tui.flow import new_interview

        new_interview(self.app, practice=True)

    def action_agenda(self) -> None:
        from coach.tui.screens.agenda import AgendaScreen

        self.app.push_screen(AgendaScreen(self.app.clock.now()))

    def action_contacts(self) -> None:
        from coach.tui.flow import open_contacts

        open_contacts(self.app)

    def action_search(self) -> None:
        from coach.tui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen())

    def action_paths(self) -> None:
        from coach.tui.screens.paths import PathsScreen

        self.app.push_screen(PathsScreen())

    def action_progress(self) -> None:
        from coach.tui.screens.progress import ProgressScreen

        self.app.push_screen(ProgressScreen())

    def action_side_by_side(self) -> None:
        from coach.tui.screens.side_by_side import SideBySideScreen

        self.app.push_screen(SideBySideScreen())
