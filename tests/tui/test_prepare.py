"""Prepare: saved as you go, dates checked, the plan shaped by keys, text shown literally."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, OptionList, Select, SelectionList, Static, TextArea

from coach.core.clock import FakeClock
from coach.core.contact import Contact
from coach.core.interview import Interview
from coach.core.plan import DATE_HINT
from coach.core.question_set import Question, QuestionSet, Section
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.store.question_sets import Catalogue
from coach.tui.app import CoachApp
from coach.tui.screens.prepare import PrepareScreen

MARKUP = "[bold]Ada[/] [@click=app.quit]x[/] \x1b[31mred"


def catalogue(text_prefix: str = "", practice: bool = False) -> Catalogue:
    questions = (
        Question("a", f"{text_prefix}How did you start?", "must", 4.0),
        Question("b", "What fills a week?", "should", 3.0),
        Question("c", "Where is the field going?", "must", 4.0),
    )
    one = QuestionSet("one", f"{text_prefix}Set one", (Section("s", "S", questions),))
    hobby = QuestionSet(
        "practice",
        "Practice: a hobby chat",
        (Section("s", "S", (Question("p", "How did you find this hobby?", "must", 2.0),)),),
    )
    return Catalogue({"one": one, "practice": hobby} if practice else {"one": one})


@pytest.fixture
def store(data_paths: DataPaths) -> Iterator[Store]:
    with Store.open(data_paths) as opened:
        yield opened


def make_app(
    data_paths: DataPaths, store: Store, text_prefix: str = "", practice: bool = False
) -> CoachApp:
    app = CoachApp(data_paths, store)
    app._catalogue = catalogue(text_prefix, practice)
    return app


async def open_prepare(app: CoachApp, pilot: object, interview: Interview) -> PrepareScreen:
    screen = PrepareScreen(interview)
    await app.push_screen(screen)
    await pilot.pause()  # type: ignore[attr-defined]
    return screen


async def test_an_unreadable_date_shows_how_to_write_it_and_keeps_the_last_good_date(
    data_paths: DataPaths, store: Store
) -> None:
    app = make_app(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_prepare(app, pilot, Interview(id="iv-date"))
        when = screen.query_one("#prepare-when", Input)
        message = screen.query_one("#prepare-when-message", Static)
        assert not message.display  # no blank line under an empty field
        when.focus()
        await pilot.pause()
        await pilot.press(*"2026-11-24 14:30")
        await pilot.pause()
        assert not message.display
        screen.save_now()
        assert app.store.flush(10)
        assert store.get_interview("iv-date")["scheduled_at"].startswith("2026-11-24T14:30")

        when.value = "next tuesday 3pm"
        await pilot.pause()
        assert str(message.render()) == DATE_HINT
        assert message.display
        screen.save_now()
        assert app.store.flush(10)
        assert store.get_interview("iv-date")["scheduled_at"].startswith("2026-11-24T14:30")
        # The right shape but not on the calendar: said so, and still not saved.
        when.value = "2027-02-29 10:00"
        await pilot.pause()
        assert str(message.render()) == "There is no day 2027-02-29"
        when.value = "2026-11-25 24:30"
        await pilot.pause()
        assert str(message.render()) == "There is no time 24:30"
        screen.save_now()
        assert app.store.flush(10)
        assert store.get_interview("iv-date")["scheduled_at"].startswith("2026-11-24T14:30")


async def test_the_person_is_saved_as_a_contact_linked_to_the_interview(
    data_paths: DataPaths, store: Store
) -> None:
    app = make_app(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_prepare(app, pilot, Interview(id="iv-person"))
        await pilot.press(*"Grace Hopper", "tab", *"Rear admiral", "tab", *"Navy")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PrepareScreen)
        assert any("waits on Home" in n.message for n in app._notifications)
        assert app.store.flush(10)
    [contact] = store.contacts()
    assert (contact["name"], contact["role"], contact["organisation"]) == (
        "Grace Hopper",
        "Rear admiral",
        "Navy",
    )
    doc = store.get_interview("iv-person")
    assert doc["contact_id"] == contact["id"]
    assert doc["contact_name"] == "Grace Hopper"
    assert screen.contact is not None


async def test_a_name_already_in_the_contacts_links_the_interview_to_that_person(
    data_paths: DataPaths, store: Store
) -> None:
    zoe = Contact(
        name="Zoë O'Neil", organisation="Acme", how_known="classmate-alumni", stage="asked"
    )
    store.save("contact", zoe.to_dict())
    app = make_app(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_prepare(app, pilot, Interview(id="iv-zoe"))
        # Typed without the accent, with a save in the middle of the name.
        await pilot.press(*"zoe")
        screen.save_now()
        await pilot.press(*" o'neil", "tab")
        await pilot.pause()
        assert screen.contact is not None and screen.contact.id == zoe.id
        assert screen.query_one("#prepare-name", Input).value == "Zoë O'Neil"
        assert screen.query_one("#prepare-org", Input).value == "Acme"
        assert screen.query_one("#prepare-how-known", Select).value == "classmate-alumni"
        await pilot.press("escape")
        await pilot.pause()
        assert app.store.flush(10)
    [contact] = store.contacts()  # nobody new: neither "zoe" nor a second Zoë
    assert contact["id"] == zoe.id and contact["name"] == "Zoë O'Neil"
    assert store.get_interview("iv-zoe")["contact_id"] == zoe.id


async def test_a_new_name_becomes_one_contact_when_the_name_field_is_left(
    data_paths: DataPaths, store: Store
) -> None:
    store.save("contact", Contact(name="Grace Hopper", organisation="Navy").to_dict())
    store.save("contact", Contact(name="Grace Hopper", organisation="Yale").to_dict())
    app = make_app(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_prepare(app, pilot, Interview(id="iv-new"))
        await pilot.press(*"Grace")
        screen.save_now()
        assert screen.contact is None  # a half-typed name is nobody yet
        await pilot.press(*" Hopper", "tab")
        await pilot.pause()
        # Two Grace Hoppers on file cannot be told apart by name: this one is new.
        assert screen.contact is not None
        await pilot.press("escape")
        await pilot.pause()
        assert app.store.flush(10)
    names = sorted(doc["name"] for doc in store.contacts())
    assert names == ["Grace Hopper"] * 3
    assert store.get_interview("iv-new")["contact_id"] == screen.contact.id


async def test_renaming_after_a_link_leaves_the_person_on_file_as_they_were(
    data_paths: DataPaths, store: Store
) -> None:
    sam = Contact(name="Sam", organisation="Acme", role="CTO", source="linkedin")
    store.save("contact", sam.to_dict())
    app = make_app(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_prepare(app, pilot, Interview(id="iv-sam"))
        screen.query_one("#prepare-role", Input).value = "Designer"  # typed before the name
        await pilot.pause()
        await pilot.press(*"Sam", "tab")
        await pilot.pause()
        assert screen.contact is not None and screen.contact.id == sam.id
        # What was typed stays; the empty organisation is filled from the contact.
        assert screen.query_one("#prepare-role", Input).value == "Designer"
        assert screen.query_one("#prepare-org", Input).value == "Acme"
        screen.query_one("#prepare-name", Input).focus()
        await pilot.press("end", *" Lee", "tab")
        await pilot.pause()
        assert screen.contact is not None and screen.contact.id != sam.id
        await pilot.press("escape")
        await pilot.pause()
        assert app.store.flush(10)
    stored = {doc["id"]: doc for doc in store.contacts()}
    assert stored[sam.id]["name"] == "Sam"  # not renamed to "Sam Lee"
    [new] = [doc for doc in stored.values() if doc["id"] != sam.id]
    assert new["name"] == "Sam Lee"
    assert store.get_interview("iv-sam")["contact_id"] == new["id"]


async def test_a_name_left_half_typed_then_completed_ends_up_with_the_person_on_file(
    data_paths: DataPaths, store: Store
) -> None:
    from textual import events

    zoe = Contact(name="Zoë O'Neil", organisation="Acme")
    store.save("contact", zoe.to_dict())
    app = make_app(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_prepare(app, pilot, Interview(id="iv-half"))
        await pilot.press(*"Zo")
        # The terminal loses focus (a look elsewhere at the spelling): nothing is settled.
        app.post_message(events.AppBlur())
        await pilot.pause()
        assert screen.contact is None
        app.post_message(events.AppFocus())
        await pilot.pause()
        # Leaving the field on purpose settles "Zo" as someone new for now...
        await pilot.press("f3")
        await pilot.pause()
        assert screen.contact is not None and screen.contact.name == "Zo"
        screen.save_now()
        assert app.store.flush(10)
        # ...until the name is completed into the person already on file.
        await pilot.press("f2")
        await pilot.pause()
        screen.query_one("#prepare-name", Input).focus()
        await pilot.press("end", *"e O'Neil", "tab")
        await pilot.pause()
        assert screen.contact is not None and screen.contact.id == zoe.id
        await pilot.press("escape")
        await pilot.pause()
        assert app.store.flush(10)
    assert [doc["id"] for doc in store.contacts()] == [zoe.id]
    assert store.get_interview("iv-half")["contact_id"] == zoe.id


async def test_the_plan_is_built_from_a_set_and_reordered_trimmed_and_marked_by_keys(
    data_paths: DataPaths, store: Store
) -> None:
    app = make_app(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_prepare(app, pilot, Interview(id="iv-plan", minutes_asked=10))
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("space", "tab")  # tick "Set one": its two must-asks come in
        await pilot.pause()
        assert [q.id for q in screen.plan.questions] == ["one/a", "one/c"]
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("space", "enter")  # add the one question left
        await pilot.pause()
        # It goes after the selected question (the first), not at the end.
        assert [q.id for q in screen.plan.questions] == ["one/a", "one/b", "one/c"]
        await pilot.press("d")  # "one/b" is highlighted after adding: move it down
        await pilot.press("m")  # and make it a must-ask
        await pilot.pause()
        assert [(q.id, q.priority) for q in screen.plan.questions] == [
            ("one/a", "must"),
            ("one/c", "must"),
            ("one/b", "must"),
        ]
        budget = str(screen.query_one("#prepare-budget", Static).render())
        assert "Plan 13 min of 10 min asked" in budget
        assert "Must-asks alone need 13 min of 10 asked" in budget
        await pilot.press("up", "x")  # remove "one/c"
        await pilot.pause()
        assert [q.id for q in screen.plan.questions] == ["one/a", "one/b"]
        await pilot.press("z")  # put back where it was, a must-ask still
        await pilot.pause()
        assert [(q.id, q.priority) for q in screen.plan.questions] == [
            ("one/a", "must"),
            ("one/c", "must"),
            ("one/b", "must"),
        ]
        await pilot.press("down", "x")
        await pilot.pause()
        assert [q.id for q in screen.plan.questions] == ["one/a", "one/c"]
        screen.save_now()
        assert app.store.flush(10)
    stored = store.get_interview("iv-plan")["plan"]
    assert [q["id"] for q in stored["questions"]] == ["one/a", "one/c"]
    assert stored["questions"][0]["text"] == "How did you start?"


async def test_unticking_a_set_keeps_the_questions_picked_from_it_and_says_so(
    data_paths: DataPaths, store: Store
) -> None:
    app = make_app(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_prepare(app, pilot, Interview(id="iv-untick"))
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("space", "tab", "a")  # tick "Set one", then pick its third question
        await pilot.pause()
        await pilot.press("space", "enter")
        await pilot.pause()
        assert [q.id for q in screen.plan.questions] == ["one/a", "one/b", "one/c"]
        await pilot.press("shift+tab", "space")  # untick it
        await pilot.pause()
        assert [q.id for q in screen.plan.questions] == ["one/b"]
        notices = [str(n.message) for n in app._notifications]
        assert "Took out 2 questions of Set one; the 1 you picked one by one stays." in notices


async def test_the_introduction_shows_its_length_and_warns_past_sixty_seconds(
    data_paths: DataPaths, store: Store
) -> None:
    app = make_app(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_prepare(app, pilot, Interview())
        intro = screen.query_one("#prepare-intro", TextArea)
        intro.text = "word " * 151
        await pilot.pause()
        length = screen.query_one("#prepare-intro-length", Static)
        advice = screen.query_one("#prepare-intro-advice", Static)
        assert str(length.render()) == "151 words · about 61 s spoken"
        assert "Over 60 s" in str(advice.render())
        assert advice.display
        intro.text = "word " * 100
        await pilot.pause()
        assert str(length.render()) == "100 words · about 40 s spoken"
        assert str(advice.render()) == ""
        assert not advice.display
        assert screen.interview.intro.startswith("word word")


async def test_markup_in_names_and_questions_is_shown_exactly_as_typed_on_prepare(
    data_paths: DataPaths, store: Store
) -> None:
    app = make_app(data_paths, store, text_prefix=MARKUP)
    interview = Interview(contact_name=MARKUP)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_prepare(app, pilot, interview)
        assert screen.query_one("#prepare-name", Input).value == MARKUP
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("space", "tab")
        await pilot.pause()
        plan_list = screen.query_one("#prepare-plan", OptionList)
        first = plan_list.get_option_at_index(0).prompt
        text = str(first)
        # The escape character is dropped; everything else stays as typed, unstyled.
        assert "[bold]Ada[/] [@click=app.quit]x[/] red" in text
        assert "\x1b" not in text
        await pilot.click("#prepare-plan")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, PrepareScreen)


async def test_a_practice_run_starts_from_the_practice_set_and_says_so(
    data_paths: DataPaths, store: Store
) -> None:
    from coach.tui.flow import new_interview

    app = make_app(data_paths, store, practice=True)
    async with app.run_test(size=(100, 30)) as pilot:
        new_interview(app, practice=True)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PrepareScreen)
        assert screen.interview.practice
        assert [q.id for q in screen.plan.questions] == ["practice/p"]
        sets = screen.query_one("#prepare-sets", SelectionList)
        labels = [str(sets.get_option_at_index(i).prompt) for i in range(sets.option_count)]
        assert "Practice: a hobby chat  1 question" in labels
        assert "Set one  3 questions" in labels
        banner = str(screen.query_one("#prepare-practice", Static).render())
        assert "kept out of your counts" in banner
        await pilot.press(*"Sam")
        screen.save_now()
        assert app.store.flush(10)
    [doc] = store.interviews()
    assert doc["practice"] is True
    assert store.contacts() == []


async def test_a_practice_run_from_the_built_in_set_fits_the_minutes_it_was_written_for(
    data_paths: DataPaths, store: Store
) -> None:
    from coach.core.live import LiveCall
    from coach.core.pacing import PRACTICE_REMINDER
    from coach.tui.flow import new_interview

    app = CoachApp(data_paths, store)  # the built-in sets
    practice_set = app.catalogue.sets["practice"]
    async with app.run_test(size=(100, 30)) as pilot:
        new_interview(app, practice=True)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PrepareScreen)
        assert practice_set.minutes is not None
        assert screen.interview.minutes_asked == round(practice_set.minutes)
        must = [q for q in practice_set.questions if q.priority == "must"]
        assert len(screen.plan.questions) == len(must)
        assert screen.plan.budget().fits
        # The call's standing reminder is about the asking, not about job-hunting.
        assert LiveCall(screen.interview, FakeClock()).reminder == (PRACTICE_REMINDER)


def closing_catalogue() -> Catalogue:
    body = (
        Question("a", "How did you start?", "must", 3.0),
        Question("b", "What fills a week?", "should", 3.0),
    )
    closing = (
        Question("missed", "What should I have asked?", "must", 1.0, tags=("closing",)),
        Question("who", "Who else should I talk to?", "must", 2.0, tags=("closing",)),
        Question("touch", "May I tell you how it goes?", "should", 1.0, tags=("closing",)),
    )
    one = QuestionSet("one", "Set one", (Section("s", "S", body), Section("c", "Closing", closing)))
    return Catalogue({"one": one})


async def test_added_questions_go_before_the_closing_questions_never_after_them(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    app._catalogue = closing_catalogue()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_prepare(app, pilot, Interview(id="iv-closing"))
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("space", "tab")
        await pilot.pause()
        assert [q.id for q in screen.plan.questions] == ["one/a", "one/missed", "one/who"]
        # With the last closing question selected, one's own question still goes before them.
        await pilot.press("end", "o")
        await pilot.pause()
        await pilot.press(*"What would you read first?", "enter")
        await pilot.pause()
        own = screen.plan.questions[1]
        assert own.text == "What would you read first?"
        assert [q.id for q in screen.plan.questions] == ["one/a", own.id, "one/missed", "one/who"]
        # Picking one more body question and a closing one: each goes where it belongs.
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("space", "down", "space", "enter")
        await pilot.pause()
        assert [q.id for q in screen.plan.questions] == [
            "one/a",
            own.id,
            "one/b",
            "one/missed",
            "one/who",
            "one/touch",
        ]
        screen.save_now()
        assert app.store.flush(10)
    stored = store.get_interview("iv-closing")["plan"]["questions"]
    assert [q["id"] for q in stored][-3:] == ["one/missed", "one/who", "one/touch"]


async def test_prepare_dates_its_records_with_the_apps_clock(
    data_paths: DataPaths, store: Store, fake_clock: FakeClock
) -> None:
    app = CoachApp(data_paths, store, clock=fake_clock)
    app._catalogue = catalogue()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_prepare(app, pilot, Interview(id="iv-clock"))
        await pilot.press(*"Ada")
        fake_clock.advance(90)
        screen.save_now()
        assert app.store.flush(10)
    doc = store.get_interview("iv-clock")
    started = datetime.fromisoformat(doc["stages"]["prepare"]["started"])
    updated = datetime.fromisoformat(doc["updated_at"])
    assert started == datetime(2025, 3, 3, 14, 0, tzinfo=UTC)
    assert updated == datetime(2025, 3, 3, 14, 1, 30, tzinfo=UTC)


def inside(widget: Widget, screen_size: tuple[int, int]) -> bool:
    """True when the widget is drawn whole on a screen of this size, above the footer."""
    width, height = screen_size
    region = widget.region
    return bool(region) and region.right <= width and region.bottom <= height - 1


async def test_at_80_by_24_the_intro_length_budget_and_warnings_are_on_screen(
    data_paths: DataPaths, store: Store
) -> None:
    app = make_app(data_paths, store)
    size = (80, 24)
    async with app.run_test(size=size) as pilot:
        screen = await open_prepare(app, pilot, Interview(minutes_asked=8))
        # Person & time: every field without scrolling.
        person, goals = screen.query(".form-scroll").results(VerticalScroll)
        assert person.max_scroll_y == 0
        for field in ("#prepare-name", "#prepare-when", "#prepare-medium", "#prepare-minutes"):
            assert inside(screen.query_one(field), size), field
        # Goals & intro: the length and its advice are visible while the introduction is typed.
        await pilot.press("f3")
        await pilot.pause()
        intro = screen.query_one("#prepare-intro", TextArea)
        intro.focus()
        await pilot.pause()
        intro.text = "word " * 160
        await pilot.pause()
        length = screen.query_one("#prepare-intro-length", Static)
        advice = screen.query_one("#prepare-intro-advice", Static)
        assert str(length.render()) == "160 words · about 64 s spoken"
        assert inside(length, size) and inside(advice, size)
        assert goals.max_scroll_y == 0  # the whole tab, advice included, fits
        # Plan: the budget against the time asked and the must-ask warning, each on one line.
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("space", "tab")
        await pilot.pause()
        budget = screen.query_one("#prepare-budget", Static)
        assert str(budget.render()).splitlines() == [
            "Plan 10 min of 8 min asked (2 min opening) · 2 questions, 2 must-ask",
            "Must-asks alone need 10 min of 8 asked: drop one or ask for more time.",
            "Only 2 questions: 5 to 10 leave room to follow up.",
        ]
        assert inside(budget, size) and budget.region.height == 3
        # The footer shows the plan's keys, F5 and F1 without running off the edge.
        keys = [
            key for key in app.screen.query("FooterKey") if not key.has_class("-command-palette")
        ]
        shown = {getattr(key, "key", None) for key in keys}
        assert {"a", "o", "m", "x", "u", "d", "f5", "f1"} <= shown
        palette = app.screen.query_one("FooterKey.-command-palette")
        assert all(key.region.right <= palette.region.x for key in keys)


async def test_at_80_by_24_help_wraps_each_description_under_itself_not_under_the_keys(
    data_paths: DataPaths, store: Store
) -> None:
    app = make_app(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_prepare(app, pilot, Interview())
        await pilot.press("f1")
        await pilot.pause()
        await pilot.pause()
        lines = str(app.screen.query_one("#help-body", Static).render()).splitlines()
        start = lines.index("Keys") + 1
        rows = lines[start : lines.index("", start)]
        add = next(i for i, line in enumerate(rows) if "add questions from the ticked" in line)
        # The description's column: where "Plan list" starts on the key's own line.
        column = rows[add].index("Plan list")
        follow_on = rows[add + 1]
        assert follow_on[:column].strip() == "" and follow_on[column:].strip()
        assert max(len(line) for line in rows) <= 80
        assert any(line.strip().startswith("^p") and "Command palette" in line for line in rows)


async def test_a_tall_screen_shows_every_question_set_and_a_short_one_four(
    data_paths: DataPaths, store: Store
) -> None:
    count = len(CoachApp(data_paths, store).catalogue.sets)  # the built-in sets
    assert 4 < count <= 12
    for size, shown in (((120, 40), count), ((80, 24), 4)):
        app = CoachApp(data_paths, store)
        async with app.run_test(size=size) as pilot:
            await open_prepare(app, pilot, Interview())
            await pilot.press("f4")
            await pilot.pause()
            sets = app.screen.query_one("#prepare-sets", SelectionList)
            assert sets.scrollable_content_region.height == shown, size


async def test_starting_a_call_days_before_its_planned_time_asks_first(
    data_paths: DataPaths, store: Store, fake_clock, make_interview
) -> None:
    from datetime import timedelta

    from coach.tui.screens.confirm import ChoiceScreen
    from coach.tui.screens.live import LiveScreen

    interview = make_interview()
    interview.scheduled_at = (fake_clock.now() + timedelta(days=3)).isoformat()
    app = CoachApp(data_paths, store, clock=fake_clock)
    app._catalogue = catalogue()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_prepare(app, pilot, interview)
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "planned for Thu 06 Mar 2025" in str(app.screen.question)
        # The first answer, and Enter, keep the plan a plan.
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and interview.status == "planned"
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("right", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
    # Within the hour before, it starts without asking.
    soon = make_interview()
    soon.scheduled_at = (fake_clock.now() + timedelta(minutes=30)).isoformat()
    app = CoachApp(data_paths, store, clock=fake_clock)
    app._catalogue = catalogue()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_prepare(app, pilot, soon)
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)


async def test_typing_without_a_pause_does_not_put_off_the_save(
    data_paths: DataPaths, store: Store
) -> None:
    app = make_app(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_prepare(app, pilot, Interview(id="iv-typing"))
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        pending = screen._save_timer
        assert pending is not None
        # Each further key leaves the save that is already due where it is, so a steady
        # typist's words reach the disk every SAVE_DELAY rather than only when they stop.
        await pilot.press("b", "c")
        await pilot.pause()
        assert screen._save_timer is pending
        screen.save_now()
        assert screen._save_timer is None
        assert app.store.flush(10)
    assert store.get_interview("iv-typing")["goals"] == "abc"


async def test_p_on_home_opens_a_practice_run_with_the_cursor_in_the_name_field(
    data_paths: DataPaths, store: Store
) -> None:
    # The built-in practice set asks for 12 minutes, not one of the lengths offered: the
    # custom-minutes field shows, and must not take the cursor from the name.
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PrepareScreen)
        assert screen.interview.minutes_asked == 12
        assert app.focused is screen.query_one("#prepare-name", Input)
        await pilot.press(*"Sam")
        assert screen.query_one("#prepare-name", Input).value == "Sam"


async def test_choosing_custom_minutes_puts_the_cursor_in_the_minutes_field(
    data_paths: DataPaths, store: Store
) -> None:
    from coach.tui.screens.prepare import CUSTOM

    app = make_app(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_prepare(app, pilot, Interview(contact_name="Ada"))
        minutes = screen.query_one("#prepare-minutes", Select)
        minutes.focus()
        minutes.value = CUSTOM
        await pilot.pause()
        custom = screen.query_one("#prepare-minutes-custom", Input)
        assert app.focused is custom
        assert custom.value == "20"


OWN_SET = """id: gardening
title: "Gardening talk"
sections:
  - id: main
    title: Main
    questions:
      - id: first
        text: "How did your garden start?"
        priority: must
