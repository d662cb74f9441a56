"""Importing a 60-minute Teams transcript (about 1,500 cues): parse and align well under 1 s.

Run: ``python -m bench.transcript_bench [--cues N] [--runs N] [--processes N] [--command N]
[--view LINES]``. Generates a deterministic Teams WebVTT export of a career conversation (voice
spans, GUID cue ids, some cues without ``</v>``, two-line cues, NOTE blocks), then times, in this
process, reading it (:func:`read_transcript`), naming the user, lining it up with an 8-question
plan by the call's timeline (offset estimated) and by text, and the talk share: median / p95 /
max of ``--runs`` runs after one warm-up. ``--processes`` also times the same work in fresh
interpreters, from start to exit. ``--command`` times the real thing: ``coach transcript import
ID FILE --me NAME --force`` as a whole process on a data folder whose interview was run live in
coach (so the lines are lined up by its timeline), from start to exit, ``N`` runs after a
warm-up. ``--view`` measures the Debrief's Transcript tab on a call of ``LINES`` lines (see
:mod:`bench.transcript_view`). Prints one JSON line (what ``bench/run.py``'s ``run_child``
reads); with ``--check``, exits 1 when the in-process median misses the target.
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/ must not be on sys.path: bench/typing.py would shadow the standard library.
REPO = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0] or ".").resolve() == REPO / "bench":
    sys.path[0] = str(REPO)

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from typing import Any  # noqa: E402

from coach.core.interview import PlannedQuestion  # noqa: E402
from coach.core.transcript import align, talk_share  # noqa: E402
from coach.io.transcripts import read_transcript  # noqa: E402

TARGET_SECONDS = 1.0
STUDENT = "José M. Ortega"
PRACTITIONER = "Dr. Zoë O'Neil"

PLAN = [
    ("path/into", "How did you get into healthcare data science?"),
    ("day/typical", "What does a typical day look like in your role?"),
    ("skills/first", "Which skills matter most for someone starting out?"),
    ("culture/team", "How would you describe the culture on your team?"),
    ("frustrations", "What frustrates you most about the work?"),
    ("trends/next", "Where do you see the field going in the next five years?"),
    ("advice/in-my-place", "What would you do in my place, finishing a master's now?"),
    ("close/who-else", "Who else should I talk to?"),
]

# Pieces of answers, recombined at random: the words of a long call, not its sense.
_ANSWER = [
    "Honestly, it depends on the week",
    "we spend a lot of time with the ward managers",
    "the readmission model runs every night",
    "most of the hard work is cleaning the data",
    "SQL is still the thing I use every single day",
    "I would not have guessed that when I started",
    "the clinicians have to trust the numbers first",
    "we moved to a new reporting platform last spring",
    "a good chart beats a clever model nine times out of ten",
    "there is a lot of waiting on approvals, which is the frustrating part",
    "my manager protected my afternoons for analysis",
    "people underestimate how much writing the job involves",
]
_REPLY = [
    "That makes sense.",
    "Right.",
    "Interesting, I hadn't thought of that.",
    "Could you say a bit more about that?",
    "So the trust comes first.",
    "That's really helpful, thank you.",
]


def _clock(seconds: float) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{int(hours):02d}:{int(minutes):02d}:{secs:06.3f}"


def teams_export(cues: int, minutes: float = 60.0) -> tuple[bytes, list[tuple[str, float]]]:
    """A Teams WebVTT export of ``cues`` cues over ``minutes``, and when (in recording seconds)
    each plan question was asked."""
    rng = random.Random(13)
    step = minutes * 60 / cues
    asked_at = {round(cues * (index + 0.5) / (len(PLAN) + 1)): index for index in range(len(PLAN))}
    lines = ["WEBVTT", "", 'NOTE duration:"01:00:00.0000000"', "", "NOTE language:en-us", ""]
    asked: list[tuple[str, float]] = []
    moment = 1.0
    for number in range(cues):
        if number in asked_at:
            question_id, text = PLAN[asked_at[number]]
            speaker = STUDENT
            asked.append((question_id, moment))
        elif rng.random() < 0.12:
            speaker, text = STUDENT, rng.choice(_REPLY)
        else:
            speaker = PRACTITIONER
            text = ", and ".join(rng.sample(_ANSWER, 2)) + "."
        length = step * rng.uniform(0.7, 1.2)
        lines.append(f"5a1f3c2e-7b9d-4e01-a6c2-9f0e8d7c6b5a/{number + 10}-{number % 3}")
        lines.append(f"{_clock(moment)} --> {_clock(moment + length)}")
        if number % 11 == 0 and len(text) > 40:
            middle = text.index(" ", len(text) // 2)
            text = text[:middle] + "\n" + text[middle + 1 :]
        closing = "" if number % 17 == 0 else "</v>"
        lines.append(f"<v {speaker}>{text.replace('&', '&amp;')}{closing}")
        lines.append("")
        moment += step
    return "\n".join(lines).encode("utf-8"), asked


def import_once(data: bytes, asked: list[tuple[str, float]]) -> dict[str, float]:
    """Read, name the user, align both ways and measure the talk: seconds for each step."""
    questions = [PlannedQuestion(id=qid, text=text) for qid, text in PLAN]
    # The call's clock was started 7 s before the recording.
    starts = [at + 7.0 for _qid, at in asked]
    timeline = [
        (qid, start, starts[i + 1] if i + 1 < len(starts) else None)
        for i, ((qid, _at), start) in enumerate(zip(asked, starts, strict=True))
    ]
    began = time.perf_counter()
    transcript = read_transcript(data, "teams.vtt").with_me("jose m. ortega")
    read = time.perf_counter()
    by_timeline = align(transcript, questions, timeline)
    aligned = time.perf_counter()
    share = talk_share(by_timeline.transcript)
    shared = time.perf_counter()
    align(transcript, questions)
    by_text = time.perf_counter()
    if by_timeline.offset_basis != "matched" or abs((by_timeline.offset_s or 0) - 7.0) > 0.01:
        raise AssertionError(f"offset not found: {by_timeline.offset_s}")
    if share.my_share is None:
        raise AssertionError("the user was not found")
    return {
        "parse": read - began,
        "align_timeline": aligned - read,
        "talk_share": shared - aligned,
        "align_text": by_text - shared,
        "import": shared - began,
    }


def _summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(value * 1000 for value in values)
    return {
        "median": round(statistics.median(ordered), 2),
        "p95": round(ordered[max(0, -(-len(ordered) * 95 // 100) - 1)], 2),
        "max": round(ordered[-1], 2),
    }


_CHILD = """
import sys, time
started = time.perf_counter()
from bench.transcript_bench import import_once, teams_export
data, asked = teams_export(int(sys.argv[1]))
import_once(data, asked)
"""


def whole_process(cues: int, runs: int) -> list[float]:
    """Seconds from start to exit of fresh interpreters that generate, import and align."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    seconds: list[float] = []
    with tempfile.TemporaryDirectory(prefix="coach-bench-transcript-") as folder:
        for index in range(runs + 1):
            began = time.perf_counter()
            subprocess.run(
                [sys.executable, "-P", "-c", _CHILD, str(cues)],
                check=True,
                cwd=folder,
                env=env,
                capture_output=True,
            )
            if index:  # the first run warms the page cache
                seconds.append(time.perf_counter() - began)
    return seconds


