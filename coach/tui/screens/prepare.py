"""Prepare: who, when, what you want to learn, your introduction and the plan — saved as you go."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.styles import RulesMap
from textual.screen import Screen
from textual.strip import Strip
from textual.style import Style
from textual.timer import Timer
from textual.visual import RenderOptions, Visual
from textual.widgets import (
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    Select,
    SelectionList,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from coach.core.clock import iso
from coach.core.contact import HOW_KNOWN, HOW_KNOWN_LABELS, Contact, the_one_named
from coach.core.interview import MINUTES_OFFERED, Interview, PlannedQuestion, parse_when
from coach.core.intro import estimate
from coach.core.plan import (
    DATE_EXAMPLE,
    DATE_MESSAGE,
    Plan,
    budget_of,
    date_time_problem,
    is_closing,
    read_date_time,
    read_minutes,
    show_date_time,
)
from coach.core.question_set import QuestionSet
from coach.core.text import clean, clean_line, counted, fold
from coach.tui.literal import literal
from coach.tui.widgets.save_banner import SaveBanner
from coach.tui.widgets.tick_list import TickList

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

MEDIUM_LABELS = (("Phone", "phone"), ("Video", "video"), ("In person", "in_person"))
CUSTOM = 0
# Long enough that a burst of typing costs one write, short enough that nothing waits long.
SAVE_DELAY = 0.6


class Hanging(Visual):
    """A numbered line whose wrapped text lines up under its first word, not under the number."""

    def __init__(self, lead: Content, body: Content) -> None:
        self.lead = lead
        self.body = body

    def __str__(self) -> str:
        return self.lead.plain + self.body.plain

    def _body_width(self, width: int) -> int:
        return max(1, width - self.lead.cell_length)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        if not width:
            return []
        lead = self.lead.cell_length
        if width <= lead:
            return self.body.render_strips(width, height, style, options)
        lead_strip = self.lead.render_strips(lead, 1, style, options)[0]
        pad = Strip.blank(lead, style.rich_style)
        lines = self.body.render_strips(width - lead, height, style, options)
        return [Strip.join([lead_strip if n == 0 else pad, line]) for n, line in enumerate(lines)]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        lead = self.lead.cell_length
        return lead + self.body.get_optimal_width(rules, self._body_width(container_width))

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.body.get_height(rules, self._body_width(width))


# The keys that reorder the plan share one footer entry: the footer is narrow at 80 columns.
MOVE = Binding.Group("Move")


class PlanList(OptionList):
    """The questions in the order they will be asked; keys edit the plan in place.

    The footer names these keys in a word each so that they, F5 and F1 fit 80 columns; F1 and
    the screen's help give the long form.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "screen.add_questions", "Add", id="prepare.plan.add"),
        Binding("o", "screen.own_question", "Own", id="prepare.plan.own"),
        Binding("m", "screen.toggle_must", "Must", id="prepare.plan.must"),
        Binding("x,delete", "screen.remove_question", "Remove", id="prepare.plan.remove"),
        Binding("z", "screen.undo_remove", "Put back", id="prepare.plan.undo", show=False),
        Binding("u,shift+up", "screen.move(-1)", "Up", id="prepare.plan.up", group=MOVE),
        Binding("d,shift+down", "screen.move(1)", "Down", id="prepare.plan.down", group=MOVE),
        # Esc still goes back from here; kept out of the footer to leave room for the above.
        Binding("escape", "screen.back", "Back", id="prepare.plan.back", show=False),
    ]

    def on_resize(self) -> None:
        # The budget line under the list grows with its warnings and the list shrinks: keep the
        # selected question in view, whole.
        self.scroll_to_highlight()


