"""The small dialogs every screen uses: all answers reachable at 80×24, long choices readable."""

from __future__ import annotations

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
