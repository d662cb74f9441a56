"""Every built-in set is valid both for the loader and for the published JSON Schema."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from coach.core.question_sets.schema import json_schema
from coach.store.question_sets import builtin_folder, check_paths, set_files

BUILTIN_FILES = set_files(builtin_folder())
needs_builtins = pytest.mark.skipif(not BUILTIN_FILES, reason="no built-in sets written yet")


def _name(path: Path) -> str:
    return path.name


@needs_builtins
@pytest.mark.parametrize("path", BUILTIN_FILES, ids=_name)
def test_built_in_set_matches_the_json_schema(path):
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(json_schema())
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(document)
    ]
    assert errors == []


@needs_builtins
def test_built_in_sets_load_together_with_no_problems():
    report = check_paths([builtin_folder()])
    assert [str(p) for p in report.problems] == []
    assert len(report.sets) == len(BUILTIN_FILES)


@needs_builtins
def test_built_in_sets_read_the_same_with_the_strict_loader_and_plain_yaml():
    # Plain YAML is what editors see; if the two disagreed, the schema check would mislead.
    for question_set in check_paths([builtin_folder()]).sets:
        document = yaml.safe_load(Path(question_set.source).read_text(encoding="utf-8"))
        assert question_set.title == document["title"]
        plain = [q["text"].strip() for s in document["sections"] for q in s["questions"]]
        assert [q.text for q in question_set.questions] == plain
        probes = [tuple(q.get("probes", ())) for s in document["sections"] for q in s["questions"]]
        assert [q.probes for q in question_set.questions] == probes


def test_the_example_in_the_format_docs_is_a_valid_set():
    from coach.core.question_sets import load_set

    docs = Path(__file__).parents[2] / "docs" / "question-sets.md"
    example = docs.read_text(encoding="utf-8").split("```yaml\n", 1)[1].split("```", 1)[0]
    result = load_set(example.encode(), "example")
    assert result.problems == ()
    assert jsonschema.Draft202012Validator(json_schema()).is_valid(yaml.safe_load(example))
