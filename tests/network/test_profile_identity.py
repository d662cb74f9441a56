"""The profile URL is who someone is: two Sam Lees at Acme with two LinkedIn profiles are two
people, in one file, against the contacts already on file, and when looking for duplicates."""

from network_samples import iso

from coach.core.contact import Contact
from coach.core.merge import (
    Incoming,
    find_duplicates,
    plan_import,
    remember_deleted,
    same_person,
)

AT = iso("2026-12-01 10:00")
SAM_1 = "https://www.linkedin.com/in/sam-lee-1"
SAM_2 = "https://www.linkedin.com/in/sam-lee-2"


def sam(url="", **fields):
    fields.setdefault("created_at", iso("2024-01-01 10:00"))
    return Contact("Sam Lee", organisation="Acme", profile_url=url, **fields)


def rows(*contacts):
    return [Incoming(c, line) for line, c in enumerate(contacts, 2)]


def test_two_rows_with_one_name_and_organisation_but_two_profiles_are_two_people():
    plan = plan_import([], rows(sam(SAM_1), sam(SAM_2)), AT)
    assert plan.imported == 2 and plan.skipped == []
    assert sorted(c.profile_url for c in plan.to_write) == [SAM_1, SAM_2]


def test_the_same_profile_twice_in_a_file_is_still_one_person():
    plan = plan_import([], rows(sam(SAM_1), sam(SAM_1.upper() + "/?trk=x")), AT)
    assert plan.imported == 1
    assert [str(s) for s in plan.skipped] == ["line 3: same person as line 2; merged into it"]


def test_a_row_without_a_profile_matches_by_name_and_organisation_as_before():
    plan = plan_import([], rows(sam(SAM_1), sam(role="Engineer")), AT)
    assert plan.imported == 1
    [written] = plan.to_write
    assert (written.profile_url, written.role) == (SAM_1, "Engineer")


def test_a_profile_fills_a_hand_typed_record_and_a_second_profile_is_someone_else():
    mine = sam(id="c-mine", notes="met at the meetup")
    plan = plan_import([mine], rows(sam(SAM_1), sam(SAM_2)), AT)
    assert (plan.imported, plan.updated) == (1, 1)
    by_url = {c.profile_url: c for c in plan.to_write}
    assert by_url[SAM_1].id == "c-mine" and by_url[SAM_1].notes == "met at the meetup"
    assert by_url[SAM_2].id != "c-mine"


def test_a_record_with_another_profile_is_never_matched_by_name_or_email():
    mine = sam(SAM_1, id="c-mine", email="sam@acme.example")
    other = sam(SAM_2, email="sam@acme.example")
    plan = plan_import([mine], rows(other), AT)
    assert plan.imported == 1 and plan.to_write[0].id != "c-mine"
    assert not same_person(mine, other)


def test_the_same_person_rules_read_as_stated():
    assert same_person(sam(SAM_1), sam("linkedin.com/in/SAM-LEE-1/"))
    assert not same_person(sam(SAM_1), sam(SAM_2))
    assert same_person(sam(SAM_1), sam())  # one side has no URL: name and organisation
    assert same_person(sam(), sam())
    assert same_person(
        Contact("S. Lee", email="sam@acme.example", profile_url=SAM_1),
        Contact("Sam", email="SAM@acme.example"),
    )
    assert not same_person(Contact("Sam Lee"), Contact("Sam Lee"))  # a name alone is too common


def test_duplicates_with_two_profiles_are_two_people_and_a_record_without_one_joins_one_of_them():
    first = sam(SAM_1, created_at=iso("2024-01-01 10:00"))
    second = sam(SAM_2, created_at=iso("2024-02-01 10:00"))
    assert find_duplicates([first, second]) == []
    typed = sam(created_at=iso("2024-03-01 10:00"))
    groups = find_duplicates([first, second, typed])
    assert len(groups) == 1
    [group] = groups
    assert typed in group and len(group) == 2
    assert len({c.profile_url for c in group if c.profile_url}) == 1


def test_a_shared_email_does_not_join_two_profiles_even_through_a_third_record():
    a = sam(SAM_1, email="team@acme.example")
    b = sam(SAM_2, email="team@acme.example")
    c = Contact("Sam", email="team@acme.example")
    groups = find_duplicates([a, b, c])
    assert all(len({x.profile_url for x in g if x.profile_url}) == 1 for g in groups)
    assert sum(len(g) for g in groups) == 2


def test_deleting_one_sam_lee_does_not_keep_the_other_from_being_imported():
    gone = remember_deleted({}, sam(SAM_1), AT)
    plan = plan_import([], rows(sam(SAM_2)), AT, gone)
    assert plan.imported == 1 and plan.skipped == []
    # The deleted one, by profile, or by name and organisation with no profile, stays away.
    again = plan_import([], rows(sam(SAM_1), sam()), AT, gone)
    assert again.imported == 0
    assert [s.line for s in again.skipped] == [2, 3]


def test_a_deleted_person_without_a_profile_keeps_away_rows_with_their_name_and_organisation():
    gone = remember_deleted({}, sam(), AT)
    plan = plan_import([], rows(sam(SAM_1)), AT, gone)
    assert plan.imported == 0 and len(plan.skipped) == 1


def test_a_card_with_only_a_name_imported_twice_is_one_person():
    from coach.core.merge import Incoming, plan_import

    bare = Contact("Bo Lind", phone="020 7946 0000")
    first = plan_import([], [Incoming(bare, 1)], "2026-12-04T10:00:00+00:00")
    again = plan_import(
        first.to_write, [Incoming(Contact("Bo Lind", phone="020 7946 0000"), 1)], "x"
    )
    assert first.imported == 1
    assert (again.imported, again.unchanged) == (0, 1)
    spelt = plan_import(
        first.to_write, [Incoming(Contact("bo lind", phone="020-7946-0000"), 1)], "x"
    )
    assert spelt.imported == 0  # the same person, the file's spelling of the phone noted
    other = plan_import(first.to_write, [Incoming(Contact("Bo Lind", phone="0000"), 1)], "x")
    assert other.imported == 1  # another phone: maybe another Bo
