"""A line of the transcript flagged in the debrief counts exactly like a line flagged in the call:
referrals, actions and the thank-you pick it up, and it is marked as coming from the transcript."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from transcript_samples import JOSE, PLAN, ZOE, sample

from coach.core.clock import FakeClock
from coach.core.debrief_session import DebriefSession
from coach.core.interview import Flag, Interview, Note, QuestionPlan
from coach.core.record import to_json, to_markdown
from coach.core.thank_you import thank_you_draft
from coach.core.transcript import Transcript, align
from coach.core.transcript.sections import OUTSIDE, by_question

CLOCK = FakeClock(datetime(2026, 11, 24, 16, 40, tzinfo=UTC))


def zoe_interview() -> Interview:
    interview = Interview(
        id="iv-zoe", contact_name=ZOE, contact_org="St Olave's Hospital", status="ended"
    )
    interview.plan = QuestionPlan(["s"], list(PLAN))
    interview.stage("live").started = "2026-11-24T16:00:00+00:00"
    interview.stage("live").ended = "2026-11-24T16:20:00+00:00"
    return interview


def named_srt() -> Transcript:
    """The SubRip sample where Zoë names Priya Natarajan, lined up with José's plan."""
    return align(sample("named.srt").with_me(JOSE), PLAN).transcript


def line_saying(transcript: Transcript, words: str) -> int:
    return next(i for i, s in enumerate(transcript.segments) if words in s.text)


def test_a_transcript_line_flagged_as_a_referral_joins_the_referrals_to_check() -> None:
    transcript = named_srt()
    session = DebriefSession(zoe_interview(), None, CLOCK)
    session.open()
    index = line_saying(transcript, "Priya Natarajan")

    assert session.flag_line(transcript, index, "referral") is True

    interview = session.interview
    [referral] = interview.referrals
    assert referral.name == "Priya Natarajan"
    assert not referral.confirmed
    assert referral.note == transcript.segments[index].text
    [flag] = interview.flags
    assert flag.kind == "referral" and flag.from_transcript
    assert flag.transcript_at == transcript.segments[index].start
    assert flag.question_id == transcript.segments[index].question_id == "close/who-else"
    assert session.line_flags(transcript) == {index: ["referral"]}
    assert session.take_changes().interview is not None


def test_flagging_the_same_line_again_takes_the_flag_and_its_untouched_referral_back() -> None:
    transcript = named_srt()
    session = DebriefSession(zoe_interview(), None, CLOCK)
    session.open()
    index = line_saying(transcript, "Priya Natarajan")
    session.flag_line(transcript, index, "referral")

    assert session.flag_line(transcript, index, "referral") is False

    assert session.interview.flags == []
    assert session.interview.referrals == []
    assert session.line_flags(transcript) == {}


def test_a_referral_already_confirmed_stays_when_its_flag_is_taken_back() -> None:
    transcript = named_srt()
    session = DebriefSession(zoe_interview(), None, CLOCK)
    session.open()
    index = line_saying(transcript, "Priya Natarajan")
    session.flag_line(transcript, index, "referral")
    session.interview.referrals[0].confirmed = True

    session.flag_line(transcript, index, "referral")

    assert [r.name for r in session.interview.referrals] == ["Priya Natarajan"]


def test_a_person_flagged_in_the_call_and_again_on_the_transcript_is_one_referral() -> None:
    transcript = named_srt()
    interview = zoe_interview()
    interview.flags = [Flag("referral", "close/who-else", 600.0, "Priya Natarajan, data quality")]
    session = DebriefSession(interview, None, CLOCK)
    session.open()

    session.flag_line(transcript, line_saying(transcript, "Priya Natarajan"), "referral")

    [referral] = interview.referrals
    assert referral.name == "Priya Natarajan"
    assert referral.note.startswith("Priya Natarajan, data quality · ")


def test_a_transcript_line_flagged_as_advice_becomes_an_action_due_when_a_report_back_is() -> None:
    transcript = named_srt()
    session = DebriefSession(zoe_interview(), None, CLOCK)
    session.open()
    index = line_saying(transcript, "Priya Natarajan")

    session.flag_line(transcript, index, "advice")

    [action] = session.interview.actions
    assert action.kind == "advice"
    assert action.text == action.from_flag == transcript.segments[index].text
    assert action.due == "2026-12-04"  # ten days after the call

    session.flag_line(transcript, index, "advice")
    assert session.interview.actions == []


def test_an_action_reworded_stays_when_the_advice_flag_is_taken_back() -> None:
    transcript = named_srt()
    session = DebriefSession(zoe_interview(), None, CLOCK)
    session.open()
    index = line_saying(transcript, "Priya Natarajan")
    session.flag_line(transcript, index, "advice")
    action = session.interview.actions[0]
    session.reword(action.id, "Write to Priya about the data quality team")

    session.flag_line(transcript, index, "advice")

    assert [a.text for a in session.interview.actions] == [
        "Write to Priya about the data quality team"
    ]


def test_a_quote_flagged_on_the_transcript_becomes_the_thank_yous_point() -> None:
    transcript = named_srt()
    interview = zoe_interview()
    session = DebriefSession(interview, None, CLOCK)
    session.open()

    session.flag_line(transcript, line_saying(transcript, "Priya Natarajan"), "quote")

    assert "I keep coming back to something you said" in thank_you_draft(interview)
    assert "Priya Natarajan" in thank_you_draft(interview)


def test_the_flag_is_placed_at_call_time_when_the_recording_was_shifted() -> None:
    transcript = align(sample("named.srt").with_me(JOSE), PLAN, [("close/who-else", 20.0, None)])
    shifted = transcript.transcript
    assert shifted.offset_s is not None
    session = DebriefSession(zoe_interview(), None, CLOCK)
    session.open()
    index = line_saying(shifted, "Priya Natarajan")

    session.flag_line(shifted, index, "quote")

    [flag] = session.interview.flags
    assert flag.offset_s == pytest.approx(shifted.segments[index].start + shifted.offset_s, 0.1)


