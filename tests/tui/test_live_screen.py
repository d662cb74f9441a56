"""What the Live screen shows during a call, and how it keeps every word."""

from __future__ import annotations

import os

from textual.widgets import Static, TextArea

from coach.core.interview import Interview
from coach.core.live import LiveCall
from coach.core.plan import Plan
from coach.core.question_set import Question, QuestionSet, Section
from coach.store.drafts import DraftJournal
from coach.tui.app import CoachApp
from coach.tui.screens.live import LiveScreen

MARKUP = "[bold]x[/] [@click=app.quit]quit[/]"
ESCAPES = "\x1b[31mred\x1b[0m\x07"


def text_of(screen: LiveScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_wrap_up_cue_is_on_screen_at_fifteen_minutes_of_a_twenty_minute_call(
    data_paths, store, fake_clock, make_interview
):
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = LiveScreen(LiveCall(make_interview(minutes=20), fake_clock))
        await app.push_screen(screen)
        await pilot.pause()
        assert "Thank them" in text_of(screen, "#live-cue")
        fake_clock.advance(14 * 60 + 59)
        screen._tick()
        await pilot.pause()
        assert "closing questions" not in text_of(screen, "#live-cue")
        fake_clock.advance(1)
        screen._tick()
        await pilot.pause()
        cue = text_of(screen, "#live-cue")
        assert cue.startswith("Wrap up") and "Who else should I talk to?" in cue
        assert screen.query_one("#live-cue").display
        assert "15:00 of 20:00" in text_of(screen, "#live-clock")
        assert "5:00 left" in text_of(screen, "#live-clock")
        app.store.flush(5)
        kinds = [c["kind"] for c in store.get_interview("iv-live-1")["cues"]]
        assert kinds == ["start", "wrap_up"]


async def test_on_the_last_closing_question_the_next_line_says_only_the_thanks_are_left(
    data_paths, store, fake_clock
):
    question_set = QuestionSet(
        "s",
        "S",
        (
            Section("main", "Main", (Question("week", "What fills a week?", "must", 3.0),)),
            Section("closing", "Closing", (Question("who", "Who else?", "must", 2.0),)),
        ),
    )
    plan = Plan.from_sets([question_set], minutes_asked=20)
    interview = Interview(id="iv-closing", contact_name="Ada", plan=plan.freeze())
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = LiveScreen(LiveCall(interview, fake_clock))
        await app.push_screen(screen)
        await pilot.pause()
        assert text_of(screen, "#live-next") == "Next: Who else?"
        await pilot.press("ctrl+n")
        await pilot.pause()
        last = text_of(screen, "#live-next")
        assert "thank them" in last and "closing questions" not in last


async def test_end_cue_offers_to_stop_at_the_promised_end(
    data_paths, store, fake_clock, make_interview
):
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = LiveScreen(LiveCall(make_interview(minutes=20), fake_clock))
        await app.push_screen(screen)
        fake_clock.advance(20 * 60 + 5)
        screen._tick()
        await pilot.pause()
        assert "Offer to stop" in text_of(screen, "#live-cue")
        assert "0:05 over" in text_of(screen, "#live-clock")


async def test_screen_shows_progress_pacing_next_question_and_the_reminder(
    data_paths, store, fake_clock, make_interview
):
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = LiveScreen(LiveCall(make_interview(), fake_clock))
        await app.push_screen(screen)
        await pilot.pause()
        progress = text_of(screen, "#live-progress")
        # At 80 columns the words around the numbers are short, so that the name, the
        # question number and the clock all fit.
        assert progress == "Ada Lovelace · Q 1 of 4 · 2 must left"
        assert text_of(screen, "#live-clock") == "0:00 of 20:00 · 20:00 left"
        assert "How did you come into this work?" in text_of(screen, "#live-question")
        assert "What nearly stopped you?" in text_of(screen, "#live-question")
        assert "What does an ordinary week look like?" in text_of(screen, "#live-next")
        assert str(screen.query_one("#live-question").border_subtitle) == "On track"
        assert "Not the moment to ask for a job" in text_of(screen, "#live-reminder")
        fake_clock.advance(17 * 60)
        screen._tick()
        await pilot.pause()
        assert "must-asks" in str(screen.query_one("#live-question").border_subtitle)


async def test_typed_notes_reach_the_journal_at_the_next_flush(
    data_paths, store, fake_clock, make_interview
):
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = LiveScreen(LiveCall(make_interview(), fake_clock))
        await app.push_screen(screen)
        await pilot.pause()
        await pilot.press(*"loves the puzzles")
        await pilot.pause()
        # The draft is in the engine at once, not only in the widget.
        assert screen.call.draft == "loves the puzzles"
        screen.flush_draft()
        assert app.store.flush(5)
        records = DraftJournal(data_paths, "iv-live-1").read()
        assert records[-1]["type"] == "draft"
        assert records[-1]["text"] == "loves the puzzles"
        assert records[-1]["question_id"] == "test-set/path"


async def test_the_one_second_tick_journals_a_changed_draft(
    data_paths, store, fake_clock, make_interview
):
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = LiveScreen(LiveCall(make_interview(), fake_clock))
        await app.push_screen(screen)
        await pilot.press(*"abc")
        await pilot.pause()
        screen._tick()
        assert app.store.flush(5)
        assert DraftJournal(data_paths, "iv-live-1").read()[-1]["text"] == "abc"


async def test_before_quit_writes_the_draft_before_returning(
    data_paths, store, fake_clock, make_interview
):
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = LiveScreen(LiveCall(make_interview(), fake_clock))
        await app.push_screen(screen)
        await pilot.press(*"the very last word")
        app.flush_everything()  # what SIGHUP and SIGTERM do first
        records = DraftJournal(data_paths, "iv-live-1").read()
        assert records[-1]["text"] == "the very last word"


async def test_recovered_call_restores_every_note_and_waits_paused(
    data_paths, store, fake_clock, make_interview
):
    interview = make_interview()
    store.save("interview", interview.to_dict())
    first = LiveCall(interview, fake_clock)
    first.start()
    first.set_draft("first answer")
    first.next()
    first.set_draft("typed just before the crash")
    records = [*first.journal_records()]
    saved = make_interview()  # the DB still holds the plan as it was before the call

    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = LiveScreen(LiveCall.recover(saved, records, fake_clock))
        await app.push_screen(screen)
        await pilot.pause()
        assert [n.text for n in screen.interview.notes] == ["first answer"]
        assert screen.query_one("#live-notes", TextArea).text == "typed just before the crash"
        assert screen.call.paused
        assert "What does an ordinary week look like?" in text_of(screen, "#live-question")
        # Typing goes on after the recovered words, not in front of them.
        await pilot.press("ctrl+t", *", and after", "ctrl+n")
        await pilot.pause()
        app.store.flush(5)
        texts = [n["text"] for n in store.get_interview("iv-live-1")["notes"]]
        assert texts == ["first answer", "typed just before the crash, and after"]


async def test_a_failed_save_keeps_a_not_saved_banner_and_the_text(
    data_paths, store, fake_clock, make_interview
):
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = LiveScreen(LiveCall(make_interview(), fake_clock))
        await app.push_screen(screen)
        await pilot.press(*"keep me")
        banner = screen.query_one("#live-save-error", Static)
        assert not banner.has_class("-visible")
        app.save_state = "Not saved: disk full"
        await pilot.pause()
        assert banner.has_class("-visible") and banner.display
        assert "NOT SAVED" in str(banner.render())
        assert screen.notes.text == "keep me"
        await pilot.press(*" still")
        assert screen.call.draft == "keep me still"
        app.save_state = None
        await pilot.pause()
        assert not banner.has_class("-visible")


async def test_a_journal_that_cannot_be_written_shows_the_banner(
    data_paths, store, fake_clock, make_interview, monkeypatch
):
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = LiveScreen(LiveCall(make_interview(), fake_clock))
        await app.push_screen(screen)
        await pilot.pause()
        assert app.store.flush(5)

        def refuse(self, *records):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(DraftJournal, "append", refuse)
        await pilot.press(*"x")
        screen.flush_draft()
        for _ in range(50):
            await pilot.pause(0.02)
            if screen.query_one("#live-save-error").has_class("-visible"):
                break
        assert "No space left on device" in str(screen.query_one("#live-save-error").render())
        assert app.is_running and screen.notes.text == "x"


async def test_practice_call_is_marked_as_practice(data_paths, store, fake_clock, make_interview):
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = LiveScreen(LiveCall(make_interview(practice=True), fake_clock))
        await app.push_screen(screen)
        await pilot.pause()
        assert text_of(screen, "#live-progress").startswith("PRACTICE")


async def test_outside_text_is_shown_literally_and_triggers_nothing(
    data_paths, store, fake_clock, make_interview
):
    interview = make_interview(name=f"Ada {MARKUP} {ESCAPES}", text_prefix=f"{MARKUP} {ESCAPES} ")
    interview.plan.questions[0].probes.append(f"probe {MARKUP}")
    app = CoachApp(data_paths, store)
    # Wide enough for the whole name on the top line, which cuts a long name to fit the clock.
    async with app.run_test(size=(140, 30)) as pilot:
        screen = LiveScreen(LiveCall(interview, fake_clock))
        await app.push_screen(screen)
        await pilot.pause()
        for selector in ("#live-progress", "#live-question", "#live-next"):
            shown = text_of(screen, selector)
            assert MARKUP in shown, selector
            assert "\x1b" not in shown and "\x07" not in shown
        assert f"probe {MARKUP}" in text_of(screen, "#live-question")
        await pilot.press(*MARKUP, "enter", "escape")
        await pilot.press("alt+q")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert MARKUP in text_of(screen, "#live-earlier-text")
        # Clicking the rendered text must not run the embedded action.
        await pilot.click("#live-question")
        await pilot.click("#live-progress")
        await pilot.pause()
        assert app.is_running and app.screen is screen
        assert isinstance(screen.focused, TextArea)
        app.store.flush(5)
        doc = store.get_interview("iv-live-1")
        assert doc["notes"][0]["text"] == MARKUP
        assert doc["flags"][0]["text"] == MARKUP


async def test_a_real_failed_save_shows_the_banner_ends_the_call_and_keeps_the_journal(
    data_paths, store, fake_clock, make_interview, monkeypatch
):
    import errno
    import time

    def disk_full(fd, buffers):
        raise OSError(errno.ENOSPC, "No space left on device")

    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        interview = make_interview()
        screen = LiveScreen(LiveCall(interview, fake_clock))
        await app.push_screen(screen)
        await pilot.press(*"the answer")
        app.store.flush(5)
        monkeypatch.setattr(os, "writev", disk_full)
        screen.end_call()
        assert not app.store.flush(5)
        await pilot.pause()
        assert app.save_state is not None and "No space left on device" in app.save_state
        # The journal stays: the call is offered back at the next start.
        assert DraftJournal(data_paths, interview.id).read()
        started = time.monotonic()
        app.store.save("interview", interview.to_dict())  # fails while the app is quitting
        await app.action_quit()
        # Quitting does not wait on the saver's report to the UI (it used to stall 10 s).
        assert time.monotonic() - started < 5
    report = app.unsaved_report()
    assert report and report[0].startswith(f"not saved: interview {interview.id}: could not")
    assert "No space left on device" in report[0]
    assert "kept as typed" in report[0]


async def test_a_quiet_spell_is_journaled_so_a_recovered_clock_keeps_its_time(
    data_paths, store, fake_clock, make_interview
):
    interview = make_interview()
    store.save("interview", interview.to_dict())
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = LiveScreen(LiveCall(interview, fake_clock))
        await app.push_screen(screen)
        await pilot.press(*"one note")
        for _ in range(120):  # two minutes of listening, nothing typed
            fake_clock.advance(1)
            screen._tick()
        assert app.store.flush(5)
        records = DraftJournal(data_paths, interview.id).read()
    recovered = LiveCall.recover(make_interview(), records, fake_clock)
    assert recovered.elapsed() >= 115
    assert recovered.draft == "one note"


async def test_the_jump_list_and_the_flag_notice_show_outside_text_literally(
    data_paths, store, fake_clock, make_interview
):
    from textual.widgets import OptionList

    from coach.tui.widgets.question_picker import QuestionPicker

    interview = make_interview(text_prefix=f"{MARKUP} {ESCAPES} ")
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = LiveScreen(LiveCall(interview, fake_clock))
        await app.push_screen(screen)
        await pilot.press(*MARKUP, "alt+q")
        await pilot.pause()
        notices = [n.message for n in app._notifications]
        assert any(MARKUP in message for message in notices), notices
        await pilot.press("ctrl+g")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, QuestionPicker)
        options = picker.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any(MARKUP in p for p in prompts), prompts
        assert not any("\x1b" in p or "\x07" in p for p in prompts)
        await pilot.click(OptionList)
        await pilot.pause()
        assert app.is_running


