"""Side by side: pick a question and read every conversation's answer to it together."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from coach.core.interview import Interview
from coach.core.side_by_side import (
    Answer,
    SharedQuestion,
    answers,
    shared_questions,
    transcripts_by_interview,
)
from coach.tui.literal import literal
from coach.tui.screens import SCREEN_RULES

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

#: From this width each conversation is a column of its own; narrower, one under another.
COLUMNS_FROM = 120
# A column narrower than this is hard to read: more conversations scroll sideways instead.
COLUMN_WIDTH = 32


def answer_body(answer: Answer) -> Content:
    """One conversation under the question: who and when, the notes, what was said."""
    lines: list[Content] = [
        Content.assemble(
            literal(answer.person or "(no name)", style="bold"),
            Content.styled(f"  {answer.date}", "dim"),
        )
    ]
    lines += [Content.assemble("• ", literal(note)) for note in answer.notes]
    if answer.transcript:
        lines.append(Content.styled("From the transcript", "italic dim"))
        lines += [
            Content.assemble(literal(f"{speaker}: ", style="dim"), literal(text))
            for speaker, text in answer.transcript
        ]
    return Content("\n").join(lines)


class SideBySideScreen(Screen[None]):
    """Questions asked in more than one place, and the answers under the highlighted one."""

    CSS_PATH = SCREEN_RULES

    HELP_TITLE = "Side by side"
    HELP = (
        "Every question you have notes under, most answered first. The answers to the "
        "highlighted one are shown together, oldest conversation first: the notes you wrote "
        "while it was on screen and, where a transcript was imported, what was said. A "
        "question from a question set is the same question in every interview; your own "
        "questions match when their words do. Columns side by side from 120 columns wide, "
        "one under another below that. Practice runs are left out. Tab moves between the "
        "questions and the answers."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="side.back", tooltip="Back to where you were"),
    ]

    app: CoachApp

    def __init__(self) -> None:
        super().__init__()
        self.interviews: list[Interview] = []
        self.transcripts: dict[str, Mapping[str, Any]] = {}
        self.questions: list[SharedQuestion] = []
        self.shown: list[Answer] = []
        self._drawn_as: tuple[str, bool] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content.styled("Reading your conversations…", "dim"), id="side-status")
        yield OptionList(id="side-questions")
        yield VerticalScroll(id="side-answers")
        yield Footer()

    def on_mount(self) -> None:
        self._read()

    @work(thread=True, exclusive=True, group="side-by-side")
    def _read(self) -> None:
        store = self.app.store
        talks = [Interview.from_dict(doc) for doc in store.interviews()]
        transcripts = transcripts_by_interview(store.all("transcript"))
        found = shared_questions(talks, transcripts)
        self.app.call_from_thread(self._show_questions, talks, transcripts, found)

    def _show_questions(
        self,
        talks: list[Interview],
        transcripts: dict[str, Mapping[str, Any]],
        found: list[SharedQuestion],
    ) -> None:
        self.interviews, self.transcripts, self.questions = talks, transcripts, found
        listing = self.query_one("#side-questions", OptionList)
        listing.clear_options()
        listing.add_options(
            [
                Option(
                    Content.assemble(
                        literal(q.text),
                        Content.styled(
                            f"  {q.conversations} conversation"
                            + ("s" if q.conversations != 1 else ""),
                            "dim",
                        ),
                    ),
                    id=str(n),
                )
                for n, q in enumerate(found)
            ]
        )
        status = self.query_one("#side-status", Static)
        if not found:
            status.update(
                "No answers yet: notes written under a question during a call show up here."
            )
            return
        status.update(Content.styled("Pick a question; its answers show below.", "dim"))
        listing.highlighted = 0
        listing.focus()
        self._show_answers()

    @on(OptionList.OptionHighlighted, "#side-questions")
    def _show_answers(self) -> None:
        listing = self.query_one("#side-questions", OptionList)
        if listing.highlighted is None or not self.questions:
            return
        question = self.questions[listing.highlighted]
        self.shown = answers(question.key, self.interviews, self.transcripts)
        self._drawn_as = None
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        listing = self.query_one("#side-questions", OptionList)
        if listing.highlighted is None or not self.questions:
            return
        wide = self.size.width >= COLUMNS_FROM
        key = (self.questions[listing.highlighted].key, wide)
        if key == self._drawn_as:
            return
        self._drawn_as = key
        area = self.query_one("#side-answers", VerticalScroll)
        area.remove_children()
        blocks = [Static(answer_body(a), classes="side-answer") for a in self.shown]
        if wide:
            room = area.content_region.width or self.size.width - 4
            # Shared equally while each gets a readable width; beyond that they scroll sideways.
            fits = len(blocks) * COLUMN_WIDTH <= room
            for block in blocks:
                block.styles.width = "1fr" if fits else COLUMN_WIDTH
            area.mount(Horizontal(*blocks, classes="side-columns"))
        else:
            area.mount_all(blocks)

    def action_back(self) -> None:
        self.dismiss(None)
