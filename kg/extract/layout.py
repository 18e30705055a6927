"""Document structure before facts: every non-blank line becomes a block of one kind, and the
blocks together tell the genre of the text.

Block kinds: ``furniture`` (navigation and boilerplate: "Tillbaka", share buttons, cookie
lines, bylines, photo credits), ``agenda`` (a programme line "14.00 Avaus"), ``field`` (a
label and its value), ``list_item``, ``heading`` (a short line without a full stop) and
``paragraph``. Genres: ``navigation`` (nothing but furniture and headings: no project),
``event_programme``, ``grant_list``, ``database_entry``, ``prose`` (project page or news).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.cues import is_furniture, is_generic_heading
from kg.extract.money import find_amounts
from kg.extract.segment import LIST_MARK, Segments

# The clock time a programme line starts with ("14.00 ", "klo 9.15–10.00 ", "kl. 9.00 ").
CLOCK = re.compile(r"^(?:klo\s|kl\.?\s)?\d{1,2}[.:]\d{2}(?:\s?[-–]\s?\d{1,2}[.:]\d{2})?\s+")
_AGENDA = re.compile(CLOCK.pattern + r"\S")
# Photo credits, bylines and similar one-line boilerplate in three languages.
_CREDIT = re.compile(r"^(?:kuva|kuvat|kuvaaja|foto|bild|photo|photos|image|teksti|text|toimittaja|"
                     r"julkaistu|publicerad|published|päivitetty|uppdaterad|updated)\s*[:|]",
                     re.I)
# A dated byline ("Uppdaterat 03.08.2018, klockan 11.38, N.N.", "Updated 3 May 2021 by N.N."):
# the name in it is the page editor's, no one of the project.
DATED_BYLINE = re.compile(r"^(?:uppdaterat|uppdaterad|publicerat|publicerad|senast uppdaterad|"
                          r"updated|last updated|published|päivitetty|julkaistu)\s+\d", re.I)
_GRANT_WORD = re.compile(r"\b(?:myön\w*|avustu\w*|jakoi|sai|saivat|bevilja\w*|bidrag\w*|"
                         r"understöd\w*|får|fick|grant\w*|award\w*|received)\b", re.I)
_PARAGRAPH_WORDS = 12  # a line this long, with a full stop, is prose


@dataclass
class Block:
    kind: str
    line: int  # index into Segments.lines
    start: int
    end: int


@dataclass
class Layout:
    blocks: list[Block]
    genre: str

    def lines_of(self, kind: str) -> set[int]:
        return {block.line for block in self.blocks if block.kind == kind}


def _kind(text: str, index: int, seg: Segments) -> str:
    if is_furniture(text) or _CREDIT.match(text) or DATED_BYLINE.match(text):
        return "furniture"
    if is_agenda(text):
        return "agenda"
    if index in seg.value_lines or any(f.line == index for f in seg.fields):
        return "field"
    if LIST_MARK.match(text):
        return "list_item"
    return "paragraph" if is_prose(text) else "heading"


def is_prose(text: str) -> bool:
    """Long enough, or a sentence with its full stop: not a heading."""
    words = len(text.split())
    return words >= _PARAGRAPH_WORDS or (words >= 6 and text.rstrip().endswith((".", "!", "?")))


def blocks_of(seg: Segments) -> list[Block]:
    """One block per non-blank line, in text order."""
    blocks = []
    for index, line in enumerate(seg.lines):
        text = line.text.strip()
        if text:
            blocks.append(Block(_kind(text, index, seg), index, line.start, line.end))
    return blocks


def _navigational(block: Block, seg: Segments) -> bool:
    """Furniture, or a menu entry: a generic heading or a heading of three words at most, with
    no figure in it."""
    if block.kind == "furniture":
        return True
    text = seg.lines[block.line].text.strip()
    short = len(text.split()) <= 3 and not re.search(r"\d", text)
    return block.kind == "heading" and (short or is_generic_heading(text))


def is_agenda(text: str) -> bool:
    """A line of a programme: a clock time and what happens then ("14.00 Avaus")."""
    return bool(_AGENDA.match(text.strip()))


def genre_of(blocks: list[Block], seg: Segments) -> str:
    """The genre the blocks make (see the module's docstring)."""
    kinds = [block.kind for block in blocks]
    if all(_navigational(block, seg) for block in blocks):
        return "navigation"
    if kinds.count("agenda") >= 3:
        return "event_programme"
    granted = [block for block in blocks if _GRANT_WORD.search(seg.lines[block.line].text)]
    amounts = sum(len(find_amounts(seg.lines[block.line].text)) for block in blocks)
    if granted and amounts >= 3:
        return "grant_list"
    if kinds.count("field") >= 3:
        return "database_entry"
    return "prose"


def layout(seg: Segments) -> Layout:
    """The blocks and genre of a segmented text."""
    blocks = blocks_of(seg)
    return Layout(blocks, genre_of(blocks, seg))
