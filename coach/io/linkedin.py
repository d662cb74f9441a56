"""LinkedIn's Connections.csv export, and choosing a reader for any contacts file.

The export does not start with its header: a few lines of notes come first, and their number has
changed over the years. We look for the row that names the columns instead of skipping a fixed
count. Quoted fields may hold commas and newlines; line ends may be CRLF; most emails are empty.
The whole file is read before anything is returned, so a malformed one is refused as a whole.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

from coach.core.contact import Contact
from coach.core.file_errors import ImportFileError
from coach.core.merge import ImportRead, Incoming, Skipped
from coach.core.text import clean_line
from coach.io.decoding import utf8_text

# Column titles as the export spells them, folded to lower case; older exports lack URL.
_COLUMNS = {
    "first name": "first",
    "last name": "last",
    "url": "url",
    "profile url": "url",
    "email address": "email",
    "email": "email",
    "company": "company",
    "position": "position",
    "connected on": "connected",
}
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_LINE_END = re.compile(r"(\r\n|\n|\r)")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*[ -](\d{4})")


class LinkedInError(ImportFileError):
    """A Connections.csv that cannot be read; the message names the line."""


def connected_on(text: str) -> str | None:
    """``05 Oct 2020`` (or ``2020-10-05``) as ``2020-10-05``; None when it is not a date.

    Month names are matched in English by hand: ``strptime``'s ``%b`` follows the user's locale.
    """
    text = text.strip()
    match = _DAY_MONTH_YEAR.fullmatch(text)
    try:
        if match:
            month = _MONTHS.get(match.group(2).lower())
            if month is None:
                return None
            return date(int(match.group(3)), month, int(match.group(1))).isoformat()
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def _physical_lines(text: str) -> list[str]:
    # Keep each line's own ending so the csv module sees quoted newlines exactly as written.
    pieces = _LINE_END.split(text)
    lines = [
        pieces[i] + (pieces[i + 1] if i + 1 < len(pieces) else "") for i in range(0, len(pieces), 2)
    ]
    return [line for line in lines if line]


def _header_map(cells: list[str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = _COLUMNS.get(" ".join(cell.strip().lower().split()))
        if key and key not in found:
            found[key] = index
    if "first" in found and "last" in found:
        return found
    return None


def read_connections(data: bytes, source: str = "Connections.csv") -> ImportRead:
    """Parse a LinkedIn Connections.csv into contacts to import and rows skipped with a reason.

    Raises :class:`LinkedInError` with the line number when the file is not UTF-8, has no
    header row, has a row with more or fewer fields than the header, or ends inside a quote.
    """
    text = utf8_text(data, source, "save the file as CSV UTF-8 and import it again", LinkedInError)
    lines = _physical_lines(text)
    header_at: int | None = None
    columns: dict[str, int] = {}
    for index, line in enumerate(lines):
        try:
            cells = next(csv.reader([line]), [])
        except csv.Error:
            continue
        found = _header_map(cells)
        if found is not None:
            header_at, columns = index, found
            width = len(cells)
            break
    if header_at is None:
        raise LinkedInError(
            f"{source}:1: no header row with First Name and Last Name; "
            "is this LinkedIn's Connections.csv?"
        )

    result = ImportRead()
    reader = csv.reader(lines[header_at + 1 :], strict=True)
    first_line = header_at + 2  # 1-based number of the line after the header
    consumed = 0
    while True:
        start = first_line + consumed
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise LinkedInError(f"{source}:{start}: {error}") from None
        consumed = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != width:
            raise LinkedInError(f"{source}:{start}: {len(row)} fields where the header has {width}")

        def cell(key: str, row: list[str] = row) -> str:
            index = columns.get(key)
            return clean_line(row[index]) if index is not None else ""

        name = clean_line(f"{cell('first')} {cell('last')}")
        url = cell("url")
        if not name and not url:
            result.skipped.append(Skipped(start, "no name and no profile URL"))
            continue
        connected = cell("connected")
        day = connected_on(connected)
        if connected and day is None:
            result.remarks.append(
                Skipped(start, f"Connected On {connected!r} is not a date; left out")
            )
        result.incoming.append(
            Incoming(
                Contact(
                    name=name or url,
                    organisation=cell("company"),
                    role=cell("position"),
                    email=cell("email"),
                    profile_url=url,
                    connected_on=day,
                    source="linkedin",
                ),
                start,
            )
        )
    return result


def read_contacts_file(path: Path) -> ImportRead:
    """Read a contacts file of either kind: vCard (``.vcf`` or content starting ``BEGIN:VCARD``)
    or LinkedIn CSV. Raises :class:`ImportFileError` for unreadable or malformed files.
    """
    from coach.io.vcard import read_vcards

    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(f"{path}: cannot read ({error.strerror})") from None
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n").upper()
    if path.suffix.lower() in (".vcf", ".vcard") or head.startswith(b"BEGIN:VCARD"):
        return read_vcards(data, str(path))
    return read_connections(data, str(path))
