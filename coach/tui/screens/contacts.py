"""Contacts: the people in the network — find, add, edit, log, merge and import."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Select, Static

from coach.core.clock import iso
from coach.core.contact import (
    SORT_KEYS,
    Contact,
    filter_contacts,
    sort_contacts,
)
from coach.core.merge import find_duplicates, plan_merge
from coach.core.outreach import mark_replied
from coach.core.text import clean_line, counted
from coach.io.pasted import pasted_path
from coach.services import contacts as people
from coach.tui.literal import literal
from coach.tui.messages import StoreChanged
from coach.tui.screens import SCREEN_RULES
from coach.tui.screens.import_summary import ImportSummaryScreen
from coach.tui.screens.log_interaction import LOG_TITLES, LogInteractionScreen
from coach.tui.screens.merge_preview import MergePreviewScreen
from coach.tui.widgets.contact_filters import ContactFilters
from coach.tui.widgets.people_table import PeopleTable, history_line
from coach.tui.widgets.save_banner import SaveBanner

if TYPE_CHECKING:
    from coach.services.contacts import ImportOutcome
    from coach.tui.app import CoachApp

SORT_LABELS = {
    "name": "name",
    "how_known": "how you know them, strangers last",
    "organisation": "organisation",
    "stage": "stage",
    "last_interaction": "last interaction",
    "created_at": "date added",
}
# What the user picks when logging an interaction; a reply also closes the reply windows.
LOG_KINDS: tuple[tuple[str, str], ...] = (
    ("Call", "call"),
    ("Message", "message"),
    ("Reply", "reply"),
    ("News", "news"),
    ("Other", "other"),
)


class ContactsScreen(Screen[None]):
    """A searchable table of contacts; every change is saved off the UI thread."""

    CSS_PATH = SCREEN_RULES

    HELP = (
        "Everyone in your network. Type in the search box to narrow the list by name, "
        "organisation, role, email, tags or notes; the two pickers filter by stage and by how "
        "you know them. The line under the list shows what was last logged with the person "
        "highlighted. Select a row and press e to edit it, l to log an interaction, today or "
        "on an earlier day (this restarts the keep-in-touch clock), w to write a request for "
        "a conversation, n to prepare an interview with them. m merges duplicates after "
        "showing what the merged record will be; i imports a LinkedIn Connections.csv or a "
        "vCard file, and k then marks how you know people a group at a time (by organisation "
        "or the year you connected). x (or Delete) deletes the person highlighted after "
        "asking; their interviews stay. s changes the sort (one order puts the people you "
        "know before strangers), t shows who referred whom, and g opens the agenda. Esc in "
        "the search box clears it. A person changed on two devices asks, when opened, which "
        "version to keep."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="contacts.back"),
        Binding("a", "add", "Add", id="contacts.add"),
        Binding("e", "edit", "Edit", id="contacts.edit"),
        Binding("l", "log", "Log", id="contacts.log"),
        Binding("w", "request", "Request", id="contacts.request"),
        Binding("n", "interview", "Interview", id="contacts.interview"),
        Binding("m", "merge", "Merge", id="contacts.merge"),
        Binding("i", "import", "Import", id="contacts.import"),
        # Sort, referrals and agenda stay out of the footer so the rest fits in 80 columns;
        # the status line names the sort key and F1 lists every key.
        Binding("s", "sort", "Sort", id="contacts.sort", show=False),
        Binding("k", "mark_groups", "Mark how known", id="contacts.mark_known", show=False),
        Binding("slash", "focus('#contacts-search')", "Search", id="contacts.search", show=False),
        Binding("t", "referrals", "Referrals", id="contacts.referrals", show=False),
        Binding("g", "agenda", "Agenda", id="contacts.agenda", show=False),
        Binding("x,delete", "delete", "Delete", id="contacts.delete", show=False),
    ]

    app: CoachApp

    def __init__(self, select: str | None = None) -> None:
        super().__init__()
        # The contact to put the cursor on once the list is drawn (from the agenda).
        self.select = select
        self.people: list[Contact] = []
        self.sort_key = "name"

    def compose(self) -> ComposeResult:
        yield Header()
        yield SaveBanner(id="contacts-save-error")
        yield ContactFilters(id="contacts-filters")
        yield PeopleTable(id="contacts-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="contacts-history")
        yield Static("", id="contacts-status")
        yield Footer(compact=True, show_command_palette=False)

    @property
    def table(self) -> PeopleTable:
        """The list of people."""
        return self.query_one(PeopleTable)

    def on_mount(self) -> None:
        # The table has a margin of one each side.
        self.table.fitted_width = self.app.size.width - 2
        self.reload()
        if self.select is not None:
            self.refresh_table(keep=self.select)
        self.table.focus()

    def on_resize(self) -> None:
        if self.table.fitted_width != self.size.width - 2:
            self.table.fitted_width = self.size.width - 2
            self.refresh_table()

    def now(self) -> str:
        """The time now from the app's clock (tests fix it), in local time like the records."""
        return iso(self.app.clock.now().astimezone())

    # -- the list --------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the contacts again from the store (its newest versions, in memory) and redraw."""
        self.people = people.on_file(self.app.store)
        self.refresh_table()

    def refresh_table(self, keep: str | None = None) -> None:
        wanted = self.query_one(ContactFilters).values()
        found = filter_contacts(
            self.people, query=wanted.query, stages=wanted.stages, how_known=wanted.how_known
        )
        self.table.show(sort_contacts(found, self.sort_key), keep)
        status = (
            f"{len(self.table.shown)} of {counted(len(self.people), 'contact')} · sorted by "
            f"{SORT_LABELS[self.sort_key]} (s to change)"
            if self.people
            else "No contacts yet: a adds one; i imports a LinkedIn Connections.csv or vCards."
        )
        self.query_one("#contacts-status", Static).update(status)
        self._show_history()

    def current(self) -> Contact | None:
        contact_id = self.table.current_id()
        return next((c for c in self.people if c.id == contact_id), None)

    @on(Input.Changed, "#contacts-search")
    @on(Select.Changed)
    def _filters_changed(self) -> None:
        self.refresh_table()

    @on(Input.Submitted, "#contacts-search")
    def _search_done(self) -> None:
        self.query_one("#contacts-table", DataTable).focus()

    @on(DataTable.RowHighlighted, "#contacts-table")
    def _show_history(self) -> None:
        hidden = "How known" not in self.table.headers
        self.query_one("#contacts-history", Static).update(
            history_line(self.current(), with_connection=hidden)
        )

    def remember(self, contact: Contact) -> None:
        """Save ``contact`` and show it in the list."""
        if not people.save_contact(self.app.store, contact):
            # Listed on this screen from before it was deleted or merged away elsewhere.
            self.reload()
            self.notify("That person was deleted or merged; nothing saved.", markup=False)
            return
        self.people = [c for c in self.people if c.id != contact.id] + [contact]
        self.refresh_table(keep=contact.id)

    # -- actions ---------------------------------------------------------------------------
    def action_back(self) -> None:
        search = self.query_one("#contacts-search", Input)
        if search.has_focus:
            # Esc in the search box ends the search, as in a browser: first the words, then
            # the box; only an Esc from the list leaves the screen.
            if search.value:
                search.value = ""
            else:
                self.query_one("#contacts-table", DataTable).focus()
            return
        self.app.pop_screen()

    def action_sort(self) -> None:
        index = SORT_KEYS.index(self.sort_key)
        self.sort_key = SORT_KEYS[(index + 1) % len(SORT_KEYS)]
        self.refresh_table()

    def action_add(self) -> None:
        from coach.tui.screens.contact_form import ContactFormScreen

        def added(contact: Contact | None) -> None:
            if contact is not None:
                self.remember(contact)

        self.app.push_screen(ContactFormScreen(None, self.people), added)

    @on(DataTable.RowSelected)
    def action_edit(self) -> None:
        """Open the highlighted person's record; one kept in two versions (changed on two
        devices) asks which to keep first, and opens as settled (or as it is: decide later)."""
        from coach.tui.screens.contact_form import ContactFormScreen
        from coach.tui.versions import ask_which_version

        contact = self.current()
        if contact is None:
            return

        def edited(changed: Contact | None) -> None:
            if changed is not None:
                self.remember(changed)

        def settled() -> None:
            self.reload()
            fresh = next((c for c in self.people if c.id == contact.id), None)
            if fresh is not None:
                self.app.push_screen(ContactFormScreen(fresh, self.people), edited)

        if not ask_which_version(self.app, "contact", contact.id, settled):
            self.app.push_screen(ContactFormScreen(contact, self.people), edited)

    def action_log(self) -> None:
        from coach.tui.screens.confirm import ChoiceScreen

        contact = self.current()
        if contact is None:
            return
        who = literal(contact.name or "(no name)")

        def with_note(kind: str, answer: tuple[str, str] | None) -> None:
            if answer is None:
                return
            at, note = answer
            if kind == "reply":
                logged = mark_replied(contact, at=at, note=note)
            else:
                logged = contact.with_interaction(kind, note, at=at)
            self.remember(logged)
            # A reply is usually a yes: the next step is the interview itself.
            nudge = " Once you agree a time, n prepares the interview." if kind == "reply" else ""
            self.notify(f"Logged a {kind} on {at[:10]}.{nudge}", title="Logged", markup=False)

        def chosen(kind: str | None) -> None:
            if kind is None:
                return
            question = Content.assemble(LOG_TITLES.get(kind, "With") + " ", who)
            now = self.app.clock.now().astimezone()
            self.app.push_screen(
                LogInteractionScreen(question, now, kind),
                lambda answer: with_note(kind, answer),
            )

        question = Content.assemble("What happened with ", who, "?")
        self.app.push_screen(ChoiceScreen(question, LOG_KINDS, title="Log an interaction"), chosen)

    def action_merge(self) -> None:
        groups = find_duplicates(self.people)
        if not groups:
            self.notify("No duplicates found.", title="Merge")
            return
        current = self.table.current_id()
        group = next((g for g in groups if any(c.id == current for c in g)), groups[0])
        plan = plan_merge(group, self.people, self.now())

        def confirmed(answer: bool | None) -> None:
            if not answer:
                return
            # The store writes it in the background; the list shows the result at once.
            people.merge_contacts(self.app.store, plan)
            self.reload()
            self.refresh_table(keep=plan.merged.id)
            self.notify(f"Merged {len(plan.removed_ids) + 1} records into one.", title="Merge")

        self.app.push_screen(MergePreviewScreen(group, plan), confirmed)

    def action_delete(self) -> None:
        from coach.tui.screens.confirm import ChoiceScreen

        contact = self.current()
        if contact is None:
            return
        removal = people.plan_deletion(self.app.store, contact, self.people, self.now())
        who = contact.name or "(no name)"
        parts = [f"Delete {who} from your contacts?"]
        if removal.interviews == 1:
            parts.append("The interview with them is kept, under the name written on it.")
        elif removal.interviews:
            parts.append(
                f"The {removal.interviews} interviews with them are kept, under the name "
                "written on them."
            )
        if removal.unlinked:
            first = removal.unlinked[0].name or "(no name)"
            others = len(removal.unlinked) - 1
            named = first + (f" and {counted(others, 'other')}" if others else "")
            parts.append(f"{named} will have no referrer.")

        def answered(choice: str | None) -> None:
            if choice != "delete":
                return
            people.delete_contact(self.app.store, removal, self.now())
            self.reload()
            name = clean_line(removal.removed.name) or "(no name)"
            self.notify(f"Deleted {name}.", title="Contacts", markup=False)

        # Keeping comes first: Enter pressed by habit must not delete a person.
        self.app.push_screen(
            ChoiceScreen[str](
                literal(" ".join(parts)),
                [("Keep", "keep"), ("Delete", "delete")],
                title="Delete contact",
            ),
            answered,
        )

    def action_import(self) -> None:
        from coach.tui.screens.confirm import TextQuestionScreen

        def chosen(typed: str | None) -> None:
            path = pasted_path(typed or "")
            if path is not None:
                self.import_file(path)

        self.app.push_screen(
            TextQuestionScreen(
                "Path of a LinkedIn Connections.csv or a vCard (.vcf) file",
                placeholder="~/Downloads/Connections.csv",
            ),
            chosen,
        )

    @work(thread=True, exclusive=True, group="contacts-import")
    def import_file(self, path: Path) -> ImportOutcome:
        """Read, plan and save an import off the UI thread; then show what happened."""
        outcome = people.import_contacts(self.app.store, path, self.now())
        self.app.call_from_thread(self._imported, outcome)
        return outcome

    def _imported(self, outcome: ImportOutcome) -> None:
        if outcome.error is None:
            self.reload()
        from coach.tui.screens.mark_groups import offer_marking

        self.app.push_screen(ImportSummaryScreen(outcome), lambda _: offer_marking(self.app))

    def action_mark_groups(self) -> None:
        from coach.tui.screens.mark_groups import MarkGroupsScreen

        # The offer made after an import is taken up: it need not cover the dialog.
        self.app.clear_notifications()

        def marked(count: int | None) -> None:
            self.reload()
            if count:
                # The people just marked come first in this order.
                self.sort_key = "how_known"
                self.refresh_table()

        self.app.push_screen(MarkGroupsScreen(), marked)

    def action_request(self) -> None:
        from coach.tui.screens.request import RequestScreen

        contact = self.current()
        if contact is None:
            return

        def asked(changed: Contact | None) -> None:
            if changed is not None:
                # Asked, or a draft kept: already queued for saving; only the list changes here.
                self.people = [changed if c.id == changed.id else c for c in self.people]
                self.refresh_table(keep=changed.id)

        referrer = next((c for c in self.people if c.id == contact.referred_by), None)
        self.app.push_screen(RequestScreen(contact, referrer), asked)

    def action_interview(self) -> None:
        """Prepare an interview with the selected person, filed under them from the start."""
        from coach.tui.flow import new_interview

        contact = self.current()
        if contact is None:
            return
        new_interview(self.app, practice=False, contact=contact)

    @on(StoreChanged)
    def _store_changed(self) -> None:
        # Another device's changes came in: the same redraw as coming back to the screen.
        self.on_screen_resume()

    def on_screen_resume(self) -> None:
        # Whatever happened on the screens above (a merge, a deletion, an interview that
        # moved someone along the pipeline) is in the store already.
        self.reload()

    def action_referrals(self) -> None:
        from coach.tui.screens.referrals import ReferralsScreen

        def shown(contact_id: str | None) -> None:
            if contact_id is None:
                return
            self.refresh_table(keep=contact_id)
            if self.table.current_id() != contact_id:
                self.notify("That person is hidden by the search or filters above.", markup=False)

        self.app.push_screen(ReferralsScreen(), shown)

    def action_agenda(self) -> None:
        from coach.tui.screens.agenda import AgendaScreen

        self.app.push_screen(AgendaScreen())
