"""Typing on Live: key-to-frame time, measured in-process.

Method: the app runs headless (``App.run_test``) at 120x40. For each keystroke the harness
posts a ``textual.events.Key`` to the app's message queue — the same queue the terminal
driver feeds — and starts a clock. ``App._display`` is wrapped: the first frame the
compositor produces after the notes' document has changed stops the clock. Headless Textual
skips writing to a terminal, so the wrapper renders that frame's update to escape sequences
(``render_segments``) to keep the cost of building the frame in the figure; only the write
to the terminal itself is missing. Textual paints on a 60 Hz grid (``TEXTUAL_FPS``), so even
an idle app shows a key 0-17 ms after it arrives.

Between keystrokes the harness waits ``GAP`` seconds (a fast typist), and every
``COMMIT_EVERY`` keys it saves the interview to the store, as a question change does — so
TinyDB commits run on the store's writer thread while typing goes on.

Named after what it measures; the module is only ever imported as ``bench.typing`` (run.py
keeps ``bench/`` itself off ``sys.path`` so the standard library's ``typing`` is not shadowed).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import shutil
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# What coach's command line sets before Textual is imported (coach/cli.py _tune_start_up):
# the bare TextArea floor below runs under the same frame cap.
os.environ.setdefault("TEXTUAL_FPS", "120")

from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.widgets import TextArea

GAP = 0.008
COMMIT_EVERY = 200
FRAME_TIMEOUT = 5.0

SAMPLE = (
    "She moved from bench chemistry to product work after a year of support calls; the "
    "turning point was owning a release. Ask about the on-call rota and who writes specs.\n"
)


def keystrokes(count: int) -> list[str]:
    """``count`` characters of note-like text (letters, punctuation, spaces, new lines)."""
    text = (SAMPLE * (count // len(SAMPLE) + 1))[:count]
    return list(text)


def key_event(char: str) -> events.Key:
    if char == "\n":
        return events.Key("enter", "\r")
    key = char if char.isalnum() else _character_to_key(char)
    return events.Key(key, char)


class IdleClock:
    """Time the event loop spends blocked waiting for something to do (in ``select``).

    Between a key and its frame the loop is either working or waiting, mostly for the frame
    timer; what is not waiting is the processing the key caused on the UI thread (handlers,
    layout, building the frame, and any garbage collection that ran meanwhile).
    """

    def __init__(self) -> None:
        self.idle = 0.0
        selector = asyncio.get_running_loop()._selector  # type: ignore[attr-defined]
        original = selector.select

        def select(timeout: float | None = None) -> Any:
            started = time.perf_counter()
            try:
                return original(timeout)
            finally:
                self.idle += time.perf_counter() - started

        selector.select = select


class FrameClock:
    """Wraps ``app._display`` to note when a frame showing a changed document is produced."""

    def __init__(self, app: App[Any], text_area: TextArea) -> None:
        self.app = app
        self.text_area = text_area
        self.watching: tuple[int, int] | None = None
        self.shown = asyncio.Event()
        self.frame_time = 0.0
        self.frame_idle = 0.0
        self.idle_clock = IdleClock()
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is not None and hasattr(renderable, "render_segments"):
                renderable.render_segments(app.console)
            if self.watching is not None and text_area.document.end != self.watching:
                self.frame_time = time.perf_counter()
                self.frame_idle = self.idle_clock.idle
                self.watching = None
                self.shown.set()

        app._display = display  # type: ignore[method-assign]

    async def press(self, char: str) -> tuple[float, float]:
        """Post one key; seconds until a frame shows it, and how much of that was processing."""
        self.shown.clear()
        self.watching = self.text_area.document.end
        start = time.perf_counter()
        idle_before = self.idle_clock.idle
        self.app.post_message(key_event(char))
        await asyncio.wait_for(self.shown.wait(), FRAME_TIMEOUT)
        elapsed = self.frame_time - start
        return elapsed, max(0.0, elapsed - (self.frame_idle - idle_before))


async def type_into(
    app: App[Any],
    text_area: TextArea,
    count: int,
    every_commit: Callable[[], None] | None = None,
    between: Callable[[], Awaitable[None]] | None = None,
) -> dict[str, list[float]]:
    """Type ``count`` keys into ``text_area`` (which must have focus); key-to-frame seconds,
    and the UI thread's processing time within each."""
    clock = FrameClock(app, text_area)
    latencies: list[float] = []
    processing: list[float] = []
    for index, char in enumerate(keystrokes(count)):
        if every_commit is not None and index and index % COMMIT_EVERY == 0:
            every_commit()
        latency, busy = await clock.press(char)
        latencies.append(latency)
        processing.append(busy)
        if between is not None:
            await between()
        await asyncio.sleep(GAP)
    return {"key_to_frame": latencies, "processing": processing}


