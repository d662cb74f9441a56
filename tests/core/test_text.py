import pytest

from coach.core.text import clean, clean_line, counted


def test_a_count_of_one_takes_the_singular_and_others_the_plural():
    assert counted(1, "follow-up") == "1 follow-up"
    assert counted(0, "follow-up") == "0 follow-ups"
    assert counted(2, "contact") == "2 contacts"
    assert counted(3, "person", "people") == "3 people"


@pytest.mark.parametrize(
    ("outside", "kept"),
    [
        ("\x1b[31mRed\x1b[0m Lee", "Red Lee"),  # colour codes, whole
        ("Sam\x1b[2J Lee", "Sam Lee"),  # clear screen
        ("a\x1b]0;new title\x07b", "ab"),  # window title, ended by BEL
        ("\x1b]8;;https://x.test\x1b\\link\x1b]8;;\x1b\\", "link"),  # hyperlink, ended by ST
        ("\x9b31mone-byte", "31mone-byte"),  # a lone C1 control goes, as any control does
        ("x\x1bcy", "xy"),  # a two-byte ESC sequence
        ("a\x1b]no end here", "ano end here"),  # unended: only the ESC and bracket go
        ("tab\tand\nnewline\x07", "tab\tand\nnewline"),
        # A stray ESC before ordinary words takes no words with it.
        ("x\x1b[12 apples", "x12 apples"),
        ("x\x1b apples", "x apples"),
        ("a\x1b]0;t\nnext line\x07 end", "a0;t\nnext line end"),
        ("A\x9d middle \x9c end", "A middle  end"),
        ("[31m typed as text", "[31m typed as text"),  # no ESC: text, kept as written
    ],
)
def test_cleaning_removes_whole_escape_sequences_and_keeps_the_text_around_them(outside, kept):
    assert clean(outside) == kept


BIDI_CONTROLS = [
    "\u061c",  # Arabic letter mark
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\u202a",  # left-to-right embedding
    "\u202b",  # right-to-left embedding
    "\u202c",  # pop directional formatting
    "\u202d",  # left-to-right override
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\u2067",  # right-to-left isolate
    "\u2068",  # first strong isolate
    "\u2069",  # pop directional isolate
]


@pytest.mark.parametrize("control", BIDI_CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_bidirectional_controls_are_removed_like_control_characters(control):
    assert clean(f"Ana{control} Silva") == "Ana Silva"
    assert clean_line(f"{control}Ana Silva{control}") == "Ana Silva"


def test_a_right_to_left_override_in_a_name_cannot_reverse_the_text_after_it():
    # Shown raw, this reads "Ana Silva, invoice cod.exe" on screen.
    name = "Ana Silva, invoice \u202eexe.doc"
    assert clean_line(name) == "Ana Silva, invoice exe.doc"
    assert clean(f"Called {name}\u202c today.\n") == "Called Ana Silva, invoice exe.doc today.\n"


def test_text_in_right_to_left_scripts_and_joined_emoji_is_kept_whole():
    for text in ["שלום עולם", "مرحبا بالعالم", "Zoë 👩\u200d💻", "Ana\u00a0Silva"]:
        assert clean(text) == text


def test_the_fast_paths_of_clean_and_clean_line_change_no_answer() -> None:
    import random

    from coach.core import text as module
    from coach.core.text import clean, clean_line

    def slow_clean(value: str) -> str:  # the rules without the printable-text shortcut
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        if "\x1b" in value:
            value = module._ESCAPE.sub("", value)
        return module._CONTROL.sub("", value)

    pool = [
        *"ab Zoë-O'Neil,.",
        " ", "  ", "\t", "\n", "\r", "\x00", "\x07", "\x1b", "[", "2J", "\x7f", "\x85",
        "\u00a0", "\u2003", "\u200b", "\u202e", "\u2066", "\ufeff", "😀", "\u0301",
    ]  # fmt: skip
    rng = random.Random(7)
    for _ in range(5000):
        value = "".join(rng.choice(pool) for _ in range(rng.randint(0, 12)))
        assert clean(value) == slow_clean(value), repr(value)
        assert clean_line(value) == " ".join(slow_clean(value).split()), repr(value)
