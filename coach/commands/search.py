"""`coach search QUERY`: find a word, a phrase or a person across every conversation."""

from __future__ import annotations

import shutil
import sys
from typing import NoReturn

import click

from coach.commands.reading import opened_store
from coach.store.paths import DataPaths

DEFAULT_LIMIT = 50


def _fail(message: str) -> NoReturn:
    click.echo(f"coach: {message}", err=True)
    sys.exit(2)


# Unknown options pass through as words, so `coach search design -market` excludes "market"
# rather than failing on an option click does not know.
@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("words", nargs=-1, type=click.UNPROCESSED)
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.option("--practice", is_flag=True, help="Search practice runs too.")
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=DEFAULT_LIMIT,
    show_default=True,
    help="Show at most this many results (0: all); the total counts them all.",
)
@click.pass_obj
def search(
    paths: DataPaths, words: tuple[str, ...], as_json: bool, practice: bool, limit: int
) -> None:
    """Search notes, debriefs, flags, goals, research, introductions, thank-yous, actions and
    transcripts.

    \b
    Words must all appear in one field; the last may be the start of a word.
      "exact phrase"   these words in this order
      -word            leave out fields with this word
      person:NAME  org:NAME  path:NAME  flag:referral|advice|opening|quote  since:YYYY-MM-DD
    Case and accents do not matter. Results run newest first.
    """
    from coach.core.text import clean_line
    from coach.store.search_cache import db_stamp, open_index

    text = " ".join(words)
    if not text.strip():
        _fail("say what to look for, e.g. coach search portfolio (see `coach search --help`)")
    # The snippet goes on its own line, indented: as wide as the terminal allows.
    width = max(40, shutil.get_terminal_size().columns - 4) if not as_json else 100
    stamp = db_stamp(paths)
    with opened_store(paths) as store:
        index = open_index(store, stamp).index
        results = index.search(
            text, limit=limit or None, include_practice=practice, snippet_width=width
        )
        in_practice = 0
        if not results.problem and not results.total and not practice and not as_json:
            in_practice = index.search(text, limit=1, include_practice=True).total
    if results.problem:
        _fail(results.problem)
    if as_json:
        import orjson

        click.echo(orjson.dumps(results.to_dict(), option=orjson.OPT_INDENT_2).decode())
        return
    shown = clean_line(results.query)
    if not results.total:
        click.echo(f"No results for {shown}.")
        if in_practice:
            click.echo(f"{in_practice} in practice runs: add --practice to see them.")
        return
    noun = "result" if results.total == 1 else "results"
    click.echo(f"{results.total:,} {noun} for {shown}, newest first:")
    for match in results.matches:
        person = clean_line(match.person) or "(no name)"
        click.echo("")
        click.echo(
            f"{match.date or '----------'}  {person}  ({match.field})  "
            f"{clean_line(match.interview_id)}"
        )
        click.echo(f"  {clean_line(match.snippet.marked())}")
    if len(results.matches) < results.total:
        click.echo("")
        click.echo(f"Showing {len(results.matches)} of {results.total:,}; --limit 0 shows all.")
