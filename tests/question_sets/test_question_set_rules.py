"""The format's rules: required keys, types, ids, priorities, minutes, and every problem at once."""

from __future__ import annotations

import pytest
from question_set_samples import VALID_SET, load_text, messages


def only(result):
    [problem] = result.problems
    return str(problem)


def test_priority_defaults_to_should():
    result = load_text(VALID_SET)
    assert result.question_set is not None
    assert [q.priority for q in result.question_set.questions] == ["must", "should"]


def test_minutes_are_read_as_numbers_from_their_text():
    result = load_text(VALID_SET.replace("minutes: 3", "minutes: 2.5"))
    assert result.question_set is not None
    assert result.question_set.minutes == 10.0
    assert result.question_set.questions[0].minutes == 2.5
    assert result.question_set.questions[1].minutes is None


def test_probes_tags_and_extension_keys_are_kept():
    result = load_text(VALID_SET + "x-author: Sam\n")
    assert result.question_set is not None
    second = result.question_set.questions[1]
    assert second.probes == ("Why that?", "When did you learn it?")
    assert second.tags == ("advice",)
    assert result.question_set.extra == {"x-author": "Sam"}


def test_the_loaded_set_remembers_its_file_and_origin():
    from coach.core.question_sets import load_set

    result = load_set(VALID_SET.encode(), "/sets/practice.yaml", builtin=True)
    assert result.question_set is not None
    assert result.question_set.source == "/sets/practice.yaml"
    assert result.question_set.builtin is True


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("1:30", "'1:30' is not a number of minutes; write it like 3 or 2.5"),
        ("0", "must be greater than 0"),
        ("0.0", "must be greater than 0"),
        ("-2", "must be greater than 0"),
        ("-x", "'-x' is not a number of minutes; write it like 3 or 2.5"),
        ("nan", "'nan' is not a number of minutes; write it like 3 or 2.5"),
        ("three", "'three' is not a number of minutes; write it like 3 or 2.5"),
    ],
)
def test_question_minutes_must_be_a_number_above_zero(written, message):
    result = load_text(VALID_SET.replace("minutes: 3", f"minutes: {written}"))
    assert result.question_set is None
    assert only(result) == f"set.yaml:11:18: sections[0].questions[0].minutes: {message}"


def test_an_unknown_priority_is_refused_with_a_suggestion():
    result = load_text(VALID_SET.replace("priority: must", "priority: shuold"))
    assert only(result) == (
        "set.yaml:10:19: sections[0].questions[0].priority: 'shuold' is not a priority; "
        "use must, should or could; did you mean 'should'?"
    )


@pytest.mark.parametrize("bad", ["Start", "start_here", "start here", "'é'"])
def test_ids_use_only_lower_case_letters_digits_and_dashes(bad):
    result = load_text(VALID_SET.replace("id: start", f"id: {bad}"))
    assert result.question_set is None
    [problem] = result.problems
    assert (problem.line, problem.col, problem.path) == (5, 9, "sections[0].id")
    assert "is not a valid id; use lower-case letters, digits and '-' only" in problem.message


@pytest.mark.parametrize(
    ("misspelt", "meant", "line", "col", "path"),
    [
        ("titel", "title", 2, 1, "titel"),
        ("Sections", "sections", 4, 1, "Sections"),
        ("questoins", "questions", 7, 5, "sections[0].questoins"),
        ("probs", "probes", 14, 9, "sections[0].questions[1].probs"),
    ],
)
def test_a_misspelt_key_gets_a_did_you_mean(misspelt, meant, line, col, path):
    result = load_text(VALID_SET.replace(f"{meant}:", f"{misspelt}:", 1))
    assert (
        f"set.yaml:{line}:{col}: {path}: unknown key '{misspelt}'; did you mean '{meant}'?"
        in messages(result)
    )


def test_a_misspelt_required_key_is_also_reported_missing():
    result = load_text(VALID_SET.replace("title: Practice run", "titel: Practice run"))
    assert messages(result) == [
        "set.yaml:1:1: title: required key is missing",
        "set.yaml:2:1: titel: unknown key 'titel'; did you mean 'title'?",
    ]


def test_a_key_at_the_wrong_level_says_where_it_belongs():
    result = load_text(VALID_SET + "questions: []\n")
    assert messages(result) == [
        "set.yaml:16:1: questions: unknown key 'questions'; 'questions' goes inside each entry "
        "of 'sections'"
    ]


def test_an_unrelated_unknown_key_lists_the_keys_allowed():
    result = load_text(VALID_SET + "colour: blue\n")
    assert messages(result) == [
        "set.yaml:16:1: colour: unknown key 'colour'; expected one of: id, title, description, "
        "minutes, sections"
    ]


