"""The Transcript tab: import the call's transcript, see who did the talking, read it under each
question beside the notes taken then, and flag its lines as the call's notes are flagged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from coach.core.debrief_session import DebriefSession
from coach.core.interview import FLAG_KINDS
from coach.core.pacing import format_offset
from coach.core.transcript import Transcript, TranscriptError, talk_share
from coach.core.transcript.sections import by_question
from coach.io.pasted import pasted_path
from coach.services import transcripts
from coach.tui.literal import literal
from coach.tui.widgets.debrief import SessionEdited
from coach.tui.widgets.transcript_view import Row, TranscriptView

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

FLAG_NAMES = {
    "referral": "a referral",
    "advice": "advice to act on",
    "opening": "an opening",
    "quote": "a quote",
}
# Where a flag shows up once made, so the person knows where to look next.
FLAG_GOES = {
    "referral": "it is on People & actions (F3) to confirm",
    "advice": "it is an action on People & actions (F3)",
    "opening": "the Thank-you tab (F4) will ask whether to mention it",
    "quote": "coach's thank-you draft can quote it",
}
NONE_YET = (
    "No transcript for this call yet. Press i to import the file your call tool saved: "
    "Zoom, Microsoft Teams or other WebVTT, SubRip (.srt), Google Meet or Otter.ai text, "
    "or lines of 'Name: text'."
)
KEYS = "r referral · a advice · o opening · q quote (again: unflag) · w which is you"
IMPORT_QUESTION = "Path of the call's transcript file (paste or drag it here):"


class TranscriptTab(Vertical):
    """The transcript of the call, as kept for the interview, and what can be done with it."""

    HELP_NAME = "Transcript"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter,f",
            "flag_menu",
            "Flag…",
            id="debrief.transcript.flag",
            tooltip="Flag the line as a referral, advice, an opening or a quote",
        ),
        Binding(
            "r",
            "flag('referral')",
            "Referral",
            id="debrief.transcript.referral",
            show=False,
            tooltip="Flag the line as a referral (again: take the flag back)",
        ),
        Binding(
            "a",
            "flag('advice')",
            "Advice",
            id="debrief.transcript.advice",
            show=False,
            tooltip="Flag the line as advice to act on (again: take it back)",
        ),
        Binding(
            "o",
            "flag('opening')",
            "Opening",
            id="debrief.transcript.opening",
            show=False,
            tooltip="Flag the line as an opening (again: take it back)",
        ),
        Binding(
            "q",
            "flag('quote')",
            "Quote",
            id="debrief.transcript.quote",
            show=False,
            tooltip="Flag the line as a quote (again: take it back)",
        ),
        Binding(
            "i",
            "import",
            "Import",
            id="debrief.transcript.import",
            tooltip="Import the call's transcript from a file (or replace this one)",
        ),
        Binding(
            "w",
            "who",
            "Who is you",
            id="debrief.transcript.who",
            show=False,
            tooltip="Say which speaker is you",
        ),
    ]

    app: CoachApp

    def __init__(self, session: DebriefSession, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session = session
        #: The transcript kept for the interview, once read (None: there is none).
        self.transcript: Transcript | None = None

    def compose(self) -> ComposeResult:
        yield Static(NONE_YET, id="transcript-talk")
        yield Static("", id="transcript-coaching")
        yield TranscriptView(id="transcript-view")
        yield Static(Content.styled(KEYS, "dim"), id="transcript-keys")
        with Horizontal(classes="button-row", id="transcript-buttons"):
            yield Button("Import a transcript… (i)", id="transcript-import")

    def on_mount(self) -> None:
        self.set_class(True, "-none")
        self._load()

    @property
    def view(self) -> TranscriptView:
        """The lines of the call."""
        return self.query_one(TranscriptView)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Flagging and naming the user need a transcript: until then only import is offered.
        return self.transcript is not None or action not in ("flag", "flag_menu", "who")

    def focus_first(self) -> None:
        """Focus what the tab is for now: the lines, or the import button while there are none."""
        if self.transcript is not None:
            self.view.focus()
        else:
            self.query_one("#transcript-import", Button).focus()

    # -- showing it ------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="transcript-load")
    def _load(self) -> None:
        # A long call's transcript is thousands of segments to read back: not on the UI thread.
        kept = transcripts.stored_transcript(self.app.store, self.session.interview.id)
        self.app.call_from_thread(self.show, kept)

    def show(self, transcript: Transcript | None, keep_line: int | None = None) -> None:
        """Show ``transcript`` (None: there is none), the cursor on ``keep_line`` if given."""
        self.transcript = transcript
        self.set_class(transcript is None, "-none")
        self.refresh_bindings()
        talk = self.query_one("#transcript-talk", Static)
        coaching = self.query_one("#transcript-coaching", Static)
        if transcript is None:
            talk.update(NONE_YET)
            coaching.display = False
            self.view.set_rows([])
            return
        share = talk_share(transcript)
        talk.update(
            Content.assemble(Content.styled("Talk: ", "bold"), literal(share.summary(compact=True)))
        )
        if share.coaching:
            coaching.update(Content.styled(share.coaching, "bold $text-warning"))
        elif transcript.me is None and transcript.named_speakers():
            coaching.update(Content.styled("Press w to say which speaker is you.", "dim"))
        else:
            coaching.update("")
        coaching.display = bool(share.coaching) or transcript.me is None
        self.view.set_rows(self._rows(transcript), keep_line)

    def _rows(self, transcript: Transcript) -> list[Row]:
        flags = self.session.line_flags(transcript)
        unplanned = set(transcript.unplanned)
        rows: list[Row] = []
        for part in by_question(self.session.interview, transcript):
            if rows:
                rows.append(Row(""))
            rows.append(Row.of((part.heading, "bold underline")))
            for note in part.notes:
                lead = f"  your note {format_offset(note.offset_s)}  "
                rows.append(Row.of((lead, "dim"), (note.text, "italic"), indent=len(lead)))
            for index in part.lines:
                rows.append(self._line_row(transcript, index, flags.get(index, []), unplanned))
        return rows

    def _line_row(
        self, transcript: Transcript, index: int, kinds: list[str], unplanned: set[int]
    ) -> Row:
        # Plain text and styles: the view makes Content (which drops control codes) only of
        # the rows on screen, so a call of 5,000 lines opens at once.
        segment = transcript.segments[index]
        lead = f"{format_offset(segment.start)}  "
        mine = transcript.me is not None and segment.speaker == transcript.me
        who = "You" if mine else segment.speaker or "Unnamed"
        parts = [(lead, "dim"), (who, "bold $text-accent" if mine else "bold"), (": ", "")]
        parts += [(f"⚑ {kind} ", "bold $text-warning") for kind in kinds]
        parts.append((segment.text, ""))
        if index in unplanned:
            parts.append(("  (a question not in your plan)", "italic dim"))
        return Row.of(*parts, line=index, indent=len(lead))

    # -- flagging a line -------------------------------------------------------------------------

    def _cursor_line(self) -> int | None:
        if self.transcript is None:
            self.notify("Import the call's transcript first (i).", timeout=4, markup=False)
            return None
        return self.view.cursor

    def action_flag(self, kind: str) -> None:
        line = self._cursor_line()
        transcript = self.transcript
        if line is None or transcript is None or kind not in FLAG_KINDS:
            return
        flagged = self.session.flag_line(transcript, line, kind)
        self.post_message(SessionEdited())
        kinds = self.session.line_flags(transcript).get(line, [])
        self.view.replace_row(self._line_row(transcript, line, kinds, set(transcript.unplanned)))
        if flagged:
            said = f"Flagged as {FLAG_NAMES[kind]}: {FLAG_GOES[kind]}."
        else:
            said = f"No longer flagged as {FLAG_NAMES[kind]}."
        self.notify(said, timeout=4, markup=False)

    def action_flag_menu(self) -> None:
        from coach.tui.screens.confirm import ChoiceScreen

        line = self._cursor_line()
        if line is None or self.transcript is None:
            return
        text = self.transcript.segments[line].text
        question = Content.assemble(Content("Flag this line as…\n"), literal(text, style="italic"))
        answers = [(FLAG_NAMES[kind].capitalize(), kind) for kind in FLAG_KINDS]

        def chosen(kind: str | None) -> None:
            if kind is not None:
                self.action_flag(kind)

        self.app.push_screen(ChoiceScreen[str](question, answers, title="Flag"), chosen)

    # -- importing -------------------------------------------------------------------------------

    @on(Button.Pressed, "#transcript-import")
    def action_import(self) -> None:
        from coach.tui.screens.confirm import TextQuestionScreen

        def typed(text: str | None) -> None:
            path = pasted_path(text or "")
            if path is not None:
                self.read_file(path)

        self.app.push_screen(
            TextQuestionScreen(IMPORT_QUESTION, placeholder="~/Downloads/meeting.vtt"), typed
        )

    @work(thread=True, exclusive=True, group="transcript-read")
    def read_file(self, path: Path) -> None:
        """Read the file off the UI thread, then ask what needs asking and keep it."""
        try:
            read = transcripts.settle_me(self.app.store, transcripts.read_file(path))
        except TranscriptError as error:
            self.app.call_from_thread(self._refused, str(error))
            return
        self.app.call_from_thread(self._read, read)

    def _refused(self, message: str) -> None:
        self.notify(
            f"{message}\nNothing was imported.",
            title="Not a transcript coach can read",
            severity="error",
            timeout=12,
            markup=False,
        )

    def _read(self, read: Transcript) -> None:
        if transcripts.needs_me(read):
            self._ask_who(read, self._replace_or_keep, cancel="Nothing was imported.")
        else:
            self._replace_or_keep(read)

    def _ask_who(
        self, transcript: Transcript, then: Callable[[Transcript], None], cancel: str = ""
    ) -> None:
        from coach.tui.screens.confirm import ChoiceScreen

        speakers = transcripts.choices(transcript)
        answers = [(f"{s.name} · {round(s.share * 100)}% of the talk", s.name) for s in speakers]
        answers.append(("None of them", ""))

        def chosen(name: str | None) -> None:
            if name is None:
                if cancel:
                    self.notify(cancel, timeout=4, markup=False)
                return
            then(transcript.with_me(name or None))

        question = (
            "Your share of the talk is measured from it, and the questions you asked are "
            "found among your lines."
        )
        self.app.push_screen(
            ChoiceScreen[str](question, answers, title="Which one is you?"), chosen
        )

    def _replace_or_keep(self, read: Transcript) -> None:
        from coach.tui.screens.confirm import ChoiceScreen

        existing = self.transcript
        if existing is None:
            self._keep(read, replace=False)
            return

        def answered(replace: bool | None) -> None:
            if replace:
                self._keep(read, replace=True)
            else:
                self.notify("Kept the transcript there is.", timeout=4, markup=False)

        question = Content.assemble(
            Content("This call has a transcript already ("),
            literal(_described(existing)),
            Content("). Replace it with "),
            literal(_described(read)),
            Content("? Lines you flagged stay in your lists."),
        )
        # Keeping comes first: Enter pressed by habit must not throw a transcript away.
        answers = [("Keep the one there is", False), ("Replace it", True)]
        self.app.push_screen(ChoiceScreen[bool](question, answers, title="Replace?"), answered)

    def action_who(self) -> None:
        transcript = self.transcript
        if transcript is None or not transcript.named_speakers():
            self.notify("This transcript does not name its speakers.", timeout=4, markup=False)
            return

        def chosen(named: Transcript) -> None:
            self._keep(named, replace=True)

        self._ask_who(transcript, chosen)

    @work(thread=True, exclusive=True, group="transcript-keep")
    def _keep(self, transcript: Transcript, *, replace: bool) -> None:
        interview = self.session.interview
        try:
            kept = transcripts.keep(self.app.store, interview, transcript, replace=replace)
        except transcripts.TranscriptExists as exists:
            self.app.call_from_thread(self.notify, str(exists), severity="error", markup=False)
            return
        self.app.call_from_thread(self._kept, kept)

    def _kept(self, kept: transcripts.Imported) -> None:
        self.show(kept.transcript, self.view.cursor if kept.replaced else None)
        self.view.focus()
        report = kept.report()
        self.notify("\n".join(report[:2]), title="Transcript", timeout=8, markup=False)


def _described(transcript: Transcript) -> str:
    count = len(transcript.segments)
    what = f"{transcript.format_name}, {count} line{'s' if count != 1 else ''}"
    return f"{transcript.source}: {what}" if transcript.source else what
