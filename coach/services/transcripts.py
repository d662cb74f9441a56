"""A call's transcript: import one for an interview, settle which speaker is the user, line it up
with the plan and keep it; flag its lines as the call's notes are flagged.

The command line (``coach transcript import``) and the Debrief screen call the same steps. The
screen takes them one at a time, asking the user in between (which speaker are you? replace the
transcript there is?); :func:`import_file` takes them all at once and raises what it would ask.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coach.core.clock import Clock
from coach.core.interview import Interview
from coach.core.text import clean_line
from coach.core.transcript import (
    Alignment,
    QuestionShown,
    Speaker,
    TalkShare,
    Transcript,
    align,
    speakers,
    talk_share,
)
from coach.store.db import YOUR_NAME, Store


class UnknownInterview(LookupError):
    """No interview has the id given (or a unique start of it)."""


class TranscriptExists(Exception):
    """The interview has a transcript already, and replacing it was not asked for."""

    def __init__(self, interview: Interview, existing: Transcript) -> None:
        self.interview = interview
        self.existing = existing
        lines = len(existing.segments)
        source = f", from {existing.source}" if existing.source else ""
        super().__init__(
            f"the interview with {_person(interview)} already has a transcript "
            f"({existing.format_name}, {lines} line{'s' if lines != 1 else ''}{source})"
        )


class WhoIsMe(Exception):
    """The transcript names its speakers, and none of them is known to be the user."""

    def __init__(self, transcript: Transcript) -> None:
        self.transcript = transcript
        self.speakers = [s for s in speakers(transcript) if s.name]
        super().__init__(
            f"the transcript names {len(self.speakers)} speaker"
            f"{'s' if len(self.speakers) != 1 else ''} and none is known to be you"
        )


@dataclass(frozen=True)
class Imported:
    """A transcript kept for an interview: as stored (lined up), how it was lined up, and who
    did the talking."""

    interview: Interview
    transcript: Transcript
    alignment: Alignment
    share: TalkShare
    replaced: bool

    def report(self) -> list[str]:
        """What happened, in a few lines: what was kept, how it was lined up, the talk time,
        and the coaching point when the user talked too much."""
        transcript = self.transcript
        count = len(transcript.segments)
        what = f"{transcript.format_name}, {count} line{'s' if count != 1 else ''}"
        source = f"{transcript.source} ({what})" if transcript.source else what
        verb = "Replaced the transcript with" if self.replaced else "Imported"
        first = f"{verb} {source} for the interview with {_person(self.interview)}"
        first += f"; you are {transcript.me}." if transcript.me else "."
        lines = [first, self.alignment.summary(len(self.interview.plan.questions))]
        lines.append(f"Talk: {self.share.summary()}")
        if transcript.me is None and transcript.named_speakers():
            lines.append("Who you are is not known, so your share of the talk is not given.")
        if self.share.coaching:
            lines.append(self.share.coaching)
        unplanned = len(transcript.unplanned)
        if unplanned:
            lines.append(
                f"{unplanned} question{'s' if unplanned != 1 else ''} you asked "
                f"{'were' if unplanned != 1 else 'was'} not in the plan."
            )
        return lines


def _person(interview: Interview) -> str:
    return clean_line(interview.contact_name) or "(no name)"


# -- the steps -------------------------------------------------------------------------------------


def find_interview(store: Store, wanted: str) -> Interview:
    """The interview with id ``wanted``, or the only one whose id starts with it.

    Raises :class:`UnknownInterview` saying why (none, or several that start alike).
    """
    wanted = wanted.strip()
    doc = store.get_interview(wanted) if wanted else None
    if doc is None and wanted:
        matches = [
            str(summary.get("id"))
            for summary in store.interview_summaries_view()
            if str(summary.get("id", "")).startswith(wanted)
        ]
        if len(matches) > 1:
            raise UnknownInterview(
                f"{clean_line(wanted)!r} is the start of {len(matches)} interviews' ids; "
                "give more of it (see `coach interviews list`)"
            )
        if matches:
            doc = store.get_interview(matches[0])
    if doc is None:
        raise UnknownInterview(
            f"no interview with id {clean_line(wanted)!r} (see `coach interviews list`)"
        )
    return Interview.from_dict(doc)


def stored_transcript(store: Store, interview_id: str) -> Transcript | None:
    """The transcript kept for the interview, or None."""
    return Transcript.from_dict(store.get("transcript", interview_id))


def read_file(path: Path) -> Transcript:
    """The transcript in the file at ``path``, whatever its format.

    Raises :class:`~coach.core.transcript.TranscriptError` (``FILE:LINE: what is wrong``).
    """
    from coach.io.transcripts import read_transcript_file

    return read_transcript_file(path).from_file(path.name)


def saved_name(store: Store) -> str | None:
    """The user's own name as saved on Home, or None."""
    value = store.get_meta(YOUR_NAME)
    name = clean_line(value) if isinstance(value, str) else ""
    return name or None


