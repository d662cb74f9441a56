"""`coach transcript import ID FILE`: keep a call's transcript with its interview."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from coach.commands.output import Refusal, say
from coach.store.paths import DataPaths

if TYPE_CHECKING:
    from coach.services.transcripts import WhoIsMe


def _refuse(lines: list[str]) -> NoReturn:
    """Say why nothing was imported, on standard error, and stop with status 1."""
    for line in lines:
        say(line, err=True)
    sys.exit(1)


@click.group()
def transcript() -> None:
    """Import a call's transcript (Zoom, Teams, WebVTT, SubRip, Meet, Otter, Name: text)."""


@transcript.command("import")
@click.argument("interview_id")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--me", metavar="NAME", help="Which speaker is you (default: your saved name).")
@click.option("--force", is_flag=True, help="Replace the interview's transcript if it has one.")
@click.pass_obj
def import_transcript(
    paths: DataPaths, interview_id: str, file: Path, me: str | None, force: bool
) -> None:
    """Keep FILE as the transcript of interview ID (a unique start of its id is enough).

    The format is told from the content: WebVTT from Zoom, Microsoft Teams or elsewhere,
    SubRip, Google Meet's or Otter.ai's text export, or lines of "Name: text". Each line is
    put under the plan question it belongs to (by the call's own timeline when it was run in
    coach, else by the wording of your questions), and the talk time is counted.
    """
    from coach.commands.reading import opened_store
    from coach.core.transcript import SpeakerNotFound, TranscriptError
    from coach.services import transcripts
    from coach.store.errors import StoreError

    with opened_store(paths, read_only=False) as store:
        try:
            imported = transcripts.import_file(store, interview_id, file, me=me, force=force)
        except TranscriptError as error:
            _refuse([f"coach: {error}", "Nothing was imported."])
        except transcripts.UnknownInterview as error:
            _refuse([f"coach: {error}"])
        except transcripts.TranscriptExists as error:
            _refuse(
                [
                    f"coach: {error}; nothing changed.",
                    "To replace it, run the same command again with --force.",
                ]
            )
        except SpeakerNotFound as error:
            _refuse([f"coach: {error}", "Nothing was imported; give --me one of those names."])
        except transcripts.WhoIsMe as unknown:
            _refuse(_who_is_me(unknown, interview_id, file))
        try:
            store.sync()
        except StoreError as error:
            raise Refusal(f"could not save the transcript: {error}") from None
    for line in imported.report():
        say(line)


def _who_is_me(unknown: WhoIsMe, interview_id: str, file: Path) -> list[str]:
    """The speakers with their share of the talk, and how to say which one is you."""
    width = max(len(speaker.name) for speaker in unknown.speakers)
    lines = [f"coach: {file}: which speaker is you? Nothing was imported."]
    lines += [
        f"  {speaker.name:<{width}}  {round(speaker.share * 100)}% of the talk"
        for speaker in unknown.speakers
    ]
    example = _quoted(unknown.speakers[0].name)
    lines += [
        "Say which one with --me, for example:",
        f"  coach transcript import {interview_id} {_quoted(str(file))} --me {example}",
        "(Your name saved with m on coach's Home is used when it is one of them.)",
    ]
    return lines


def _quoted(text: str) -> str:
    import shlex

    return shlex.quote(text)
