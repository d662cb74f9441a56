"""Resizing the terminal mid-call: the notes on screen are the notes in the editor."""

from __future__ import annotations

from coach.core.live import LiveCall
from coach.tui.app import CoachApp
from coach.tui.screens.live import LiveScreen

NOTE = (
    "She told me about a public meeting where the council argued for an hour. "
    "Last words typed right before quit."
)


def notes_rows(screen: LiveScreen) -> list[str]:
    notes = screen.notes
    region = notes.content_region
    strips = screen.app.screen._compositor.render_strips()
    return [strip.text[region.x : region.right].rstrip() for strip in strips][
        region.y : region.bottom
    ]


async def test_after_a_resize_every_word_of_the_notes_is_still_on_screen(
    data_paths, store, fake_clock, make_interview
):
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = LiveScreen(LiveCall(make_interview(), fake_clock))
        await app.push_screen(screen)
        await pilot.pause()
        screen.notes.cursor_blink = False
        screen.notes.insert(NOTE + "\nBad week = release slipped.")
        await pilot.press(*" more")  # and typed, so the row-level repaint has run
        for size in ((60, 20), (100, 30), (60, 20), (70, 22)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            shown = " ".join(" ".join(notes_rows(screen)).split())
            assert shown == " ".join(screen.notes.text.split()), size
