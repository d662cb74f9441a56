"""The paste cleaner in front of Textual's input parser, fed the way a terminal feeds it."""

from __future__ import annotations

from coach.tui.paste import CleanPasteParser

STREAM = "ab\x1b[200~P1\x1b[2J clear\x1b]0;title\x07 more\x1b[201~cd\x1b[200~x\x1b y\x1b[201~\x1b"
WANTED = "ab\x1b[200~P1 clear more\x1b[201~cd\x1b[200~x y\x1b[201~\x1b"


def test_a_paste_is_cleaned_wherever_the_reads_cut_it() -> None:
    for first in range(len(STREAM) + 1):
        for second in range(first, len(STREAM) + 1):
            parser = CleanPasteParser()
            out = "".join(
                parser.clean_pastes(part)
                for part in (STREAM[:first], STREAM[first:second], STREAM[second:])
            )
            assert out == WANTED, (first, second)


def test_text_outside_a_paste_passes_at_once_even_a_lone_escape() -> None:
    parser = CleanPasteParser()
    assert parser.clean_pastes("\x1b") == "\x1b"
    assert parser.clean_pastes("q\x1b[15~") == "q\x1b[15~"
