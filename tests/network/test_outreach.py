from network_samples import iso

from coach.core.contact import Contact
from coach.core.outreach import (
    all_passed,
    check_request,
    count_words,
    fill_template,
    mark_asked,
    mark_replied,
    template_values,
)

RITA = Contact("Rita Gomez")
ANA = Contact(
    "Ana Silva", organisation="Acme", role="analyst", how_known="referral", referred_by=RITA.id
)

GOOD = (
    "Hi Ana,\n\nRita Gomez suggested I write to you about your work at Acme. "
    "Your path into analytics is one I would love to understand. "
    "Could you spare 20 minutes for a call next week?\n\nThanks,"
)


def verdicts(text, contact=ANA, referrer=RITA, limit=75):
    return {r.id: r for r in check_request(text, contact, referrer, limit)}


def test_a_good_request_passes_every_check():
    results = check_request(GOOD, ANA, RITA)
    assert all_passed(results), [r.message for r in results if not r.passed]


def test_a_request_over_the_word_limit_fails_with_how_many_to_cut():
    result = verdicts(GOOD + " more" * 60)["length"]
    assert not result.passed
    assert "cut" in result.message
    assert verdicts(GOOD, limit=20)["length"].passed is False


def test_words_are_counted_like_a_reader_would():
    assert count_words("I'd love a 20-minute chat, wouldn't you?") == 7


def test_the_connection_must_be_named_in_the_first_sentence():
    late = "Hi Ana,\nI am exploring analytics. Rita Gomez suggested I write. Could we talk?"
    result = verdicts(late)["connection-first"]
    assert not result.passed
    assert "Rita Gomez" in result.message
    assert verdicts(GOOD)["connection-first"].passed


def test_the_organisation_counts_as_the_connection_for_a_cold_contact():
    cold = Contact("Li Wei", organisation="Northwind", how_known="online")
    text = "I read your Northwind post on open maps. Could you spare 15 minutes for a call?"
    assert verdicts(text, cold, None)["connection-first"].passed


def test_the_ask_must_be_a_question_ending_in_a_question_mark():
    flat = GOOD.replace("next week?", "next week.")
    assert not verdicts(flat)["ask-question"].passed
    vague = GOOD.replace("Could you spare 20 minutes for a call next week?", "Is it sunny there?")
    assert not verdicts(vague)["ask-question"].passed


def test_asking_for_a_job_is_flagged_word_by_word():
    text = GOOD + " Are you hiring? I attached my résumé for any opening, and please refer me."
    result = verdicts(text)["no-job-words"]
    assert not result.passed
    for word in ('"hiring"', '"résumé"', '"opening"', '"refer me"'):
        assert word in result.message


def test_a_request_about_the_writer_more_than_the_reader_fails():
    selfish = (
        "Rita Gomez suggested I write. I am a student and I need my first step. Could I call you?"
    )
    result = verdicts(selfish)["about-them"]
    assert not result.passed
    assert "1 you/your" in result.message


def test_templates_are_filled_safely_without_format_string_tricks():
    nasty = Contact("{referrer} {0.__class__} [bold]x[/]", organisation="{organisation}")
    values = template_values(nasty, RITA)
    text = fill_template("Hi {first_name}, at {organisation} via {referrer}; {unknown} {", values)
    assert text == "Hi {referrer}, at {organisation} via Rita Gomez; {unknown} {"


def test_marking_as_asked_dates_the_ask_and_moves_the_stage():
    asked = mark_asked(ANA, at=iso("2024-05-06 09:30"))
    assert asked.stage == "asked"
    assert asked.asked_at == iso("2024-05-06 09:30")
    assert asked.interactions[-1].kind == "ask"
    assert asked.last_interaction == iso("2024-05-06 09:30")
    replied = mark_replied(asked, at=iso("2024-05-07 10:00"))
    assert replied.replied_at == iso("2024-05-07 10:00")
    assert ANA.asked_at is None  # the original is untouched


def test_dating_an_ask_never_moves_a_contact_back_along_the_pipeline():
    from dataclasses import replace

    interviewed = replace(ANA, stage="interviewed")
    asked = mark_asked(interviewed, at=iso("2024-05-06 09:30"))
    assert asked.stage == "interviewed"
    assert asked.asked_at == iso("2024-05-06 09:30")
    assert ANA.advanced_to("scheduled").stage == "scheduled"
    assert interviewed.advanced_to("asked") is interviewed


def test_a_request_draft_survives_the_round_trip_through_storage_cleaned():
    doc = ANA.to_dict() | {"request_draft": "Hi Ana,\n\x1b[31mcoffee?\x07"}
    back = Contact.from_dict(doc)
    assert back.request_draft == "Hi Ana,\n[31mcoffee?"  # control characters gone
    assert back.to_dict()["request_draft"] == back.request_draft
