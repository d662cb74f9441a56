"""Debrief: literal outside text, editable due dates, interrupted-call and export behaviour."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from textual.widgets import Footer, Input, Label, OptionList, Static, TextArea
from textual.widgets._footer import FooterKey

from coach.core.clock import FakeClock
from coach.core.contact import Contact
from coach.core.interview import Flag, Interview, Note
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.tui.app import CoachApp
from coach.tui.screens.confirm import ChoiceScreen
from coach.tui.screens.debrief import DebriefScreen
from coach.tui.widgets.call_notes_view import CallNotesView
from coach.tui.widgets.debrief.people import DUE_MESSAGE
from coach.tui.widgets.debrief.reflect import PROMPT_TEXT

MARKUP = "[bold]Ada[/] [@click=app.quit]x[/] \x1b[31mred"


@pytest.fixture
def store(data_paths: DataPaths) -> Iterator[Store]:
    with Store.open(data_paths) as opened:
        yield opened


def ended_interview(name: str = "Ada Lovelace", line: str = "Talk to Grace Hopper") -> Interview:
    interview = Interview(id="iv-debrief", contact_name=name, status="ended")
    interview.stage("live").started = "2025-03-03T14:00:00+00:00"
    interview.stage("live").ended = "2025-03-03T14:20:00+00:00"
    interview.notes = [Note("q1", 30.0, line)]
    interview.flags = [
        Flag("referral", "q1", 30.0, line),
        Flag("advice", "q1", 60.0, f"Read {line}"),
    ]
    return interview


async def open_debrief(app: CoachApp, pilot: object, interview: Interview) -> DebriefScreen:
    clock = FakeClock(datetime(2025, 3, 3, 14, 25, tzinfo=UTC))
    screen = DebriefScreen(interview, clock=clock)
    await app.push_screen(screen)
    await pilot.pause()  # type: ignore[attr-defined]
    return screen


async def test_markup_in_names_notes_and_flags_is_shown_exactly_as_typed_on_debrief(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_debrief(app, pilot, ended_interview(MARKUP, MARKUP))
        expected = "[bold]Ada[/] [@click=app.quit]x[/] red"
        heading = str(screen.query_one("#debrief-heading", Static).render())
        assert expected in heading and "\x1b" not in heading
        await pilot.press("f3")
        await pilot.pause()
        referral = str(
            screen.query_one("#debrief-referrals", OptionList).get_option_at_index(0).prompt
        )
        assert expected in referral and "\x1b" not in referral
        action = str(screen.query_one(".action-text", Static).render())
        assert expected in action
        await pilot.click("#debrief-referrals")
        await pilot.click("#debrief-heading")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, DebriefScreen)


async def test_the_notes_of_the_call_are_one_key_away_while_reflecting(
    data_paths: DataPaths, store: Store
) -> None:
    from textual.widgets import Collapsible

    from coach.core.interview import PlannedQuestion

    interview = ended_interview(MARKUP, MARKUP)
    interview.plan.questions = [PlannedQuestion(id="q1", text="How did you start?", section="S")]
    interview.notes.append(Note(None, 1100.0, "ask about the course\nand the fees"))
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_debrief(app, pilot, interview)
        fold = screen.query_one("#debrief-call-notes", Collapsible)
        # Folded at first: the first question to reflect on keeps its place and the cursor.
        assert fold.collapsed
        assert isinstance(app.focused, TextArea) and app.focused.id == "debrief-learned"
        await pilot.press("f3", "f9")
        await pilot.pause()
        assert screen.query_one("#debrief-tabs").active == "tab-reflect"
        assert not fold.collapsed
        shown = screen.query_one("#debrief-call-notes-text", CallNotesView).plain()
        assert shown == [
            "How did you start?",
            "⚑ 00:30  [bold]Ada[/] [@click=app.quit]x[/] red",  # flagged in the call
            "",
            "Outside any question",
            "  18:20  ask about the course",
            "         and the fees",
        ]
        await pilot.press("f9")
        await pilot.pause()
        assert fold.collapsed


async def test_a_call_without_notes_has_no_notes_fold(data_paths: DataPaths, store: Store) -> None:
    interview = ended_interview()
    interview.notes = []
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_debrief(app, pilot, interview)
        assert not screen.query("#debrief-call-notes")
        await pilot.press("f9")
        await pilot.pause()
        assert any("No notes" in n.message for n in app._notifications)


async def test_the_call_is_logged_with_the_person_once_however_often_the_debrief_opens(
    data_paths: DataPaths, store: Store
) -> None:
    store.save("contact", Contact(name="Ada Lovelace", id="c-ada", stage="asked").to_dict())
    interview = ended_interview()
    interview.contact_id = "c-ada"
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_debrief(app, pilot, interview)
        await pilot.press("escape")
        await pilot.pause()
        assert app.store.flush(10)
        person = Contact.from_dict(store.get_contact("c-ada") or {})
        assert [(i.kind, i.at) for i in person.interactions] == [
            ("call", "2025-03-03T14:00:00+00:00")
        ]
        assert person.last_interaction == "2025-03-03T14:00:00+00:00"
        assert person.stage == "interviewed"
        # Opened again and finished: still one call on record.
        screen = await open_debrief(app, pilot, interview)
        await pilot.press("f5")
        await pilot.pause()
        assert app.store.flush(10)
        person = Contact.from_dict(store.get_contact("c-ada") or {})
        assert [i.kind for i in person.interactions] == ["call"]
        assert screen.interview.status == "debriefed"


async def test_advice_becomes_an_action_whose_due_date_can_be_changed_and_is_checked(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_debrief(app, pilot, ended_interview())
        [action] = screen.interview.actions
        assert action.text == "Read Talk to Grace Hopper"
        assert action.due == "2025-03-13"  # ten days after the call, to report back
        due = screen.query_one(f"#due-{action.id}", Input)
        due.value = "the 20th"
        await pilot.pause()
        assert str(screen.query_one("#debrief-action-message", Static).render()) == DUE_MESSAGE
        assert action.due == "2025-03-13"
        due.value = "2025-02-30"
        await pilot.pause()
        message = str(screen.query_one("#debrief-action-message", Static).render())
        assert message == "There is no day 2025-02-30 on the calendar."
        assert action.due == "2025-03-13"
        due.value = "2025-03-20"
        await pilot.pause()
        screen.save_now()
        assert app.store.flush(10)
    assert store.get_interview("iv-debrief")["actions"][0]["due"] == "2025-03-20"


async def test_the_thank_you_is_drafted_with_their_name_and_due_a_day_after_the_call(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_debrief(app, pilot, ended_interview())
        thank_you = screen.interview.thank_you
        assert thank_you.text.startswith("Dear Ada,")
        assert thank_you.due_at == "2025-03-04T14:20:00+00:00"
        await pilot.press("f6")
        await pilot.press("f7")
        await pilot.pause()
        # Still "[your name]": asked first, and going back sends nothing.
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and thank_you.sent_at is None
        assert screen.focused is screen.query_one("#debrief-thank-you", TextArea)
        await pilot.press("f7")
        await pilot.pause()
        await pilot.press("right", "enter")  # "Yes, it was sent" (signed in the mail program)
        await pilot.pause()
        assert thank_you.sent_at == "2025-03-03T14:25:00+00:00"
        assert "Sent" in str(screen.query_one("#debrief-thank-you-due", Static).render())
        assert app.store.flush(10)
    assert store.get_interview("iv-debrief")["thank_you"]["sent_at"] == thank_you.sent_at


async def test_export_writes_the_markdown_record_into_the_exports_folder_and_shows_the_path(
    data_paths: DataPaths, store: Store
) -> None:
    ada = Contact(name="Ada Lovelace", how_known="classmate-alumni")
    store.save_all("contact", [ada.to_dict()])
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        interview = ended_interview()
        interview.contact_id = ada.id
        interview.scheduled_at = "2025-03-05T10:00:00+00:00"  # planned later; held early
        screen = await open_debrief(app, pilot, interview)
        await pilot.press("f8")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        path = screen.export_path
        assert path is not None and path.parent == data_paths.root / "exports"
        assert path.name.startswith("2025-03-03-")  # the day of the call, as the record says
        assert str(path) in str(screen.query_one("#debrief-export-path", Static).render())
    record = path.read_text(encoding="utf-8")
    assert "Talk to Grace Hopper" in record
    assert f"- **How you know them:** {ada.connection}\n" in record
    assert oct(path.stat().st_mode & 0o777) == oct(0o600)


async def test_without_a_clock_of_its_own_the_screen_dates_everything_by_the_apps_clock(
    data_paths: DataPaths, store: Store
) -> None:
    now = datetime(2025, 3, 3, 14, 31, tzinfo=UTC)
    app = CoachApp(data_paths, store, clock=FakeClock(now))
    async with app.run_test(size=(100, 30)) as pilot:
        interview = ended_interview()
        await app.push_screen(DebriefScreen(interview))
        await pilot.pause()
        assert interview.stage("debrief").started == "2025-03-03T14:31:00+00:00"
        area = app.screen.query_one("#debrief-thank-you", TextArea)
        area.text = area.text.replace("[your name]", "Grace")  # signed: no question asked
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        assert interview.thank_you.sent_at == "2025-03-03T14:31:00+00:00"


async def test_one_person_flagged_twice_is_one_referral_and_one_contact(
    data_paths: DataPaths, store: Store
) -> None:
    interview = ended_interview(line="Talk to Sam Lee at the guild")
    interview.flags.insert(1, Flag("referral", "q1", 45.0, "also call sam lee."))
    interview.contact_id = None
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_debrief(app, pilot, interview)
        assert [r.name for r in interview.referrals] == ["Sam Lee"]
        await pilot.press("f3", "c")
        await pilot.pause()
        await pilot.press("enter")  # the name as guessed
        await pilot.pause()
        # Adding the same person by hand, spelled differently, does not add them again.
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"SAM LEE", "enter")
        await pilot.pause()
        assert len(interview.referrals) == 1
        assert isinstance(app.screen, DebriefScreen) and screen.interview is interview
        assert app.store.flush(10)
    referred = [c for c in store.contacts() if c.get("how_known") == "referral"]
    assert [c["name"] for c in referred] == ["Sam Lee"]


async def test_at_80_by_24_labels_dates_and_the_footer_are_shown_whole(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_debrief(app, pilot, ended_interview())
        for label in screen.query("#tab-reflect Label"):
            text = str(label.render())
            assert label.region.width >= len(text), text  # on one line, not cut off
        why = PROMPT_TEXT["interest_why"]
        assert any(str(label.render()) == why for label in screen.query(Label))

        await pilot.press("f3")
        await pilot.pause()
        due = screen.query_one(".action-row Input", Input)
        due.focus()
        due.cursor_position = len(due.value)
        await pilot.pause()
        # Ten characters of date and the cursor after them, with nothing scrolled out of view.
        assert due.content_region.width >= len(due.value) + 1
        assert due.scroll_offset.x == 0

        # The busiest footer: the referral list's keys and the screen's.
        screen.query_one("#debrief-referrals", OptionList).focus()
        await pilot.pause()
        footer = screen.query_one(Footer)
        keys = list(footer.query(FooterKey))
        assert keys and all(key.region.right <= footer.region.right for key in keys)
        assert {key.description for key in keys} >= {"Confirm", "Finish", "Back", "Help"}


async def test_the_thank_you_is_wrapped_to_its_box_however_the_tab_is_reached(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        interview = ended_interview()
        interview.flags += [
            Flag("advice", "q1", 70.0 + n, text)
            for n, text in enumerate(("Read the guild newsletter", "Try a market stall shift"))
        ]
        screen = await open_debrief(app, pilot, interview)
        # Switching tabs straight after the People tab scrolled (as tabbing down it does) once
        # left the draft unwrapped: one line per paragraph, cut off at the right edge.
        await pilot.press("f3")
        await pilot.pause()
        screen.query_one("#tab-people .form-scroll").scroll_end(animate=False, immediate=True)
        await pilot.press("f4")
        await pilot.pause()
        await pilot.pause()
        area = screen.query_one("#debrief-thank-you", TextArea)
        assert area.wrapped_document.height > area.document.line_count
        longest = max(area.wrapped_document.lines, key=len)
        assert len(longest) <= area.content_region.width


async def test_a_wrong_due_date_marks_its_own_box(data_paths: DataPaths, store: Store) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_debrief(app, pilot, ended_interview())
        due = screen.query_one(".action-row Input", Input)
        due.value = "next week"
        await pilot.pause()
        assert due.has_class("-invalid")
        due.value = "2025-03-20"
        await pilot.pause()
        assert not due.has_class("-invalid")
        assert str(screen.query_one("#debrief-action-message", Static).render()) == ""


async def test_the_due_line_asks_for_a_signature_until_the_draft_has_one(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_debrief(app, pilot, ended_interview())
        await pilot.press("f4")
        await pilot.pause()
        state = screen.query_one("#debrief-thank-you-due", Static)
        assert "replace [your name] first" in str(state.render())
        assert state.region.height == 1  # one line, so the draft keeps its rows
        area = screen.query_one("#debrief-thank-you", TextArea)
        area.text = area.text.replace("[your name]", "Grace")
        await pilot.pause()
        shown = str(state.render())
        assert shown.startswith("Send by ") and shown.endswith("(a day after the call).")
        assert screen.interview.thank_you.text.endswith("Warm regards,\nGrace")


async def test_a_referral_already_in_the_contacts_is_linked_to_them_not_added_again(
    data_paths: DataPaths, store: Store
) -> None:
    sam = Contact(name="Sam Lee", organisation="Navy Labs")
    store.save("contact", sam.to_dict())
    interview = ended_interview(line="Talk to Sam Lee at the guild")
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_debrief(app, pilot, interview)
        await pilot.press("f3", "c")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert interview.referrals[0].contact_id == sam.id
        assert app.store.flush(10)
    people = [c for c in store.contacts() if c["name"] == "Sam Lee"]
    assert len(people) == 1 and people[0]["organisation"] == "Navy Labs"
    assert people[0]["referred_by"] == interview.contact_id


async def test_finishing_says_when_the_thank_you_is_due_except_after_a_practice_run(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        said: list[str] = []
        for practice in (False, True):
            interview = ended_interview()
            interview.practice = practice
            await open_debrief(app, pilot, interview)
            app.clear_notifications()
            await pilot.press("f5")
            await pilot.pause()
            said.append(" ".join(str(n.message) for n in app._notifications))
        assert "Remember the thank-you within 24 hours" in said[0]
        assert "thank-you" not in said[1] and "Practice debrief saved." in said[1]


async def test_what_was_learned_becomes_the_thank_yous_point_unless_the_note_was_edited(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_debrief(app, pilot, ended_interview())
        learned = screen.query_one("#debrief-learned", TextArea)
        learned.text = "Most people enter through apprenticeships, not degrees."
        await pilot.press("f4")
        await pilot.pause()
        area = screen.query_one("#debrief-thank-you", TextArea)
        assert "could not have read anywhere: most people enter through apprenticeships" in (
            area.text
        )
        assert screen.interview.thank_you.text == area.text
        # Once the person writes in the note, it is theirs: reflecting more changes nothing.
        area.text = area.text.replace("[your name]", "Grace")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        learned.text = "Something else entirely."
        await pilot.press("f4")
        await pilot.pause()
        assert "apprenticeships" in area.text and "Something else" not in area.text
        assert area.text.endswith("Grace")


async def test_an_action_is_ticked_off_with_its_done_box_and_opened_again(
    data_paths: DataPaths, store: Store
) -> None:
    from textual.widgets import Checkbox

    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_debrief(app, pilot, ended_interview())
        [action] = screen.interview.actions
        await pilot.press("f3")
        done = screen.query_one(f"#done-{action.id}", Checkbox)
        done.focus()
        # The word beside the box says the state, not only its colour.
        assert str(done.label) == "Not yet"
        await pilot.press("space")
        await pilot.pause()
        assert action.done_at == "2025-03-03T14:25:00+00:00"
        assert done.parent is not None and done.parent.has_class("-done")
        assert str(done.label) == "Done"
        screen.save_now()
        assert app.store.flush(10)
        assert store.get_interview("iv-debrief")["actions"][0]["done_at"] == action.done_at
        await pilot.press("space")
        await pilot.pause()
        assert action.done_at is None and not done.parent.has_class("-done")
        assert str(done.label) == "Not yet"
        screen.save_now()
        assert app.store.flush(10)
    assert store.get_interview("iv-debrief")["actions"][0]["done_at"] is None


async def test_an_action_from_a_flagged_line_can_be_reworded(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_debrief(app, pilot, ended_interview())
        [action] = screen.interview.actions
        await pilot.press("f3")
        await pilot.pause()
        await pilot.click(f"#edit-{action.id}")
        await pilot.pause()
        field = app.screen.query_one(Input)
        assert field.value == "Read Talk to Grace Hopper"
        field.value = "Read [b]Grace Hopper's[/] paper on compilers"
        await pilot.press("enter")
        await pilot.pause()
        assert action.text == "Read [b]Grace Hopper's[/] paper on compilers"
        shown = str(screen.query_one(f"#text-{action.id}", Static).render())
        assert shown == action.text
        screen.save_now()
        assert app.store.flush(10)
        assert store.get_interview("iv-debrief")["actions"][0]["text"] == action.text
        # Opened again, the debrief does not make the flagged line into a second action.
        await pilot.press("escape")
        await pilot.pause()
        again = await open_debrief(
            app, pilot, Interview.from_dict(store.get_interview("iv-debrief") or {})
        )
        assert [a.text for a in again.interview.actions] == [action.text]


async def test_finishing_after_the_note_was_sent_does_not_ask_for_it_again(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        interview = ended_interview()
        interview.thank_you.text = "Dear Ada, thank you. Grace"
        interview.thank_you.sent_at = "2025-03-03T15:00:00+00:00"
        await open_debrief(app, pilot, interview)
        await pilot.press("f5")
        await pilot.pause()
        said = [n.message for n in app._notifications]
    assert said == ["Debrief saved."]


async def test_the_heading_of_a_practice_run_without_a_name_says_practice_not_no_name(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        interview = ended_interview(name="")
        interview.practice = True
        screen = await open_debrief(app, pilot, interview)
        heading = str(screen.query_one("#debrief-heading", Static).render())
        assert heading == "Debrief: practice run, kept out of your counts"
        await app.pop_screen()
        named = await open_debrief(app, pilot, ended_interview())
        assert str(named.query_one("#debrief-heading", Static).render()) == "Debrief: Ada Lovelace"


async def test_an_action_added_beside_one_from_the_call_is_listed_and_saved(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_debrief(app, pilot, ended_interview())
        [first] = screen.interview.actions
        await pilot.press("f3")
        await pilot.pause()
        for text in ("Email the users' group organiser", "Draft a portfolio page"):
            await pilot.click("#debrief-add-action")
            await pilot.pause()
            app.screen.query_one(Input).value = text
            await pilot.press("enter")
            await pilot.pause()
        assert app.is_running and isinstance(app.screen, DebriefScreen)
        texts = [str(s.render()) for s in screen.query(".action-text").results(Static)]
        assert texts == [
            first.text,
            "Email the users' group organiser",
            "Draft a portfolio page",
        ]
        screen.save_now()
        assert app.store.flush(10)
        saved = store.get_interview("iv-debrief") or {}
        assert [a["text"] for a in saved["actions"]] == texts


async def test_coachs_own_draft_follows_a_reworded_action_when_the_debrief_is_opened_again(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_debrief(app, pilot, ended_interview())
        [action] = screen.interview.actions
        await pilot.press("f4")
        await pilot.pause()
        assert "I will read Talk to Grace Hopper" in screen.interview.thank_you.text
        screen.save_now()
        await pilot.press("escape")
        await pilot.pause()
        # Later: the action is reworded, then the note looked at again.
        again = await open_debrief(
            app, pilot, Interview.from_dict(store.get_interview("iv-debrief") or {})
        )
        await pilot.press("f3")
        await pilot.pause()
        await pilot.click(f"#edit-{action.id}")
        await pilot.pause()
        app.screen.query_one(Input).value = "Read her paper on compilers"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        area = again.query_one("#debrief-thank-you", TextArea)
        assert "I will read her paper on compilers" in area.text
        assert "I will read Talk to Grace Hopper" not in area.text
        # Edited by the person, it is theirs from then on, across visits too.
        area.text = area.text.replace("Warm regards", "All the best")
        await pilot.pause()
        again.save_now()
        assert app.store.flush(10)
        assert store.get_interview("iv-debrief")["thank_you"].get("drafted") is not True
