"""The whole interview, driven by keys: Home → Prepare → Live → Debrief → export."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import Static

from coach.core.clock import FakeClock
from coach.core.interview import Interview
from coach.core.question_set import Question, QuestionSet, Section
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.store.question_sets import Catalogue
from coach.tui.app import CoachApp
from coach.tui.screens.debrief import DebriefScreen
from coach.tui.screens.live import LiveScreen
from coach.tui.screens.prepare import PrepareScreen


def two_sets() -> Catalogue:
    """Two small sets, each with one must-ask, so the plan is easy to predict."""
    paths = QuestionSet(
        "paths",
        "Paths into the field",
        (
            Section(
                "main",
                "Main",
                (
                    Question("start", "How did you start out in this work?", "must", 3.0),
                    Question("week", "What fills an ordinary week?", "should", 3.0),
                ),
            ),
        ),
    )
    trends = QuestionSet(
        "trends",
        "Where the field goes",
        (
            Section(
                "main",
                "Main",
                (
                    Question("next", "What will change most in five years?", "must", 3.0),
                    Question("read", "What do you read to keep up?", "could", 2.0),
                ),
            ),
        ),
    )
    return Catalogue({"paths": paths, "trends": trends})


@pytest.fixture
def store(data_paths: DataPaths) -> Iterator[Store]:
    with Store.open(data_paths) as opened:
        yield opened


async def test_an_interview_goes_from_home_to_an_exported_record_with_a_referral_contact(
    data_paths: DataPaths, store: Store
) -> None:
    # Five minutes before the planned time, so starting the call asks nothing.
    clock = FakeClock(datetime(2026, 11, 24, 14, 25, tzinfo=UTC))
    app = CoachApp(data_paths, store, clock=clock)
    app._catalogue = two_sets()
    async with app.run_test(size=(80, 24)) as pilot:
        # Home → Prepare: the person and the time.
        await pilot.press("n")
        await pilot.pause()
        prepare = app.screen
        assert isinstance(prepare, PrepareScreen)
        await pilot.press(*"Ada Lovelace", "tab", *"Data engineer", "tab", *"Engines Ltd")
        prepare.query_one("#prepare-when").focus()
        await pilot.press(*"2026-11-24 14:30")
        # The plan: two sets, then a question of one's own marked must-ask.
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("space", "down", "space", "tab")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        await pilot.press(*"What would you do in my place?", "enter")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        # Start the call: Prepare saves first and gives way to Live.
        await pilot.press("f5")
        await pilot.pause()
        live = app.screen
        assert isinstance(live, LiveScreen)
        assert live.interview.minutes_asked == 20
        # A note under every question, a referral flagged on the first.
        await pilot.press(*"She said to talk to Grace Hopper at the lab")
        await pilot.press("alt+r")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*"Automation takes the routine loads")
        clock.advance(15 * 60)
        live._tick()
        await pilot.pause()
        cue = str(live.query_one("#live-cue", Static).render())
        assert cue.startswith("Wrap up")
        assert "15:00 of 20:00" in str(live.query_one("#live-clock", Static).render())
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*"Read the annual field survey")
        await pilot.press("alt+a")
        await pilot.pause()
        clock.advance(4 * 60)
        live._tick()
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        # Reflect, confirm the referral, send the thanks, export.
        await pilot.press(*"Most entrants come through apprenticeships")
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        await pilot.press("right", "enter")  # sent, signed in the mail program
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        export_path = debrief.export_path
        await pilot.press("f5")
        await pilot.pause()
        assert not isinstance(app.screen, DebriefScreen)
        assert app.store.flush(10)

    [doc] = store.interviews()
    assert doc["status"] == "debriefed"
    assert doc["contact_name"] == "Ada Lovelace"
    assert doc["contact_role"] == "Data engineer"
    assert doc["scheduled_at"].startswith("2026-11-24T14:30")
    assert doc["plan"]["set_ids"] == ["paths", "trends"]
    planned = {q["text"]: q["priority"] for q in doc["plan"]["questions"]}
    assert planned == {
        "How did you start out in this work?": "must",
        "What will change most in five years?": "must",
        "What would you do in my place?": "must",
    }
    noted = {note["question_id"] for note in doc["notes"] if note["text"].strip()}
    assert noted == {q["id"] for q in doc["plan"]["questions"]}
    assert [c["kind"] for c in doc["cues"]][:2] == ["start", "wrap_up"]
    notes = " ".join(note["text"] for note in doc["notes"])
    assert "Grace Hopper" in notes and "annual field survey" in notes
    assert [f["kind"] for f in doc["flags"]] == ["referral", "advice"]
    assert doc["debrief"]["learned"] == "Most entrants come through apprenticeships"
    assert doc["actions"][0]["text"] == "Read the annual field survey"
    assert doc["thank_you"]["sent_at"]
    [referral] = doc["referrals"]
    assert referral["name"] == "Grace Hopper" and referral["confirmed"]

    contacts = {c["name"]: c for c in store.contacts()}
    assert set(contacts) == {"Ada Lovelace", "Grace Hopper"}
    assert doc["contact_id"] == contacts["Ada Lovelace"]["id"]
    assert contacts["Grace Hopper"]["how_known"] == "referral"
    assert contacts["Grace Hopper"]["referred_by"] == contacts["Ada Lovelace"]["id"]
    assert referral["contact_id"] == contacts["Grace Hopper"]["id"]
    assert contacts["Ada Lovelace"]["stage"] == "thanked"

    assert isinstance(export_path, Path)
    assert export_path.parent == data_paths.root / "exports"
    markdown = export_path.read_text(encoding="utf-8")
    assert "Ada Lovelace" in markdown
    assert "What would you do in my place?" in markdown
    assert "Grace Hopper" in markdown
    assert "Most entrants come through apprenticeships" in markdown


async def test_what_one_conversation_leaves_open_and_whom_it_suggests_directs_the_next(
    data_paths: DataPaths, store: Store
) -> None:
    """The learning loop on one path: a debrief's "still need" line becomes an open question
    on the path, offered by the next Prepare and added to its plan; a referral confirmed as a
    colleague becomes an agenda item whose Enter opens a request naming who suggested them."""
    from textual.widgets import Select, TextArea

    from coach.core.contact import Contact
    from coach.core.open_questions import carried_from
    from coach.services import paths
    from coach.tui.screens.agenda import AgendaScreen
    from coach.tui.screens.request import RequestScreen
    from coach.tui.widgets.plan_budget import PlanBudget

    clock = FakeClock(datetime(2026, 11, 24, 14, 25, tzinfo=UTC))
    health = paths.create_path(store, "Data analysis in healthcare", clock=clock)
    store.save(
        "contact", Contact("Dana Whitfield", id="c-dana", organisation="Acme Health").to_dict()
    )
    app = CoachApp(data_paths, store, clock=clock)
    app._catalogue = two_sets()
    async with app.run_test(size=(80, 24)) as pilot:
        # The first conversation, with Dana, on the healthcare path.
        await pilot.press("n")
        await pilot.pause()
        prepare = app.screen
        assert isinstance(prepare, PrepareScreen)
        await pilot.press(*"Dana Whitfield", "tab")
        await pilot.pause()
        prepare.query_one("#prepare-path", Select).value = health.id
        await pilot.press("f3")
        await pilot.press(*"Learn how analysts get into hospitals.")
        prepare.query_one("#prepare-intro", TextArea).focus()
        await pilot.press(*"I teach maths and I am exploring data work.")
        await pilot.press("f4", "space", "f5")
        await pilot.pause()
        live = app.screen
        assert isinstance(live, LiveScreen)
        # The opening cue says why the call was asked for.
        cue = str(live.query_one("#live-cue", Static).render())
        assert cue.endswith("Purpose: Learn how analysts get into hospitals.")
        await pilot.press(*"Talk to my colleague Luis Ortega", "alt+r")
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        debrief.query_one("#debrief-still_need", TextArea).focus()
        await pilot.press(*"What do junior analysts earn?")
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("c")  # "works with Dana" was guessed from "my colleague"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        assert not isinstance(app.screen, DebriefScreen)

        [waiting] = paths.open_questions_for(store, health.id)
        assert waiting.text == "What do junior analysts earn?"
        luis = next(c for c in store.contacts() if c["name"] == "Luis Ortega")
        assert (luis["organisation"], luis["path_id"]) == ("Acme Health", health.id)

        # The agenda asks for a conversation with Luis, naming Dana; Enter opens the request.
        await pilot.press("g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        agenda = app.screen
        assert isinstance(agenda, AgendaScreen) and agenda.agenda is not None
        [ask] = [item for item in agenda.agenda.items if item.kind == "ask-referral"]
        assert ask.text == "Ask Luis Ortega for a conversation — suggested by Dana Whitfield"
        listing = agenda.query_one("#agenda-list")
        listing.highlighted = next(
            i for i in range(listing.option_count) if listing.get_option_at_index(i).id == ask.key
        )
        await pilot.press("enter")
        await pilot.pause()
        request = app.screen
        assert isinstance(request, RequestScreen)
        assert request.subject == "Dana Whitfield suggested I get in touch"
        assert request.draft.startswith("Hi Luis,\n\nDana Whitfield suggested I write to you")
        assert "I am exploring data analysis in healthcare" in request.draft
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()

        # The second conversation, with Luis: same path, the open question offered.
        await pilot.press("n")
        await pilot.pause()
        second = app.screen
        assert isinstance(second, PrepareScreen)
        assert second.query_one("#prepare-path", Select).value == health.id  # used last
        await pilot.press(*"Luis Ortega", "tab")
        await pilot.press("f4")
        await pilot.pause()
        budget = str(second.query_one(PlanBudget).render())
        assert "1 open question from an earlier conversation" in budget
        second.query_one("#prepare-plan").focus()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        # Goals and introduction of the conversation with Dana, taken up with one key.
        await pilot.press("f3", "f8")
        await pilot.pause()
        assert second.query_one("#prepare-goals", TextArea).text == (
            "Learn how analysts get into hospitals."
        )
        second.save_now()
        assert app.store.flush(10)

    planned = Interview.from_dict(store.get_interview(second.interview.id))
    assert planned.contact_name == "Luis Ortega" and planned.path_id == health.id
    assert [carried_from(q) for q in planned.plan.questions] == [waiting.id]
    assert planned.intro == "I teach maths and I am exploring data work."