class BareTextAreaApp(App[None]):
    """Calibration: a TextArea alone, to show what Textual itself costs per key."""

    def compose(self) -> Any:
        yield TextArea(id="notes")


async def bare_textarea(count: int) -> dict[str, list[float]]:
    """Key-to-frame of a lone TextArea: the floor any screen is measured against."""
    app = BareTextAreaApp()
    async with app.run_test(size=(120, 40)) as pilot:
        text_area = app.query_one(TextArea)
        text_area.focus()
        await pilot.pause()
        result = await type_into(app, text_area, count)
        assert text_area.text.replace("\n", "") == "".join(keystrokes(count)).replace("\n", "")
    return result


# -- the real Live screen --------------------------------------------------------------------


@contextlib.asynccontextmanager
async def live_app(
    data_folder: Path,
    on_home: Callable[[], None] | None = None,
    *,
    in_place: bool = False,
    before_live: Callable[[Any, Any], Awaitable[None]] | None = None,
) -> AsyncIterator[LiveSession]:
    """coach on a private copy of ``data_folder``, headless at 120x40, with Live open.

    ``in_place`` opens ``data_folder`` itself (a copy made for this run, whose caches are
    current); ``before_live(app, pilot)`` runs on Home before Live is pushed.
    """
    from coach.core.interview import Interview
    from coach.core.live import LiveCall
    from coach.store.db import Store
    from coach.store.paths import DataPaths
    from coach.tui.app import CoachApp
    from coach.tui.screens.live import LiveScreen

    scratch = Path(tempfile.mkdtemp(prefix="coach-bench-live-"))
    try:
        if in_place:
            root = data_folder
        else:
            root = scratch / "data"
            shutil.copytree(data_folder, root)
        paths = DataPaths(root)
        # As coach's command line does: no cyclic GC during start-up, then freeze and resume
        # it after the first frame (CoachApp settle_gc).
        gc.disable()
        store = Store.open(paths)
        try:
            app = CoachApp(paths, store, settle_gc=True)
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.pause()
                if on_home is not None:
                    on_home()
                if before_live is not None:
                    await before_live(app, pilot)
                doc = pick_interview(store)
                interview = Interview.from_dict(doc)
                screen = LiveScreen(LiveCall(interview, app.clock))
                await app.push_screen(screen)
                await pilot.pause()
                text_area = app.focused
                if not isinstance(text_area, TextArea):
                    raise RuntimeError(f"Live opened with {text_area!r} focused, not the notes")
                yield LiveSession(app, pilot, screen, text_area, paths, interview)
                app.store.flush(30)
        finally:
            store.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


@dataclass
class LiveSession:
    app: Any
    pilot: Any
    screen: Any
    text_area: TextArea
    paths: Any
    interview: Any


def pick_interview(store: Any) -> dict[str, Any]:
    """A planned interview with a plan (what a person opens Live on), as a document."""
    fallback: dict[str, Any] | None = None
    for summary in store.interview_summaries():
        interview_id = summary["id"] if isinstance(summary, dict) else summary.id
        status = summary.get("status") if isinstance(summary, dict) else summary.status
        if status == "planned" or fallback is None:
            doc = store.get_interview(interview_id)
            doc = doc if isinstance(doc, dict) else doc.to_dict()
            if status == "planned":
                return dict(doc)
            fallback = dict(doc)
    if fallback is None:
        raise RuntimeError("the data folder holds no interviews")
    return fallback


async def typing_on_live(data_folder: Path, count: int) -> dict[str, Any]:
    """Type ``count`` keys into Live's notes while the store's writer commits the interview."""
    commits = 0
    async with live_app(data_folder) as live:

        def commit() -> None:
            nonlocal commits
            commits += 1
            # What a question change saves: the whole interview, draft included.
            call = getattr(live.screen, "call", None)
            doc = call.document() if call is not None else live.interview.to_dict()
            live.app.store.save("interview", doc)

        result = await type_into(live.app, live.text_area, count, every_commit=commit)
    return {**result, "commits": commits}


def main(argv: list[str] | None = None) -> None:
    import argparse
    import json

    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--keys", type=int, default=2000)
    args = parser.parse_args(argv)
    bare = asyncio.run(bare_textarea(min(args.keys, 500)))
    live = asyncio.run(typing_on_live(args.data, args.keys))
    print(
        json.dumps(
            {
                **live,
                "bare_textarea": bare["key_to_frame"],
                "bare_processing": bare["processing"],
            }
        )
    )


if __name__ == "__main__":
    main()
