import icalendar  # an independent reader (in the test extras)
from network_samples import at, iso

from coach.core.agenda import build_agenda
from coach.core.contact import Contact
from coach.core.outreach import mark_asked
from coach.io.content_lines import escape_text, fold, unescape_text
from coach.io.ics import build_calendar

NOW = at("2024-05-06 11:00")


def calendar_for():
    ana = Contact('Ana; Silva, "Acme"', organisation="Acme")
    bo = mark_asked(Contact("Bo", organisation="Fabrikam"), at=iso("2024-05-06 09:00"))
    plan = {
        "questions": [
            {"id": "q1", "text": "How did you get into this work, and why?"},
            {
                "id": "q2",
                "text": "What does a typical week look like; what surprised you? \\ "
                + "long " * 30,
            },
        ]
    }
    doc = {
        "id": "iv1",
        "contact_id": ana.id,
        "status": "planned",
        "practice": False,
        "scheduled_at": iso("2024-05-08 14:00"),
        "minutes_asked": 30,
        "plan": plan,
    }
    done = {
        "id": "iv0",
        "contact_id": ana.id,
        "status": "debriefed",
        "scheduled_at": iso("2024-05-01 14:00"),
    }
    people = [ana, bo]
    items = build_agenda(people, [doc, done], NOW).items
    return build_calendar([doc, done], people, items, NOW).text(), items


def test_the_calendar_uses_crlf_and_folds_every_line_within_75_octets():
    text, _ = calendar_for()
    assert text.endswith("\r\n")
    lines = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert any(line.startswith(" ") for line in lines)
    assert "\n" not in text.replace("\r\n", "")


def parsed(text):
    return icalendar.Calendar.from_ical(text)


def stamp(component, name):
    """A date-time property as written: ``20240508T130000Z``."""
    return component[name].to_ical().decode()


def test_a_scheduled_interview_becomes_an_event_with_its_plan_and_a_15_minute_alarm():
    text, _ = calendar_for()
    cal = parsed(text)
    assert cal.name == "VCALENDAR" and str(cal["VERSION"]) == "2.0" and str(cal["PRODID"])
    [event] = cal.walk("VEVENT")
    assert str(event["UID"]) == "interview-iv1@coach"
    assert stamp(event, "DTSTART") == "20240508T130000Z"
    assert stamp(event, "DTEND") == "20240508T133000Z"
    assert stamp(event, "DTSTAMP") == "20240506T100000Z"
    assert str(event["SUMMARY"]) == 'Conversation with Ana; Silva, "Acme"'
    description = str(event["DESCRIPTION"])
    assert description.startswith("1. How did you get into this work, and why?\n2. What does")
    assert "surprised you? \\ long" in description
    [alarm] = event.walk("VALARM")
    assert stamp(alarm, "TRIGGER") == "-PT15M" and str(alarm["ACTION"]) == "DISPLAY"


def test_each_follow_up_becomes_a_todo_with_a_due_date():
    text, items = calendar_for()
    todos = parsed(text).walk("VTODO")
    assert len(todos) == len(items) > 0
    uids = {str(t["UID"]) for t in todos}
    assert len(uids) == len(todos)
    for todo, item in zip(todos, items, strict=True):
        assert str(todo["SUMMARY"]) == item.text
        assert todo.get("DTSTAMP") is not None and todo.get("DUE") is not None


def test_escaping_round_trips_commas_semicolons_backslashes_and_newlines():
    value = 'a,b;c\\d\ne "f"'
    assert escape_text(value) == 'a\\,b\\;c\\\\d\\ne "f"'
    assert unescape_text(escape_text(value)) == value


def test_folding_never_splits_a_multibyte_character():
    line = "SUMMARY:" + "é陈" * 40
    folded = fold(line)
    chunks = folded.split("\r\n")
    assert all(len(c.encode()) <= 75 for c in chunks)
    assert "".join(c[1:] if i else c for i, c in enumerate(chunks)) == line


