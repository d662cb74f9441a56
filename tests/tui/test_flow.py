"""From Home into the right screen: Prepare, Debrief, or the offer to resume a call."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from coach.core.interview import Interview
from coach.store.db import Store
from coach.store.drafts import DraftJournal
from coach.store.paths import DataPaths
from coach.tui.app import CoachApp
from coach.tui.flow import open_interview
from coach.tui.screens.confirm import ChoiceScreen
from coach.tui.screens.debrief import DebriefScreen
from coach.tui.screens.prepare import PrepareScreen


@pytest.fixture
def store(data_paths: DataPaths) -> Iterator[Store]:
    with Store.open(data_paths) as opened:
        yield opened


@pytest.mark.parametrize(
    ("reason", "status", "screen_type"),
    [
        ("upcoming", "planned", PrepareScreen),
        ("unscheduled", "planned", PrepareScreen),
        ("debrief", "ended", DebriefScreen),
        ("thank-you", "debriefed", DebriefScreen),
    ],
)
async def test_an_interview_on_home_opens_the_screen_its_stage_calls_for(
    data_paths: DataPaths, store: Store, reason: str, status: str, screen_type: type
) -> None:
    store.save("interview", Interview(id="iv-1", contact_name="Ada", status=status).to_dict())
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        open_interview(app, reason, "iv-1")
        await pilot.pause()
        assert isinstance(app.screen, screen_type)
        assert app.screen.interview.id == "iv-1"  # type: ignore[attr-defined]


async def test_an_interrupted_call_asks_before_resuming_and_counts_its_notes(
    data_paths: DataPaths, store: Store
) -> None:
    store.save("interview", Interview(id="iv-2", contact_name="Ada", status="live").to_dict())
    journal = DraftJournal(data_paths, "iv-2")
    journal.append(
        {
            "type": "note",
            "interview_id": "iv-2",
            "seq": 1,
            "question_id": None,
            "offset_s": 5.0,
            "text": "first point",
        }
    )
    journal.close()
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        open_interview(app, "interrupted", "iv-2")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ChoiceScreen)
        assert "Resume the interrupted call with Ada" in str(modal.question)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceScreen)
        assert journal.path.exists()


async def test_discarding_an_interrupted_call_removes_its_journal_and_opens_the_debrief(
    data_paths: DataPaths, store: Store
) -> None:
    store.save("interview", Interview(id="iv-3", contact_name="Ada", status="live").to_dict())
    journal = DraftJournal(data_paths, "iv-3")
    journal.append({"type": "note", "interview_id": "iv-3", "seq": 1, "text": "x"})
    journal.close()
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        open_interview(app, "interrupted", "iv-3")
        await pilot.pause()
        labels = [str(b.label) for b in app.screen.query("Button").results()]
        # Resume first, the answer that deletes last; the question says what discarding opens.
        assert labels == ["Resume the call", "Not now", "Discard the recovered notes"]
        assert "opens the debrief" in str(app.screen.question)  # type: ignore[attr-defined]
        app.screen.query_one("#answer-2").press()
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert not journal.path.exists()


async def test_a_missing_interview_gives_a_notice_instead_of_a_crash(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        home = app.screen
        open_interview(app, "upcoming", "gone")
        await pilot.pause()
        assert app.screen is home
        assert any("no longer" in str(n.message) for n in app._notifications)


async def test_a_journal_that_cannot_be_replayed_is_offered_for_discarding_not_resumed(
    data_paths: DataPaths, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.core.live import LiveCall

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("unreadable record")

    store.save("interview", Interview(id="iv-4", contact_name="Ada", status="live").to_dict())
    journal = DraftJournal(data_paths, "iv-4")
    journal.append({"type": "note", "interview_id": "iv-4", "seq": 1, "text": "x"})
    journal.close()
    monkeypatch.setattr(LiveCall, "recover", broken)
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        open_interview(app, "interrupted", "iv-4")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ChoiceScreen)
        assert "cannot be read back" in str(modal.question)
        assert str(journal.path) in str(modal.question)
        labels = [str(b.label) for b in modal.query("Button").results()]
        assert labels == ["Not now", "Discard the recovered notes"]
        assert not any("Resume" in x for x in labels)
        assert journal.path.exists(), "nothing is removed until the person says so"


async def test_a_journal_already_contained_in_the_saved_call_is_dropped_quietly(
    data_paths: DataPaths, store: Store
) -> None:
    doc = Interview(id="iv-5", contact_name="Ada", status="ended").to_dict()
    doc["live"]["seq"] = 3
    store.save("interview", doc)
    journal = DraftJournal(data_paths, "iv-5")
    journal.append({"type": "note", "interview_id": "iv-5", "seq": 3, "text": "x"})
    journal.close()
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        open_interview(app, "interrupted", "iv-5")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert not journal.path.exists()


async def test_the_offer_to_resume_names_the_person_literally(
    data_paths: DataPaths, store: Store
) -> None:
    name = "[bold]Ada[/] [@click=app.quit]x[/]\x1b[31m"
    store.save("interview", Interview(id="iv-6", contact_name=name, status="live").to_dict())
    journal = DraftJournal(data_paths, "iv-6")
    journal.append({"type": "note", "interview_id": "iv-6", "seq": 1, "text": "x"})
    journal.close()
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        open_interview(app, "interrupted", "iv-6")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ChoiceScreen)
        shown = str(modal.query_one(".confirm-question").render())
        assert "[bold]Ada[/] [@click=app.quit]x[/]" in shown and "\x1b" not in shown
        await pilot.click(".confirm-question")
        await pilot.pause()
        assert app.is_running


async def test_an_interview_kept_in_two_versions_asks_which_to_keep_before_opening(data_paths):
    from coach.store.sync import CONFLICTS, keep_conflict
    from coach.tui.screens.confirm import ChoiceScreen

    here = Interview(id="iv-two", contact_name="Kim Park", goals="Goals typed here")
    there = Interview(id="iv-two", contact_name="Kim Park", goals="Goals typed on the laptop")
    with Store.open(data_paths) as store:
        store.save(
            "interview",
            keep_conflict(here.to_dict(), there.to_dict(), "another device", "2026-12-03T10:00"),
        )
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            open_interview(app, "upcoming", "iv-two")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceScreen)
            shown = str(app.screen.query_one(".confirm-question").render())
            assert "Goals typed here" in shown and "Goals typed on the laptop" in shown
            await pilot.click("#answer-1")  # take the other
            await pilot.pause()
            assert type(app.screen).__name__ == "PrepareScreen"
            doc = store.get_interview("iv-two")
            assert doc["goals"] == "Goals typed on the laptop" and CONFLICTS not in doc
