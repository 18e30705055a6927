"""Dates, periods and clock times in Finnish, Swedish and English texts."""

from __future__ import annotations

import re
from dataclasses import dataclass

D = r"\s*[-–]\s*"
FULL = r"(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2})"
# "(?<![\d.])", not "\b": a range glued to its label ("Duration of project1.1.2023–31.12.2025")
_FULL_RANGE = re.compile(rf"(?<![\d.]){FULL}{D}{FULL}\b")
_PARTIAL_RANGE = re.compile(rf"\b(\d{{1,2}})\.(\d{{1,2}})\.?{D}{FULL}\b")
_MONTH_RANGE = re.compile(r"\b(\d{1,2})/((?:19|20)\d{2})(?:" + D + r"|\s+(?:till|to)\s+)"
                          r"(\d{1,2})/((?:19|20)\d{2})\b")
_YEAR_RANGE = re.compile(rf"(?<![\d.])((?:19|20)\d{{2}}){D}((?:19|20)\d{{2}})(?!\d|\.\d)")
_FULL_DATE = re.compile(rf"(?<![\d.]){FULL}(?![\d])")
_ISO_DATE = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")
_TIME = re.compile(r"\b(?:klo|kl\.?|kello|at|from)\s+(\d{1,2})(?:[.:](\d{2}))?"
                   r"(?:" + D + r"(\d{1,2})(?:[.:](\d{2}))?)?", re.IGNORECASE)
# Program periods, not project periods.
_PROGRAMME_CONTEXT = re.compile(r"(ohjelmakau|kehittämisohjelma|siirtymäkau|programperiod|"
                                r"programme period|rakennerahasto|ohjelma)\w*\W{0,3}$", re.I)
_YEAR_CONTEXT = re.compile(r"(vuosi(na|lle|en)|vuosien|ajalle|ajalla|aikana|åren|under|during|"
                           r"years|toteutetaan|hanke|projekt)\w*\W{0,3}$", re.I)
_YEAR_SPAN = re.compile(r"\bvuoden ((?:19|20)\d{2}) (ajan|aikana)\b", re.I)
# "också under 2024", "under år 2019", "during 2021": a project run within one year
_DURING_YEAR = re.compile(r"\b(?:under (?:år )?|during )((?:19|20)\d{2})\b(?! ?[-–])", re.I)
_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
           "september", "oktober", "november", "december")
_SV_START = re.compile(r"\b(?:startat|startade|inleddes|påbörjades|började|startar)\b[^.]{0,30}?"
                       r"\b(?:(?:hösten|våren|sommaren|vintern|i början av|år)\s+|"
                       r"(?:i\s+)?(" + "|".join(_MONTHS) + r")\s+)?"
                       r"((?:19|20)\d{2})\b", re.I)
_SV_END = re.compile(r"\b(?:fram till|till och med|pågår till|pågå till|avslutas|avslutades)\b"
                     r"[^.]{0,25}?(?:" + FULL + r"|(?:(?:i\s+)?(" + "|".join(_MONTHS) + r")\s+)?"
                     r"((?:19|20)\d{2}))\b", re.I)
_FI_START_VERBS = r"alkaa|alkoi|käynnistyi|käynnistyy|käynnistettiin|aloitettiin"
_FI_END_VERBS = r"päättyy|päättyi|loppuu|loppui|valmistui|päätettiin"
_FI_START = re.compile(rf"\b(?:{_FI_START_VERBS}|alkaen)\s+(?:vuonna\s+)?" + FULL, re.I)
_FI_END = re.compile(r"\b(?:päättyy|päättyi|loppuu|kestää|jatkuu)\s+(?:vuonna\s+|vuoden\s+)?"
                     r"(?:" + FULL + r"|((?:19|20)\d{2}))", re.I)
_FI_MONTHS = ("tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys",
              "loka", "marras", "joulu")
_FI_WHEN = (r"[^.]{0,30}?\b(?:(?:syksyllä|keväällä|kesällä|talvella|vuonna|vuoden)\s+|"
            r"(" + "|".join(_FI_MONTHS) + r")kuussa\s+)?((?:19|20)\d{2})\b")
# "Hanke käynnistyi helmikuussa 2008 ja päättyi vuoden 2011 alussa": the project's own verbs
_FI_PROJECT_START = re.compile(rf"\b(?:hank|projekt)\w*[^.]{{0,40}}?\b(?:{_FI_START_VERBS})"
                               + _FI_WHEN, re.I)
