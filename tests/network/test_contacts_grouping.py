"""After an import nobody's "how known" is recorded: people are marked a group at a time,
and the list can put the people the user knows before strangers."""

from __future__ import annotations

import pytest

from coach.core.contact import Contact, groups_of, marked_known, sort_contacts
from coach.services.contacts import mark_how_known
from coach.store.db import Store
from coach.store.paths import DataPaths


def imported() -> list[Contact]:
    return [
        Contact("Ana Silva", id="a", organisation="Acme Analytics", connected_on="2019-05-01"),
        Contact("Ben Ode", id="b", organisation="acme  analytics", connected_on="2019-09-12"),
        Contact(
            "Cy Lam",
            id="c",
            organisation="Acme Analytics",
            connected_on="2021-01-03",
            how_known="friend",
        ),
        Contact("Dee Roy", id="d", organisation="Fabrikam", connected_on="2021-02-10"),
        Contact("Eve Nox", id="e"),
    ]


def test_people_are_grouped_by_organisation_whatever_its_case_with_the_unmarked_counted():
    groups = groups_of(imported(), "organisation")
    assert [(g.label, g.ids, g.unmarked) for g in groups] == [
        ("Acme Analytics", ("a", "b", "c"), 2),
        ("Fabrikam", ("d",), 1),
    ]


def test_people_are_grouped_by_the_year_they_were_connected():
    groups = groups_of(imported(), "year")
    assert [(g.label, g.ids) for g in groups] == [("2019", ("a", "b")), ("2021", ("c", "d"))]


def test_marking_a_group_changes_only_those_not_marked_yet():
    changed = marked_known(imported(), ["a", "b", "c"], "former-colleague", "2026-11-20T10:00:00Z")
    assert [(c.id, c.how_known) for c in changed] == [
        ("a", "former-colleague"),
        ("b", "former-colleague"),
    ]
    assert all(c.updated_at == "2026-11-20T10:00:00Z" for c in changed)
    with pytest.raises(ValueError):
        marked_known(imported(), ["a"], "best mate")


def test_sorting_by_how_known_puts_people_known_before_strangers():
    people = imported()
    people[3].how_known = "classmate-alumni"
    ordered = sort_contacts(people, "how_known")
    assert [c.id for c in ordered] == ["c", "d", "a", "b", "e"]


def test_marking_saves_the_people_changed_as_one_change(data_paths: DataPaths):
    people = imported()
    with Store.open(data_paths) as store:
        store.save_all("contact", [c.to_dict() for c in people])
        store.remove("contact", "b")
        changed = mark_how_known(store, people, ["a", "b"], "co-worker", "2026-11-20T10:00:00Z")
        assert [c.id for c in changed] == ["a"]
        doc = store.get_contact("a")
        assert doc is not None and doc["how_known"] == "co-worker"
        assert store.get_contact("b") is None
