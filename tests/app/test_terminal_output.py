"""Text stored by another way than typing (a hand edit, a sync, another tool) never reaches a
terminal as escape sequences: every command cleans what it prints, run here in a real
pseudo-terminal."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from coach.store.paths import DataPaths

TITLE = "\x1b]0;owned\x07"  # sets the terminal's title, ended by BEL
CLEAR = "\x1b[2J"  # clears the screen
C1_CSI = "\x9b"  # the one-byte form of ESC [ that some terminals honour

HOSTILE_NAME = f"Ana {TITLE}Silva{CLEAR}"
HOSTILE_ORG = f"Acme{C1_CSI} Labs"
HOSTILE_ACTION = f"Read {CLEAR}the pricing{C1_CSI} book\x07"
HOSTILE_QUESTION = f"What surprised you{CLEAR}?"

# Bytes that must never reach the terminal: ESC, BEL, and C1 controls encoded in UTF-8.
FORBIDDEN = [b"\x1b", b"\x07", *(bytes([0xC2, code]) for code in range(0x80, 0xA0))]


@pytest.fixture
def hostile(data_paths: DataPaths) -> DataPaths:
    """A data folder whose coach.json was written by hand, escape sequences and all."""
    contact = {
        "id": "c-ana",
        "name": HOSTILE_NAME,
        "organisation": HOSTILE_ORG,
        "role": f"Lead{CLEAR}",
        "stage": "asked",
        "asked_at": "2026-05-01T10:00:00+00:00",
        "notes": f"Met at the fair{TITLE}",
        "created_at": "2026-01-05T10:00:00+00:00",
    }
    interview = {
        "id": "iv-ana",
        "contact_id": "c-ana",
        "contact_name": HOSTILE_NAME,
        "contact_org": HOSTILE_ORG,
        "status": "debriefed",
        "practice": False,
        "scheduled_at": "2026-05-01T10:00:00+00:00",
        "plan": {"questions": [{"id": "q1", "text": HOSTILE_QUESTION}]},
        "actions": [
            {
                "id": "a1",
                "text": HOSTILE_ACTION,
                "due": "2026-05-10",
                "kind": "own",
                "done_at": None,
                "reported_back_at": None,
            }
        ],
    }
    planned = {
        "id": "iv-next",
        "contact_id": "c-ana",
        "contact_name": HOSTILE_NAME,
        "status": "planned",
        "scheduled_at": "2026-05-20T10:00:00+00:00",
        "plan": {"questions": [{"id": "q1", "text": HOSTILE_QUESTION}]},
    }
    data_paths.root.mkdir(mode=0o700, parents=True)
    data_paths.db.write_text(
        json.dumps(
            {
                "contacts": {"1": contact},
                "interviews": {"1": interview, "2": planned},
                "meta": {"1": {"schema_version": 1}},
            }
        ),
        encoding="utf-8",
    )
    data_paths.db.chmod(0o600)
    return data_paths


def in_terminal(data: DataPaths, *args: str, code: int = 0) -> bytes:
    """Run ``coach ARGS`` with a pseudo-terminal as its stdin, stdout and stderr; all it wrote.

    The exit status must be ``code``.
    """
    controller, device = os.openpty()
    fcntl.ioctl(device, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 120, 0, 0))
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "coach", "--data-dir", str(data.root), *args],
            stdin=device,
            stdout=device,
            stderr=device,
            env={**os.environ, "TERM": "xterm-256color"},
        )
    finally:
        os.close(device)
    seen = b""
    try:
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError as error:  # the child closed the terminal
                if error.errno != errno.EIO:
                    raise
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(controller)
    assert process.wait(timeout=60) == code, seen
    return seen


def assert_plain(output: bytes) -> None:
    for forbidden in FORBIDDEN:
        assert forbidden not in output, (forbidden, output)


def test_the_agenda_prints_an_action_with_escape_sequences_as_plain_words(
    hostile: DataPaths,
) -> None:
    output = in_terminal(hostile, "agenda", "--all", "--now", "2026-05-12T09:00:00+00:00")
    assert_plain(output)
    assert b"Read the pricing book" in output
    assert b"No reply from Ana Silva" in output


def test_the_contact_list_prints_names_and_organisations_as_plain_words(
    hostile: DataPaths,
) -> None:
    output = in_terminal(hostile, "contacts", "list")
    assert_plain(output)
    assert b"Ana Silva" in output and b"Acme Labs" in output and b"Lead" in output


def test_the_interview_list_prints_the_person_as_plain_words(hostile: DataPaths) -> None:
    output = in_terminal(hostile, "interviews", "list")
    assert_plain(output)
    assert b"iv-ana" in output and b"Ana Silva (Acme Labs)" in output


def test_a_markdown_export_to_the_terminal_is_plain_words(hostile: DataPaths) -> None:
    output = in_terminal(hostile, "export", "iv-ana", "--format", "md")
    assert_plain(output)
    assert b"Ana Silva" in output and b"Read the pricing book" in output


@pytest.mark.parametrize(
    "args",
    [
        ("agenda", "--json", "--all", "--now", "2026-05-12T09:00:00+00:00"),
        ("contacts", "list", "--json"),
        ("interviews", "list", "--json"),
        ("export", "iv-ana", "--format", "json"),
        ("contacts", "export", "--format", "json"),
        ("contacts", "export"),
        ("calendar", "-o", "-", "--now", "2026-04-30T09:00:00+00:00"),
    ],
    ids=" ".join,
)
def test_json_vcard_and_icalendar_on_a_terminal_hold_no_raw_control_character(
    hostile: DataPaths, args: tuple[str, ...]
) -> None:
    output = in_terminal(hostile, *args)
    assert_plain(output)
    assert b"Ana" in output
    if "calendar" in args:
        assert b"What surprised you?" in output
    if "--json" in args or "json" in args:
        # Still JSON, and still the same text: what is escaped is written as \u escapes.
        start = output.index(b"[") if output.lstrip().startswith(b"[") else output.index(b"{")
        json.loads(output[start:].replace(b"\r\n", b"\n"))


def test_json_keeps_the_stored_value_with_its_controls_escaped() -> None:
    from coach.commands.output import json_text

    text = json_text({"name": f"Ana{C1_CSI}{TITLE}\x7f"})
    assert "\x1b" not in text and "\x9b" not in text and "\x7f" not in text
    assert "\\u009b" in text and "\\u001b" in text and "\\u007f" in text
    assert json.loads(text) == {"name": f"Ana{C1_CSI}{TITLE}\x7f"}


def test_vcard_and_icalendar_line_ends_survive_cleaning() -> None:
    from coach.commands.output import terminal_text

    assert terminal_text("BEGIN:VCARD\r\nFN:Ana\x1b[2J\r\nEND:VCARD\r\n") == (
        "BEGIN:VCARD\r\nFN:Ana\r\nEND:VCARD\r\n"
    )


def test_a_refused_export_names_the_path_without_its_escape_sequences(
    hostile: DataPaths, tmp_path: Path
) -> None:
    target = tmp_path / f"x{CLEAR}.md"
    target.write_text("mine")
    output = in_terminal(hostile, "export", "iv-ana", "-o", str(target), code=2)
    assert_plain(output)
    assert b"already exists; add --force to replace it" in output
