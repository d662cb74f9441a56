"""vCard 2.1, 3.0 and 4.0 (RFC 2426, RFC 6350): reading contacts in, writing 3.0 out.

Reading handles folded lines, escaped commas and semicolons, Apple's ``itemN.`` property groups
(``item1.URL`` with its ``item1.X-ABLabel``), and cards without FN (the name is then built from N,
ORG or EMAIL). Android and Outlook still export vCard 2.1, whose values may be quoted-printable
(``Zo=C3=AB``, with ``=`` at a line end continuing the value) in the ``CHARSET`` it names; those
are decoded. Photos, logos, sounds and keys are skipped unread. The whole file is parsed before
anything is returned: a malformed file raises :class:`VCardError` naming its line, so the caller
writes nothing.
"""

from __future__ import annotations

import binascii
import codecs
from collections.abc import Iterable
from dataclasses import replace

from coach.core.contact import Contact
from coach.core.file_errors import ImportFileError
from coach.core.merge import ImportRead, Incoming, Skipped
from coach.core.text import clean, clean_line
from coach.io.content_lines import (
    CRLF,
    ContentLine,
    ContentLineError,
    escape_text,
    fold,
    parse_content_line,
    split_unescaped,
    unescape_text,
    unfold,
)
from coach.io.decoding import utf8_text


class VCardError(ImportFileError):
    """A malformed vCard file; the message names the line."""


# Properties whose values are binary (or long) and that no contact field uses.
_UNUSED = ("PHOTO", "LOGO", "SOUND", "KEY")


def _decoded(prop: ContentLine) -> ContentLine:
    # vCard 2.1: ENCODING=QUOTED-PRINTABLE (or the bare QUOTED-PRINTABLE parameter), the bytes
    # being in CHARSET (UTF-8 when it is not named or not known).
    encodings = [value.upper() for value in prop.params.get("ENCODING", [])]
    if "QUOTED-PRINTABLE" not in encodings and "QUOTED-PRINTABLE" not in prop.params:
        return prop
    data = binascii.a2b_qp(prop.value.encode("utf-8"))
    charset = next(iter(prop.params.get("CHARSET", [])), "utf-8")
    try:
        codecs.lookup(charset)
    except LookupError:
        charset = "utf-8"
    return replace(prop, value=data.decode(charset, errors="replace"))


def _text(prop: ContentLine) -> str:
    return clean(unescape_text(prop.value))


def _pref(props: list[ContentLine]) -> ContentLine | None:
    # PREF (3.0: TYPE=pref; 4.0: PREF=1) wins; otherwise the first one.
    for prop in props:
        types = [t.lower() for t in prop.params.get("TYPE", [])]
        # 2.1 writes the bare parameter (TEL;WORK;PREF:...).
        if "pref" in types or "PREF" in prop.params:
            return prop
    return props[0] if props else None


def _looks_like_profile(url: str) -> bool:
    return "linkedin.com/" in url.lower()


def _card_contact(props: list[ContentLine]) -> Contact | None:
    by_name: dict[str, list[ContentLine]] = {}
    for prop in props:
        by_name.setdefault(prop.name, []).append(prop)

    def first(name: str) -> str:
        found = by_name.get(name)
        return _text(found[0]).strip() if found else ""

    org = ""
    if "ORG" in by_name:
        # ORG is "name;unit;sub-unit"; the organisation's name alone is what matches elsewhere.
        org = clean_line(unescape_text(split_unescaped(by_name["ORG"][0].value, ";")[0]))
    email_prop = _pref(by_name.get("EMAIL", []))
    email = clean_line(_text(email_prop)) if email_prop else ""
    email = email.removeprefix("mailto:")
    tel_prop = _pref(by_name.get("TEL", []))
    phone = clean_line(_text(tel_prop)).removeprefix("tel:") if tel_prop else ""

    name = clean_line(first("FN"))
    if not name and "N" in by_name:
        parts = [unescape_text(p) for p in split_unescaped(by_name["N"][0].value, ";")]
        family, given, additional, prefix, suffix = (parts + [""] * 5)[:5]
        name = clean_line(" ".join(p for p in (prefix, given, additional, family, suffix) if p))
    if not name:
        name = org or email
    if not (name or org or email):
        return None

    urls = [clean_line(_text(p)) for p in by_name.get("URL", [])]
    urls += [clean_line(_text(p)) for p in by_name.get("X-SOCIALPROFILE", [])]
    # Apple labels a URL through its group (item1.URL + item1.X-ABLabel:LinkedIn).
    labels = {p.group: _text(p).lower() for p in by_name.get("X-ABLABEL", []) if p.group}
    labelled = [
        clean_line(_text(p))
        for p in by_name.get("URL", [])
        if p.group and "linkedin" in labels.get(p.group, "")
    ]
    profile = next(
        (u for u in [*labelled, *urls] if _looks_like_profile(u)), urls[0] if urls else ""
    )

    tags: list[str] = []
    for prop in by_name.get("CATEGORIES", []):
        for part in split_unescaped(prop.value, ","):
            tag = clean_line(unescape_text(part))
            if tag and tag not in tags:
                tags.append(tag)
    notes = "\n".join(_text(p).strip() for p in by_name.get("NOTE", []) if _text(p).strip())
    return Contact(
        name=name,
        organisation=org,
        role=clean_line(first("TITLE")) or clean_line(first("ROLE")),
        email=email,
        phone=phone,
        profile_url=profile,
        tags=tags,
        notes=notes,
        source="vcard",
    )


