"""Strict YAML: text stays text; risky or ambiguous YAML is refused, with its place."""

from __future__ import annotations

import pytest
import yaml
from question_set_samples import VALID_SET, load_text, messages

from coach.core.question_sets import load_set
from coach.core.strict_yaml import MAX_BYTES


def test_a_valid_set_loads_with_no_problems():
    result = load_text(VALID_SET)
    assert result.problems == ()
    assert result.question_set is not None
    assert [q.id for q in result.question_set.questions] == ["how-started", "best-advice"]


@pytest.mark.parametrize("written", ["no", "on", "yes", "off", "0123", "1:30", "null", "~", "1e3"])
def test_every_scalar_stays_the_text_the_author_wrote(written):
    text = VALID_SET.replace("title: Practice run", f"title: {written}").replace(
        "tags: [advice]", f"tags: [{written}]"
    )
    result = load_text(
        text.replace("text: How did you first get into this hobby?", f"text: {written}")
    )
    assert result.problems == ()
    question_set = result.question_set
    assert question_set is not None
    assert question_set.title == written
    assert question_set.questions[0].text == written
    assert question_set.questions[1].tags == (written,)


def test_numeric_looking_ids_stay_text_and_keep_leading_zeros():
    result = load_text(VALID_SET.replace("id: how-started", "id: 0123"))
    assert result.question_set is not None
    assert result.question_set.questions[0].id == "0123"


def test_an_anchor_is_refused_where_it_is_written():
    result = load_text(VALID_SET.replace("tags: [advice]", "tags: &mine [advice]"))
    assert result.question_set is None
    assert messages(result) == [
        "set.yaml:15:15: sections[0].questions[1].tags: anchors (&mine) are not allowed"
    ]


def test_an_alias_is_refused_and_never_expanded():
    text = VALID_SET.replace("tags: [advice]", "tags: &mine [advice]") + "x-copy: *mine\n"
    result = load_text(text)
    assert (
        "set.yaml:16:9: x-copy: aliases (*mine) are not allowed; write the value out in full"
        in (messages(result))
    )


def test_an_alias_bomb_is_refused_without_expanding_it():
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    result = load_text("\n".join(lines) + "\n")
    assert result.question_set is None
    assert any("aliases (*a0) are not allowed" in m for m in messages(result))
    # One problem per anchor and alias written, not per expanded node: 10 + 81.
    assert len([m for m in messages(result) if "anchors" in m or "aliases" in m]) == 91


@pytest.mark.parametrize(
    ("tagged", "shown"),
    [
        ("!!python/object/apply:os.system [echo hi]", "!!python/object/apply:os.system"),
        ("!!str Practice", "!!str"),
        ("!custom Practice", "!custom"),
    ],
)
def test_tags_are_refused(tagged, shown):
    result = load_text(VALID_SET.replace("title: Practice run", f"title: {tagged}"))
    assert result.question_set is None
    assert f"set.yaml:2:8: title: tags ({shown}) are not allowed; every value is plain text" in (
        messages(result)
    )


def test_a_duplicate_key_is_refused_and_points_at_the_second_one():
    result = load_text(VALID_SET.replace("minutes: 10\n", "minutes: 10\ntitle: Again\n"))
    assert messages(result) == [
        "set.yaml:4:1: title: duplicate key 'title' (first given at line 2)"
    ]


def test_a_duplicate_key_deep_inside_is_located_by_its_path():
    result = load_text(
        VALID_SET.replace("priority: must\n", "priority: must\n        priority: could\n")
    )
    assert messages(result) == [
        "set.yaml:11:9: sections[0].questions[0].priority: duplicate key 'priority' "
        "(first given at line 10)"
    ]


def test_a_file_over_256_kib_is_refused_before_parsing():
    data = b"id: big\n" + b"# " + b"x" * MAX_BYTES + b"\n"
    result = load_set(data, "big.yaml")
    assert result.question_set is None
    assert messages(result) == [
        "big.yaml:1:1: (file): file is 262,155 bytes; "
        "a question set may be at most 256 KiB (262,144 bytes); "
        "split it into several sets"
    ]


