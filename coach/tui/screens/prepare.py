"""Prepare: who, when, what you want to learn, your introduction and the plan — saved as you go."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import (
    Footer,
    Header,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)

from coach.core.contact import HOW_KNOWN, HOW_KNOWN_LABELS, Contact
from coach.core.interview import MINUTES_OFFERED, Interview
from coach.core.plan import (
    DATE_EXAMPLE,
    DATE_MESSAGE,
    Plan,
    read_minutes,
    show_date_time,
)
from coach.core.preparation import Preparation
from coach.services.contacts import on_file
from coach.store.db import Kind
from coach.tui.literal import literal
from coach.tui.screens.saving import SavingScreen
from coach.tui.widgets.field_message import FieldMessage
from coach.tui.widgets.goals_fields import GoalsFields
from coach.tui.widgets.path_choice import PathChoice
from coach.tui.widgets.plan_budget import PlanBudget
from coach.tui.widgets.plan_list import PlanList
from coach.tui.widgets.save_banner import SaveBanner
from coach.tui.widgets.set_picker import SetPicker

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

MEDIUM_LABELS = (("Phone", "phone"), ("Video", "video"), ("In person", "in_person"))
CUSTOM = 0


class PrepareScreen(SavingScreen[None]):
    """Everything to get ready for one interview; each change is saved shortly after it is made."""

    HELP = (
        "Prepare an interview in three tabs. Person & time: who you will talk to, how you know "
        "them, when, how, and how long you asked for. Goals & intro: what you want to learn, "
        "your research, and a 30–60 second introduction of yourself (the word count and spoken "
        "length update as you type). Plan: tick question sets to add their must-ask questions, "
        "then press a in the plan list to add more from them, and shape the list. New questions "
        "go after the selected one and always before the closing questions, which come last "
        "in a call. Everything is saved as you type. F5 starts the call."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        # The tab titles name these keys, which leaves the footer room for the plan's keys.
        Binding("f2", "tab('tab-person')", "Person", id="prepare.tab_person", show=False),
        Binding("f3", "tab('tab-goals')", "Goals", id="prepare.tab_goals", show=False),
        Binding("f4", "tab('tab-plan')", "Plan", id="prepare.tab_plan", show=False),
        Binding("f5", "start_call", "Start call", id="prepare.start"),
        Binding("escape", "back", "Back", id="prepare.back"),
    ]

    app: CoachApp

    def __init__(self, interview: Interview, contact: Contact | None = None) -> None:
        super().__init__()
        self.interview = interview
        self._given = contact
        # Made in compose, the first moment the app's clock can be reached (tests fix it).
        self.preparation: Preparation

    @property
    def contact(self) -> Contact | None:
        """The person this interview is with, once known."""
        return self.preparation.contact

    @property
    def plan(self) -> Plan:
        """The plan being shaped."""
        return self.preparation.plan

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.preparation = Preparation(self.interview, self._given, self.app.clock)
        # A set file fixed or added since the sets were read shows up without a restart.
        self.app.recheck_catalogue()
        interview, contact = self.interview, self.contact
        yield Header()
        yield SaveBanner(id="prepare-save-error")
        if interview.practice:
            yield Static(
                "Practice run: a rehearsal on a low-stakes topic, kept out of your counts.",
                id="prepare-practice",
                markup=False,
            )
        with TabbedContent(id="prepare-tabs"):
            with (
                TabPane("F2 Person & time", id="tab-person"),
                VerticalScroll(classes="form-scroll"),
            ):
                yield from self._person_fields(interview, contact)
            with TabPane("F3 Goals & intro", id="tab-goals"):
                yield GoalsFields(self.preparation, id="prepare-goals-fields")
            with TabPane("F4 Plan", id="tab-plan"), Vertical():
                yield Label(
                    "Question sets: Space ticks one and adds its must-ask questions",
                    classes="field-label",
                )
                yield SetPicker(self.app.catalogue.ordered, self.plan.set_ids, id="prepare-sets")
                yield Label(
                    "The plan, in the order you will ask (closing questions last)",
                    classes="field-label",
                )
                yield PlanList(self.preparation, id="prepare-plan")
                yield PlanBudget(id="prepare-budget")
        yield Footer()

    def _person_fields(self, interview: Interview, contact: Contact | None) -> ComposeResult:
        name = contact.name if contact else interview.contact_name
        role = contact.role if contact else interview.contact_role
        org = contact.organisation if contact else interview.contact_org
        with Horizontal(classes="field-row"):
            with Vertical(classes="field"):
                yield Label("Name", classes="field-label")
                yield Input(name, placeholder="Who you will talk to", id="prepare-name")
            with Vertical(classes="field"):
                yield Label("Role", classes="field-label")
                yield Input(role, placeholder="e.g. Data engineer", id="prepare-role")
        with Horizontal(classes="field-row"):
            with Vertical(classes="field"):
                yield Label("Organisation", classes="field-label")
                yield Input(org, placeholder="Where they work", id="prepare-org")
            with Vertical(classes="field"):
                yield Label("How you know them", classes="field-label")
                how = contact.how_known if contact and contact.how_known else Select.NULL
                yield Select(
                    [(HOW_KNOWN_LABELS[value], value) for value in HOW_KNOWN],
                    prompt="Choose…",
                    value=how,
                    id="prepare-how-known",
                )
        with Horizontal(classes="field-row"):
            with Vertical(classes="field"):
                yield Label("Referred by (who introduced you)", classes="field-label")
                choices, chosen = self._referrers()
                yield Select(choices, prompt="Nobody", value=chosen, id="prepare-referred-by")
            with Vertical(classes="field"):
                yield Label("Date and time (24-hour clock)", classes="field-label")
                yield Input(
                    show_date_time(interview.scheduled_at),
                    placeholder=f"e.g. {DATE_EXAMPLE}",
                    id="prepare-when",
                )
                yield FieldMessage(id="prepare-when-message")
        with Horizontal(classes="field-row"):
            with Vertical(classes="field"):
                # Two short choices share one field, leaving room for the path beside them.
                yield Label("How, and the time you asked for", classes="field-label")
                offered = interview.minutes_asked in MINUTES_OFFERED
                with Horizontal(classes="field-row", id="prepare-how-long"):
                    yield Select(
                        list(MEDIUM_LABELS),
                        allow_blank=False,
                        value=interview.medium,
                        id="prepare-medium",
                    )
                    yield Select(
                        [(f"{m} minutes", m) for m in MINUTES_OFFERED] + [("Other", CUSTOM)],
                        allow_blank=False,
                        value=interview.minutes_asked if offered else CUSTOM,
                        id="prepare-minutes",
                    )
                    custom = Input(
                        "" if offered else str(interview.minutes_asked),
                        placeholder="min",
                        type="integer",
                        id="prepare-minutes-custom",
                    )
                    custom.display = not offered
                    yield custom
            yield PathChoice(self.preparation, id="prepare-path-field")

    def _referrers(self) -> tuple[list[tuple[Content, str]], Any]:
        """Everyone else on file who could have introduced the user, by name, and the one
        recorded (Select.NULL for nobody, or someone no longer on file)."""
        contact = self.preparation.contact
        own_id = contact.id if contact else None
        people = [
            doc for doc in self.app.store.contacts() if doc.get("id") != own_id and doc.get("name")
        ]
        people.sort(key=lambda doc: str(doc.get("name", "")).casefold())
        choices = [(literal(str(doc["name"])), str(doc["id"])) for doc in people]
        known = {value for _, value in choices}
        chosen = contact.referred_by if contact and contact.referred_by in known else Select.NULL
        return choices, chosen

    def on_resize(self) -> None:
        self.query_one(SetPicker).fit_rows(self.size.height)

    def on_mount(self) -> None:
        # Back from the editor where a set file was just fixed: the list follows.
        self.watch(self.app, "app_focus", self._sets_maybe_changed, init=False)
        self.preparation.open()
        self.query_one(FieldMessage).show("")
        self._refresh_plan()
        self.query_one("#prepare-name", Input).focus()

    # -- saving as you go ----------------------------------------------------------------------

    def _edited(self) -> None:
        if self.preparation.changed():
            self.changed()

    def save(self) -> None:
        """Give the store what changed (the store writes it off the UI thread)."""
        changes = self.preparation.take_changes()
        if not changes:
            return
        saves: list[tuple[Kind, dict[str, Any]]] = []
        if changes.contact is not None:
            saves.append(("contact", changes.contact))
        if changes.interview is not None:
            saves.append(("interview", changes.interview))
        self.app.store.change(
            saves=saves, removals=[("contact", c) for c in changes.removed_contacts]
        )

    def before_quit(self) -> None:
        """The app is closing: settle the name and hand over the last edits."""
        self._settle_name()
        self.save_now()

    # -- the person ----------------------------------------------------------------------------

    @on(Input.Changed, "#prepare-name, #prepare-role, #prepare-org")
    def _person_changed(self, event: Input.Changed) -> None:
        which = {"prepare-name": "name", "prepare-role": "role"}.get(event.input.id or "", "org")
        self.preparation.set_person(which, event.value)  # type: ignore[arg-type]
        self._edited()

    @on(Input.Blurred, "#prepare-name")
    @on(Input.Submitted, "#prepare-name")
    def _name_settled(self) -> None:
        if not self.app.app_focus:
            return  # the terminal lost focus mid-name (a look at the spelling elsewhere)
        self._settle_name()

    def _settle_name(self) -> None:
        """Find the person behind the name typed, or make a new contact for them."""
        linked = self.preparation.settle_name(on_file(self.app.store))
        self._edited()
        if linked is None:
            return
        contact, interview = linked.contact, self.interview
        for selector, value in (
            ("#prepare-name", interview.contact_name),
            ("#prepare-role", interview.contact_role),
            ("#prepare-org", interview.contact_org),
        ):
            field = self.query_one(selector, Input)
            if field.value != value:
                field.value = value
        if contact.how_known in HOW_KNOWN:
            self.query_one("#prepare-how-known", Select).value = contact.how_known
        self.query_one(PathChoice).show()  # someone suggested on a path brings it
        referrer = self.query_one("#prepare-referred-by", Select)
        choices, chosen = self._referrers()
        referrer.set_options(choices)
        referrer.value = chosen
        where = f" ({contact.organisation})" if contact.organisation else ""
        self.notify(
            f"{contact.name}{where} is in your contacts: this interview is filed under them.",
            markup=False,
        )

    @on(Select.Changed, "#prepare-how-known, #prepare-referred-by")
    def _source_changed(self, event: Select.Changed) -> None:
        self._settle_name()
        value = event.value if isinstance(event.value, str) else ""
        if event.select.id == "prepare-how-known":
            self.preparation.set_how_known(value)
        elif self.preparation.set_referrer(value or None):
            self.query_one("#prepare-how-known", Select).value = "referral"
        self._edited()

    @on(PathChoice.Chosen)
    def _path_chosen(self, event: PathChoice.Chosen) -> None:
        if self.preparation.set_path(event.path_id):
            self._edited()
        # What the path brings: its open questions (Plan tab) and goals to reuse (Goals tab).
        self.query_one(GoalsFields).show_offer()
        self._refresh_plan(list_too=False)
        brings = self.query_one(PathChoice).brings()
        if brings:
            self.notify(brings, markup=False, timeout=6)

    # -- when, how and how long ----------------------------------------------------------------

    @on(Input.Changed, "#prepare-when")
    def _when_changed(self, event: Input.Changed) -> None:
        self.query_one(FieldMessage).show(self.preparation.set_when(event.value) or "")
        self._edited()

    @on(Select.Changed, "#prepare-medium")
    def _medium_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.preparation.set_medium(event.value)
            self._edited()

    @on(Select.Changed, "#prepare-minutes")
    def _minutes_changed(self, event: Select.Changed) -> None:
        custom = self.query_one("#prepare-minutes-custom", Input)
        if event.value == CUSTOM:
            custom.display = True
            if not custom.value:
                custom.value = str(self.interview.minutes_asked)
            if event.select.has_focus:
                # Chosen by the person: they type the minutes next. The first Changed, when
                # the screen opens on a custom length, leaves the cursor in the name field.
                custom.focus()
            return
        custom.display = False
        if isinstance(event.value, int):
            self._set_minutes(event.value)

    @on(Input.Changed, "#prepare-minutes-custom")
    def _custom_minutes_changed(self, event: Input.Changed) -> None:
        minutes = read_minutes(event.value)
        if minutes is not None:
            self._set_minutes(minutes)

    def _set_minutes(self, minutes: int) -> None:
        if self.preparation.set_minutes(minutes):
            self._edited()
            self._refresh_plan(list_too=False)

    # -- goals and introduction ----------------------------------------------------------------

    @on(TextArea.Changed)
    def _text_changed(self, event: TextArea.Changed) -> None:
        which = (event.text_area.id or "").removeprefix("prepare-")
        if which not in ("goals", "research", "intro"):
            return
        self.preparation.set_text(which, event.text_area.text)  # type: ignore[arg-type]
        self._edited()

    # -- the plan ------------------------------------------------------------------------------

    @on(SelectionList.SelectionToggled, "#prepare-sets")
    def _set_toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        set_id = event.selection.value
        question_set = self.app.catalogue.sets.get(set_id)
        if set_id in event.selection_list.selected:
            if question_set is not None:
                self.preparation.tick_set(question_set)
        else:
            removed, kept = self.preparation.untick_set(set_id, self.app.catalogue.sets)
            title = question_set.title if question_set is not None else set_id
            said = f"Took out {removed} question{'s' if removed != 1 else ''} of {title}"
            if kept:
                said += f"; the {kept} you picked one by one stay{'s' if kept == 1 else ''}"
            self.notify(said + ".", markup=False, timeout=4)
        self._edited()
        self._refresh_plan()

    def _sets_maybe_changed(self, focused: bool) -> None:
        if focused and self.app.recheck_catalogue():
            sets = self.query_one(SetPicker)
            sets.refill(self.app.catalogue.ordered, self.plan.set_ids)
            sets.fit_rows(self.size.height)

    def _refresh_plan(self, keep: str | None = None, *, list_too: bool = True) -> None:
        """Show the plan's budget, and (``list_too``) the list with the cursor on ``keep``."""
        plan_list = self.query_one("#prepare-plan", PlanList)
        if list_too:
            plan_list.show(keep)
        waiting = len(plan_list.offered())
        self.query_one(PlanBudget).show(self.plan, self.interview.minutes_asked, waiting)

    @on(PlanList.Edited)
    def _plan_edited(self) -> None:
        self._edited()
        self._refresh_plan(list_too=False)

    def action_tab(self, tab_id: str) -> None:
        self.query_one("#prepare-tabs", TabbedContent).active = tab_id
        pane = self.query_one(f"#{tab_id}", TabPane)
        first = pane.query("Input, Select, TextArea, SelectionList").first()
        first.focus()

    def action_back(self) -> None:
        self._settle_name()
        self.save_now()
        # Leaving keeps everything: say where it went (and how to drop one made by mistake).
        self.notify("Preparation saved: it waits on Home (x there deletes it).", markup=False)
        self.dismiss()

    def action_start_call(self) -> None:
        if not self.plan.questions:
            self.action_tab("tab-plan")
            self.notify(
                "Add at least one question to the plan first.", severity="warning", markup=False
            )
            return
        planned = self.preparation.too_early()
        if planned is not None:
            # Starting turns the plan into a call under way: not by accident days ahead.
            from coach.tui.screens.confirm import ChoiceScreen

            when = planned.astimezone().strftime("%a %d %b %Y %H:%M")

            def answered(choice: str | None) -> None:
                if choice == "start":
                    self._start_call()

            self.app.push_screen(
                ChoiceScreen[str](
                    f"This conversation is planned for {when}. Start the call now?",
                    [("Not yet", "no"), ("Start it now", "start")],
                    title="Start the call",
                ),
                answered,
            )
            return
        self._start_call()

    def _start_call(self) -> None:
        from coach.core.live import LiveCall
        from coach.services.paths import purpose_for
        from coach.tui.screens.live import LiveScreen

        if not self.preparation.date_ok:
            self.notify("The date is not saved: " + DATE_MESSAGE, severity="warning", markup=False)
        self._settle_name()
        self.preparation.start()
        self.save_now()
        # Replace Prepare so that ending the call and the debrief lead back to Home.
        # The opening cue carries why the call was asked for: the goals, else the path.
        purpose = purpose_for(self.app.store, self.interview)
        self.app.switch_screen(LiveScreen(LiveCall(self.interview, self.app.clock, purpose)))