_FI_PROJECT_END = re.compile(rf"\b(?:hank|projekt)\w*[^.]{{0,60}}?\b(?:{_FI_END_VERBS})" + _FI_WHEN,
                             re.I)
# "sedan år 2015 ... genomfört projektet", "since 2015 the project": a start with no end
_SINCE = re.compile(r"\b(?:sedan år|since|vuodesta) ((?:19|20)\d{2})\b(?! ?[-–])"
                    r"(?=[^.]{0,60}\b(?:projekt|project|hank))", re.I)
_YEAR_PROJECT = re.compile(r"\b(?:[Vv]uoden|År|Year) ((?:19|20)\d{2}) [\w+-]*(?:hanke|ansökan|"
                           r"project)\b")


# Swedish and English dates with the month named: "19th of January 2026", "19 juli 2021",
# "Sep 2023"; a range joins two of them with a dash, "to" or "till"
_EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december")
_MONTH_WORDS = {**{m: i for i, m in enumerate(_EN_MONTHS, 1)},
                **{m[:3]: i for i, m in enumerate(_EN_MONTHS, 1)}, "sept": 9,
                **{m: i for i, m in enumerate(_MONTHS, 1)}}
_MONTH_NAME = "|".join(sorted(_MONTH_WORDS, key=len, reverse=True))
_NAMED_DATE = (rf"(?:(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+)?({_MONTH_NAME})\.?,?\s+"
               r"((?:19|20)\d{2})")
_NAMED_RANGE = re.compile(rf"\b{_NAMED_DATE}(?:{D}|\s+(?:to|till|until)\s+){_NAMED_DATE}\b", re.I)
# "between August 2024 and January 2025", "mellan maj 2021 och mars 2022"
_WORDED_NAMED_RANGE = re.compile(rf"\b(?:between|mellan)\s+{_NAMED_DATE}\s+(?:and|och)\s+"
                                 rf"{_NAMED_DATE}\b", re.I)
_WORDED_YEARS = re.compile(r"\b(?:between|from|från|mellan)\s+((?:19|20)\d{2})\s+"
                           r"(?:and|to|till|och)\s+((?:19|20)\d{2})\b", re.I)


# a line that is a date and nothing more: "19 november 2013", "Tuesday 3 May 2022",
# "March 3, 2021", "den 4 juni 2020"
_DATE_LINE = re.compile(rf"(?:den\s+|\w+(?:dag|day),?\s+)?(?:{_NAMED_DATE}|"
                        rf"(?:{_MONTH_NAME})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}})",
                        re.I)


def is_date_line(text: str) -> bool:
    """Is the whole line a date written with a month's name (a news item's dateline)?"""
    return _DATE_LINE.fullmatch(text.strip(" .,|")) is not None


def _named_iso(day: str | None, month: str, year: str) -> str:
    number = _MONTH_WORDS[month.lower()]
    return iso(day, str(number), year) or year if day else f"{year}-{number:02d}"


@dataclass
class Period:
    start: str | None
    end: str | None
    offset: int
    end_offset: int
    rank: int  # lower is better: 0 full dates, 1 month, 2 year, 3 cue words

    @property
    def text_span(self) -> tuple[int, int]:
        return self.offset, self.end_offset


def iso(day: str, month: str, year: str) -> str | None:
    d, m = int(day), int(month)
    if not (1 <= d <= 31 and 1 <= m <= 12):
        return None
    return f"{year}-{m:02d}-{d:02d}"


def month_iso(month: str, year: str) -> str | None:
    m = int(month)
    return f"{year}-{m:02d}" if 1 <= m <= 12 else None


def find_periods(text: str) -> list[Period]:
    """Every date range in the text, best-ranked first within the same position."""
    periods: list[Period] = []
    taken: list[tuple[int, int]] = []

    def add(start: str | None, end: str | None, match: re.Match[str], rank: int) -> None:
        if start is None and end is None:
            return
        if start and end and start > end:
            return
        if any(s <= match.start() < e for s, e in taken):
            return
        taken.append((match.start(), match.end()))
        periods.append(Period(start, end, match.start(), match.end(), rank))

    for m in _FULL_RANGE.finditer(text):
        add(iso(*m.group(1, 2, 3)), iso(*m.group(4, 5, 6)), m, 0)
    for m in _PARTIAL_RANGE.finditer(text):
        add(iso(m.group(1), m.group(2), m.group(5)), iso(*m.group(3, 4, 5)), m, 0)
    for m in _MONTH_RANGE.finditer(text):
        add(month_iso(*m.group(1, 2)), month_iso(*m.group(3, 4)), m, 1)
    for m in [*_NAMED_RANGE.finditer(text), *_WORDED_NAMED_RANGE.finditer(text)]:
        add(_named_iso(*m.group(1, 2, 3)), _named_iso(*m.group(4, 5, 6)), m,
            0 if m.group(1) and m.group(4) else 1)
    for m in _WORDED_YEARS.finditer(text):
        add(m.group(1), m.group(2), m, 2)
    for m in _YEAR_RANGE.finditer(text):
        before = text[max(0, m.start() - 40):m.start()]
        if _PROGRAMME_CONTEXT.search(before):
            continue
        rank = 2 if _YEAR_CONTEXT.search(before) else 3
        add(m.group(1), m.group(2), m, rank)
    for m in _YEAR_SPAN.finditer(text):
        add(m.group(1), m.group(1), m, 2)
    for m in _DURING_YEAR.finditer(text):
        add(m.group(1), m.group(1), m, 3)
    _cue_periods(text, add)
    return sorted(periods, key=lambda p: p.offset)


