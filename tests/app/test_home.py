from __future__ import annotations

import subprocess
import sys

from textual.screen import Screen
from textual.widgets import OptionList, Static

from coach.store.db import Store
from coach.tui.app import CoachApp
from coach.tui.screens.home import FIRST_RUN, HomeScreen

MARKUP_NAME = "[bold]Ada[/] [@click=app.quit]quit[/] \x1b[31mred\x1b[0m"


async def test_first_run_says_what_to_do_first(data_paths):
    with Store.open(data_paths) as store:
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            intro = app.screen.query_one("#home-intro", Static)
            assert intro.display
            text = str(intro.render())
            assert "Press n" in text and "practice" in text
            assert FIRST_RUN.count("\n") >= 2
            assert "Press c, then i, to bring your contacts in" in text
            assert "You have" not in text  # nothing imported yet


async def test_first_run_with_imported_contacts_points_to_them(data_paths):
    from coach.core.contact import Contact

    with Store.open(data_paths) as store:
        store.save_all("contact", [Contact(name="Ana").to_dict(), Contact(name="Bo").to_dict()])
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            text = str(app.screen.query_one("#home-intro", Static).render())
            assert "You have 2 contacts: press c to see them" in text


async def test_home_lists_interviews_with_names_shown_literally(data_paths):
    with Store.open(data_paths) as store:
        store.save(
            "interview",
            {
                "id": "iv1",
                "status": "planned",
                "contact_name": MARKUP_NAME,
                "scheduled_at": "2026-12-01T10:00:00+00:00",
            },
        )
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            options = app.screen.query_one("#home-list", OptionList)
            prompts = [
                str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
            ]
            line = next(p for p in prompts if "Ada" in p)
            assert "[bold]Ada[/] [@click=app.quit]quit[/]" in line
            assert "\x1b" not in line
            await pilot.click(OptionList)
            await pilot.pause()
            assert app.is_running


async def test_f1_shows_the_keys_of_the_current_screen(data_paths):
    with Store.open(data_paths) as store:
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f1")
            await pilot.pause()
            from coach.tui.screens.help import HelpScreen

            assert isinstance(app.screen, HelpScreen)
            body = str(app.screen.query_one("#help-body", Static).render())
            assert "New interview" in body and "Practice" in body
            await pilot.press("escape")
            assert isinstance(app.screen, HomeScreen)


