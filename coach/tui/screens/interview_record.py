"""One conversation read-only, whole: what Search opens, scrolled to the field that matched."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from coach.core.debrief import PROMPTS, call_notes
from coach.core.interview import Interview
from coach.core.paths import path_of
from coach.core.search import Query, QueryProblem, field_of, match_spans, parse_query
from coach.tui.literal import literal
from coach.tui.screens import SCREEN_RULES

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

# The parts of the record in the order a conversation produces them, with their headings.
PARTS: tuple[tuple[str, str], ...] = (
    ("goals", "Goals"),
    ("research", "Research"),
    ("intro", "Introduction"),
    ("notes", "Notes from the call"),
    ("flags", "Flagged lines"),
    ("transcript", "Transcript"),
    ("debrief", "Debrief"),
    ("actions", "Actions"),
    ("thank_you", "Thank-you"),
)


class InterviewRecordScreen(Screen[None]):
    """The record of one interview, nothing editable; ``section`` is the field to show first
    and ``query`` the search whose words are highlighted."""

    CSS_PATH = SCREEN_RULES

    HELP_TITLE = "Interview record"
    HELP = (
        "The whole record of one conversation, as saved: goals, research, introduction, "
        "notes under each question, flagged lines, the transcript, the debrief, actions and "
        "the thank-you. Nothing here can be changed; the words you searched for are "
        "highlighted. Arrows and Page Up/Down scroll."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="record.back", tooltip="Back to the results"),
        Binding("home", "top", "Top", id="record.top", show=False),
    ]

    app: CoachApp

    def __init__(self, interview_id: str, *, section: str = "", query: str = "") -> None:
        super().__init__()
        self.interview_id = interview_id
        self.field = field_of(section) if section else ""
        self.query_text = query
        try:
            self.parsed: Query | None = parse_query(query) if query else None
        except QueryProblem:
            self.parsed = None

    def compose(self) -> ComposeResult:
        yield Header()
        # Outside the scrolling part: whose record this is stays in view at the match.
        yield Static("", id="record-heading")
        yield VerticalScroll(id="record-body")
        yield Footer()

    def on_mount(self) -> None:
        body = self.query_one("#record-body", VerticalScroll)
        doc = self.app.store.get_interview(self.interview_id)
        heading = self.query_one("#record-heading", Static)
        if doc is None:
            heading.update("This interview is no longer there.")
            return
        interview = Interview.from_dict(doc)
        heading.update(self._heading(interview))
        transcript = self._transcript()
        for name, title in PARTS:
            lines = self._part(interview, name, transcript)
            if not lines:
                continue
            block = Content("\n").join([Content.styled(title, "bold underline"), *lines])
            classes = "record-part -matched" if name == self.field else "record-part"
            body.mount(Static(block, id=f"record-{name}", classes=classes))
        body.focus()
        self.call_after_refresh(self._show_match)

    def _show_match(self) -> None:
        found = self.query(f"#record-{self.field}") if self.field else None
        if found:
            self.query_one("#record-body", VerticalScroll).scroll_to_widget(
                found.first(), animate=False, top=True
            )

    def _heading(self, interview: Interview) -> Content:
        parts = [literal(interview.contact_name or "(no name)", style="bold")]
        if interview.contact_org:
            parts.append(literal(interview.contact_org))
        when = interview.stage("live").started or interview.scheduled_at or interview.created_at
        parts.append(Content((when or "")[:10]))
        parts.append(Content(interview.status + (" · practice" if interview.practice else "")))
        path_id = path_of(interview)
        path = self.app.store.get("path", path_id) if path_id else None
        if path is not None:
            parts.append(Content.assemble("path: ", literal(str(path.get("title") or ""))))
        return Content(" · ").join(parts)

    def _transcript(self) -> Mapping[str, Any] | None:
        for doc in self.app.store.all("transcript"):
            if doc.get("interview_id") == self.interview_id:
                return doc
        return None

    def _text(self, text: str, indent: str = "") -> Content:
        """Outside text as written, with the searched words highlighted."""
        content = literal(text)
        if self.parsed is not None and len(content.plain) == len(text):
            for start, end in match_spans(text, self.parsed):
                content = content.stylize("reverse bold", start, end)
        return Content.assemble(indent, content) if indent else content

    def _part(
        self, interview: Interview, name: str, transcript: Mapping[str, Any] | None
    ) -> list[Content]:
        if name in ("goals", "research", "intro"):
            text = getattr(interview, name).strip()
            return [self._text(text)] if text else []
        if name == "notes":
            lines: list[Content] = []
            for group in call_notes(interview):
                heading = group.question or "Outside any question"
                lines.append(literal(heading, style="italic"))
                lines += [self._text(note.text, "  • ") for note in group.notes]
            return lines
        if name == "flags":
            return [
                Content.assemble(Content.styled(f"{flag.kind:<9}", "dim"), self._text(flag.text))
                for flag in interview.flags
                if flag.text
            ]
        if name == "transcript":
            return self._transcript_lines(transcript)
        if name == "debrief":
            return self._debrief_lines(interview)
        if name == "actions":
            return [
                Content.assemble(
                    "☑ " if action.done_at else "☐ ",
                    self._text(action.text),
                    Content.styled(f"  (by {action.due})", "dim"),
                )
                for action in interview.actions
            ]
        thanks = interview.thank_you
        if not thanks.text.strip():
            return []
        sent = f"sent {thanks.sent_at[:10]}" if thanks.sent_at else "not sent yet"
        return [self._text(thanks.text.strip()), Content.styled(sent, "dim")]

    def _transcript_lines(self, transcript: Mapping[str, Any] | None) -> list[Content]:
        segments = transcript.get("segments") if transcript else None
        if not isinstance(segments, list):
            return []
        lines: list[Content] = []
        for segment in segments:
            if not isinstance(segment, Mapping) or not isinstance(segment.get("text"), str):
                continue
            speaker = segment.get("speaker")
            who = literal(f"{speaker}: " if isinstance(speaker, str) else "", style="dim")
            lines.append(Content.assemble(who, self._text(segment["text"])))
        return lines

    def _debrief_lines(self, interview: Interview) -> list[Content]:
        lines: list[Content] = []
        for prompt in PROMPTS:
            if prompt.field == "interest":
                value = interview.debrief.interest
                answer = f"{value} of 5" if value is not None else ""
                shown = Content(answer)
            else:
                answer = str(getattr(interview.debrief, prompt.field)).strip()
                shown = self._text(answer, "  ")
            if answer:
                lines += [Content.styled(prompt.text, "italic"), shown]
        return lines

    def action_top(self) -> None:
        self.query_one("#record-body", VerticalScroll).scroll_home(animate=False)

    def action_back(self) -> None:
        self.dismiss(None)
