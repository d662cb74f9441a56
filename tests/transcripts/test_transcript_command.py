"""`coach transcript import ID FILE` and the exports, as a person runs them: a real process on our
sample files; every refusal is one clear message, status 1, and nothing written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from transcript_samples import FIXTURES, JOSE, PLAN, ZOE

from coach.core.interview import Interview, QuestionPlan
from coach.store.db import YOUR_NAME, Store
from coach.store.paths import DataPaths

INTERVIEW = "iv-zoe-2026"


def coach(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coach", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COACH_DATA_DIR": ""},
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder holding José's interview with Zoë (its plan, no transcript yet)."""
    folder = tmp_path / "data"
    interview = Interview(
        id=INTERVIEW,
        contact_name=ZOE,
        status="ended",
        plan=QuestionPlan(["s"], list(PLAN)),
    )
    with Store.open(DataPaths(folder)) as store:
        store.save("interview", interview.to_dict())
    return folder


def imported(data: Path, sample: str, *options: str) -> subprocess.CompletedProcess[str]:
    """``coach transcript import`` of one of our sample files into the interview."""
    return coach(data, "transcript", "import", INTERVIEW, str(FIXTURES / sample), *options)


def kept(data: Path) -> dict[str, object] | None:
    with Store.open(DataPaths(data), read_only=True) as store:
        return store.get("transcript", INTERVIEW)


def save_name(data: Path, name: str) -> None:
    with Store.open(DataPaths(data)) as store:
        store.set_meta(YOUR_NAME, name)


def test_importing_a_zoom_file_keeps_it_and_prints_the_talk_time(data: Path) -> None:
    result = imported(data, "zoom_crlf_bom.vtt", "--me", "jose ortega")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"Imported zoom_crlf_bom.vtt (Zoom WebVTT, 16 lines) for the interview with {ZOE}; "
        f"you are {JOSE}."
    )
    assert (
        lines[1]
        == "Lined up by the wording of your questions: 4 of 5 questions have lines under them."
    )
    assert lines[2].startswith(f"Talk: You 30% · {ZOE} 70% (by time)")
    assert not any("should do most of the talking" in line for line in lines)
    doc = kept(data)
    assert doc is not None and doc["id"] == INTERVIEW and doc["me"] == JOSE
    assert doc["format"] == "zoom" and doc["aligned_by"] == "text"


def test_a_unique_start_of_the_id_is_enough(data: Path) -> None:
    otter = str(FIXTURES / "otter.txt")
    result = coach(data, "transcript", "import", "iv-zoe", otter, "--me", JOSE)
    assert result.returncode == 0, result.stderr
    assert kept(data) is not None


def test_the_coaching_point_is_printed_when_the_user_spoke_more_than_40_percent(
    data: Path,
) -> None:
    result = imported(data, "names.txt", "--me", JOSE)

    assert result.returncode == 0, result.stderr
    assert f"Talk: You 77% · {ZOE} 23% (by words)" in result.stdout
    assert (
        "You spoke 77% of the words; the people you ask should do most of the talking."
        in result.stdout.splitlines()
    )


def test_without_me_the_name_saved_on_home_says_which_speaker_is_you(data: Path) -> None:
    save_name(data, "José Ortega")

    result = imported(data, "named.srt")

    assert result.returncode == 0, result.stderr
    assert f"you are {JOSE}." in result.stdout
    doc = kept(data)
    assert doc is not None and doc["me"] == JOSE


def test_without_me_or_a_saved_name_the_speakers_are_listed_with_how_to_say_which(
    data: Path,
) -> None:
    save_name(data, "Somebody Else")  # saved, but not in this call
    file = FIXTURES / "zoom_crlf_bom.vtt"

    result = coach(data, "transcript", "import", INTERVIEW, str(file))

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"coach: {file}: which speaker is you? Nothing was imported.",
        f"  {JOSE}  30% of the talk",
        f"  {ZOE}  70% of the talk",
        "Say which one with --me, for example:",
        f"  coach transcript import {INTERVIEW} {file} --me 'José M. Ortega'",
        "(Your name saved with m on coach's Home is used when it is one of them.)",
    ]
    assert kept(data) is None


def test_a_file_that_names_nobody_is_imported_without_asking(data: Path) -> None:
    result = imported(data, "plain.vtt")

    assert result.returncode == 0, result.stderr
    assert "Talk: Unnamed 100% (by time)" in result.stdout
    doc = kept(data)
    assert doc is not None and doc["me"] is None


def test_me_naming_nobody_in_the_call_is_refused_with_the_speakers(data: Path) -> None:
    result = imported(data, "named.srt", "--me", "Grace Hopper")

    assert result.returncode == 1
    assert f"no speaker called 'Grace Hopper' in the transcript; speakers: {JOSE}, {ZOE}" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert kept(data) is None


