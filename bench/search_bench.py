"""Search and progress at size (issue 14, point 7): queries, whole processes, `coach stats`.

    python -m bench.search_bench [--sizes 1000,10000] [--runs 15] [--rounds 20] [--quick]

For each size, on a private copy of the synthetic data folder (bench/synthetic.py, built once
and cached like bench/run.py does):

- **index**: building it from the store (no cache), and opening it from the cache file;
- **query**: `SearchIndex.search(query, limit=50)` in process after opening, snippets
  included, over a set of query shapes (a word, two words, a word being typed, phrases, an
  exclusion, each filter) repeated ``--rounds`` times; median / p95 / p99 over all of them,
  and per query;
- **typing**: the same call with ``limit=20`` after each keystroke of two searches typed
  letter by letter (what a Search screen would do per key);
- **stats**: what `coach stats` does after opening the store (summaries, contacts, the paths
  table, `progress`), in process.

At the largest size it also times whole processes, alternating run by run on the same copy:
`coach search QUERY --json` against `coach interviews list --json` (the ratio of medians is
the target), the same search with its cache deleted before each run, and `coach stats --json`.
Prints one JSON object on its last line; ``--quick`` is a smoke run that never judges timing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.run import CACHE, data_folder, machine, summary

QUERIES = (
    "data",
    "mentor advice",
    "strat",
    '"data design"',
    '"week referral question"',
    "design -market",
    "person:ana growth",
    "org:cedar since:2026-01-01 launch",
    "flag:advice budget",
    "zzzz",
)
TYPED = ("mentor feedback", '"customer growth"')
PROCESS_QUERY = "mentor advice"
TARGETS_MS = {1000: 16.0, 10000: 100.0}
STATS_TARGET_MS = 100.0
PROCESS_RATIO_TARGET = 1.5


def _open(folder: Path) -> tuple[Any, Any, Any]:
    from coach.store.db import Store
    from coach.store.paths import DataPaths
    from coach.store.search_cache import db_stamp, open_index

    paths = DataPaths(folder)
    stamp = db_stamp(paths)
    store = Store.open(paths, read_only=True)
    return store, stamp, open_index


def in_process(folder: Path, rounds: int) -> dict[str, Any]:
    """Index build and load, queries, per-key searches and stats after opening."""
    from datetime import datetime

    from coach.core.progress import progress
    from coach.store.search_cache import cache_file

    cache_file_path = cache_file(_paths(folder))
    cache_file_path.unlink(missing_ok=True)
    store, stamp, open_index = _open(folder)
    try:
        started = time.perf_counter()
        built = open_index(store, stamp)
        build_s = time.perf_counter() - started
        assert built.source == "built", built
        loads = []
        for _ in range(5):
            started = time.perf_counter()
            opened = open_index(store, stamp)
            loads.append(time.perf_counter() - started)
            assert opened.source == "cache", opened
        index = opened.index
        per_query: dict[str, list[float]] = {q: [] for q in QUERIES}
        totals: dict[str, int] = {}
        every: list[float] = []
        for _ in range(rounds):
            for query in QUERIES:
                started = time.perf_counter()
                results = index.search(query, limit=50)
                elapsed = time.perf_counter() - started
                per_query[query].append(elapsed)
                every.append(elapsed)
                totals[query] = results.total
        keys: list[float] = []
        for _ in range(max(1, rounds // 4)):
            for text in TYPED:
                for end in range(1, len(text) + 1):
                    started = time.perf_counter()
                    index.search(text[:end], limit=20)
                    keys.append(time.perf_counter() - started)
        stats: list[float] = []
        for _ in range(rounds):
            started = time.perf_counter()
            progress(
                store.contacts(),
                store.interview_summaries_view(),
                store.all("path"),
                now=datetime.now().astimezone(),
            )
            stats.append(time.perf_counter() - started)
    finally:
        store.close()
    return {
        "index_build_ms": round(build_s * 1000, 1),
        "index_load": summary(loads),
        "index_file_mb": round(cache_file_path.stat().st_size / 1e6, 2),
        "query": summary(every),
        "per_query": {q: {**summary(v), "total": totals[q]} for q, v in per_query.items()},
        "per_key": summary(keys),
        "stats_after_open": summary(stats),
    }


def _paths(folder: Path) -> Any:
    from coach.store.paths import DataPaths

    return DataPaths(folder)


def _run(folder: Path, *args: str) -> float:
    env = {**os.environ, "COACH_DEBUG": ""}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "coach", "--data-dir", str(folder), *args],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        timeout=600,
    )
    return time.perf_counter() - started


def whole_processes(folder: Path, runs: int) -> dict[str, Any]:
    """Whole `coach` processes on one folder, alternating run by run (first of each dropped)."""
    from coach.store.search_cache import cache_file

    kept = cache_file(_paths(folder))
    search: list[float] = []
    listing: list[float] = []
    stats: list[float] = []
    cold: list[float] = []
    for run in range(runs + 1):
        listing_s = _run(folder, "interviews", "list", "--json")
        search_s = _run(folder, "search", PROCESS_QUERY, "--json")
        stats_s = _run(folder, "stats", "--json")
        if run:
            listing.append(listing_s)
            search.append(search_s)
            stats.append(stats_s)
    for _ in range(max(2, runs // 5)):
        kept.unlink(missing_ok=True)
        cold.append(_run(folder, "search", PROCESS_QUERY, "--json"))
    ratios = sorted(s / li for s, li in zip(search, listing, strict=True))
    list_summary, search_summary = summary(listing), summary(search)
    return {
        "interviews_list_json": list_summary,
        "search_json": search_summary,
        "ratio_of_medians": round(search_summary["median"] / list_summary["median"], 3),
        "ratio_per_pair": summary(ratios, scale=1.0, digits=3),
        "search_json_without_cache": summary(cold),
        "stats_json": stats and summary(stats),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=15, help="whole-process runs of each")
    parser.add_argument("--rounds", type=int, default=20, help="rounds of the query set")
    parser.add_argument("--cache", type=Path, default=CACHE, help="synthetic folders cache")
    parser.add_argument("--quick", action="store_true", help="100 interviews, few repetitions")
    args = parser.parse_args(argv)
    sizes = [100] if args.quick else [int(s) for s in args.sizes.split(",")]
    rounds, runs = (2, 2) if args.quick else (args.rounds, args.runs)
    notes: list[str] = []
    results: dict[str, Any] = {
        "machine": machine(),
        "queries": list(QUERIES),
        "by_size": {},
        "notes": notes,
    }
    for size in sizes:
        source = data_folder(size, notes, args.cache)
        with tempfile.TemporaryDirectory(prefix=f"coach-search-{size}-") as scratch:
            folder = Path(scratch) / "data"
            shutil.copytree(source, folder)
            print(f"search at {size} interviews", file=sys.stderr, flush=True)
            entry = in_process(folder, rounds)
            if size == max(sizes):
                print(f"whole processes at {size} interviews", file=sys.stderr, flush=True)
                entry["processes"] = whole_processes(folder, runs)
            results["by_size"][str(size)] = entry
    results["targets"] = [] if args.quick else verdicts(results)
    print(json.dumps(results))
    return 0


def verdicts(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of issue 14 point 7 that this harness measures, and whether it was met."""
    rows: list[dict[str, Any]] = []
    for size, entry in results["by_size"].items():
        target = TARGETS_MS.get(int(size))
        if target is not None:
            p95 = entry["query"]["p95"]
            rows.append({"measure": f"query p95, {size}", "target": target, "p95": p95})
            rows[-1]["met"] = p95 <= target
        stats_p95 = entry["stats_after_open"]["p95"]
        rows.append(
            {"measure": f"coach stats beyond opening, {size}", "target": STATS_TARGET_MS}
            | {"p95": stats_p95, "met": stats_p95 <= STATS_TARGET_MS}
        )
        processes = entry.get("processes")
        if processes:
            ratio = processes["ratio_of_medians"]
            rows.append(
                {"measure": f"coach search / interviews list, {size}"}
                | {"target": PROCESS_RATIO_TARGET, "ratio": ratio}
                | {"met": ratio <= PROCESS_RATIO_TARGET}
            )
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
