from __future__ import annotations

import subprocess
import sys

from textual.widgets import OptionList, Static

from coach.store.db import Store
from coach.tui.app import CoachApp
from coach.tui.screens.home import FIRST_RUN, HomeScreen

MARKUP_NAME = "[bold]Ada[/] [@click=app.quit]quit[/] \x1b[31mred\x1b[0m"


async def test_first_run_says_what_to_do_first(data_paths):
    with Store.open(data_paths) as store:
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            intro = app.screen.query_one("#home-intro", Static)
            assert intro.display
            text = str(intro.render())
            assert "Press n" in text and "practice" in text
            assert FIRST_RUN.count("\n") >= 2


async def test_home_lists_interviews_with_names_shown_literally(data_paths):
    with Store.open(data_paths) as store:
        store.put_interview(
            {
                "id": "iv1",
                "status": "planned",
                "contact_name": MARKUP_NAME,
                "scheduled_at": "2026-12-01T10:00:00+00:00",
            }
        )
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            options = app.screen.query_one("#home-list", OptionList)
            prompts = [
                str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
            ]
            line = next(p for p in prompts if "Ada" in p)
            assert "[bold]Ada[/] [@click=app.quit]quit[/]" in line
            assert "\x1b" not in line
            await pilot.click(OptionList)
            await pilot.pause()
            assert app.is_running


async def test_f1_shows_the_keys_of_the_current_screen(data_paths):
    with Store.open(data_paths) as store:
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f1")
            await pilot.pause()
            from coach.tui.screens.help import HelpScreen

            assert isinstance(app.screen, HelpScreen)
            body = str(app.screen.query_one("#help-body", Static).render())
            assert "New interview" in body and "Practice" in body
            await pilot.press("escape")
            assert isinstance(app.screen, HomeScreen)


def test_a_second_coach_on_the_same_data_folder_is_refused_with_exit_2(data_paths):
    with Store.open(data_paths):
        result = subprocess.run(
            [sys.executable, "-m", "coach", "--data-dir", str(data_paths.root)],
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("coach: ") and len(result.stderr.strip().splitlines()) == 1


def test_a_mistyped_command_is_one_line_on_stderr_with_exit_2():
    result = subprocess.run(
        [sys.executable, "-m", "coach", "sest", "list"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "coach: No such command 'sest'. (see `coach --help`)"
    ]


async def test_a_long_history_shows_a_bounded_list_with_a_count_of_the_rest(data_paths):
    from coach.tui.screens.home import ROWS_PER_SECTION

    with Store.open(data_paths) as store:
        for i in range(ROWS_PER_SECTION + 7):
            store.put_interview({"id": f"iv{i}", "status": "ended", "contact_name": f"P{i}"})
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            options = app.screen.query_one("#home-list", OptionList)
            prompts = [
                str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
            ]
            people = [p for p in prompts if "waiting for your debrief" in p]
            assert len(people) == ROWS_PER_SECTION
            assert any("and 7 more" in p for p in prompts)
