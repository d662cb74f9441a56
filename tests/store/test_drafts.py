"""The live-notes journal: every appended line is on disk, a torn line costs only itself."""

from __future__ import annotations

import stat

import pytest

from coach.store.drafts import DraftJournal, leftovers
from coach.store.paths import DataPaths


def test_appended_records_read_back_in_order(data_paths: DataPaths) -> None:
    with DraftJournal(data_paths, "abc123") as journal:
        journal.append({"q": "q1", "text": "first"})
        journal.append({"q": "q2", "text": "second [bold]\x1b[31m"})
    assert DraftJournal(data_paths, "abc123").read() == [
        {"q": "q1", "text": "first"},
        {"q": "q2", "text": "second [bold]\x1b[31m"},
    ]


def test_a_torn_last_line_is_ignored_and_later_records_still_count(
    data_paths: DataPaths,
) -> None:
    journal = DraftJournal(data_paths, "abc123")
    journal.append({"n": 1})
    journal.close()
    with journal.path.open("ab") as raw:
        raw.write(b'{"n": 2, "text": "half a wor')  # the process died mid-line
    assert DraftJournal(data_paths, "abc123").read() == [{"n": 1}]
    resumed = DraftJournal(data_paths, "abc123")
    resumed.append({"n": 3})
    resumed.close()
    assert resumed.read() == [{"n": 1}, {"n": 3}]


def test_journals_left_behind_are_interrupted_calls(data_paths: DataPaths) -> None:
    assert leftovers(data_paths) == []
    for interview_id in ("b2", "a1"):
        DraftJournal(data_paths, interview_id).append({"text": "x"})
    (data_paths.drafts / "notes.txt").write_text("not a journal")
    assert leftovers(data_paths) == ["a1", "b2"]
    DraftJournal(data_paths, "a1").discard()
    assert leftovers(data_paths) == ["b2"]


def test_discarding_a_journal_that_is_not_there_is_fine(data_paths: DataPaths) -> None:
    DraftJournal(data_paths, "nothing").discard()
    assert DraftJournal(data_paths, "nothing").read() == []


def test_journal_files_are_private(data_paths: DataPaths) -> None:
    journal = DraftJournal(data_paths, "abc")
    journal.append({"text": "about a real person"})
    journal.close()
    assert stat.S_IMODE(journal.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(data_paths.drafts.stat().st_mode) == 0o700


@pytest.mark.parametrize("bad", ["../escape", "a/b", "", ".hidden", "x" * 200])
def test_an_id_that_could_leave_the_drafts_folder_is_refused(
    data_paths: DataPaths, bad: str
) -> None:
    with pytest.raises(ValueError):
        DraftJournal(data_paths, bad)
