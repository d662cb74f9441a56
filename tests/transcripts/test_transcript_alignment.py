"""Each line of the transcript is filed under the plan question it belongs to."""

from __future__ import annotations

import pytest
from transcript_samples import JOSE, PLAN, ZOE, sample, zoom_as_jose

from coach.core.transcript import Segment, Transcript, align

# Which question each of the 16 Zoom segments belongs to when lined up by what José asked:
# small talk, then "how did you get into…" (segment 4), "a typical day" (8), "which skills"
# (12) and "who else" (14). He never asks about trends.
BY_TEXT = (
    [None] * 3
    + ["path/into"] * 4
    + ["day/typical"] * 4
    + ["skills/first"] * 2
    + ["close/who-else"] * 3
)

# The call's own record of the screen, in seconds since the call started: coach's clock was
# started about ten seconds before the recording. "trends/next" was shown and skipped.
TIMELINE = [
    ("path/into", 27.0, 66.0),
    ("day/typical", 66.0, 107.0),
    ("skills/first", 107.0, 134.0),
    ("trends/next", 134.0, 135.0),
    ("close/who-else", 135.0, None),
]


def ids(transcript: Transcript) -> list[str | None]:
    return [segment.question_id for segment in transcript.segments]


def test_without_a_timeline_a_line_that_reads_as_a_plan_question_starts_it():
    alignment = align(zoom_as_jose(), PLAN)

    assert alignment.method == "text"
    assert alignment.offset_s is None
    assert ids(alignment.transcript) == BY_TEXT
    assert alignment.matched_lines == 4


def test_lines_before_the_first_question_are_small_talk_with_no_question():
    alignment = align(zoom_as_jose(), PLAN)
    opening = alignment.transcript.segments[:3]
    assert [segment.question_id for segment in opening] == [None, None, None]
    assert opening[2].text.startswith("I asked for twenty minutes")


def test_questions_the_user_asked_that_are_not_in_the_plan_are_listed():
    alignment = align(zoom_as_jose(), PLAN)
    assert alignment.unplanned == (9,)
    assert [s.text for s in alignment.unplanned_questions] == [
        "Do you still talk to clinicians much?"
    ]


def test_the_other_persons_words_never_start_a_question():
    # Zoë says "Talk to Priya…", which shares a word with "Who else should I talk to?".
    alignment = align(sample("zoom_crlf_bom.vtt").with_me(ZOE), PLAN)
    assert set(ids(alignment.transcript)) == {None}
    assert alignment.unplanned == ()


def test_a_question_split_over_two_cues_starts_at_the_first_and_is_not_unplanned():
    def said(start: float, speaker: str, text: str) -> Segment:
        return Segment(start, start + 2, speaker, text)

    transcript = Transcript(
        "teams",
        JOSE,
        (
            said(0, JOSE, "Thanks for that."),
            said(2, JOSE, "So tell me, what does a typical"),
            said(4, JOSE, "day look like in your role?"),
            said(6, ZOE, "Meetings, mostly."),
        ),
    )
    alignment = align(transcript, PLAN)
    assert ids(alignment.transcript) == [None, "day/typical", "day/typical", "day/typical"]
    assert alignment.unplanned == ()


def test_matching_a_question_ignores_case_accents_plurals_and_spelling_of_ise_and_ize():
    plan = [type(PLAN[0])(id="org/size", text="How is the organisation structured?")]
    transcript = Transcript(
        "text", "Ana", (Segment(0, 3, "Ana", "HOW ARE ORGANIZATIONS LIKE YOURS STRUCTURED?"),)
    )
    assert ids(align(transcript, plan).transcript) == ["org/size"]


def test_an_empty_timeline_is_no_timeline():
    alignment = align(zoom_as_jose(), PLAN, [])
    assert alignment.method == "text"
    assert ids(alignment.transcript) == BY_TEXT


def test_with_a_timeline_the_offset_is_estimated_from_where_the_questions_were_asked():
    alignment = align(zoom_as_jose(), PLAN, TIMELINE)

    assert alignment.method == "timeline"
    assert alignment.offset_basis == "matched"
    # Shown minus asked: 27-16, 66-55.5, 107-96.5, 135-124.5; the median is 10.5.
    assert alignment.offset_s == pytest.approx(10.5)
    assert alignment.transcript.offset_s == pytest.approx(10.5)
    assert ids(alignment.transcript) == BY_TEXT


def test_an_offset_given_by_the_user_replaces_the_estimate():
    # With no shift, José's "What does a typical day look like…?" (55.5–61 s, midpoint
    # 58.25 s) falls before "a typical day" appeared at 66 s: still the first question.
    alignment = align(zoom_as_jose(), PLAN, TIMELINE, offset_s=0.0)

    assert alignment.offset_basis == "given"
    assert alignment.offset_s == 0.0
    segments = alignment.transcript.segments
    assert segments[7].text.startswith("What does a typical day")
    assert segments[7].question_id == "path/into"
    assert segments[8].question_id == "day/typical"  # 61.5–80 s, midpoint 70.75 s
    assert segments[3].question_id is None  # 16–21 s, midpoint 18.5 s: before 27 s


def test_lines_outside_every_question_on_the_timeline_belong_to_none():
    timeline = [("path/into", 20.0, 40.0), ("day/typical", 60.0, 90.0)]
    alignment = align(zoom_as_jose(), PLAN, timeline, offset_s=0.0)
    got = ids(alignment.transcript)
    assert got[3] is None  # midpoint 18.5 s: before the first question
    assert got[4] == "path/into"  # 29.75 s
    assert got[5] is None  # 45 s: between the two questions
    assert got[8] == "day/typical"  # 70.75 s
    assert got[12] is None  # 114.25 s: after the last question ended


def test_when_no_line_reads_as_a_question_the_recording_is_taken_to_start_with_the_call():
    transcript = sample("zoom_crlf_bom.vtt").with_me(JOSE)
    unrelated = [type(PLAN[0])(id="x", text="Which conferences are worth attending?")]
    alignment = align(transcript, unrelated, [("x", 100.0, None)])
    assert alignment.offset_basis == "assumed"
    assert alignment.offset_s == 0.0
    # Midpoints before 100 s belong to no question; from "which skills" (100.25 s) on, to x.
    assert ids(alignment.transcript)[:11] == [None] * 11
    assert ids(alignment.transcript)[11:] == ["x"] * 5


def test_without_knowing_the_user_everyones_lines_are_read_and_none_is_unplanned():
    alignment = align(sample("otter.txt"), PLAN)
    assert ids(alignment.transcript) == [
        None,
        None,
        "path/into",
        "path/into",
        "skills/first",
        "skills/first",
        "skills/first",
    ]
    assert alignment.unplanned == ()


def test_aligning_leaves_the_words_and_times_untouched():
    before = zoom_as_jose()
    after = align(before, PLAN, TIMELINE).transcript
    assert [(s.start, s.end, s.speaker, s.text) for s in after.segments] == [
        (s.start, s.end, s.speaker, s.text) for s in before.segments
    ]
    assert after.me == JOSE and after.format == "zoom"
