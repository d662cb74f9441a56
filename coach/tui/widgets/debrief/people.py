"""The People & actions tab: referrals to confirm (each becomes a contact), and the actions from
the advice given, with due dates and a box to tick each off."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.validation import Function
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from coach.core import debrief as core_debrief
from coach.core.clock import day_problem
from coach.core.debrief_session import DebriefSession
from coach.core.interview import Interview, Referral
from coach.core.referral_follow import works_with
from coach.core.text import clean_line
from coach.services.referrals import confirm_referral
from coach.tui.literal import literal
from coach.tui.widgets.debrief import SessionEdited

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

DUE_MESSAGE = "Write the due date as year-month-day, e.g. 2026-12-01."


class ReferralList(OptionList):
    """Referrals flagged during the call; confirming one adds the person to your contacts."""

    HELP_NAME = "Referral list"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "c,enter",
            "confirm",
            "Confirm",
            id="debrief.referral.confirm",
            tooltip="Confirm the referral (you can correct the name)",
        ),
        Binding(
            "n",
            "add",
            "New referral",
            id="debrief.referral.add",
            tooltip="Add someone not flagged during the call",
        ),
        Binding(
            "w",
            "colleague",
            "Works with them",
            id="debrief.colleague",
            show=False,  # the list's label names it; the footer keeps room for Help at 80
            tooltip="Say whether they work with the person you talked to (they then get that "
            "organisation when added)",
        ),
    ]

    def action_confirm(self) -> None:
        self.query_ancestor(PeopleTab).confirm_referral()

    def action_colleague(self) -> None:
        self.query_ancestor(PeopleTab).toggle_colleague()

    def action_add(self) -> None:
        self.query_ancestor(PeopleTab).add_referral()


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


class PeopleTab(VerticalScroll):
    """Referrals and actions, as the session has them."""

    app: CoachApp

    def __init__(self, session: DebriefSession, **kwargs: Any) -> None:
        super().__init__(classes="form-scroll", **kwargs)
        self.session = session

    @property
    def interview(self) -> Interview:
        """The interview being debriefed (the session's)."""
        return self.session.interview

    def compose(self) -> ComposeResult:
        yield Label(
            "Referrals (c adds them to your contacts, n adds one, w: works with them)",
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

    def on_mount(self) -> None:
        self._render_referrals()
        self._render_actions()

    def show_lists(self) -> None:
        """Draw the referrals and the actions as the session has them now (a line flagged on
        the transcript may have added to them); actions only when others are listed, so a
        date being typed is left alone."""
        listing = self.query_one("#debrief-referrals", ReferralList)
        self._render_referrals(listing.highlighted)
        shown = [row.id for row in self.query(".action-row").results()]
        if shown != [f"action-{a.id}" for a in self.interview.actions]:
            self._render_actions()

    def _edited(self) -> None:
        if self.session.changed():
            self.post_message(SessionEdited())

    # -- referrals -------------------------------------------------------------------------------

    def _render_referrals(self, highlight: int | None = None) -> None:
        listing = self.query_one("#debrief-referrals", ReferralList)
        options: list[Option] = []
        for index, referral in enumerate(self.interview.referrals):
            if referral.contact_id:
                mark = Content.styled("added    ", "$text-success")
            elif referral.confirmed:
                mark = Content.styled("confirmed", "$text-success")
            else:
                mark = Content.styled("to check ", "$text-warning")
            parts: list[Content | str] = [mark, Content("  ")]
            parts.append(literal(referral.name or "(no name yet)", style="bold"))
            if works_with(referral):
                parts += [Content("  "), self._works_with()]
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

    def _works_with(self) -> Content:
        who = self.interview.contact_name
        said = Content.assemble("works with ", literal(who)) if who else Content("a colleague")
        return said.stylize("italic $text-accent")

    def toggle_colleague(self) -> None:
        """Say the highlighted referral does (or does not) work with the person interviewed."""
        index = self._referral_index()
        if index is None:
            return
        referral = self.interview.referrals[index]
        if referral.contact_id:
            self.notify("Already in your contacts: change their organisation there.", markup=False)
            return
        self.session.set_colleague(index, not works_with(referral))
        self._render_referrals(index)
        self._edited()

    def _referral_index(self) -> int | None:
        listing = self.query_one("#debrief-referrals", ReferralList)
        if listing.highlighted is None or not self.interview.referrals:
            return None
        return listing.highlighted

    def confirm_referral(self) -> None:
        """Ask for the highlighted referral's name as it should be kept, then add them."""
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
                self._add_contact(core_debrief.confirm_referral(self.interview, index, name))

        question = "Their name, as it should appear in your contacts:"
        self.app.push_screen(TextQuestionScreen(question, value=referral.name), named)

    def add_referral(self) -> None:
        """Ask for someone not flagged during the call and add them."""
        from coach.tui.screens.confirm import TextQuestionScreen

        def named(name: str | None) -> None:
            if name:
                # Someone already listed is confirmed rather than added twice.
                self._add_contact(core_debrief.add_referral(self.interview, name))

        self.app.push_screen(TextQuestionScreen("Who were you referred to?"), named)

    def _add_contact(self, referral: Referral) -> None:
        index = next(i for i, r in enumerate(self.interview.referrals) if r is referral)
        was_added = bool(referral.contact_id)
        confirmed = confirm_referral(
            self.app.store, self.interview, referral, colleague=works_with(referral)
        )
        self._render_referrals(index)
        name = clean_line(confirmed.contact.name)
        if was_added:
            said = "Already in your contacts"
        elif confirmed.on_file:
            said = "Already in your contacts, now linked"
        else:
            said = "Added to your contacts"
        self.notify(f"{said}: {name}", timeout=4, markup=False)

    # -- actions ---------------------------------------------------------------------------------

    def _render_actions(self) -> None:
        # The old rows leave the DOM only after their removal is awaited; rows mounted before
        # then would clash with their ids. Queued, the redraws run one after another.
        self.call_later(self._redraw_actions)

    async def _redraw_actions(self) -> None:
        box = self.query_one("#debrief-actions", Vertical)
        await box.remove_children()
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
                        validators=[Function(is_date, DUE_MESSAGE)],
                    ),
                    DoneBox(
                        _done_label(bool(action.done_at)),
                        bool(action.done_at),
                        id=f"done-{action.id}",
                    ),
                    # Advice arrives as the line flagged during the call: let it be reworded.
                    Button("Edit", id=f"edit-{action.id}", classes="action-edit"),
                    classes="action-row" + (" -done" if action.done_at else ""),
                    id=f"action-{action.id}",
                )
            )
        if not rows:
            rows.append(Static(Content.styled("No advice flagged during the call.", "dim")))
        await box.mount_all(rows)

    @on(Input.Changed, ".action-row Input")
    def _due_changed(self, event: Input.Changed) -> None:
        action_id = (event.input.id or "").removeprefix("due-")
        message = self.query_one("#debrief-action-message", Static)
        wrong = [
            box.value
            for box in self.query(".action-row Input").results(Input)
            if not is_date(box.value)
        ]
        message.update(_due_problem(wrong[0]) if wrong else "")
        if is_date(event.value) and self.session.set_due(
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


def _done_label(done: bool) -> str:
    # The box's colour alone is easy to miss on some terminals: the word says it too.
    return "Done" if done else "Not yet"


def _due_problem(value: str) -> str:
    problem = day_problem(value)
    if problem is None or problem.startswith("There is no day"):
        return problem or ""
    return DUE_MESSAGE


def is_date(value: str) -> bool:
    """Whether ``value`` is a whole date written year-month-day."""
    try:
        date.fromisoformat(value.strip())
    except ValueError:
        return False
    return True
