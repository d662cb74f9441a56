"""`coach stats`: the outreach funnel, conversations per week, replies and interest by path."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from coach.commands.reading import opened_store
from coach.store.paths import DataPaths

if TYPE_CHECKING:
    from coach.core.progress import Progress

BAR_WIDTH = 30


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as JSON.")
@click.pass_obj
def stats(paths: DataPaths, as_json: bool) -> None:
    """Your progress: the outreach funnel (people identified, asked, replied; conversations
    scheduled, held, thanked), conversations per week over the last 12 weeks, the reply rate
    and the median days to a reply, and interest (1-5) on each path over time.

    Practice runs never count.
    """
    from datetime import datetime

    from coach.core.progress import progress

    with opened_store(paths) as store:
        # The shared summaries: read, never changed, and no copy of 10,000 of them.
        summaries = store.interview_summaries_view()
        result = progress(
            store.contacts(),
            summaries,
            store.all("path"),
            now=datetime.now().astimezone(),
        )
    if as_json:
        import orjson

        click.echo(orjson.dumps(result.to_dict(), option=orjson.OPT_INDENT_2).decode())
        return
    for line in as_text(result):
        click.echo(line)


def _bar(value: int, largest: int) -> str:
    if value <= 0 or largest <= 0:
        return ""
    return "█" * max(1, round(BAR_WIDTH * value / largest))


def as_text(result: Progress) -> list[str]:
    """Every number as text, with a bar beside each count (readable without colour)."""
    from coach.core.text import clean_line

    lines = ["Outreach: people identified, asked and replied; conversations scheduled, held"]
    lines.append("and thanked (practice runs left out)")
    counts = result.funnel.to_dict()
    largest = max(counts.values())
    digits = len(f"{largest:,}")
    for step, count in counts.items():
        lines.append(f"  {step:<10}  {count:>{digits},}  {_bar(count, largest)}".rstrip())
    lines.append("")
    if result.reply_rate is None:
        lines.append("Reply rate: nobody asked yet.")
    else:
        lines.append(
            f"Reply rate: {result.reply_rate:.0%} "
            f"({counts['replied']:,} of {counts['asked']:,} people asked replied)."
        )
    if result.median_reply_days is None:
        lines.append("Median time to a reply: no dated reply yet.")
    else:
        days = result.median_reply_days
        lines.append(f"Median time to a reply: {days:g} day{'s' if days != 1 else ''}.")
    lines.append("")
    weeks = result.per_week
    lines.append(f"Conversations held per week, last {len(weeks)} weeks:")
    most = max((w.conversations for w in weeks), default=0)
    for week in weeks:
        bar = _bar(week.conversations, most)
        lines.append(f"  {week.week}  {week.conversations:>3}  {bar}".rstrip())
    lines.append(f"  total {sum(w.conversations for w in weeks)}")
    lines.append("")
    if not result.paths:
        lines.append("Paths: none yet.")
        return lines
    lines.append("Interest by path (1 = low, 5 = high), oldest conversation first:")
    for path in result.paths:
        title = clean_line(path.title) or "(untitled path)"
        verdict = f" — {clean_line(path.verdict)}" if path.verdict else ""
        lines.append(f"  {title}{verdict}")
        if not path.interest:
            lines.append("    no debriefed conversation yet")
            continue
        for point in path.interest:
            day = point.date or "----------"
            lines.append(f"    {day}  {point.interest}  {'█' * point.interest}")
    return lines
