"""The Search screen: key to first results on screen, and the UI while the index loads.

    python -m bench.search_screen [--size 10000] [--rounds 5] [--quick]

Method, as bench/typing.py does for Live: coach runs headless (``App.run_test``) at 120x40 on
a private copy of the synthetic data folder, with the Search screen open. Each keystroke is a
``textual.events.Key`` posted to the app's queue; ``App._display`` is wrapped, renders each
frame's update to escape sequences (so building the frame is in the figure), and stops the
clock at the first frame after the screen drew new results (``SearchScreen.drawn``). Searches
typed letter by letter: a word, two words, a phrase and a prefix, ``--rounds`` times.

Before typing it measures the index load the screen starts in a worker: how long until
results can show (the cache file deleted first, so the index is built: the worst case), and
the longest gap between two ticks of a 10 ms UI timer meanwhile (what a person would feel as
a stall; it stays small because the build runs off the UI thread). Prints one JSON object.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.typing import IdleClock, key_event

TYPED = ("mentor feedback", '"customer growth"', "strat", "design -market")
FRAME_TIMEOUT = 5.0


class ResultsClock:
    """Notes when a frame shows results drawn after a key."""

    def __init__(self, app: Any, screen: Any) -> None:
        self.app, self.screen = app, screen
        self.watching: int | None = None
        self.shown = asyncio.Event()
        self.frame_time = 0.0
        self.idle_clock = IdleClock()
        self.frame_idle = 0.0
        original = app._display

        def display(target: Any, renderable: Any) -> None:
            original(target, renderable)
            if renderable is not None and hasattr(renderable, "render_segments"):
                renderable.render_segments(app.console)
            if self.watching is not None and screen.drawn != self.watching:
                self.frame_time = time.perf_counter()
                self.frame_idle = self.idle_clock.idle
                self.watching = None
                self.shown.set()

        app._display = display

    async def press(self, char: str) -> tuple[float, float]:
        self.shown.clear()
        self.watching = self.screen.drawn
        start = time.perf_counter()
        idle_before = self.idle_clock.idle
        self.app.post_message(key_event(char))
        await asyncio.wait_for(self.shown.wait(), FRAME_TIMEOUT)
        elapsed = self.frame_time - start
        return elapsed, max(0.0, elapsed - (self.frame_idle - idle_before))


async def measure(folder: Path, rounds: int) -> dict[str, Any]:
    from textual.widgets import Input

    from coach.store.db import Store
    from coach.store.paths import DataPaths
    from coach.store.search_cache import cache_file
    from coach.tui.app import CoachApp
    from coach.tui.screens.search import SearchScreen

    scratch = Path(tempfile.mkdtemp(prefix="coach-bench-search-screen-"))
    try:
        root = scratch / "data"
        shutil.copytree(folder, root)
        paths = DataPaths(root)
        cache_file(paths).unlink(missing_ok=True)
        gc.disable()
        store = Store.open(paths)
        try:
            app = CoachApp(paths, store, settle_gc=True)
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.pause()
                ticks: list[float] = []
                timer = app.set_interval(0.01, lambda: ticks.append(time.perf_counter()))
                screen = SearchScreen()
                started = time.perf_counter()
                await app.push_screen(screen)
                await app.workers.wait_for_complete()
                await pilot.pause()
                ready = time.perf_counter() - started
                timer.stop()
                gaps = [b - a for a, b in itertools.pairwise(ticks)]
                box = screen.query_one("#search-query", Input)
                clock = ResultsClock(app, screen)
                latencies: list[float] = []
                processing: list[float] = []
                for _ in range(rounds):
                    for text in TYPED:
                        box.value = ""
                        await pilot.pause()
                        for char in text:
                            latency, busy = await clock.press(char)
                            latencies.append(latency)
                            processing.append(busy)
                            await asyncio.sleep(0.03)
                total = screen.results.total if screen.results else 0
        finally:
            store.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return {
        "index_ready_s": round(ready, 3),
        "longest_ui_gap_while_loading_ms": round(max(gaps, default=0.0) * 1000, 2),
        "ui_ticks_while_loading": len(ticks),
        "key_to_results": latencies,
        "processing": processing,
        "last_total": total,
    }


def main(argv: list[str] | None = None) -> None:
    import argparse
    import json

    from bench.run import data_folder, machine, summary

    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="100 interviews, 1 round")
    args = parser.parse_args(argv)
    size, rounds = (100, 1) if args.quick else (args.size, args.rounds)
    notes: list[str] = []
    folder = data_folder(size, notes)
    raw = asyncio.run(measure(folder, rounds))
    print(
        json.dumps(
            {
                "machine": machine(),
                "interviews": size,
                "keys": len(raw["key_to_results"]),
                "key_to_results_ms": summary(raw["key_to_results"]),
                "processing_ms": summary(raw["processing"]),
                "index_ready_s": raw["index_ready_s"],
                "longest_ui_gap_while_loading_ms": raw["longest_ui_gap_while_loading_ms"],
                "ui_ticks_while_loading": raw["ui_ticks_while_loading"],
                "notes": notes,
            }
        )
    )


if __name__ == "__main__":
    main()
