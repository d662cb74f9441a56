from __future__ import annotations

import json

import pytest

from coach.core.clock import FakeClock
from coach.core.interview import Interview, PlannedQuestion, QuestionPlan
from coach.core.live import CallStateError, LiveCall
from coach.core.live_events import DraftKept, Moved, NoteTaken, read_event
from coach.core.pacing import format_offset


def _make(minutes: int = 20, musts: int = 2, shoulds: int = 4) -> Interview:
    questions = [
        PlannedQuestion(id=f"s/m{i}", text=f"Must question {i}?", priority="must", minutes=2)
        for i in range(musts)
    ] + [
        PlannedQuestion(id=f"s/q{i}", text=f"Other question {i}?", priority="should", minutes=2)
        for i in range(shoulds)
    ]
    return Interview(
        contact_name="Dana Reyes", minutes_asked=minutes, plan=QuestionPlan(["s"], questions)
    )


def started(clock: FakeClock, **kw: int) -> LiveCall:
    call = LiveCall(_make(**kw), clock)
    call.start()
    return call


def test_start_cue_fires_at_the_start_and_names_the_time_asked(clock: FakeClock) -> None:
    call = LiveCall(_make(minutes=20), clock)
    cues = call.start()
    assert [c.kind for c in cues] == ["start"]
    assert "20 minutes" in cues[0].text
    assert call.interview.cues[0].offset_s == 0
    assert call.current is not None and call.current.id == "s/m0"


def test_wrap_up_cue_fires_five_minutes_before_promised_end(clock: FakeClock) -> None:
    call = started(clock, minutes=20)
    clock.advance(14 * 60 + 59)
    assert call.tick() == []
    clock.advance(1)
    fired = call.tick()
    assert [c.kind for c in fired] == ["wrap_up"]
    assert fired[0].offset_s == 900
    assert "Who else should I talk to" in fired[0].text
    assert call.interview.cues[-1].kind == "wrap_up"


def test_end_cue_fires_at_the_promised_end_and_offers_to_stop(clock: FakeClock) -> None:
    call = started(clock, minutes=15)
    clock.advance(15 * 60 - 1)
    assert [c.kind for c in call.tick()] == ["wrap_up"]
    clock.advance(1)
    fired = call.tick()
    assert [c.kind for c in fired] == ["end"]
    assert "five more minutes" in fired[0].text


def test_each_cue_fires_once(clock: FakeClock) -> None:
    call = started(clock, minutes=20)
    for _ in range(30):
        clock.advance(60)
        call.tick()
    assert [c.kind for c in call.interview.cues] == ["start", "wrap_up", "end"]


def test_paused_time_does_not_count_towards_elapsed_or_cues(clock: FakeClock) -> None:
    call = started(clock, minutes=20)
    clock.advance(600)
    call.pause()
    clock.advance(3600)
    assert call.elapsed() == 600
    assert call.tick() == []
    call.resume()
    clock.advance(299)
    assert call.tick() == []
    clock.advance(1)
    assert [c.kind for c in call.tick()] == ["wrap_up"]
    assert call.interview.pauses[0].seconds == 3600
    assert call.remaining() == 300


def test_pacing_is_on_track_while_every_remaining_question_fits(clock: FakeClock) -> None:
    call = started(clock, minutes=20, musts=2, shoulds=4)  # 12 minutes of questions
    assert call.pacing().state == "on_track"


def test_pacing_turns_tight_when_only_the_must_asks_still_fit(clock: FakeClock) -> None:
    call = started(clock, minutes=20, musts=2, shoulds=4)
    # 12 min of budgets; after 9 min on the first question, 11 min remain for 10 min of others.
    clock.advance(9 * 60)
    assert call.pacing().state == "on_track"
    clock.advance(61)
    signal = call.pacing()
    assert signal.state == "tight"
    assert signal.behind
    assert "must-asks" in signal.label


