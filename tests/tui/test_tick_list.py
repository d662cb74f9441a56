"""The tick boxes read without colour: an empty box is not ticked."""

from __future__ import annotations

from textual.app import App, ComposeResult

from coach.tui.widgets.tick_list import TickList


class Ticks(App[None]):
    def compose(self) -> ComposeResult:
        yield TickList[str](("Career changer", "cc", True), ("TIARA", "tiara"), id="ticks")


async def test_a_ticked_entry_shows_x_and_an_unticked_one_an_empty_box() -> None:
    app = Ticks()
    async with app.run_test(size=(40, 6)) as pilot:
        ticks = app.query_one("#ticks", TickList)
        lines = [ticks.render_line(y).text for y in range(2)]
        assert "▐X▌ Career changer" in lines[0]
        assert "▐ ▌ TIARA" in lines[1]
        await pilot.press("down", "space")
        await pilot.pause()
        assert "▐X▌ TIARA" in ticks.render_line(1).text
        assert ticks.selected == ["cc", "tiara"]
