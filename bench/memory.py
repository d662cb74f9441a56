"""Peak memory: VmHWM of a fresh coach process once Home is up and once Live has taken notes.

Runs in its own interpreter (run.py starts it) so that nothing the harness loaded counts.
The app runs headless at 120x40 on a private copy of the data folder; the real-terminal
figure at Home comes from the cold-start runs under tmux, which read the same VmHWM.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path

from bench.coldstart import peak_rss_mb
from bench.typing import live_app, type_into


async def measure(data_folder: Path, keys: int) -> dict[str, float]:
    import os

    pid = os.getpid()
    result: dict[str, float] = {}
    async with live_app(
        data_folder, on_home=lambda: result.update(home_peak_rss_mb=peak_rss_mb(pid) or 0.0)
    ) as live:
        result["live_open_peak_rss_mb"] = peak_rss_mb(pid) or 0.0
        await type_into(live.app, live.text_area, keys)
        live.app.store.flush(30)
        result["live_typed_peak_rss_mb"] = peak_rss_mb(pid) or 0.0
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--keys", type=int, default=300)
    args = parser.parse_args(argv)
    print(json.dumps(asyncio.run(measure(args.data, args.keys))))


if __name__ == "__main__":
    main()