def _cue_periods(text: str, add) -> None:  # noqa: ANN001 - local callback
    starts = list(_FI_START.finditer(text))
    ends = list(_FI_END.finditer(text))
    if starts and ends and ends[0].start() > starts[0].start():
        start, end = starts[0], ends[0]
        end_iso = iso(*end.group(1, 2, 3)) if end.group(1) else end.group(4)
        add(iso(*start.group(1, 2, 3)), end_iso, _Span(start.start(), end.end()), 1)
    sv_start, sv_end = _SV_START.search(text), _SV_END.search(text)
    if sv_start:
        month, year = sv_start.group(1), sv_start.group(2)
        start = month_iso(str(_MONTHS.index(month.lower()) + 1), year) if month else year
        if sv_end and sv_end.start() > sv_start.start():
            end_month = sv_end.group(4)
            end = iso(*sv_end.group(1, 2, 3)) if sv_end.group(1) else \
                month_iso(str(_MONTHS.index(end_month.lower()) + 1), sv_end.group(5)) \
                if end_month else sv_end.group(5)
            rank = 1 if month and (sv_end.group(1) or end_month) else 2
            add(start, end, _Span(sv_start.start(), sv_end.end()), rank)
        else:
            add(start, None, sv_start, 3)
    _fi_project_verbs(text, add)
    for m in _YEAR_PROJECT.finditer(text):
        add(m.group(1), None, m, 3)
    for m in _SINCE.finditer(text):
        add(m.group(1), None, m, 3)


def _fi_project_verbs(text: str, add) -> None:  # noqa: ANN001 - local callback
    """A Finnish project that "käynnistyi helmikuussa 2008" and "päättyi vuoden 2011 alussa"."""
    start, end = _FI_PROJECT_START.search(text), _FI_PROJECT_END.search(text)

    def when(match: re.Match[str]) -> str:
        month, year = match.group(1), match.group(2)
        return month_iso(str(_FI_MONTHS.index(month.lower()) + 1), year) if month else year

    if start and end and end.start() >= start.start():
        add(when(start), when(end), _Span(start.start(), end.end()), 2)
    elif start:
        add(when(start), None, start, 3)
    elif end:
        add(None, when(end), end, 3)


class _Span:
    """A match-like object for periods assembled from two cue matches."""

    def __init__(self, start: int, end: int) -> None:
        self._start, self._end = start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def find_dates(text: str) -> list[tuple[str, int, int]]:
    """Single full dates (d.m.yyyy or yyyy-mm-dd) with their offsets."""
    found = []
    for m in _FULL_DATE.finditer(text):
        value = iso(*m.group(1, 2, 3))
        if value:
            found.append((value, m.start(), m.end()))
    for m in _ISO_DATE.finditer(text):
        value = iso(m.group(3), m.group(2), m.group(1))
        if value:
            found.append((value, m.start(), m.end()))
    return sorted(found, key=lambda item: item[1])


def _clock(hour: str, minute: str | None) -> str | None:
    h, mi = int(hour), int(minute or 0)
    return f"{h:02d}:{mi:02d}" if h < 24 and mi < 60 else None


def find_times(text: str) -> list[tuple[str | None, str | None, int, int]]:
    """Clock times "klo 9.30-12", "kl. 12–16" as (start, end, offsets)."""
    found = []
    for m in _TIME.finditer(text):
        start = _clock(m.group(1), m.group(2))
        end = _clock(m.group(3), m.group(4)) if m.group(3) else None
        if start:
            found.append((start, end, m.start(), m.end()))
    return found