class PrepareScreen(Screen[None]):
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
    HELP_KEYS: ClassVar[tuple[tuple[str, str], ...]] = (
        ("a", "Plan list: add questions from the ticked sets"),
        ("o", "Plan list: write a question of your own"),
        ("m", "Plan list: mark or unmark must-ask"),
        ("x / Delete", "Plan list: remove the question"),
        ("z", "Plan list: put back the last question removed"),
        ("u / d", "Plan list: move the question up / down"),
        ("Tab", "Next field"),
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        # The tab titles name these keys, which leaves the footer room for the plan's keys.
        Binding("f2", "tab('tab-person')", "Person", id="prepare.tab_person", show=False),
        Binding("f3", "tab('tab-goals')", "Goals", id="prepare.tab_goals", show=False),
        Binding("f4", "tab('tab-plan')", "Plan", id="prepare.tab_plan", show=False),
        Binding("f5", "start_call", "Start call", id="prepare.start"),
        Binding("escape", "back", "Back", id="prepare.back"),
    ]

    DEFAULT_CSS = """
    #prepare-intro-group {
        height: auto;
    }
    """

    app: CoachApp

    def __init__(self, interview: Interview, contact: Contact | None = None) -> None:
        super().__init__()
        self.interview = interview
        self.contact = contact
        # The contact this screen made for a typed name, while it is the only one to know it.
        self._own_contact_id: str | None = None
        self.plan = Plan.from_frozen(interview.plan, interview.minutes_asked)
        self._save_timer: Timer | None = None
        self._dirty: set[str] = set()
        # Questions removed from the plan, latest last, so z can put them back in order.
        self._removed: list[tuple[int, PlannedQuestion]] = []
        self._date_ok = True

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
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
            with (
                TabPane("F3 Goals & intro", id="tab-goals"),
                VerticalScroll(classes="form-scroll"),
            ):
                # Side by side, so that at 80×24 the whole tab, the introduction's length
                # included, fits without scrolling.
                with Horizontal(classes="field-row"):
                    with Vertical(classes="field"):
                        yield Label("Goals: what do you want to learn?", classes="field-label")
                        yield TextArea(interview.goals, id="prepare-goals")
                    with Vertical(classes="field"):
                        yield Label("Research: person, organisation, field", classes="field-label")
                        yield TextArea(interview.research, id="prepare-research")
                # One group, scrolled into view as a whole: the length is read while typing.
                with Vertical(id="prepare-intro-group"):
                    yield Label(
                        "Your introduction: who you are, what you are exploring (30–60 s spoken)",
                        classes="field-label",
                    )
                    yield TextArea(interview.intro, id="prepare-intro")
                    yield Static("", id="prepare-intro-length", classes="field-note")
                    yield Static("", id="prepare-intro-advice", classes="warning")
            with TabPane("F4 Plan", id="tab-plan"), Vertical():
                yield Label(
                    "Question sets: Space ticks one and adds its must-ask questions",
                    classes="field-label",
                )
                yield TickList[str](*self._set_choices(), id="prepare-sets")
                yield Label(
                    "The plan, in the order you will ask (closing questions last)",
                    classes="field-label",
                )
                yield PlanList(id="prepare-plan")
                yield Static("", id="prepare-budget")
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
                yield Select(
                    self._referrer_choices(),
                    prompt="Nobody",
                    value=self._referrer_value(),
                    id="prepare-referred-by",
                )
            with Vertical(classes="field"):
                yield Label("Date and time (24-hour clock)", classes="field-label")
                yield Input(
                    show_date_time(interview.scheduled_at),
                    placeholder=f"e.g. {DATE_EXAMPLE}",
                    id="prepare-when",
                )
                yield Static("", id="prepare-when-message", classes="field-message")
        with Horizontal(classes="field-row"):
            with Vertical(classes="field"):
                yield Label("Medium", classes="field-label")
                yield Select(
                    list(MEDIUM_LABELS),
                    allow_blank=False,
                    value=interview.medium,
                    id="prepare-medium",
                )
            with Vertical(classes="field"):
                yield Label("Time you asked for", classes="field-label")
                offered = interview.minutes_asked in MINUTES_OFFERED
                with Horizontal(classes="field-row"):
                    yield Select(
                        [(f"{m} minutes", m) for m in MINUTES_OFFERED] + [("Custom…", CUSTOM)],
                        allow_blank=False,
                        value=interview.minutes_asked if offered else CUSTOM,
                        id="prepare-minutes",
                    )
                    custom = Input(
                        "" if offered else str(interview.minutes_asked),
                        placeholder="minutes",
                        type="integer",
                        id="prepare-minutes-custom",
                    )
                    custom.display = not offered
                    yield custom

    def _set_choices(self) -> list[Selection[str]]:
        chosen = set(self.plan.set_ids)
        sets: list[QuestionSet] = self.app.catalogue.ordered
        choices: list[Selection[str]] = []
        for question_set in sets:
            label = Content.assemble(
                literal(question_set.title),
                Content.styled(f"  {counted(len(question_set.questions), 'question')}", "dim"),
            )
            choices.append(Selection(label, question_set.id, question_set.id in chosen))
        return choices

    def _referrer_choices(self) -> list[tuple[Content, str]]:
        own_id = self.contact.id if self.contact else None
        people = [
            doc for doc in self.app.store.contacts() if doc.get("id") != own_id and doc.get("name")
        ]
        people.sort(key=lambda doc: str(doc.get("name", "")).casefold())
        return [(literal(str(doc["name"])), str(doc["id"])) for doc in people]

    def _referrer_value(self) -> Any:
        if self.contact and self.contact.referred_by:
            known = {value for _, value in self._referrer_choices()}
            if self.contact.referred_by in known:
                return self.contact.referred_by
        return Select.NULL

    def _now(self) -> str:
        """The app clock's time, local, as records keep it (tests fix the clock)."""
        return iso(self.app.clock.now().astimezone())

    def on_resize(self) -> None:
        # Four sets in view suit 24 rows; a taller screen shows every set (up to a dozen), so
        # one's own sets, listed last, are not hidden below the fold.
        sets = self.query_one("#prepare-sets", SelectionList)
        rows = 4 if self.size.height < 32 else min(sets.option_count, 12)
        sets.styles.max_height = rows + 2  # and the border

    def on_mount(self) -> None:
        prepare = self.interview.stage("prepare")
        if prepare.started is None:
            prepare.started = self._now()
        self._show_date_message("")
        self._show_intro_length()
        self._refresh_plan()
        self.query_one("#prepare-name", Input).focus()

    # -- saving as you go ----------------------------------------------------------------------

    def _changed(self, *kinds: str) -> None:
        self._dirty.update(kinds)
        # Timed from the first change not yet saved, never pushed back by the next key: while
        # someone types without a pause, what they wrote still reaches the disk this often.
        if self._save_timer is None:
            self._save_timer = self.set_timer(SAVE_DELAY, self.save_now)

    def save_now(self) -> None:
        """Queue whatever changed for the background writer (never writes on the UI thread)."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        dirty, self._dirty = self._dirty, set()
        if "contact" in dirty and self.contact is not None:
            self.contact = self.contact.touched()
            self.app.save("contact", self.contact.to_dict())
        if dirty:
            self.interview.plan = self.plan.freeze()
            self.interview.updated_at = self._now()
            self.app.save("interview", self.interview.to_dict())

    def before_quit(self) -> None:
        """The app is closing: hand the last edits to the writer."""
        self._person_contact()
        self.save_now()

    def show_save_state(self, message: str | None) -> None:
        """Show or hide the persistent "not saved" banner; the edits stay on screen."""
        self.query_one(SaveBanner).show(message)

    # -- the person ----------------------------------------------------------------------------

    @on(Input.Changed, "#prepare-name, #prepare-role, #prepare-org")
    def _person_changed(self, event: Input.Changed) -> None:
        value = clean_line(event.value)
        field = event.input.id
        interview = self.interview
        if field == "prepare-name":
            interview.contact_name = value
        elif field == "prepare-role":
            interview.contact_role = value
        else:
            interview.contact_org = value
        contact = self.contact
        renamed = (
            contact is not None and field == "prepare-name" and fold(value) != fold(contact.name)
        )
        if renamed and contact is not None and not self._renamable(contact):
            # A different name is a different person: the one on file keeps their name and
            # history; the new name is looked up or made once it is settled.
            self.contact = None
            interview.contact_id = None
            self._changed("interview")
            return
        if contact is not None:
            if interview.contact_name:  # a contact is never saved without a name
                contact.name = interview.contact_name
            contact.role = interview.contact_role
            contact.organisation = interview.contact_org
            self._changed("interview", "contact")
        else:
            # No contact yet while the name is being typed: "Zo" must not become a person of
            # its own before "Zoë O'Neil", who may be in the contacts already, is complete.
            self._changed("interview")

    def _renamable(self, contact: Contact) -> bool:
        """Whether typing another name may rename ``contact`` rather than leave them.

        Only a contact this interview brought into being and nothing else has touched: a typo
        fixed in a name typed minutes ago. Anyone else on file is a person with a history.
        """
        if contact.id == self._own_contact_id:
            return True
        return (
            contact.source == "prepare"
            and not contact.interactions
            and contact.stage in ("identified", "scheduled")
        )

    @on(Input.Blurred, "#prepare-name")
    @on(Input.Submitted, "#prepare-name")
    def _name_settled(self) -> None:
        if not self.app.app_focus:
            return  # the terminal lost focus mid-name (a look at the spelling elsewhere)
        self._person_contact()

    def _person_contact(self) -> Contact | None:
        """The contact behind this interview, found or made once the name is settled.

        A name that is exactly one contact's (case, accents and spacing aside) is that person:
        the interview is linked to them and their details fill the empty fields. Any other
        name becomes a new contact. A contact made here for a name that has since been
        completed into someone already on file gives way to them. A practice run talks to a
        stand-in, so it never adds anyone to the network.
        """
        interview = self.interview
        if not interview.contact_name or interview.practice:
            return self.contact
        own = self.contact if self.contact and self.contact.id == self._own_contact_id else None
        if self.contact is not None and own is None:
            return self.contact
        others = [
            Contact.from_dict(doc)
            for doc in self.app.store.contacts()
            if own is None or doc.get("id") != own.id
        ]
        found = the_one_named(interview.contact_name, others)
        if own is not None and found is None:
            return own
        if found is not None:
            if own is not None:
                self.app.discard("contact", own.id)
                self._own_contact_id = None
            self._link(found)
        else:
            self.contact = Contact(
                name=interview.contact_name,
                role=interview.contact_role,
                organisation=interview.contact_org,
                source="prepare",
            )
            self._own_contact_id = self.contact.id
        assert self.contact is not None
        interview.contact_id = self.contact.id
        self._mark_scheduled()
        self._changed("interview", "contact")
        return self.contact

    def _link(self, contact: Contact) -> None:
        """Make ``contact`` this interview's person and show what is known of them.

        Their details fill the fields left empty; what was typed stays, and becomes theirs.
        """
        interview = self.interview
        self.contact = contact
        interview.contact_name = contact.name
        interview.contact_role = interview.contact_role or contact.role
        interview.contact_org = interview.contact_org or contact.organisation
        contact.role = interview.contact_role
        contact.organisation = interview.contact_org
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
        referrer = self.query_one("#prepare-referred-by", Select)
        referrer.set_options(self._referrer_choices())
        referrer.value = self._referrer_value()
        where = f" ({contact.organisation})" if contact.organisation else ""
        self.notify(
            f"{contact.name}{where} is in your contacts: this interview is filed under them.",
            markup=False,
        )

    def _mark_scheduled(self) -> None:
        if self.contact and self.interview.scheduled_at:
            self.contact.stage = self.contact.advanced_to("scheduled").stage

    @on(Select.Changed, "#prepare-how-known, #prepare-referred-by")
    def _source_changed(self, event: Select.Changed) -> None:
        contact = self._person_contact()
        if contact is None:
            return
        value = event.value if isinstance(event.value, str) else ""
        if event.select.id == "prepare-how-known":
            if contact.how_known == value:
                return
            contact.how_known = value
        else:
            if contact.referred_by == (value or None):
                return
            contact.referred_by = value or None
            if value and not contact.how_known:
                contact.how_known = "referral"
                self.query_one("#prepare-how-known", Select).value = "referral"
        self._changed("contact")

    # -- when, how and how long ----------------------------------------------------------------

    @on(Input.Changed, "#prepare-when")
    def _when_changed(self, event: Input.Changed) -> None:
        problem = date_time_problem(event.value)
        if problem is not None:
            # Keep the last good time stored: a half-typed date must never be saved as a date.
            self._date_ok = False
            self._show_date_message(problem)
            return
        scheduled = read_date_time(event.value)
        self._date_ok = True
        self._show_date_message("")
        if scheduled != self.interview.scheduled_at:
            self.interview.scheduled_at = scheduled
            self._mark_scheduled()
            self._changed("interview", "contact")

    def _show_date_message(self, text: str) -> None:
        # Hidden when empty, so the form does not keep a blank line under the date.
        message = self.query_one("#prepare-when-message", Static)
        message.update(text)
        message.display = bool(text)

    @on(Select.Changed, "#prepare-medium")
    def _medium_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.interview.medium:
            self.interview.medium = event.value
            self._changed("interview")

    @on(Select.Changed, "#prepare-minutes")
    def _minutes_changed(self, event: Select.Changed) -> None:
        custom = self.query_one("#prepare-minutes-custom", Input)
        if event.value == CUSTOM:
            custom.display = True
            if not custom.value:
                custom.value = str(self.interview.minutes_asked)
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
        if minutes != self.interview.minutes_asked:
            self.interview.minutes_asked = minutes
            self.plan.minutes_asked = minutes
            self._changed("interview")
            self._refresh_budget()

    # -- goals and introduction ----------------------------------------------------------------

    @on(TextArea.Changed)
    def _text_changed(self, event: TextArea.Changed) -> None:
        field = event.text_area.id
        text = clean(event.text_area.text)
        if field == "prepare-goals":
            self.interview.goals = text
        elif field == "prepare-research":
            self.interview.research = text
        elif field == "prepare-intro":
            self.interview.intro = text
            self._show_intro_length()
            self._keep_intro_length_in_view()
        else:
            return
        self._changed("interview")

    def _show_intro_length(self) -> None:
        length = estimate(self.interview.intro)
        self.query_one("#prepare-intro-length", Static).update(Content(length.label))
        advice = self.query_one("#prepare-intro-advice", Static)
        advice.update(Content(length.advice))
        advice.display = bool(length.advice)

    @on(events.DescendantFocus, "#prepare-intro")
    def _keep_intro_length_in_view(self) -> None:
        # On a short terminal the length and its advice sit below the fold; bring them up with
        # the introduction (after the layout has made room for the advice).
        group = self.query_one("#prepare-intro-group", Vertical)
        self.call_after_refresh(group.scroll_visible, animate=False, immediate=True)

    # -- the plan ------------------------------------------------------------------------------

    @on(SelectionList.SelectionToggled, "#prepare-sets")
    def _set_toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        set_id = event.selection.value
        question_set = self.app.catalogue.sets.get(set_id)
        if set_id in event.selection_list.selected:
            if question_set is not None:
                self.plan.tick_set(question_set)
        else:
            kept = sum(1 for q in self.plan.questions if q.source == set_id and q.picked)
            removed = self.plan.untick_set(set_id, self.app.catalogue.sets)
            title = question_set.title if question_set is not None else set_id
            said = f"Took out {removed} question{'s' if removed != 1 else ''} of {title}"
            if kept:
                said += f"; the {kept} you picked one by one stay{'s' if kept == 1 else ''}"
            self.notify(said + ".", markup=False, timeout=4)
        self._plan_changed()

    def _plan_changed(self, keep: str | None = None) -> None:
        self._changed("interview")
        self._refresh_plan(keep)

    def _refresh_plan(self, keep: str | None = None) -> None:
        plan_list = self.query_one("#prepare-plan", PlanList)
        if keep is None:
            keep = self._current_id()
        options = [
            Option(self._plan_line(number, question), id=question.id)
            for number, question in enumerate(self.plan.questions, start=1)
        ]
        plan_list.set_options(options)
        if not options:
            plan_list.add_option(
                Option(
                    Content.styled(
                        "No questions yet: tick a set above, or press o to write your own.", "dim"
                    ),
                    disabled=True,
                )
            )
        else:
            found = self._question(keep)
            plan_list.highlighted = self.plan.questions.index(found) if found else 0
        self._refresh_budget()

    @staticmethod
    def _plan_line(number: int, question: PlannedQuestion) -> Hanging:
        mark = Content.styled("must ", "bold $warning") if question.is_must else Content("     ")
        return Hanging(
            Content.assemble(Content(f"{number:>2}. "), mark),
            Content.assemble(
                literal(question.text), Content.styled(f"  {budget_of(question):g} min", "dim")
            ),
        )

    def _refresh_budget(self) -> None:
        budget = self.plan.budget(self.interview.minutes_asked)
        lines = [Content(budget.summary)]
        for warning in budget.warnings():
            lines.append(Content.styled(warning, "bold $warning"))
        self.query_one("#prepare-budget", Static).update(Content("\n").join(lines))

    def _question(self, question_id: str | None) -> Any:
        return next((q for q in self.plan.questions if q.id == question_id), None)

    def _current_id(self) -> str | None:
        plan_list = self.query_one("#prepare-plan", PlanList)
        if plan_list.highlighted is None or plan_list.option_count == 0:
            return None
        option = plan_list.get_option_at_index(plan_list.highlighted)
        return option.id if not option.disabled else None

    def action_toggle_must(self) -> None:
        question_id = self._current_id()
        if question_id is not None:
            self.plan.toggle_must(question_id)
            self._plan_changed(question_id)

    def action_remove_question(self) -> None:
        question_id = self._current_id()
        if question_id is None:
            return
        following = self.plan.following(question_id)
        taken = self.plan.take_out(question_id)
        if taken is None:
            return
        self._removed.append(taken)
        self._plan_changed(following)
        self.notify("Removed from the plan. z puts it back.", timeout=3, markup=False)

    def action_undo_remove(self) -> None:
        if not self._removed:
            self.notify("Nothing removed to put back.", timeout=3, markup=False)
            return
        index, question = self._removed.pop()
        self.plan.put_back(index, question)
        self._plan_changed(question.id)

    def action_move(self, step: int) -> None:
        question_id = self._current_id()
        if question_id is None:
            return
        if step < 0:
            self.plan.move_up(question_id)
        else:
            self.plan.move_down(question_id)
        self._plan_changed(question_id)

    def action_own_question(self) -> None:
        from coach.tui.screens.confirm import TextQuestionScreen

        after = self._current_id()

        def added(text: str | None) -> None:
            if text and text.strip():
                question = self.plan.write_own(text, after=after)
                self._plan_changed(question.id)

        self.app.push_screen(
            TextQuestionScreen("Your own question:", placeholder="What would you like to ask?"),
            added,
        )

    def action_add_questions(self) -> None:
        from coach.tui.screens.confirm import PickScreen

        candidates = self.plan.candidates(self.app.catalogue.sets)
        if not candidates:
            self.notify("Every question of the ticked sets is already in the plan.", markup=False)
            return
        choices = [
            (
                Content.assemble(
                    literal(question.text), Content.styled(f"  {question_set.title}", "dim")
                ),
                index,
            )
            for index, (question_set, question) in enumerate(candidates)
        ]
        after = self._current_id()

        def picked(chosen: list[int] | None) -> None:
            # Each goes after the one added before it, so the picks keep the order shown.
            cursor, last = after, None
            for index in chosen or []:
                question_set, question = candidates[index]
                planned = self.plan.add_from_set(question_set, question, after=cursor, picked=True)
                if planned is not None:
                    last = planned.id
                    if not is_closing(planned):
                        cursor = planned.id
            if last is not None:
                self._plan_changed(last)

        self.app.push_screen(
            PickScreen("Add questions to the plan (Space ticks, Enter adds):", choices), picked
        )

    # -- leaving -------------------------------------------------------------------------------

    def action_tab(self, tab_id: str) -> None:
        self.query_one("#prepare-tabs", TabbedContent).active = tab_id
        pane = self.query_one(f"#{tab_id}", TabPane)
        first = pane.query("Input, Select, TextArea, SelectionList").first()
        first.focus()

    def action_back(self) -> None:
        self._person_contact()
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
        planned = parse_when(self.interview.scheduled_at)
        now = self.app.clock.now()
        if planned is not None and planned - now > EARLY_START:
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
        if not self._date_ok:
            self.notify("The date is not saved: " + DATE_MESSAGE, severity="warning", markup=False)
        self._person_contact()
        self.interview.stage("prepare").ended = self._now()
        self._dirty.add("interview")
        self.save_now()
        from coach.tui.screens.live import LiveScreen

        # Replace Prepare so that ending the call and the debrief lead back to Home.
        self.app.switch_screen(LiveScreen(self.interview, clock=self.app.clock))


# Starting a call more than this long before its planned time asks first.
EARLY_START = timedelta(hours=1)
