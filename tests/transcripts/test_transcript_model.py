"""A transcript is stored per interview, exported under a fixed JSON contract, and knows which
speaker is the user."""

from __future__ import annotations

import json

import pytest
from transcript_samples import JOSE, PLAN, ZOE, sample, zoom_as_jose

from coach.core.record import transcript_json
from coach.core.transcript import (
    FORMATS,
    Segment,
    SpeakerNotFound,
    Transcript,
    align,
    talk_share,
)


def test_a_stored_transcript_reads_back_the_same_with_its_interview_and_questions():
    aligned = align(zoom_as_jose(), PLAN, [("path/into", 27.0, None)]).transcript
    stored = aligned.for_interview("iv-42").to_dict()

    assert stored["id"] == stored["interview_id"] == "iv-42"
    assert stored["format"] == "zoom"
    assert stored["me"] == JOSE
    assert stored["offset_s"] == pytest.approx(11.0)
    json.dumps(stored)  # only JSON types
    assert Transcript.from_dict(stored) == aligned.for_interview("iv-42")


def test_a_stored_transcript_that_was_edited_by_hand_is_read_as_far_as_it_makes_sense():
    doc = {
        "interview_id": "iv-7",
        "format": "otter",
        "me": "  Ana\x1b[31m Souza ",
        "estimated_times": "yes",
        "segments": [
            {"start": 9.0, "end": 12.0, "speaker": "Ben", "text": "Second.", "question_id": "q"},
            {"start": 1.0, "end": 4.0, "speaker": "Ana Souza", "text": "First\x07."},
            {"start": "soon", "end": 4.0, "speaker": "Ana", "text": "No time."},
            {"start": 5.0, "end": 6.0, "speaker": "Ana", "text": "   "},
            {"start": True, "end": 6.0, "speaker": "Ana", "text": "A boolean is no time."},
            {"start": 6.0, "end": 3.0, "speaker": 7, "text": "Ends early."},
            "not a segment",
        ],
    }
    transcript = Transcript.from_dict(doc)
    assert transcript is not None
    assert transcript.me == "Ana Souza"
    assert transcript.estimated_times is False
    assert [(s.start, s.end, s.speaker, s.text, s.question_id) for s in transcript.segments] == [
        (1.0, 4.0, "Ana Souza", "First.", None),
        (6.0, 6.0, "", "Ends early.", None),
        (9.0, 12.0, "Ben", "Second.", "q"),
    ]


@pytest.mark.parametrize("doc", [None, [], {"format": "docx", "segments": []}, {"segments": []}])
def test_a_stored_document_of_unknown_shape_is_no_transcript(doc):
    assert Transcript.from_dict(doc) is None


def test_the_json_export_follows_the_contract_exactly():
    exported = transcript_json(align(zoom_as_jose(), PLAN).transcript)

    assert set(exported) == {"format", "me", "segments", "talk_share"}
    assert exported["format"] in FORMATS and exported["format"] == "zoom"
    assert exported["me"] == JOSE
    first = exported["segments"][0]
    assert set(first) == {"start", "end", "speaker", "text", "question_id"}
    assert first == {
        "start": 0.0,
        "end": 4.0,
        "speaker": JOSE,
        "text": "Hi Dr. O'Neil, thanks so much for making the time today.",
        "question_id": None,
    }
    assert exported["segments"][3]["question_id"] == "path/into"
    assert exported["talk_share"] == {JOSE: 0.2967, ZOE: 0.7033}
    assert json.loads(json.dumps(exported)) == exported


def test_the_export_of_a_transcript_whose_user_is_unknown_has_me_null():
    exported = transcript_json(sample("unnamed.srt"))
    assert exported["me"] is None
    assert exported["format"] == "srt"
    assert exported["talk_share"] == {"": 1.0}


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("José M. Ortega", JOSE),
        ("jose m. ortega", JOSE),
        ("  JOSÉ   M.  Ortega ", JOSE),
        ("Jose M Ortega", JOSE),
        ("José Ortega", JOSE),
        ("dr zoe oneil", ZOE),
        ("Zoë", ZOE),
    ],
)
def test_the_user_is_found_by_name_whatever_the_case_accents_spacing_or_dots(typed, found):
    assert sample("teams_missing_close.vtt").with_me(typed).me == found


def test_a_name_that_matches_no_speaker_says_who_the_speakers_are():
    with pytest.raises(SpeakerNotFound) as caught:
        sample("named.srt").with_me("Priya Natarajan")
    assert str(caught.value) == (
        "no speaker called 'Priya Natarajan' in the transcript; "
        "speakers: José M. Ortega, Dr. Zoë O'Neil"
    )


def test_a_name_that_fits_two_speakers_equally_picks_neither():
    transcript = Transcript(
        "text",
        None,
        (Segment(0, 1, "Ana Souza", "Hi."), Segment(1, 2, "Ana Lima", "Hello.")),
    )
    assert transcript.find_speaker("Ana") is None
    assert transcript.find_speaker("ana lima") == "Ana Lima"


def test_a_transcript_that_names_nobody_cannot_have_a_user():
    with pytest.raises(SpeakerNotFound, match="does not name them"):
        sample("plain.vtt").with_me("José")


def test_setting_the_user_changes_whose_talk_is_coached_and_nothing_else():
    as_zoe = zoom_as_jose().with_me("Zoë")
    assert as_zoe.me == ZOE
    assert as_zoe.segments == zoom_as_jose().segments
    assert talk_share(as_zoe).coaching == (
        "You spoke 70% of the time; the people you ask should do most of the talking."
    )
    assert zoom_as_jose().with_me(None).me is None
