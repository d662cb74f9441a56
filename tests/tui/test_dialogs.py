"""The small dialogs every screen uses: all answers reachable at 80×24, long choices readable."""

from __future__ import annotations

import pytest
from textual.content import Content
from textual.widgets import Button, SelectionList, Static

from coach.tui.app import CoachApp
from coach.tui.screens.confirm import ChoiceScreen, PickScreen


async def test_five_answers_all_fit_on_an_80_column_screen(data_paths, store) -> None:
    answers = [(label, label.lower()) for label in ("Call", "Message", "Reply", "News", "Other")]
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        results: list[str | None] = []
        await app.push_screen(ChoiceScreen("What happened?", answers), results.append)
        await pilot.pause()
        buttons = list(app.screen.query(Button).results())
        assert len(buttons) == 5
        for button in buttons:
            assert button.region.width > 0 and button.region.right <= 80
            assert button.region.bottom <= 24
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert results == ["reply"]


async def test_the_picker_shows_the_highlighted_choice_whole(data_paths, store) -> None:
    long = "How much do formal qualifications matter here, compared with experience? " * 2
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(PickScreen("Add:", [(Content("short"), 1), (Content(long), 2)]))
        await pilot.pause()
        app.screen.query_one(SelectionList).focus()
        await pilot.press("down")
        await pilot.pause()
        detail = str(app.screen.query_one("#pick-detail", Static).render())
        assert " ".join(detail.split()) == " ".join(long.split())


async def test_a_screen_opened_after_a_failed_save_shows_the_not_saved_banner(
    data_paths, store
) -> None:
    from coach.core.contact import Contact
    from coach.tui.screens.request import RequestScreen
    from coach.tui.widgets.save_banner import SaveBanner

    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        app.save_state = "Not saved: No space left on device [bold]x[/]"
        screen = RequestScreen(Contact(name="Kim"))
        await app.push_screen(screen)
        await pilot.pause()
        banner = screen.query_one(SaveBanner)
        assert banner.has_class("-visible")
        assert "No space left on device [bold]x[/]" in str(banner.render())
        app.save_state = None
        await pilot.pause()
        assert not banner.has_class("-visible")


async def test_f1_in_a_dialog_explains_the_dialog_and_esc_returns_to_it(data_paths, store) -> None:
    from coach.tui.screens.confirm import TextQuestionScreen
    from coach.tui.screens.help import HelpScreen

    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        for dialog in (
            ChoiceScreen("Keep it?", [("Yes", True), ("No", False)]),
            TextQuestionScreen("Who were you referred to?"),
        ):
            await app.push_screen(dialog)
            await pilot.pause()
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            body = str(app.screen.query_one("#help-body", Static).render())
            assert dialog.HELP.split(".")[0] in body
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is dialog
            await pilot.press("escape")
            await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_long_answers_are_stacked_rather_than_cut_off(
    data_paths, store, size: tuple[int, int]
) -> None:
    answers = [
        ("Resume the call", "resume"),
        ("Put the recovered notes aside and open the debrief", "discard"),
        ("Cancel", "cancel"),
    ]
    app = CoachApp(data_paths, store)
    async with app.run_test(size=size) as pilot:
        await app.push_screen(ChoiceScreen[str]("Resume the call with Ada?", answers))
        await pilot.pause()
        box = app.screen.query_one(".confirm-box").content_region
        for button in app.screen.query(Button):
            region = button.region
            assert box.x <= region.x and region.right <= box.right, str(button.label)
            assert region.width >= len(str(button.label)) + 2
        # Short answers still sit side by side.
        app.screen.dismiss(None)
        await pilot.pause()
        await app.push_screen(ChoiceScreen[str]("Sure?", [("Yes", 1), ("No", 0)]))
        await pilot.pause()
        first, second = app.screen.query(Button)
        assert first.region.y == second.region.y
