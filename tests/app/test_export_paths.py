"""`-o` never destroys what is there: export, calendar and contacts export, run as people do."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from coach.core.contact import Contact
from coach.store.db import Store
from coach.store.paths import DataPaths

# Each exporting command, as argv before `-o`; they share one rule for the path.
COMMANDS = {
    "export": ["export", "iv-ana", "--format", "md"],
    "calendar": ["calendar", "--now", "2026-05-04T09:00:00+00:00"],
    "contacts export": ["contacts", "export"],
}


def coach(data: DataPaths, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coach", "--data-dir", str(data.root), *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def data(data_paths: DataPaths) -> DataPaths:
    ana = Contact("Ana Silva", organisation="Acme", id="c-ana")
    with Store.open(data_paths) as store:
        store.save("contact", ana.to_dict())
        store.save(
            "interview",
            {
                "id": "iv-ana",
                "contact_id": "c-ana",
                "contact_name": "Ana Silva",
                "status": "planned",
                "scheduled_at": "2026-05-06T14:00:00+00:00",
            },
        )
    return data_paths


def refused(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("coach: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    return result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_an_export_onto_the_database_itself_is_refused_and_the_database_survives(
    data: DataPaths, command: str
) -> None:
    before = data.db.read_bytes()
    result = coach(data, *COMMANDS[command], "-o", str(data.db), "--force")
    message = refused(result)
    assert f"inside the data folder {data.root}" in message
    assert data.db.read_bytes() == before


@pytest.mark.parametrize("command", COMMANDS)
def test_any_path_into_the_data_folder_is_refused_however_it_is_spelt(
    data: DataPaths, tmp_path: Path, command: str
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "into-data").symlink_to(data.root)
    (elsewhere / "db-link").symlink_to(data.db)
    spellings = [
        data.root / "new-file.md",
        elsewhere / ".." / "data" / "coach.json",
        elsewhere / "into-data" / "coach.json",
        elsewhere / "into-data" / "backups" / "new.ics",
        elsewhere / "db-link",
    ]
    before = data.db.read_bytes()
    for target in spellings:
        message = refused(coach(data, *COMMANDS[command], "-o", str(target), "--force"))
        assert "inside the data folder" in message, target
    assert data.db.read_bytes() == before
    assert not (data.root / "new-file.md").exists()
    assert (elsewhere / "db-link").is_symlink()


@pytest.mark.parametrize("command", COMMANDS)
def test_an_existing_file_is_kept_unless_force_is_given_and_then_becomes_private(
    data: DataPaths, tmp_path: Path, command: str
) -> None:
    target = tmp_path / "mine.txt"
    target.write_text("my own words\n")
    target.chmod(0o640)
    message = refused(coach(data, *COMMANDS[command], "-o", str(target)))
    assert f"{target} already exists; add --force to replace it" in message
    assert target.read_text() == "my own words\n"

    forced = coach(data, *COMMANDS[command], "-o", str(target), "--force")
    assert forced.returncode == 0, forced.stderr
    assert "Ana Silva" in target.read_text() or "Conversation" in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # notes about real people
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".coach")] == []


@pytest.mark.parametrize("command", COMMANDS)
def test_a_new_file_is_written_private_to_its_owner(
    data: DataPaths, tmp_path: Path, command: str
) -> None:
    target = tmp_path / "new-export"
    result = coach(data, *COMMANDS[command], "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert "Ana Silva" in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("command", COMMANDS)
def test_a_symlink_is_written_through_to_its_target_and_stays_a_link(
    data: DataPaths, tmp_path: Path, command: str
) -> None:
    real_folder = tmp_path / "synced"
    real_folder.mkdir()
    real = real_folder / "export.txt"
    real.write_text("older export\n")
    real.chmod(0o644)
    link = tmp_path / "link.txt"
    link.symlink_to(real)

    refused(coach(data, *COMMANDS[command], "-o", str(link)))
    assert real.read_text() == "older export\n"

    result = coach(data, *COMMANDS[command], "-o", str(link), "--force")
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "Ana Silva" in real.read_text()
    assert stat.S_IMODE(real.stat().st_mode) == 0o644
    assert sorted(p.name for p in real_folder.iterdir()) == ["export.txt"]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_link_to_a_file_not_there_yet_creates_the_target(
    data: DataPaths, tmp_path: Path, command: str
) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "later.txt")
    result = coach(data, *COMMANDS[command], "-o", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and "Ana Silva" in (tmp_path / "later.txt").read_text()


@pytest.mark.parametrize("command", COMMANDS)
def test_a_fifo_is_written_into_and_stays_a_fifo(
    data: DataPaths, tmp_path: Path, command: str
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read_all() -> None:
        with open(fifo, "rb") as pipe:
            received.append(pipe.read())

    reader = threading.Thread(target=read_all, daemon=True)
    reader.start()
    result = coach(data, *COMMANDS[command], "-o", str(fifo))
    reader.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert received and b"Ana Silva" in received[0]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_character_device_is_written_into_not_replaced(data: DataPaths) -> None:
    # A terminal's device node stands in for /dev/null and friends, safely: nothing can be
    # created beside it.
    controller, device = os.openpty()
    try:
        name = os.ttyname(device)
        result = coach(data, *COMMANDS["contacts export"], "-o", name)
        assert result.returncode == 0, result.stderr
        os.set_blocking(controller, False)
        seen = b""
        try:
            while chunk := os.read(controller, 65536):
                seen += chunk
        except BlockingIOError:
            pass
        assert b"Ana Silva" in seen
        assert stat.S_ISCHR(os.stat(name).st_mode)
    finally:
        os.close(device)
        os.close(controller)


@pytest.mark.parametrize("command", COMMANDS)
def test_dash_writes_to_standard_output(data: DataPaths, command: str) -> None:
    result = coach(data, *COMMANDS[command], "-o", "-")
    assert result.returncode == 0, result.stderr
    assert "Ana Silva" in result.stdout
    assert not Path("-").exists()


def test_the_calendar_on_standard_output_says_its_count_on_stderr(data: DataPaths) -> None:
    argv = [sys.executable, "-m", "coach", "--data-dir", str(data.root), *COMMANDS["calendar"]]
    result = subprocess.run(
        [*argv, "-o", "-"],
        capture_output=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.stdout.startswith(b"BEGIN:VCALENDAR\r\n")
    assert result.stdout.endswith(b"END:VCALENDAR\r\n")
    assert result.stderr == b"wrote 1 interview and 1 follow-up to standard output\n"


def test_a_folder_or_a_missing_folder_is_one_line_and_nothing_is_written(
    data: DataPaths, tmp_path: Path
) -> None:
    assert "is a directory" in refused(coach(data, "contacts", "export", "-o", str(tmp_path)))
    missing = tmp_path / "no-such-folder" / "x.vcf"
    message = refused(coach(data, "contacts", "export", "-o", str(missing)))
    assert f"cannot write {missing}: No such file or directory" in message


def test_dev_stdout_into_a_pipe_is_written_like_dash(data: DataPaths) -> None:
    result = coach(data, *COMMANDS["contacts export"], "-o", "/dev/stdout")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("BEGIN:VCARD") and "Ana Silva" in result.stdout