def screen_row(app: CoachApp, selector: str) -> str:
    """The text of the terminal row a widget is drawn on, as the person sees it."""
    region = app.screen.query_one(selector).region
    return app.screen._compositor.render_strips()[region.y].text


async def test_at_80_columns_the_top_line_keeps_question_number_clock_and_pause_whole(
    data_paths, store, fake_clock, make_interview
):
    interview = make_interview(name="Bartholomew Featherstonehaugh-Montgomery", minutes=15)
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = LiveScreen(LiveCall(interview, fake_clock))
        await app.push_screen(screen)
        await pilot.pause()
        fake_clock.advance(600.4)
        await pilot.press("ctrl+t")  # pause
        await pilot.pause()
        row = screen_row(app, "#live-status")
        assert "…" in row  # the long name gives way…
        # …to the numbers and the state, each whole.
        for part in ("1/4", "2 must", "10:00", "5:00 left", "PAUSED"):
            assert part in row, (part, row)
        assert "4:59" not in row  # 10:00 spent of 15:00 leaves 5:00, not 4:59


async def test_the_clock_reads_spent_and_left_that_add_up_to_the_time_asked(
    data_paths, store, fake_clock, make_interview
):
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = LiveScreen(LiveCall(make_interview(minutes=15), fake_clock))
        await app.push_screen(screen)
        await pilot.pause()
        for advance in (0.6, 59.5, 540.3):
            fake_clock.advance(advance)
            screen._tick()
            await pilot.pause()
            clock = text_of(screen, "#live-clock")
            spent, left = clock.split(" of 15:00 · ")
            minutes, seconds = (int(x) for x in spent.split(":"))
            left_m, left_s = (int(x) for x in left.removesuffix(" left").split(":"))
            assert (minutes + left_m) * 60 + seconds + left_s == 15 * 60, clock


