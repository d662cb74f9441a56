"""`coach sets list | check | schema` as a person at a terminal sees them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from question_set_samples import VALID_SET

from coach.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_check_prints_exactly_the_expected_report_for_a_file_with_many_problems(monkeypatch):
    monkeypatch.chdir(FIXTURES)
    result = run("sets", "check", "several_problems.yaml")
    expected = (FIXTURES / "several_problems.expected.txt").read_text(encoding="utf-8")
    assert result.exit_code == 1
    assert result.stdout == expected
    assert result.stderr == ""


def test_check_reports_a_set_id_used_by_two_files(monkeypatch):
    monkeypatch.chdir(FIXTURES)
    result = run("sets", "check", "good_one.yaml", "good_two.yml")
    assert result.exit_code == 1
    assert result.stdout == (
        "good_two.yml:1:5: id: set id 'rehearsal' is already used by good_one.yaml\n"
        "1 problem in 1 of 2 files\n"
    )


def test_check_exits_zero_when_every_file_is_valid(monkeypatch):
    monkeypatch.chdir(FIXTURES)
    result = run("sets", "check", "good_one.yaml")
    assert (result.exit_code, result.stdout) == (0, "1 file checked, no problems (1 set)\n")


def test_check_on_a_missing_path_is_a_usage_error_in_one_line():
    result = run("sets", "check", "no/such/place.yaml")
    assert result.exit_code == 2
    assert result.stderr == "coach sets check: no such file or folder: no/such/place.yaml\n"
    assert result.stdout == ""


def test_check_on_a_folder_without_set_files_is_a_usage_error(tmp_path):
    result = run("sets", "check", str(tmp_path))
    assert result.exit_code == 2
    assert "no .yaml or .yml files" in result.stderr


def test_check_refuses_a_six_megabyte_file_with_a_clear_message(tmp_path, monkeypatch):
    (tmp_path / "huge.yaml").write_bytes(b"id: huge\n" + b"# padding\n" * 629_146)
    monkeypatch.chdir(tmp_path)
    result = run("sets", "check", "huge.yaml")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "huge.yaml:1:1: (file): file is 6.0 MiB; "
        "a question set may be at most 256 KiB (262,144 bytes); "
        "split it into several sets"
    )


def test_check_refuses_an_alias_bomb_with_a_clear_message(tmp_path, monkeypatch):
    lines = ["id: bomb", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    (tmp_path / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("sets", "check", "bomb.yaml")
    assert result.exit_code == 1
    assert "bomb.yaml:3:10: a1[0]: aliases (*a0) are not allowed; write the value out in full" in (
        result.stdout.splitlines()
    )


def test_check_without_paths_checks_what_coach_would_load(data_paths, write_set):
    write_set(data_paths.question_sets, "mine.yaml", VALID_SET.replace("minutes: 3", "minutes: x"))
    result = run("--data-dir", str(data_paths.root), "sets", "check")
    assert result.exit_code == 1
    mine = data_paths.question_sets / "mine.yaml"
    assert f"{mine}:11:18: sections[0].questions[0].minutes:" in result.stdout


def test_list_shows_a_personal_set_with_its_counts(data_paths, write_set):
    mine = write_set(
        data_paths.question_sets, "mine.yaml", VALID_SET.replace("id: practice", "id: zz-mine")
    )
    result = run("--data-dir", str(data_paths.root), "sets", "list")
    assert result.exit_code == 0
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["id", "title", "sections", "questions", "origin", "source"]
    [row] = [r for r in rows if r.startswith("zz-mine ")]
    assert row.split() == ["zz-mine", "Practice", "run", "1", "2", "yours", str(mine)]


def test_list_as_json_gives_every_field(data_paths, write_set):
    mine = write_set(
        data_paths.question_sets, "mine.yaml", VALID_SET.replace("id: practice", "id: zz-mine")
    )
    result = run("--data-dir", str(data_paths.root), "sets", "list", "--json")
    assert result.exit_code == 0
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert rows["zz-mine"] == {
        "id": "zz-mine",
        "title": "Practice run",
        "source": str(mine),
        "sections": 1,
        "questions": 2,
        "origin": "yours",
    }
    assert all(row["origin"] == "built-in" for key, row in rows.items() if key != "zz-mine")


def test_list_mentions_skipped_broken_sets_on_stderr(data_paths, write_set):
    write_set(data_paths.question_sets, "broken.yaml", "id: [\n")
    result = run("--data-dir", str(data_paths.root), "sets", "list", "--json")
    assert result.exit_code == 0
    assert "run `coach sets check` to see them" in result.stderr


def test_schema_is_a_valid_draft_2020_12_json_schema():
    result = run("sets", "schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize(
    ("change", "valid"),
    [
        ({}, True),
        ({"colour": "blue"}, False),
        ({"x-author": "Sam"}, True),
        ({"id": "Not An Id"}, False),
        ({"sections": []}, False),
        ({"minutes": 0}, False),
    ],
)
def test_the_schema_agrees_with_the_loader_on_simple_cases(change, valid):
    import yaml

    document = yaml.safe_load(VALID_SET) | change
    schema = json.loads(run("sets", "schema").stdout)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(document))
    assert (not errors) is valid


def test_the_schema_refuses_an_unknown_question_key_and_a_bad_priority():
    import yaml

    schema = json.loads(run("sets", "schema").stdout)
    document = yaml.safe_load(VALID_SET)
    document["sections"][0]["questions"][0]["probs"] = ["x"]
    document["sections"][0]["questions"][1]["priority"] = "always"
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(document))
    assert len(errors) == 2
