"""The published JSON Schema and the loader describe the same format, key for key."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from coach.cli import cli
from coach.core.question_sets import load_set
from coach.core.question_sets.format import LEVELS, QUESTION, QUESTION_SET, SECTION

# One set that uses every key of the format at every level.
EVERY_KEY = """\
id: every-key
title: Every key
description: |
  A set that uses each key once.
minutes: 20
sections:
  - id: one
    title: The only section
    questions:
      - id: first
        text: What did you do first?
        priority: could
        minutes: 2.5
        probes:
          - And after that?
        tags:
          - start
"""


def schema() -> dict:
    result = CliRunner().invoke(cli, ["sets", "schema"], catch_exceptions=False)
    return json.loads(result.stdout)


def schema_level(whole: dict, level: str) -> dict:
    return whole if level == QUESTION_SET.name else whole["$defs"][level]


def mapping_at(document: dict, level: str) -> dict:
    """The first mapping of ``level`` inside a parsed set."""
    if level == QUESTION_SET.name:
        return document
    section = document["sections"][0]
    return section if level == SECTION.name else section["questions"][0]


def loader_messages(document: dict) -> list[str]:
    data = yaml.safe_dump(document, sort_keys=False).encode()
    return [problem.message for problem in load_set(data, "set.yaml").problems]


def schema_errors(document: dict) -> list[str]:
    return [e.message for e in jsonschema.Draft202012Validator(schema()).iter_errors(document)]


def test_a_set_using_every_key_is_valid_for_the_loader_and_the_schema():
    assert load_set(EVERY_KEY.encode(), "set.yaml").problems == ()
    assert schema_errors(yaml.safe_load(EVERY_KEY)) == []


@pytest.mark.parametrize("level", [level.name for level in LEVELS])
def test_every_key_the_loader_accepts_is_in_the_schema_and_no_other(level):
    [table] = [candidate for candidate in LEVELS if candidate.name == level]
    used = list(mapping_at(yaml.safe_load(EVERY_KEY), level))
    published = list(schema_level(schema(), level)["properties"])
    assert used == table.names
    assert published == table.names


@pytest.mark.parametrize(
    ("level", "key"), [(level.name, name) for level in LEVELS for name in level.names]
)
def test_the_schema_requires_a_key_exactly_when_the_loader_does(level, key):
    document = yaml.safe_load(EVERY_KEY)
    del mapping_at(document, level)[key]
    loader_requires = "required key is missing" in loader_messages(document)
    schema_requires = f"'{key}' is a required property" in schema_errors(document)
    assert loader_requires == schema_requires
    assert schema_requires == (key in schema_level(schema(), level)["required"])


@pytest.mark.parametrize("level", [level.name for level in LEVELS])
def test_a_key_outside_the_format_is_refused_by_both(level):
    document = yaml.safe_load(EVERY_KEY)
    mapping_at(document, level)["colour"] = "blue"
    assert any(m.startswith("unknown key 'colour'") for m in loader_messages(document))
    assert any("'colour'" in m for m in schema_errors(document))


def test_own_notes_under_x_keys_are_accepted_by_both_only_at_the_top():
    document = yaml.safe_load(EVERY_KEY)
    document["x-author"] = "Sam"
    assert (loader_messages(document), schema_errors(document)) == ([], [])
    mapping_at(document, QUESTION.name)["x-author"] = "Sam"
    assert loader_messages(document) and schema_errors(document)


def test_a_key_written_at_the_wrong_level_says_where_it_goes():
    document = copy.deepcopy(yaml.safe_load(EVERY_KEY))
    mapping_at(document, SECTION.name)["probes"] = ["Why?"]
    mapping_at(document, SECTION.name)["minutes"] = 5
    assert loader_messages(document) == [
        "unknown key 'probes'; 'probes' goes inside a question",
        "unknown key 'minutes'; 'minutes' goes at the top of the file or inside a question",
    ]


def test_the_key_tables_in_the_format_docs_match_the_loader():
    docs = (Path(__file__).parents[2] / "docs" / "question-sets.md").read_text(encoding="utf-8")
    # The three tables follow "## The keys", in the order set, section, question.
    keys_part = docs.split("## The keys", 1)[1].split("\n## ", 1)[0]
    tables = re.findall(r"((?:^\|.*\|\n)+)", keys_part, flags=re.MULTILINE)
    documented = []
    for table in tables:
        rows = [row.split("|")[1:3] for row in table.splitlines()[2:]]
        documented.append(
            [
                (key.strip().strip("`"), needed.strip() == "yes")
                for key, needed in rows
                if not key.strip().startswith("`x-")
            ]
        )
    assert documented == [[(key.name, key.required) for key in level.keys] for level in LEVELS]
