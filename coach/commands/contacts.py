"""`coach contacts`: list, import and export the people in the user's network."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import click

from coach.commands.output import (
    Refusal,
    deliver,
    force_option,
    json_text,
    output_option,
    say,
    say_json,
)
from coach.core.contact import STAGES
from coach.store.paths import DataPaths


def _load_contacts(paths: DataPaths) -> list[Any]:
    from coach.commands.reading import opened_store
    from coach.core.contact import Contact

    with opened_store(paths) as store:
        return [Contact.from_dict(doc) for doc in store.contacts()]


@click.group()
def contacts() -> None:
    """List, import and export contacts."""


@contacts.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--search", "query", default="", help="Only contacts matching these words.")
@click.option(
    "--stage",
    "stages",
    multiple=True,
    type=click.Choice(STAGES),
    help="Only contacts at this stage (repeatable).",
)
@click.option(
    "--sort",
    "sort_key",
    default="name",
    type=click.Choice(["name", "organisation", "stage", "last_interaction", "created_at"]),
    help="Order of the list.",
)
@click.pass_obj
def list_contacts(
    paths: DataPaths, as_json: bool, query: str, stages: tuple[str, ...], sort_key: str
) -> None:
    """List contacts, sorted by name (or --sort)."""
    from coach.core.contact import filter_contacts, sort_contacts
    from coach.core.text import clean_line

    everyone = _load_contacts(paths)
    people = sort_contacts(filter_contacts(everyone, query=query, stages=stages), sort_key)
    if as_json:
        say_json([c.to_dict() for c in people])
        return
    if not everyone:
        say("no contacts yet; add some with `coach contacts import FILE`")
        return
    if not people:
        say(f"no contact matches ({len(everyone)} in all); drop --search or --stage to see them")
        return
    headers = ["name", "organisation", "role", "stage", "how known"]
    rows = [
        [clean_line(v) for v in (c.name, c.organisation, c.role, c.stage, c.connection)]
        for c in people
    ]
    widths = [min(32, max(len(h), *(len(r[i]) for r in rows))) for i, h in enumerate(headers)]
    if sys.stdout.isatty():
        # In a terminal, each row on one line; piped, every column whole.
        widths = fit_widths(widths, shutil.get_terminal_size().columns)
    for row in [headers, *rows]:
        cells = [
            cell if len(cell) <= w else cell[: w - 1] + "…"
            for cell, w in zip(row, widths, strict=True)
        ]
        say("  ".join(cell.ljust(w) for cell, w in zip(cells, widths, strict=True)).rstrip())


def fit_widths(widths: list[int], columns: int, gap: int = 2, least: int = 6) -> list[int]:
    """``widths`` narrowed to fit ``columns`` with ``gap`` between them, the widest first."""
    fitted = list(widths)
    room = columns - gap * (len(fitted) - 1)
    while sum(fitted) > room and max(fitted) > least:
        fitted[fitted.index(max(fitted))] -= 1
    return fitted


@contacts.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would happen; write nothing.")
@click.pass_obj
def import_contacts(paths: DataPaths, file: Path, dry_run: bool) -> None:
    """Import LinkedIn's Connections.csv or a vCard (.vcf) file.

    Importing the same file again adds no duplicates: people are matched by profile URL
    (two different URLs are two people), email, or name and organisation, and only empty
    fields are filled in.
    """
    from coach.commands.reading import opened_store
    from coach.core.clock import now_iso
    from coach.services.contacts import import_contacts as fold_in
    from coach.store.errors import StoreError

    with opened_store(paths, read_only=dry_run) as store:
        outcome = fold_in(store, file, now_iso(), dry_run=dry_run)
        if outcome.error is None and not dry_run:
            try:
                store.sync()
            except StoreError as error:
                outcome.error = f"could not save: {error}"
    if outcome.error is not None:
        raise Refusal(f"nothing imported: {outcome.error}")
    say(("would be: " if dry_run else "") + outcome.summary)
    for row in outcome.skipped:
        say(f"  skipped {file.name}:{row.line}: {row.reason}")
    for row in outcome.remarks:
        say(f"  note {file.name}:{row.line}: {row.reason}")


@contacts.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(["vcf", "json"]), default="vcf", show_default=True
)
@output_option("File to write (default, or -: standard output).")
@force_option()
@click.pass_obj
def export_contacts(paths: DataPaths, fmt: str, output: str | None, force: bool) -> None:
    """Export every contact as vCard 3.0 (or JSON)."""
    from coach.core.contact import sort_contacts
    from coach.core.text import counted
    from coach.io.vcard import write_vcards

    people = sort_contacts(_load_contacts(paths))
    text = write_vcards(people) if fmt == "vcf" else json_text([c.to_dict() for c in people]) + "\n"
    if deliver(paths, output, text, force=force) is not None:
        say(f"wrote {counted(len(people), 'contact')} to {output}", err=True)
