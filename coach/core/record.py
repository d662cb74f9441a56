"""The record of one interview: a Markdown page a person can read, and the JSON document.

Outside text (names, notes, questions) is escaped so it can never become a heading, a list,
a link, HTML or an entity in the Markdown; control characters were already stripped on the way
in. Its lines stay lines: a Markdown viewer would otherwise join goals, research and notes
written on several lines into one run-on paragraph.
"""

from __future__ import annotations

import re
from typing import Any

import orjson

from coach.core.clock import parse_when
from coach.core.debrief import flags_by_line
from coach.core.interview import Interview, PlannedQuestion
from coach.core.pacing import format_offset
from coach.core.text import clean
from coach.core.transcript import Transcript, talk_share
from coach.core.transcript.sections import by_question

MEDIUM_LABELS = {"phone": "phone", "video": "video call", "in_person": "in person"}
FLAG_TITLES = {
    "referral": "Referrals",
    "advice": "Advice to act on",
    "opening": "Openings mentioned",
    "quote": "Quotes",
}

# Characters that start emphasis, code, links, HTML or tables anywhere in a line, and an "&"
# that would begin an entity ("&amp;" stays those five characters; "R&D" needs nothing).
_INLINE = re.compile(r"([\\`*_\[\]<>|~]|&(?=#?\w+;))")
# What turns the start of a line into a heading, quote, list, rule or setext underline.
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


def md(text: str) -> str:
    """Outside text made safe as literal Markdown text (one or more lines)."""
    out = []
    for line in clean(text).split("\n"):
        line = _INLINE.sub(r"\\\1", line)
        line = _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), line)
        out.append(line)
    return "\n".join(out)


def _escape_marker(marker: str) -> str:
    if marker[0].isdigit():
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def md_one_line(text: str) -> str:
    """Like :func:`md`, folded onto one line (for headings and list items)."""
    return md(" ".join(clean(text).split()))


# Two spaces at a line's end are Markdown's hard line break: unseen in a plain-text viewer, so
# the file reads as typed there too (a trailing backslash would show in every line).
HARD_BREAK = "  "


def _block(text: str, indent: str = "  ") -> str:
    """Outside text as Markdown that keeps its lines: each line ends in a hard break, a blank
    line starts a new paragraph, and lines after the first are indented by ``indent`` so that
    a multi-line note stays inside its list item."""
    lines = [line.rstrip() for line in md(text.strip()).split("\n")]
    out: list[str] = []
    for number, line in enumerate(lines):
        if not line:
            if out and out[-1]:
                out[-1] = out[-1].removesuffix(HARD_BREAK)
                out.append("")
            continue
        if out and not out[-1]:
            # A paragraph starting with four spaces of indent would turn into a code block.
            line = line.lstrip()
        last = number == len(lines) - 1
        out.append(line if last else line + HARD_BREAK)
    return ("\n" + indent).join(out)


def _when(value: str | None) -> str:
    when = parse_when(value)
    return when.strftime("%Y-%m-%d %H:%M %z") if when else "not set"


def _question_line(question: PlannedQuestion) -> str:
    mark = " *(must-ask)*" if question.is_must else ""
    return md_one_line(question.text) + mark


