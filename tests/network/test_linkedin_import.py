import shutil

import pytest
from network_samples import FIXTURES

from coach.core.file_errors import ImportFileError
from coach.io.linkedin import connected_on, read_connections, read_contacts_file


def read(name: str):
    return read_contacts_file(FIXTURES / name)


def by_name(result):
    return {i.contact.name: i for i in result.incoming}


def test_header_is_found_after_a_short_notes_preamble_with_crlf_line_ends():
    result = read("connections_notes_crlf.csv")
    ana = by_name(result)["Ana Silva"].contact
    assert ana.organisation == "Acme Analytics"
    assert ana.role == "Data Analyst"
    assert ana.profile_url == "https://www.linkedin.com/in/ana-silva-0a1b2c"
    assert ana.email == ""
    assert ana.source == "linkedin"
    assert by_name(result)["Ana Silva"].line == 5


def test_header_is_found_after_a_long_preamble_holding_quoted_commas_and_newlines():
    result = read("connections_long_preamble.csv")
    assert [i.contact.name for i in result.incoming] == ["Ana Silva", "José Müller", "Zoë O'Brien"]
    assert result.incoming[0].line == 8


def test_an_old_export_without_preamble_or_url_column_is_read():
    result = read("connections_no_preamble_old.csv")
    people = by_name(result)
    assert people["Ana Silva"].contact.email == "ana@example.com"
    assert people["Priya Natarajan"].contact.connected_on == "2021-04-09"


def test_quoted_commas_quotes_and_newlines_stay_inside_their_field():
    people = by_name(read("connections_notes_crlf.csv"))
    assert people["José Müller"].contact.organisation == "Bright, Clear & Co"
    assert people["Zoë O'Brien"].contact.role == 'Head of "Research"'
    # A newline inside a single-line field becomes a space.
    assert people["Sam Lee"].contact.organisation == "Multi Line Org"
    assert people["Sam Lee"].line == 11


def test_non_ascii_names_and_organisations_are_kept():
    people = by_name(read("connections_notes_crlf.csv"))
    assert people["陈 伟"].contact.organisation == "深圳科技"


def test_connected_on_dates_are_kept_as_iso_days():
    people = by_name(read("connections_notes_crlf.csv"))
    assert people["Ana Silva"].contact.connected_on == "2020-10-05"
    assert people["陈 伟"].contact.connected_on == "2024-02-29"
    assert connected_on("05 Oct 2020") == "2020-10-05"
    assert connected_on("31 Feb 2020") is None
    assert connected_on("yesterday") is None


def test_rows_with_neither_name_nor_url_are_skipped_with_a_reason():
    result = read("connections_notes_crlf.csv")
    assert [(s.line, s.reason) for s in result.skipped] == [(10, "no name and no profile URL")]
    assert all(i.contact.organisation != "Ghost Corp" for i in result.incoming)


def test_markup_in_imported_names_is_kept_literally_and_escape_codes_are_stripped():
    people = by_name(read("connections_notes_crlf.csv"))
    mallory = people["[bold]Mallory[/] Red"].contact
    assert "\x1b" not in mallory.name
    assert mallory.organisation == "[@click=app.quit]Evil"


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("broken_extra_fields.csv", 6, "9 fields where the header has 7"),
        ("broken_open_quote.csv", 5, "unexpected end of data"),
        ("broken_no_header.csv", 1, "no header row"),
        ("broken_encoding.csv", 3, "not UTF-8 text; save the file as CSV UTF-8"),
    ],
)
def test_a_malformed_export_is_refused_with_its_line_number(name, line, words):
    with pytest.raises(ImportFileError) as raised:
        read(name)
    assert f"{name}:{line}:" in str(raised.value)
    assert words in str(raised.value)


def test_a_connected_on_that_is_not_a_date_is_left_out_with_a_note_and_the_row_kept():
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    rows = "Ana,Silva,,,Acme,Analyst,31 Feb 2020\r\nBo,Chen,,,Acme,Lead,05 Oct 2020\r\n"
    result = read_connections((header + rows).encode(), "c.csv")
    assert [row.contact.connected_on for row in result.incoming] == [None, "2020-10-05"]
    assert [str(r) for r in result.remarks] == [
        "line 2: Connected On '31 Feb 2020' is not a date; left out"
    ]


def test_two_thousand_rows_are_read_in_one_pass():
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    rows = "".join(
        f'P{i},Q{i},https://www.linkedin.com/in/p{i},,"Org, {i % 50}",Role,05 Oct 2020\r\n'
        for i in range(2000)
    )
    result = read_connections(("Notes:\r\n\r\n" + header + rows).encode())
    assert len(result.incoming) == 2000
    assert result.incoming[-1].line == 2003


def test_a_vcf_file_is_recognised_by_its_content_even_without_the_extension(tmp_path):
    copy = tmp_path / "contacts.txt"
    shutil.copy(FIXTURES / "card30.vcf", copy)
    assert read_contacts_file(copy).incoming[0].contact.source == "vcard"
