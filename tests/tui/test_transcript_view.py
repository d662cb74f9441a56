"""The transcript view wraps each row by itself, as a reader expects: whole words on lines that
fit, lines after the first under the text, never a character lost or a line too wide."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from coach.tui.widgets.transcript_view import Row, hanging, wrap_offsets


def wrapped(text: str, width: int, indent: int = 0) -> list[str]:
    """The lines as the view draws them: those after the first indented."""
    return [
        (" " * hanging(width, indent) if number else "") + text[start:end]
        for number, (start, end) in enumerate(wrap_offsets(text, width, indent))
    ]


def test_a_line_that_fits_is_one_line() -> None:
    assert wrap_offsets("00:12  You: Hello.", 40, 7) == [(0, 18)]


def test_a_long_line_breaks_between_words_and_continues_under_the_text() -> None:
    text = "00:21  Dr. Zoë O'Neil: Honestly, by accident. I trained as a nurse."
    assert wrapped(text, 36, 7) == [
        "00:21  Dr. Zoë O'Neil: Honestly, by",
        "       accident. I trained as a",
        "       nurse.",
    ]


def test_a_word_longer_than_a_line_is_cut_where_the_line_is_full() -> None:
    assert wrapped("see https://example.org/a/very/long/path/to/a/file", 20, 2) == [
        "see",
        "  https://example.or",
        "  g/a/very/long/path",
        "  /to/a/file",
    ]


def test_a_newline_in_a_note_always_breaks() -> None:
    assert wrapped("  your note 01:02  ask about the course\nand the fees", 60, 19) == [
        "  your note 01:02  ask about the course",
        "                   and the fees",
    ]


def test_wide_characters_count_two_cells() -> None:
    lines = wrapped("東京の病院でデータ分析をしています。", 10, 2)
    assert all(cell_len(line) <= 10 for line in lines)
    assert "".join(line.strip() for line in lines) == "東京の病院でデータ分析をしています。"


WORD = st.text(
    alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzéëøß—’東語")), min_size=1, max_size=25
)


@given(
    words=st.lists(WORD, min_size=1, max_size=40),
    separators=st.lists(st.sampled_from([" ", " ", " ", "\n", "  "]), min_size=40, max_size=40),
    width=st.integers(min_value=4, max_value=90),
    indent=st.integers(min_value=0, max_value=12),
)
def test_every_line_fits_and_no_word_is_lost(
    words: list[str], separators: list[str], width: int, indent: int
) -> None:
    text = "".join(word + sep for word, sep in zip(words, separators, strict=False)).rstrip()
    lines = wrapped(text, width, indent)
    assert all(cell_len(line) <= width for line in lines), lines
    assert "".join(lines).replace(" ", "") == text.replace(" ", "").replace("\n", "")


def test_a_row_of_parts_styles_each_part_and_shows_the_text_as_written() -> None:
    row = Row.of(("00:04  ", "dim"), ("[b]Zoë[/b]", "bold"), (": hi", ""), line=1, indent=7)
    assert row.text == "00:04  [b]Zoë[/b]: hi"
    assert row.content.plain == row.text  # never read as markup
    assert [(s.start, s.end, s.style) for s in row.spans] == [(0, 7, "dim"), (7, 17, "bold")]
