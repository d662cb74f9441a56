"""Strict YAML: bytes in, a tree of text-only nodes out, with every refusal located.

Every YAML file coach reads (question sets, request templates, the settings file) goes through
here. We never let PyYAML construct Python objects. The parser's event stream is turned into our
own nodes, so every scalar stays the exact text the author wrote (``no``, ``on``, ``0123`` and
``1:30`` are never booleans, octals or sexagesimals), aliases are never expanded (an alias bomb
costs nothing), tags never reach a constructor, and a duplicate key is an error rather than a
silent overwrite. What the nodes must hold is for the caller to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from coach.core.problem import WHOLE_FILE, Problem

# Larger than any set, template or settings file a person writes by hand; checked before parsing.
MAX_BYTES = 256 * 1024

# The C parser is several times faster; the pure-Python one gives the same events.
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# After CRLF and lone CR become newlines: C0 controls except tab and newline, DEL, C1 controls,
# and the surrogates that stand for bytes which were not valid UTF-8.
_REFUSED_CHAR = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\udc80-\udcff]")
# What a double-quoted scalar may not yield through its escapes (\e, \a, \x1b, \u0007, \r...):
# the same controls, and any surrogate (the pure-Python parser turns \ud800 into one).
_REFUSED_IN_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_MAX_CHAR_PROBLEMS = 20
# How much of the start of a file shows whether it is text at all.
_SAMPLE_CHARS = 1000
_YAML_CORE_TAG = "tag:yaml.org,2002:"


@dataclass(frozen=True)
class FileKind:
    """What a kind of YAML file is called in messages, and what to do about one that is too big."""

    name: str
    when_too_big: str


@dataclass(slots=True)
class Scalar:
    """A scalar, always kept as the text written in the file."""

    value: str
    line: int
    col: int


@dataclass(slots=True)
class Sequence:
    """A YAML list."""

    items: list[Node]
    line: int
    col: int


@dataclass(slots=True)
class Mapping:
    """A YAML mapping; ``entries`` maps each key's text to its key node and value node."""

    entries: dict[str, tuple[Scalar, Node]]
    line: int
    col: int


@dataclass(slots=True)
class Refused:
    """Stands where a node was refused (an alias); its problem is already reported."""

    line: int
    col: int


Node = Scalar | Sequence | Mapping | Refused


@dataclass
class _Open:
    """A mapping or list whose children are still arriving from the parser."""

    node: Mapping | Sequence
    path: str
    key: Scalar | Refused | None = None
    keys_seen: dict[str, Scalar] = field(default_factory=dict)


def size_problem(source: str, size: int, kind: FileKind) -> Problem:
    """The problem reported for a file of ``size`` bytes that exceeds :data:`MAX_BYTES`."""
    shown = f"{size / 1024 / 1024:.1f} MiB" if size >= 1024 * 1024 else f"{size:,} bytes"
    return Problem(
        source,
        1,
        1,
        WHOLE_FILE,
        f"file is {shown}; {kind.name} may be at most 256 KiB ({MAX_BYTES:,} bytes); "
        f"{kind.when_too_big}",
    )


def read_tree(data: bytes, source: str, kind: FileKind) -> tuple[Node | None, list[Problem]]:
    """Parse ``data`` (the bytes of one file called ``source``) into a node tree.

    Returns the root node (``None`` when nothing usable could be read, including an empty file)
    and every problem found: oversize, bad encoding, control characters, syntax errors,
    anchors, aliases, tags, duplicate keys, more than one document.
    """
    if len(data) > MAX_BYTES:
        return None, [size_problem(source, len(data), kind)]
    text = data.decode("utf-8", errors="surrogateescape")
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    char_problems = _character_problems(text, source, kind)
    if char_problems:
        return None, char_problems
    return _Builder(source).build(text)


def join_path(parent: str, key: str) -> str:
    """The path of ``key`` inside the mapping at ``parent`` (``sections[0]`` + ``id``)."""
    return f"{parent}.{key}" if parent else key


def _character_problems(text: str, source: str, kind: FileKind) -> list[Problem]:
    refused = list(_REFUSED_CHAR.finditer(text))
    if not refused:
        return []
    sample = text[:_SAMPLE_CHARS]
    in_sample = sum(1 for match in refused if match.start() < _SAMPLE_CHARS)
    if in_sample * 4 > len(sample):
        # Mostly refused: a picture or an archive given by mistake, not a set with a few bad
        # characters. One line says so instead of twenty about single bytes.
        return [
            Problem(
                source,
                1,
                1,
                WHOLE_FILE,
                f"not a text file ({in_sample} of its first {len(sample)} characters are not "
                f"UTF-8 text); {kind.name} is a YAML file saved as UTF-8",
            )
        ]

    def where(start: int) -> tuple[int, int]:
        line = text.count("\n", 0, start) + 1
        return line, start - (text.rfind("\n", 0, start) + 1) + 1

    problems: list[Problem] = []
    for match in refused[:_MAX_CHAR_PROBLEMS]:
        char = match.group()
        if "\udc80" <= char <= "\udcff":
            message = f"byte 0x{ord(char) - 0xDC00:02x} is not valid UTF-8; save the file as UTF-8"
        else:
            message = (
                f"control character U+{ord(char):04X} is not allowed (only newline and tab are)"
            )
        problems.append(Problem(source, *where(match.start()), WHOLE_FILE, message))
    if len(refused) > _MAX_CHAR_PROBLEMS:
        # Placed at the first one left out, so that sorted by position it comes last.
        rest = len(refused) - _MAX_CHAR_PROBLEMS
        line, col = where(refused[_MAX_CHAR_PROBLEMS].start())
        problems.append(
            Problem(source, line, col, WHOLE_FILE, f"{rest} more refused characters from here on")
        )
    return problems


