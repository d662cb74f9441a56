"""The Debrief's Transcript tab, driven by keys: import by path, which one is you, the coaching
point, flagging a line into the referrals, replacing, refusing, and a 5,000-line call."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList, Static

from coach.core.clock import FakeClock
from coach.core.interview import Flag, Interview, PlannedQuestion, QuestionPlan
from coach.core.thank_you import OPENING_PROMPT
from coach.core.transcript import Segment, Transcript
from coach.services import transcripts
from coach.store.db import YOUR_NAME, Store
from coach.store.paths import DataPaths
from coach.tui.app import CoachApp
from coach.tui.screens.confirm import ChoiceScreen, TextQuestionScreen
from coach.tui.screens.debrief import DebriefScreen
from coach.tui.widgets.transcript_view import TranscriptView

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "transcripts"
JOSE = "José M. Ortega"
ZOE = "Dr. Zoë O'Neil"
# The plan José made for his call with Zoë (as in tests/transcripts/transcript_samples.py).
PLAN = [
    PlannedQuestion(id="path/into", text="How did you get into healthcare data science?"),
    PlannedQuestion(id="day/typical", text="What does a typical day look like in your role?"),
    PlannedQuestion(id="skills/first", text="Which skills matter most for someone starting out?"),
    PlannedQuestion(
        id="trends/next", text="Where do you see the field going in the next five years?"
    ),
    PlannedQuestion(id="close/who-else", text="Who else should I talk to?"),
]
CLOCK = FakeClock(datetime(2026, 11, 24, 16, 40, tzinfo=UTC))


@pytest.fixture
def store(data_paths: DataPaths) -> Iterator[Store]:
    with Store.open(data_paths) as opened:
        yield opened


def zoe_interview() -> Interview:
    interview = Interview(
        id="iv-zoe", contact_name=ZOE, contact_org="St Olave's Hospital", status="ended"
    )
    interview.plan = QuestionPlan(["s"], list(PLAN))
    interview.stage("live").started = "2026-11-24T16:00:00+00:00"
    interview.stage("live").ended = "2026-11-24T16:20:00+00:00"
    return interview


async def open_transcript_tab(app: CoachApp, pilot: Any, interview: Interview) -> DebriefScreen:
    screen = DebriefScreen(interview, clock=CLOCK)
    await app.push_screen(screen)
    await pilot.pause()
    await pilot.press("f10")
    await settle(app, pilot)
    return screen


async def settle(app: CoachApp, pilot: Any) -> None:
    """Let the tab's workers (reading, keeping) finish and their results reach the screen."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def import_by_path(app: CoachApp, pilot: Any, typed: str) -> None:
    await pilot.press("i")
    await pilot.pause()
    assert isinstance(app.screen, TextQuestionScreen)
    app.screen.query_one("#confirm-input").value = typed  # type: ignore[attr-defined]
    await pilot.press("enter")
    await settle(app, pilot)


def talk_line(screen: DebriefScreen) -> str:
    return str(screen.query_one("#transcript-talk", Static).render())


def coaching_line(screen: DebriefScreen) -> str:
    coaching = screen.query_one("#transcript-coaching", Static)
    return str(coaching.render()) if coaching.display else ""


def shown_text(view: TranscriptView) -> list[str]:
    return [row.content.plain for row in view.rows]


async def test_a_transcript_imported_by_its_path_flags_a_line_that_joins_the_referrals(
    data_paths: DataPaths, store: Store
) -> None:
    store.set_meta(YOUR_NAME, "José Ortega")
    interview = zoe_interview()
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_transcript_tab(app, pilot, interview)
        assert "No transcript for this call yet" in talk_line(screen)

        # Pasted as a file manager does: a file:// address with its spaces escaped.
        await import_by_path(app, pilot, f"file://{FIXTURES / 'named.srt'}".replace(" ", "%20"))

        kept = transcripts.stored_transcript(store, "iv-zoe")
        assert kept is not None and kept.me == JOSE and kept.format == "srt"
        view = screen.query_one(TranscriptView)
        assert talk_line(screen).startswith("Talk: You ")
        assert "Who else should I talk to?" in shown_text(view)
        assert view.has_focus

        await pilot.press("end")  # Zoë's answer naming Priya is the last line
        await pilot.press("r")
        await pilot.pause()
        assert any(
            text.startswith("00:13  Dr. Zoë O'Neil: ⚑ referral ") for text in shown_text(view)
        )

        await pilot.press("f3")
        await pilot.pause()
        referrals = screen.query_one("#debrief-referrals", OptionList)
        first = str(referrals.get_option_at_index(0).prompt)
        assert "to check" in first and "Priya Natarajan" in first
        [flag] = interview.flags
        assert flag.kind == "referral" and flag.from_transcript

        screen.save_now()
        assert app.store.flush(10)
    stored = store.get_interview("iv-zoe")
    assert stored is not None
    assert stored["referrals"][0]["name"] == "Priya Natarajan"
    assert stored["flags"][0]["transcript_at"] == 13.5


