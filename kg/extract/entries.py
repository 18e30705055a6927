"""Grant and project list entries read from their parts, in any order and in fi/sv/en.

An entry is a recipient (a name shaped like an organisation's, kg.extract.orgs), with an
amount, a project title or both beside it: on one line ("1. X ry, 10 000 €", "EUR 10,000 –
X Association", "X ry: Title (8 000 €)", "Title (X Association)") or in a short block of
lines between blank lines ("X ry" / "Title" / "10 000 euroa"). A list is two entries or more
with amounts, or three list items or more under a line announcing grants or a selection; a
list of entries gives one project each (kg.extract.projects).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extract import orgs, titles
from kg.extract.layout import CLOCK, is_agenda, is_prose
from kg.extract.money import find_amounts
from kg.extract.places import find_places
from kg.extract.segment import LIST_MARK, Segments
from kg.extract.settings import ORG_HEADS

_DIGIT = re.compile(r"\d")  # an entry with an amount has a digit; one without, a list mark
_PARTS = re.compile(r":\s|\s[–-]\s|[()]|,\s|;\s")
# A verb inside the line makes it a sentence, not an entry.
SENTENCE_VERB = re.compile(
    r"\b(?:sai|saa|saivat|myönnettiin|myönsi|myöntää|jakoi|jakaa|jakanut|myöntänyt|ovat|oli|"
    r"får|fick|erhöll|beviljades|beviljade|beviljar|delade|satsar|satsade|är|var|har|"
    r"received|receives|gets|got|awarded|awards|granted|gave|invests|invested|is|are|was|has)\b",
    re.I)
# A line announcing the list below it: grants given or projects selected.
_ANNOUNCES = re.compile(r"\b(?:myön\w*|avustu\w*|rahoit\w*|valit\w*|saivat|seuraav\w*|"
                        r"bevilja\w*|bidrag\w*|stöd\w*|understöd\w*|utvald\w*|följande|"
                        r"grant\w*|award\w*|fund\w*|selected|following)\b", re.I)
# What a grant is for, in an entry: "för projektet X", "for the project X", "hankkeeseen X".
PURPOSE_TITLE = re.compile(
    r"^\(?(?:(?:för|till|for|to)\s+)?(?:the\s+)?(?:\w*projektet|project|\w*hankkeeseen|"
    r"\w*hankkeelle|\w*projektiin|\w*projektille)\s+[”\"“']?(?P<title>[^”\"“'()]{2,120}?)"
    r"[”\"“']?\)?\.?$", re.I)
_MAX_WORDS = 20  # an entry line longer than this is prose
_MIN_LISTED = 3  # list items without amounts that make a list under an announcing line
_BLOCK_LINES = 4  # a block entry has this many lines at most
_PLACE_WORDS = 3  # a place name beside a recipient has this many words at most


@dataclass
class Entry:
    line: int  # the entry's first line
    recipient: tuple[str, int, int] | None  # name and its text offsets
    title: str | None
    eur: float | None
    purpose: str | None = None


@dataclass
class _Parts:
    recipient: tuple[str, int] | None = None  # name, offset in the line
    title: str | None = None
    eur: float | None = None
    purpose: str | None = None


def _read_parts(body: str) -> _Parts:
    """The recipient, title, amount and purpose among the parts of one line."""
    found = _Parts()
    amounts = find_amounts(body)
    if amounts:
        found.eur = amounts[0].eur
        tail = body[amounts[0].end:].strip(" .,:–-)")
        if tail[:1].islower():
            found.purpose = tail
            body = body[:amounts[0].end]
        body = body[:amounts[0].start] + " ; " + body[amounts[0].end:]
    town = _TOWN_THEN_PURPOSE.match(body)
    if town and _is_place(town.group("town").strip()):  # "X ry, Porvoo. Toimintaan, 30 000 €"
        found.purpose = found.purpose or town.group("purpose").strip(" ;,.")
        body = town.group("head")
    offset = 0
    for part in _PARTS.split(body):
        offset = body.index(part, offset) if part else offset
        text = part.strip(" .")
        if not text or find_amounts(text) or _is_place(text):
            continue
        if found.recipient is None and orgs.looks_like_org(text):
            found.recipient = (text, offset + part.index(text))
        elif found.title is None and titles.is_valid_title(text) and \
                not orgs.looks_like_org(text):
            found.title = text
    purpose = PURPOSE_TITLE.match(found.purpose or "")
    if purpose:
        found.title = purpose.group("title").strip()
    return found


# an agency's list line "Org, Town. What the grant is for, 30 000 €": after the town and its
# full stop comes the grant's purpose, not a title
_TOWN_THEN_PURPOSE = re.compile(r"^(?P<head>[^.;]+?,\s(?P<town>[^,.;]+))\.\s"
                                r"(?P<purpose>[A-ZÅÄÖ].*)$")
_PARENS_TAIL = re.compile(r"\s*\(([^()]+)\)$")


def without_place(name: str) -> str:
    """A recipient's name without the town after it in parentheses ("Sävel rf (Vasa)")."""
    tail = _PARENS_TAIL.search(name)
    return name[:tail.start()] if tail and _is_place(tail.group(1).strip()) else name


