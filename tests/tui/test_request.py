"""The request screen: a draft from a template, checks that follow each keystroke, the ask dated."""

from __future__ import annotations

import pytest
from textual.widgets import Select, Static, TextArea

from coach.core.contact import Contact
from coach.store.db import YOUR_NAME, Store
from coach.store.paths import DataPaths
from coach.tui.app import CoachApp
from coach.tui.screens.request import RequestScreen


@pytest.fixture(autouse=True)
def _signed(store: Store) -> None:
    # The user has saved their name (m on Home), so the drafts here are signed; the test
    # below without it clears it again.
    store.set_meta(YOUR_NAME, "Sam Rivera")


def verdicts(screen: RequestScreen) -> dict[str, bool]:
    return {result.id: result.passed for result in screen.checks}


async def test_the_draft_starts_from_the_template_that_suits_the_contact(
    data_paths: DataPaths, store: Store
) -> None:
    sam = Contact(name="Sam Lee", id="c-sam", how_known="referral", referred_by="c-ada")
    ada = Contact(name="Ada Lovelace", id="c-ada")
    store.save_all("contact", [sam.to_dict(), ada.to_dict()])
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = RequestScreen("c-sam")
        await app.push_screen(screen)
        await pilot.pause()
        assert screen.query_one("#request-template", Select).value == "referral"
        assert screen.draft.startswith("Hi Sam,")
        assert "Ada Lovelace suggested" in screen.draft
        subject = str(screen.query_one("#request-subject", Static).render())
        assert subject == "Subject: Ada Lovelace suggested I get in touch"


async def test_the_checker_updates_as_you_type(data_paths: DataPaths, store: Store) -> None:
    kim = Contact(name="Kim Park", id="c-kim", how_known="former-colleague", organisation="Acme")
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = RequestScreen(kim)
        await app.push_screen(screen)
        await pilot.pause()
        editor = screen.query_one("#request-draft", TextArea)
        editor.load_text("We worked together at Acme. Would you have time for a short call")
        await pilot.pause()
        assert verdicts(screen)["ask-question"] is False
        editor.focus()
        editor.move_cursor(editor.document.end)
        await pilot.press("?")
        await pilot.pause()
        assert verdicts(screen)["ask-question"] is True
        assert verdicts(screen)["connection-first"] is True
        shown = screen.checks_text()
        assert "✓ The ask is a question" in shown

        await pilot.press("space", *"job")
        await pilot.pause()
        assert verdicts(screen)["no-job-words"] is False
        shown = screen.checks_text()
        assert '✗ Leave out job words: "job"' in shown


async def test_a_long_draft_fails_the_word_count(data_paths: DataPaths, store: Store) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = RequestScreen(Contact(name="Kim"))
        await app.push_screen(screen)
        await pilot.pause()
        screen.query_one("#request-draft", TextArea).load_text("word " * 80)
        await pilot.pause()
        assert verdicts(screen)["length"] is False
        assert "80 words: cut 5" in screen.checks_text()


async def test_mark_as_asked_dates_the_ask_in_the_store(
    data_paths: DataPaths, store: Store
) -> None:
    kim = Contact(name="Kim Park", id="c-kim", how_known="friend", organisation="Acme")
    store.save("contact", kim.to_dict())
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = RequestScreen("c-kim")
        await app.push_screen(screen)
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        app.store.flush()
        doc = store.get_contact("c-kim") or {}
        assert doc["stage"] == "asked"
        assert doc["asked_at"]
        header = str(screen.query_one("#request-to", Static).render())
        assert header == f"To Kim Park at Acme · asked on {doc['asked_at'][:10]}"
        assert [i["kind"] for i in doc["interactions"]] == ["ask"]
        # A second press the same day is not a second ask.
        await pilot.press("f3")
        await pilot.pause()
        app.store.flush()
        doc = store.get_contact("c-kim") or {}
        assert [i["kind"] for i in doc["interactions"]] == ["ask"]
        assert [n.message for n in app._notifications][-1] == "Already marked as asked today."