def to_markdown(
    interview: Interview, connection: str = "", transcript: Transcript | None = None
) -> str:
    """The interview as a clean Markdown record of the conversation.

    ``connection`` is how the user knows the person ("former colleague"), which lives on the
    contact rather than the interview. With ``transcript``, the call's transcript closes the
    record, question by question (see :func:`transcript_markdown`).
    """
    iv = interview
    out: list[str] = []
    who = md_one_line(iv.contact_name) or "(no name)"
    title = f"# Conversation with {who}"
    if iv.practice:
        title += " (practice)"
    out += [title, ""]
    role = ", ".join(md_one_line(x) for x in (iv.contact_role, iv.contact_org) if x)
    if role:
        out.append(f"- **Who:** {who}, {role}")
    if connection.strip():
        out.append(f"- **How you know them:** {md_one_line(connection)}")
    started = iv.stage("live").started
    out.append(f"- **When:** {_when(started or iv.scheduled_at)}")
    if started and iv.scheduled_at and _when(started) != _when(iv.scheduled_at):
        # A call held earlier or later than planned keeps both times on record.
        out.append(f"- **Planned for:** {_when(iv.scheduled_at)}")
    out.append(f"- **Medium:** {MEDIUM_LABELS.get(iv.medium, iv.medium)}")
    out.append(f"- **Time asked:** {iv.minutes_asked} min")
    out.append(f"- **Status:** {iv.status}")
    if iv.practice:
        out.append("- **Practice run:** not counted")
    out.append("")

    # What was prepared, in the order Prepare asks for it.
    for heading, text in (
        ("Goals", iv.goals),
        ("Research", iv.research),
        ("My introduction", iv.intro),
    ):
        if text.strip():
            out += [f"## {heading}", "", _block(text, ""), ""]

    asked = [q for q in iv.plan.questions if q.id in iv.asked and q.source != "unplanned"]
    asked.sort(key=lambda q: iv.asked.index(q.id))
    unplanned = [q for q in iv.plan.questions if q.source == "unplanned"]
    skipped = [q for q in iv.plan.questions if q.id in iv.skipped]
    not_reached = [
        q
        for q in iv.plan.questions
        if q.id not in iv.asked and q.id not in iv.skipped and q.source != "unplanned"
    ]

    def with_notes(questions: list[PlannedQuestion], numbered: bool = True) -> None:
        for number, question in enumerate(questions, 1):
            marker = f"{number}." if numbered else "-"
            out.append(f"{marker} {_question_line(question)}")
            notes = iv.notes_for(question.id)
            pad = "   " if numbered else "  "
            for note in notes:
                block = _block(note.text, pad + "  ")
                out.append(f"{pad}- `{format_offset(note.offset_s)}` {block}")
            if not notes and numbered:
                out.append(f"{pad}- *(no notes)*")
        out.append("")

    out += ["## Questions asked", ""]
    if asked:
        with_notes(asked)
    else:
        out += ["None.", ""]
    if unplanned:
        out += ["## Unplanned questions", ""]
        with_notes(unplanned)
    loose = iv.notes_for(None)
    if loose:
        out += ["## Other notes", ""]
        out += [f"- `{format_offset(n.offset_s)}` {_block(n.text)}" for n in loose]
        out.append("")
    if skipped:
        out += ["## Skipped", ""]
        with_notes(skipped, numbered=False)
    if not_reached and iv.status != "planned":
        out += ["## Not reached", ""]
        out += [f"- {_question_line(q)}" for q in not_reached]
        out.append("")

    if iv.flags:
        out += ["## Flagged during the call", ""]
        for kind, heading in FLAG_TITLES.items():
            flags = iv.flags_of(kind)
            if flags:
                out += [f"### {heading}", ""]
                out += [f"- `{format_offset(f.offset_s)}` {_block(f.text)}" for f in flags]
                out.append("")

    if iv.cues:
        out += ["## Cues shown", ""]
        out += [f"- `{format_offset(c.offset_s)}` {md_one_line(c.text)}" for c in iv.cues]
        out.append("")

    d = iv.debrief
    if not d.is_empty():
        out += ["## Debrief", ""]
        for label, value in (
            ("What I learned", d.learned),
            ("What surprised me", d.surprised),
            (
                "Interest now",
                f"{d.interest}/5" + (f" — {d.interest_why}" if d.interest_why else "")
                if d.interest is not None
                else d.interest_why,
            ),
            ("Fit with my skills and values", d.fit),
            ("What I still need to know", d.still_need),
        ):
            if value.strip():
                out += [f"**{label}:** {_block(value, '')}", ""]

    if iv.referrals:
        out += ["## Referrals", ""]
        for r in iv.referrals:
            state = "confirmed" if r.confirmed else "to confirm"
            note = f" — {md_one_line(r.note)}" if r.note and r.note != r.name else ""
            out.append(f"- {md_one_line(r.name) or '(no name)'} ({state}){note}")
        out.append("")
    if iv.actions:
        out += ["## Actions", ""]
        for a in iv.actions:
            box = "x" if a.done_at else " "
            out.append(f"- [{box}] {md_one_line(a.text)} (due {a.due}, {a.kind})")
        out.append("")

    ty = iv.thank_you
    if ty.text.strip():
        sent = f"sent {_when(ty.sent_at)}" if ty.sent_at else f"due {_when(ty.due_at)}, not sent"
        out += ["## Thank-you note", "", f"*{sent}*", ""]
        out += ["> " + line if line else ">" for line in _block(ty.text, "").split("\n")]
        out.append("")

    if transcript is not None:
        out += transcript_markdown(iv, transcript)

    return "\n".join(out).rstrip() + "\n"


def transcript_markdown(interview: Interview, transcript: Transcript) -> list[str]:
    """The lines of the record's "Transcript" section: who talked how much, then what was said
    under each question of the plan (what belongs to none first), each line with its time in
    the recording, who said it, and what it was flagged as."""
    share = talk_share(transcript)
    said = f"{transcript.format_name}"
    if transcript.source:
        said += f", from {transcript.source}"
    out = ["## Transcript", "", f"*{md_one_line(said)}. Talk: {md_one_line(share.summary())}*", ""]
    if share.coaching:
        out += [f"**{md_one_line(share.coaching)}**", ""]
    flagged = flags_by_line(interview, transcript)
    for part in by_question(interview, transcript):
        if not part.lines:
            continue
        out += [f"### {md_one_line(part.heading)}", ""]
        for index in part.lines:
            segment = transcript.segments[index]
            who = md_one_line(segment.speaker) or "(unnamed)"
            kinds = flagged.get(index, [])
            mark = f" *(flagged: {', '.join(kinds)})*" if kinds else ""
            out.append(
                f"- `{format_offset(segment.start)}` **{who}:** {_block(segment.text)}{mark}"
            )
        out.append("")
    return out


def transcript_json(transcript: Transcript) -> dict[str, Any]:
    """The ``"transcript"`` value of the JSON record, a contract scripts rely on: exactly
    ``format``, ``me``, ``segments`` (each ``start``, ``end``, ``speaker``, ``text`` and
    ``question_id``) and ``talk_share`` (each speaker's fraction of the talk, 0..1)."""
    share = talk_share(transcript)
    return {
        "format": transcript.format,
        "me": transcript.me,
        "segments": [segment.to_dict() for segment in transcript.segments],
        "talk_share": {name: round(value, 4) for name, value in share.overall.items()},
    }


# What the store keeps of a transcript beyond the contract: carried in the export under its
# own key, so that `coach interviews import` brings the transcript back exactly.
TRANSCRIPT_DETAILS = "transcript_details"


def to_json(interview: Interview, transcript: Transcript | None = None) -> str:
    """The interview document as indented JSON (the shape the store keeps), with the call's
    transcript under ``"transcript"`` (null when there is none; see :func:`transcript_json`)
    and what the store keeps of it besides under ``"transcript_details"``."""
    data: Any = interview.to_dict()
    data["transcript"] = transcript_json(transcript) if transcript is not None else None
    if transcript is not None:
        stored = transcript.to_dict()
        data[TRANSCRIPT_DETAILS] = {
            key: value for key, value in stored.items() if key not in data["transcript"]
        }
    return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n"
