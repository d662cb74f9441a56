"""Contacts: the people in the network — find, add, edit, log, merge and import."""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Select, Static

from coach.core.clock import day_problem, iso
from coach.core.contact import (
    HOW_KNOWN,
    HOW_KNOWN_LABELS,
    SORT_KEYS,
    STAGES,
    Contact,
    filter_contacts,
    interaction_time,
    sort_contacts,
)
from coach.core.merge import (
    MergePlan,
    Removal,
    find_duplicates,
    names_contact,
    plan_merge,
    plan_removal,
    remember_deleted,
    repoint_interviews,
    unlink_interviews,
)
from coach.core.outreach import mark_replied
from coach.core.text import clean, clean_line, counted
from coach.io.pasted import pasted_path
from coach.tui.literal import literal
from coach.tui.widgets.save_banner import SaveBanner

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

SORT_LABELS = {
    "name": "name",
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


# The table's columns: header, the width below which a column is cut, the width it never
# needs to pass, and its share of any room between the two. Narrow terminals get the least
# widths, so every header shows; the name and organisation grow first.
COLUMNS: tuple[tuple[str, int, int, int], ...] = (
    ("Name", 12, 36, 3),
    ("Organisation", 12, 36, 3),
    ("Role", 7, 28, 2),
    ("Stage", 11, 16, 1),
    ("How known", 9, 19, 1),
    ("Last touch", 10, 10, 1),
)
# Each column takes one cell of padding either side; the vertical scrollbar takes two more.
_CELL_PADDING = 2
_SCROLLBAR = 2


def column_widths(total: int) -> tuple[int, ...]:
    """Width of each column for a table ``total`` cells wide.

    Every column gets its least width; the room left is handed out a cell at a time to the
    column furthest below its share, until each has all it wants.
    """
    widths = [least for _, least, _, _ in COLUMNS]
    room = total - _SCROLLBAR - _CELL_PADDING * len(COLUMNS) - sum(widths)

    def below_share(index: int) -> float:
        _, least, _, share = COLUMNS[index]
        return (widths[index] - least) / share

    while room > 0:
        growing = [i for i, (_, _, most, _) in enumerate(COLUMNS) if widths[i] < most]
        if not growing:
            break
        widths[min(growing, key=below_share)] += 1
        room -= 1
    return tuple(widths)


def cell(text: str, width: int = 26) -> Text:
    """A table cell from outside text.

    DataTable reads a plain ``str`` as markup, so cells are Rich Text built from the cleaned
    string (never parsed), cut with an ellipsis so that one long name cannot push columns away.
    """
    value = Text(clean_line(text), no_wrap=True, overflow="ellipsis")
    value.truncate(width, overflow="ellipsis")
    return value


def short_date(iso: str | None) -> str:
    """The day part of an ISO time, or a dash."""
    return iso[:10] if iso else "—"


@dataclass
class ImportOutcome:
    """What an import from the screen did, for the summary modal."""

    source: str
    summary: str = ""
    # One "line N (name): reason" for each row left out; the file is named above them.
    skipped: list[str] = field(default_factory=list)
    # The same for rows imported with a remark (a date left out, the user's details kept).
    remarks: list[str] = field(default_factory=list)
    error: str | None = None


class PeopleTable(DataTable[Any]):
    """The contacts list: Home and End go to the first and last person, as in any list (the
    table's own Home and End scroll sideways, which a list of rows never needs)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "first_row", "First", show=False),
        Binding("end", "last_row", "Last", show=False),
    ]

    def action_first_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=0)

    def action_last_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1)


# Deletions and merges, from any Contacts screen, are written one at a time (see _rewrite).
_RECORD_WRITES = threading.Lock()


def record_line(contact: Contact) -> Content:
    """One record to be merged, as a bullet: name, then what sets it apart."""
    details = [contact.organisation, contact.email, contact.stage]
    parts: list[Content] = [Content("• "), literal(contact.name or "(no name)")]
    for detail in details:
        if detail:
            parts += [Content.styled(" · ", "dim"), literal(detail)]
    return Content.assemble(*parts)


# A note that is only a date was meant for the When field.
_LOOKS_LIKE_A_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")

# The log dialog's title for each kind: a reply comes from someone, a message goes to them.
LOG_TITLES = {
    "call": "Call with",
    "message": "Message to",
    "reply": "Reply from",
    "news": "News of",
    "other": "Something else with",
}

# What the note of each kind of interaction is for, shown in the empty Note field.
NOTE_PROMPTS = {
    "call": "what you talked about (optional)",
    "message": "what you wrote (optional)",
    "reply": "what they said (optional)",
    "news": "what happened (optional)",
}


class LogInteractionScreen(ModalScreen[tuple[str, str] | None]):
    """When an interaction happened (today unless changed) and a short note.

    Dismisses with the time to store and the note, or None on Esc: nothing is logged then.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="contacts.log.cancel"),
    ]
    HELP = (
        "Enter logs it. The day is today unless you change it (year-month-day; not a day "
        "still to come); the note is optional. Esc logs nothing."
    )

    def __init__(self, question: Content, now: datetime, kind: str = "") -> None:
        super().__init__()
        self.question = question
        self.now = now
        self.kind = kind
        # A day typed as the note is questioned once; Enter again means it was meant.
        self._questioned_note: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="confirm-box", id="log-box"):
            yield Static(self.question, classes="confirm-question")
            with Horizontal(classes="log-row"):
                yield Static("When", classes="log-label")
                yield Input(self.now.date().isoformat(), id="log-day", compact=True)
            with Horizontal(classes="log-row"):
                yield Static("Note", classes="log-label")
                yield Input(
                    placeholder=NOTE_PROMPTS.get(self.kind, "a few words (optional)"),
                    id="log-note",
                    compact=True,
                )
            yield Static("", id="log-message", classes="field-message")
            yield Static(Content.styled("Enter to log · Esc to cancel", "dim"))

    def on_mount(self) -> None:
        self.query_one("#log-note", Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        text = self.query_one("#log-day", Input).value.strip()
        try:
            at = interaction_time(date.fromisoformat(text), self.now)
        except ValueError as error:
            reason = (
                "That day has not come yet."
                if "not come" in str(error)
                else day_problem(text, example="2026-11-20")
                or "Write the day as year-month-day, e.g. 2026-11-20."
            )
            self.query_one("#log-message", Static).update(reason)
            self.query_one("#log-day", Input).focus()
            return
        note = clean(self.query_one("#log-note", Input).value).strip()
        if _LOOKS_LIKE_A_DAY.fullmatch(note) and note != self._questioned_note:
            # Probably typed into the wrong field (the cursor starts in Note): say where it
            # goes, once; Enter again logs it as the note.
            self._questioned_note = note
            self.query_one("#log-message", Static).update(
                "That looks like a day: it goes in When, above (Shift+Tab). "
                "Enter again keeps it as the note."
            )
            self.query_one("#log-day", Input).focus()
            return
        self.dismiss((at, note))

    def action_cancel(self) -> None:
        self.dismiss(None)


# Interaction kinds as a past event reads in the history line.
HISTORY_LABELS = {"ask": "asked", "reply": "replied"}


def history_line(contact: Contact | None) -> Content:
    """The highlighted person's latest logged interactions, newest first, on one line."""
    if contact is None:
        return Content("")
    latest = contact.latest_interactions()
    if not latest:
        return Content.styled("Nothing logged with them yet (l logs a call or a message).", "dim")
    parts: list[Content | str] = [Content.styled("Latest: ", "dim")]
    for n, interaction in enumerate(latest):
        if n:
            parts.append(Content.styled(" · ", "dim"))
        label = HISTORY_LABELS.get(interaction.kind, interaction.kind)
        note = clean_line(interaction.note)
        if note.casefold().startswith(label.casefold() + " "):
            # "asked" + "asked for a conversation" reads once: "asked for a conversation".
            note = note[len(label) + 1 :]
        parts.append(Content.styled(f"{short_date(interaction.at)} {label}", "bold"))
        if note:
            parts += [" ", literal(note)]
    count = len(contact.interactions)
    if count > len(latest):
        parts.append(Content.styled(f"  ({count} in all)", "dim"))
    return Content.assemble(*parts)


class ImportSummaryScreen(ModalScreen[None]):
    """The result of an import: counts, and each skipped row with its reason."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "dismiss", "Close", id="contacts.import.close"),
    ]
    HELP = "What the import did. Skipped rows are listed with their line and the reason."

    def __init__(self, outcome: ImportOutcome) -> None:
        super().__init__()
        self.outcome = outcome

    def compose(self) -> ComposeResult:
        outcome = self.outcome
        with Vertical(classes="confirm-box", id="import-box"):
            yield Static(Content.styled("Import", "bold"))
            yield Static(literal(outcome.source), classes="field-note")
            if outcome.error is not None:
                yield Static(
                    Content.assemble("Nothing imported: ", literal(self.error_text())),
                    id="import-summary",
                    classes="field-message",
                )
            else:
                yield Static(literal(outcome.summary), id="import-summary")
                if outcome.skipped or outcome.remarks:
                    with VerticalScroll(id="import-skipped"):
                        if outcome.skipped:
                            yield Static(
                                Content.styled("Rows skipped:", "dim"), id="import-skipped-title"
                            )
                            for line in outcome.skipped:
                                yield Static(literal(line))
                        if outcome.remarks:
                            yield Static(Content.styled("Notes:", "dim"), id="import-notes-title")
                            for line in outcome.remarks:
                                yield Static(literal(line))
            with Horizontal(classes="confirm-buttons"):
                yield Button("Close", id="import-close", variant="primary", compact=True)
        yield Footer(compact=True, show_command_palette=False)

    def error_text(self) -> str:
        """The reason the file was refused, without the path shown just above it."""
        error = self.outcome.error or ""
        rest = error.removeprefix(self.outcome.source)
        if rest == error:
            return error
        rest = rest.lstrip(":").strip()
        line, colon, reason = rest.partition(":")
        return f"line {line}: {reason.strip()}" if colon and line.isdigit() else rest

    @on(Button.Pressed, "#import-close")
    def _close(self) -> None:
        self.dismiss(None)


class MergePreviewScreen(ModalScreen[bool]):
    """The merged record as it will be saved; Merge confirms, Esc keeps the duplicates."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "confirm", "Merge", id="contacts.merge.confirm"),
        Binding("escape", "cancel", "Cancel", id="contacts.merge.cancel"),
    ]
    # The preview's own rows, most of a short terminal: it scrolls when the screen is smaller.
    PREVIEW_ROWS = 13
    HELP = (
        "These records look like the same person (same profile URL, email, or name and "
        "organisation). The preview shows the one record that will remain: empty fields are "
        "filled from the others, tags and interactions are joined, notes kept."
    )

    def __init__(self, group: list[Contact], plan: MergePlan) -> None:
        super().__init__()
        self.group = group
        self.plan = plan

    def compose(self) -> ComposeResult:
        merged = self.plan.merged
        rows: list[tuple[str, str]] = [
            ("Name", merged.name),
            ("Organisation", merged.organisation),
            ("Role", merged.role),
            ("Email", merged.email),
            ("Profile", merged.profile_url),
            ("Phone", merged.phone),
            ("How known", merged.connection),
            ("Stage", merged.stage),
            ("Tags", ", ".join(merged.tags)),
            ("Interactions", str(len(merged.interactions))),
            ("Notes", merged.notes.replace("\n", " ")[:120]),
        ]
        lines = [
            Content.assemble(Content.styled(f"{label:<14}", "dim"), literal(value))
            for label, value in rows
        ]
        with Vertical(classes="confirm-box", id="merge-box"):
            yield Static(
                Content.styled(f"Merge {len(self.group)} records into one", "bold"),
                id="merge-title",
            )
            # The records side by side tell apart people who share a name.
            yield Static(Content("\n").join(record_line(c) for c in self.group), id="merge-records")
            yield Static(Content.styled("The one record that will remain:", "dim"))
            with VerticalScroll(id="merge-scroll"):
                yield Static(Content("\n").join(lines), id="merge-preview")
            moved = len(self.plan.repointed)
            if moved:
                yield Static(f"{moved} referral link(s) will point at the merged record.")
            with Horizontal(classes="confirm-buttons"):
                yield Button("Merge", id="merge-confirm", variant="primary", compact=True)
                yield Button("Cancel", id="merge-cancel", compact=True)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#merge-confirm", Button).focus()

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_to_screen)

    def _fit_to_screen(self) -> None:
        """Give the record the rows the screen can spare, so the buttons stay in sight.

        Worked out from the natural heights (the record's own, not the scroll's current one),
        so the answer does not depend on the last fit.
        """
        box = self.query_one("#merge-box")
        scroll = self.query_one("#merge-scroll")
        record = self.query_one("#merge-preview")
        room = self.size.height - 1  # the footer's row
        # The box is clipped to the screen, so its own height hides any overflow; its other
        # children keep their natural heights.
        fixed = box.styles.gutter.height + sum(
            child.outer_size.height + child.styles.margin.height
            for child in box.children
            if child is not scroll
        )
        wanted = min(self.PREVIEW_ROWS, record.outer_size.height)
        rows = max(3, min(wanted, room - fixed - scroll.styles.margin.height))
        scroll.styles.max_height = rows

    @on(Button.Pressed, "#merge-confirm")
    def _confirm(self) -> None:
        self.dismiss(True)

    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#merge-cancel")
    def _cancel(self) -> None:
        self.dismiss(False)

    def action_cancel(self) -> None:
        self.dismiss(False)