async def test_when_it_is_not_known_which_speaker_you_are_the_debrief_asks_with_their_shares(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_transcript_tab(app, pilot, zoe_interview())
        await import_by_path(app, pilot, str(FIXTURES / "zoom_crlf_bom.vtt"))

        question = app.screen
        assert isinstance(question, ChoiceScreen)
        assert [label for label, _ in question.answers] == [
            f"{JOSE} · 30% of the talk",
            f"{ZOE} · 70% of the talk",
            "None of them",
        ]
        assert store.get("transcript", "iv-zoe") is None  # nothing kept before the answer
        await pilot.press("enter")  # José, the first
        await settle(app, pilot)

        kept = transcripts.stored_transcript(store, "iv-zoe")
        assert kept is not None and kept.me == JOSE
        assert talk_line(screen) == (
            f"Talk: You 30% · {ZOE} 70% · longest 0:11 · 5 questions asked"
        )
        # Under 40%: nothing to coach.
        assert coaching_line(screen) == ""


async def test_the_coaching_point_says_plainly_when_you_spoke_more_than_40_percent(
    data_paths: DataPaths, store: Store
) -> None:
    store.set_meta(YOUR_NAME, JOSE)
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_transcript_tab(app, pilot, zoe_interview())
        await import_by_path(app, pilot, str(FIXTURES / "names.txt"))

        assert coaching_line(screen) == (
            "You spoke 77% of the words; the people you ask should do most of the talking."
        )


async def test_importing_over_a_transcript_asks_first_and_keeping_comes_first(
    data_paths: DataPaths, store: Store
) -> None:
    store.set_meta(YOUR_NAME, JOSE)
    interview = zoe_interview()
    transcripts.keep(store, interview, transcripts.read_file(FIXTURES / "named.srt").with_me(JOSE))
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_transcript_tab(app, pilot, interview)
        assert "Who else should I talk to?" in shown_text(screen.query_one(TranscriptView))

        await import_by_path(app, pilot, str(FIXTURES / "otter.txt"))
        assert isinstance(app.screen, ChoiceScreen) and app.screen.title_text == "Replace?"
        await pilot.press("enter")  # by habit: keeps the one there is
        await settle(app, pilot)
        kept = transcripts.stored_transcript(store, "iv-zoe")
        assert kept is not None and kept.format == "srt"

        await import_by_path(app, pilot, str(FIXTURES / "otter.txt"))
        await pilot.press("right", "enter")  # Replace it
        await settle(app, pilot)
        kept = transcripts.stored_transcript(store, "iv-zoe")
        assert kept is not None and kept.format == "otter"
        assert talk_line(screen).startswith("Talk: You 33%")


async def test_a_file_that_is_no_transcript_is_refused_with_its_line_and_nothing_is_kept(
    data_paths: DataPaths, store: Store, tmp_path: Path
) -> None:
    csv = tmp_path / "Connections.csv"
    csv.write_text("First Name,Last Name,Company\nAda,Lovelace,Engines\n")
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_transcript_tab(app, pilot, zoe_interview())
        await import_by_path(app, pilot, f"'{csv}'")

        said = [str(n.message) for n in app._notifications]
        assert any(
            f"{csv}:1: comma-separated values (a CSV table), not a transcript" in message
            and "Nothing was imported." in message
            for message in said
        )
        assert store.get("transcript", "iv-zoe") is None
        assert app.screen is screen and "No transcript" in talk_line(screen)


async def test_before_any_transcript_only_importing_is_offered(
    data_paths: DataPaths, store: Store
) -> None:
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey

    interview = zoe_interview()
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_transcript_tab(app, pilot, interview)
        assert screen.focused is screen.query_one("#transcript-import")
        keys = {key.description for key in screen.query_one(Footer).query(FooterKey)}
        assert "Import" in keys and "Flag…" not in keys
        await pilot.press("r", "f", "w")
        await pilot.pause()
        assert interview.flags == [] and isinstance(app.screen, DebriefScreen)


async def test_enter_on_a_line_offers_every_kind_of_flag_and_a_flag_is_taken_back_the_same_way(
    data_paths: DataPaths, store: Store
) -> None:
    store.set_meta(YOUR_NAME, JOSE)
    interview = zoe_interview()
    transcripts.keep(store, interview, transcripts.read_file(FIXTURES / "named.srt").with_me(JOSE))
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_transcript_tab(app, pilot, interview)
        await pilot.press("end", "enter")
        await pilot.pause()
        menu = app.screen
        assert isinstance(menu, ChoiceScreen)
        assert [value for _, value in menu.answers] == ["referral", "advice", "opening", "quote"]
        await pilot.press("right", "enter")  # advice
        await pilot.pause()
        [action] = interview.actions
        assert action.kind == "advice" and "Priya Natarajan" in action.text

        await pilot.press("a")  # the same kind again: taken back
        await pilot.pause()
        assert interview.actions == [] and interview.flags == []


async def test_an_opening_flagged_is_asked_about_once_and_the_answer_shapes_the_draft(
    data_paths: DataPaths, store: Store
) -> None:
    interview = zoe_interview()
    interview.flags = [Flag("opening", None, 700.0, "a junior analyst post opens in March")]
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = DebriefScreen(interview, clock=CLOCK)
        await app.push_screen(screen)
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ChoiceScreen)
        assert str(question.question) == OPENING_PROMPT
        await pilot.press("enter")  # Yes, mention it
        await pilot.pause()
        assert interview.thank_you.mention_opening is True
        assert "I would like to apply for the opening you mentioned" in interview.thank_you.text

        await pilot.press("f2", "f4")
        await pilot.pause()
        assert app.screen is screen  # asked once
        screen.save_now()
        assert app.store.flush(10)

        await pilot.press("escape")
        await pilot.pause()
        again = Interview.from_dict(store.get_interview("iv-zoe") or {})
        await app.push_screen(DebriefScreen(again, clock=CLOCK))
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)  # answered before: not asked again
        assert "I would like to apply" in again.thank_you.text