async def test_marking_a_draft_with_gaps_as_asked_asks_whether_it_was_sent_filled_in(
    data_paths: DataPaths, store: Store
) -> None:
    from coach.tui.screens.confirm import ChoiceScreen

    kim = Contact(name="Kim Park", id="c-kim", how_known="friend")
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = RequestScreen(kim)
        await app.push_screen(screen)
        await pilot.pause()
        assert "[their organisation]" in screen.draft
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")  # go back and fill them in
        await pilot.pause()
        assert app.screen is screen and not screen.asked
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("right", "enter")  # it was sent filled in
        await pilot.pause()
        assert screen.asked
        app.store.flush()
        assert (store.get_contact("c-kim") or {})["stage"] == "asked"


async def test_copy_puts_the_subject_line_and_the_draft_on_the_clipboard(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = RequestScreen(Contact(name="Kim", how_known="friend"))
        await app.push_screen(screen)
        await pilot.pause()
        assert screen.subject  # the friend template has one
        screen.query_one("#request-draft", TextArea).load_text("Hello, friend. Coffee?")
        await pilot.press("f2")
        assert app.clipboard == f"Subject: {screen.subject}\n\nHello, friend. Coffee?"
        # For a mail program's own subject field: the subject alone.
        await pilot.press("f5")
        assert app.clipboard == screen.subject


async def test_the_template_picker_offers_templates_not_a_placeholder_named_template(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = RequestScreen(Contact(name="Kim", how_known="friend"))
        await app.push_screen(screen)
        await pilot.pause()
        await pilot.press("f4", "enter")
        await pilot.pause()
        overlay = screen.query_one("#request-template SelectOverlay")
        first = str(overlay.get_option_at_index(0).prompt)  # type: ignore[attr-defined]
        assert first.casefold() != "template"
        assert first == "(your own words, no template)"


async def test_asking_from_the_contacts_list_shows_the_new_stage_there(
    data_paths: DataPaths, store: Store
) -> None:
    from textual.widgets import DataTable

    from coach.tui.screens.contacts import ContactsScreen

    kim = Contact(name="Kim Park", id="c-kim", how_known="friend", organisation="Acme")
    store.save("contact", kim.to_dict())
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        contacts = ContactsScreen()
        await app.push_screen(contacts)
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, RequestScreen)
        await pilot.press("f3", "escape")
        await pilot.pause()
        assert app.screen is contacts
        stage = contacts.table.headers.index("Stage")
        assert str(contacts.query_one("#contacts-table", DataTable).get_row_at(0)[stage]) == "asked"


async def test_a_draft_left_unsent_comes_back_when_the_screen_is_opened_again(
    data_paths: DataPaths, store: Store
) -> None:
    kim = Contact(name="Kim Park", id="c-kim", how_known="friend")
    store.save("contact", kim.to_dict())
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = RequestScreen("c-kim")
        await app.push_screen(screen)
        await pilot.pause()
        screen.query_one("#request-draft", TextArea).load_text("My own words, half done")
        await pilot.press("escape")
        await pilot.pause()
        assert app.store.flush(5)
        assert (store.get_contact("c-kim") or {})["request_draft"] == "My own words, half done"
        again = RequestScreen("c-kim")
        await app.push_screen(again)
        await pilot.pause()
        assert again.draft == "My own words, half done"


async def test_marking_a_thanked_contact_as_asked_keeps_their_stage(
    data_paths: DataPaths, store: Store
) -> None:
    kim = Contact(
        name="Kim Park", id="c-kim", how_known="friend", organisation="Acme", stage="thanked"
    )
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = RequestScreen(kim)
        await app.push_screen(screen)
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        assert app.store.flush(5)
        doc = store.get_contact("c-kim") or {}
        assert doc["stage"] == "thanked" and doc["asked_at"]
        assert doc["request_draft"] == screen.draft != ""


async def test_choosing_another_template_asks_before_it_replaces_your_own_words(
    data_paths: DataPaths, store: Store
) -> None:
    from coach.tui.screens.confirm import ChoiceScreen

    kim = Contact(name="Kim Park", id="c-kim", how_known="friend", organisation="Acme")
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = RequestScreen(kim)
        await app.push_screen(screen)
        await pilot.pause()
        select = screen.query_one("#request-template", Select)
        assert select.value == "colleague-friend"
        # Untouched, a template switch simply refills the draft.
        select.value = "cold-online"
        await pilot.pause()
        assert "[post, talk or project: say which]" in screen.draft
        editor = screen.query_one("#request-draft", TextArea)
        editor.load_text("Kim, my own words about the bakery. Could we talk?")
        await pilot.pause()
        select.value = "referral"
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")  # "Keep my draft" is first
        await pilot.pause()
        assert app.screen is screen
        assert screen.draft == "Kim, my own words about the bakery. Could we talk?"
        assert select.value == "cold-online"
        assert "Your work at Acme" in str(screen.query_one("#request-subject", Static).render())
        select.value = "referral"
        await pilot.pause()
        await pilot.press("right", "enter")  # "Replace it"
        await pilot.pause()
        assert screen.draft.startswith("Hi Kim,") and "suggested I write" in screen.draft
        assert select.value == "referral"


async def test_a_draft_reopened_keeps_its_words_and_shows_the_subject(
    data_paths: DataPaths, store: Store
) -> None:
    kim = Contact(
        name="Kim Park",
        id="c-kim",
        how_known="friend",
        organisation="Acme",
        request_draft="Kim, my own words. Could we talk?",
    )
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = RequestScreen(kim)
        await app.push_screen(screen)
        await pilot.pause()
        await pilot.pause()
        assert screen.draft == "Kim, my own words. Could we talk?"
        assert screen.query_one("#request-template", Select).value == "colleague-friend"
        subject = str(screen.query_one("#request-subject", Static).render())
        assert subject == "Subject: Could I hear about your work at Acme?"


async def test_a_draft_begun_from_another_template_reopens_under_that_template(
    data_paths: DataPaths, store: Store
) -> None:
    from coach.core.outreach import fill_for
    from coach.store.templates import load_templates

    templates, _ = load_templates(data_paths)
    cold = next(t for t in templates if t.id == "cold-online")
    kim = Contact(name="Kim Park", id="c-kim", how_known="friend", organisation="Acme")
    # Begun from the cold template rather than the one that suits a friend, then edited.
    begun = fill_for(cold, kim)
    assert "Hi Kim," in begun
    kim.request_draft = begun.replace("Hi Kim,", "Hello Kim, hope all is well.")
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = RequestScreen(kim)
        await app.push_screen(screen)
        await pilot.pause()
        await pilot.pause()
        assert screen.draft == kim.request_draft
        assert screen.query_one("#request-template", Select).value == "cold-online"
        subject = str(screen.query_one("#request-subject", Static).render())
        assert subject == "Subject: Your work at Acme, and one question"


async def test_the_draft_is_signed_with_your_saved_name_or_leaves_a_gap_for_it(
    data_paths: DataPaths, store: Store
) -> None:
    kim = Contact(name="Kim Park", id="c-kim", how_known="friend", organisation="Acme")
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = RequestScreen(kim)
        await app.push_screen(screen)
        await pilot.pause()
        assert screen.draft.rstrip().endswith("\nSam Rivera")
        assert verdicts(screen)["filled-in"]
        screen.dismiss()
        await pilot.pause()
        store.set_meta(YOUR_NAME, None)
        screen = RequestScreen(kim)
        await app.push_screen(screen)
        await pilot.pause()
        assert screen.draft.rstrip().endswith("\n[your name]")
        [check] = [r for r in screen.checks if r.id == "filled-in"]
        assert check.message == "Fill in [your name]"
        shown = screen.query_one("#request-check-filled-in .request-check-message", Static)
        assert str(shown.render()) == "Fill in [your name] (m on Home saves your name)"
