"""Finding people as they are typed: case, accents and spacing do not hide anyone."""

from __future__ import annotations

from coach.core.contact import Contact, filter_contacts, the_one_named
from coach.core.text import fold


def test_fold_drops_case_accents_and_extra_spaces_but_keeps_letters_that_do_not_decompose():
    assert fold("  Zoë   O'NEIL ") == "zoe o'neil"
    assert fold("José Müller") == "jose muller"
    assert fold("Søren") == "søren"  # ø is a letter of its own, not o with a mark


def test_search_finds_accented_names_typed_without_accents_and_the_other_way_round():
    people = [Contact(name="Zoë O'Neil"), Contact(name="Jose Garcia", organisation="Café Nord")]
    assert [c.name for c in filter_contacts(people, query="zoe")] == ["Zoë O'Neil"]
    assert [c.name for c in filter_contacts(people, query="josé")] == ["Jose Garcia"]
    assert [c.name for c in filter_contacts(people, query="cafe nord")] == ["Jose Garcia"]
    assert filter_contacts(people, query="zoey") == []


def test_the_one_named_finds_a_single_match_and_nobody_when_two_share_the_name():
    zoe = Contact(name="Zoë O'Neil")
    graces = [Contact(name="Grace Hopper"), Contact(name="grace  hopper")]
    assert the_one_named("zoe o'neil", [zoe, *graces]) is zoe
    assert the_one_named("Grace Hopper", [zoe, *graces]) is None
    assert the_one_named("Ada", [zoe, *graces]) is None
    assert the_one_named("   ", [Contact(name="")]) is None


def test_field_problems_catch_the_wrong_shape_and_let_real_addresses_and_blanks_through():
    from coach.core.contact import field_problems

    assert field_problems("", "") == {}
    assert field_problems("ada@example.org", "https://www.linkedin.com/in/ada-l/") == {}
    assert field_problems("a.b+c@sub.example.co.uk", "linkedin.com/in/ada") == {}
    assert set(field_problems("ada", "")) == {"email"}
    assert set(field_problems("ada@example", "")) == {"email"}
    assert set(field_problems("ada @example.org", "")) == {"email"}
    assert set(field_problems("", "linkedin dot com/ada")) == {"profile_url"}
    assert set(field_problems("", "Ada Lovelace")) == {"profile_url"}