class ContactsScreen(Screen[None]):
    """A searchable table of contacts; every change is saved off the UI thread."""

    HELP = (
        "Everyone in your network. Type in the search box to narrow the list by name, "
        "organisation, role, email, tags or notes; the two pickers filter by stage and by how "
        "you know them. The line under the list shows what was last logged with the person "
        "highlighted. Select a row and press e to edit it, l to log an interaction, today or "
        "on an earlier day (this restarts the keep-in-touch clock), w to write a request for "
        "a conversation, n to prepare an interview with them. m merges duplicates after "
        "showing what the merged record will be; i imports a LinkedIn Connections.csv or a "
        "vCard file. x (or Delete) deletes the person highlighted after asking; their "
        "interviews stay. s changes the sort, t shows who referred whom, and g opens the "
        "agenda. Esc in the search box clears it."
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
        Binding("slash", "search", "Search", id="contacts.search", show=False),
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
        self.shown: list[Contact] = []
        self.widths: tuple[int, ...] = ()
        self._reload_on_return = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield SaveBanner(id="contacts-save-error")
        with Horizontal(id="contacts-filters"):
            yield Input(placeholder="Search (/)", id="contacts-search")
            yield Select(
                [(s, s) for s in STAGES], prompt="any stage", id="contacts-stage", compact=True
            )
            yield Select(
                [(HOW_KNOWN_LABELS[k], k) for k in HOW_KNOWN],
                prompt="known any way",
                id="contacts-how-known",
                compact=True,
            )
        yield PeopleTable(id="contacts-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="contacts-history")
        yield Static("", id="contacts-status")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one("#contacts-table", DataTable)
        self.fit_columns(self.app.size.width)
        self.reload()
        if self.select is not None:
            self.refresh_table(keep=self.select)
        table.focus()

    def on_resize(self) -> None:
        if self.fit_columns(self.size.width):
            self.refresh_table()

    def fit_columns(self, screen_width: int) -> bool:
        """Size the columns to the screen (the table has a margin of one each side).

        True when the widths changed, so the rows must be drawn again.
        """
        widths = column_widths(screen_width - 2)
        if widths == self.widths:
            return False
        self.widths = widths
        table = self.query_one("#contacts-table", DataTable)
        table.clear(columns=True)
        for (header, _, _, _), width in zip(COLUMNS, widths, strict=True):
            table.add_column(header, width=width)
        return True

    def now(self) -> str:
        """The time now from the app's clock (tests fix it), in local time like the records."""
        return iso(self.app.clock.now().astimezone())

    # -- the list --------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the contacts again from the store (a cached, in-memory read) and redraw."""
        # A deletion still being written is already gone from the list.
        removed = self.app.removed_contact_ids
        self.people = [
            Contact.from_dict(doc) for doc in self.app.store.contacts() if doc["id"] not in removed
        ]
        self.refresh_table()

    def _filters(self) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        query = self.query_one("#contacts-search", Input).value
        stage = self.query_one("#contacts-stage", Select).value
        how = self.query_one("#contacts-how-known", Select).value
        return (
            query,
            (stage,) if isinstance(stage, str) else (),
            (how,) if isinstance(how, str) else (),
        )

    def refresh_table(self, keep: str | None = None) -> None:
        query, stages, how_known = self._filters()
        table = self.query_one("#contacts-table", DataTable)
        current = keep or self.current_id()
        self.shown = sort_contacts(
            filter_contacts(self.people, query=query, stages=stages, how_known=how_known),
            self.sort_key,
        )
        table.clear()
        for contact in self.shown:
            values = (
                contact.name or "(no name)",
                contact.organisation,
                contact.role,
                contact.stage,
                contact.connection,
                short_date(contact.last_interaction),
            )
            table.add_row(
                *(cell(value, width) for value, width in zip(values, self.widths, strict=True)),
                key=contact.id,
            )
        ids = [c.id for c in self.shown]
        if current in ids:
            table.move_cursor(row=ids.index(current))
        status = (
            f"{len(self.shown)} of {counted(len(self.people), 'contact')} · sorted by "
            f"{SORT_LABELS[self.sort_key]} (s to change)"
        )
        self.query_one("#contacts-status", Static).update(status)
        self._show_history()

    def current_id(self) -> str | None:
        table = self.query_one("#contacts-table", DataTable)
        if not self.shown or table.cursor_row < 0 or table.cursor_row >= len(self.shown):
            return None
        return self.shown[table.cursor_row].id

    def current(self) -> Contact | None:
        contact_id = self.current_id()
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
        self.query_one("#contacts-history", Static).update(history_line(self.current()))

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_edit()

    def remember(self, contact: Contact) -> None:
        """Put ``contact`` in the list and queue it for saving."""
        if contact.id in self.app.removed_contact_ids:
            # Listed on this screen from before it was deleted or merged away elsewhere.
            self.people = [c for c in self.people if c.id != contact.id]
            self.refresh_table()
            self.notify("That person was deleted or merged; nothing saved.", markup=False)
            return
        self.people = [c for c in self.people if c.id != contact.id] + [contact]
        self.app.save("contact", contact.to_dict())
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

    def action_search(self) -> None:
        self.query_one("#contacts-search", Input).focus()

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

    def action_edit(self) -> None:
        from coach.tui.screens.contact_form import ContactFormScreen

        contact = self.current()
        if contact is None:
            return

        def edited(changed: Contact | None) -> None:
            if changed is not None:
                self.remember(changed)

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
        current = self.current_id()
        group = next((g for g in groups if any(c.id == current for c in g)), groups[0])
        plan = plan_merge(group, self.people, self.now())

        def confirmed(answer: bool | None) -> None:
            if answer:
                self.apply_merge(plan)

        self.app.push_screen(MergePreviewScreen(group, plan), confirmed)

    def apply_merge(self, plan: MergePlan) -> None:
        """Show the merged list at once, and write it in a worker."""
        self.app.removed_contact_ids.update(plan.removed_ids)
        changed = {c.id: c for c in (plan.merged, *plan.repointed)}
        self.people = [changed.get(c.id, c) for c in self.people if c.id not in plan.removed_ids]
        self.refresh_table(keep=plan.merged.id)
        self._write_merge(plan)

    @work(thread=True, exclusive=False, group="contacts-write")
    def _write_merge(self, plan: MergePlan) -> None:
        def write(store: Any, affected: list[dict[str, Any]]) -> None:
            # The merged record, referral links and interviews that named a removed record
            # all move together, or nothing changes.
            store.save_together(
                contacts=[c.to_dict() for c in (plan.merged, *plan.repointed)],
                interviews=repoint_interviews(plan, affected),
                remove_contacts=plan.removed_ids,
            )

        if self._rewrite(set(plan.removed_ids), write, "Merge not saved"):
            self.app.call_from_thread(
                self.notify, f"Merged {len(plan.removed_ids) + 1} records into one.", title="Merge"
            )

    def _rewrite(
        self, gone: set[str], write: Callable[[Any, list[dict[str, Any]]], None], failed: str
    ) -> bool:
        """Remove the records ``gone`` with ``write(store, interviews naming them)``, in a
        worker; False (and the list shown as stored) when the write failed."""
        from coach.store.db import StoreError

        # One at a time: each reads what the one before wrote (the list of deleted people,
        # the interviews' links).
        with _RECORD_WRITES:
            # Pending single saves first, so none of them brings a removed record back; and
            # no retry of a failed one later.
            self.app.saver.flush()
            self.app.saver.forget("contact", gone)
            try:
                store = self.app.store
                # Summaries carry the links, so only the affected interviews are decoded.
                affected = [
                    doc
                    for summary in store.interview_summaries_view()
                    if names_contact(summary, gone)
                    and (doc := store.get_interview(summary["id"])) is not None
                ]
                write(store, affected)
            except (StoreError, OSError) as error:
                self.app.call_from_thread(self._merge_failed, f"{failed}: {error}", gone)
                return False
        return True

    def _merge_failed(self, message: str, ids: set[str]) -> None:
        # The list showed the change before it was written; show what is really stored again.
        self.app.removed_contact_ids.difference_update(ids)
        self.reload()
        self.notify(message, severity="error", markup=False)

    def action_delete(self) -> None:
        from coach.tui.screens.confirm import ChoiceScreen

        contact = self.current()
        if contact is None:
            return
        removal = plan_removal(
            contact, self.people, self.app.store.interview_summaries_view(), self.now()
        )
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
            if choice == "delete":
                self.apply_removal(removal)

        # Keeping comes first: Enter pressed by habit must not delete a person.
        self.app.push_screen(
            ChoiceScreen[str](
                literal(" ".join(parts)),
                [("Keep", "keep"), ("Delete", "delete")],
                title="Delete contact",
            ),
            answered,
        )

    def apply_removal(self, removal: Removal) -> None:
        """Show the list without them at once, and write the change in a worker."""
        self.app.removed_contact_ids.add(removal.removed.id)
        changed = {c.id: c for c in removal.unlinked}
        self.people = [changed.get(c.id, c) for c in self.people if c.id != removal.removed.id]
        self.refresh_table()
        self._write_removal(removal)

    @work(thread=True, exclusive=False, group="contacts-write")
    def _write_removal(self, removal: Removal) -> None:
        from coach.store.db import DELETED_CONTACTS, deleted_keys

        gone = removal.removed.id

        def write(store: Any, affected: list[dict[str, Any]]) -> None:
            # The record, the referral links, the interviews' links, and the note that keeps
            # an import from quietly bringing the person back.
            store.save_together(
                contacts=[c.to_dict() for c in removal.unlinked],
                interviews=unlink_interviews(gone, affected),
                remove_contacts=[gone],
                meta={
                    DELETED_CONTACTS: remember_deleted(
                        deleted_keys(store), removal.removed, self.now()
                    )
                },
            )

        if self._rewrite({gone}, write, "Not deleted"):
            name = clean_line(removal.removed.name) or "(no name)"
            self.app.call_from_thread(
                self.notify, f"Deleted {name}.", title="Contacts", markup=False
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
        """Read, plan and write an import in a thread; then show what happened."""
        from coach.core.merge import ImportFileError, plan_import
        from coach.io.linkedin import read_contacts_file
        from coach.store.db import StoreError, deleted_keys

        outcome = ImportOutcome(source=str(path))
        try:
            read = read_contacts_file(path)
            self.app.saver.flush()
            existing = [Contact.from_dict(doc) for doc in self.app.store.contacts()]
            plan = plan_import(existing, read, self.now(), deleted_keys(self.app.store))
            if plan.to_write:
                self.app.store.put_contacts([c.to_dict() for c in plan.to_write])
        except ImportFileError as error:
            outcome.error = str(error)
        except (StoreError, OSError) as error:
            outcome.error = f"could not save: {error}"
        else:
            outcome.summary = plan.summary()
            # A row folded into an earlier one still has a name; it says whose row it was.
            names = {row.line: row.contact.name for row in read.incoming}
            outcome.skipped = [
                f"line {s.line} ({names[s.line]}): {s.reason}"
                if names.get(s.line)
                else f"line {s.line}: {s.reason}"
                for s in plan.skipped
            ]
            outcome.remarks = [
                f"line {k.line} ({names.get(k.line, '')}): {k.reason}" for k in plan.remarks
            ]
        self.app.call_from_thread(self._imported, outcome)
        return outcome

    def _imported(self, outcome: ImportOutcome) -> None:
        if outcome.error is None:
            self.reload()
        self.app.push_screen(ImportSummaryScreen(outcome))

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
        self._reload_on_return = True  # Prepare moves them along the pipeline
        new_interview(self.app, practice=False, contact=contact)

    def on_screen_resume(self) -> None:
        if any(c.id in self.app.removed_contact_ids for c in self.people):
            # Deleted or merged on a Contacts screen opened above this one.
            self._reload_on_return = True
        if not self._reload_on_return:
            return
        self._reload_on_return = False
        self.reload()
        if not self.app.saver.idle():
            self._reload_once_saved()

    @work(thread=True, exclusive=True, group="contacts-after-save")
    def _reload_once_saved(self) -> None:
        self.app.saver.flush(30)
        with contextlib.suppress(RuntimeError):  # the app may be closing by now
            self.app.call_from_thread(self.reload)

    def action_referrals(self) -> None:
        from coach.tui.screens.referrals import ReferralsScreen

        def shown(contact_id: str | None) -> None:
            if contact_id is None:
                return
            self.refresh_table(keep=contact_id)
            if self.current_id() != contact_id:
                self.notify("That person is hidden by the search or filters above.", markup=False)

        self.app.push_screen(ReferralsScreen(), shown)

    def action_agenda(self) -> None:
        from coach.tui.screens.agenda import AgendaScreen

        self.app.push_screen(AgendaScreen())

    def show_save_state(self, message: str | None) -> None:
        self.query_one(SaveBanner).show(message)

    def before_quit(self) -> None:
        """Edits go to the saver as they are made; nothing is held back here."""
