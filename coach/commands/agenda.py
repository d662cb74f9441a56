"""`coach agenda` and `coach calendar`: follow-ups computed from the data, as text, JSON or .ics."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from coach.commands.output import deliver, force_option, output_option, say, say_json
from coach.store.paths import DataPaths


def _read(paths: DataPaths, whole: bool) -> tuple[list[Any], list[Any]]:
    """Contacts, and interviews: whole documents for the calendar (it writes the plan into
    each event), summaries for the agenda (they hold all it reads)."""
    from coach.commands.reading import opened_store
    from coach.core.contact import Contact

    with opened_store(paths) as store:
        interviews = store.interviews() if whole else store.interview_summaries_view()
        return [Contact.from_dict(d) for d in store.contacts()], interviews


def _now(value: str | None) -> datetime:
    if not value:
        return datetime.now().astimezone()
    from coach.core.clock import parse_when

    when = parse_when(value)
    if when is None:
        raise click.BadParameter(f"{value!r} is not an ISO date-time", param_hint="--now")
    return when


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("--all", "show_all", is_flag=True, help="Also list what is due later.")
@click.option("--now", "now_text", default=None, hidden=True, help="Pretend it is this time (ISO).")
@click.pass_obj
def agenda(paths: DataPaths, as_json: bool, show_all: bool, now_text: str | None) -> None:
    """What is due: nudges, thank-yous, report-backs, keep-in-touch and action items."""
    from coach.core.agenda import KIND_LABELS, AgendaItem, build_agenda
    from coach.core.text import clean_line

    def line(item: AgendaItem, mark: str = "") -> str:
        kind = clean_line(KIND_LABELS.get(item.kind, item.kind))
        return f"  {mark}{item.due:%a %d %b}  {kind:<13} {clean_line(item.text)}"

    now = _now(now_text)
    people, interviews = _read(paths, whole=False)
    result = build_agenda(people, interviews, now)
    if as_json:
        items = result.items if show_all else result.today()
        say_json([i.to_dict(now) for i in items])
        left = len(result.items) - len(items)
        if left:
            # On stderr, so what a script reads stays JSON.
            say(f"{left} more later; add --all to include them", err=True)
        return
    today = result.today()
    say("Today" + ("" if today else ": nothing due"))
    for item in today:
        say(line(item, "overdue " if item.is_overdue(now) else ""))
    later = result.later()
    if show_all:
        say("Later" + ("" if later else ": nothing planned"))
        for item in later:
            say(line(item))
    elif later:
        say(f"{len(later)} more later; `coach agenda --all` lists them")


@click.command()
@output_option("The .ics file to write (- for standard output).", required=True)
@force_option()
@click.option("--now", "now_text", default=None, hidden=True, help="Pretend it is this time (ISO).")
@click.pass_obj
def calendar(paths: DataPaths, output: str, force: bool, now_text: str | None) -> None:
    """Write scheduled interviews (with a 15-minute alarm) and follow-ups to an iCalendar file."""
    from coach.core.agenda import build_agenda
    from coach.core.text import counted
    from coach.io.ics import build_calendar

    now = _now(now_text)
    people, interviews = _read(paths, whole=True)
    items = build_agenda(people, interviews, now).items
    cal = build_calendar(interviews, people, items, now)
    written = deliver(paths, output, cal.text(), force=force)
    # With -o - the calendar is standard output, so the count goes to stderr.
    say(
        f"wrote {counted(cal.events, 'interview')} and {counted(cal.todos, 'follow-up')} to "
        + (str(output) if written else "standard output"),
        err=written is None,
    )
