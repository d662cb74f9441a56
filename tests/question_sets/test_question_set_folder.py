"""Whatever sits in a question-set folder, the other sets load and each odd entry is named.

A symlink loop, a link to a drive that is not mounted, a named pipe, a socket, a device, a
folder called like a set: each is reported as ``FILE: what is wrong`` and never opened for
reading, so nothing hangs and nothing crashes.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from question_set_samples import VALID_SET

from coach.store import regular_files
from coach.store.question_sets import check_paths, load_catalogue

# Long enough for a slow shared machine, short enough that a hang fails instead of stalling.
HANG_GUARD_SECONDS = 60


def coach(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    """Run the real command line in its own process; a hang fails the test."""
    return subprocess.run(
        [sys.executable, "-m", "coach", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_SECONDS,
        env={**os.environ, "COACH_DATA_DIR": str(data)},
    )


def without_hanging(work):
    """Run ``work()`` in a thread and return (or raise) what it does; fail if it never ends."""
    outcome = {}

    def run():
        try:
            outcome["value"] = work()
        except Exception as error:
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HANG_GUARD_SECONDS)
    assert not thread.is_alive(), "reading the folder never finished"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@pytest.fixture
def odd_folder(data_paths, write_set, monkeypatch):
    """A personal set folder with one good set and one of every kind of odd entry."""
    folder = data_paths.question_sets
    write_set(folder, "good.yaml", VALID_SET.replace("id: practice", "id: zz-good"))
    (folder / "loop.yaml").symlink_to("loop.yaml")
    (folder / "ping.yaml").symlink_to("pong.yaml")
    (folder / "pong.yaml").symlink_to("ping.yaml")
    (folder / "unmounted.yaml").symlink_to("/mnt/not-mounted/sets/career.yaml")
    os.mkfifo(folder / "pipe.yaml")
    (folder / "null.yaml").symlink_to(os.devnull)
    (folder / "archive.yaml").mkdir()
    # A socket path must be short: bind it by its name inside the folder.
    monkeypatch.chdir(folder)
    listener = socket.socket(socket.AF_UNIX)
    listener.bind("socket.yaml")
    yield folder
    listener.close()


EXPECTED = {
    "archive.yaml": "a folder, not a file",
    "loop.yaml": "a symbolic link that loops back on itself",
    "null.yaml": "a character device, not a regular file",
    "ping.yaml": "a symbolic link that loops back on itself",
    "pipe.yaml": "a named pipe (FIFO), not a regular file",
    "pong.yaml": "a symbolic link that loops back on itself",
    "socket.yaml": "a socket, not a regular file",
    "unmounted.yaml": (
        "a symbolic link to '/mnt/not-mounted/sets/career.yaml', which does not exist"
    ),
}


def test_each_odd_entry_is_named_with_what_is_wrong_and_the_good_set_still_loads(
    odd_folder, data_paths, tmp_path
):
    catalogue = without_hanging(lambda: load_catalogue(data_paths, builtin_dir=tmp_path / "no"))
    assert list(catalogue.sets) == ["zz-good"]
    assert [str(p) for p in catalogue.problems] == [
        f"{odd_folder / name}: {message}" for name, message in sorted(EXPECTED.items())
    ]


def test_sets_list_lists_the_good_sets_and_counts_the_odd_entries(odd_folder, data_paths):
    result = coach("sets", "list", data=data_paths.root)
    assert result.returncode == 0, result.stderr
    assert "unexpected error" not in result.stderr
    assert any(line.startswith("zz-good ") for line in result.stdout.splitlines())
    assert result.stderr.startswith(f"{len(EXPECTED)} problems in question-set files")


def test_sets_check_names_every_odd_entry_in_the_folder(odd_folder, data_paths):
    result = coach("sets", "check", data=data_paths.root)
    assert result.returncode == 1
    for name, message in EXPECTED.items():
        assert f"{odd_folder / name}: {message}" in result.stdout.splitlines()
    assert "Traceback" not in result.stderr


# A folder given by name is checked as a folder of sets, so it is left out here.
@pytest.mark.parametrize("name", sorted(set(EXPECTED) - {"archive.yaml"}))
def test_sets_check_refuses_an_odd_path_given_by_name_at_once(odd_folder, data_paths, name):
    result = coach("sets", "check", name, data=data_paths.root)
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines() == [f"{name}: {EXPECTED[name]}", "1 problem in 1 of 1 file"]


def test_a_named_pipe_is_never_opened_for_reading(odd_folder, monkeypatch):
    opened = []
    real_open = os.open
    monkeypatch.setattr(
        regular_files.os, "open", lambda path, *a: opened.append(path) or real_open(path, *a)
    )
    report = without_hanging(lambda: check_paths([odd_folder / "pipe.yaml"]))
    assert [p.message for p in report.problems] == ["a named pipe (FIFO), not a regular file"]
    assert opened == []


def test_a_file_turned_into_a_pipe_after_the_check_is_still_not_waited_on(tmp_path, monkeypatch):
    # The stat says "file", then something else takes its place before the open.
    pipe = tmp_path / "swapped.yaml"
    os.mkfifo(pipe)
    monkeypatch.setattr(regular_files, "why_not_readable", lambda path: None)
    with pytest.raises(regular_files.NotReadable, match=r"named pipe"):
        without_hanging(lambda: regular_files.read_regular_file(pipe, 1024))


def test_a_set_folder_that_is_itself_a_loop_is_reported_and_built_in_sets_still_load(
    data_paths, write_set, tmp_path
):
    builtins = tmp_path / "builtin"
    write_set(builtins, "practice.yaml", VALID_SET)
    data_paths.root.mkdir(parents=True)
    data_paths.question_sets.symlink_to(data_paths.question_sets)
    catalogue = load_catalogue(data_paths, builtin_dir=builtins)
    assert list(catalogue.sets) == ["practice"]
    assert [str(p) for p in catalogue.problems] == [
        f"{data_paths.question_sets}: a symbolic link that loops back on itself"
    ]


def test_a_set_folder_that_is_a_file_is_reported(data_paths, tmp_path):
    data_paths.root.mkdir(parents=True)
    data_paths.question_sets.write_text("not a folder")
    catalogue = load_catalogue(data_paths, builtin_dir=tmp_path / "none")
    assert [str(p) for p in catalogue.problems] == [f"{data_paths.question_sets}: not a folder"]


def test_a_file_that_cannot_be_opened_is_named_with_the_reason(
    data_paths, write_set, tmp_path, monkeypatch
):
    locked = write_set(data_paths.question_sets, "locked.yaml", VALID_SET)
    write_set(data_paths.question_sets, "open.yaml", VALID_SET.replace("practice", "zz-open"))
    if os.geteuid() == 0:
        # chmod does not stop root: refuse the open as the kernel would for anyone else.
        real_open = os.open

        def refusing_open(path, *args):
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args)

        monkeypatch.setattr(regular_files.os, "open", refusing_open)
    else:
        locked.chmod(0)
    catalogue = load_catalogue(data_paths, builtin_dir=tmp_path / "none")
    assert list(catalogue.sets) == ["zz-open"]
    assert [str(p) for p in catalogue.problems] == [f"{locked}: cannot read: Permission denied"]
