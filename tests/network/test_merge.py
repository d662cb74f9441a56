from network_samples import iso

from coach.core.contact import Contact, Interaction
from coach.core.merge import Incoming, find_duplicates, plan_import, plan_merge, repoint_interviews


def person(name, **fields):
    fields.setdefault("created_at", iso("2024-01-01 10:00"))
    return Contact(name=name, **fields)


def test_same_profile_url_in_another_spelling_is_a_duplicate():
    a = person("Ana Silva", profile_url="https://www.linkedin.com/in/ana/")
    b = person("A. Silva", profile_url="http://linkedin.com/in/ANA?trk=x")
    assert [{c.id for c in g} for g in find_duplicates([a, b])] == [{a.id, b.id}]


def test_same_email_ignoring_case_and_spaces_is_a_duplicate():
    a = person("Ana", email="Ana@Example.com ")
    b = person("Ana S", email="ana@example.com")
    assert len(find_duplicates([a, b])) == 1


def test_same_name_alone_is_not_a_duplicate_but_name_and_organisation_is():
    a = person("Sam  Lee", organisation="Acme")
    b = person("sam lee", organisation=" ACME ")
    c = person("Sam Lee", organisation="Other")
    assert [{x.id for x in g} for g in find_duplicates([a, b, c])] == [{a.id, b.id}]


def test_duplicates_chain_through_different_keys():
    a = person("Ana", email="ana@example.com", created_at=iso("2024-01-01 10:00"))
    b = person("Ana S", email="ana@example.com", profile_url="linkedin.com/in/ana")
    c = person(
        "Ana Silva", profile_url="https://linkedin.com/in/ana", created_at=iso("2023-01-01 10:00")
    )
    groups = find_duplicates([a, b, c])
    assert len(groups) == 1
    assert groups[0][0] is c  # oldest first


def test_merge_preview_keeps_the_oldest_id_fills_gaps_and_unites_history():
    referrer = person("Rita")
    old = person(
        "Ana Silva",
        email="ana@example.com",
        tags=["alumni"],
        notes="Met at the fair.",
        stage="asked",
        created_at=iso("2023-01-01 10:00"),
        interactions=[Interaction(iso("2024-02-01 10:00"), "ask")],
    )
    new = person(
        "Ana S.",
        email="ANA@example.com",
        organisation="Acme",
        tags=["alumni", "data"],
        notes="Prefers mornings.",
        stage="interviewed",
        referred_by=referrer.id,
        interactions=[Interaction(iso("2024-03-01 10:00"), "call", "great chat")],
        last_interaction=iso("2024-03-01 10:00"),
    )
    pointing = person("Bo", referred_by=new.id)
    plan = plan_merge([new, old], [referrer, old, new, pointing], iso("2024-04-01 10:00"))
    merged = plan.merged
    assert merged.id == old.id
    assert merged.name == "Ana Silva"
    assert merged.organisation == "Acme"
    assert merged.tags == ["alumni", "data"]
    assert merged.notes == "Met at the fair.\n\nPrefers mornings."
    assert merged.stage == "interviewed"
    assert merged.referred_by == referrer.id
    assert [i.kind for i in merged.interactions] == ["ask", "call"]
    assert merged.last_interaction == iso("2024-03-01 10:00")
    assert plan.removed_ids == (new.id,)
    assert [c.referred_by for c in plan.repointed] == [old.id]


def test_import_fills_empty_fields_but_never_overwrites_what_the_user_recorded():
    mine = person("Ana Silva", organisation="Acme", role="Lead analyst", notes="my note")
    row = person("Ana Silva", organisation="acme", role="Analyst", email="ana@example.com")
    plan = plan_import([mine], [Incoming(row, 5)], iso("2024-04-01 10:00"))
    assert (plan.imported, plan.updated, plan.unchanged) == (0, 1, 0)
    [written] = plan.to_write
    assert written.id == mine.id
    assert written.role == "Lead analyst"
    assert written.email == "ana@example.com"
    # The role the file disagrees on is kept in the notes and reported; "acme" is the same org.
    assert written.notes == "my note\n\nOther role: Analyst"
    assert [str(k) for k in plan.remarks] == [
        "line 5: kept your role (Lead analyst); the file's (Analyst) is in the notes"
    ]
    assert plan.summary().endswith("; 1 row with notes below")


def test_a_file_that_agrees_with_what_the_user_has_reports_nothing_kept():
    mine = person("Ana Silva", organisation="Acme", email="ana@example.com")
    row = person("Ana Silva", organisation="Acme", email="ANA@example.com ")
    plan = plan_import([mine], [Incoming(row, 5)], iso("2024-04-01 10:00"))
    assert plan.remarks == [] and plan.unchanged == 1
    assert plan.summary() == "0 imported, 0 updated, 1 already up to date, 0 skipped"


