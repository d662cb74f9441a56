"""The whole interview, driven by keys: Home → Prepare → Live → Debrief → export."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import Static

from coach.core.clock import FakeClock
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