def test_a_file_of_exactly_256_kib_is_still_read():
    padding = MAX_BYTES - len(VALID_SET.encode()) - 1
    data = (VALID_SET + "#" + "x" * (padding - 1) + "\n").encode()
    assert len(data) == MAX_BYTES
    assert load_set(data, "edge.yaml").problems == ()


def test_bytes_that_are_not_utf8_are_refused_with_their_position():
    data = VALID_SET.replace("Practice run", "Practice \xe9 run").encode("latin-1")
    result = load_set(data, "latin.yaml")
    assert messages(result) == [
        "latin.yaml:2:17: (file): byte 0xe9 is not valid UTF-8; save the file as UTF-8"
    ]


def test_a_file_that_is_not_text_at_all_gets_one_line_saying_so():
    import random

    noise = random.Random(7).randbytes(300)
    result = load_set(noise, "photo.yaml")
    [only] = messages(result)
    assert only.startswith("photo.yaml:1:1: (file): not a text file (")
    assert only.endswith("a question set is a YAML file saved as UTF-8")


def test_many_bad_bytes_in_a_text_file_are_listed_in_order_then_counted_at_the_first_left_out():
    lines = [f"# note {n}: caf\xe9\n" for n in range(30)]
    data = (VALID_SET + "".join(lines)).encode("latin-1")
    shown = messages(load_set(data, "latin.yaml"))
    assert len(shown) == 21
    assert all("byte 0xe9 is not valid UTF-8" in line for line in shown[:20])
    first_left_out = VALID_SET.count("\n") + 21
    assert (
        shown[20]
        == f"latin.yaml:{first_left_out}:15: (file): 10 more refused characters from here on"
    )


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x07", "\x7f", "\x9b", "\x0c"])
def test_control_characters_are_refused_with_their_position(char):
    result = load_text(VALID_SET.replace("Getting going", f"Getting{char}going"))
    assert messages(result) == [
        f"set.yaml:6:19: (file): control character U+{ord(char):04X} is not allowed "
        "(only newline and tab are)"
    ]


def test_every_refused_character_is_reported_not_only_the_first():
    result = load_text(VALID_SET.replace("Getting going", "Get\x1bting\x1b going"))
    assert [(p.line, p.col) for p in result.problems] == [(6, 15), (6, 20)]


def test_windows_line_endings_are_read_as_newlines():
    result = load_set(VALID_SET.replace("\n", "\r\n").encode(), "windows.yaml")
    assert result.problems == ()
    assert result.question_set is not None
    assert result.question_set.title == "Practice run"


def test_line_and_column_stay_right_in_a_file_with_windows_line_endings():
    text = VALID_SET.replace("minutes: 3", "minutes: soon").replace("\n", "\r\n")
    result = load_set(text.encode(), "windows.yaml")
    assert messages(result) == [
        "windows.yaml:11:18: sections[0].questions[0].minutes: "
        "'soon' is not a number of minutes; write it like 3 or 2.5"
    ]


def test_a_byte_order_mark_at_the_start_is_accepted():
    assert load_set(b"\xef\xbb\xbf" + VALID_SET.encode(), "bom.yaml").problems == ()


def test_columns_count_characters_not_bytes():
    text = VALID_SET.replace("title: Practice run", "title: Übung").replace(
        "minutes: 10", "minutes: zéro"
    )
    assert messages(load_text(text)) == [
        "set.yaml:3:10: minutes: 'zéro' is not a number of minutes; write it like 3 or 2.5"
    ]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "''\n"])
def test_an_empty_file_is_refused(text):
    result = load_text(text)
    assert messages(result) == [
        "set.yaml:1:1: (file): file is empty; a question set needs id, title and sections"
    ]


@pytest.mark.parametrize(("text", "found"), [("- id: a\n", "a list"), ("just words\n", "text")])
def test_a_file_whose_top_level_is_not_a_mapping_is_refused(text, found):
    assert messages(load_text(text)) == [
        "set.yaml:1:1: (file): the top level must be a mapping with id, title and sections, "
        f"found {found}"
    ]


