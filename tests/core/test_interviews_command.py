from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from coach.cli import cli
from coach.core.clock import FakeClock
from coach.core.interview import Interview, PlannedQuestion, QuestionPlan
from coach.core.live import LiveCall
from coach.store.db import Store
from coach.store.paths import DataPaths


def saved(tmp_path: Path) -> tuple[Path, list[str]]:
    first = Interview(
        id="abc123def456",
        contact_name="Dana [bold]Reyes[/]",
        plan=QuestionPlan(["s"], [PlannedQuestion(id="s/q", text="What is a normal week?")]),
    )
    call = LiveCall(first, FakeClock())
    call.start()
    call.set_draft("Mostly reviews")
    call.end()
    second = Interview(id="abd999000111", contact_name="Sam Lee", practice=True)
    store = Store.open(DataPaths(tmp_path))
    try:
        store.save("interview", first.to_dict())
        store.save("interview", second.to_dict())
    finally:
        store.close()
    return tmp_path, [first.id, second.id]


def test_interviews_list_json_shows_each_interview_with_practice_marked(tmp_path: Path) -> None:
    root, _ = saved(tmp_path)
    result = CliRunner().invoke(cli, ["--data-dir", str(root), "interviews", "list", "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in json.loads(result.output)}
    assert rows["abc123def456"]["person"] == "Dana [bold]Reyes[/]"
    assert rows["abc123def456"]["status"] == "ended"
    assert rows["abd999000111"]["practice"] is True


def test_export_by_unique_id_prefix_writes_markdown(tmp_path: Path) -> None:
    root, _ = saved(tmp_path / "data")
    out = tmp_path / "dana.md"
    result = CliRunner().invoke(
        cli, ["--data-dir", str(root), "export", "abc", "--format", "md", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert text.startswith("# Conversation with Dana \\[bold\\]Reyes\\[/\\]")
    assert "Mostly reviews" in text


def test_export_says_how_you_know_the_person_from_their_contact(tmp_path: Path) -> None:
    from coach.core.contact import Contact

    root, ids = saved(tmp_path)
    dana = Contact(name="Dana Reyes", how_known="former-colleague")
    store = Store.open(DataPaths(root))
    try:
        store.save_all("contact", [dana.to_dict()])
        doc = store.get_interview(ids[0])
        assert doc is not None
        store.save("interview", doc | {"contact_id": dana.id})
    finally:
        store.close()
    result = CliRunner().invoke(cli, ["--data-dir", str(root), "export", ids[0]])
    assert result.exit_code == 0, result.output
    assert f"- **How you know them:** {dana.connection}\n" in result.stdout
    assert dana.connection


def test_export_of_an_unknown_or_ambiguous_id_is_one_line_on_stderr_exit_2(tmp_path: Path) -> None:
    root, _ = saved(tmp_path)
    for wanted in ("zzz", "ab"):
        result = CliRunner().invoke(cli, ["--data-dir", str(root), "export", wanted])
        assert result.exit_code == 2
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.output


def test_export_json_is_the_stored_document(tmp_path: Path) -> None:
    root, _ = saved(tmp_path)
    result = CliRunner().invoke(
        cli, ["--data-dir", str(root), "export", "abc123def456", "--format", "json"]
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["notes"][0]["text"] == "Mostly reviews"


def test_export_to_a_file_is_private_and_replaces_an_old_copy_whole(tmp_path: Path) -> None:
    root, ids = saved(tmp_path / "data")
    target = tmp_path / "record.md"
    target.write_text("an older export")
    target.chmod(0o644)
    result = CliRunner().invoke(
        cli, ["--data-dir", str(root), "export", ids[0], "-o", str(target), "--force"]
    )
    assert result.exit_code == 0, result.output
    assert "Mostly reviews" in target.read_text()
    assert target.stat().st_mode & 0o777 == 0o600  # notes about a real person
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".coach-export")] == []


def test_a_data_folder_that_cannot_be_opened_is_one_line_for_every_reading_command(
    tmp_path: Path,
) -> None:
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("not a data folder")
    for args in (["interviews", "list"], ["agenda"], ["contacts", "list"], ["export", "x"]):
        result = CliRunner().invoke(cli, ["--data-dir", str(not_a_folder), *args])
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output
        assert str(not_a_folder) in result.output