async def test_going_back_to_a_question_lists_every_note_written_on_it(
    data_paths, store, fake_clock, make_interview
):
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = LiveScreen(LiveCall(make_interview(), fake_clock))
        await app.push_screen(screen)
        await pilot.pause()
        await pilot.press(*"first: a bank", "enter", *"then a course", "enter", *"a mentor")
        await pilot.press("ctrl+n", "ctrl+r")
        await pilot.press(*"second visit note")
        await pilot.press("ctrl+n", "ctrl+r")
        await pilot.pause()
        assert screen.notes.text == ""
        earlier = text_of(screen, "#live-earlier-text")
        assert "Earlier here: 2 notes" in earlier
        for line in ("first: a bank", "then a course", "second visit note"):
            assert line in earlier, line
        # A few rows at 80×24: the newest note is the one in view, the rest a scroll away.
        box = screen.query_one("#live-earlier")
        await pilot.pause()
        assert box.max_scroll_y > 0 and box.scroll_y == box.max_scroll_y


async def test_a_flagged_line_carries_a_mark_in_the_notes_editor(
    data_paths, store, fake_clock, make_interview
):
    from coach.tui.widgets.notes_area import FLAG_MARK

    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = LiveScreen(LiveCall(make_interview(), fake_clock))
        await app.push_screen(screen)
        await pilot.pause()
        await pilot.press(*"plain line", "enter", *"talk to Grace", "alt+r")
        await pilot.press(*" at the navy", "enter", *"another")
        await pilot.pause()
        notes = screen.notes
        region = notes.content_region
        strips = app.screen._compositor.render_strips()
        rows = [strips[y].text[region.x : region.right] for y in range(region.y, region.y + 3)]
        assert rows[0].startswith("  plain line")
        assert rows[1].startswith(FLAG_MARK + "talk to Grace at the navy")
        assert rows[2].startswith("  another")
