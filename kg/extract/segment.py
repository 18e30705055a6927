"""Field segmenter: label-value layouts (same line, label on its own line, fact boxes) and prose
sections split into sentences and list items, all with offsets in the normalised text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg import morphology
from kg.extract import orgs
from kg.extract.settings import BLOCK_KEYS, LABELS

_PROSE_KEYS = frozenset({"goals", "activities", "outcomes", "description"})
_LABEL_INDEX: dict[str, str] = {label: key for key, labels in LABELS.items() for label in labels}
_COLON_LINE = re.compile(r"^([^:\n]{1,70}?)\s*:(?![a-zåäö])\s*(.*)$")  # not "AMK:n"
LIST_MARK = re.compile(r"^(?:[-–•*·▪►]\s*|\d{1,2}[.)]\s+)")  # a list item's bullet or number
_ABBREVIATIONS = frozenset(
    [
        "mm", "esim", "ns", "yms", "jne", "p", "puh", "klo", "kl", "ca", "n", "t", "s", "ks",
        "vrt", "dr", "prof", "st", "ym", "tms", "ml", "os", "mr", "mrs", "nr", "no", "bl", "a",
        "t.ex", "fr.o.m", "s.k", "etc", "eg", "ie", "vs", "yo", "amk",
    ]
)
# a full stop, then space, or none where copied text glued two sentences ("ut.Föreningen")
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]?\s+(?=[\"'(]?[A-ZÅÄÖ0-9])|"
                           r"(?<=[a-zåäö]{3}\.)(?=[A-ZÅÄÖ][a-zåäö]{3})")


@dataclass
class Line:
    text: str
    start: int
    end: int


@dataclass
class Field:
    key: str | None  # canonical key (settings.LABELS) or None for an unknown label
    label: str
    value: str
    start: int  # offsets of the value
    end: int
    line: int  # index of the line holding the label


@dataclass
class Sentence:
    text: str
    start: int
    end: int
    line: int
    section: str | None  # the block label above it (goals, activities, ...), if any
    list_item: bool = False


@dataclass
class Segments:
    lines: list[Line] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    label_lines: set[int] = field(default_factory=set)  # lines that are labels or headings
    value_lines: set[int] = field(default_factory=set)  # lines holding a single field value
    line_starts: list[int] | None = None  # cache for offset -> line look-ups

    def first(self, key: str) -> Field | None:
        return next((f for f in self.fields if f.key == key), None)

    def all(self, key: str) -> list[Field]:
        return [f for f in self.fields if f.key == key]


def label_key(text: str) -> str | None:
    """Canonical key of a label text ("Hankkeen toteuttaja:" -> "lead"), else None."""
    cleaned = re.sub(r"\s+", " ", text.strip().rstrip(":").strip()).lower()
    cleaned = cleaned.rstrip("?").strip()
    return _LABEL_INDEX.get(cleaned)


# A second known label of two words or more inside a line ("... University of Turku
# Implementers of sub-projects: ..."): the line is read as two.
_INLINE_LABEL = re.compile(r"(?<=\S)\s+(?=(?:" + "|".join(
    re.escape(label) for label in sorted(_LABEL_INDEX, key=len, reverse=True)
    if " " in label) + r")\s*:)", re.I)


def split_lines(text: str) -> list[Line]:
    lines, offset = [], 0
    for raw in text.split("\n"):
        start = 0
        for match in _INLINE_LABEL.finditer(raw) if ":" in raw else ():
            if ":" in raw[:match.start()]:  # only after a label of its own
                lines.append(Line(raw[start:match.start()], offset + start, offset + match.start()))
                start = match.end()
        lines.append(Line(raw[start:], offset + start, offset + len(raw)))
        offset += len(raw) + 1
    return lines


def _next_content(lines: list[Line], index: int) -> int | None:
    for j in range(index + 1, min(len(lines), index + 4)):
        if lines[j].text.strip():
            return j
    return None


def _is_label_only(line: str) -> str | None:
    stripped = line.strip()
    if not stripped or len(stripped) > 70:
        return None
    key = label_key(stripped)
    if key:
        return key
    numbered = _SECTION_NUMBER.match(stripped)  # "3 Suunnitelman mukainen tiivistelmä ..."
    if numbered and " " in stripped[numbered.end():]:
        return label_key(stripped[numbered.end():])
    return None


# a register's numbered section heading ("3 ", "3. ", "3.2 ") before a label of two words or more
_SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+(?=[A-ZÅÄÖ])")


def segment(text: str) -> Segments:
    """Fields, label lines and sentences (with their section) of a normalised text."""
    seg = Segments(lines=split_lines(text))
    section: str | None = None
    index = 0
    lines = seg.lines
    list_seen = False
    while index < len(lines):
        line = lines[index]
        key = _is_label_only(line.text)
        if key is not None and _in_value_position(seg, index):
            key = None
            seg.fields.append(Field(None, lines[index - 1].text.strip(), line.text.strip(),
                                    line.start, line.end, index - 1))
            seg.value_lines.add(index)
            index += 1
            continue
        if key is not None:
            list_seen = False
            seg.label_lines.add(index)
            if key in BLOCK_KEYS or key == "facts":
                section = key
                index += 1
                continue
            target = _next_content(lines, index)
            if target is not None and _is_label_only(lines[target].text) is None:
                value = lines[target]
                seg.fields.append(Field(key, line.text.strip().rstrip(":"), value.text.strip(),
                                        value.start, value.end, index))
                seg.value_lines.add(target)
                _add_sentences(seg, value, target, section if key == "indicator" else key)
                index = _more_listed_names(seg, key, index, target) + 1
                continue
            index += 1
            continue
        match = _COLON_LINE.match(line.text)
        if match and _label_like(match.group(1)):
            label, value = match.group(1), match.group(2)
            key = label_key(LIST_MARK.sub("", label.strip()))  # "• Rahoittaja: X" too
            value_start = line.start + match.start(2)
            if key in BLOCK_KEYS:
                # prose may run on under "Tavoitteet: ..."; a target or contact value does not
                section = key if not value.strip() or key in _PROSE_KEYS else None
            if value.strip():
                seg.fields.append(Field(key, label.strip(), value.strip(), value_start,
                                        value_start + len(value.rstrip()), index))
                if key is not None or len(label.split()) <= 3:
                    seg.label_lines.add(index)
                if key in BLOCK_KEYS or key is None:
                    _add_sentences(seg, Line(value, value_start, line.end), index,
                                   key if key in BLOCK_KEYS else section)
            elif key is not None:
                seg.label_lines.add(index)
                if key not in BLOCK_KEYS:
                    target = _next_content(lines, index)
                    if target is not None and _is_label_only(lines[target].text) is None:
                        value_line = lines[target]
                        seg.fields.append(Field(key, label.strip(), value_line.text.strip(),
                                                value_line.start, value_line.end, index))
                        seg.value_lines.add(target)
                        index = _more_listed_names(seg, key, index, target) + 1
                        continue
            index += 1
            continue
        if line.text.strip():
            is_item = bool(LIST_MARK.match(line.text.strip()))
            if section in BLOCK_KEYS and list_seen and not is_item:
                section = None
            list_seen = list_seen or is_item
            joined, last = _soft_wrapped(lines, index)
            _add_sentences(seg, joined, index, section)
            index = last
        elif section in ("facts",):
            section = None
        index += 1
    return seg


_RUNS_ON = re.compile(r"[^.!?:;]\s*$")


def _soft_wrapped(lines: list[Line], index: int) -> tuple[Line, int]:
    """A prose line and the lines that continue its sentence (a break before a lower-case
    word, as in text copied from print layout), read as one line whose breaks are spaces so
    offsets still index the text; and the index of the last line taken."""
    line, last = lines[index], index
    if LIST_MARK.match(line.text.strip()):
        return line, index
    while last + 1 < len(lines) and _RUNS_ON.search(lines[last].text) and \
            lines[last + 1].text[:1].islower() and _is_label_only(lines[last + 1].text) is None:
        last += 1
    text = line.text
    for previous, following in zip(lines[index:last], lines[index + 1:last + 1], strict=True):
        text += " " * (following.start - previous.end) + following.text
    return Line(text, line.start, lines[last].end), last


_BUSINESS_ID_END = re.compile(r",?\s*\d{7}-\d\s*$")


def _more_listed_names(seg: Segments, key: str, label_line: int, value_line: int) -> int:
    """Registers list one organisation a line with its business ID ("Kunta, 0203135-3") under
    one role label: every such line is a value of that label. Returns the last line taken."""
    lines = seg.lines
    if key not in ("lead", "partner", "funder"):
        return value_line
    last, taken = value_line, []
    if _BUSINESS_ID_END.search(lines[value_line].text):
        while last + 1 < len(lines) and _BUSINESS_ID_END.search(lines[last + 1].text):
            last += 1
            taken.append(last)
    else:
        taken = _name_lines_after(lines, value_line)
    for last in taken:
        line = lines[last]
        seg.fields.append(Field(key, lines[label_line].text.strip().rstrip(":"), line.text.strip(),
                                line.start, line.end, label_line))
        seg.value_lines.add(last)
    return last


_NAME_LINE_WORDS = 6  # a bare name on a line of its own has this many words at most


def _name_line(text: str) -> bool:
    """A line that can only be a name in a list: short, capitalised, no label, no clause."""
    stripped = text.strip().rstrip(".").strip()
    return bool(stripped) and stripped[0].isupper() and \
        len(stripped.split()) <= _NAME_LINE_WORDS and not stripped.endswith(":") and \
        not re.search(r"[\d,;:!?]", stripped) and _is_label_only(stripped) is None


def _name_lines_after(lines: list[Line], value_line: int) -> list[int]:
    """Under a role label whose value is a bare name, the bare names on the lines below it
    ("Hankekumppanit:" / "Aili-verkosto." / "Teatterikeskus."), a blank line between allowed:
    each is another value of the label. The names keep one spacing, so a label below a
    blank line ends them."""
    if not _name_line(lines[value_line].text):
        return []
    taken, index, gap = [], value_line, None
    while (following := _next_content(lines, index)) is not None and \
            following - index == (gap or min(following - index, 2)) and \
            _name_line(lines[following].text) and not _fact_box_label(lines, following) and \
            not _heading_word(lines[following].text):
        taken.append(following)
        gap, index = following - index, following
    return taken


def _heading_word(text: str) -> bool:
    """A line of one common Finnish noun that heads no organisation ("Tiimi", "Johtaja"): the
    next heading of a fact box, not one more name in a list."""
    word = text.strip().rstrip(".:").strip()
    if " " in word or not word:
        return False
    readings = morphology.analyses(word.lower())
    return bool(readings) and all(cls == "nimisana" for _b, cls, _c, _n in readings) and \
        not orgs.is_org_head(word)


def _fact_box_label(lines: list[Line], index: int) -> bool:
    """A line right above a known label without a colon: in a fact box of label and value
    lines it is the label of that value ("LABin rooli" / "Osatoteuttaja"), not a name."""
    following = index + 1
    return following < len(lines) and not lines[following].text.strip().endswith(":") and \
        _is_label_only(lines[following].text) is not None


def _in_value_position(seg: Segments, index: int) -> bool:
    """A known label word where a fact box has its value ("LABin rooli" / "Osatoteuttaja")."""
    if index < 2 or seg.lines[index].text.strip().endswith(":"):
        return False  # "Kirjaston puhelin :" under an address line is a label, not a value
    previous = seg.lines[index - 1].text.strip()
    if not previous or _is_label_only(previous) or len(previous.split()) > 4:
        return False
    return index - 2 in seg.value_lines and not previous.endswith((".", ":"))


def _label_like(label: str) -> bool:
    words = label.split()
    if not words or len(words) > 7 or "http" in label or "@" in label:
        return False
    if re.search(r"\d", label) and not label_key(label):
        return False
    return not label.strip().endswith((".", ","))


def _add_sentences(seg: Segments, line: Line, index: int, section: str | None) -> None:
    text = line.text
    stripped = text.lstrip()
    offset = line.start + len(text) - len(stripped)
    mark = LIST_MARK.match(stripped)
    if not stripped.strip("-–• "):
        return
    if mark:
        offset += mark.end()
        stripped = stripped[mark.end():]
        seg.sentences.append(Sentence(stripped.rstrip(), offset, offset + len(stripped.rstrip()),
                                      index, section, list_item=True))
        return
    for start, end in sentence_spans(stripped):
        seg.sentences.append(Sentence(stripped[start:end], offset + start, offset + end, index,
                                      section))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries in one line of text, careful with abbreviations and dates."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start:match.start()].split()
        last = before[-1].lower().rstrip(".") if before else ""
        if last in _ABBREVIATIONS or re.fullmatch(r"\d{1,2}(\.\d{1,2})?", last):
            continue
        end = match.end()
        spans.append((start, len(text[:end].rstrip())))
        start = end
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans
