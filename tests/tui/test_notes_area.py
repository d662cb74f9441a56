"""The live notes editor repaints only the rows a key changed; what is on screen must always
match a full repaint, whatever the edit."""

from __future__ import annotations

from textual.app import App, ComposeResult

from coach.tui.widgets.notes_area import NotesArea

WORDS = (
    "She moved from chemistry to product work after a year of support calls; the turning "
    "point was owning a release. "
)


class NotesApp(App[None]):
    def compose(self) -> ComposeResult:
        yield NotesArea("", id="notes")


def screen_text(app: App[None]) -> list[list[tuple[str, str]]]:
    # Text and style: the cursor and the cursor-line highlight are only styles.
    return [
        [(segment.text, str(segment.style)) for segment in strip]
        for strip in app.screen._compositor.render_strips()
    ]


async def assert_matches_full_repaint(app: App[None], pilot: object, step: str) -> None:
    await pilot.pause()  # type: ignore[attr-defined]
    shown = screen_text(app)
    app.query_one(NotesArea).refresh()
    await pilot.pause()  # type: ignore[attr-defined]
    assert shown == screen_text(app), f"stale rows after {step}"


async def test_every_kind_of_edit_leaves_the_screen_as_a_full_repaint_would() -> None:
    app = NotesApp()
    async with app.run_test(size=(50, 14)) as pilot:
        notes = app.query_one(NotesArea)
        notes.cursor_blink = False  # a blink between the two pictures is not a stale row
        notes.focus()
        steps: list[tuple[str, tuple[str, ...]]] = [
            ("typing a wrapping line", tuple(WORDS)),
            ("a new line", ("enter", *"second line")),
            ("moving up", ("up", "up")),
            ("typing mid-paragraph", tuple("XYZ ")),
            ("moving down and end", ("down", "end")),
            ("joining lines", ("home", "backspace")),
            ("deleting forward", ("delete", "delete")),
            ("selecting", ("shift+left", "shift+left", "shift+up")),
            ("typing over a selection", tuple("ok")),
            ("undo", ("ctrl+z",)),
            ("redo", ("ctrl+y",)),
            ("many lines to scroll", tuple("\n".join(["line"] * 20))),
            ("back to the top", ("ctrl+home",)),
            ("typing at the top", tuple("top ")),
        ]
        for step, keys in steps:
            await pilot.press(*("enter" if key == "\n" else key for key in keys))
            await assert_matches_full_repaint(app, pilot, step)
        notes.load_text("loaded text\nover two lines")
        await assert_matches_full_repaint(app, pilot, "load_text")


async def test_a_flagged_line_keeps_its_mark_through_edits_as_a_full_repaint_would() -> None:
    from coach.tui.widgets.notes_area import FLAG_MARK

    app = NotesApp()
    async with app.run_test(size=(50, 14)) as pilot:
        notes = app.query_one(NotesArea)
        notes.cursor_blink = False
        notes.focus()
        await pilot.press(*"first line", "enter", *"talk to Grace")
        notes.mark_flagged(["talk to Grace"])
        await assert_matches_full_repaint(app, pilot, "flagging")
        assert notes.is_flagged(1) and not notes.is_flagged(0)
        await pilot.press(*" at the navy, who hires", "enter", *"next")
        await assert_matches_full_repaint(app, pilot, "typing on after the flag")
        assert notes.is_flagged(1)
        await pilot.press("up", "home", "delete")
        await assert_matches_full_repaint(app, pilot, "changing the flagged words")
        assert not notes.is_flagged(1)
        rows = [strip.text for strip in app.screen._compositor.render_strips()]
        assert not any(row.startswith(FLAG_MARK) for row in rows)
