"""`coach sync`: one data folder used from two machines through a sync client."""

from __future__ import annotations

from pathlib import Path

import click

from coach.commands.output import Refusal, say
from coach.store.paths import DataPaths


@click.group(invoke_without_command=True)
@click.pass_context
def sync(ctx: click.Context) -> None:
    """Conflict copies a sync client left beside the data file, and merging them in."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_copies)


@sync.command("list")
@click.pass_obj
def list_copies(paths: DataPaths) -> None:
    """List conflict copies of the data file, and records that kept another version."""
    from coach.commands.reading import opened_store
    from coach.services.sync import conflict_copies, kept_in_two_versions

    with opened_store(paths) as store:
        copies = conflict_copies(store)
        records = kept_in_two_versions(store)
    if not copies and not records:
        say("nothing to merge: no conflict copies, no records with another version")
        return
    for copy in copies:
        say(f"conflict copy: {copy}  (coach sync merge '{copy}')")
    for record in records:
        who = record.who or record.doc_id
        say(f"kept another version: {who} ({record.doc_id}); open it in coach to choose")


@sync.command("merge")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def merge(paths: DataPaths, file: Path) -> None:
    """Merge a conflict copy into your data, then move it into the backups folder.

    Nothing is removed: a record only the copy has is added; one both have and that differs
    keeps the newer version and holds the other, for you to choose in coach.
    """
    from coach.commands.reading import opened_store
    from coach.services.sync import merge_conflict_copy
    from coach.store.errors import StoreError

    if not file.is_file():
        raise Refusal(f"{file}: no such file")
    with opened_store(paths, read_only=False) as store:
        try:
            merged = merge_conflict_copy(store, file)
        except StoreError as error:
            raise Refusal(f"nothing merged: {error}") from None
    report = merged.report
    say(
        f"merged {file.name}: {report.taken} record(s) added, "
        f"{report.conflicts} kept both versions (open them in coach to choose)"
    )
    say(f"the copy is kept as {merged.kept_as}")
