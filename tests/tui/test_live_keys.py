"""The Live screen's keys, pressed while the notes editor has focus, change the call as promised."""

from __future__ import annotations

from textual.widgets import TextArea

from coach.core.interview import Interview
from coach.core.live import LiveCall
from coach.store.drafts import DraftJournal
from coach.tui.app import CoachApp
from coach.tui.screens.live import LiveScreen

PATH, DAY, TRENDS, WHO = "test-set/path", "test-set/day", "test-set/trends", "test-set/who-else"


async def open_live(app: CoachApp, pilot, interview: Interview, clock) -> LiveScreen:
    app.store.save("interview", interview.to_dict())
    screen = LiveScreen(LiveCall(interview, clock))
    await app.push_screen(screen)
    await pilot.pause()
    return screen


def _footer_says(screen: LiveScreen, key: str) -> str:
    return screen.active_bindings[key].binding.description


def stored(app: CoachApp, interview_id: str = "iv-live-1") -> dict:
    app.store.flush(5)
    doc = app.store.get_interview(interview_id)
    assert doc is not None
    return doc


async def test_next_question_files_the_note_under_the_question_it_was_typed_for(
    data_paths, store, fake_clock, make_interview
):
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_live(app, pilot, make_interview(), fake_clock)
        fake_clock.advance(40)
        await pilot.press(*"started in a bank")
        fake_clock.advance(20)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert screen.call.current is not None and screen.call.current.id == DAY
        assert screen.query_one("#live-notes", TextArea).text == ""
        assert isinstance(screen.focused, TextArea)
        doc = stored(app)
        assert doc["asked"] == [PATH]
        assert doc["notes"][0]["question_id"] == PATH
        assert doc["notes"][0]["text"] == "started in a bank"
        assert doc["notes"][0]["offset_s"] == 40.0
        assert doc["live"]["current_id"] == DAY


async def test_previous_goes_back_without_counting_the_question_as_asked(
    data_paths, store, fake_clock, make_interview
):
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_live(app, pilot, make_interview(), fake_clock)
        await pilot.press("ctrl+n")
        await pilot.press(*"half a thought")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert screen.call.current is not None and screen.call.current.id == PATH
        doc = stored(app)
        assert doc["asked"] == [PATH]
        assert [(n["question_id"], n["text"]) for n in doc["notes"]] == [(DAY, "half a thought")]


async def test_skip_leaves_the_question_unasked_and_moves_on(
    data_paths, store, fake_clock, make_interview
):
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_live(app, pilot, make_interview(), fake_clock)
        await pilot.press("ctrl+n", "f3")
        await pilot.pause()
        assert screen.call.current is not None and screen.call.current.id == TRENDS
        doc = stored(app)
        assert doc["skipped"] == [DAY]
        assert DAY not in doc["asked"]


async def test_alt_r_flags_the_line_under_the_cursor_as_a_referral(
    data_paths, store, fake_clock, make_interview
):
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_live(app, pilot, make_interview(), fake_clock)
        await pilot.press(*"went to night school", "enter", *"talk to Grace at the navy")
        fake_clock.advance(90)
        await pilot.press("alt+r")
        await pilot.pause()
        # The flag key must not type anything into the notes.
        assert screen.notes.text == "went to night school\ntalk to Grace at the navy"
        doc = stored(app)
        assert doc["flags"] == [
            {
                "kind": "referral",
                "question_id": PATH,
                "offset_s": 90.0,
                "text": "talk to Grace at the navy",
            }
        ]


async def test_going_back_to_a_question_shows_its_flags_once_each_with_a_count(
    data_paths, store, fake_clock, make_interview
):
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_live(app, pilot, make_interview(), fake_clock)
        await pilot.press(*"talk to Grace", "alt+r", "enter", *"and to Alan", "alt+r")
        await pilot.press("enter", *"read the field guide", "alt+a")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        earlier = str(screen.query_one("#live-earlier-text").render())
        assert "Flagged: referral ×2, advice" in earlier


async def test_flag_menu_lets_the_person_pick_advice(data_paths, store, fake_clock, make_interview):
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_live(app, pilot, make_interview(), fake_clock)
        await pilot.press(*"take the statistics course")
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press("right", "enter")  # second answer: advice to act on
        await pilot.pause()
        assert [(f.kind, f.text) for f in screen.interview.flags] == [
            ("advice", "take the statistics course")
        ]
        assert isinstance(app.screen, LiveScreen) and isinstance(app.screen.focused, TextArea)


async def test_flag_on_an_empty_editor_flags_nothing(data_paths, store, fake_clock, make_interview):
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_live(app, pilot, make_interview(), fake_clock)
        await pilot.press("alt+q")
        await pilot.pause()
        assert screen.interview.flags == []


