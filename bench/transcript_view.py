"""The Debrief's Transcript tab on a long call: how soon it shows, and key-to-frame while reading.

Method, as ``bench/typing.py``: the real ``CoachApp`` runs headless (``App.run_test``) at 80x24,
the smallest common size, over a private data folder holding one interview and its stored
transcript of ``lines`` lines (``bench.transcript_bench``'s Teams export, read, named and lined
up by the call's timeline). ``App._display`` is wrapped: each frame is also rendered to escape
sequences (headless Textual skips the terminal write), and the clock stops at the first frame
produced once the thing measured has happened.

- **open**: the Debrief is pushed already on its Transcript tab (as the Agenda opens a tab);
  from the push to the first frame showing the lines. The stored transcript is read back in a
  worker, so this includes decoding every segment and wrapping every row.
- **tab**: with the Debrief open on Reflect and the transcript read, F10 is posted; until the
  first frame showing the tab.
- **keys**: ``pagedown`` and ``down`` posted one at a time (8 ms apart) while reading the
  call from top to bottom; each until the first frame after the cursor moved.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("TEXTUAL_FPS", "120")  # as coach's command line sets it

from textual import events

FRAME_TIMEOUT = 10.0
GAP = 0.008


class Frames:
    """Wraps ``app._display``: the time of the first frame after ``until()`` became true."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.until: Callable[[], bool] | None = None
        self.shown = asyncio.Event()
        self.at = 0.0
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is not None and hasattr(renderable, "render_segments"):
                renderable.render_segments(app.console)
            if self.until is not None and self.until():
                self.at = time.perf_counter()
                self.until = None
                self.shown.set()

        app._display = display

    async def after(self, act: Callable[[], Any], until: Callable[[], bool]) -> float:
        """Do ``act``; seconds until a frame is produced with ``until()`` true."""
        self.shown.clear()
        self.until = until
        began = time.perf_counter()
        result = act()
        if asyncio.iscoroutine(result):
            await result
        await asyncio.wait_for(self.shown.wait(), FRAME_TIMEOUT)
        return self.at - began


def _data_folder(root: Path, lines: int) -> str:
    """A data folder with one interview and its transcript of ``lines`` lines; its id."""
    from bench.transcript_bench import STUDENT, _plan_interview, teams_export
    from coach.core.transcript import align
    from coach.io.transcripts import read_transcript
    from coach.services.transcripts import timeline_of
    from coach.store.db import Store
    from coach.store.paths import DataPaths

    # A long call, at the pace of a real one: about 25 lines a minute.
    data, asked = teams_export(lines, minutes=lines / 25)
    interview = _plan_interview(asked)
    interview.stage("live").started = "2026-11-24T16:00:00+00:00"
    interview.stage("live").ended = "2026-11-24T19:20:00+00:00"
    read = read_transcript(data, "teams.vtt").with_me(STUDENT).from_file("teams.vtt")
    kept = align(read, interview.plan.questions, timeline_of(interview)).transcript
    with Store.open(DataPaths(root)) as store:
        store.save("interview", interview.to_dict())
        store.save("transcript", kept.for_interview(interview.id).to_dict())
    return interview.id


async def measure_view(lines: int, keys: int = 200, repeats: int = 5) -> dict[str, Any]:
    """Seconds to open the Debrief on its Transcript tab and to show the tab (``repeats``
    times each), and key-to-frame of ``keys`` keys, for a call of ``lines`` lines."""
    from coach.core.interview import Interview
    from coach.store.db import Store
    from coach.store.paths import DataPaths
    from coach.tui.app import CoachApp
    from coach.tui.screens.debrief import DebriefScreen
    from coach.tui.widgets.transcript_view import TranscriptView

    opened: list[float] = []
    tabs: list[float] = []
    pages: list[float] = []
    downs: list[float] = []
    with tempfile.TemporaryDirectory(prefix="coach-bench-view-") as folder:
        root = Path(folder) / "data"
        interview_id = _data_folder(root, lines)
        paths = DataPaths(root)
        with Store.open(paths) as store:
            app = CoachApp(paths, store)
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                frames = Frames(app)
                doc = store.get_interview(interview_id) or {}

                def shown(screen: Any) -> Callable[[], bool]:
                    def ready() -> bool:
                        views = screen.query(TranscriptView)
                        return bool(views) and views.first().line_count == lines

                    return ready

                for _ in range(repeats):
                    on_tab = DebriefScreen(Interview.from_dict(doc), tab="tab-transcript")
                    opened.append(
                        await frames.after(lambda s=on_tab: app.push_screen(s), shown(on_tab))
                    )
                    await pilot.press("escape")
                    await pilot.pause()

                for _ in range(repeats):
                    screen = DebriefScreen(Interview.from_dict(doc))
                    await app.push_screen(screen)
                    while not shown(screen)():
                        await pilot.pause()
                    await pilot.pause()
                    switch = screen.query_one("#debrief-tabs")

                    def on_transcript(switch: Any = switch) -> bool:
                        return bool(switch.active == "tab-transcript")

                    tabs.append(
                        await frames.after(
                            lambda: app.post_message(events.Key("f10", None)), on_transcript
                        )
                    )
                    await pilot.pause()
                    if len(tabs) < repeats:
                        await pilot.press("escape")
                        await pilot.pause()

                view = screen.query_one(TranscriptView)
                for index in range(keys):
                    key, into = ("pagedown", pages) if index % 4 == 0 else ("down", downs)
                    before = view.cursor

                    def moved(before: int | None = before) -> bool:
                        return view.cursor != before

                    into.append(
                        await frames.after(
                            lambda key=key: app.post_message(events.Key(key, None)), moved
                        )
                    )
                    await asyncio.sleep(GAP)
                    if view.cursor == view.last_line:
                        await pilot.press("home")  # read it again from the top
                        await pilot.pause()
    return {"lines": lines, "open": opened, "tab": tabs, "pagedown": pages, "down": downs}