def test_pacing_flips_to_behind_when_remaining_must_budgets_exceed_remaining_time(
    clock: FakeClock,
) -> None:
    call = started(clock, minutes=10, musts=3, shoulds=0)
    call.next()  # m0 asked at 0:00; m1 and m2 left: 4 minutes of budget
    clock.advance(6 * 60)  # 4 min remain; m1's budget is spent, so only m2's 2 min are needed
    assert call.pacing().state == "on_track"
    call.skip()  # m1 skipped; m2 current with 2 min; 4 min remain
    clock.advance(3 * 60 + 30)  # 30 s remain, m2 still has 30 s of budget left
    assert call.pacing().state == "on_track"
    call.previous()  # back on m1 (skipped, must) with a fresh 2 min: m1 2 min + m2 2 min > 30 s
    signal = call.pacing()
    assert signal.state == "behind"
    assert signal.need_must_s > signal.remaining_s


def test_a_plan_longer_than_the_call_is_too_much_from_the_start_not_behind(
    clock: FakeClock,
) -> None:
    call = started(clock, minutes=5, musts=4, shoulds=0)  # 8 minutes of must-asks in 5
    signal = call.pacing()
    assert signal.state == "behind"
    # One second in, nothing is late: the words say there is too much, and what to do.
    assert signal.label.startswith("Too much left")
    assert "pick the key ones" in signal.label


def test_next_previous_skip_and_jump_track_asked_and_skipped(clock: FakeClock) -> None:
    call = started(clock, musts=1, shoulds=3)
    call.next()
    call.skip()
    assert call.current is not None and call.current.id == "s/q1"
    assert call.next_question is not None and call.next_question.id == "s/q2"
    call.jump("s/q0")
    assert call.interview.asked == ["s/m0", "s/q1"]
    assert call.interview.skipped == ["s/q0"]  # back on screen, but not asked yet
    progress = call.progress()
    assert (progress.position, progress.total, progress.must_left) == (2, 4, 0)
    assert progress.label == "2 of 4"
    call.next()
    assert call.interview.skipped == []
    assert call.interview.asked == ["s/m0", "s/q1", "s/q0"]


def test_notes_carry_their_question_and_the_offset_when_writing_began(clock: FakeClock) -> None:
    call = started(clock)
    clock.advance(65)
    call.set_draft("Started in support")
    clock.advance(20)
    call.set_draft("Started in support, moved to data after two years")
    call.next()
    note = call.interview.notes[0]
    assert (note.question_id, note.offset_s) == ("s/m0", 65)
    assert note.text.endswith("two years")
    assert call.draft == ""


def test_flags_record_the_current_question_and_offset(clock: FakeClock) -> None:
    call = started(clock)
    call.next()
    clock.advance(125)
    flag = call.flag("referral", "Talk to Priya Nair at Brightwell")
    assert (flag.kind, flag.question_id, flag.offset_s) == ("referral", "s/m1", 125)
    with pytest.raises(ValueError):
        call.flag("job", "x")


def test_unplanned_question_is_inserted_after_the_current_one_and_shown(clock: FakeClock) -> None:
    call = started(clock, musts=1, shoulds=1)
    question = call.add_unplanned("How did the reorganisation change your team?")
    assert call.current is question
    assert [q.id for q in call.questions][1] == question.id
    assert question.source == "unplanned"
    assert call.interview.asked == ["s/m0"]


def test_end_commits_the_draft_and_stops_the_clock(clock: FakeClock) -> None:
    call = started(clock)
    clock.advance(30)
    call.set_draft("last words")
    call.end()
    clock.advance(500)
    assert call.interview.status == "ended"
    assert call.elapsed() == 30
    assert call.interview.notes[-1].text == "last words"
    assert call.interview.stages["live"].ended is not None
    with pytest.raises(CallStateError):
        call.set_draft("after the end")


def test_notes_before_the_start_are_refused(clock: FakeClock) -> None:
    call = LiveCall(_make(), clock)
    with pytest.raises(CallStateError):
        call.set_draft("too early")


def test_a_standing_reminder_says_this_is_not_the_moment_to_ask_for_a_job(clock: FakeClock) -> None:
    assert "job" in started(clock).reminder


