"""`coach search` and `coach stats` as a person runs them: a real process on a real folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from search_samples import write_folder

from coach.core.interview import Debrief, Interview, StageTimes, ThankYou
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.store.search_cache import cache_file


def coach(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coach", "--data-dir", str(root), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COACH_DEBUG": ""},
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def folder(data_paths: DataPaths) -> DataPaths:
    write_folder(data_paths)
    return data_paths


def test_search_json_has_the_documented_shape(folder: DataPaths) -> None:
    run = coach(folder.root, "search", "portfolio degree", "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {
        "query": "portfolio degree",
        "total": 1,
        "results": [
            {
                "interview_id": "dana00000001",
                "person": "Dana Whitfield",
                "date": "2026-03-02",
                "field": "notes",
                "snippet": "She said a portfolio matters more than a degree.",
            }
        ],
    }


def test_search_leaves_practice_runs_out_unless_asked(folder: DataPaths) -> None:
    plain = json.loads(coach(folder.root, "search", "pitch", "--json").stdout)
    assert plain["total"] == 0 and plain["results"] == []
    told = coach(folder.root, "search", "pitch")
    assert "No results for pitch." in told.stdout
    assert "1 in practice runs: add --practice to see them." in told.stdout
    practice = json.loads(coach(folder.root, "search", "pitch", "--practice", "--json").stdout)
    assert [r["interview_id"] for r in practice["results"]] == ["zoe000000003"]


def test_search_lists_results_with_the_match_marked_without_colour(folder: DataPaths) -> None:
    run = coach(folder.root, "search", "flag:advice", "portf")
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "1 result for flag:advice portf, newest first:",
        "",
        "2026-03-02  Dana Whitfield  (flags)  dana00000001",
        "  Build a small «portfolio» site",
    ]
    assert "\x1b" not in run.stdout


def test_words_may_be_given_separately_and_a_minus_word_is_not_an_option(
    folder: DataPaths,
) -> None:
    run = coach(folder.root, "search", "typical", "-reviews", "--json")
    assert run.returncode == 0, run.stderr
    assert [r["interview_id"] for r in json.loads(run.stdout)["results"]] == ["luis00000002"]


def test_limit_shows_the_first_results_and_says_how_many_there_are(folder: DataPaths) -> None:
    run = coach(folder.root, "search", "portfolio", "--limit", "2")
    lines = run.stdout.splitlines()
    assert lines[0] == "7 results for portfolio, newest first:"
    assert len([line for line in lines if line.startswith("  ")]) == 2
    assert lines[-1] == "Showing 2 of 7; --limit 0 shows all."
    every = json.loads(coach(folder.root, "search", "portfolio", "--limit", "0", "--json").stdout)
    assert len(every["results"]) == every["total"] == 7


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ('"typical week', "quote is not closed"),
        ("-", "on its own"),
        (":", "on its own"),
        ("colour:red", "no filter “colour:”"),
        ("x" * 10_000, "keep it under 500"),
        ("", "say what to look for"),
    ],
)
def test_a_query_that_cannot_be_read_is_one_line_and_exit_2(
    folder: DataPaths, query: str, words: str
) -> None:
    run = coach(folder.root, "search", "--json", "--", query)
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.startswith("coach: ") and words in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert "Traceback" not in run.stderr


def test_search_keeps_its_index_in_the_data_folder_and_reuses_it(folder: DataPaths) -> None:
    first = coach(folder.root, "search", "hired", "--json")
    assert json.loads(first.stdout)["results"][0]["field"] == "transcript"
    kept = cache_file(folder)
    assert oct(kept.stat().st_mode & 0o777) == "0o600"
    stamp = kept.stat().st_mtime_ns
    again = coach(folder.root, "search", "hired", "--json")
    assert again.stdout == first.stdout
    assert kept.stat().st_mtime_ns == stamp  # read, not rewritten


def test_snippets_fit_the_terminal_width(folder: DataPaths) -> None:
    narrow = subprocess.run(
        [sys.executable, "-m", "coach", "--data-dir", str(folder.root), "search", "degree"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "44"},
    )
    snippet = narrow.stdout.splitlines()[-1]
    assert snippet.startswith("  ") and "«degree»" in snippet
    assert len(snippet) <= 44


def test_search_on_a_fresh_folder_finds_nothing(tmp_path: Path) -> None:
    run = coach(tmp_path / "new", "search", "anything")
    assert run.returncode == 0, run.stderr
    assert run.stdout == "No results for anything.\n"


# -- coach stats ---------------------------------------------------------------------------------


def _stats_folder(paths: DataPaths) -> None:
    """Two contacts (one asked and answered in 3 days), two held conversations on a path
    this week and last week (interest 2 then 5), and a practice run that never counts."""
    from coach.core.contact import Contact, Interaction

    now = datetime.now().astimezone()
    this_week = now - timedelta(days=now.weekday())  # Monday
    last_week = this_week - timedelta(days=7)

    def held(iid: str, when: datetime, interest: int, practice: bool = False) -> dict[str, object]:
        stamp = when.replace(hour=10, minute=0, second=0, microsecond=0).isoformat()
        doc = Interview(
            id=iid,
            contact_id="c1",
            practice=practice,
            status="debriefed",
            scheduled_at=stamp,
            stages={"live": StageTimes(started=stamp, ended=stamp)},
            debrief=Debrief(interest=interest),
            thank_you=ThankYou(sent_at=stamp if iid == "i2" else None),
        ).to_dict()
        return doc | {"path_id": "p1"}

    asked = (now - timedelta(days=20)).isoformat(timespec="seconds")
    replied = (now - timedelta(days=17)).isoformat(timespec="seconds")
    with Store.open(paths) as store:
        store.save_all(
            "contact",
            [
                Contact(
                    id="c1",
                    name="Dana",
                    interactions=[Interaction(asked, "ask"), Interaction(replied, "reply")],
                ).to_dict(),
                Contact(id="c2", name="Luis").to_dict(),
            ],
        )
        store.save("interview", held("i1", last_week, 2))
        store.save("interview", held("i2", this_week, 5))
        store.save("interview", held("p9", this_week, 1, practice=True))
    # The paths table, as the store keeps a table it does not manage.
    import orjson

    data = orjson.loads(paths.db.read_bytes())
    data["paths"] = {"1": {"id": "p1", "title": "Healthcare [b]data[/b]", "verdict": "promising"}}
    paths.db.write_bytes(orjson.dumps(data))


def test_stats_json_has_the_documented_shape_and_numbers(data_paths: DataPaths) -> None:
    _stats_folder(data_paths)
    run = coach(data_paths.root, "stats", "--json")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert list(result) == ["funnel", "per_week", "reply_rate", "median_reply_days", "paths"]
    assert result["funnel"] == {
        "identified": 2,
        "asked": 1,
        "replied": 1,
        "scheduled": 2,
        "held": 2,
        "thanked": 1,
    }
    assert result["reply_rate"] == 1.0
    assert result["median_reply_days"] == 3.0
    weeks = result["per_week"]
    assert len(weeks) == 12 and all(set(w) == {"week", "conversations"} for w in weeks)
    assert [w["conversations"] for w in weeks[-2:]] == [1, 1]
    assert sum(w["conversations"] for w in weeks) == 2
    (path,) = result["paths"]
    assert path["title"] == "Healthcare [b]data[/b]"
    assert [p["interest"] for p in path["interest"]] == [2, 5]
    assert set(path) == {"id", "title", "verdict", "interest"}


def test_stats_as_text_gives_every_number(data_paths: DataPaths) -> None:
    _stats_folder(data_paths)
    run = coach(data_paths.root, "stats")
    assert run.returncode == 0, run.stderr
    text = run.stdout
    assert "  identified  2  " in text and "  thanked     1  " in text
    assert "Reply rate: 100% (1 of 1 people asked replied)." in text
    assert "Median time to a reply: 3 days." in text
    assert "  total 2" in text
    assert "  Healthcare [b]data[/b] — promising" in text
    assert "\x1b" not in text


def test_stats_on_a_fresh_folder_says_there_is_nothing_yet(tmp_path: Path) -> None:
    run = coach(tmp_path / "new", "stats")
    assert run.returncode == 0, run.stderr
    assert "Reply rate: nobody asked yet." in run.stdout
    assert "Paths: none yet." in run.stdout