def _plan_interview(asked: list[tuple[str, float]]) -> Any:
    """The interview the transcript belongs to: the 8-question plan, run live in coach, with
    each question on screen from the moment it was asked (the call's clock 7 s ahead)."""
    from coach.core.interview import Interview, QuestionPlan
    from coach.core.live_state import OnScreen

    interview = Interview(
        id="iv-bench-transcript",
        contact_name=PRACTITIONER,
        status="ended",
        plan=QuestionPlan(["bench"], [PlannedQuestion(id=q, text=t) for q, t in PLAN]),
    )
    starts = [at + 7.0 for _qid, at in asked]
    interview.live.timeline = [
        OnScreen(qid, start, starts[i + 1] if i + 1 < len(starts) else None)
        for i, ((qid, _at), start) in enumerate(zip(asked, starts, strict=True))
    ]
    return interview


def command_import(cues: int, runs: int) -> list[float]:
    """Seconds from start to exit of ``coach transcript import`` of a ``cues``-cue Teams file
    into a data folder with its interview (read, named, lined up by timeline, stored)."""
    from bench.coldstart import coach_command
    from coach.store.db import Store
    from coach.store.paths import DataPaths

    data, asked = teams_export(cues)
    seconds: list[float] = []
    with tempfile.TemporaryDirectory(prefix="coach-bench-transcript-") as folder:
        root = Path(folder)
        (root / "teams.vtt").write_bytes(data)
        interview = _plan_interview(asked)
        with Store.open(DataPaths(root / "data")) as store:
            store.save("interview", interview.to_dict())
        command = [
            *coach_command(root / "data"),
            *("transcript", "import", interview.id, str(root / "teams.vtt")),
            *("--me", STUDENT, "--force"),
        ]
        for index in range(runs + 1):
            began = time.perf_counter()
            result = subprocess.run(command, capture_output=True, text=True)
            elapsed = time.perf_counter() - began
            if result.returncode != 0 or "by when each question" not in result.stdout:
                said = result.stdout + result.stderr
                raise RuntimeError(f"coach transcript import failed: {said}")
            if index:  # the first run warms the page cache
                seconds.append(elapsed)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cues", type=int, default=1500)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--processes", type=int, default=0, help="fresh-interpreter runs")
    parser.add_argument("--command", type=int, default=0, help="coach transcript import runs")
    parser.add_argument("--view", type=int, default=0, help="lines for the Debrief view measure")
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args(argv)

    data, asked = teams_export(args.cues)
    import_once(data, asked)  # warm-up
    timings: dict[str, list[float]] = {}
    for _ in range(args.runs):
        for step, seconds in import_once(data, asked).items():
            timings.setdefault(step, []).append(seconds)
    result: dict[str, Any] = {
        "measure": "transcript import (Teams WebVTT): parse + align by timeline + talk share",
        "cues": args.cues,
        "bytes": len(data),
        "runs": args.runs,
        **{f"{step}_ms": _summary(values) for step, values in timings.items()},
        "target_ms": TARGET_SECONDS * 1000,
    }
    if args.processes:
        result["whole_process_ms"] = _summary(whole_process(args.cues, args.processes))
    if args.command:
        result["command_seconds"] = command_import(args.cues, args.command)
        result["command_ms"] = _summary(result["command_seconds"])
    if args.view:
        import asyncio

        from bench.transcript_view import measure_view

        result["view"] = asyncio.run(measure_view(args.view))
        # The same screen on a short call: what is owed to the length and what is not.
        result["view_floor"] = asyncio.run(measure_view(60, keys=8))
        for measure in ("open", "tab", "pagedown", "down"):
            result[f"view_{measure}_ms"] = _summary(result["view"][measure])
    median = statistics.median(timings["import"])
    result["met"] = median < TARGET_SECONDS
    print(json.dumps(result))
    return 1 if args.check and not result["met"] else 0


if __name__ == "__main__":
    sys.exit(main())
