"""Prepare: saved as you go, dates checked, the plan shaped by keys, text shown literally."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.widgets import Input, OptionList, Static, TextArea

from coach.core.interview import Interview
from coach.core.question_set import Question, QuestionSet, Section
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.store.question_sets import Catalogue
from coach.tui.app import CoachApp
from coach.tui.screens.prepare import DATE_MESSAGE, PrepareScreen

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
        when.focus()
        await pilot.pause()
        await pilot.press(*"2026-11-24 14:30")
        await pilot.pause()
        screen.save_now()
        assert app.saver.flush(10)
        assert store.get_interview("iv-date")["scheduled_at"].startswith("2026-11-24T14:30")

        when.value = "next tuesday 3pm"
        await pilot.pause()
        message = screen.query_one("#prepare-when-message", Static)
        assert str(message.render()) == DATE_MESSAGE
        screen.save_now()
        assert app.saver.flush(10)
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
        assert app.saver.flush(10)
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
        assert [q.id for q in screen.plan.questions] == ["one/a", "one/c", "one/b"]
        await pilot.press("u")  # "one/b" is highlighted after adding: move it up
        await pilot.press("m")  # and make it a must-ask
        await pilot.pause()
        assert [(q.id, q.priority) for q in screen.plan.questions] == [
            ("one/a", "must"),
            ("one/b", "must"),
            ("one/c", "must"),
        ]
        budget = str(screen.query_one("#prepare-budget", Static).render())
        assert "must-ask questions alone need 13 min" in budget
        await pilot.press("x")
        await pilot.pause()
        assert [q.id for q in screen.plan.questions] == ["one/a", "one/c"]
        screen.save_now()
        assert app.saver.flush(10)
    stored = store.get_interview("iv-plan")["plan"]
    assert [q["id"] for q in stored["questions"]] == ["one/a", "one/c"]
    assert stored["questions"][0]["text"] == "How did you start?"


async def test_the_introduction_shows_its_length_and_warns_past_sixty_seconds(
    data_paths: DataPaths, store: Store
) -> None:
    app = make_app(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_prepare(app, pilot, Interview())
        intro = screen.query_one("#prepare-intro", TextArea)
        intro.text = "word " * 151
        await pilot.pause()
        assert str(screen.query_one("#prepare-intro-length", Static).render()).startswith(
            "151 words · about 60 s"
        )
        assert "Over 60 s" in str(screen.query_one("#prepare-intro-advice", Static).render())
        intro.text = "word " * 100
        await pilot.pause()
        assert str(screen.query_one("#prepare-intro-advice", Static).render()) == ""
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
        assert "[bold]Ada[/] [@click=app.quit]x[/] [31mred" in text
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
        banner = str(screen.query_one("#prepare-practice", Static).render())
        assert "kept out of your counts" in banner
        await pilot.press(*"Sam")
        screen.save_now()
        assert app.saver.flush(10)
    [doc] = store.interviews()
    assert doc["practice"] is True
    assert store.contacts() == []
