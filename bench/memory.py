"""Peak memory: VmHWM of a fresh coach process at Home, with one interview open, and on Live.

Runs in its own interpreter (run.py starts it) so that nothing the harness loaded counts.
The app runs headless at 120x40. Steps, with VmHWM read after each:

1. Home, once the agenda worker has finished (``home_peak_rss_mb``);
2. one interview opened from Home the way a person opens it: the most recent finished
   conversation, on the screen Home opens for it (``interview_open_peak_rss_mb``), then
   closed again;
3. Live on a planned interview (``live_open_peak_rss_mb``), then ``--keys`` keys typed with
   the interview saved as a question change does (``live_typed_peak_rss_mb``).

``--in-place`` opens the given folder itself (a copy the harness made and opened once, so its
caches are current, as on a person's second and later starts); otherwise a private copy.
The real-terminal figure at Home comes from the cold-start runs under tmux, which read the
same VmHWM.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path
from typing import Any

from bench.coldstart import peak_rss_mb
from bench.typing import live_app, type_into


def newest_done(store: Any) -> str:
    """The id of the most recently held finished conversation, as Home lists it first."""
    from coach.core.outlook import build_outlook

    outlook = build_outlook(store.interview_summaries_view(), [])
    items = outlook.done or outlook.waiting or outlook.upcoming
    if not items:
        raise RuntimeError("the data folder holds no interview to open")
    return items[0].interview_id


async def measure(data_folder: Path, keys: int, in_place: bool = False) -> dict[str, float]:
    import os

    pid = os.getpid()
    result: dict[str, float] = {}

    async def open_one(app: Any, pilot: Any) -> None:
        from coach.tui.flow import open_interview

        await app.workers.wait_for_complete()
        await pilot.pause()
        result["home_peak_rss_mb"] = peak_rss_mb(pid) or 0.0
        home = app.screen
        open_interview(app, "done", newest_done(app.store))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if app.screen is home:
            raise RuntimeError("opening an interview from Home showed no screen")
        result["interview_open_peak_rss_mb"] = peak_rss_mb(pid) or 0.0
        app.pop_screen()
        await pilot.pause()

    async with live_app(data_folder, in_place=in_place, before_live=open_one) as live:
        result["live_open_peak_rss_mb"] = peak_rss_mb(pid) or 0.0
        await type_into(live.app, live.text_area, keys)
        live.app.store.flush(30)
        result["live_typed_peak_rss_mb"] = peak_rss_mb(pid) or 0.0
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--keys", type=int, default=300)
    parser.add_argument("--in-place", action="store_true")
    args = parser.parse_args(argv)
    print(json.dumps(asyncio.run(measure(args.data, args.keys, args.in_place))))


if __name__ == "__main__":
    main()
