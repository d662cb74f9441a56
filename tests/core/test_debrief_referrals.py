"""Referrals guessed from flagged lines: one per person, however the name was typed."""

from __future__ import annotations

import pytest

from coach.core import debrief
from coach.core.interview import Flag, Interview


def flagged(*lines: str) -> Interview:
    made = Interview(contact_name="Ada Lovelace")
    made.flags = [Flag("referral", None, float(i), line) for i, line in enumerate(lines)]
    return made


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Talk to Priya Nair on the platform team", "Priya Nair"),
        ("Ask Priya Nair about the lab", "Priya Nair"),
        ("Sam Lee's email is on the site", "Sam Lee"),
        ("Also call Sam Lee.", "Sam Lee"),
        ("someone in payroll", ""),
    ],
)
def test_the_name_is_guessed_without_the_verb_or_the_possessive(line: str, name: str) -> None:
    assert debrief.guess_name(line) == name


def test_the_same_person_flagged_in_different_ways_is_one_referral() -> None:
    made = flagged(
        "Talk to Sam Lee at the bakery guild",
        "Also call Sam Lee.",
        "SAM LEE runs the night shift",
        "also ring sam lee",
        "Talk to Priya Nair",
    )
    referrals = debrief.referral_candidates(made)
    assert [r.name for r in referrals] == ["Sam Lee", "Priya Nair"]
    assert referrals[0].note == (
        "Talk to Sam Lee at the bakery guild · Also call Sam Lee. · "
        "SAM LEE runs the night shift · also ring sam lee"
    )


def test_lines_without_a_name_stay_apart_unless_they_are_the_same_line() -> None:
    made = flagged("someone in payroll", "Someone in payroll.", "a recruiter she knows")
    referrals = debrief.referral_candidates(made)
    assert [(r.name, r.note) for r in referrals] == [
        ("", "someone in payroll"),
        ("", "a recruiter she knows"),
    ]


def test_a_name_inside_a_longer_word_is_not_the_same_person() -> None:
    made = flagged("Talk to Sam Lee", "the samuel leeds office")
    assert len(debrief.referral_candidates(made)) == 2


def test_begin_lists_each_person_once_so_confirming_makes_one_contact_each() -> None:
    from coach.core.clock import FakeClock

    made = flagged("Talk to Sam Lee", "Sam Lee.", "sam lee")
    debrief.begin(made, FakeClock())
    assert [r.name for r in made.referrals] == ["Sam Lee"]
    debrief.confirm_referral(made, 0)
    assert [r.name for r in debrief.confirmed_referrals(made)] == ["Sam Lee"]


def test_adding_someone_already_listed_confirms_them_instead_of_adding_them_twice() -> None:
    made = flagged("Talk to Sam Lee")
    made.referrals = debrief.referral_candidates(made)
    referral = debrief.add_referral(made, " sam  LEE. ", "Runs the night shift")
    assert len(made.referrals) == 1 and referral is made.referrals[0]
    assert referral.confirmed and referral.name == "Sam Lee"
    assert referral.note == "Talk to Sam Lee · Runs the night shift"
    debrief.add_referral(made, "Priya Nair")
    assert [r.name for r in made.referrals] == ["Sam Lee", "Priya Nair"]


def test_renaming_a_referral_to_someone_listed_merges_the_two() -> None:
    made = flagged("Talk to Sam Lee", "the baker from the guild")
    made.referrals = debrief.referral_candidates(made)
    kept = debrief.confirm_referral(made, 1, "Sam Lee")
    assert made.referrals == [kept]
    assert kept.confirmed and kept.note == "Talk to Sam Lee · the baker from the guild"


def test_a_referral_still_needs_a_name_to_be_confirmed() -> None:
    made = flagged("someone in payroll")
    made.referrals = debrief.referral_candidates(made)
    with pytest.raises(ValueError):
        debrief.confirm_referral(made, 0)
    with pytest.raises(ValueError):
        debrief.add_referral(made, "  ")


def test_a_referral_already_in_the_contacts_is_linked_not_added_again() -> None:
    from coach.core.contact import Contact
    from coach.core.debrief import contact_for_referral
    from coach.core.interview import Referral

    sam = Contact(name="Sam Lee", organisation="Navy Labs")
    other = Contact(name="Ana Silva")
    found, on_file = contact_for_referral(Referral(name="sam  LEE"), "c-grace", [sam, other])
    assert on_file and found.id == sam.id and found.referred_by == "c-grace"
    assert found.how_known == "referral"  # never marked before: they came as a suggestion
    assert sam.referred_by is None  # the stored record is not changed behind the caller's back

    friend = Contact(name="Sam Lee", how_known="friend")
    known, _ = contact_for_referral(Referral(name="Sam Lee"), "c-grace", [friend])
    assert known.how_known == "friend"  # how the user knows them is theirs to say

    already = Contact(name="Sam Lee", referred_by="c-first")
    kept, _ = contact_for_referral(Referral(name="Sam Lee"), "c-grace", [already])
    assert kept.referred_by == "c-first"  # who introduced them first stays on record

    twins = [Contact(name="Sam Lee"), Contact(name="Sam Lee")]
    new, on_file = contact_for_referral(
        Referral(name="Sam Lee", note="met at a meetup"), "c-grace", twins
    )
    assert not on_file and new.id not in {t.id for t in twins}
    assert (new.how_known, new.referred_by, new.notes) == ("referral", "c-grace", "met at a meetup")
