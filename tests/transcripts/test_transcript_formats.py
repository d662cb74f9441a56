"""Every supported export is read into speakers, times and the words as they were said."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from transcript_samples import FIXTURES, JOSE, ZOE, sample

from coach.core.transcript import SECONDS_PER_WORD, UNKNOWN_SPEAKER, TranscriptError
from coach.io.transcripts import read_transcript


def texts(transcript):
    return [segment.text for segment in transcript.segments]


# -- WebVTT ------------------------------------------------------------------------------------


def test_a_zoom_export_with_crlf_and_a_byte_order_mark_gives_each_cue_its_named_speaker():
    raw = (FIXTURES / "zoom_crlf_bom.vtt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfWEBVTT\r\n") and raw.count(b"\r\n") > 50

    transcript = sample("zoom_crlf_bom.vtt")

    assert transcript.format == "zoom"
    assert transcript.me is None
    assert transcript.estimated_times is False
    assert len(transcript.segments) == 16
    first, second = transcript.segments[:2]
    assert (first.start, first.end, first.speaker) == (0.0, 4.0, JOSE)
    assert first.text == "Hi Dr. O'Neil, thanks so much for making the time today."
    assert (second.start, second.end, second.speaker) == (4.5, 9.0, ZOE)
    assert transcript.speaker_names() == [JOSE, ZOE]
    assert not any("\r" in text or "\ufeff" in text for text in texts(transcript))


def test_html_entities_in_cues_become_the_characters_they_stand_for():
    transcript = sample("zoom_crlf_bom.vtt")
    assert transcript.segments[4].text.endswith("to track falls & pressure ulcers.")


def test_text_that_looks_like_markup_is_kept_literally():
    transcript = sample("zoom_crlf_bom.vtt")
    assert transcript.segments[11].text == (
        "I've got [b]Ask[/b] next to this one in my notes: "
        "which skills matter most for someone starting out?"
    )
    assert transcript.segments[11].speaker == JOSE


def test_teams_voice_spans_name_the_speaker_even_where_the_closing_tag_is_missing():
    transcript = sample("teams_missing_close.vtt")

    assert transcript.format == "teams"
    assert transcript.speaker_names() == [JOSE, ZOE]
    by_start = {segment.start: segment for segment in transcript.segments}
    unclosed = by_start[16.3]  # cue 17-0 has no </v>
    assert unclosed.speaker == ZOE
    assert unclosed.text == (
        "Slowly, and then all at once. I was the nurse who fixed everyone's spreadsheets"
    )
    assert by_start[31.5].speaker == JOSE  # cue 18-0 has no </v> either
    assert by_start[31.5].text == "Did you have to go back to university for that?"
    assert by_start[47.8].speaker == JOSE  # <v.loud José M. Ortega>


def test_teams_cue_text_over_two_lines_is_one_line_without_its_tags():
    transcript = sample("teams_missing_close.vtt")
    by_start = {segment.start: segment for segment in transcript.segments}
    assert by_start[9.6].text == (
        "Thanks again for this. Could you tell me how you moved from nursing into analytics?"
    )
    assert by_start[24.77].text == (
        "and one day the R&D lead asked whether I wanted to do it full time."
    )
    assert by_start[53.5].text.endswith("Guard is the right word.")
    assert not any("<" in text or "duration" in text for text in texts(transcript))


def test_a_teams_cue_with_two_voices_shares_its_time_between_them_by_words():
    data = (
        b"WEBVTT\n\n"
        b"1f0c/3-0\n00:00:10.000 --> 00:00:14.000\n"
        b"<v Ana Souza>One two three.</v><v Ben Ode>Four.</v>\n"
    )
    ana, ben = read_transcript(data, "two.vtt").segments
    assert (ana.speaker, ana.start, ana.end) == ("Ana Souza", 10.0, 13.0)
    assert (ben.speaker, ben.start, ben.end) == ("Ben Ode", 13.0, 14.0)


def test_plain_webvtt_keeps_speech_with_no_speaker_and_drops_styles_regions_notes_and_tags():
    transcript = sample("plain.vtt")

    assert transcript.format == "vtt"
    assert transcript.speaker_names() == [UNKNOWN_SPEAKER]
    assert texts(transcript) == [
        "Thanks for making the time today.",
        "Happy to. It's nice to talk about something other than dashboards.",
        "So, I'm finishing a master's in public health & statistics.",
        "Which skills would you learn first, if you were starting again?",
    ]


def test_cues_out_of_order_are_sorted_and_overlapping_ones_are_all_kept():
    transcript = sample("plain.vtt")
    times = [(segment.start, segment.end) for segment in transcript.segments]
    assert times == [(1.0, 4.0), (4.5, 8.0), (8.5, 12.5), (12.0, 16.5)]


def test_a_cue_that_ends_before_it_starts_is_kept_at_its_start():
    data = b"WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nAna Souza: Sorry, go on.\n"
    (segment,) = read_transcript(data, "slip.vtt").segments
    assert (segment.start, segment.end, segment.text) == (5.0, 5.0, "Sorry, go on.")


def test_escape_sequences_and_control_characters_never_reach_the_text():
    data = (
        b"WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n"
        b"Ana \x1b[31mSouza\x1b[0m: Red \x1b]0;title\x07text\x07 here.\n"
    )
    (segment,) = read_transcript(data, "esc.vtt").segments
    assert segment.speaker == "Ana Souza"
    assert segment.text == "Red text here."


# -- SubRip ------------------------------------------------------------------------------------


def test_subrip_with_names_gives_each_cue_its_speaker():
    transcript = sample("named.srt")
    assert transcript.format == "srt"
    assert [(s.start, s.end, s.speaker) for s in transcript.segments] == [
        (0.0, 3.2, JOSE),
        (3.6, 7.9, ZOE),
        (8.3, 13.1, JOSE),
        (13.5, 21.0, ZOE),
    ]
    assert transcript.segments[1].text == "No trouble. I have until half past, so we're fine."
    assert transcript.segments[3].text.startswith("Priya Natarajan, without a doubt.")


def test_subrip_without_names_keeps_the_speech_with_no_speaker():
    transcript = sample("unnamed.srt")
    assert transcript.format == "srt"
    assert transcript.speaker_names() == [UNKNOWN_SPEAKER]
    assert texts(transcript)[2] == "Who else should I talk to about informatics roles?"


def test_subrip_that_names_the_speaker_only_where_it_changes_keeps_them_until_the_next_name():
    data = (
        b"1\n00:00:00,000 --> 00:00:02,000\nAna Souza: So I started in retail banking.\n\n"
        b"2\n00:00:02,000 --> 00:00:04,000\nThen moved to the risk team.\n\n"
        b"3\n00:00:04,000 --> 00:00:06,000\nBen Ode: Why risk?\n\n"
        b"4\n00:00:06,000 --> 00:00:08,000\nAna Souza: The models. I liked the models.\n\n"
        b"5\n00:00:08,000 --> 00:00:10,000\nAnd the people, to be fair.\n"
    )
    transcript = read_transcript(data, "turns.srt")
    assert [s.speaker for s in transcript.segments] == [
        "Ana Souza",
        "Ana Souza",
        "Ben Ode",
        "Ana Souza",
        "Ana Souza",
    ]
    assert transcript.segments[1].text == "Then moved to the risk team."


def test_blank_lines_before_the_webvtt_header_do_not_shift_the_line_in_a_message():
    data = b"\n\nWEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi.\n\nno timing here\n"
    with pytest.raises(TranscriptError, match=r"^late\.vtt:8: expected a cue timing line"):
        read_transcript(data, "late.vtt")


# -- text exports ------------------------------------------------------------------------------


def test_a_google_meet_transcript_skips_title_and_attendees_and_spreads_times_by_words():
    transcript = sample("meet.txt")

    assert transcript.format == "meet"
    assert transcript.estimated_times is True
    assert transcript.speaker_names() == [JOSE, ZOE]
    assert texts(transcript)[0] == "Hi Zoë, thanks for joining from the hospital."
    # A line with no name continues the speaker before it.
    assert texts(transcript)[3].endswith("borrowed me for a project and never gave me back.")
    assert not any("Attendees" in text or "editable" in text for text in texts(transcript))

    segments = transcript.segments
    before_two_minutes = segments[:6]
    words = [segment.words for segment in before_two_minutes]
    assert segments[0].start == 0.0
    assert segments[0].end == pytest.approx(120 * words[0] / sum(words), abs=0.001)
    assert segments[5].end == pytest.approx(120.0)
    assert segments[6].start == pytest.approx(120.0)
    # "Transcription ended after 00:03:45" closes the last stretch.
    assert segments[-1].end == pytest.approx(225.0)


def test_an_otter_export_gives_each_paragraph_until_the_next_and_the_last_its_words_worth():
    transcript = sample("otter.txt")

    assert transcript.format == "otter"
    assert transcript.estimated_times is False
    assert transcript.speaker_names() == [JOSE, ZOE]
    starts = [segment.start for segment in transcript.segments]
    assert starts == [0.0, 5.0, 12.0, 16.0, 34.0, 39.0, 52.0]
    assert [segment.end for segment in transcript.segments[:-1]] == starts[1:]
    last = transcript.segments[-1]
    assert last.text == "That's really helpful, thank you. I'll write to Priya this week."
    assert last.end == pytest.approx(52.0 + 11 * SECONDS_PER_WORD)
    assert not any("otter.ai" in text for text in texts(transcript))


def test_lines_of_name_and_text_without_times_are_timed_at_a_speaking_pace():
    transcript = sample("names.txt")

    assert transcript.format == "text"
    assert transcript.estimated_times is True
    assert transcript.speaker_names() == [JOSE, ZOE]
    first, second = transcript.segments[:2]
    assert first.start == 0.0
    assert first.end == pytest.approx(22 * SECONDS_PER_WORD)  # 22 words at 150 a minute
    assert second.start == first.end


def test_a_line_that_starts_with_a_time_of_day_is_speech_not_a_clock_line():
    data = b"Ana Souza: When does the ward round end?\nBen Ode: Usually\n10:30 on a good day.\n"
    ana, ben = read_transcript(data, "times.txt").segments
    assert ben.text == "Usually 10:30 on a good day."
    assert ben.start == ana.end


def test_meets_closing_note_is_not_speech_even_without_the_end_line():
    data = (
        b"Call - Transcript\nAttendees\nAna Souza, Ben Ode\nTranscript\n00:00:00\n"
        b"Ana Souza: Thanks for your time.\n\n"
        b"This editable transcript was computer generated and might contain errors.\n"
    )
    transcript = read_transcript(data, "meet.txt")
    assert transcript.format == "meet"
    assert [s.text for s in transcript.segments] == ["Thanks for your time."]


def test_lines_of_name_and_text_with_clock_lines_share_the_time_between_them_by_words():
    data = (
        b"[00:00:00]\n"
        b"Ana Souza: one two three four\n"
        b"Ben Ode: five six seven eight nine ten eleven twelve\n"
        b"00:01:00\n"
        b"[00:01:00] Ana Souza: thirteen fourteen\n"
    )
    transcript = read_transcript(data, "stamped.txt")
    assert transcript.format == "text"
    assert [(s.speaker, s.start, s.end) for s in transcript.segments] == [
        ("Ana Souza", 0.0, 20.0),
        ("Ben Ode", 20.0, 60.0),
        ("Ana Souza", 60.0, 60.0 + 2 * SECONDS_PER_WORD),
    ]


@pytest.mark.parametrize(
    ("name", "disguise", "expected"),
    [
        ("zoom_crlf_bom.vtt", "notes.txt", "zoom"),
        ("named.srt", "captions.vtt", "srt"),
        ("otter.txt", "call.srt", "otter"),
        ("meet.txt", "meeting.vtt", "meet"),
    ],
)
def test_the_format_is_told_from_the_content_not_the_file_name(
    tmp_path: Path, name: str, disguise: str, expected: str
):
    copy = tmp_path / disguise
    shutil.copy(FIXTURES / name, copy)
    assert read_transcript(copy.read_bytes(), str(copy)).format == expected
