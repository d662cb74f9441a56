"""What the Debrief's Transcript tab looks like at the smallest common size (80×24) and a roomy
one (120×40): the talk line, the coaching point, the lines under each question beside the notes
taken then, a flagged line, and the cursor."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from coach.core.clock import FakeClock
from coach.core.interview import Flag, Interview, Note, PlannedQuestion, QuestionPlan
from coach.services import transcripts
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.tui.app import CoachApp
from coach.tui.screens.debrief import DebriefScreen

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "transcripts"
JOSE = "José M. Ortega"
PLAN = [
    PlannedQuestion(id="path/into", text="How did you get into healthcare data science?"),
    PlannedQuestion(id="day/typical", text="What does a typical day look like in your role?"),
    PlannedQuestion(id="skills/first", text="Which skills matter most for someone starting out?"),
    PlannedQuestion(id="close/who-else", text="Who else should I talk to?"),
]


@pytest.fixture
def store(data_paths: DataPaths) -> Iterator[Store]:
    with Store.open(data_paths) as opened:
        yield opened


def debrief_with_transcript(store: Store, sample: str) -> DebriefScreen:
    interview = Interview(
        id="iv-snap",
        contact_name="Dr. Zoë O'Neil",
        contact_org="St Olave's Hospital",
        status="ended",
        plan=QuestionPlan(["s"], list(PLAN)),
    )
    interview.stage("live").started = "2026-11-24T16:00:00+00:00"
    interview.stage("live").ended = "2026-11-24T16:20:00+00:00"
    interview.notes = [
        Note("path/into", 30.0, "nurse first; SQL course in the evenings"),
        Note("close/who-else", 130.0, "Priya — informatics"),
    ]
    kept = transcripts.keep(
        store, interview, transcripts.read_file(FIXTURES / sample).with_me(JOSE)
    ).transcript
    # The last line Zoë says is flagged: a referral in the Zoom call, advice in the other.
    last = [s for s in kept.segments if s.speaker != JOSE][-1]
    kind = "referral" if "Priya" in last.text else "advice"
    interview.flags = [
        Flag(kind, last.question_id, last.start, last.text, transcript_at=last.start)
    ]
    return DebriefScreen(interview, clock=FakeClock(datetime(2026, 11, 24, 16, 25, tzinfo=UTC)))


async def on_the_transcript_tab(pilot: Any) -> None:
    await pilot.pause()
    await pilot.press("f10")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_the_transcript_tab_shows_the_talk_and_the_lines_under_each_question(
    snap_compare: Any, theme: str, data_paths: DataPaths, store: Store, size: tuple[int, int]
) -> None:
    app = CoachApp(data_paths, store)
    app.theme = theme

    async def open_it(pilot: Any) -> None:
        await pilot.app.push_screen(debrief_with_transcript(store, "zoom_crlf_bom.vtt"))
        await on_the_transcript_tab(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_it)


def test_the_transcript_tab_gives_the_coaching_point_and_the_flagged_line_at_80_by_24(
    snap_compare: Any, theme: str, data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    app.theme = theme

    async def open_it(pilot: Any) -> None:
        await pilot.app.push_screen(debrief_with_transcript(store, "names.txt"))
        await on_the_transcript_tab(pilot)
        await pilot.press("end")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_it)


def test_the_transcript_tab_before_any_import_at_80_by_24(
    snap_compare: Any, theme: str, data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    app.theme = theme

    async def open_it(pilot: Any) -> None:
        interview = Interview(id="iv-none", contact_name="Dr. Zoë O'Neil", status="ended")
        interview.stage("live").ended = "2026-11-24T16:20:00+00:00"
        screen = DebriefScreen(
            interview, clock=FakeClock(datetime(2026, 11, 24, 16, 25, tzinfo=UTC))
        )
        await pilot.app.push_screen(screen)
        await on_the_transcript_tab(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_it)
