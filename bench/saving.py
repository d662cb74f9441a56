"""Saving: what a keystroke costs the UI thread, how soon a note is on disk, and what one
full TinyDB commit of an interview costs at each history size.

- UI-thread cost per keystroke: the Live screen's handlers for a change in the notes (where
  the draft is updated, journaled and the save scheduled) are wrapped with a clock while
  keys are typed into the real screen; the figure is their time per keystroke.
- On disk: a unique word is typed into the notes; the clock runs from its last key until the
  word can be read back from the interview's journal under ``DATA/drafts``.
- Full commit: ``Store.save`` of one changed interview until the new file is durable (the
  writer's folder fsync), timed on a private copy of the data folder (in the app the store's
  writer thread does the disk part, never the UI).
- The floor of a commit on this host: writing and fsyncing as many bytes as one commit
  writes, into a fresh file in the same folder. A commit cannot cost less; the ratio of the
  two says how much the store adds on top of the disk.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.typing import live_app, pick_interview, type_into

DISK_POLL = 0.005
DISK_TIMEOUT = 10.0
NOTE = "a note of about three hundred characters, as taken during a call. " * 4


def full_commit(data_folder: Path, runs: int) -> tuple[list[float], list[float]]:
    """Seconds for saving one changed interview until it is durable, ``runs`` times; and the
    floor: seconds to write and fsync as many bytes into a fresh file, measured alternately
    with the commits so both see the same disk."""
    from coach.store.db import Store
    from coach.store.paths import DataPaths

    scratch = Path(tempfile.mkdtemp(prefix="coach-bench-commit-"))
    try:
        root = scratch / "data"
        shutil.copytree(data_folder, root)
        with Store.open(DataPaths(root)) as store:
            doc = pick_interview(store)
            seconds: list[float] = []
            floor: list[float] = []
            for index in range(runs + 1):
                notes = list(doc.get("notes") or [])
                notes.append({"text": f"{NOTE} ({index})", "at": "2026-01-01T10:00:00+00:00"})
                doc = {**doc, "notes": notes}
                started = time.perf_counter()
                store.save("interview", doc)
                store.sync()
                elapsed = store.durable_at() - started
                size = (root / "coach.json").stat().st_size
                if index:  # the first commit also warms the file cache
                    seconds.append(elapsed)
                    floor.append(write_floor(root, size))
            return seconds, floor
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def write_floor(folder: Path, size: int) -> float:
    """Seconds to write ``size`` bytes into a new file in ``folder`` and fsync it."""
    data = b"x" * size
    path = folder / ".coach-bench-floor"
    started = time.perf_counter()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    elapsed = time.perf_counter() - started
    os.unlink(path)
    return elapsed


def stock_commit(data_folder: Path, runs: int) -> dict[str, Any]:
    """The same kind of commit through stock TinyDB (bench/store_commit.py), for comparison."""
    from bench.store_commit import stock

    scratch = Path(tempfile.mkdtemp(prefix="coach-bench-stock-"))
    try:
        root = scratch / "data"
        shutil.copytree(data_folder, root)
        return stock(root, runs)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def note_handlers(screen_class: type) -> list[str]:
    """Names of the Live screen's methods that run when the notes change."""
    from textual.widgets import TextArea

    names = {
        name
        for name in ("on_text_area_changed", "_on_text_area_changed")
        if hasattr(screen_class, name)
    }
    decorated = getattr(screen_class, "_decorated_handlers", {})
    for method, _selectors in decorated.get(TextArea.Changed, []):
        names.add(method.__name__)
    return sorted(names)


def clocked(function: Callable[..., Any], sink: list[float]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            sink.append(time.perf_counter() - started)

    wrapper.__name__ = function.__name__
    wrapper.__wrapped__ = function  # type: ignore[attr-defined]
    return wrapper


def wrap_methods(screen_class: type, names: list[str], sink: list[float]) -> Callable[[], None]:
    """Clock ``names`` on ``screen_class`` (decorated handlers included); returns the undo."""
    originals = {
        name: screen_class.__dict__[name] for name in names if name in screen_class.__dict__
    }
    decorated = getattr(screen_class, "_decorated_handlers", {})
    saved = {key: list(value) for key, value in decorated.items()}
    for name, function in originals.items():
        wrapped = clocked(function, sink)
        setattr(screen_class, name, wrapped)
        for key, entries in decorated.items():
            decorated[key] = [
                (wrapped if method is function else method, selectors)
                for method, selectors in entries
            ]

    def undo() -> None:
        for name, function in originals.items():
            setattr(screen_class, name, function)
        decorated.clear()
        decorated.update(saved)

    return undo


async def ui_cost_and_disk(data_folder: Path, keys: int, runs: int) -> dict[str, Any]:
    from coach.tui.screens.live import LiveScreen

    per_key_names = note_handlers(LiveScreen)
    periodic_names = [name for name in ("flush_draft",) if hasattr(LiveScreen, name)]
    per_key: list[float] = []
    periodic: list[float] = []
    undo_key = wrap_methods(LiveScreen, per_key_names, per_key)
    undo_periodic = wrap_methods(LiveScreen, periodic_names, periodic)
    try:
        to_disk: list[float] = []
        async with live_app(data_folder) as live:
            await type_into(live.app, live.text_area, keys)
            ui_cost = list(per_key)
            for index in range(runs):
                word = f" zqx{index}marker "
                typed = await type_into_word(live, word)
                to_disk.append(await until_on_disk(live.paths.drafts, word.strip(), typed))
    finally:
        undo_key()
        undo_periodic()
    return {
        "ui_cost": ui_cost,
        "journal_flush_ui": periodic,
        "to_disk": to_disk,
        "ui_cost_method": (
            f"per key: LiveScreen.{', '.join(per_key_names) or '(none found)'}; "
            f"once a second: LiveScreen.{', '.join(periodic_names) or '(none found)'}"
        ),
    }


async def type_into_word(live: Any, word: str) -> float:
    """Type ``word``; the moment its last key was posted."""
    from bench.typing import FrameClock

    clock = FrameClock(live.app, live.text_area)
    last = time.perf_counter()
    for char in word:
        last = time.perf_counter()
        await clock.press(char)
    return last


async def until_on_disk(drafts: Path, word: str, since: float) -> float:
    """Seconds from ``since`` until ``word`` is in a journal file under ``drafts``."""
    needle = word.encode()
    while True:
        for journal in drafts.glob("*"):
            try:
                if needle in journal.read_bytes():
                    return time.perf_counter() - since
            except OSError:
                continue
        if time.perf_counter() - since > DISK_TIMEOUT:
            raise RuntimeError(f"{word!r} not on disk under {drafts} after {DISK_TIMEOUT} s")
        await asyncio.sleep(DISK_POLL)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--keys", type=int, default=300)
    args = parser.parse_args(argv)
    commit, floor = full_commit(args.data, args.runs)
    stock = stock_commit(args.data, min(args.runs, 10))
    live = asyncio.run(ui_cost_and_disk(args.data, args.keys, args.runs))
    print(json.dumps({"commit": commit, "commit_floor": floor, "stock_tinydb": stock, **live}))


if __name__ == "__main__":
    main()