@lru_cache(maxsize=20_000)
def _is_place(text: str) -> bool:
    """A town or region alone ("Vasa", "Helsingfors"), in Finnish or Swedish."""
    if not text[:1].isupper() or len(text.split()) > _PLACE_WORDS:
        return False
    return any(p.end - p.start == len(text) for lang in ("fi", "sv")
               for p in find_places(text, lang, []))


def _line_parts(seg: Segments, index: int) -> tuple[_Parts, int] | None:
    """The parts of one line that could be (part of) an entry, with the body's offset."""
    text = seg.lines[index].text
    stripped = text.strip()
    mark = LIST_MARK.match(stripped)
    body = stripped[mark.end():] if mark else stripped
    if not body or len(body.split()) > _MAX_WORDS or SENTENCE_VERB.search(body) or \
            (is_prose(body) and body.endswith(".")):
        return None
    start = seg.lines[index].start + text.index(body)
    return _read_parts(body), start


def _entry(index: int, parts: _Parts, start: int) -> Entry | None:
    if parts.recipient is None:
        return None
    name, at = parts.recipient
    return Entry(index, (name, start + at, start + at + len(name)), parts.title, parts.eur,
                 parts.purpose)


def line_entries(seg: Segments) -> list[Entry]:
    """Entries one a line: two with amounts, or a run of list items under an announcement."""
    entries: list[Entry] = []
    for index, line in enumerate(seg.lines):
        text = line.text.strip()
        read = _line_parts(seg, index) if _DIGIT.search(text) or LIST_MARK.match(text) else None
        entry = _entry(index, *read) if read else None
        if entry and (entry.eur is not None or entry.title or LIST_MARK.match(line.text.strip())):
            entries.append(entry)
    with_amounts = [e for e in entries if e.eur is not None]
    if len(with_amounts) >= 2:
        return with_amounts
    listed = [e for e in entries if LIST_MARK.match(seg.lines[e.line].text.strip())]
    if len(listed) >= _MIN_LISTED and _announced(seg, listed[0].line):
        return listed
    return []


def _announced(seg: Segments, line: int) -> bool:
    """The line just above the list announces grants or a selection."""
    above = [seg.lines[i].text for i in range(max(0, line - 4), line) if seg.lines[i].text.strip()]
    return bool(above) and bool(_ANNOUNCES.search(above[-1]))


def block_entries(seg: Segments) -> list[Entry]:
    """Entries in blocks of two to four short lines between blank lines: a recipient line, and
    an amount or a title line; two such blocks or more."""
    entries = []
    for block in _blocks(seg):
        if not any(_DIGIT.search(seg.lines[i].text) for i in block):
            entries.append(None)
            continue
        read = [(i, _line_parts(seg, i)) for i in block]
        if len(block) < 2 or any(r is None for _, r in read):
            entries.append(None)
            continue
        recipients = [(i, r) for i, r in read if r and r[0].recipient]
        if len(recipients) != 1:
            entries.append(None)
            continue
        index, (parts, start) = recipients[0]
        for _, other in read:
            if other and other[0] is not parts:
                parts.eur = parts.eur if parts.eur is not None else other[0].eur
                parts.title = parts.title or other[0].title
        entry = _entry(block[0], parts, start)
        entries.append(entry if entry and (entry.eur is not None or entry.title) else None)
    found = [e for e in entries if e is not None]
    return found if len(found) >= 2 and any(e.eur is not None for e in found) else []


def _blocks(seg: Segments) -> list[list[int]]:
    """Runs of non-blank lines between blank lines, of _BLOCK_LINES lines at most."""
    blocks: list[list[int]] = [[]]
    for index, line in enumerate(seg.lines):
        if line.text.strip():
            blocks[-1].append(index)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if 0 < len(block) <= _BLOCK_LINES]


