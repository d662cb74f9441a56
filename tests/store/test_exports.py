"""Export file names: recognisable, safe on every system, and kind to accented names."""

from __future__ import annotations

from datetime import UTC, datetime

from coach.store.exports import export_name


def test_an_export_name_keeps_accented_letters_without_their_accents():
    when = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    assert (
        export_name("Zoë O'Neil", when, "abcdef123456", "md") == "2026-11-28-Zoe-O-Neil-abcdef12.md"
    )
    assert export_name("José Müller", None, "x1", ".json") == "unscheduled-Jose-Muller-x1.json"


def test_markup_slashes_and_dots_never_reach_the_file_name():
    name = export_name("[bold]../../etc[/]", None, "id", "md")
    assert "/" not in name and ".." not in name and "[" not in name
    assert export_name("", None, "id", "md") == "unscheduled-interview-id.md"
    assert export_name("李雷", None, "id", "md") == "unscheduled-x-id.md"
