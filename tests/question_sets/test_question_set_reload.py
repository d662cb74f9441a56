"""A set file fixed while coach runs: a cheap stamp of the folder says when to read it again,
and the files whose problems went are named."""

from __future__ import annotations

from pathlib import Path

from question_set_samples import VALID_SET

from coach.store.paths import DataPaths
from coach.store.question_sets import load_catalogue


def test_the_folder_stamp_changes_when_a_set_file_is_written_added_or_removed(
    data_paths: DataPaths,
) -> None:
    from coach.store.question_sets import folder_stamp

    assert folder_stamp(data_paths) == ()
    data_paths.question_sets.mkdir(parents=True)
    one = data_paths.question_sets / "one.yaml"
    one.write_text("id: one\n", encoding="utf-8")
    first = folder_stamp(data_paths)
    assert folder_stamp(data_paths) == first
    one.write_text("id: one\ntitle: One\n", encoding="utf-8")
    second = folder_stamp(data_paths)
    assert second != first
    (data_paths.question_sets / "two.yml").write_text("id: two\n", encoding="utf-8")
    assert folder_stamp(data_paths) != second
    (data_paths.question_sets / "two.yml").unlink()
    assert folder_stamp(data_paths) == second


def test_the_files_fixed_between_two_reads_are_those_whose_problems_all_went(
    data_paths: DataPaths, tmp_path: Path
) -> None:
    from coach.store.question_sets import fixed_files

    data_paths.question_sets.mkdir(parents=True)
    one = data_paths.question_sets / "one.yaml"
    two = data_paths.question_sets / "two.yaml"
    one.write_text("id: [", encoding="utf-8")
    two.write_text("id: [", encoding="utf-8")
    before = load_catalogue(data_paths, builtin_dir=tmp_path / "none")
    one.write_text(VALID_SET, encoding="utf-8")
    after = load_catalogue(data_paths, builtin_dir=tmp_path / "none")
    assert fixed_files(before, after) == [str(one)]
