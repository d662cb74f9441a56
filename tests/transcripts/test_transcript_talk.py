"""Who did the talking: shares per speaker, the user's longest stretch, and the coaching point."""

from __future__ import annotations

import pytest
from transcript_samples import JOSE, PLAN, ZOE, sample, zoom_as_jose

from coach.core.transcript import Segment, Transcript, align, speakers, talk_share

# Seconds of each Zoom cue, read off the file by hand.
JOSE_SECONDS = 4.0 + 6.5 + 5.0 + 2.5 + 5.5 + 3.5 + 7.5 + 3.5 + 2.5  # 40.5
ZOE_SECONDS = 4.5 + 16.5 + 14.0 + 18.5 + 11.5 + 19.5 + 11.5  # 96.0


def test_where_the_format_has_times_the_share_is_of_speaking_time():
    share = talk_share(zoom_as_jose())

    assert share.by == "time"
    assert share.overall[JOSE] == pytest.approx(JOSE_SECONDS / (JOSE_SECONDS + ZOE_SECONDS))
    assert share.overall[ZOE] == pytest.approx(ZOE_SECONDS / (JOSE_SECONDS + ZOE_SECONDS))
    assert share.my_share == pytest.approx(0.2967, abs=0.0001)
    assert share.coaching is None


def test_the_share_per_question_counts_only_the_lines_under_that_question():
    share = talk_share(align(zoom_as_jose(), PLAN).transcript)

    # "How did you get into…": José 5 + 2.5 s, Zoë 16.5 + 14 s.
    assert share.per_question["path/into"][JOSE] == pytest.approx(7.5 / 38.0)
    # Before the first question: José 4 + 6.5 s, Zoë 4.5 s.
    assert share.per_question[None][ZOE] == pytest.approx(4.5 / 15.0)
    # "Who else…": José 3.5 + 2.5 s, Zoë 11.5 s.
    assert share.per_question["close/who-else"][JOSE] == pytest.approx(6.0 / 17.5)
    assert "trends/next" not in share.per_question


def test_the_longest_stretch_merges_the_users_segments_that_follow_one_another():
    stretch = talk_share(zoom_as_jose()).longest_stretch
    assert stretch is not None
    # "I asked for twenty minutes…" then "To start, how did you…": 9.5 s to 21 s.
    assert (stretch.start, stretch.end, stretch.segments) == (9.5, 21.0, 2)
    assert stretch.seconds == pytest.approx(11.5)


def test_questions_asked_counts_the_users_question_marks():
    assert talk_share(zoom_as_jose()).questions_asked == 5


def test_where_times_are_estimated_the_share_is_of_words_and_too_much_talk_is_said_plainly():
    share = talk_share(sample("names.txt").with_me("jose m. ortega"))

    # Words per line, counted by hand: José 22, 32, 10 and 25; Zoë 6, 8 and 13.
    assert share.by == "words"
    assert share.my_share == pytest.approx(89 / 116)
    assert share.coaching == (
        "You spoke 77% of the words; the people you ask should do most of the talking."
    )
    stretch = share.longest_stretch
    assert stretch is not None and (stretch.words, stretch.segments) == (54, 2)


def test_a_meet_transcript_is_measured_in_words_though_its_times_were_spread():
    share = talk_share(sample("meet.txt"))
    assert share.by == "words"
    jose_words = sum(s.words for s in sample("meet.txt").segments if s.speaker == JOSE)
    all_words = sum(s.words for s in sample("meet.txt").segments)
    assert share.overall[JOSE] == pytest.approx(jose_words / all_words)


def test_speaking_over_each_other_counts_for_both():
    transcript = Transcript(
        "vtt",
        "Ana",
        (
            Segment(0.0, 10.0, "Ben", "A long answer about the hospital's data team."),
            Segment(4.0, 6.0, "Ana", "Right, right."),
            Segment(10.0, 12.0, "Ana", "And what about the pay?"),
        ),
    )
    share = talk_share(transcript)
    assert share.overall == {"Ben": pytest.approx(10 / 14), "Ana": pytest.approx(4 / 14)}
    # Ben is still talking after "Right, right.": Ana's next line starts a stretch of its own.
    assert share.longest_stretch is not None and share.longest_stretch.segments == 1


def test_a_murmur_over_the_users_words_does_not_end_their_stretch():
    transcript = Transcript(
        "teams",
        "Ana",
        (
            Segment(0.0, 20.0, "Ana", "So my plan is to finish the degree first."),
            Segment(5.0, 6.0, "Ben", "Mm-hm."),
            Segment(20.0, 30.0, "Ana", "And then look for a junior analyst role."),
            Segment(30.5, 40.0, "Ben", "That sounds sensible."),
            Segment(40.5, 45.0, "Ana", "Thanks."),
        ),
    )
    stretch = talk_share(transcript).longest_stretch
    assert stretch is not None
    assert (stretch.start, stretch.end, stretch.segments) == (0.0, 30.0, 2)


def test_more_than_forty_percent_of_the_time_is_a_coaching_point_forty_is_not():
    def talk(mine: float) -> Transcript:
        return Transcript(
            "zoom",
            "Ana",
            (Segment(0.0, mine, "Ana", "Me, talking."), Segment(mine, 100.0, "Ben", "Ben.")),
        )

    assert talk_share(talk(40.0)).coaching is None
    assert talk_share(talk(55.0)).coaching == (
        "You spoke 55% of the time; the people you ask should do most of the talking."
    )


def test_without_knowing_the_user_there_is_no_coaching_and_no_stretch():
    share = talk_share(sample("zoom_crlf_bom.vtt"))
    assert share.my_share is None
    assert share.longest_stretch is None
    assert share.questions_asked == 0
    assert share.coaching is None


def test_the_debrief_line_puts_the_user_first_then_the_stretch_and_questions():
    assert talk_share(zoom_as_jose()).summary() == (
        "You 30% · Dr. Zoë O'Neil 70% (by time) · longest stretch 0:11 · 5 questions asked"
    )
    assert talk_share(sample("names.txt").with_me(JOSE)).summary() == (
        "You 77% · Dr. Zoë O'Neil 23% (by words) · longest stretch 54 words · 2 questions asked"
    )


def test_the_speakers_to_pick_from_come_in_the_order_they_first_speak_with_their_share():
    found = speakers(sample("otter.txt"))
    assert [speaker.name for speaker in found] == [JOSE, ZOE]
    jose, zoe = found
    # Otter paragraphs last until the next: José 5 + 4 + 5 + 4.4 s, Zoë 7 + 18 + 13 s.
    assert jose.seconds == pytest.approx(18.4)
    assert zoe.seconds == pytest.approx(38.0)
    assert jose.share == pytest.approx(18.4 / 56.4)
    assert (jose.segments, zoe.segments) == (4, 3)
    assert jose.words == 15 + 8 + 8 + 11
