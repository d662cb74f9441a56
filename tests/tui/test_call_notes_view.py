"""The call's notes in the Debrief: flagged lines marked as in the call, wrapped lines under
their text, and a note of megabytes laid out only where it is read."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from textual.app import App, ComposeResult

from coach.core.clock import FakeClock
from coach.core.debrief import NotesUnder
from coach.core.interview import Flag, Interview, Note, PlannedQuestion, QuestionPlan
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.tui.app import CoachApp
from coach.tui.screens.debrief import DebriefScreen
from coach.tui.widgets.call_notes_view import PIECE, CallNotesView, NoteRow, note_rows
from coach.tui.widgets.notes_area import FLAG_MARK

LONG = (
    "Came from nursing after six years on the wards, then a data course at night, then a "
    "junior analyst role that nobody else wanted because it meant sitting with clinicians."
)


def test_a_flagged_line_carries_the_mark_the_notes_editor_gives_it():
    note = Note("q1", 30, "Most move in from support\nTalk to my colleague Luis Ortega\nthanks")
    rows = note_rows(
        [NotesUnder("How did you start?", [note])],
        [Flag("referral", "q1", 40, "Talk to my colleague Luis Ortega")],
    )
    assert [row.lead + row.text for row in rows] == [
        "How did you start?",
        "  00:30  Most move in from support",
        f"{FLAG_MARK}       Talk to my colleague Luis Ortega",
        "         thanks",
    ]
    assert [row.kind for row in rows] == ["heading", "", "flagged", ""]


def test_a_line_flagged_under_another_question_is_not_marked_here():
    note = Note("q1", 30, "Talk to Luis")
    rows = note_rows([NotesUnder("Q", [note])], [Flag("referral", "q2", 40, "Talk to Luis")])
    assert rows[1].kind == ""


def test_a_line_longer_than_a_piece_is_cut_at_spaces_and_loses_no_word():
    words = " ".join(f"word{n}" for n in range(3000))
    rows = note_rows([NotesUnder("Q", [Note("q1", 5, words)])], [])[1:]
    assert len(rows) > 1 and all(len(row.text) <= PIECE for row in rows)
    assert "".join(row.text for row in rows) == words
    assert {row.lead for row in rows[1:]} == {" " * len(rows[0].lead)}


class NotesApp(App[None]):
    def __init__(self, rows: list[NoteRow]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield CallNotesView(self.rows, id="view")


async def test_wrapped_lines_of_a_note_line_up_under_its_text_not_under_the_time():
    rows = note_rows([NotesUnder("Q", [Note("q1", 30, LONG)])], [])
    app = NotesApp(rows)
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        view = app.query_one(CallNotesView)
        lines = [strip.text.rstrip() for strip in app.screen._compositor.render_strips()]
        body = [line for line in lines if line.strip()][1:]
        assert body[0].startswith("  00:30  Came from nursing")
        assert len(body) > 2
        assert all(line.startswith(" " * 9) and line[9] != " " for line in body[1:])
        assert view.virtual_size.height == len(body) + 1


@pytest.fixture
def store(data_paths: DataPaths) -> Iterator[Store]:
    with Store.open(data_paths) as opened:
        yield opened


@pytest.mark.parametrize(
    "text",
    [
        "\n".join(
            f"line {n}: the analysts review clinical dashboards weekly" for n in range(60_000)
        ),
        " ".join("analysts review clinical dashboards weekly" for _ in range(100_000)),
    ],
    ids=["60000-lines", "one-4mb-line"],
)
async def test_a_note_of_megabytes_is_laid_out_only_where_it_is_read(
    data_paths: DataPaths, store: Store, text: str
) -> None:
    assert len(text) > 3_000_000
    question = PlannedQuestion("q1", "How did you start?")
    interview = Interview(
        id="iv-big", contact_name="Bea", status="ended", plan=QuestionPlan([], [question])
    )
    interview.notes = [Note("q1", 30, text + " THE-END")]
    interview.stage("live").started = "2026-03-04T14:00:00+00:00"
    interview.stage("live").ended = "2026-03-04T14:20:00+00:00"
    app = CoachApp(data_paths, store, clock=FakeClock(datetime(2026, 3, 4, 15, tzinfo=UTC)))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(DebriefScreen(interview))
        await pilot.pause()
        view = app.screen.query_one(CallNotesView)
        assert view.rows == []  # folded: nothing built yet
        await pilot.press("f9")
        await pilot.pause()
        assert view.rows and view.virtual_size.height >= len(view.rows)
        assert view.laid_out < 200  # only the rows near the screen are wrapped
        view.focus()
        await pilot.press("end")
        await pilot.pause()
        await pilot.pause()
        assert view.laid_out < 400
        shown = [strip.text for strip in app.screen._compositor.render_strips()]
        assert any("THE-END" in line for line in shown)