"""


async def test_a_set_file_fixed_while_coach_runs_appears_when_prepare_opens_and_is_named(
    data_paths: DataPaths, store: Store
) -> None:
    folder = data_paths.question_sets
    folder.mkdir(parents=True)
    broken = folder / "gardening.yaml"
    broken.write_text(OWN_SET.replace("must", "musst"), encoding="utf-8")
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("n")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any(m.startswith("1 problem found in your question sets; a set") for m in said)
        assert "gardening" not in app.catalogue.sets
        await pilot.press("escape")
        await pilot.pause()

        broken.write_text(OWN_SET, encoding="utf-8")
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PrepareScreen)
        sets = screen.query_one("#prepare-sets", SelectionList)
        values = [sets.get_option_at_index(i).value for i in range(sets.option_count)]
        assert "gardening" in values
        said = [n.message for n in app._notifications]
        assert any(m.startswith("Fixed: gardening.yaml") for m in said)


async def test_a_set_file_fixed_while_prepare_is_open_appears_when_the_window_is_back(
    data_paths: DataPaths, store: Store
) -> None:
    folder = data_paths.question_sets
    folder.mkdir(parents=True)
    broken = folder / "gardening.yaml"
    broken.write_text("id: [", encoding="utf-8")
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PrepareScreen)
        app.app_focus = False  # the person switches to their editor…
        broken.write_text(OWN_SET, encoding="utf-8")
        app.app_focus = True  # …and back
        await pilot.pause()
        sets = screen.query_one("#prepare-sets", SelectionList)
        values = [sets.get_option_at_index(i).value for i in range(sets.option_count)]
        assert "gardening" in values


def repeating_catalogue() -> Catalogue:
    """Two sets that ask five things twice, with more must-asks than a short call holds."""
    texts = (
        "How did you end up working in this field?",
        "What does an ordinary week look like for you?",
        "Where do you see this field going next?",
        "Which skills matter most for someone starting out?",
        "What would you read to keep up with the field?",
    )
    sets = {}
    for n in (1, 2):
        questions = tuple(Question(f"q{i}", text, "must", 4.0) for i, text in enumerate(texts))
        sets[f"set{n}"] = QuestionSet(f"set{n}", f"Set {n}", (Section("s", "S", questions),))
    return Catalogue(sets)


async def test_at_80_by_24_every_plan_warning_and_repeat_can_be_read(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    app._catalogue = repeating_catalogue()
    size = (80, 24)
    async with app.run_test(size=size) as pilot:
        screen = await open_prepare(app, pilot, Interview(minutes_asked=15))
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("space", "down", "space")
        await pilot.pause()
        assert len(screen.plan.repeats()) == 5
        budget = screen.query_one("#prepare-budget", Static)
        assert inside(budget, size)
        shown = str(budget.render())
        # The five repeats are said in one sentence, not five lines.
        assert "Questions 1 and 6, 2 and 7, 3 and 8, 4 and 9, 5 and 10 ask much the same" in (
            " ".join(shown.split())
        )
        assert "Must-asks alone need" in shown
        # Every line is drawn whole: nothing is cut at the bottom of the box.
        assert budget.region.height >= len(shown.splitlines())
        # The plan list keeps room to be worked with.
        assert screen.query_one("#prepare-plan").region.height >= 7