def test_a_second_yaml_document_is_refused():
    result = load_text(VALID_SET + "---\nid: other\n")
    assert "set.yaml:16:1: (file): only one YAML document per file; remove the second '---'" in (
        messages(result)
    )


def test_a_syntax_error_is_reported_at_its_line_and_column():
    result = load_text("id: x\ntitle: [unclosed\nsections: []\n")
    assert result.question_set is None
    [problem] = result.problems
    assert (problem.line, problem.col) == (3, 9)
    assert problem.message.startswith("YAML syntax error: ")


def test_a_mapping_used_as_a_key_is_refused():
    result = load_text("? {a: b}\n: c\n" + VALID_SET)
    assert "set.yaml:1:3: (file): keys must be plain text" in messages(result)


def test_deep_nesting_is_read_without_crashing():
    result = load_text("id: x\nx-deep: " + "[" * 5000 + "]" * 5000 + "\n")
    assert result.question_set is None
    assert result.problems


def test_an_unclosed_quote_is_reported_where_it_opens_not_at_the_end_of_the_file():
    text = 'id: x\ntitle: "never closed\nsections:\n  - id: a\n    title: A\n'
    [problem] = load_text(text).problems
    assert (problem.line, problem.col) == (2, 8)
    assert problem.message == "YAML syntax error: a quoted text that starts here is never closed"


def test_an_unfinished_list_names_the_line_where_the_list_began():
    [problem] = load_text("id: x\ntitle: [unclosed\nsections: []\n").problems
    assert problem.message.endswith("in a [ ] list that starts at line 2, column 8")


@pytest.mark.parametrize(
    ("escape", "code"),
    [
        (r"\e[41m", "001B"),
        (r"\a", "0007"),
        (r"\x1b]0;title\x07", "001B"),
        (r"\u009b2J", "009B"),
        (r"\r", "000D"),
        (r"\0", "0000"),
        (r"\x7f", "007F"),
        (r"\N", "0085"),
    ],
)
def test_a_quoted_escape_that_makes_a_control_character_is_refused_not_stripped(escape, code):
    result = load_text(VALID_SET.replace("title: Practice run", f'title: "Practice {escape}run"'))
    assert result.question_set is None
    assert messages(result) == [f"set.yaml:2:8: title: control character U+{code} in text"]


def test_only_the_first_control_character_of_a_text_is_named():
    result = load_text(VALID_SET.replace("title: Practice run", r'title: "\a then \e"'))
    assert messages(result) == ["set.yaml:2:8: title: control character U+0007 in text"]


def test_quoted_newlines_and_tabs_are_text_like_any_other():
    result = load_text(
        VALID_SET.replace(
            "text: How did you first get into this hobby?",
            r'text: "How did you\tfirst get into\nthis hobby?"',
        )
    )
    assert result.problems == ()
    assert result.question_set is not None
    assert result.question_set.questions[0].text == "How did you\tfirst get into\nthis hobby?"


def test_a_control_character_deep_in_a_list_is_located_by_its_path():
    result = load_text(
        VALID_SET.replace(
            "probes: ['Why that?', 'When did you learn it?']", r'probes: ["ok", "\e[2J"]'
        )
    )
    assert messages(result) == [
        "set.yaml:14:24: sections[0].questions[1].probes[1]: control character U+001B in text"
    ]


def test_a_control_character_in_a_key_is_refused_and_the_key_never_echoed():
    result = load_text(VALID_SET + '"x-\\e[2Jnote": hidden\n')
    assert messages(result) == ["set.yaml:16:1: (file): control character U+001B in text"]


def test_a_lone_surrogate_escape_is_refused_by_either_parser(monkeypatch):
    from coach.core import strict_yaml

    text = VALID_SET.replace("title: Practice run", r'title: "Practice \ud800"')
    assert load_text(text).question_set is None
    monkeypatch.setattr(strict_yaml, "_Loader", yaml.SafeLoader)
    assert messages(load_text(text)) == [
        "set.yaml:2:8: title: U+D800 in text is half of a surrogate pair, not a character"
    ]