def test_the_calendar_command_writes_a_file_that_parses_back(data_paths, tmp_path):
    from click.testing import CliRunner

    from coach.cli import cli
    from coach.store.db import Store

    with Store.open(data_paths) as store:
        store.save("contact", mark_asked(Contact("Bo"), at=iso("2024-05-06 09:00")).to_dict())
    out = tmp_path / "coach.ics"
    result = CliRunner().invoke(
        cli,
        [
            "--data-dir",
            str(data_paths.root),
            "calendar",
            "-o",
            str(out),
            "--now",
            iso("2024-05-06 11:00"),
        ],
    )
    assert result.exit_code == 0, result.output
    cal = parsed(out.read_bytes())
    assert [str(t["SUMMARY"]) for t in cal.walk("VTODO")] == [
        "No reply from Bo after 7 business days: send one polite nudge"
    ]
    agenda = CliRunner().invoke(
        cli,
        [
            "--data-dir",
            str(data_paths.root),
            "agenda",
            "--json",
            "--all",
            "--now",
            iso("2024-05-15 11:00"),
        ],
    )
    assert '"kind": "nudge"' in agenda.output and '"due_now": true' in agenda.output


def test_an_independent_icalendar_parser_reads_the_events_todos_and_alarm():
    text, items = calendar_for()
    cal = icalendar.Calendar.from_ical(text)
    events = [c for c in cal.walk("VEVENT")]
    todos = [c for c in cal.walk("VTODO")]
    assert len(events) == 1 and len(todos) == len(items)
    event = events[0]
    assert str(event["SUMMARY"]) == 'Conversation with Ana; Silva, "Acme"'
    assert event.decoded("DTSTART").isoformat() == "2024-05-08T13:00:00+00:00"
    assert (event.decoded("DTEND") - event.decoded("DTSTART")).total_seconds() == 30 * 60
    assert str(event["DESCRIPTION"]).startswith("1. How did you get into this work, and why?")
    [alarm] = event.walk("VALARM")
    assert alarm.decoded("TRIGGER").total_seconds() == -15 * 60
    assert all(todo.get("DUE") is not None for todo in todos)


def test_the_calendar_command_counts_what_it_wrote_not_text_that_looks_like_an_event(
    data_paths, tmp_path
):
    from click.testing import CliRunner

    from coach.cli import cli
    from coach.store.db import Store

    sneaky = "Ask about\nBEGIN:VEVENT\nEND:VEVENT and BEGIN:VEVENT in a row"
    with Store.open(data_paths) as store:
        ana = Contact("Ana")
        store.save("contact", ana.to_dict())
        store.save(
            "interview",
            {
                "id": "iv1",
                "contact_id": ana.id,
                "status": "planned",
                "scheduled_at": iso("2024-05-08 14:00"),
                "plan": {"questions": [{"id": "q1", "text": sneaky}]},
            },
        )
    out = tmp_path / "coach.ics"
    result = CliRunner().invoke(
        cli,
        [
            "--data-dir",
            str(data_paths.root),
            "calendar",
            "-o",
            str(out),
            "--now",
            iso("2024-05-06 11:00"),
        ],
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.replace("\r\n ", "").count("BEGIN:VEVENT") > 1  # the plan's words are there
    events = parsed(out.read_bytes()).walk("VEVENT")
    assert len(events) == 1 and "BEGIN:VEVENT" in str(events[0]["DESCRIPTION"])
    todos = parsed(out.read_bytes()).walk("VTODO")
    assert result.output == (
        f"wrote 1 interview and {len(todos)} follow-up{'s' if len(todos) != 1 else ''} to {out}\n"
    )


def test_the_built_calendar_counts_its_events_and_todos():
    cal_text, items = calendar_for()
    ana = Contact("Ana")
    doc = {
        "id": "iv1",
        "contact_id": ana.id,
        "status": "planned",
        "scheduled_at": iso("2024-05-08 14:00"),
    }
    cal = build_calendar([doc], [ana], [], NOW)
    assert (cal.events, cal.todos) == (1, 0)
    assert cal_text.count("BEGIN:VTODO") == len(items)