# A project named on a programme line: "Projektet X", "X project", "X-hanke", "hanke X".
_PROGRAMME_PROJECT = re.compile(
    r"^(?:(?:[Pp]rojektet|[Tt]he project|[Pp]roject|[Hh]anke)\s+(?P<after>.+)|"
    r"(?P<before>.+?)\s?[-–]?\s?(?:project|projekt|projektet|hanke|-hanke)\b.*)$")


def agenda_entries(seg: Segments) -> list[Entry]:
    """Programme lines that present a project ("9.15 Projektet Kulturkompis, Helsingfors
    stad"): the project's name, and the organisation beside it; two such lines at least."""
    found = []
    for index, line in enumerate(seg.lines):
        text = line.text.strip()
        if not is_agenda(text):
            continue
        body = text[CLOCK.match(text).end():] if CLOCK.match(text) else text
        parts = [part.strip(" .") for part in re.split(r",\s|\s[–-]\s|[()]", body) if part.strip()]
        named = _PROGRAMME_PROJECT.match(parts[0]) if parts else None
        if not named:
            continue
        title = (named.group("after") or named.group("before") or "").strip(" -–")
        if not titles.is_valid_title(title):
            continue
        owner = next((part for part in parts[1:] if orgs.looks_like_org(part)), None)
        at = line.start + line.text.index(owner) if owner else 0
        found.append(Entry(index, (owner, at, at + len(owner)) if owner else None, title, None))
    return found if len(found) >= 2 else []


def list_entries(seg: Segments) -> list[Entry]:
    """The entries of a grant or project list, one a line or one a block, or the projects
    of a programme or of a grant table; [] if none."""
    return line_entries(seg) or block_entries(seg) or agenda_entries(seg) or table_entries(seg)


# A Swedish or English grant table's header: "Sökande Projekttitel Beviljat belopp",
# "Applicant Project title Amount granted"
_TABLE_HEADER = re.compile(r"^(?:sökande|mottagare|applicant|recipient)\b.*\b(?:belopp|amount|"
                           r"summa|sum)\b", re.I)
_TABLE_ROW = re.compile(r"^(?P<row>\D.*?)\s+(?P<amount>\d{1,3}(?:[ .,]\d{3})*)$")
_ROW_PREFIX = re.compile(r"^[^:]{2,40}?:\s")  # "Tryck: Title": the kind of grant before it
_MIN_ROWS = 2


def table_entries(seg: Segments) -> list[Entry]:
    """The rows of grant tables under a header naming their columns ("Sökande Projekttitel
    Beviljat belopp" / "Compassen Lidköping Fritid för barn 15 000"): one entry a row, its
    recipient and title split where the title begins; the amount is kept in no currency."""
    found: list[Entry] = []
    in_table = False
    for index, line in enumerate(seg.lines):
        text = line.text.strip()
        if _TABLE_HEADER.match(text):
            in_table = True
            continue
        row = _TABLE_ROW.match(text) if in_table else None
        if row is None:
            in_table = in_table and not text
            continue
        recipient, title = _row_parts(row.group("row"))
        if title:
            start = line.start + line.text.index(text)
            found.append(Entry(index, (recipient, start, start + len(recipient))
                               if recipient else None, title, None))
    return found if len(found) >= _MIN_ROWS else []


def _row_parts(row: str) -> tuple[str | None, str | None]:
    """A table row's recipient and title: a person written "Surname, First" gives none and the
    title after a colon; else the name runs to its head word ("Föreningen Furuboda", "Hello
    World! Ideell förening") or over its capitalised words but the last, which opens the title
    ("Compassen Lidköping" / "Fritid för barn")."""
    if re.match(r"^[A-ZÅÄÖ][\w-]+,\s[A-ZÅÄÖ]", row):
        prefix = _ROW_PREFIX.match(row)
        return None, row[prefix.end():].strip() if prefix else None
    words = row.split()
    for i, word in enumerate(words[:5]):
        if orgs.is_org_head(word.strip("!,.")) and i + 1 < len(words):
            head_first = i == 0 and word.lower() in ORG_HEADS  # "Föreningen Furuboda"
            end = i + 2 if head_first and words[1][:1].isupper() else i + 1
            if end < len(words):
                return " ".join(words[:end]), " ".join(words[end:])
    run = 0
    while run < len(words) and words[run][:1].isupper():
        run += 1
    if 2 <= run < len(words):
        return " ".join(words[:run - 1]), " ".join(words[run - 1:])
    return None, None
