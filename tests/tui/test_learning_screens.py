"""Search, the interview record, Side by side, Paths and Progress, driven by keys."""

from __future__ import annotations

from datetime import UTC, datetime

import learning_samples
from textual.widgets import Input, OptionList, Static

from coach.core.clock import FakeClock
from coach.core.interview import Interview, Note
from coach.services import paths as path_service
from coach.services.search import live_index
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.tui.app import CoachApp
from coach.tui.screens.help import HelpScreen
from coach.tui.screens.interview_record import InterviewRecordScreen
from coach.tui.screens.line_question import LineQuestionScreen
from coach.tui.screens.paths import PathsScreen
from coach.tui.screens.progress import ProgressScreen
from coach.tui.screens.search import SearchScreen
from coach.tui.screens.side_by_side import SideBySideScreen

NOW = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)


def text_of(widget: Static) -> str:
    return str(widget.render())


async def opened(app: CoachApp, pilot, screen) -> None:
    await app.push_screen(screen)
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def type_text(pilot, text: str) -> None:
    for char in text:
        await pilot.press("space" if char == " " else char)


def shown_people(screen: SearchScreen) -> list[tuple[str, str]]:
    assert screen.results is not None
    return [(m.person, m.field) for m in screen.results.matches]


async def test_search_results_follow_the_typing(data_paths: DataPaths, store: Store) -> None:
    learning_samples.fill(store)
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = SearchScreen()
        await opened(app, pilot, screen)
        assert "Type to search" in text_of(screen.query_one("#search-status", Static))
        await type_text(pilot, "analy")
        # The word being typed matches as a prefix: "analysts", "analyses".
        assert ("Dana Whitfield", "goals") in shown_people(screen)
        assert screen.query_one("#search-results", OptionList).option_count == 5
        await type_text(pilot, "sts")
        assert shown_people(screen) == [("Dana Whitfield", "goals"), ("Dana Whitfield", "debrief")]
        assert "2 results" in text_of(screen.query_one("#search-status", Static))


async def test_enter_opens_the_interview_read_only_at_the_matching_field(
    data_paths: DataPaths, store: Store
) -> None:
    learning_samples.fill(store)
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = SearchScreen()
        await opened(app, pilot, screen)
        await type_text(pilot, "clinicians trust")
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        record = app.screen
        assert isinstance(record, InterviewRecordScreen)
        assert (record.interview_id, record.field) == ("iv-dana", "debrief")
        assert "Dana Whitfield" in text_of(record.query_one("#record-heading", Static))
        matched = record.query_one(".-matched", Static)
        assert matched.id == "record-debrief"
        assert "Clinicians trust analysts" in text_of(matched)
        # In view: the matched part starts inside the visible region of the scroll.
        body = record.query_one("#record-body")
        assert body.scroll_y > 0
        assert matched.region.y >= body.region.y
        assert not record.query("Input, TextArea")
        await pilot.press("escape")
        assert app.screen is screen


async def test_enter_in_the_query_box_opens_the_first_result_at_once(
    data_paths: DataPaths, store: Store
) -> None:
    learning_samples.fill(store)
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = SearchScreen()
        await opened(app, pilot, screen)
        await type_text(pilot, "certificates")
        await pilot.press("enter")
        await pilot.pause()
        record = app.screen
        assert isinstance(record, InterviewRecordScreen)
        assert (record.interview_id, record.field) == ("iv-priya", "debrief")


async def test_a_query_that_cannot_be_read_says_why_and_markup_stays_text(
    data_paths: DataPaths, store: Store
) -> None:
    learning_samples.fill(store)
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = SearchScreen()
        await opened(app, pilot, screen)
        box = screen.query_one("#search-query", Input)
        box.value = '"typical week'
        await pilot.pause()
        assert "quote is not closed" in text_of(screen.query_one("#search-status", Static))
        box.value = "[bold]training[/]"
        await pilot.pause()
        (match,) = screen.results.matches
        assert match.snippet.text.startswith(
            "Mostly SQL and meetings; Fridays for [bold]training[/]"
        )
        box.value = "x" * 10_000
        await pilot.pause()
        assert "characters long" in text_of(screen.query_one("#search-status", Static))