async def test_unplanned_question_goes_in_after_the_current_one(
    data_paths, store, fake_clock, make_interview
):
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_live(app, pilot, make_interview(), fake_clock)
        await pilot.press(*"note on path", "ctrl+o")
        await pilot.pause()
        await pilot.press(*"What is on-call like?", "enter")
        await pilot.pause()
        current = screen.call.current
        assert current is not None and current.text == "What is on-call like?"
        assert isinstance(app.screen.focused, TextArea)
        doc = stored(app)
        ids = [q["id"] for q in doc["plan"]["questions"]]
        assert ids[0] == PATH and ids[1] == current.id and ids[2] == DAY
        assert doc["plan"]["questions"][1]["source"] == "unplanned"
        assert doc["notes"][0]["text"] == "note on path"
        # The card names the section once: "Unplanned", not "unplanned" again as a tag.
        card = screen.query_one("#live-question")
        assert str(card.border_title) == "Question 2 · Unplanned"
        # The move is said out loud, with the way back.
        said = [n.message for n in app._notifications]
        assert any("under your new question" in m and "Ctrl+R" in m for m in said)


async def test_jump_goes_straight_to_the_chosen_question(
    data_paths, store, fake_clock, make_interview
):
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_live(app, pilot, make_interview(), fake_clock)
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("end", "enter")
        await pilot.pause()
        assert screen.call.current is not None and screen.call.current.id == WHO
        assert isinstance(app.screen, LiveScreen)
        assert stored(app)["live"]["current_id"] == WHO


async def test_pause_stops_the_clock_until_resumed(data_paths, store, fake_clock, make_interview):
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_live(app, pilot, make_interview(), fake_clock)
        fake_clock.advance(60)
        assert _footer_says(screen, "ctrl+t") == "Pause"
        await pilot.press("ctrl+t")
        await pilot.pause()
        fake_clock.advance(300)
        assert screen.call.paused
        assert screen.call.elapsed() == 60
        assert "PAUSED" in str(screen.query_one("#live-clock").render())
        # The same key, named for what it does now.
        assert _footer_says(screen, "ctrl+t") == _footer_says(screen, "f5") == "Resume"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert _footer_says(screen, "ctrl+t") == "Pause"
        fake_clock.advance(30)
        assert screen.call.elapsed() == 90
        doc = stored(app)
        assert doc["pauses"][0]["offset_s"] == 60.0
        assert doc["pauses"][0]["seconds"] == 300.0


async def test_ending_the_call_saves_it_ended_and_removes_the_journal(
    data_paths, store, fake_clock, make_interview
):
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_live(app, pilot, make_interview(), fake_clock)
        journal = DraftJournal(data_paths, "iv-live-1")
        fake_clock.advance(65)
        await pilot.press(*"last words")
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("enter")  # "End the call" is the first answer
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert not isinstance(app.screen, LiveScreen)
        doc = stored(app)
        assert doc["status"] == "ended"
        assert doc["notes"] == [
            {
                "question_id": PATH,
                "offset_s": 65.0,
                "text": "last words",
                "at": "2025-03-03T14:01:05+00:00",
            }
        ]
        assert doc["asked"] == [PATH]
        assert screen.call.ended
        assert not journal.path.exists()


async def test_keep_going_leaves_the_call_running(data_paths, store, fake_clock, make_interview):
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_live(app, pilot, make_interview(), fake_clock)
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and not screen.call.ended
        assert isinstance(screen.focused, TextArea)


async def test_every_live_binding_has_an_id_and_a_description():
    ids = [b.id for b in LiveScreen.BINDINGS]  # type: ignore[union-attr]
    assert all(i and i.startswith("live.") for i in ids)
    assert all(b.description for b in LiveScreen.BINDINGS)  # type: ignore[union-attr]
    keys = ",".join(b.key for b in LiveScreen.BINDINGS).split(",")  # type: ignore[union-attr]
    # No bare letters: the notes editor must receive every letter typed.
    assert all(len(k) > 1 for k in keys)