def test_recovery_from_the_journal_restores_every_note_and_the_draft(clock: FakeClock) -> None:
    call = started(clock)
    saved = call.document()  # what reached the DB at the start
    journal = call.journal_records()
    clock.advance(40)
    call.set_draft("first answer")
    journal += call.journal_records()
    call.next()
    journal += call.journal_records()
    call.flag("advice", "Read the team's engineering blog")
    clock.advance(30)
    call.set_draft("typed just before the crash")
    journal += call.journal_records()
    # The journal went through a file: only JSON survives.
    journal = [json.loads(json.dumps(r)) for r in journal]

    restored = LiveCall.recover(Interview.from_dict(saved), journal, FakeClock())
    iv = restored.interview
    assert [(n.question_id, n.text) for n in iv.notes] == [("s/m0", "first answer")]
    assert [f.text for f in iv.flags] == ["Read the team's engineering blog"]
    assert restored.current is not None and restored.current.id == "s/m1"
    assert restored.draft == "typed just before the crash"
    assert iv.asked == ["s/m0"]
    assert restored.paused
    assert restored.elapsed() == 70
    restored.resume()
    restored.end()
    assert [n.text for n in iv.notes][-1] == "typed just before the crash"


def test_recovering_twice_adds_nothing(clock: FakeClock) -> None:
    call = started(clock)
    call.set_draft("one")
    call.next()
    journal = call.journal_records()
    doc = call.document()
    again = LiveCall.recover(Interview.from_dict(doc), journal, FakeClock())
    assert len(again.interview.notes) == 1


def test_journal_record_snapshots_the_draft(clock: FakeClock) -> None:
    call = started(clock)
    clock.advance(12)
    call.set_draft("hello")
    snapshot = call.draft_snapshot()
    assert isinstance(snapshot, DraftKept)
    assert snapshot.interview_id == call.interview.id
    assert snapshot.question_id == "s/m0"
    assert snapshot.text == "hello"
    assert snapshot.offset_s == 12
    assert snapshot.seq > 0
    record = snapshot.to_dict()
    assert record["type"] == "draft" and record["text"] == "hello"
    assert read_event(record) == snapshot


def test_offsets_read_as_minutes_and_seconds() -> None:
    assert format_offset(905) == "15:05"
    assert format_offset(3725) == "1:02:05"


def test_markup_in_notes_stays_literal_and_escape_sequences_go_whole(
    clock: FakeClock,
) -> None:
    call = started(clock)
    call.set_draft("[bold]x[/] [@click=app.quit]x[/] \x1b[31mred\x1b[0m\x07")
    call.flag("quote", "[@click=app.quit]q[/]\x1b]0;title\x07")
    call.next()
    note = call.interview.notes[0].text
    assert note == "[bold]x[/] [@click=app.quit]x[/] red"
    assert call.interview.flags[0].text == "[@click=app.quit]q[/]"


def test_the_start_cue_leaves_the_screen_after_the_opening_or_the_first_question(
    clock: FakeClock,
) -> None:
    call = started(clock)
    assert call.cue_on_screen() is not None and call.cue_on_screen().kind == "start"
    clock.advance(90)
    assert call.cue_on_screen() is not None
    clock.advance(1)
    assert call.cue_on_screen() is None
    assert call.last_cue is not None and call.last_cue.kind == "start"  # still on record

    early = started(FakeClock())
    early.next()
    assert early.cue_on_screen() is None


def test_the_wrap_up_cue_stays_on_screen_until_the_end_cue(clock: FakeClock) -> None:
    call = started(clock)
    clock.advance(15 * 60)
    call.tick()
    call.next()
    clock.advance(4 * 60)
    assert call.cue_on_screen() is not None and call.cue_on_screen().kind == "wrap_up"