def test_a_second_coach_on_the_same_data_folder_is_refused_with_exit_2(data_paths):
    with Store.open(data_paths):
        result = subprocess.run(
            [sys.executable, "-m", "coach", "--data-dir", str(data_paths.root)],
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("coach: ") and len(result.stderr.strip().splitlines()) == 1


def test_a_mistyped_command_is_one_line_on_stderr_with_exit_2():
    result = subprocess.run(
        [sys.executable, "-m", "coach", "sest", "list"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "coach: No such command 'sest'. (see `coach --help`)"
    ]


async def test_a_long_history_shows_a_bounded_list_with_a_count_of_the_rest(data_paths):
    from coach.tui.screens.home import ROWS_PER_SECTION

    with Store.open(data_paths) as store:
        for i in range(ROWS_PER_SECTION + 7):
            store.save("interview", {"id": f"iv{i}", "status": "ended", "contact_name": f"P{i}"})
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            options = app.screen.query_one("#home-list", OptionList)
            prompts = [
                str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
            ]
            people = [p for p in prompts if "waiting for your debrief" in p]
            assert len(people) == ROWS_PER_SECTION
            assert any("and 7 more" in p for p in prompts)


def _home_prompts(app: CoachApp) -> list[str]:
    options = app.screen.query_one("#home-list", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_a_debrief_finished_and_closed_is_not_left_waiting_on_home(data_paths, monkeypatch):
    import os
    import threading

    from coach.core import debrief as core_debrief
    from coach.core.clock import FakeClock
    from coach.core.interview import Interview

    with Store.open(data_paths) as store:
        ended = Interview(id="iv-done", contact_name="Kim Park", status="ended")
        store.save("interview", ended.to_dict())
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert any("Kim Park" in p and "debrief" in p for p in _home_prompts(app))
            # A slow disk: the save is still being written when Home comes back.
            written = threading.Event()
            writev = os.writev

            def slow_writev(fd, buffers):
                written.wait(10)
                return writev(fd, buffers)

            monkeypatch.setattr(os, "writev", slow_writev)
            # What the debrief screen does on finishing: queue the save, then leave.
            core_debrief.finish(ended, FakeClock())
            core_debrief.mark_sent(ended, FakeClock())
            await app.push_screen(Screen())
            app.store.save("interview", ended.to_dict())
            app.pop_screen()
            await pilot.pause()
            # Home reads the store, which holds the newest version at once: no waiting.
            assert not store.is_saved("interview", "iv-done")
            prompts = _home_prompts(app)
            assert not any("waiting for your debrief" in p for p in prompts)
            assert "Done recently" in prompts
            assert any("Kim Park" in p and "open the record" in p for p in prompts)
            written.set()
            assert store.flush(10)


async def test_a_finished_interview_reopens_on_its_record(data_paths):
    from coach.tui.screens.debrief import DebriefScreen

    with Store.open(data_paths) as store:
        store.save(
            "interview",
            {
                "id": "iv-old",
                "status": "debriefed",
                "contact_name": "Lee Wong",
                "thank_you": {"sent_at": "2026-01-02T10:00:00+00:00"},
            },
        )
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            options = app.screen.query_one("#home-list", OptionList)
            index = next(
                i
                for i in range(options.option_count)
                if "Lee Wong" in str(options.get_option_at_index(i).prompt)
            )
            options.highlighted = index
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, DebriefScreen)
            assert app.screen.interview.id == "iv-old"


async def test_today_comes_first_on_home_above_the_interviews(data_paths):
    from datetime import UTC, datetime

    from coach.core.clock import FakeClock
    from coach.core.contact import Contact
    from coach.tui.widgets.agenda_panel import AgendaPanel

    now = datetime(2025, 3, 13, 10, 0, tzinfo=UTC)
    with Store.open(data_paths) as store:
        asked = Contact(name="Ana Silva", stage="asked", asked_at="2025-03-03T09:00:00+00:00")
        store.save("contact", asked.to_dict())
        store.save("interview", {"id": "iv1", "status": "planned", "contact_name": "Bo Chen"})
        app = CoachApp(data_paths, store, clock=FakeClock(now))
        async with app.run_test(size=(100, 30)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            panel = app.screen.query_one(AgendaPanel)
            listing = app.screen.query_one("#home-list", OptionList)
            assert panel.display and panel.border_title == "Today"
            assert "Ana Silva" in str(panel.render())
            assert panel.region.y < listing.region.y


async def test_the_first_enter_on_home_opens_the_first_interview_listed(data_paths):
    from coach.tui.screens.prepare import PrepareScreen

    with Store.open(data_paths) as store:
        for n, day in ((1, "2026-12-03"), (2, "2026-12-01"), (3, "2026-12-05")):
            store.save(
                "interview",
                {
                    "id": f"iv{n}",
                    "status": "planned",
                    "contact_name": f"Person {n}",
                    "scheduled_at": f"{day}T10:00:00+00:00",
                },
            )
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            home = app.screen
            await pilot.press("enter")  # no arrow key first: the header row is not a stop
            await pilot.pause()
            assert isinstance(app.screen, PrepareScreen)
            assert app.screen.interview.id == "iv2"  # the soonest
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("down", "enter")  # the second, iv1
            await pilot.pause()
            assert isinstance(app.screen, PrepareScreen) and app.screen.interview.id == "iv1"
            await pilot.press("escape")
            await pilot.pause()
            # Back on Home, the cursor is on the interview it left, not back at the top.
            options = home.query_one("#home-list", OptionList)
            assert options.highlighted is not None
            assert options.get_option_at_index(options.highlighted).id == "upcoming:iv1"


async def test_ctrl_c_on_a_form_names_the_quit_key_that_works_there(data_paths):
    from coach.tui.screens.prepare import PrepareScreen

    with Store.open(data_paths) as store:
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, PrepareScreen)
            await pilot.press("ctrl+c")
            await pilot.pause()
            said = [str(n.message) for n in app._notifications]
            # Not Home's bare "q", which a text field would take as a letter.
            assert said == ["Press Ctrl+Q to quit coach."]


def test_keys_are_spelt_as_people_write_them():
    from coach.tui.app import spoken_key

    assert spoken_key("ctrl+q") == "Ctrl+Q"
    assert spoken_key("ctrl+shift+q") == "Ctrl+Shift+Q"
    assert spoken_key("f10") == "F10"


async def test_an_interview_made_by_mistake_can_be_deleted_after_confirming(data_paths):
    from coach.store.drafts import DraftJournal
    from coach.tui.screens.confirm import ChoiceScreen

    with Store.open(data_paths) as store:
        for interview_id, name in (("iv-keep", "Ada"), ("iv-junk", "Grace")):
            store.save(
                "interview",
                {
                    "id": interview_id,
                    "status": "planned",
                    "contact_name": name,
                    "scheduled_at": "2026-12-01T10:00:00+00:00"
                    if interview_id == "iv-keep"
                    else "2026-12-02T10:00:00+00:00",
                },
            )
        store.save("contact", {"id": "c-grace", "name": "Grace"})
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            options = app.screen.query_one("#home-list", OptionList)
            options.highlighted = options.get_option_index("upcoming:iv-junk")
            # Enter on the first answer keeps it.
            await pilot.press("x")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceScreen)
            assert "Grace" in str(app.screen.question)
            await pilot.press("enter")
            await pilot.pause()
            assert store.get_interview("iv-junk") is not None
            # Delete: the answer has to be chosen on purpose.
            await pilot.press("delete")
            await pilot.pause()
            await pilot.press("right", "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.store.flush(10)
            assert store.get_interview("iv-junk") is None
            assert store.get_interview("iv-keep") is not None
            assert store.get_contact("c-grace") is not None  # the person stays
            ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
            assert "upcoming:iv-junk" not in ids and "upcoming:iv-keep" in ids
        # An interrupted call's journal goes with it.
        store.save("interview", {"id": "iv-cut", "status": "live", "contact_name": "Lin"})
        journal = DraftJournal(data_paths, "iv-cut")
        journal.append({"type": "note", "interview_id": "iv-cut", "seq": 1, "text": "x"})
        journal.close()
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            options = app.screen.query_one("#home-list", OptionList)
            options.highlighted = options.get_option_index("interrupted:iv-cut")
            await pilot.press("x")
            await pilot.pause()
            assert "interrupted call" in str(app.screen.question)
            await pilot.press("right", "enter")
            await app.workers.wait_for_complete()
            assert app.store.flush(10)
        assert store.get_interview("iv-cut") is None
        assert not journal.path.exists()


async def test_m_saves_your_name_and_new_thank_you_drafts_are_signed_with_it(data_paths):
    from textual.widgets import Input, TextArea

    from coach.core.interview import Interview, Note
    from coach.store.db import YOUR_NAME
    from coach.tui.screens.debrief import DebriefScreen

    with Store.open(data_paths) as store:
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("m")
            await pilot.pause()
            await pilot.press(*"Sam [b]Rivera", "enter")
            await pilot.pause()
            assert app.store.flush(10)
            assert store.get_meta(YOUR_NAME) == "Sam [b]Rivera"
            # Asked again, the saved name is there to correct.
            await pilot.press("m")
            await pilot.pause()
            assert app.screen.query_one(Input).value == "Sam [b]Rivera"
            await pilot.press("escape")
            interview = Interview(id="iv-signed", contact_name="Ada", status="ended")
            interview.stage("live").ended = "2026-11-20T10:00:00+00:00"
            interview.notes = [Note(None, 30.0, "Start in support")]
            await app.push_screen(DebriefScreen(interview))
            await pilot.pause()
            draft = app.screen.query_one("#debrief-thank-you", TextArea).text
            assert draft.splitlines()[-2:] == ["Warm regards,", "Sam [b]Rivera"]


async def test_another_devices_changes_arriving_redraw_home_and_say_so(data_paths):
    import orjson

    from coach.store.storage import write_atomically

    with Store.open(data_paths) as store:
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert not any("Kim Park" in p for p in _home_prompts(app))
            # A sync client puts in place the file another machine's coach wrote.
            other = orjson.loads(data_paths.db.read_bytes())
            other["interviews"]["1"] = {"id": "iv-kim", "contact_name": "Kim Park"}
            write_atomically(data_paths.db, [orjson.dumps(other)])
            for _ in range(200):  # the store looks every two seconds while idle
                await pilot.pause(0.05)
                if any("Kim Park" in p for p in _home_prompts(app)):
                    break
            assert any("Kim Park" in p for p in _home_prompts(app))
            assert any("another device" in n.message for n in app._notifications)


def _count_agenda_workers(monkeypatch) -> list[object]:  # type: ignore[no-untyped-def]
    """The list each Today-panel computation in a worker is recorded in, as it starts."""
    from coach.tui.widgets.agenda_panel import AgendaPanel

    in_a_worker: list[object] = []
    original = AgendaPanel._compute

    def counted(self, store, now):  # type: ignore[no-untyped-def]
        in_a_worker.append(now)
        return original(self, store, now)

    monkeypatch.setattr(AgendaPanel, "_compute", counted)
    return in_a_worker


async def test_the_first_look_at_home_fills_the_today_panel_before_its_first_frame(
    data_paths, monkeypatch
):
    from coach.tui.widgets.agenda_panel import AgendaPanel

    in_a_worker = _count_agenda_workers(monkeypatch)
    with Store.open(data_paths) as store:
        store.save("contact", {"id": "c1", "name": "Ana", "stage": "asked",
                               "asked_at": "2020-01-01T10:00:00+00:00"})  # fmt: skip
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(80, 24)) as pilot:
            panel = app.screen.query_one(AgendaPanel)
            # Drawn with the screen: one layout, not a second when a worker finishes.
            assert panel.agenda is not None and panel.agenda.today()
            assert in_a_worker == []
            await pilot.press("r")  # later looks work in a worker, off the UI thread
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert len(in_a_worker) == 1


async def test_a_long_contact_list_fills_the_today_panel_after_the_first_frame(
    data_paths, monkeypatch
):
    from coach.tui.screens.home import HomeScreen
    from coach.tui.widgets.agenda_panel import AgendaPanel

    in_a_worker = _count_agenda_workers(monkeypatch)
    monkeypatch.setattr(HomeScreen, "AGENDA_AT_ONCE_CONTACTS", 1)
    with Store.open(data_paths) as store:
        store.save_all("contact", [
            {"id": "c1", "name": "Ana", "stage": "asked", "asked_at": "2020-01-01T10:00:00+00:00"},
            {"id": "c2", "name": "Bo"},
        ])  # fmt: skip
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(80, 24)) as pilot:
            # Past the limit the first frame does not wait for every contact to be decoded.
            assert len(in_a_worker) == 1
            await app.workers.wait_for_complete()
            await pilot.pause()
            panel = app.screen.query_one(AgendaPanel)
            assert panel.agenda is not None and panel.agenda.today()
            assert "Ana" in str(panel.render())