# What PyYAML was reading when a file ended too soon, in the words of someone writing a set.
_UNCLOSED = {
    "while scanning a quoted scalar": "a quoted text",
    "while parsing a flow sequence": "a [ ] list",
    "while parsing a flow mapping": "a { } mapping",
}


class _Builder:
    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.stack: list[_Open] = []
        self.root: Node | None = None
        self.documents = 0

    def problem(self, line: int, col: int, message: str, path: str = "") -> None:
        self.problems.append(Problem(self.source, line, col, path or WHOLE_FILE, message))

    def child_path(self) -> str:
        """The key path of the node the parser is about to hand us."""
        if not self.stack:
            return ""
        top = self.stack[-1]
        if isinstance(top.node, Sequence):
            return f"{top.path}[{len(top.node.items)}]"
        if isinstance(top.key, Scalar):
            return join_path(top.path, top.key.value)
        return top.path

    def build(self, text: str) -> tuple[Node | None, list[Problem]]:
        try:
            for event in yaml.parse(text, Loader=_Loader):
                if not self.take(event):
                    break
        except yaml.MarkedYAMLError as error:
            self._syntax_error(error)
            return None, self.problems
        except yaml.YAMLError as error:
            self.problem(1, 1, f"YAML syntax error: {error}")
            return None, self.problems
        return self.root, self.problems

    def _syntax_error(self, error: yaml.MarkedYAMLError) -> None:
        what = error.problem or "the YAML could not be read"
        context = error.context or ""
        mark = error.problem_mark or error.context_mark
        if "end of stream" in what and error.context_mark is not None:
            # Found at the end of the file, but the mistake is where the unclosed thing began:
            # point there, the line a person has to fix.
            mark = error.context_mark
            unclosed = _UNCLOSED.get(context)
            message = (
                f"{unclosed} that starts here is never closed"
                if unclosed
                else f"{what} ({context}, which starts here)"
            )
        elif context in _UNCLOSED and error.context_mark is not None:
            begun = error.context_mark
            message = (
                f"{what} in {_UNCLOSED[context]} that starts at line {begun.line + 1}, "
                f"column {begun.column + 1}"
            )
        else:
            message = f"{what} ({context})" if context else what
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        self.problem(line, col, f"YAML syntax error: {message}")

    def take(self, event: yaml.Event) -> bool:
        """Handle one parser event; False stops reading."""
        mark = event.start_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.problem(line, col, "only one YAML document per file; remove the second '---'")
                return False
            return True
        if isinstance(event, yaml.AliasEvent):
            self.problem(
                line,
                col,
                f"aliases (*{event.anchor}) are not allowed; write the value out in full",
                self.child_path(),
            )
            self.attach(Refused(line, col))
            return True
        if not isinstance(event, yaml.NodeEvent):
            if isinstance(event, yaml.CollectionEndEvent):
                self.attach(self.stack.pop().node)
            return True
        path = self.child_path()
        if event.anchor is not None:
            self.problem(line, col, f"anchors (&{event.anchor}) are not allowed", path)
        tag = getattr(event, "tag", None)
        if tag is not None:
            shown = "!!" + tag[len(_YAML_CORE_TAG) :] if tag.startswith(_YAML_CORE_TAG) else tag
            self.problem(
                line, col, f"tags ({shown}) are not allowed; every value is plain text", path
            )
        if isinstance(event, yaml.ScalarEvent):
            refused = _REFUSED_IN_TEXT.search(event.value)
            if refused is None:
                self.attach(Scalar(event.value, line, col))
                return True
            # Refused, not cleaned: a file that asks for a control character (through an
            # escape) is wrong, and quietly dropping part of it would hide that.
            char = ord(refused.group())
            message = (
                f"control character U+{char:04X} in text"
                if not 0xD800 <= char <= 0xDFFF
                else f"U+{char:04X} in text is half of a surrogate pair, not a character"
            )
            self.problem(line, col, message, path)
            self.attach(Refused(line, col))
        elif isinstance(event, yaml.MappingStartEvent):
            self.stack.append(_Open(Mapping({}, line, col), path))
        elif isinstance(event, yaml.SequenceStartEvent):
            self.stack.append(_Open(Sequence([], line, col), path))
        return True

    def attach(self, node: Node) -> None:
        if not self.stack:
            self.root = node
            return
        parent = self.stack[-1]
        if isinstance(parent.node, Sequence):
            parent.node.items.append(node)
            return
        if parent.key is None:
            if isinstance(node, Scalar):
                parent.key = node
            else:
                if not isinstance(node, Refused):
                    self.problem(node.line, node.col, "keys must be plain text", parent.path)
                parent.key = Refused(node.line, node.col)
            return
        key, parent.key = parent.key, None
        if isinstance(key, Refused):
            return
        first = parent.keys_seen.get(key.value)
        if first is not None:
            self.problem(
                key.line,
                key.col,
                f"duplicate key '{key.value}' (first given at line {first.line})",
                join_path(parent.path, key.value),
            )
            return
        parent.keys_seen[key.value] = key
        parent.node.entries[key.value] = (key, node)
