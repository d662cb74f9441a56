"""`coach interviews list` and `coach export ID`: read recorded interviews from the command line."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NoReturn

import click

from coach.commands.output import deliver, force_option, output_option, safe_json, say
from coach.commands.reading import opened_store
from coach.store.paths import DataPaths

if TYPE_CHECKING:
    pass


def _fail(message: str) -> NoReturn:
    say(f"coach: {message}", err=True)
    sys.exit(2)


def _one_line(value: Any) -> str:
    from coach.core.text import clean_line

    return clean_line(value) if isinstance(value, str) else ""


def _date(doc: Mapping[str, Any]) -> str:
    from coach.core.clock import parse_when

    stages = doc.get("stages")
    live = stages.get("live") if isinstance(stages, dict) else None
    started = live.get("started") if isinstance(live, dict) else None
    when = parse_when(started) or parse_when(doc.get("scheduled_at"))
    return when.strftime("%Y-%m-%d %H:%M") if when else "-"


_TEXT_OR_NONE = (str, type(None))


def _rows(docs: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One row per interview, oldest first. In a long history the same names, organisations,
    statuses and days come back thousands of times: each distinct one is cleaned once."""
    from coach.core.text import clean_line

    lines: dict[str, str] = {}
    dates: dict[tuple[str | None, str | None], str] = {}

    def line(value: Any) -> str:
        if type(value) is not str:
            return _one_line(value)
        cleaned = lines.get(value)
        if cleaned is None:
            cleaned = lines[value] = clean_line(value)
        return cleaned

    rows = []
    for doc in docs:
        stages = doc.get("stages")
        live = stages.get("live") if isinstance(stages, dict) else None
        started = live.get("started") if isinstance(live, dict) else None
        scheduled = doc.get("scheduled_at")
        # The date depends on these two values alone (see `_date`).
        if type(started) in _TEXT_OR_NONE and type(scheduled) in _TEXT_OR_NONE:
            key = (started, scheduled)
            date = dates.get(key) or dates.setdefault(key, _date(doc))
        else:
            date = _date(doc)
        rows.append(
            {
                "id": line(doc.get("id")),
                "date": date,
                "person": line(doc.get("contact_name")),
                "organisation": line(doc.get("contact_org")),
                "status": line(doc.get("status")) or "planned",
                "practice": doc.get("practice") is True,
            }
        )
    rows.sort(key=lambda row: (row["date"] == "-", row["date"], row["id"]))
    return rows


@click.group(invoke_without_command=True)
@click.pass_context
def interviews(ctx: click.Context) -> None:
    """List recorded interviews."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_interviews)


@interviews.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
@click.pass_obj
def list_interviews(paths: DataPaths, as_json: bool) -> None:
    """Show each interview: id, date, person, status, practice."""
    # The shared summaries (nothing copied), read from the summary cache when it is current:
    # no interview is decoded to list them.
    with opened_store(paths) as store:
        docs = store.interview_summaries_view()
    rows = _rows(docs)
    if as_json:
        import orjson

        say(safe_json(orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode()))
        return
    if not rows:
        say("No interviews yet. Run `coach` and press n to prepare one.")
        return
    for row in rows:
        person = str(row["person"]) or "(no name)"
        if row["organisation"]:
            person = f"{person} ({row['organisation']})"
        practice = "  practice" if row["practice"] else ""
        say(f"{row['id']:<12}  {row['date']:<16}  {row['status']:<9}  {person}{practice}")


@click.command()
@click.argument("interview_id")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "json"]),
    default="md",
    show_default=True,
    help="Markdown record or the JSON document.",
)
@click.option(
    "--transcript",
    "with_transcript",
    is_flag=True,
    help="Markdown: add the call's transcript, question by question (JSON always has it).",
)
@output_option("Write to this file instead of standard output (- is standard output).")
@force_option()
@click.pass_obj
def export(
    paths: DataPaths,
    interview_id: str,
    fmt: str,
    with_transcript: bool,
    output: str | None,
    force: bool,
) -> None:
    """Export one interview (a unique start of its id is enough) as Markdown or JSON.

    The JSON has the call's transcript under "transcript" (null when there is none).
    """
    from coach.core.contact import Contact
    from coach.core.interview import Interview
    from coach.core.record import to_json, to_markdown
    from coach.core.transcript import Transcript

    wanted = interview_id.strip()
    with opened_store(paths) as store:
        doc = store.get_interview(wanted) if wanted else None
        if doc is None and wanted:
            matches = [
                str(s.get("id"))
                for s in store.interview_summaries()
                if str(s.get("id", "")).startswith(wanted)
            ]
            if len(matches) > 1:
                _fail(f"{wanted!r} matches {len(matches)} interviews; give more of the id")
            if matches:
                doc = store.get_interview(matches[0])
        if doc is None:
            _fail(f"no interview with id {_one_line(wanted)!r} (see `coach interviews list`)")
        interview = Interview.from_dict(doc)
        person = store.get_contact(interview.contact_id) if interview.contact_id else None
        wanted_transcript = fmt == "json" or with_transcript
        kept = store.get("transcript", interview.id) if wanted_transcript else None
    transcript = Transcript.from_dict(kept)
    connection = Contact.from_dict(person).connection if person is not None else ""
    if fmt == "md":
        if with_transcript and transcript is None:
            say(
                "coach: this interview has no transcript; the record is written without one",
                err=True,
            )
        text = to_markdown(interview, connection, transcript)
    else:
        text = safe_json(to_json(interview, transcript))
    if deliver(paths, output, text, force=force) is not None:
        say(f"wrote {output}", err=True)


def _add_import() -> None:
    # Written in its own module; listed under `coach interviews` like `list`.
    from coach.commands.interview_import import import_interviews

    interviews.add_command(import_interviews)


_add_import()
