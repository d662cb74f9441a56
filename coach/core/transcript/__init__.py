"""A call's transcript: who said what and when, lined up with the plan, and who did the talking.

The readers in ``coach.io.transcripts`` turn an exported file (Zoom, Teams, Meet, Otter…) into a
:class:`Transcript`; this package knows no file format. It answers three questions:

- **Who is who** (:mod:`.model`, :mod:`.talk`): :func:`speakers` lists everyone with their
  share of the talk, so the user can say which one they are; :meth:`Transcript.with_me`
  records it.
- **Which question was being discussed** (:mod:`.alignment`): :func:`align` gives every segment
  the id of the plan question it belongs to, from the live call's question timeline when there
  is one, else from the user's lines that read as the plan's questions.
- **Who did the talking** (:mod:`.talk`): :func:`talk_share`, overall and per question, with
  the coaching point that the person asking should mostly listen.

:mod:`.sections` puts it beside the notes of the call, question by question.
"""

from coach.core.transcript.alignment import (
    Alignment,
    PlanQuestion,
    QuestionShown,
    align,
    telling_words,
)
from coach.core.transcript.model import (
    FORMAT_NAMES,
    FORMATS,
    SECONDS_PER_WORD,
    UNKNOWN_SPEAKER,
    WORDS_PER_MINUTE,
    Segment,
    SpeakerNotFound,
    Transcript,
    TranscriptError,
    seconds_for_words,
    word_count,
)
from coach.core.transcript.talk import (
    TALK_LIMIT,
    Speaker,
    Stretch,
    TalkShare,
    speakers,
    talk_share,
)

__all__ = [
    "FORMATS",
    "FORMAT_NAMES",
    "SECONDS_PER_WORD",
    "TALK_LIMIT",
    "UNKNOWN_SPEAKER",
    "WORDS_PER_MINUTE",
    "Alignment",
    "PlanQuestion",
    "QuestionShown",
    "Segment",
    "Speaker",
    "SpeakerNotFound",
    "Stretch",
    "TalkShare",
    "Transcript",
    "TranscriptError",
    "align",
    "seconds_for_words",
    "speakers",
    "talk_share",
    "telling_words",
    "word_count",
]
