"""Whatever bytes arrive, loading ends in a set or in located problems, never in an exception."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from question_set_samples import VALID_SET, load_text, messages

from coach.core import strict_yaml
from coach.core.question_sets import load_set

YAML_PIECES = st.sampled_from(
    [
        "id: ",
        "title: ",
        "sections:",
        "\n",
        "  ",
        "- ",
        "questions:",
        "text: ",
        "&a ",
        "*a",
        "!!str ",
        "[",
        "]",
        "{",
        "}",
        ": ",
        "'",
        '"',
        "#",
        "---\n",
        "no",
        "1:30",
        "\t",
        "é",
        "\x00",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_give_problems_or_a_set_never_an_exception(data):
    result = load_set(data, "random.yaml")
    assert (result.question_set is None) == bool(result.problems)
    assert all(p.line >= 1 and p.col >= 1 for p in result.problems)


@settings(max_examples=300, deadline=None)
@given(st.lists(YAML_PIECES, max_size=60).map("".join))
def test_yaml_shaped_noise_gives_problems_or_a_set_never_an_exception(text):
    result = load_text(text)
    assert (result.question_set is None) == bool(result.problems)


@pytest.fixture
def pure_python_parser(monkeypatch):
    """Read with PyYAML's pure-Python parser, as on a machine without libyaml."""
    monkeypatch.setattr(strict_yaml, "_Loader", yaml.SafeLoader)


def test_the_pure_python_parser_gives_the_same_problems_and_places(pure_python_parser):
    text = (
        VALID_SET.replace("title: Practice run", "title: !!str Practice")
        .replace("tags: [advice]", "tags: &t [advice]")
        .replace("minutes: 3", "minutes: 1:30")
    )
    assert messages(load_text(text)) == [
        "set.yaml:2:8: title: tags (!!str) are not allowed; every value is plain text",
        "set.yaml:11:18: sections[0].questions[0].minutes: "
        "'1:30' is not a number of minutes; write it like 3 or 2.5",
        "set.yaml:15:15: sections[0].questions[1].tags: anchors (&t) are not allowed",
    ]


def test_the_pure_python_parser_keeps_every_scalar_as_text(pure_python_parser):
    result = load_text(VALID_SET.replace("title: Practice run", "title: no"))
    assert result.question_set is not None
    assert result.question_set.title == "no"