async def test_search_sees_an_interview_saved_after_its_index_was_loaded(
    data_paths: DataPaths, store: Store
) -> None:
    learning_samples.fill(store)
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = SearchScreen()
        await opened(app, pilot, screen)
        assert live_index(store).ready
        later = Interview(id="iv-new", contact_name="Sam Lee", status="ended")
        later.notes.append(Note(None, 5, "Zeppelins are the future of freight"))
        store.save("interview", later.to_dict())
        await type_text(pilot, "zeppelin")
        assert shown_people(screen) == [("Sam Lee", "notes")]


async def test_side_by_side_shows_columns_at_120_wide_and_stacks_them_at_80(
    data_paths: DataPaths, store: Store
) -> None:
    learning_samples.fill(store)
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = SideBySideScreen()
        await opened(app, pilot, screen)
        blocks = list(screen.query(".side-answer"))
        assert len(blocks) == 3
        assert len({block.region.y for block in blocks}) == 1  # one row of columns
        assert "Honestly it is SQL" in text_of(blocks[2])
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        blocks = list(screen.query(".side-answer"))
        assert len({block.region.x for block in blocks}) == 1  # one under another
        assert blocks[0].region.y < blocks[1].region.y < blocks[2].region.y
        await pilot.press("down")
        await pilot.pause()
        people = [text_of(b).split("  ")[0] for b in screen.query(".side-answer")]
        assert people == ["Dana Whitfield", "Priya Nair"]


async def test_a_new_path_is_named_and_given_a_verdict(data_paths: DataPaths, store: Store) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = PathsScreen()
        await opened(app, pilot, screen)
        assert "No paths yet" in text_of(screen.query_one("#paths-empty", Static))
        await pilot.press("n")
        await pilot.press("enter")  # nothing typed
        dialog = app.screen
        assert isinstance(dialog, LineQuestionScreen)
        assert "needs a name" in text_of(dialog.query_one("#line-problem", Static))
        await type_text(pilot, "[b]Nursing[/b] informatics")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        (path,) = path_service.all_paths(store)
        assert path.title == "[b]Nursing[/b] informatics"
        await pilot.press("v")
        await type_text(pilot, "promising")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert path_service.get_path(store, path.id).verdict == "promising"
        detail = text_of(screen.query_one("#paths-detail-body", Static))
        assert "[b]Nursing[/b] informatics" in detail
        assert "Verdict: promising" in detail


async def test_the_paths_screen_shows_each_paths_summary(
    data_paths: DataPaths, store: Store
) -> None:
    learning_samples.fill(store)
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = PathsScreen()
        await opened(app, pilot, screen)
        listing = screen.query_one("#paths-list", OptionList)
        listing.highlighted = 1  # by title: "[bold]Teaching…", "Data analysis…", "UX research"
        await pilot.pause()
        detail = text_of(screen.query_one("#paths-detail-body", Static))
        assert "2 held · 1 planned" in detail
        assert "3 → 4" in detail
        assert "What do junior analysts earn?" in detail
        assert "Publish two small analyses" in detail


async def test_progress_gives_every_plot_its_numbers_as_text(
    data_paths: DataPaths, store: Store
) -> None:
    learning_samples.fill(store)
    app = CoachApp(data_paths, store, clock=FakeClock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = ProgressScreen()
        await opened(app, pilot, screen)
        funnel = text_of(screen.query_one("#progress-funnel", Static))
        assert "held" in funnel and funnel.rstrip().endswith("2")
        weeks = text_of(screen.query_one("#progress-weeks", Static))
        assert "3 conversations in 12 weeks" in weeks
        assert "2/2" in weeks  # the week of Monday 2 February
        paths = text_of(screen.query_one("#progress-paths", Static))
        assert "3 → 4" in paths and "[bold]Teaching[/] online" in paths


async def test_f1_on_each_new_screen_lists_its_keys(data_paths: DataPaths, store: Store) -> None:
    learning_samples.fill(store)
    app = CoachApp(data_paths, store, clock=FakeClock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        for screen, key in (
            (SearchScreen(), "Practice runs"),
            (PathsScreen(), "Verdict"),
            (ProgressScreen(), "Refresh"),
            (SideBySideScreen(), "Back"),
            (InterviewRecordScreen("iv-dana"), "Back"),
        ):
            await opened(app, pilot, screen)
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            assert key in text_of(app.screen.query_one("#help-body", Static))
            await pilot.press("escape")
            await pilot.press("escape")
            await pilot.pause()
