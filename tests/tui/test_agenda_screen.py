"""The agenda screen and the Today panel: due and overdue items first, with a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.app import App, ComposeResult
from textual.widgets import OptionList

from coach.core.contact import Contact
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.tui.app import CoachApp
from coach.tui.screens.agenda import AgendaScreen
from coach.tui.widgets.agenda_panel import AgendaPanel

NOW = datetime(2025, 3, 13, 10, 0, tzinfo=UTC)  # a Thursday


def people() -> list[Contact]:
    return [
        # Asked on a Monday, no reply: the nudge after 7 business days fell due yesterday.
        Contact(name="Ana Silva", id="c-ana", stage="asked", asked_at="2025-03-03T09:00:00+00:00"),
        # Talked last week: keep in touch only in three months.
        Contact(
            name="Bo Chen",
            id="c-bo",
            stage="keeping-in-touch",
            last_interaction="2025-03-06T12:00:00+00:00",
        ),
    ]


def option_texts(option_list: OptionList) -> list[str]:
    return [str(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)]


async def test_today_items_come_before_later_ones(data_paths: DataPaths, store: Store) -> None:
    store.save_all("contact", [c.to_dict() for c in people()])
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = AgendaScreen(now=NOW)
        await app.push_screen(screen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        texts = option_texts(screen.query_one("#agenda-list", OptionList))
        assert texts[0] == "Today"
        assert "nudge" in texts[1] and "Ana Silva" in texts[1]
        assert texts[2] == "Later"
        assert "keep in touch" in texts[3] and "Bo Chen" in texts[3]
        assert len(texts) == 4


async def test_an_empty_agenda_says_nothing_is_due(data_paths: DataPaths, store: Store) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = AgendaScreen(now=NOW)
        await app.push_screen(screen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        texts = option_texts(screen.query_one("#agenda-list", OptionList))
        assert [t.strip() for t in texts] == [
            "Today",
            "Nothing due today.",
            "Later",
            "Nothing planned.",
        ]


class PanelApp(App[None]):
    def compose(self) -> ComposeResult:
        yield AgendaPanel(id="panel")


async def test_the_today_panel_lists_only_what_is_due(store: Store) -> None:
    store.save_all("contact", [c.to_dict() for c in people()])
    app = PanelApp()
    async with app.run_test(size=(80, 12)) as pilot:
        panel = app.query_one(AgendaPanel)
        panel.refresh_agenda(store, now=NOW)
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = str(panel.render())
        assert "Ana Silva" in shown
        assert "Bo Chen" not in shown
        assert panel.agenda is not None and len(panel.agenda.today()) == 1


async def test_an_agenda_that_cannot_be_built_is_a_message_not_a_crash(
    data_paths: DataPaths, store: Store, monkeypatch
) -> None:
    import coach.tui.widgets.agenda_panel as panel_module

    def broken(*args, **kwargs):
        raise ValueError("a record with an odd date")

    monkeypatch.setattr(panel_module, "build_agenda", broken)
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = AgendaScreen(now=NOW)
        await app.push_screen(screen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        texts = option_texts(screen.query_one("#agenda-list", OptionList))
        assert texts == ["The agenda could not be worked out: a record with an odd date"]
        assert app.is_running and app.screen is screen


async def test_names_with_markup_and_escapes_are_shown_literally_in_the_agenda(
    data_paths: DataPaths, store: Store
) -> None:
    odd = Contact(
        name="[bold]Ana[/] [@click=app.quit]x[/]\x1b[31m",
        id="c-odd",
        stage="asked",
        asked_at="2025-03-03T09:00:00+00:00",
    )
    store.save_all("contact", [odd.to_dict()])
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = AgendaScreen(now=NOW)
        await app.push_screen(screen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        texts = option_texts(screen.query_one("#agenda-list", OptionList))
        line = next(t for t in texts if "Ana" in t)
        assert "[bold]Ana[/] [@click=app.quit]x[/]" in line
        assert "\x1b" not in line
        await pilot.click("#agenda-list")
        await pilot.pause()
        assert app.is_running


async def test_enter_on_an_item_opens_the_person_or_the_conversation_it_is_about(
    data_paths: DataPaths, store: Store
) -> None:
    from textual.widgets import DataTable

    from coach.core.interview import Interview
    from coach.tui.screens.contacts import ContactsScreen
    from coach.tui.screens.debrief import DebriefScreen

    crowd = [Contact(name=f"Aaron {n:02d}", id=f"c-{n:02d}") for n in range(12)]  # above Ana
    store.save_all("contact", [c.to_dict() for c in [*people(), *crowd]])
    talked = Interview(id="iv-zoe", contact_name="Zoë O'Neil", status="ended")
    talked.stage("live").started = "2025-03-12T09:00:00+00:00"
    talked.stage("live").ended = "2025-03-12T09:20:00+00:00"
    store.save("interview", talked.to_dict())
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        agenda = AgendaScreen(now=NOW)
        await app.push_screen(agenda)
        await app.workers.wait_for_complete()
        await pilot.pause()
        footer = [strip.text for strip in agenda._compositor.render_strips()][-1]
        assert "Open" in footer  # the key is named where people look for keys
        texts = option_texts(agenda.query_one("#agenda-list", OptionList))
        nudge = next(i for i, text in enumerate(texts) if "Ana Silva" in text)
        thanks = next(i for i, text in enumerate(texts) if "thank-you" in text)
        agenda.query_one("#agenda-list", OptionList).highlighted = nudge
        await pilot.press("enter")
        await pilot.pause()
        contacts = app.screen
        assert isinstance(contacts, ContactsScreen)
        assert contacts.table.current_id() == "c-ana"
        table = contacts.query_one("#contacts-table", DataTable)
        assert table.cursor_row == [c.id for c in contacts.table.shown].index("c-ana")
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is agenda
        # Redrawn on return, with the cursor still on the item it opened.
        assert agenda.query_one("#agenda-list", OptionList).highlighted == nudge
        agenda.query_one("#agenda-list", OptionList).highlighted = thanks
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert app.screen.interview.id == "iv-zoe"


async def test_d_ticks_off_an_action_then_the_report_back_which_is_logged_with_the_person(
    data_paths: DataPaths, store: Store
) -> None:
    from coach.core.clock import FakeClock
    from coach.core.interview import Action, Interview
    from coach.tui.screens.debrief import DebriefScreen

    ana = people()[0]
    store.save_all("contact", [ana.to_dict()])
    talked = Interview(id="iv-ana", contact_id="c-ana", contact_name="Ana Silva", status="ended")
    talked.stage("live").ended = "2025-03-01T09:20:00+00:00"
    talked.thank_you.sent_at = "2025-03-01T12:00:00+00:00"
    talked.actions = [
        Action("Read the trade weekly", "2025-03-12", id="a-read", kind="advice"),
        Action("Tidy my CV", "2025-03-20", id="a-cv", kind="own"),
    ]
    store.save("interview", talked.to_dict())
    clock = FakeClock(NOW)
    app = CoachApp(data_paths, store, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        # A week on, so that the report-back on the advice is due as soon as it is done.
        agenda = AgendaScreen(now=datetime(2025, 3, 20, 10, tzinfo=UTC))
        await app.push_screen(agenda)
        await app.workers.wait_for_complete()
        await pilot.pause()
        listing = agenda.query_one("#agenda-list", OptionList)
        texts = option_texts(listing)
        listing.highlighted = next(i for i, t in enumerate(texts) if "trade weekly" in t)
        await pilot.press("d")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert store.get_interview("iv-ana")["actions"][0]["done_at"] == NOW.isoformat()
        texts = option_texts(listing)
        # The action is gone; telling Ana how it went takes its place. The own action stays.
        assert not any("action" in t and "trade weekly" in t for t in texts)
        report = next(i for i, t in enumerate(texts) if "how their advice worked out" in t)
        assert any("Tidy my CV" in t for t in texts)
        listing.highlighted = report
        await pilot.press("d")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not any("how their advice worked out" in t for t in option_texts(listing))
        stored = store.get_interview("iv-ana")["actions"][0]
        assert stored["reported_back_at"] == NOW.isoformat()
        logged = store.get_contact("c-ana")["interactions"][-1]
        assert logged["kind"] == "news" and "Read the trade weekly" in logged["note"]
        # Enter on an action opens its debrief on People & actions, where it can be undone.
        listing.highlighted = next(
            i for i, t in enumerate(option_texts(listing)) if "Tidy my CV" in t
        )
        await pilot.press("enter")
        await pilot.pause()
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        tabs = debrief.query_one("#debrief-tabs")
        assert tabs.active == "tab-people"  # type: ignore[attr-defined]


async def test_d_on_an_item_that_clears_itself_says_how_it_does(
    data_paths: DataPaths, store: Store
) -> None:
    store.save_all("contact", [c.to_dict() for c in people()])
    before = store.get_contact("c-ana")
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        agenda = AgendaScreen(now=NOW)
        await app.push_screen(agenda)
        await app.workers.wait_for_complete()
        await pilot.pause()
        agenda.query_one("#agenda-list", OptionList).highlighted = 1  # Ana's nudge
        await pilot.press("d")
        await pilot.pause()
        said = [n.message for n in app._notifications]
    assert said == ["This one clears itself: Enter opens it, and logging what you did (l) ends it."]
    assert store.get_contact("c-ana") == before


async def test_u_takes_back_the_last_tick_and_its_logged_report_back(
    data_paths: DataPaths, store: Store
) -> None:
    from coach.core.clock import FakeClock
    from coach.core.interview import Action, Interview

    ana = people()[0]
    store.save_all("contact", [ana.to_dict()])
    talked = Interview(id="iv-ana", contact_id="c-ana", contact_name="Ana Silva", status="ended")
    talked.stage("live").ended = "2025-03-01T09:20:00+00:00"
    talked.thank_you.sent_at = "2025-03-01T12:00:00+00:00"
    talked.actions = [Action("Read the trade weekly", "2025-03-12", id="a-read", kind="advice")]
    talked.actions[0].done_at = "2025-03-05T10:00:00+00:00"
    store.save("interview", talked.to_dict())
    app = CoachApp(data_paths, store, clock=FakeClock(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        agenda = AgendaScreen(now=datetime(2025, 3, 20, 10, tzinfo=UTC))
        await app.push_screen(agenda)
        await app.workers.wait_for_complete()
        await pilot.pause()
        listing = agenda.query_one("#agenda-list", OptionList)
        # Nothing ticked yet: nothing to take back.
        await pilot.press("u")
        await pilot.pause()
        assert any("Nothing to take back" in n.message for n in app._notifications)
        texts = option_texts(listing)
        listing.highlighted = next(i for i, t in enumerate(texts) if "worked out" in t)
        await pilot.press("d")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(store.get_contact("c-ana")["interactions"]) == 1
        assert any("u takes it back" in n.message for n in app._notifications)
        await pilot.press("u")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.store.flush(10)
        action = store.get_interview("iv-ana")["actions"][0]
        # Back as it was: done on the 5th, not reported back, nothing logged with Ana.
        assert action["done_at"] == "2025-03-05T10:00:00+00:00"
        assert action["reported_back_at"] is None
        person = store.get_contact("c-ana")
        assert person["interactions"] == []
        assert person["last_interaction"] is None
        assert any("worked out" in t for t in option_texts(listing))
        # Once taken back, a second u has nothing left to undo.
        await pilot.press("u")
        await pilot.pause()
        assert [n.message for n in app._notifications].count("Nothing to take back here.") == 2


async def test_a_long_item_wraps_under_its_own_text_not_under_the_date(
    data_paths: DataPaths, store: Store
) -> None:
    long_name = "Maximiliana Alexandrova-Fitzgerald of the Northern Regional Planning Office"
    store.save_all(
        "contact",
        [
            Contact(
                name=long_name, id="c-max", stage="asked", asked_at="2025-03-03T09:00:00+00:00"
            ).to_dict()
        ],
    )
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        agenda = AgendaScreen(now=NOW)
        await app.push_screen(agenda)
        await app.workers.wait_for_complete()
        await pilot.pause()
        listing = agenda.query_one("#agenda-list", OptionList)
        [line] = [t for t in option_texts(listing) if "Maximiliana" in t]
        first, *rest = line.split("\n")
        assert rest, "the item is longer than one line at 80 columns"
        column = first.index("No reply")
        assert all(r[:column].strip() == "" and r[column] != " " for r in rest)
        assert all(len(r) <= 74 for r in [first, *rest])


async def test_enter_on_asking_a_referral_opens_the_request_naming_who_suggested_them(
    data_paths: DataPaths, store: Store
) -> None:
    from coach.tui.screens.request import RequestScreen

    dana = Contact(name="Dana Whitfield", id="c-dana", stage="thanked")
    luis = Contact(
        name="Luis Ortega",
        id="c-luis",
        how_known="referral",
        source="referral",
        referred_by="c-dana",
        created_at="2025-03-06T09:00:00+00:00",
    )
    store.save_all("contact", [dana.to_dict(), luis.to_dict()])
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        agenda = AgendaScreen(now=NOW)
        await app.push_screen(agenda)
        await app.workers.wait_for_complete()
        await pilot.pause()
        texts = option_texts(agenda.query_one("#agenda-list", OptionList))
        ask = next(i for i, text in enumerate(texts) if "Ask Luis Ortega" in text)
        assert "suggested by Dana Whitfield" in " ".join(texts[ask].split())
        agenda.query_one("#agenda-list", OptionList).highlighted = ask
        await pilot.press("enter")
        await pilot.pause()
        request = app.screen
        assert isinstance(request, RequestScreen)
        assert request.referrer is not None and request.referrer.id == "c-dana"
        assert request.template_id == "referral"
        assert request.subject == "Dana Whitfield suggested I get in touch"
        assert request.draft.startswith("Hi Luis,\n\nDana Whitfield suggested I write to you")