def test_importing_again_is_refused_without_force_and_replaces_with_it(data: Path) -> None:
    first = imported(data, "named.srt", "--me", JOSE)
    assert first.returncode == 0, first.stderr

    again = imported(data, "otter.txt", "--me", JOSE)

    assert again.returncode == 1
    assert again.stderr.splitlines() == [
        f"coach: the interview with {ZOE} already has a transcript (SubRip, 4 lines, "
        "from named.srt); nothing changed.",
        "To replace it, run the same command again with --force.",
    ]
    doc = kept(data)
    assert doc is not None and doc["format"] == "srt"

    forced = imported(data, "otter.txt", "--me", JOSE, "--force")

    assert forced.returncode == 0, forced.stderr
    assert forced.stdout.startswith("Replaced the transcript with otter.txt (Otter.ai text")
    doc = kept(data)
    assert doc is not None and doc["format"] == "otter"


def test_an_unknown_interview_is_a_clear_error(data: Path) -> None:
    result = coach(data, "transcript", "import", "nobody", str(FIXTURES / "named.srt"))

    assert result.returncode == 1
    assert result.stderr.strip() == (
        "coach: no interview with id 'nobody' (see `coach interviews list`)"
    )


def _big(path: Path) -> Path:
    # Sparse: 21 MB on paper, nothing on disk; it is refused by its size before any is read.
    with path.open("wb") as file:
        file.truncate(21 * 1024 * 1024)
    return path


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("contacts.csv", b"First Name,Last Name,Company\nAda,Lovelace,Engines\n",
         "contacts.csv:1: comma-separated values (a CSV table), not a transcript"),
        ("photo.vtt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
         "photo.vtt:3: a binary file, not a transcript"),
        ("empty.vtt", b"", "empty.vtt:1: the file is empty"),
        ("latin1.txt", "Ana: Hola\nJosé: ¿Qué tal?\n".encode("latin-1"),
         "latin1.txt:2: not UTF-8 text; save the transcript as UTF-8 and import it again"),
        ("notes.txt", b"Some thoughts about the call\nnothing more\n",
         "notes.txt:1: not a transcript: expected WebVTT"),
        ("huge.vtt", None,
         "huge.vtt:1: 21.0 MB is too large for a call's transcript (limit 20 MB)"),
    ],
)  # fmt: skip
def test_a_file_that_is_no_transcript_is_refused_with_its_line_and_nothing_is_written(
    data: Path, tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is None:
        _big(path)
    else:
        path.write_bytes(content)
    before = (data / "coach.json").read_bytes()

    result = coach(data, "transcript", "import", INTERVIEW, str(path), "--me", "José")

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[0].startswith(f"coach: {tmp_path / message}")
    assert result.stderr.splitlines()[-1] == "Nothing was imported."
    assert "Traceback" not in result.stderr
    assert (data / "coach.json").read_bytes() == before


# -- the exports ----------------------------------------------------------------------------------


def test_the_json_export_has_transcript_null_until_one_is_imported(data: Path) -> None:
    before = coach(data, "export", INTERVIEW, "--format", "json")
    assert before.returncode == 0, before.stderr
    assert json.loads(before.stdout)["transcript"] is None

    imported(data, "zoom_crlf_bom.vtt", "--me", JOSE)
    after = coach(data, "export", INTERVIEW, "--format", "json")

    transcript = json.loads(after.stdout)["transcript"]
    assert set(transcript) == {"format", "me", "segments", "talk_share"}
    assert transcript["format"] == "zoom" and transcript["me"] == JOSE
    assert transcript["talk_share"] == {JOSE: 0.2967, ZOE: 0.7033}
    assert len(transcript["segments"]) == 16
    for segment in transcript["segments"]:
        assert set(segment) == {"start", "end", "speaker", "text", "question_id"}
        assert segment["question_id"] in {None, *(q.id for q in PLAN)}
    assert transcript["segments"][3] == {
        "start": 16.0,
        "end": 21.0,
        "speaker": JOSE,
        "text": "To start, how did you get into healthcare data science?",
        "question_id": "path/into",
    }


def test_the_markdown_export_includes_the_transcript_only_when_asked(data: Path) -> None:
    imported(data, "named.srt", "--me", JOSE)

    plain = coach(data, "export", INTERVIEW)
    with_it = coach(data, "export", INTERVIEW, "--transcript")

    assert "## Transcript" not in plain.stdout
    section = with_it.stdout[with_it.stdout.index("## Transcript") :]
    assert "### Who else should I talk to?" in section
    assert f"**{ZOE}:** \\<i\\>" not in section  # cue tags were removed on reading
    assert "Priya Natarajan, without a doubt." in section


def test_asking_for_a_transcript_that_is_not_there_says_so_and_still_writes_the_record(
    data: Path,
) -> None:
    result = coach(data, "export", INTERVIEW, "--transcript")
    assert result.returncode == 0
    assert "has no transcript" in result.stderr
    assert result.stdout.startswith("# Conversation with")