def settle_me(store: Store, transcript: Transcript, me: str | None = None) -> Transcript:
    """The transcript with the user found among its speakers, when that can be known.

    ``me`` (as typed: case, accents and punctuation do not count) must be one of them, or
    :class:`~coach.core.transcript.SpeakerNotFound` is raised naming those there are. Without
    it, the name saved on Home is used when it is one of the speakers; else ``me`` stays None
    (see :func:`needs_me`).
    """
    if me is not None and me.strip():
        return transcript.with_me(me)
    saved = saved_name(store)
    found = transcript.find_speaker(saved) if saved else None
    return transcript.with_me(found) if found else transcript


def needs_me(transcript: Transcript) -> bool:
    """Whether the user must still say which speaker they are: the file names its speakers
    and none is known to be them (a file that names nobody cannot be asked about)."""
    return transcript.me is None and bool(transcript.named_speakers())


def choices(transcript: Transcript) -> list[Speaker]:
    """The speakers the user picks "which one is you" from, with their share of the talk."""
    return [speaker for speaker in speakers(transcript) if speaker.name]


def timeline_of(interview: Interview) -> list[QuestionShown]:
    """When each question was on screen in the call run in coach (empty if it was not)."""
    return [(shown.question_id, shown.start_s, shown.end_s) for shown in interview.live.timeline]


def line_up(interview: Interview, transcript: Transcript) -> Alignment:
    """The transcript lined up with the interview's plan: by the call's own question timeline
    when the call was run in coach, else by the wording of the user's questions."""
    return align(transcript, interview.plan.questions, timeline_of(interview) or None)


def keep(
    store: Store, interview: Interview, transcript: Transcript, *, replace: bool = False
) -> Imported:
    """Line the transcript up with the plan and keep it for the interview.

    Raises :class:`TranscriptExists` when the interview has one already and ``replace`` is
    False; nothing is written then. Flags put on the old transcript's lines stay flags.
    """
    existing = stored_transcript(store, interview.id)
    if existing is not None and not replace:
        raise TranscriptExists(interview, existing)
    alignment = line_up(interview, transcript)
    kept = alignment.transcript.for_interview(interview.id)
    store.save("transcript", kept.to_dict())
    return Imported(interview, kept, alignment, talk_share(kept), existing is not None)


def import_file(
    store: Store, interview_id: str, path: Path, *, me: str | None = None, force: bool = False
) -> Imported:
    """Every step at once, for the command line: find the interview, read the file, settle
    who the user is, line it up and keep it. Nothing is written unless all of it works.

    Raises :class:`UnknownInterview`, :class:`TranscriptExists` (without ``force``),
    :class:`~coach.core.transcript.TranscriptError`,
    :class:`~coach.core.transcript.SpeakerNotFound` (``me`` is nobody in it) and
    :class:`WhoIsMe` (no ``me``, no saved name among the speakers).
    """
    interview = find_interview(store, interview_id)
    existing = stored_transcript(store, interview.id)
    if existing is not None and not force:
        raise TranscriptExists(interview, existing)
    transcript = settle_me(store, read_file(path), me)
    if needs_me(transcript):
        raise WhoIsMe(transcript)
    return keep(store, interview, transcript, replace=force)


def change_me(store: Store, interview: Interview, transcript: Transcript, me: str) -> Imported:
    """Say (again) which speaker is the user: the lines are lined up anew, since finding the
    plan's questions by their wording reads the user's lines, and the transcript is kept."""
    return keep(store, interview, transcript.with_me(me), replace=True)


# -- flagging a line -------------------------------------------------------------------------------


def flag_line(store: Store, interview_id: str, index: int, kind: str, clock: Clock) -> bool:
    """Flag line ``index`` of the interview's transcript as ``kind`` (referral, advice,
    opening, quote), or take that flag back when it is there; True when it is flagged now.

    The flag is one of the interview's own (see
    :func:`coach.core.debrief.flag_transcript_line`), so the debrief's referrals, actions and
    thank-you pick it up. Raises :class:`UnknownInterview`, LookupError when there is no such
    line, and ValueError for an unknown kind.
    """
    # Only flagging needs the debrief's rules: an import does not pay for loading them.
    from coach.core.debrief import toggle_transcript_flag

    interview = find_interview(store, interview_id)
    transcript = stored_transcript(store, interview.id)
    if transcript is None or not 0 <= index < len(transcript.segments):
        raise LookupError(f"the interview with {_person(interview)} has no line {index + 1}")
    flagged = toggle_transcript_flag(interview, transcript, index, kind, clock)
    store.save("interview", interview.to_dict())
    return flagged