def long_call(lines: int) -> Transcript:
    """A call of ``lines`` lines, half José's, half Zoë's, spread over the plan's questions."""
    segments = []
    for index in range(lines):
        speaker = JOSE if index % 2 == 0 else ZOE
        text = f"Line {index}: " + "a sentence about the work on the ward and the data " * 2
        question = PLAN[index * len(PLAN) // lines].id
        segments.append(Segment(index * 2.0, index * 2.0 + 1.8, speaker, text.strip(), question))
    return Transcript("teams", JOSE, tuple(segments), interview_id="iv-zoe", aligned_by="text")


async def test_a_5000_line_transcript_draws_only_the_rows_on_screen(
    data_paths: DataPaths, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.visual import Visual

    store.save("transcript", long_call(5000).to_dict())
    drawn: list[int] = []
    to_strips = Visual.to_strips

    def counting(widget: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(widget, TranscriptView):
            drawn.append(1)
        return to_strips(widget, *args, **kwargs)

    monkeypatch.setattr(Visual, "to_strips", staticmethod(counting))
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_transcript_tab(app, pilot, zoe_interview())
        view = screen.query_one(TranscriptView)
        assert view.line_count == 5000
        assert view.virtual_size.height > 5000  # every row wrapped and counted
        drawn.clear()
        for _ in range(10):
            await pilot.press("pagedown")
        await pilot.pause()
        # Ten pages of at most ~20 rows each: far from the 5,000 an eager list would draw.
        assert 0 < len(drawn) <= 10 * view.size.height * 2
        assert view.cursor is not None and view.cursor > 50
        await pilot.press("end", "q")
        await pilot.pause()
        assert [f.kind for f in screen.interview.flags] == ["quote"]
        assert screen.interview.flags[0].text.startswith("Line 4999:")