def test_missing_required_keys_are_each_reported_at_their_mapping():
    text = "id: bare\nsections:\n  - title: Only a title\n    questions:\n      - priority: must\n"
    assert messages(load_text(text)) == [
        "set.yaml:1:1: title: required key is missing",
        "set.yaml:3:5: sections[0].id: required key is missing",
        "set.yaml:5:9: sections[0].questions[0].id: required key is missing",
        "set.yaml:5:9: sections[0].questions[0].text: required key is missing",
    ]


def test_a_set_needs_at_least_one_section():
    result = load_text("id: a\ntitle: A\nsections: []\n")
    assert only(result) == "set.yaml:3:11: sections: needs at least one entry in sections"


def test_a_section_needs_at_least_one_question():
    text = VALID_SET.split("    questions:")[0] + "    questions: []\n"
    result = load_text(text)
    assert only(result) == (
        "set.yaml:7:16: sections[0].questions: needs at least one entry in questions"
    )


@pytest.mark.parametrize("empty", ['""', "''", ""])
def test_question_text_must_not_be_empty(empty):
    text = VALID_SET.replace("text: How did you first get into this hobby?", f"text: {empty}")
    result = load_text(text)
    [problem] = result.problems
    assert (problem.line, problem.path, problem.message) == (
        9,
        "sections[0].questions[0].text",
        "must not be empty",
    )


@pytest.mark.parametrize(
    ("replace", "by", "expected"),
    [
        (
            "title: Practice run",
            "title: [a, b]",
            "set.yaml:2:8: title: expected text, found a list",
        ),
        (
            "tags: [advice]",
            "tags: advice",
            "set.yaml:15:15: sections[0].questions[1].tags: expected a list of texts, found text",
        ),
        (
            "probes: ['Why that?', 'When did you learn it?']",
            "probes: [[nested]]",
            "set.yaml:14:18: sections[0].questions[1].probes[0]: expected text, found a list",
        ),
    ],
)
def test_values_of_the_wrong_kind_are_reported(replace, by, expected):
    assert messages(load_text(VALID_SET.replace(replace, by))) == [expected]


def test_a_section_that_is_not_a_mapping_is_reported():
    result = load_text("id: a\ntitle: A\nsections:\n  - just text\n")
    assert messages(result) == [
        "set.yaml:4:5: sections[0]: expected a section (a mapping of keys), found text"
    ]


def test_duplicate_question_ids_within_a_set_are_refused_even_across_sections():
    text = VALID_SET + (
        "  - id: more\n    title: More\n    questions:\n      - id: how-started\n"
        "        text: And again?\n"
    )
    assert messages(load_text(text)) == [
        "set.yaml:19:13: sections[1].questions[0].id: duplicate question id 'how-started' "
        "(first used at sections[0].questions[0])"
    ]


def test_duplicate_section_ids_are_refused():
    text = (
        VALID_SET
        + "  - id: start\n    title: Again\n    questions:\n      - id: q\n        text: Q?\n"
    )
    assert messages(load_text(text)) == [
        "set.yaml:16:9: sections[1].id: duplicate section id 'start' (first used at sections[0])"
    ]


def test_every_problem_in_a_file_is_reported_not_only_the_first():
    text = (
        VALID_SET.replace("id: practice", "id: Practice")
        .replace("minutes: 10", "minutes: soon")
        .replace("priority: must", "priority: always")
        .replace("tags:", "tagz:")
    )
    result = load_text(text)
    assert [(p.line, p.path) for p in result.problems] == [
        (1, "id"),
        (3, "minutes"),
        (10, "sections[0].questions[0].priority"),
        (15, "sections[0].questions[1].tagz"),
    ]


def test_text_is_cleaned_and_titles_fold_onto_one_line():
    text = VALID_SET.replace("title: Getting going", "title: |\n      Getting\n      going")
    result = load_text(text)
    assert result.question_set is not None
    assert result.question_set.sections[0].title == "Getting going"


def test_block_text_keeps_its_line_breaks_but_not_trailing_space():
    text = VALID_SET.replace(
        "text: How did you first get into this hobby?",
        "text: |\n          First line.\n          Second line.\n",
    )
    result = load_text(text)
    assert result.question_set is not None
    assert result.question_set.questions[0].text == "First line.\nSecond line."


def test_markup_in_text_is_kept_as_plain_characters():
    text = VALID_SET.replace("title: Practice run", "title: '[bold]Practice[/] [@click=app.quit]'")
    result = load_text(text)
    assert result.question_set is not None
    assert result.question_set.title == "[bold]Practice[/] [@click=app.quit]"
