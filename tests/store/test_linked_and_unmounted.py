"""A data file kept elsewhere through a link, and a data folder on a drive not mounted yet."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import orjson

from coach.store.db import Store
from coach.store.paths import DataPaths


def coach(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coach", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_a_linked_data_file_is_written_through_to_its_target_keeping_its_mode(
    tmp_path: Path,
) -> None:
    synced = tmp_path / "Dropbox" / "coach"
    synced.mkdir(parents=True)
    with Store.open(DataPaths(synced)) as store:
        store.save("contact", {"id": "c0", "name": "Ana"})
    target = synced / "coach.json"
    os.chmod(target, 0o640)  # as the person left it
    data = tmp_path / "data"
    data.mkdir()
    (data / "coach.json").symlink_to(target)
    people = tmp_path / "people.vcf"
    people.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Bo Lind\nEND:VCARD\n")
    result = coach(data, "contacts", "import", str(people))
    assert result.returncode == 0, result.stderr
    assert (data / "coach.json").is_symlink(), "the link is still a link"
    names = [c["name"] for c in orjson.loads(target.read_bytes())["contacts"].values()]
    assert names == ["Ana", "Bo Lind"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert not list(data.glob(".coach.json.tmp-*")), "the temp file went beside the target"


def test_a_link_to_nothing_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    link = data / "coach.json"
    link.symlink_to(tmp_path / "not-mounted" / "coach.json")
    for args in ((), ("contacts", "list")):
        result = coach(data, *args)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert "not mounted yet" in result.stderr and "Traceback" not in result.stderr
    assert link.is_symlink() and not link.exists()
    assert sorted(p.name for p in data.iterdir()) == ["coach.json"]


def test_a_data_folder_whose_drive_is_not_mounted_is_refused_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    data = tmp_path / "media" / "usb" / "coach"
    for args in ((), ("contacts", "list"), ("interviews", "list")):
        result = coach(data, *args)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert "cannot be reached" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "media").exists()
    # A new folder under a parent that exists is a first run, as before.
    fresh = tmp_path / "coach-data"
    assert coach(fresh, "contacts", "list").returncode == 0
    assert coach(fresh, "locate").returncode == 0
