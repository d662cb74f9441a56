"""Live: the screen in front of a person who is on a call right now.

Calm and legible: the current question large, what comes next, the clock against the time
asked, a pacing signal, the cue of the moment, and a notes editor that never loses focus. Every
key works while typing (no bare letters). Words typed here reach the drafts journal within
about a second and at every question change, so a crash loses at most the last second.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Footer, Static, TextArea

from coach.core.interview import FLAG_KINDS
from coach.core.live import LiveCall
from coach.core.plan import is_closing
from coach.services import calls
from coach.tui.literal import literal
from coach.tui.screens.saving import SavingScreen
from coach.tui.widgets.clock import CallStatus
from coach.tui.widgets.cue_box import CueBox
from coach.tui.widgets.earlier_notes import FLAG_LABELS, EarlierNotes
from coach.tui.widgets.goals_panel import GoalsPanel
from coach.tui.widgets.notes_area import NotesArea
from coach.tui.widgets.question_card import NextQuestion, QuestionCard
from coach.tui.widgets.save_banner import SaveBanner

if TYPE_CHECKING:
    from coach.tui.app import CoachApp


# While the clock runs with no typing, the journal still learns the time this often.
CLOCK_JOURNAL_SECONDS = 5.0


class LiveScreen(SavingScreen[None]):
    """One live call: renders a :class:`LiveCall` and turns keys into calls on it."""

    HELP = (
        "Live is for the call itself. Type notes at any time: the editor always has the "
        "keyboard, so every command uses Ctrl, Alt or a function key. Notes are saved every "
        "second and at every question change; if the app is closed or killed, the next start "
        "offers to resume the call with all but the last second of typing. Flags mark the "
        "line the cursor is on. Cues appear at the start (with why you asked for the call), "
        "five minutes before the time you asked for, and at that time. F9 shows your goals "
        "and introduction, and hides them again."
    )
    HELP_TITLE = "Live call"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall")]  # noqa: RUF012 (Screen declares it)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n,alt+down", "next", "Next", id="live.next", priority=True),
        Binding("ctrl+r,alt+up", "previous", "Back", id="live.previous", priority=True),
        # End and Help come early: on a narrow terminal the footer cuts from the right.
        Binding("f10,alt+e", "end_call", "End", id="live.end", priority=True),
        Binding("f1", "app.help", "Help", id="live.help", tooltip="Keys for the call"),
        Binding("ctrl+g,f2", "jump", "Go to", id="live.jump", priority=True),
        Binding("f3,alt+s", "skip", "Skip", id="live.skip", priority=True),
        Binding("ctrl+f,f8", "flag_menu", "Flag", id="live.flag", priority=True),
        Binding(
            "alt+r",
            "flag('referral')",
            "Flag referral",
            id="live.flag.referral",
            priority=True,
            show=False,
        ),
        Binding(
            "alt+a",
            "flag('advice')",
            "Flag advice",
            id="live.flag.advice",
            priority=True,
            show=False,
        ),
        Binding(
            "alt+o",
            "flag('opening')",
            "Flag opening",
            id="live.flag.opening",
            priority=True,
            show=False,
        ),
        Binding(
            "alt+q", "flag('quote')", "Flag quote", id="live.flag.quote", priority=True, show=False
        ),
        Binding("ctrl+o,f4", "add_question", "Add Q", id="live.add", priority=True),
        Binding(
            "f9,alt+g",
            "toggle_goals",
            "Goals",
            id="live.goals",
            priority=True,
            show=False,
            tooltip="Show or hide your goals and introduction",
        ),
        # One key, two names: the footer says what the key does now (one id, one remap).
        Binding("ctrl+t,f5", "clock('pause')", "Pause", id="live.pause", priority=True),
        Binding("ctrl+t,f5", "clock('resume')", "Resume", id="live.pause", priority=True),
        Binding("ctrl+s", "save_now", "Save notes now", id="live.save", priority=True, show=False),
    ]

    app: CoachApp

    def __init__(self, call: LiveCall) -> None:
        super().__init__()
        self.call = call
        self.interview = call.interview
        # A call that had started before this screen opened comes from its journal.
        self.recovered = call.started
        self._dirty = False
        self._ticker: Timer | None = None
        self._finished = False
        self._journaled_elapsed = 0.0

    # -- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield SaveBanner(
            "NOT SAVED — keep this window open; your notes are still here. ",
            id="live-save-error",
        )
        yield CallStatus(id="live-status")
        yield CueBox(id="live-cue")
        yield QuestionCard(id="live-question")
        yield NextQuestion(id="live-next")
        yield EarlierNotes(id="live-earlier")
        yield GoalsPanel(id="live-goals")
        notes = NotesArea(self.call.draft, id="live-notes", tab_behavior="focus")
        notes.border_title = "Notes"
        yield notes
        yield Static(literal(self.call.reminder), id="live-reminder", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    @property
    def notes(self) -> NotesArea:
        """The notes editor (always focused)."""
        return self.query_one("#live-notes", NotesArea)

    def on_mount(self) -> None:
        if self.interview.practice:
            self.add_class("-practice")
        if not self.call.started:
            self.call.start()
        elif self.recovered:
            self.notify(
                "Call recovered up to its last second: check the last note. "
                "The clock is paused: Ctrl+T resumes it.",
                title="Resumed",
                timeout=8,
            )
        self._record_change()
        self._ticker = self.set_interval(1.0, self._tick, name="live-tick")
        self.render_call()
        self.notes.move_cursor_to_end()
        self.notes.focus()

    def on_screen_resume(self) -> None:
        self.notes.focus()

    @property
    def call_running(self) -> bool:
        """True from the start of the call until it is ended (quitting asks first)."""
        return self.call.started and not self._finished

    def on_descendant_blur(self) -> None:
        # A click on the question or the clock must not take the keyboard away from the notes.
        if not self._finished and self.is_current:
            self.call_after_refresh(
                lambda: self.focused is None and self.is_current and self.notes.focus()
            )

    # -- rendering -----------------------------------------------------------------------------

    def render_call(self) -> None:
        """Bring every part of the screen up to date with the engine."""
        call = self.call
        self.query_one(CallStatus).show_call(
            self.interview.contact_name, self.interview.practice, call.progress()
        )
        current = call.current
        card = self.query_one("#live-question", QuestionCard)
        if current is None:
            card.show(
                "No question on screen",
                "All planned questions are done. Close the call when ready.",
            )
        else:
            index = call.questions.index(current) + 1
            # An unplanned question's section already says so ("Unplanned"): no tag twice.
            unplanned = current.source == "unplanned" and current.section.casefold() != "unplanned"
            tag = "must-ask" if current.is_must else ("unplanned" if unplanned else "")
            label = f"Question {index}" + (f" · {current.section}" if current.section else "")
            card.show(label, current.text, current.probes, tag)
        following = call.next_question
        self.query_one("#live-next", NextQuestion).show(
            following.text if following else None,
            closing_now=current is None or is_closing(current),
        )
        self._render_flags()
        self.query_one(CueBox).show(self.call.cue_on_screen())
        self._render_clock()

    def _render_flags(self) -> None:
        """The earlier notes and flags of the question on screen, and the marks in the editor."""
        current = self.call.current
        question_id = current.id if current is not None else None
        flags = [f for f in self.interview.flags if f.question_id == question_id]
        notes = self.interview.notes_for(question_id) if current is not None else []
        earlier = self.query_one(EarlierNotes)
        earlier.show(notes, flags if current is not None else [])
        if self.query_one(GoalsPanel).display:
            earlier.display = False  # the goals are shown in its place
        self.notes.mark_flagged(f.text for f in flags)

    def _render_clock(self) -> None:
        call = self.call
        self.query_one(CallStatus).show_clock(
            call.elapsed(), self.interview.minutes_asked, call.paused
        )
        # The pacing signal sits on the question card's lower edge: where the eyes already are.
        pacing = call.pacing()
        card = self.query_one("#live-question", QuestionCard)
        card.border_subtitle = Content(pacing.label)
        card.set_class(pacing.state == "on_track", "-on-track")
        card.set_class(pacing.state == "tight", "-tight")
        card.set_class(pacing.state == "behind", "-behind")

    # -- the notes and the journal -------------------------------------------------------------

    @on(TextArea.Changed, "#live-notes")
    def _sync_draft(self) -> None:
        """The engine holds the draft: take the editor's text now (each change, and before
        anything that reads the draft: a Changed message may still be queued behind a key).
        The journal catches up on the next second's tick."""
        if self._finished or self.call.ended or not self.is_mounted:
            return
        text = self.notes.text
        if text != self.call.draft:
            self.call.set_draft(text)
            self._dirty = True

    def flush_draft(self, *, from_editor: bool = True) -> None:
        """Hand the draft (and any new events) to the journal now, if anything changed.

        ``from_editor`` first takes the editor's text as the draft; a question change passes
        False because the editor still shows the previous question's text at that point.
        """
        if from_editor:
            self._sync_draft()
        if not self._dirty and not self.call.has_new_events():
            return
        self._dirty = False
        self._journaled_elapsed = self.call.elapsed()
        calls.keep(self.app.store, self.call)

    def _record_change(self) -> None:
        """After a question change or another event: journal now and save the interview."""
        self._dirty = True
        self.flush_draft(from_editor=False)
        calls.save(self.app.store, self.call)

    def _tick(self) -> None:
        if self._finished:
            return
        fired = self.call.tick()
        if self.call.elapsed() - self._journaled_elapsed >= CLOCK_JOURNAL_SECONDS:
            # Records carry the call's elapsed time: a quiet spell is journaled too, so a
            # recovered clock is at most this far behind even when nobody typed.
            self._dirty = True
        self.flush_draft()
        if fired:
            calls.save(self.app.store, self.call)
        self.query_one(CueBox).show(self.call.cue_on_screen())
        self._render_clock()

    def save(self) -> None:
        """Quit, SIGHUP or SIGTERM: the draft to the journal, the interview to the store."""
        if self._finished:
            return
        self._dirty = True
        self.flush_draft()
        calls.save(self.app.store, self.call)

    # -- keys ----------------------------------------------------------------------------------

    def _change_question(self, move: Callable[[], object]) -> None:
        self._sync_draft()
        move()
        self.notes.load_text(self.call.draft)
        self._record_change()
        self.render_call()

    def action_next(self) -> None:
        if self.call.current is None:
            self.notify("That was the last question. F10 ends the call.", timeout=4)
            return
        self._change_question(self.call.next)

    def action_previous(self) -> None:
        self._change_question(self.call.previous)

    def action_skip(self) -> None:
        if self.call.current is None:
            return
        self._change_question(self.call.skip)

    def action_jump(self) -> None:
        from coach.tui.widgets.question_picker import QuestionPicker

        picker = QuestionPicker(
            self.call.questions,
            self.interview.live.current_id,
            self.interview.asked,
            self.interview.skipped,
        )

        def jump_to(question_id: str | None) -> None:
            if (
                question_id is None
                or self.call.ended
                or question_id == self.interview.live.current_id
            ):
                return
            self._change_question(lambda: self.call.jump(question_id))

        self.app.push_screen(picker, jump_to)

    def action_add_question(self) -> None:
        from coach.tui.screens.confirm import TextQuestionScreen

        self._sync_draft()
        self.app.push_screen(
            TextQuestionScreen(
                "A question that came up. It goes in after this one, and what you type next is "
                "noted under it:",
                placeholder="Your question",
            ),
            self._add_question,
        )

    def _add_question(self, text: str | None) -> None:
        if not text or self.call.ended:
            return
        self._change_question(lambda: self.call.add_unplanned(text))
        # The notes move with the question: say so, and how to go back, so that the next line
        # typed is not a surprise under the wrong heading.
        self.notify("Notes now go under your new question. Ctrl+R goes back.", timeout=5)

    def action_flag(self, kind: str) -> None:
        if kind not in FLAG_KINDS or self.call.ended:
            return
        self._sync_draft()
        line = self.notes.line_at_cursor()
        if not line:
            self.notify("Type the line first, then flag it.", timeout=4)
            return
        self.call.flag(kind, line)
        self._record_change()
        self._render_flags()
        # The line is the person's own text: shown as typed, never read as markup.
        shown = literal(line).plain
        self.notify(f"Flagged as {FLAG_LABELS[kind]}: {shown}", timeout=3, markup=False)

    def action_flag_menu(self) -> None:
        from coach.tui.screens.confirm import ChoiceScreen

        self._sync_draft()
        line = self.notes.line_at_cursor()
        if not line:
            self.notify("Type the line first, then flag it.", timeout=4)
            return
        answers = [(FLAG_LABELS[kind].capitalize(), kind) for kind in FLAG_KINDS]
        question = Content.assemble(Content("Flag this line as…\n"), literal(line, style="italic"))
        self.app.push_screen(
            ChoiceScreen(question, answers, title="Flag"),
            lambda kind: None if kind is None else self.action_flag(kind),
        )

    def action_toggle_goals(self) -> None:
        panel = self.query_one(GoalsPanel)
        panel.show(self.interview)
        panel.display = not panel.display
        self._render_flags()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clock":
            # Only the binding that would change something is live (and in the footer).
            return (parameters == ("resume",)) == self.call.paused
        return True

    def action_clock(self, want: str) -> None:
        if self.call.ended or (want == "resume") != self.call.paused:
            return
        self._sync_draft()
        paused = self.call.toggle_pause()
        self._record_change()
        self._render_clock()
        self.refresh_bindings()
        self.notify("Clock paused." if paused else "Clock running.", timeout=2)

    def action_save_now(self) -> None:
        self._dirty = True
        self.flush_draft()
        self.notify("Notes saved.", timeout=2)

    def action_end_call(self) -> None:
        from coach.tui.screens.confirm import ChoiceScreen

        self._sync_draft()
        self.flush_draft()
        answers = [("End the call", True), ("Keep going", False)]
        question = "End the call now and go to the debrief? Your notes are kept."
        self.app.push_screen(
            ChoiceScreen(question, answers, title="End call"),
            lambda confirmed: self.end_call() if confirmed else None,
        )

    def end_call(self) -> None:
        """Commit the draft, end the call, save, then open the debrief."""
        if self._finished:
            return
        self._sync_draft()
        self._finished = True
        if self._ticker is not None:
            self._ticker.stop()
        calls.end(self.app.store, self.call)
        from coach.tui.screens.debrief import DebriefScreen

        # The ticker stops with the screen; the debrief takes its place.
        self.app.switch_screen(DebriefScreen(self.interview))
