"""The sample transcripts and the plan they are lined up with."""

from __future__ import annotations

from pathlib import Path

from coach.core.interview import PlannedQuestion
from coach.core.transcript import Transcript
from coach.io.transcripts import read_transcript_file

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "transcripts"

JOSE = "José M. Ortega"
ZOE = "Dr. Zoë O'Neil"

# The plan José made for his call with Zoë. He never asks about trends.
PLAN = [
    PlannedQuestion(id="path/into", text="How did you get into healthcare data science?"),
    PlannedQuestion(id="day/typical", text="What does a typical day look like in your role?"),
    PlannedQuestion(id="skills/first", text="Which skills matter most for someone starting out?"),
    PlannedQuestion(
        id="trends/next", text="Where do you see the field going in the next five years?"
    ),
    PlannedQuestion(id="close/who-else", text="Who else should I talk to?"),
]


def sample(name: str) -> Transcript:
    """The sample file ``name`` as read."""
    return read_transcript_file(FIXTURES / name)


def zoom_as_jose() -> Transcript:
    """The Zoom sample, with José as the user."""
    return sample("zoom_crlf_bom.vtt").with_me(JOSE)