def test_every_event_reads_back_from_its_journal_record_as_it_was(clock: FakeClock) -> None:
    call = started(clock)
    call.set_draft("a note")
    clock.advance(30)
    call.flag("referral", "Talk to Priya Nair")
    call.add_unplanned("What changed last year?")
    call.toggle_pause()
    call.toggle_pause()
    call.skip()
    call.end()
    events = call.take_journal()
    kinds = {type(e).__name__ for e in events}
    expected = {"NoteTaken", "Flagged", "UnplannedAdded", "Paused", "Resumed", "Moved", "Ended"}
    assert expected <= kinds
    for event in events:
        assert read_event(event.to_dict()) == event
    move = next(e for e in events if isinstance(e, Moved))
    assert "from" in move.to_dict() and "from_id" not in move.to_dict()


def test_a_record_that_is_not_an_event_is_left_out_of_a_replay() -> None:
    assert read_event({"type": "note", "text": "no seq"}) is None
    assert read_event({"type": "shout", "seq": 3}) is None
    assert read_event({"type": "unplanned", "seq": 4, "question": "not a question"}) is None
    note = read_event({"type": "note", "seq": 5, "text": 7, "offset_s": "x"})
    assert isinstance(note, NoteTaken) and note.text == "" and note.offset_s == 0.0


def test_a_record_written_twice_is_replayed_once(clock: FakeClock) -> None:
    call = started(clock)
    saved = Interview.from_dict(call.document())
    call.set_draft("only once")
    call.next()
    records = call.journal_records()
    again = LiveCall.recover(saved, [*records, *records], FakeClock())
    assert [n.text for n in again.interview.notes] == ["only once"]


def test_the_call_keeps_when_each_question_was_on_screen_in_wall_clock_seconds(
    clock: FakeClock,
) -> None:
    call = started(clock)
    clock.advance(60)
    call.next()
    clock.advance(30)
    call.toggle_pause()
    clock.advance(45)  # paused time counts: a recording runs on
    call.toggle_pause()
    clock.advance(15)
    call.previous()
    clock.advance(10)
    call.end()
    timeline = [(s.question_id, s.start_s, s.end_s) for s in call.interview.live.timeline]
    first, second = call.questions[0].id, call.questions[1].id
    assert timeline == [
        (first, 0.0, 60.0),
        (second, 60.0, 150.0),
        (first, 150.0, 160.0),
    ]
    stored = Interview.from_dict(call.document()).live.timeline
    assert [(s.question_id, s.start_s, s.end_s) for s in stored] == timeline


def test_the_engine_keeps_no_copy_of_where_the_call_stands(clock: FakeClock) -> None:
    call = started(clock)
    call.set_draft("typed")
    assert call.interview.live.draft == "typed"
    call.next()
    assert call.interview.live.current_id == call.current.id
    snapshot = call.draft_snapshot()
    assert call.interview.live.seq == snapshot.seq


def test_a_long_draft_is_journaled_as_edits_and_replays_exactly(clock: FakeClock) -> None:
    import orjson

    from coach.core.live_events import DraftEdited

    call = started(clock)
    saved = Interview.from_dict(call.document())
    pasted = "A transcript pasted into the notes. " * 20_000  # about 720 KB
    call.set_draft(pasted)
    records = call.journal_records()
    sizes = [len(orjson.dumps(records[-1]))]
    for word in ("first", " second", " third"):
        clock.advance(1)
        call.set_draft(call.draft + word)
        records += call.journal_records()
        sizes.append(len(orjson.dumps(records[-1])))
    call.set_draft("Edited at the start. " + call.draft[20:])
    records += call.journal_records()
    assert sizes[0] > len(pasted) and max(sizes[1:]) < 1000, sizes
    assert any(r["type"] == DraftEdited.TYPE for r in records)
    again = LiveCall.recover(saved, records, FakeClock())
    assert again.draft == call.draft


def test_a_long_draft_still_goes_whole_to_the_journal_every_minute(clock: FakeClock) -> None:
    call = started(clock)
    call.set_draft("x" * 10_000)
    kinds = []
    for _ in range(8):
        clock.advance(10)
        call.set_draft(call.draft + "y")
        kinds.append(call.draft_snapshot().TYPE)
    assert kinds.count("draft") >= 2 and "draft_edit" in kinds
