import pytest
from network_samples import iso

from coach.core.contact import Contact
from coach.core.outreach import (
    all_passed,
    check_request,
    count_words,
    fill_template,
    find_ask,
    mark_asked,
    mark_replied,
    restaged,
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


def ask_passes(text):
    return verdicts(text)["ask-question"].passed


def test_the_ask_passes_when_the_sentence_asking_for_the_call_ends_in_a_question_mark():
    drafts = [
        "Rita Gomez suggested I write. Would you have 20 minutes for a call next week?",
        "Rita Gomez suggested I write.\n\nCould we meet for a coffee sometime?\n\nBest,\nSam",
        # A closing that names the time or a chat is part of the sign-off, not the ask.
        "Rita Gomez suggested I write. Could we talk for 15 minutes?\n"
        "Thanks for your time,\nSam Lee",
        "Rita Gomez suggested I write. Could we chat? Looking forward to talking!\nSam",
        "Rita Gomez suggested I write. Could we have a short call (20 minutes?)",
        "Could you spare a few minutes for a chat?\n\nThank you for your time!\n\nSam\n"
        "sam@example.org",
    ]
    for draft in drafts:
        assert ask_passes(draft), draft


def test_the_ask_fails_when_the_sentence_asking_for_the_call_is_not_a_question():
    drafts = [
        "Rita Gomez suggested I write. I would love 20 minutes for a call next week.",
        "Rita Gomez suggested I write.\n\nLet me know if we could meet for coffee\n\nBest,\nSam",
        # A sign-off straight under an ask with no full stop still leaves the ask unasked.
        "Rita Gomez suggested I write. Could we have a call next week\nThanks,\nSam",
    ]
    for draft in drafts:
        result = verdicts(draft)["ask-question"]
        assert not result.passed, draft
        assert 'question ending in "?"' in result.message


def test_a_question_mark_in_another_sentence_does_not_make_the_ask_a_question():
    for aside in ("Can you believe the news about Acme?", "Did you enjoy the panel talk?"):
        draft = (
            f"Hi Ana,\n\nRita Gomez suggested I write. {aside} "
            "I would love 20 minutes of your time for a call.\n\nThanks,\nSam"
        )
        result = verdicts(draft)["ask-question"]
        assert not result.passed, aside
        # The message quotes the sentence taken for the ask, so the user knows which to change.
        assert '"I would love 20 minutes of your…"' in result.message
        assert find_ask(draft) == "I would love 20 minutes of your time for a call."


def test_the_ask_is_the_last_sentence_naming_the_conversation_before_the_sign_off():
    asked_then_added = "Could we talk next week? I know your time is precious."
    assert find_ask(asked_then_added) == "I know your time is precious."
    assert not ask_passes(asked_then_added)
    signed = "Could you spare 20 minutes\nfor a call?\n\nMany thanks for your time,\n\nSam"
    assert find_ask(signed) == "Could you spare 20 minutes for a call?"
    assert ask_passes(signed)


def test_a_draft_with_no_ask_at_all_is_told_to_ask_for_a_conversation():
    assert find_ask("Rita Gomez suggested I write. Is it sunny there?") is None
    assert "clear ask" in verdicts("Rita said hi. Is it sunny there?")["ask-question"].message
    nothing = verdicts("Rita Gomez suggested I write.")["ask-question"]
    assert not nothing.passed
    assert "Ask for a short conversation" in nothing.message
    assert not verdicts("")["ask-question"].passed


def test_asking_for_a_job_is_flagged_word_by_word():
    text = GOOD + " Are you hiring? I attached my résumé for any opening, and please refer me."
    result = verdicts(text)["no-job-words"]
    assert not result.passed
    for word in ('"hiring"', '"résumé"', '"opening"', '"refer me"'):
        assert word in result.message


@pytest.mark.parametrize(
    ("extra", "flagged"),
    [
        (" Any internships going?", '"internships"'),
        (" I am after employment there.", '"employment"'),
        (" My resume is attached.", '"resume"'),
        (" I can send the resumes.", '"resumes"'),
        (" Here is my CV.", '"cv"'),
    ],
)
def test_other_ways_of_asking_for_work_are_flagged(extra, flagged):
    result = verdicts(GOOD + extra)["no-job-words"]
    assert not result.passed and flagged in result.message


def test_resume_as_a_verb_is_not_a_job_word():
    text = GOOD + " Once term resumes I am free on Fridays. Let us resume after the holidays."
    assert verdicts(text)["no-job-words"].passed


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


def test_a_value_ending_in_a_full_stop_does_not_double_the_templates_own():
    values = {"organisation": "Widgets, Inc.", "role": "Engineer"}
    text = fill_template("You work at {organisation}. As {role}.", values)
    assert text == "You work at Widgets, Inc. As Engineer."
    assert fill_template("At {organisation} today", values) == "At Widgets, Inc. today"


def test_marking_as_asked_dates_the_ask_and_moves_the_stage():
    asked = mark_asked(ANA, at=iso("2024-05-06 09:30"))
    assert asked.stage == "asked"
    assert asked.asked_at == iso("2024-05-06 09:30")
    assert asked.interactions[-1].kind == "ask"
    assert asked.last_interaction == iso("2024-05-06 09:30")
    replied = mark_replied(asked, at=iso("2024-05-07 10:00"))
    assert replied.replied_at == iso("2024-05-07 10:00")
    assert ANA.asked_at is None  # the original is untouched


def test_moving_a_contact_to_asked_by_hand_dates_the_ask_and_other_edits_do_not():
    at = iso("2024-05-06 09:30")
    asked = restaged(ANA, ANA.advanced_to("asked"), at)
    assert (asked.stage, asked.asked_at) == ("asked", at)
    assert asked.interactions[-1].kind == "ask"
    # Already asked: an edit of another field keeps the original date.
    before = mark_asked(ANA, at=iso("2024-05-01 09:00"))
    from dataclasses import replace

    edited = restaged(before, replace(before, role="lead"), at)
    assert edited.asked_at == iso("2024-05-01 09:00")
    assert restaged(ANA, replace(ANA, stage="scheduled"), at).asked_at is None


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
    assert back.request_draft == "Hi Ana,\ncoffee?"  # escape sequences and controls gone
    assert back.to_dict()["request_draft"] == back.request_draft
