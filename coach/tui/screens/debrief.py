"""Debrief: reflect while it is fresh, confirm referrals, plan actions, thank them, export."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.validation import Function
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Collapsible,
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    Select,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)
from textual.widgets.option_list import Option

from coach.core import debrief as core_debrief
from coach.core.clock import Clock, day_problem, parse_when
from coach.core.contact import Contact
from coach.core.debrief_session import DebriefSession
from coach.core.interview import Interview, Referral
from coach.core.pacing import format_offset
from coach.core.text import clean_line
from coach.services.referrals import confirm_referral
from coach.store.db import YOUR_NAME, Kind
from coach.tui.literal import literal
from coach.tui.screens.saving import SavingScreen
from coach.tui.widgets.save_banner import SaveBanner

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

PROMPT_TEXT = {prompt.field: prompt.text for prompt in core_debrief.PROMPTS}
TEXT_FIELDS = ("learned", "surprised", "fit", "still_need")
INTEREST_LABELS = ("1 · not at all", "2 · a little", "3 · somewhat", "4 · quite", "5 · very")
DUE_MESSAGE = "Write the due date as year-month-day, e.g. 2026-12-01."


class ReferralList(OptionList):
    """Referrals flagged during the call; confirming one adds the person to your contacts."""

    HELP_NAME = "Referral list"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "c,enter",
            "screen.confirm_referral",
            "Confirm",
            id="debrief.referral.confirm",
            tooltip="Confirm the referral (you can correct the name)",
        ),
        Binding(
            "n",
            "screen.add_referral",
            "New referral",
            id="debrief.referral.add",
            tooltip="Add someone not flagged during the call",
        ),
    ]


class DoneBox(Checkbox):
    """The box beside an action: ticked once it is done."""

    HELP_NAME = "Done box beside an action"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "space",
            "toggle_button",
            "Toggle",
            show=False,
            tooltip="Tick it off, or open it again",
        ),
    ]


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
        "writes a Markdown record into the exports folder of your data folder. F9 shows the "
        "notes you took during the call, at the top of Reflect. F5 finishes."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "tab('tab-reflect')", "Reflect", id="debrief.tab_reflect", show=False),
        Binding("f3", "tab('tab-people')", "People", id="debrief.tab_people", show=False),
        Binding("f4", "tab('tab-thanks')", "Thank-you", id="debrief.tab_thanks", show=False),
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
        self.export_path: Path | None = None
        # Made in compose, the first moment the app and its store can be reached.
        self.session: DebriefSession

    @property
    def clock(self) -> Clock:
        """The clock given to the screen, else the app's (one clock, so tests can fix "now")."""
        return self._clock if self._clock is not None else self.app.clock

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
        self.session.open()

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self._open_debrief()
        debrief = self.interview.debrief
        yield Header()
        yield SaveBanner(id="debrief-save-error")
        yield Static(self._heading(), id="debrief-heading")
        with TabbedContent(id="debrief-tabs"):
            with TabPane("Reflect (F2)", id="tab-reflect"), VerticalScroll(classes="form-scroll"):
                groups = core_debrief.call_notes(self.interview)
                if groups:
                    # Folded, so the first question keeps its place on a small screen; the notes
                    # are one Enter away for whoever wants to read them back while reflecting.
                    count = sum(len(group.notes) for group in groups)
                    with Collapsible(
                        title=f"Your notes from the call ({count}): F9 shows or hides them",
                        id="debrief-call-notes",
                    ):
                        yield Static(_notes_text(groups), id="debrief-call-notes-text")
                for name in ("learned", "surprised"):
                    yield Label(PROMPT_TEXT[name], classes="field-label")
                    yield TextArea(getattr(debrief, name), id=f"debrief-{name}")
                with Horizontal(classes="field-row"):
                    with Vertical(classes="field", id="debrief-interest-field"):
                        yield Label("Interest now (1–5)", classes="field-label")
                        yield Select(
                            [(label, n) for n, label in enumerate(INTEREST_LABELS, start=1)],
                            prompt="Choose…",
                            value=debrief.interest if debrief.interest else Select.NULL,
                            id="debrief-interest",
                        )
                    with Vertical(classes="field"):
                        yield Label(PROMPT_TEXT["interest_why"], classes="field-label")
                        yield Input(debrief.interest_why, id="debrief-interest-why")
                for name in ("fit", "still_need"):
                    yield Label(PROMPT_TEXT[name], classes="field-label")
                    yield TextArea(getattr(debrief, name), id=f"debrief-{name}")
            with (
                TabPane("People & actions (F3)", id="tab-people"),
                VerticalScroll(classes="form-scroll"),
            ):
                yield Label(
                    "Referrals (c confirms and adds them to your contacts, n adds one)",
                    classes="field-label",
                )
                yield ReferralList(id="debrief-referrals")
                yield Label(
                    "Actions from their advice, with due dates (Space on its box ticks one off)",
                    classes="field-label",
                )
                yield Vertical(id="debrief-actions")
                yield Static("", id="debrief-action-message", classes="field-message")
                with Horizontal(classes="button-row"):
                    yield Button("Add an action…", id="debrief-add-action")
            with (
                TabPane("Thank-you & export (F4)", id="tab-thanks"),
                VerticalScroll(classes="form-scroll"),
            ):
                yield Static("", id="debrief-thank-you-due", classes="field-note")
                yield TextArea(self.interview.thank_you.text, id="debrief-thank-you")
                with Horizontal(classes="button-row"):
                    yield Button("Copy (F6)", id="debrief-copy")
                    yield Button("Mark sent (F7)", id="debrief-sent")
                    yield Button("Export Markdown (F8)", id="debrief-export")
                    yield Button("Finish (F5)", id="debrief-finish", variant="primary")
                yield Static("", id="debrief-export-path")
        yield Footer()

    def action_toggle_notes(self) -> None:
        folds = self.query("#debrief-call-notes").results(Collapsible)
        fold = next(folds, None)
        if fold is None:
            self.notify("No notes were taken during this call.", markup=False)
            return
        if self.query_one("#debrief-tabs", TabbedContent).active != "tab-reflect":
            self.action_tab("tab-reflect")
        fold.collapsed = not fold.collapsed
        if not fold.collapsed:
            fold.scroll_visible(top=True)

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
        self._render_referrals()
        self._render_actions()
        self._render_thank_you_state()
        self.save_now()
        if self.first_tab == "tab-reflect":
            self.query_one("#debrief-learned", TextArea).focus()
        else:
            self.action_tab(self.first_tab)

    # -- saving as you go ----------------------------------------------------------------------

    def _edited(self) -> None:
        if self.session.changed():
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

    # -- reflect -------------------------------------------------------------------------------

    @on(TextArea.Changed)
    def _text_changed(self, event: TextArea.Changed) -> None:
        field = (event.text_area.id or "").removeprefix("debrief-")
        text = event.text_area.text
        if field in TEXT_FIELDS:
            self.session.reflect(field, text)  # type: ignore[arg-type]
        elif field == "thank-you":
            if self.session.edit_thank_you(text):
                self._render_thank_you_state()
        else:
            return
        self._edited()

    @on(Input.Changed, "#debrief-interest-why")
    def _why_changed(self, event: Input.Changed) -> None:
        self.session.reflect("interest_why", event.value)
        self._edited()

    @on(Select.Changed, "#debrief-interest")
    def _interest_changed(self, event: Select.Changed) -> None:
        value = event.value if isinstance(event.value, int) else None
        if self.session.set_interest(value):
            self._edited()

    # -- referrals -----------------------------------------------------------------------------

    def _render_referrals(self, highlight: int | None = None) -> None:
        listing = self.query_one("#debrief-referrals", ReferralList)
        options: list[Option] = []
        for index, referral in enumerate(self.interview.referrals):
            if referral.contact_id:
                mark = Content.styled("added    ", "$success")
            elif referral.confirmed:
                mark = Content.styled("confirmed", "$success")
            else:
                mark = Content.styled("to check ", "$warning")
            parts: list[Content | str] = [mark, Content("  ")]
            parts.append(literal(referral.name or "(no name yet)", style="bold"))
            if referral.note:
                parts += [Content("  "), literal(referral.note, style="dim")]
            options.append(Option(Content.assemble(*parts), id=f"referral-{index}"))
        listing.set_options(options)
        if not options:
            listing.add_option(
                Option(Content.styled("No referrals flagged. Press n to add one.", "dim"))
            )
        else:
            listing.highlighted = min(highlight or 0, len(options) - 1)

    def _referral_index(self) -> int | None:
        listing = self.query_one("#debrief-referrals", ReferralList)
        if listing.highlighted is None or not self.interview.referrals:
            return None
        return listing.highlighted

    def action_confirm_referral(self) -> None:
        from coach.tui.screens.confirm import TextQuestionScreen

        index = self._referral_index()
        if index is None:
            return
        referral = self.interview.referrals[index]
        if referral.contact_id:
            self.notify("Already in your contacts.", markup=False)
            return

        def named(name: str | None) -> None:
            if name:
                # A name already on the list merges the two (one person, one contact).
                self._add_referral_contact(
                    core_debrief.confirm_referral(self.interview, index, name)
                )

        question = "Their name, as it should appear in your contacts:"
        self.app.push_screen(TextQuestionScreen(question, value=referral.name), named)

    def action_add_referral(self) -> None:
        from coach.tui.screens.confirm import TextQuestionScreen

        def named(name: str | None) -> None:
            if name:
                # Someone already listed is confirmed rather than added twice.
                self._add_referral_contact(core_debrief.add_referral(self.interview, name))

        self.app.push_screen(TextQuestionScreen("Who were you referred to?"), named)

    def _add_referral_contact(self, referral: Referral) -> None:
        index = next(i for i, r in enumerate(self.interview.referrals) if r is referral)
        was_added = bool(referral.contact_id)
        confirmed = confirm_referral(self.app.store, self.interview, referral)
        self._render_referrals(index)
        name = clean_line(confirmed.contact.name)
        if was_added:
            said = "Already in your contacts"
        elif confirmed.on_file:
            said = "Already in your contacts, now linked"
        else:
            said = "Added to your contacts"
        self.notify(f"{said}: {name}", timeout=4, markup=False)

    # -- actions -------------------------------------------------------------------------------

    def _render_actions(self) -> None:
        box = self.query_one("#debrief-actions", Vertical)
        box.remove_children()
        rows: list[Widget] = []
        for action in self.interview.actions:
            rows.append(
                Horizontal(
                    Static(literal(action.text), classes="action-text", id=f"text-{action.id}"),
                    Input(
                        action.due,
                        placeholder="year-month-day",
                        id=f"due-{action.id}",
                        # Marks the box itself (red border), next to the action it belongs to:
                        # the message under the list can be out of view.
                        validators=[Function(_is_date, DUE_MESSAGE)],
                    ),
                    DoneBox(
                        _done_label(bool(action.done_at)),
                        bool(action.done_at),
                        id=f"done-{action.id}",
                    ),
                    # Advice arrives as the line flagged during the call: let it be reworded.
                    Button("Edit", id=f"edit-{action.id}", classes="action-edit"),
                    classes="action-row" + (" -done" if action.done_at else ""),
                )
            )
        if not rows:
            rows.append(Static(Content.styled("No advice flagged during the call.", "dim")))
        box.mount_all(rows)

    @on(Input.Changed, ".action-row Input")
    def _due_changed(self, event: Input.Changed) -> None:
        action_id = (event.input.id or "").removeprefix("due-")
        message = self.query_one("#debrief-action-message", Static)
        wrong = [
            box.value
            for box in self.query(".action-row Input").results(Input)
            if not _is_date(box.value)
        ]
        message.update(_due_problem(wrong[0]) if wrong else "")
        if _is_date(event.value) and self.session.set_due(
            action_id, date.fromisoformat(event.value.strip())
        ):
            self._edited()

    @on(Checkbox.Changed, ".action-row Checkbox")
    def _done_changed(self, event: Checkbox.Changed) -> None:
        action_id = (event.checkbox.id or "").removeprefix("done-")
        action = self.session.set_done(action_id, event.value)
        if action is None:
            return
        event.checkbox.label = _done_label(event.value)
        row = event.checkbox.parent
        if row is not None:
            row.set_class(event.value, "-done")
        self._edited()
        if event.value and action.kind == "advice" and not self.interview.practice:
            self.notify(
                "Done. The agenda will remind you to tell them how it went, in a week or two.",
                timeout=5,
                markup=False,
            )

    @on(Button.Pressed, ".action-edit")
    def _edit_action_pressed(self, event: Button.Pressed) -> None:
        from coach.tui.screens.confirm import TextQuestionScreen

        action_id = (event.button.id or "").removeprefix("edit-")
        action = next((a for a in self.interview.actions if a.id == action_id), None)
        if action is None:
            return

        def written(text: str | None) -> None:
            if not text:
                return
            changed = self.session.reword(action_id, text)
            if changed is not None:
                self.query_one(f"#text-{action_id}", Static).update(literal(changed.text))
                self._edited()

        self.app.push_screen(
            TextQuestionScreen("The action, in your own words:", value=action.text), written
        )

    @on(Button.Pressed, "#debrief-add-action")
    def _add_action_pressed(self) -> None:
        from coach.tui.screens.confirm import TextQuestionScreen

        def written(text: str | None) -> None:
            if text:
                self.session.add_action(text)
                self._edited()
                self._render_actions()

        self.app.push_screen(TextQuestionScreen("What will you do?"), written)

    # -- thank-you -----------------------------------------------------------------------------

    def _render_thank_you_state(self) -> None:
        thank_you = self.interview.thank_you
        sent = parse_when(thank_you.sent_at)
        due = parse_when(thank_you.due_at)
        if sent is not None:
            line = Content.styled(f"Sent {_local(sent)}. Well done.", "$success")
        elif self.interview.practice:
            line = Content("Practice run: nobody is waiting for this note, but drafting it helps.")
        else:
            # One line at 80 columns, so the draft below keeps its rows.
            when = (
                f"Send by {_local(due)} (a day after the call)"
                if due is not None
                else "Send it within 24 hours of the call"
            )
            unsigned = core_debrief.SIGNATURE in thank_you.text
            line = Content(
                when + (f"; replace {core_debrief.SIGNATURE} first." if unsigned else ".")
            )
        self.query_one("#debrief-thank-you-due", Static).update(line)

    @on(TabbedContent.TabActivated, "#debrief-tabs", pane="#tab-thanks")
    def _thanks_shown(self) -> None:
        self._redraft_thank_you()
        self.call_after_refresh(self._wrap_thank_you)

    def _redraft_thank_you(self) -> None:
        """Draft the note again from the debrief so far, unless it was edited or sent."""
        area = self.query_one("#debrief-thank-you", TextArea)
        fresh = self.session.redraft(area.text)
        if fresh is not None:
            area.load_text(fresh)  # the Changed handler stores it

    def _wrap_thank_you(self) -> None:
        # Textual 8.2.8 shows a hidden tab without sending its text area a Resize when the tab
        # left had just scrolled (tabbing down People does that): the draft stays wrapped for
        # zero width, one line per paragraph cut off at the edge. Tell it its size.
        area = self.query_one("#debrief-thank-you", TextArea)
        area.post_message(events.Resize(area.size, area.virtual_size, area.container_size))

    @on(Button.Pressed, "#debrief-copy")
    def action_copy_thank_you(self) -> None:
        text = self.query_one("#debrief-thank-you", TextArea).text
        self.app.copy_to_clipboard(text)
        self.notify("Thank-you note copied (if your terminal allows copying from apps).")

    @on(Button.Pressed, "#debrief-sent")
    def action_mark_sent(self) -> None:
        text = self.query_one("#debrief-thank-you", TextArea).text
        if self.session.unsigned(text):
            # It may have been signed in the mail program after copying; ask, do not refuse.
            from coach.tui.screens.confirm import ChoiceScreen

            def answered(choice: str | None) -> None:
                if choice == "sent":
                    self._mark_sent(text)
                else:
                    self.query_one("#debrief-thank-you", TextArea).focus()

            question = (
                f"The note here still ends with {core_debrief.SIGNATURE}. Was it sent signed "
                "with your name?"
            )
            answers = [("Go back and sign it", "sign"), ("Yes, it was sent", "sent")]
            self.app.push_screen(ChoiceScreen[str](question, answers, title="Unsigned"), answered)
            return
        self._mark_sent(text)

    def _mark_sent(self, text: str) -> None:
        self.session.mark_sent(text)
        self.save_now()
        self._render_thank_you_state()

    # -- export --------------------------------------------------------------------------------

    @on(Button.Pressed, "#debrief-export")
    def action_export(self) -> None:
        from coach.core.record import to_markdown
        from coach.store.exports import export_name

        self.save_now()
        # The day the call happened, as the record's "When" line says; the planned time only
        # when there was no call.
        when = parse_when(self.interview.stage("live").started) or parse_when(
            self.interview.scheduled_at
        )
        name = export_name(self.interview.contact_name, when, self.interview.id, "md")
        person = self.session.person
        connection = person.connection if person is not None else ""
        self._write_export(name, to_markdown(self.interview, connection))

    @work(thread=True, exclusive=True, group="export")
    def _write_export(self, name: str, text: str) -> None:
        from coach.store.exports import write_export

        try:
            path = write_export(self.app.paths, name, text)
        except OSError as error:
            message = f"Export failed: {error.strerror or error} ({name})"
            self.app.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        self.app.call_from_thread(self._exported, path)

    def _exported(self, path: Path) -> None:
        self.export_path = path
        line = Content.assemble(Content("Markdown record written to "), literal(str(path)))
        self.query_one("#debrief-export-path", Static).update(line)
        # The name on a line of its own: a toast is narrow, and a name cut in two is hard to find.
        self.notify(
            f"{path.name}\nin {path.parent}",
            title="Markdown record written",
            timeout=6,
            markup=False,
        )

    # -- leaving -------------------------------------------------------------------------------

    def action_tab(self, tab_id: str) -> None:
        self.query_one("#debrief-tabs", TabbedContent).active = tab_id
        pane = self.query_one(f"#{tab_id}", TabPane)
        first = pane.query("Input, Select, TextArea, OptionList").first()
        first.focus()

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


def _done_label(done: bool) -> str:
    # The box's colour alone is easy to miss on some terminals: the word says it too.
    return "Done" if done else "Not yet"


def _notes_text(groups: list[core_debrief.NotesUnder]) -> Content:
    """The call's notes under their questions; every word of them shown as typed."""
    parts: list[Content] = []
    for group in groups:
        if parts:
            parts.append(Content("\n"))
        heading = group.question if group.question is not None else "Outside any question"
        parts += [literal(heading, style="bold"), Content("\n")]
        for note in group.notes:
            offset = f"  {format_offset(note.offset_s)}  "
            parts.append(Content.styled(offset, "dim"))
            # A note of several lines keeps them, each under the first, not under the time.
            for index, line in enumerate(note.text.strip().split("\n")):
                if index:
                    parts.append(Content(" " * len(offset)))
                parts += [literal(line), Content("\n")]
    return Content.assemble(*parts).rstrip()


def _due_problem(value: str) -> str:
    problem = day_problem(value)
    if problem is None or problem.startswith("There is no day"):
        return problem or ""
    return DUE_MESSAGE


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value.strip())
    except ValueError:
        return False
    return True


def _local(when: datetime) -> str:
    return when.astimezone().strftime("%a %d %b %H:%M")
