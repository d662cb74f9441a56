"""How built-in and personal sets combine: overrides by id, clashes, and skipping broken files."""

from __future__ import annotations

from pathlib import Path

import pytest
from question_set_samples import VALID_SET

import coach
from coach.store.paths import DataPaths
from coach.store.question_sets import builtin_folder, check_paths, load_catalogue, read_set_file


def test_a_personal_set_replaces_the_built_in_with_the_same_id(tmp_path, data_paths, write_set):
    builtins = tmp_path / "builtin"
    write_set(builtins, "practice.yaml", VALID_SET)
    mine = write_set(
        data_paths.question_sets, "mine.yaml", VALID_SET.replace("Practice run", "My practice")
    )
    catalogue = load_catalogue(data_paths, builtin_dir=builtins)
    assert catalogue.problems == []
    chosen = catalogue.sets["practice"]
    assert (chosen.title, chosen.source, chosen.builtin) == ("My practice", str(mine), False)
    assert catalogue.overridden["practice"].builtin is True


def test_two_personal_sets_with_the_same_id_are_a_problem(tmp_path, data_paths, write_set):
    first = write_set(data_paths.question_sets, "a.yaml", VALID_SET)
    second = write_set(data_paths.question_sets, "b.yml", VALID_SET.replace("Practice run", "B"))
    catalogue = load_catalogue(data_paths, builtin_dir=tmp_path / "none")
    assert [str(p) for p in catalogue.problems] == [
        f"{second}:1:5: id: set id 'practice' is already used by {first}"
    ]
    assert catalogue.sets["practice"].title == "Practice run"


def test_two_built_in_sets_with_the_same_id_are_a_problem(tmp_path, data_paths, write_set):
    builtins = tmp_path / "builtin"
    write_set(builtins, "a.yaml", VALID_SET)
    write_set(builtins, "b.yaml", VALID_SET)
    catalogue = load_catalogue(data_paths, builtin_dir=builtins)
    assert [p.message for p in catalogue.problems] == [
        f"set id 'practice' is already used by {builtins / 'a.yaml'}"
    ]


def test_a_broken_set_is_skipped_and_the_valid_ones_still_load(tmp_path, data_paths, write_set):
    write_set(data_paths.question_sets, "good.yaml", VALID_SET)
    write_set(data_paths.question_sets, "bad.yaml", "id: bad\ntitle: Bad\n")
    catalogue = load_catalogue(data_paths, builtin_dir=tmp_path / "none")
    assert list(catalogue.sets) == ["practice"]
    assert [p.path for p in catalogue.problems] == ["sections"]
    assert catalogue.files == 2


def test_a_broken_personal_set_leaves_the_built_in_in_place(tmp_path, data_paths, write_set):
    builtins = tmp_path / "builtin"
    write_set(builtins, "practice.yaml", VALID_SET)
    write_set(data_paths.question_sets, "mine.yaml", VALID_SET.replace("minutes: 3", "minutes: x"))
    catalogue = load_catalogue(data_paths, builtin_dir=builtins)
    assert catalogue.sets["practice"].builtin is True
    assert len(catalogue.problems) == 1


def test_only_yaml_files_directly_in_the_folder_are_read(tmp_path, data_paths, write_set):
    folder = data_paths.question_sets
    write_set(folder, "notes.txt", "not a set")
    write_set(folder, ".hidden.yaml", "id: [")
    write_set(folder / "old", "old.yaml", "id: [")
    write_set(folder, "set.yml", VALID_SET)
    catalogue = load_catalogue(data_paths, builtin_dir=tmp_path / "none")
    assert (list(catalogue.sets), catalogue.problems) == (["practice"], [])


def test_a_missing_personal_folder_means_no_personal_sets(tmp_path):
    catalogue = load_catalogue(DataPaths(tmp_path / "nowhere"), builtin_dir=tmp_path / "none")
    assert (catalogue.sets, catalogue.problems) == ({}, [])


def test_built_in_sets_come_from_the_repo_folder_in_a_source_checkout():
    package = Path(coach.__file__).parent
    expected = package / "question_sets"
    if not expected.is_dir():
        expected = package.parent / "question_sets"
    assert builtin_folder() == expected


def test_a_huge_file_is_refused_from_its_size_without_reading_it(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# filler\n" * (6 * 1024 * 1024 // 9))
    result = read_set_file(path, shown_as="huge.yaml")
    assert [str(p) for p in result.problems] == [
        "huge.yaml:1:1: (file): file is 6.0 MiB; "
        "a question set may be at most 256 KiB (262,144 bytes); "
        "split it into several sets"
    ]


def test_an_unreadable_path_is_a_problem_not_a_crash(tmp_path):
    folder = tmp_path / "looks-like.yaml"
    folder.mkdir()
    result = read_set_file(folder, shown_as="looks-like.yaml")
    assert [str(p) for p in result.problems] == ["looks-like.yaml: a folder, not a file"]


def test_checking_paths_treats_all_given_files_as_one_collection(tmp_path, write_set):
    a = write_set(tmp_path / "one", "a.yaml", VALID_SET)
    b = write_set(tmp_path / "two", "b.yaml", VALID_SET)
    report = check_paths([tmp_path / "one", b])
    assert report.files == 2
    assert [str(p) for p in report.problems] == [
        f"{b}:1:5: id: set id 'practice' is already used by {a}"
    ]


def test_checking_a_missing_path_names_it(tmp_path):
    missing = tmp_path / "nope.yaml"
    with pytest.raises(FileNotFoundError, match=r"nope\.yaml"):
        check_paths([missing])
