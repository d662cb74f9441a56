"""The text rules vCard and iCalendar share, and reading an imported file's bytes as text."""

import pytest

from coach.core.file_errors import ImportFileError
from coach.io.content_lines import fold, parse_content_line, unfold
from coach.io.decoding import utf8_text


def test_folded_lines_come_back_whole_with_the_line_each_started_on():
    text = "BEGIN:VCARD\r\nNOTE:first\r\n  half\r\n\tand the rest\r\nEND:VCARD\r\n"
    assert unfold(text) == [
        (1, "BEGIN:VCARD"),
        (2, "NOTE:first halfand the rest"),
        (5, "END:VCARD"),
    ]


def test_what_fold_writes_unfold_reads_back():
    line = "DESCRIPTION:" + "a long line, with words and ünïcödé " * 20
    assert unfold(fold(line) + "\r\n") == [(1, line)]


def test_a_content_line_splits_into_group_name_parameters_and_value():
    prop = parse_content_line('item1.EMAIL;TYPE=work,pref;X-LABEL="a:b":ana@example.com')
    assert (prop.group, prop.name, prop.value) == ("item1", "EMAIL", "ana@example.com")
    assert prop.params == {"TYPE": ["work", "pref"], "X-LABEL": ["a:b"]}


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"one\ntwo\nthr\xe9e\n", 3),
        (b"\xef\xbb\xbfone\r\ntwo\r\n\xff", 3),  # after a byte-order mark, CRLF ends
        (b"one\rtwo\rthree\r\xe9", 4),  # old Mac line ends
    ],
)
def test_a_file_that_is_not_utf8_is_refused_with_the_line_of_the_first_bad_byte(data, line):
    with pytest.raises(ImportFileError) as raised:
        utf8_text(data, "people.csv", "save it as UTF-8")
    assert str(raised.value) == f"people.csv:{line}: not UTF-8 text; save it as UTF-8"


def test_a_byte_order_mark_is_not_part_of_the_text():
    assert utf8_text(b"\xef\xbb\xbfFN:Ana", "a.vcf", "") == "FN:Ana"
