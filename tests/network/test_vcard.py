import pytest
from network_samples import FIXTURES

from coach.core.contact import Contact
from coach.core.file_errors import ImportFileError
from coach.io.content_lines import fold
from coach.io.vcard import read_vcards, write_vcards


def cards(name: str):
    return read_vcards((FIXTURES / name).read_bytes(), name)


def test_a_vcard_3_card_reads_every_field_with_escapes_undone():
    ana = cards("card30.vcf").incoming[0].contact
    assert ana.name == "Ana Silva"
    assert ana.organisation == "Acme Analytics"
    assert ana.role == "Data Analyst"
    assert ana.email == "ana.silva@example.net"  # the preferred one
    assert ana.phone == "+44 7700 900123"
    assert ana.notes == "Met at the data meetup, table 4; very kind.\nLikes maps."
    assert ana.tags == ["meetup", "data,analytics"]


def test_apple_item_groups_pick_the_url_labelled_linkedin():
    ana = cards("card30.vcf").incoming[0].contact
    assert ana.profile_url == "https://www.linkedin.com/in/ana-silva-0a1b2c"


def test_folded_lines_are_joined():
    chidi = cards("card30.vcf").incoming[1].contact
    assert chidi.role.endswith("so that the line must be folded by the exporter")


def test_a_card_without_fn_is_named_from_n_then_org_then_email():
    names = [i.contact.name for i in cards("card30.vcf").incoming]
    assert names[1:] == ["Dr. Chidi Okafor", "Fabrikam Ltd", "lonely@example.com"]
    assert cards("card30.vcf").incoming[1].contact.organisation == "St. Mary, Hospital"


def test_a_card_with_nothing_to_call_it_by_is_skipped_with_a_reason():
    skipped = cards("card30.vcf").skipped
    assert [(s.line, s.reason) for s in skipped] == [
        (33, "card has no name, organisation or email")
    ]


def test_a_vcard_4_card_with_crlf_folding_uri_phone_and_quoted_parameters_is_read():
    zoe = cards("card40.vcf").incoming[0].contact
    assert zoe.name == "Zoë O'Brien"
    assert zoe.email == "zoe@northwind.example"
    assert zoe.phone == "+33-1-23-45-67-89"
    assert zoe.profile_url == "https://www.linkedin.com/in/zoe-obrien"
    assert zoe.notes == "First line\nSecond line with a backslash \\ here"


def test_control_characters_in_a_card_are_stripped_and_markup_kept_as_text():
    mallory = cards("card40.vcf").incoming[1].contact
    assert mallory.name.startswith("[bold]Mallory[/]")
    assert not any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in mallory.name)


@pytest.mark.parametrize(("name", "line"), [("broken_unclosed.vcf", 5), ("broken_no_colon.vcf", 4)])
def test_a_malformed_vcard_file_is_refused_with_its_line_number(name, line):
    with pytest.raises(ImportFileError) as raised:
        cards(name)
    assert f"{name}:{line}:" in str(raised.value)


def test_a_card_file_in_another_encoding_is_refused_with_what_to_do():
    data = b"BEGIN:VCARD\nVERSION:3.0\nFN:Jos\xe9\nEND:VCARD\n"
    with pytest.raises(ImportFileError) as raised:
        read_vcards(data, "latin.vcf")
    assert "latin.vcf:3: not UTF-8 text; export the cards as UTF-8" in str(raised.value)


def test_a_file_with_no_cards_is_refused():
    with pytest.raises(ImportFileError):
        read_vcards(b"hello\n", "notes.txt")


def test_exported_cards_read_back_to_the_same_contacts():
    people = [
        Contact(
            name="Ana de la Cruz",
            organisation="Acme, Inc; Labs",
            role="Analyst",
            email="ana@example.com",
            phone="+1 555 0100",
            profile_url="https://www.linkedin.com/in/ana",
            tags=["alumni", "data,science"],
            notes="Line one\nLine two with \\ and , and ;" + " long" * 30,
        ),
        Contact(name="Zoë 陈"),
    ]
    text = write_vcards(people)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    back = [i.contact for i in read_vcards(text.encode(), "export.vcf").incoming]
    for before, after in zip(people, back, strict=True):
        for field in (
            "name",
            "organisation",
            "role",
            "email",
            "phone",
            "profile_url",
            "tags",
            "notes",
        ):
            assert getattr(after, field) == getattr(before, field), field


def test_a_vcard_2_1_card_with_quoted_printable_utf8_is_decoded():
    zoe = cards("card21.vcf").incoming[0].contact
    assert zoe.name == "Zoë O'Neil"
    assert zoe.organisation == "Café Müller & Söhne"
    assert zoe.email == "zoe@cafe.example"
    assert zoe.phone == "+44 7700 900456"  # 2.1's bare PREF parameter


def test_a_quoted_printable_value_continues_after_an_equals_sign_at_the_line_end():
    zoe = cards("card21.vcf").incoming[0].contact
    assert zoe.notes == (
        "Met her at the café on the corner; she knows everyone in the roasting trade.\n"
        "Ask about the night courses."
    )


def test_a_2_1_charset_names_how_the_quoted_bytes_are_read():
    jose = cards("card21.vcf").incoming[1].contact
    assert jose.name == "José Martínez"  # ISO-8859-1, with the bare QUOTED-PRINTABLE parameter
    assert jose.role == "Head baker"  # a charset nobody knows falls back to UTF-8


def test_the_contacts_reader_knows_a_2_1_file_for_a_vcard():
    from coach.io.linkedin import read_contacts_file

    read = read_contacts_file(FIXTURES / "card21.vcf")
    assert [i.contact.name for i in read.incoming] == ["Zoë O'Neil", "José Martínez"]
    assert [i.line for i in read.incoming] == [1, 16]


def test_a_card_with_a_five_megabyte_folded_photo_imports_with_its_name():
    import base64

    photo = base64.b64encode(bytes(range(256)) * (5 * 1024 * 1024 // 256)).decode()
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë O'Neil\r\n"
        + fold("PHOTO;ENCODING=b;TYPE=JPEG:" + photo)
        + "\r\nEMAIL:zoe@cafe.example\r\nEND:VCARD\r\n"
    )
    assert len(card) > 5 * 1024 * 1024
    [incoming] = read_vcards(card.encode(), "big.vcf").incoming
    assert incoming.contact.name == "Zoë O'Neil"
    assert incoming.contact.email == "zoe@cafe.example"
