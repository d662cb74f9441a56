"""`coach sets`: list the loaded question sets, check set files, print the format's schema."""

from __future__ import annotations

import json
from pathlib import Path

import click

from coach.commands.output import safe_json, say, say_json
from coach.store.paths import DataPaths


@click.group()
def sets() -> None:
    """List and check question sets; print their JSON Schema."""


@sets.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_obj
def list_sets(paths: DataPaths, as_json: bool) -> None:
    """List every loaded set: the built-in ones and yours (yours replace built-ins by id)."""
    from coach.store.question_sets import load_catalogue

    catalogue = load_catalogue(paths)
    rows = [
        {
            "id": s.id,
            "title": s.title,
            "source": s.source,
            "sections": len(s.sections),
            "questions": len(s.questions),
            "origin": "built-in" if s.builtin else "yours",
        }
        for s in catalogue.ordered
    ]
    if as_json:
        say_json(rows)
    else:
        _print_table(rows)
    if catalogue.problems:
        count = len(catalogue.problems)
        say(
            f"{count} problem{'s' if count != 1 else ''} in question-set files were skipped; "
            "run `coach sets check` to see them",
            err=True,
        )


def _print_table(rows: list[dict[str, int | str]]) -> None:
    if not rows:
        say("no question sets found")
        return
    headers = ["id", "title", "sections", "questions", "origin", "source"]
    from coach.core.text import clean_line

    cells = [[clean_line(str(row[h])) for h in headers] for row in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    for line in [headers, *cells]:
        say("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())


@sets.command("check")
@click.argument("targets", nargs=-1, type=click.Path(path_type=Path))
@click.pass_obj
def check(paths: DataPaths, targets: tuple[Path, ...]) -> None:
    """Check set files or folders; with no PATH, check every set coach would load.

    Prints each problem as FILE:LINE:COL: PATH: MESSAGE. Exit status: 0 when all are valid,
    1 when any problem was found, 2 when a PATH does not exist.
    """
    from coach.store.question_sets import check_paths, load_catalogue

    if targets:
        try:
            report = check_paths(targets)
        except FileNotFoundError as missing:
            say(f"coach sets check: no such file or folder: {missing}", err=True)
            raise click.exceptions.Exit(2) from None
        problems, files, valid = report.problems, report.files, len(report.sets)
        if files == 0 and not problems:
            say("coach sets check: no .yaml or .yml files in the given folders", err=True)
            raise click.exceptions.Exit(2)
    else:
        catalogue = load_catalogue(paths)
        problems, files = catalogue.problems, catalogue.files
        valid = len(catalogue.sets) + len(catalogue.overridden)
    for problem in problems:
        say(str(problem))
    files_word = "file" if files == 1 else "files"
    if problems:
        count, bad = len(problems), len({p.file for p in problems})
        say(f"{count} problem{'s' if count != 1 else ''} in {bad} of {files} {files_word}")
        raise click.exceptions.Exit(1)
    sets_word = "set" if valid == 1 else "sets"
    say(f"{files} {files_word} checked, no problems ({valid} {sets_word})")


@sets.command("schema")
def schema() -> None:
    """Print the JSON Schema of the question-set format (for editors' YAML plugins)."""
    from coach.core.question_sets.schema import json_schema

    say(safe_json(json.dumps(json_schema(), indent=2)))