def test_a_person_listed_twice_in_one_file_is_imported_once_and_the_repeat_reported():
    first = person("Ana", email="ana@example.com")
    again = person("Ana Silva", email="ana@example.com", organisation="Acme")
    plan = plan_import([], [Incoming(first, 3), Incoming(again, 9)], iso("2024-04-01 10:00"))
    assert plan.imported == 1
    assert [str(s) for s in plan.skipped] == ["line 9: same person as line 3; merged into it"]
    assert plan.to_write[0].organisation == "Acme"


def test_removing_a_contact_unlinks_whom_they_referred_and_their_interviews():
    from coach.core.merge import plan_removal, unlink_interviews

    ana = person("Ana", id="a")
    bo = person("Bo", id="b", referred_by="a")
    cy = person("Cy", id="c", referred_by="b")
    talks = [
        {"id": "i1", "contact_id": "a", "contact_name": "Ana"},
        {"id": "i2", "contact_id": "c"},
    ]
    removal = plan_removal(ana, [ana, bo, cy], talks, iso("2024-04-01 10:00"))
    assert [(p.name, p.referred_by) for p in removal.unlinked] == [("Bo", None)]
    assert removal.interviews == 1
    assert unlink_interviews("a", talks) == [
        {"id": "i1", "contact_id": None, "contact_name": "Ana"}
    ]


def test_merging_keeps_the_other_records_differing_details_in_the_notes():
    older = person("Dana Doyle", email="dana@example.com", created_at=iso("2024-01-01 10:00"))
    newer = person("Dana Doyle", email="dana.doyle@newmail.com", created_at=iso("2024-02-01 10:00"))
    plan = plan_merge([newer, older], [newer, older], iso("2024-04-01 10:00"))
    assert plan.merged.email == "dana@example.com"
    assert plan.merged.notes == "Other email: dana.doyle@newmail.com"


def test_a_deleted_person_is_not_brought_back_by_an_import_but_a_kept_one_still_matches():
    from coach.core.merge import remember_deleted

    gone = person("Kara Kim", email="kara@example.com")
    deleted = remember_deleted({}, gone, "2026-11-29T10:00:00+00:00")
    row = person("Kara Kim", email="KARA@example.com")
    plan = plan_import([], [Incoming(row, 4)], iso("2026-12-01 10:00"), deleted)
    assert plan.imported == 0
    assert [str(s) for s in plan.skipped] == [
        "line 4: you deleted this person on 2026-11-29; a on Contacts adds them"
    ]
    # Added again by hand: the import matches the record as usual.
    again = person("Kara Kim", email="kara@example.com")
    plan = plan_import([again], [Incoming(row, 4)], iso("2026-12-01 10:00"), deleted)
    assert (plan.skipped, plan.unchanged) == ([], 1)


def test_a_noted_value_that_only_contains_the_new_one_does_not_hide_it():
    mine = person(
        "Ana", organisation="Acme", email="ana@old.example", notes="Other email: ana@x.com.au"
    )
    row = person("Ana", organisation="Acme", email="ana@x.com")
    plan = plan_import([mine], [Incoming(row, 2)], iso("2024-04-01 10:00"))
    [written] = plan.to_write
    assert written.notes.splitlines()[-1] == "Other email: ana@x.com"


def test_merging_and_deleting_move_or_clear_a_referral_confirmed_in_a_debrief():
    from coach.core.merge import names_contact, unlink_interviews

    talk = {
        "id": "i1",
        "contact_id": "x",
        "referrals": [{"name": "Bo", "contact_id": "b"}, {"name": "Cy", "contact_id": None}],
    }
    assert names_contact(talk, {"b"}) and not names_contact(talk, {"c"})
    [unlinked] = unlink_interviews("b", [talk])
    assert unlinked["contact_id"] == "x"
    assert [r["contact_id"] for r in unlinked["referrals"]] == [None, None]
    assert talk["referrals"][0]["contact_id"] == "b"  # the original is untouched
    older = person("Bo", id="b0", email="bo@x.test", created_at=iso("2024-01-01 10:00"))
    newer = person("Bo", id="b", email="bo@x.test", created_at=iso("2024-02-01 10:00"))
    plan = plan_merge([older, newer], [older, newer], iso("2024-04-01 10:00"))
    [moved] = repoint_interviews(plan, [talk])
    assert moved["referrals"][0]["contact_id"] == "b0"


def test_merging_gives_the_kept_record_the_others_path_when_it_has_none():
    old = person("Ana Silva", email="ana@example.com", created_at=iso("2023-01-01 10:00"))
    new = person("Ana S.", email="ana@example.com", path_id="p-health")
    merged = plan_merge([new, old], [old, new], iso("2024-04-01 10:00")).merged
    assert (merged.id, merged.path_id) == (old.id, "p-health")