def read_vcards(data: bytes, source: str = "file") -> ImportRead:
    """Parse a .vcf file holding any number of cards.

    Raises :class:`VCardError` (with the line number) for text that is not UTF-8, a line that is
    not ``NAME:value``, a card that is never closed, or content outside a card.
    """
    text = utf8_text(data, source, "export the cards as UTF-8 (vCard 3.0 or 4.0)", VCardError)
    result = ImportRead()
    current: list[ContentLine] | None = None
    card_line = 0
    for number, line in unfold(text, soft_breaks=True):
        if not line.strip():
            continue
        try:
            prop = parse_content_line(line)
        except ContentLineError as error:
            raise VCardError(f"{source}:{number}: {error}") from None
        if prop.name == "BEGIN" and prop.value.strip().upper() == "VCARD":
            if current is not None:
                raise VCardError(
                    f"{source}:{number}: a new card starts before line {card_line}'s ended"
                )
            current, card_line = [], number
        elif prop.name == "END" and prop.value.strip().upper() == "VCARD":
            if current is None:
                raise VCardError(f"{source}:{number}: END:VCARD without BEGIN:VCARD")
            contact = _card_contact(current)
            if contact is None:
                result.skipped.append(Skipped(card_line, "card has no name, organisation or email"))
            else:
                result.incoming.append(Incoming(contact, card_line))
            current = None
        elif current is None:
            raise VCardError(f"{source}:{number}: {prop.name} outside BEGIN:VCARD ... END:VCARD")
        elif prop.name not in _UNUSED:
            current.append(_decoded(prop))
    if current is not None:
        raise VCardError(f"{source}:{card_line}: card is never closed with END:VCARD")
    if not result.incoming and not result.skipped:
        raise VCardError(f"{source}:1: no BEGIN:VCARD found; is this a vCard file?")
    return result


def _split_name(name: str) -> tuple[str, str]:
    parts = name.split()
    if len(parts) < 2:
        return name, ""
    return parts[-1], " ".join(parts[:-1])


def write_vcards(contacts: Iterable[Contact]) -> str:
    """vCard 3.0 text for ``contacts`` (CRLF, folded at 75 octets), one card each."""
    lines: list[str] = []
    for contact in contacts:
        family, given = _split_name(contact.name)
        card = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"UID:coach-{contact.id}",
            f"FN:{escape_text(contact.name)}",
            f"N:{escape_text(family)};{escape_text(given)};;;",
        ]
        if contact.organisation:
            card.append(f"ORG:{escape_text(contact.organisation)}")
        if contact.role:
            card.append(f"TITLE:{escape_text(contact.role)}")
        if contact.email:
            card.append(f"EMAIL;TYPE=INTERNET:{escape_text(contact.email)}")
        if contact.phone:
            card.append(f"TEL:{escape_text(contact.phone)}")
        if contact.profile_url:
            # URL is a URI value, not text: its commas are not escaped.
            card.append(f"URL:{clean_line(contact.profile_url)}")
        if contact.tags:
            card.append("CATEGORIES:" + ",".join(escape_text(t) for t in contact.tags))
        if contact.notes:
            card.append(f"NOTE:{escape_text(contact.notes)}")
        card.append("END:VCARD")
        lines.extend(card)
    return "".join(fold(line) + CRLF for line in lines)