async def test_f1_lists_the_live_keys_while_typing(data_paths, store, fake_clock, make_interview):
    from coach.tui.screens.help import HelpScreen

    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_live(app, pilot, make_interview(), fake_clock)
        await pilot.press(*"some words", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        body = str(app.screen.query_one("#help-body").render())
        assert "Live call — help" in body
        for words in ("Next", "Skip", "Flag", "Pause", "End", "alt+r        Flag referral"):
            assert words in body
        # The call's keys come first; the editor's own keys last, under their own heading.
        assert body.index("Next") < body.index("In the field") < body.index("Undo")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.notes.text == "some words"


async def test_ctrl_q_during_a_call_asks_before_quitting(
    data_paths, store, fake_clock, make_interview
):
    from coach.tui.screens.confirm import ChoiceScreen

    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = LiveScreen(LiveCall(make_interview(), fake_clock))
        await app.push_screen(screen)
        await pilot.press(*"a note")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen) and app.is_running
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.notes.has_focus
        await pilot.press("ctrl+q", "ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    app.store.flush(5)
    journal = DraftJournal(data_paths, screen.interview.id).read()
    assert journal and journal[-1]["text"] == "a note"


async def test_f9_shows_the_goals_and_introduction_in_place_of_the_earlier_notes_and_hides_them(
    data_paths, store, fake_clock, make_interview
):
    from coach.tui.widgets.goals_panel import GoalsPanel

    interview = make_interview()
    interview.goals = "Learn how [bold]analysts[/] get in"
    interview.intro = ""
    app = CoachApp(data_paths, store, clock=fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_live(app, pilot, interview, fake_clock)
        await pilot.press(*"a note", "ctrl+n", "ctrl+r")  # back: the earlier note shows
        await pilot.pause()
        earlier = screen.query_one("#live-earlier")
        panel = screen.query_one(GoalsPanel)
        assert earlier.display and not panel.display
        await pilot.press("f9")
        await pilot.pause()
        assert panel.display and not earlier.display
        shown = str(panel.render())
        assert "Learn how [bold]analysts[/] get in" in shown  # as typed, never markup
        assert "Introduction\n(none written)" in shown
        assert screen.notes.has_focus  # the notes keep the keyboard
        await pilot.press("alt+g")
        await pilot.pause()
        assert earlier.display and not panel.display


def test_the_live_key_tables_in_the_docs_match_the_screens_bindings():
    """docs/keys-live.md and the README list every Live key under its id, as bound."""
    import re
    from pathlib import Path

    from textual.binding import Binding

    root = Path(__file__).resolve().parents[2]
    bound: dict[str | None, set[str]] = {}
    for binding in Binding.make_bindings(LiveScreen.BINDINGS):  # one per key
        bound.setdefault(binding.id, set()).add(binding.key.lower())
    bound["app.quit"] = {"ctrl+q"}
    row = re.compile(r"^\| ([^|]+?) +\| .+\| `([a-z.]+)` *\|$")
    for doc in (root / "docs" / "keys-live.md", root / "README.md"):
        listed: dict[str, set[str]] = {}
        for line in doc.read_text(encoding="utf-8").splitlines():
            match = row.match(line)
            if match and match.group(2).startswith(("live.", "app.quit")):
                keys = {k.strip().lower() for k in match.group(1).split(",")}
                listed[match.group(2)] = keys
        assert listed == bound, doc.name


async def test_pause_remapped_in_config_yaml_pauses_and_resumes_on_the_new_key(
    data_paths, store, fake_clock, make_interview
):
    data_paths.config.write_text("keymap:\n  live.pause: f6\n", encoding="utf-8")
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_live(app, pilot, make_interview(), fake_clock)
        await pilot.press("ctrl+t")  # no longer the key: typed into the notes, if anything
        await pilot.pause()
        assert not screen.call.paused
        await pilot.press("f6")
        await pilot.pause()
        assert screen.call.paused
        assert _footer_says(screen, "f6") == "Resume"
        await pilot.press("f6")
        await pilot.pause()
        assert not screen.call.paused
        assert _footer_says(screen, "f6") == "Pause"


async def test_the_app_says_when_the_key_map_takes_a_key_from_another_command(
    data_paths, store, fake_clock, make_interview
):
    data_paths.config.write_text(
        "keymap:\n  live.next: ctrl+t\n  live.skip: ctrl+banana\n", encoding="utf-8"
    )
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        (said,) = [n.message for n in app._notifications if n.title == "Key map"]
        config = data_paths.config
        assert said.splitlines() == [
            f"{config}:3: live.skip: 'ctrl+banana' is not a key coach knows (keys look like "
            "ctrl+j, alt+n, f6 or ?, in lower case); this line is ignored",
            f"{config}: live.next: ctrl+t is already the key for Pause (live.pause); Pause keeps "
            "only its other keys, if any",
        ]
        screen = await open_live(app, pilot, make_interview(), fake_clock)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert not screen.call.paused  # the key is Next's now
        assert screen.interview.live.current_id == DAY
        await pilot.press("f3")  # the ignored line left Skip its own keys
        await pilot.pause()
        assert screen.interview.live.current_id == TRENDS
        await pilot.press("f5")
        await pilot.pause()
        assert screen.call.paused  # Pause keeps F5