def test_a_flag_from_the_transcript_reads_back_as_one_and_a_calls_flag_as_before() -> None:
    from_transcript = Flag("quote", "q", 12.0, "line", transcript_at=3.5)
    from_call = Flag("quote", "q", 12.0, "line")

    assert Flag.from_dict(from_transcript.to_dict()) == from_transcript
    assert from_call.to_dict() == {
        "kind": "quote",
        "question_id": "q",
        "offset_s": 12.0,
        "text": "line",
    }
    assert not Flag.from_dict(from_call.to_dict()).from_transcript  # type: ignore[union-attr]


# -- the opening, and whether the thank-you mentions it ------------------------------------------


def with_opening() -> Interview:
    interview = zoe_interview()
    interview.flags = [Flag("opening", None, 700.0, "a junior analyst post opens in March")]
    return interview


def test_the_debrief_asks_about_an_opening_once_and_keeps_the_answer_on_the_interview() -> None:
    session = DebriefSession(with_opening(), None, CLOCK)
    session.open()
    assert session.asks_about_opening()
    assert "apply" not in session.interview.thank_you.text

    session.answer_opening(True)

    assert not session.asks_about_opening()
    stored = session.take_changes().interview
    assert stored is not None and stored["thank_you"]["mention_opening"] is True
    shown = session.interview.thank_you.text
    redrafted = session.redraft(shown)
    assert redrafted is not None and "I would like to apply" in redrafted


def test_a_draft_written_after_a_yes_stays_coachs_own_when_the_debrief_opens_again() -> None:
    interview = with_opening()
    first = DebriefSession(interview, None, CLOCK)
    first.open()
    first.answer_opening(True)
    shown = first.redraft(interview.thank_you.text)
    assert shown is not None
    first.edit_thank_you(shown)

    reopened = Interview.from_dict(interview.to_dict())
    again = DebriefSession(reopened, None, CLOCK)
    again.open()

    assert not again.asks_about_opening()
    assert "I would like to apply" in reopened.thank_you.text
    # Still coach's draft: what the user reflects next keeps improving it.
    again.reflect("learned", "Clinicians trust a chart they can read in ten seconds.")
    better = again.redraft(reopened.thank_you.text)
    assert better is not None and "I would like to apply" in better and "ten seconds" in better


def test_a_no_keeps_the_opening_out_of_every_draft() -> None:
    interview = with_opening()
    session = DebriefSession(interview, None, CLOCK)
    session.open()
    session.answer_opening(False)

    assert session.redraft(interview.thank_you.text) is None
    assert "apply" not in thank_you_draft(Interview.from_dict(interview.to_dict()))


def test_nothing_is_asked_without_an_opening_or_once_the_note_was_sent() -> None:
    plain = DebriefSession(zoe_interview(), None, CLOCK)
    plain.open()
    assert not plain.asks_about_opening()
    sent = DebriefSession(with_opening(), None, CLOCK)
    sent.open()
    sent.mark_sent("Dear Zoë, thank you.")
    assert not sent.asks_about_opening()


# -- the call, question by question, and the record ----------------------------------------------


def test_the_call_reads_question_by_question_with_the_notes_beside_the_lines() -> None:
    transcript = named_srt()
    interview = zoe_interview()
    interview.notes = [Note("close/who-else", 610.0, "Priya — data quality"), Note(None, 5.0, "hi")]

    parts = by_question(interview, transcript)

    assert [p.question_id for p in parts] == [None, "close/who-else"]
    assert parts[0].heading == OUTSIDE
    assert [n.text for n in parts[0].notes] == ["hi"]
    assert [n.text for n in parts[1].notes] == ["Priya — data quality"]
    every_line = sorted(i for p in parts for i in p.lines)
    assert every_line == list(range(len(transcript.segments)))
    asked = transcript.segments[parts[1].lines[0]]
    assert asked.speaker == JOSE and asked.text.startswith("Who else should I talk to")


def test_lines_under_a_question_no_longer_in_the_plan_count_as_outside() -> None:
    transcript = named_srt()
    interview = zoe_interview()
    interview.plan.questions = [q for q in interview.plan.questions if q.id != "close/who-else"]

    parts = by_question(interview, transcript)

    assert [p.question_id for p in parts] == [None]
    assert len(parts[0].lines) == len(transcript.segments)


def test_the_json_record_holds_the_transcript_or_null() -> None:
    import json

    interview = zoe_interview()
    assert json.loads(to_json(interview))["transcript"] is None
    doc = json.loads(to_json(interview, named_srt()))
    assert set(doc["transcript"]) == {"format", "me", "segments", "talk_share"}
    assert doc["transcript"]["me"] == JOSE


def test_the_markdown_record_gives_the_transcript_under_each_question_with_its_flags() -> None:
    transcript = named_srt()
    interview = zoe_interview()
    session = DebriefSession(interview, None, CLOCK)
    session.open()
    session.flag_line(transcript, line_saying(transcript, "Priya Natarajan"), "referral")

    text = to_markdown(interview, transcript=transcript.from_file("zoe.srt"))

    section = text[text.index("## Transcript") :]
    assert "*SubRip, from zoe.srt. Talk: You " in section
    assert f"### {OUTSIDE}" in section
    who_else = section.index("### Who else should I talk to?")
    priya = section.index("Priya Natarajan")
    assert who_else < priya
    assert "*(flagged: referral)*" in section[priya:]
    assert "## Transcript" not in to_markdown(interview)
