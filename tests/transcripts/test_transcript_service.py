"""The transcripts service: the steps the command line and the Debrief share, on a real store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from transcript_samples import FIXTURES, JOSE, PLAN, ZOE

from coach.core.clock import FakeClock
from coach.core.interview import Interview, QuestionPlan
from coach.core.live_state import OnScreen
from coach.core.transcript import SpeakerNotFound, Transcript, TranscriptError
from coach.services import transcripts
from coach.store.db import YOUR_NAME, Store
from coach.store.paths import DataPaths

CLOCK = FakeClock(datetime(2026, 11, 24, 16, 40, tzinfo=UTC))


def zoe_interview(interview_id: str = "iv-zoe") -> Interview:
    interview = Interview(id=interview_id, contact_name=ZOE, status="ended")
    interview.plan = QuestionPlan(["s"], list(PLAN))
    interview.stage("live").ended = "2026-11-24T16:20:00+00:00"
    return interview


@pytest.fixture
def store(data_paths: DataPaths) -> Iterator[Store]:
    with Store.open(data_paths) as opened:
        opened.save("interview", zoe_interview().to_dict())
        yield opened


def test_a_call_run_in_coach_is_lined_up_by_its_own_question_timeline(store: Store) -> None:
    interview = zoe_interview()
    # The call's clock started 4 s before the recording: José asks at 0:16, 0:55.5 and
    # 1:36.5 in the recording, and each question came on screen as he asked it.
    interview.live.timeline = [
        OnScreen("path/into", 20.0, 59.5),
        OnScreen("day/typical", 59.5, 100.5),
        OnScreen("skills/first", 100.5, None),
    ]
    store.save("interview", interview.to_dict())

    imported = transcripts.import_file(store, "iv-zoe", FIXTURES / "zoom_crlf_bom.vtt", me="José")

    assert imported.alignment.method == "timeline"
    assert imported.alignment.offset_basis == "matched"
    assert imported.transcript.offset_s == pytest.approx(4.0)
    assert imported.transcript.segments[3].question_id == "path/into"
    assert imported.transcript.segments[0].question_id is None  # before the first question
    stored = Transcript.from_dict(store.get("transcript", "iv-zoe"))
    assert stored == imported.transcript
    assert stored is not None and stored.aligned_by == "timeline"
    assert "the recording started 0:04 after the call" in imported.report()[1]


def test_without_a_timeline_the_lines_are_lined_up_by_the_wording_of_the_questions(
    store: Store,
) -> None:
    imported = transcripts.import_file(store, "iv-zoe", FIXTURES / "otter.txt", me=JOSE)

    assert imported.alignment.method == "text"
    ids = [s.question_id for s in imported.transcript.segments]
    assert ids[:2] == [None, None]
    assert ids[2] == "path/into"
    assert not imported.replaced


def test_the_name_saved_on_home_settles_who_the_user_is(store: Store) -> None:
    read = transcripts.read_file(FIXTURES / "named.srt")
    assert transcripts.needs_me(read)
    store.set_meta(YOUR_NAME, "jose ortega")

    settled = transcripts.settle_me(store, read)

    assert settled.me == JOSE
    assert not transcripts.needs_me(settled)
    # A name given for this import wins over the saved one.
    assert transcripts.settle_me(store, read, ZOE).me == ZOE


def test_a_saved_name_that_is_nobody_in_the_call_leaves_the_question_open(store: Store) -> None:
    store.set_meta(YOUR_NAME, "Grace Hopper")
    settled = transcripts.settle_me(store, transcripts.read_file(FIXTURES / "named.srt"))
    assert settled.me is None and transcripts.needs_me(settled)


def test_not_knowing_who_the_user_is_raises_with_the_speakers_and_their_share(
    store: Store,
) -> None:
    with pytest.raises(transcripts.WhoIsMe) as raised:
        transcripts.import_file(store, "iv-zoe", FIXTURES / "zoom_crlf_bom.vtt")

    assert [(s.name, round(s.share, 2)) for s in raised.value.speakers] == [
        (JOSE, 0.30),
        (ZOE, 0.70),
    ]
    assert store.get("transcript", "iv-zoe") is None


def test_a_file_that_names_nobody_needs_no_answer(store: Store) -> None:
    imported = transcripts.import_file(store, "iv-zoe", FIXTURES / "unnamed.srt")
    assert imported.transcript.me is None
    assert transcripts.choices(imported.transcript) == []


def test_a_name_that_is_no_speaker_is_refused(store: Store) -> None:
    with pytest.raises(SpeakerNotFound):
        transcripts.import_file(store, "iv-zoe", FIXTURES / "named.srt", me="Grace Hopper")
    assert store.get("transcript", "iv-zoe") is None


def test_a_transcript_there_already_is_replaced_only_when_asked(store: Store) -> None:
    transcripts.import_file(store, "iv-zoe", FIXTURES / "named.srt", me=JOSE)

    with pytest.raises(transcripts.TranscriptExists) as raised:
        transcripts.import_file(store, "iv-zoe", FIXTURES / "otter.txt", me=JOSE)
    assert "already has a transcript (SubRip, 4 lines, from named.srt)" in str(raised.value)

    replaced = transcripts.import_file(store, "iv-zoe", FIXTURES / "otter.txt", me=JOSE, force=True)
    assert replaced.replaced
    assert replaced.report()[0].startswith("Replaced the transcript with otter.txt")
    kept = transcripts.stored_transcript(store, "iv-zoe")
    assert kept is not None and kept.format == "otter"


def test_a_bad_file_raises_its_line_and_keeps_nothing(store: Store, tmp_path) -> None:
    bad = tmp_path / "Connections.csv"
    bad.write_text("First Name,Last Name,URL\nAda,Lovelace,x\n")
    with pytest.raises(TranscriptError, match=r"Connections\.csv:1: comma-separated values"):
        transcripts.import_file(store, "iv-zoe", bad, me=JOSE)
    assert store.get("transcript", "iv-zoe") is None


def test_an_interview_is_found_by_a_unique_start_of_its_id_only(store: Store) -> None:
    assert transcripts.find_interview(store, "iv-z").id == "iv-zoe"
    store.save("interview", zoe_interview("iv-zed").to_dict())
    with pytest.raises(transcripts.UnknownInterview, match="start of 2 interviews"):
        transcripts.find_interview(store, "iv-z")
    with pytest.raises(transcripts.UnknownInterview, match="no interview with id 'nobody'"):
        transcripts.find_interview(store, "nobody")


def test_saying_who_the_user_is_afterwards_lines_the_call_up_again(store: Store) -> None:
    interview = transcripts.find_interview(store, "iv-zoe")
    read = transcripts.read_file(FIXTURES / "zoom_crlf_bom.vtt")
    unknown = transcripts.keep(store, interview, read)
    assert unknown.transcript.me is None and unknown.share.my_share is None

    known = transcripts.change_me(store, interview, unknown.transcript, JOSE)

    assert known.transcript.me == JOSE
    assert known.share.my_share == pytest.approx(0.2967, abs=1e-4)
    assert known.transcript.unplanned  # José's questions off the plan are known now
    kept = transcripts.stored_transcript(store, "iv-zoe")
    assert kept is not None and kept.me == JOSE


def test_flagging_a_line_keeps_the_flag_on_the_interview_for_the_debrief(store: Store) -> None:
    transcripts.import_file(store, "iv-zoe", FIXTURES / "named.srt", me=JOSE)

    assert transcripts.flag_line(store, "iv-zoe", 3, "referral", CLOCK) is True

    interview = transcripts.find_interview(store, "iv-zoe")
    [flag] = interview.flags
    assert flag.kind == "referral" and flag.transcript_at == 13.5
    assert [r.name for r in interview.referrals] == ["Priya Natarajan"]

    assert transcripts.flag_line(store, "iv-zoe", 3, "referral", CLOCK) is False
    assert transcripts.find_interview(store, "iv-zoe").flags == []
    with pytest.raises(LookupError):
        transcripts.flag_line(store, "iv-zoe", 99, "referral", CLOCK)
