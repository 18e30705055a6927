"""Tabular registers (CSV, XLSX) read through a declared mapping file, one record per row.

A mapping file (TOML, ``data/registers/*.toml``) names the data file, its delimiter and
formats, the column holding the row code, and for each record field the column it comes
from, how the value is cleaned and what constant facts every row shares (see
``data/registers/README.md``). Each row becomes one extraction record whose ``source`` is
``{dataset}:{row code}``, with the dataset's URL and every raw cell as an evidence quote
into the raw row. A row or value that cannot be used becomes a ``Problem``
naming the file, the row number (the header is row 1) and the reason; the rest goes on.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import Any

from kg.ingest.errors import InputError, Problem
from kg.ingest.files import read_limited
from kg.ingest.persons import is_private_person

LIST_FIELDS = ("lead_organisations", "partner_organisations", "funders", "funding_programmes",
               "regions", "municipalities", "topics", "target_groups", "alt_titles")
SCALAR_FIELDS = ("title", "description", "start_date", "end_date", "status", "scope")
AMOUNT_FIELDS = ("budget.total_eur", "budget.shares")
KINDS = ("text", "name", "date", "amount", "value")
IMPLEMENTER_FIELDS = ("lead_organisations", "partner_organisations")
PLAUSIBLE_YEARS = (1960, 2100)   # [formats] years = [first, last] narrows it per register
_SPACES = re.compile(r"\s+")
_ELY_COMMA = re.compile(r"elinkeino-\s+liikenne-", re.IGNORECASE)
_ELY_NAME = re.compile(r"[A-ZÅÄÖ][\w-]* elinkeino-, liikenne- ja ympäristökeskus")
_LEGAL_FORMS = {"oy": "Oy", "oyj": "Oyj", "ab": "Ab", "abp": "Abp", "ky": "Ky", "ry": "ry",
                "rf": "rf", "ltd": "Ltd", "tmi": "Tmi", "osk": "osk", "ay": "Ay"}
# "Title. Description": the head's last word must be longer than an abbreviation ("v.", "K.")
_GLUED = re.compile(r"^(?P<title>.*?[^\W\d_]{3,}|.*?[A-ZÅÄÖ]{2,})\.\s+(?P<rest>[A-ZÅÄÖ0-9].*)$",
                    re.DOTALL)


@dataclass(frozen=True)
class FieldRule:
    """How one record field is read: from which column(s), as what kind of value."""

    field: str
    columns: tuple[str, ...]
    kind: str = "text"
    values: dict[str, str | None] = field(default_factory=dict)   # raw value -> record value
    drop_suffixes: tuple[str, ...] = ()
    organisation: str | None = None   # budget.shares: the field naming the paying party


@dataclass(frozen=True)
class RegisterMapping:
    """A parsed mapping file."""

    dataset: str
    data_file: Path
    url: str
    language: str
    code_column: str
    delimiter: str = ","
    encoding: str = "utf-8"
    date_format: str = "%d.%m.%Y"
    decimal_separator: str = "."
    thousands_separator: str = ""
    years: tuple[int, int] = PLAUSIBLE_YEARS   # a date outside is a misread cell
    rules: tuple[FieldRule, ...] = ()
    constants: dict[str, Any] = field(default_factory=dict)
    title: str = ""
    mapping_file: Path | None = None

    def columns(self) -> set[str]:
        return {self.code_column, *(c for rule in self.rules for c in rule.columns)}


@dataclass
class RegisterRow:
    """One usable row: its record, the raw row text (what evidence points into), its number."""

    row: int
    code: str
    raw: str
    record: dict[str, Any]


@dataclass
class RegisterRead:
    """What reading one register gave: its usable rows, the problems, the file's sha256;
    ``error`` when the mapping file itself could not be read."""

    mapping: RegisterMapping
    rows: list[RegisterRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sha256: str | None = None
    total_rows: int = 0
    error: InputError | None = None


def load_mapping(path: Path) -> RegisterMapping:
    """Parse and check a mapping file; InputError naming the file and the reason otherwise."""
    try:
        spec = tomllib.loads(read_limited(path).decode("utf-8"))
        dataset, formats = spec["dataset"], spec.get("formats", {})
        rules = tuple(_rule(name, value) for name, value in spec["fields"].items())
        mapping = RegisterMapping(
            dataset=dataset["id"], data_file=path.parent / dataset["file"],
            url=dataset["url"], language=dataset.get("language", "fi"),
            code_column=dataset["code_column"], delimiter=dataset.get("delimiter", ","),
            encoding=dataset.get("encoding", "utf-8"),
            date_format=formats.get("date", "%d.%m.%Y"),
            decimal_separator=formats.get("decimal_separator", "."),
            thousands_separator=formats.get("thousands_separator", ""),
            years=_years(formats.get("years", PLAUSIBLE_YEARS)),
            rules=rules, constants=spec.get("constants", {}), title=dataset.get("title", ""),
            mapping_file=path)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InputError(path.name, f"not a TOML mapping file: {error}") from error
    except (KeyError, TypeError, ValueError) as error:
        raise InputError(path.name, f"incomplete mapping: {error}") from error
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", mapping.dataset):
        raise InputError(path.name, f"dataset id {mapping.dataset!r}: use a-z, 0-9 and -")
    return mapping


def _years(spec: Any) -> tuple[int, int]:
    first, last = (int(year) for year in spec)
    if first > last:
        raise ValueError(f"formats.years: {first} is after {last}")
    return first, last


def _rule(name: str, spec: dict[str, Any]) -> FieldRule:
    if name not in (*LIST_FIELDS, *SCALAR_FIELDS, *AMOUNT_FIELDS):
        raise ValueError(f"field {name!r} is not a record field a register can fill")
    columns = spec.get("columns") or [spec["column"]]
    kind = spec.get("kind", "amount" if name in AMOUNT_FIELDS else "text")
    if kind not in KINDS:
        raise ValueError(f"field {name!r}: kind {kind!r} is not one of {KINDS}")
    return FieldRule(name, tuple(columns), kind, dict(spec.get("values", {})),
                     tuple(spec.get("drop_suffixes", ())), spec.get("organisation"))


# -- cleaning ------------------------------------------------------------------------------

def clean_spaces(value: str) -> str:
    return _SPACES.sub(" ", value).strip()


def clean_name(value: str, drop_suffixes: tuple[str, ...] = ()) -> str:
    """An organisation name as the organisation writes it: spaces, the ELY comma, a unit
    suffix declared in the mapping dropped, capitals undone."""
    name = clean_spaces(_ELY_COMMA.sub("elinkeino-, liikenne-", value))
    ely = _ELY_NAME.search(name)
    if ely:   # a stray prefix or a unit suffix around an ELY centre's name
        name = ely.group(0)
    for suffix in drop_suffixes:
        if name.casefold().endswith(" " + suffix.casefold()):
            name = name[:-len(suffix)].rstrip()
    return uncapitalise(name)


def uncapitalise(name: str) -> str:
    """'LAPWALL OY' -> 'Lapwall Oy'; names with any lower-case letter stay as written."""
    if not any(char.isupper() for char in name) or any(char.islower() for char in name):
        return name
    words = []
    for word in name.split(" "):
        bare = word.strip("().,").casefold()
        if bare in _LEGAL_FORMS:
            words.append(word.casefold().replace(bare, _LEGAL_FORMS[bare]))
        elif len(bare) <= 3 and not any(c in "aeiouyäöå" for c in bare):
            words.append(word)   # an acronym ("KTK", "(RFM)") keeps its capitals
        else:
            words.append("-".join(part[:1].upper() + part[1:].casefold()
                                  for part in word.split("-")))
    return " ".join(words)


def split_title(value: str) -> tuple[str, str | None]:
    """(title, description): a description glued to the title after a period is split off."""
    title = clean_spaces(value)
    glued = _GLUED.match(title)
    if glued and len(glued.group("rest").split()) >= 3:
        return glued.group("title"), glued.group("rest")
    return title, None


# -- reading -------------------------------------------------------------------------------

class _TakenLines:
    """Lines handed to the csv reader, kept until the row they formed is taken."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self.taken: list[str] = []

    def __iter__(self) -> _TakenLines:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.taken.append(line)
        return line

    def take(self) -> str:
        raw, self.taken = "".join(self.taken), []
        return raw.rstrip("\r\n")


def _csv_rows(data: bytes, mapping: RegisterMapping) -> Iterator[tuple[list[str], str]]:
    """(cells, raw text) per row of a CSV file."""
    text = codecs.decode(data, mapping.encoding.replace("utf-8", "utf-8-sig"))
    lines = _TakenLines(iter(io.StringIO(text, newline="")))
    for cells in csv.reader(lines, delimiter=mapping.delimiter):
        yield cells, lines.take()


def _xlsx_rows(path: Path) -> Iterator[tuple[list[str], str]]:
    """(cells, raw text) per row of the first sheet; raw text is the cells joined by tabs."""
    from openpyxl import load_workbook  # only XLSX registers need it

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        for values in workbook.worksheets[0].iter_rows(values_only=True):
            cells = ["" if v is None else _cell_text(v) for v in values]
            yield cells, "\t".join(cells)
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_register(mapping: RegisterMapping, max_bytes: int | None = None) -> RegisterRead:
    """Every row of the mapping's data file as a record; bad rows and values as problems."""
    result = RegisterRead(mapping)
    name = mapping.data_file.name
    try:
        data = read_limited(mapping.data_file, max_bytes)
        result.sha256 = hashlib.sha256(data).hexdigest()
        rows = (_xlsx_rows(mapping.data_file) if mapping.data_file.suffix.lower() == ".xlsx"
                else _csv_rows(data, mapping))
        header, _raw = next(rows, ([], ""))
    except InputError as error:
        result.problems.append(Problem(name, None, error.reason))
        return result
    except (UnicodeDecodeError, LookupError, csv.Error, OSError, ValueError) as error:
        result.problems.append(Problem(name, None, f"cannot read: {error}"))
        return result
    header = [cell.strip() for cell in header]
    reader = _RowReader(mapping, header, result.problems)
    if not reader.usable():
        return result
    try:
        for number, (cells, raw) in enumerate(rows, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            result.total_rows += 1
            row = reader.row(number, cells, raw)
            if row is not None:
                result.rows.append(row)
    except csv.Error as error:
        result.problems.append(Problem(name, None, f"stopped reading: {error}"))
    result.problems += reader.private_persons_report()
    return result


class _RowReader:
    """Turns the cells of one row into a record, reporting what it cannot use."""

    def __init__(self, mapping: RegisterMapping, header: list[str],
                 problems: list[Problem]) -> None:
        self.mapping = mapping
        self.file = mapping.data_file.name
        self.index = {column: position for position, column in enumerate(header)}
        self.width = len(header)
        self.problems = problems
        self.missing = sorted(mapping.columns() - set(self.index))
        self.private_persons: dict[str, list[int]] = {}   # column -> rows naming a person

    def private_persons_report(self) -> list[Problem]:
        """One line per column (a register can name a thousand sole traders): how many
        implementers were private persons and left out, and the first rows."""
        report = []
        for column, rows in self.private_persons.items():
            shown = ", ".join(map(str, rows[:10])) + (", …" if len(rows) > 10 else "")
            report.append(Problem(self.file, None, f"column {column!r}: {len(rows)} row(s) "
                                  "name a private person (sole trader or personal name), "
                                  f"not published as an organisation; left out (rows "
                                  f"{shown})"))
        return report

    def usable(self) -> bool:
        """A file without the code or title column cannot be read; other missing columns
        are reported once and their fields stay empty."""
        required = {self.mapping.code_column, *self._columns_of("title")}
        fatal = [column for column in self.missing if column in required]
        if fatal:
            seen = ", ".join(repr(c) for c in list(self.index)[:5])
            hint = (f" (the header splits into {self.width} column(s): {seen}; is the "
                    f"delimiter {self.mapping.delimiter!r} right?)")
            self.problems.append(Problem.in_row(
                self.file, 1, f"required column(s) {', '.join(map(repr, fatal))} not found"
                + hint))
            return False
        for column in self.missing:
            self.problems.append(Problem.in_row(
                self.file, 1, f"column {column!r} not found; its field stays empty in every row"))
        return True

    def _columns_of(self, field_name: str) -> tuple[str, ...]:
        return next((r.columns for r in self.mapping.rules if r.field == field_name), ())

    def row(self, number: int, cells: list[str], raw: str) -> RegisterRow | None:
        if len(cells) != self.width:
            self.problems.append(Problem.in_row(
                self.file, number, f"{len(cells)} cells where the header has {self.width}; "
                "row left out"))
            return None
        code = clean_spaces(cells[self.index[self.mapping.code_column]])
        if not code:
            self.problems.append(Problem.in_row(self.file, number, "no row code; row left out"))
            return None
        builder = _RecordBuilder(self, number, cells, raw)
        for rule in self.mapping.rules:
            builder.apply(rule)
        record = builder.finish(code)
        if not record["projects"][0]["title"].get(self.mapping.language):
            self.problems.append(Problem.in_row(self.file, number, "no title; row left out"))
            return None
        return RegisterRow(number, code, raw, record)


class _RecordBuilder:
    def __init__(self, reader: _RowReader, number: int, cells: list[str], raw: str) -> None:
        self.reader = reader
        self.mapping = reader.mapping
        self.number = number
        self.cells = cells
        self.raw = raw
        self.project: dict[str, Any] = {"title": {}, "budget": {"total_eur": None, "shares": []},
                                        "evidence": []}
        self.shares: list[tuple[FieldRule, float]] = []

    def cell(self, column: str) -> str | None:
        position = self.reader.index.get(column)
        return None if position is None else self.cells[position]

    def problem(self, reason: str) -> None:
        self.reader.problems.append(Problem.in_row(self.reader.file, self.number, reason))

    def apply(self, rule: FieldRule) -> None:
        for column in rule.columns:
            raw = self.cell(column)
            if raw is None or not raw.strip():
                continue
            value = self.convert(rule, column, raw)
            if value not in (None, ""):
                self.put(rule, value)
                self.evidence(rule.field, value, column)

    def convert(self, rule: FieldRule, column: str, raw: str) -> Any:
        stripped = raw.strip()
        if rule.values or rule.kind == "value":
            if stripped not in rule.values:
                self.problem(f"column {column!r}: value {stripped!r} has no entry in the "
                             "mapping; left out")
            return rule.values.get(stripped)
        if rule.kind == "date":
            return self.date(column, stripped)
        if rule.kind == "amount":
            return self.amount(column, stripped)
        if rule.kind == "name":
            return self.organisation_name(rule, column, raw)
        return clean_spaces(raw) or None

    def organisation_name(self, rule: FieldRule, column: str, raw: str) -> str | None:
        """The cleaned name; a private person implementing a project (a sole trader, a
        personal name) is no organisation and gets no page: left out, reported."""
        name = clean_name(raw, rule.drop_suffixes) or None
        if name and rule.field in IMPLEMENTER_FIELDS and is_private_person(name):
            self.reader.private_persons.setdefault(column, []).append(self.number)
            return None
        return name

    def date(self, column: str, raw: str) -> str | None:
        """The mapping's format; an XLSX date cell arrives as ISO 8601 already. A year
        outside the mapping's plausible ``years`` is a misread cell ("1.1.1930")."""
        try:
            date = dt.datetime.strptime(raw, self.mapping.date_format).date()
        except ValueError:
            try:
                date = dt.date.fromisoformat(raw)
            except ValueError:
                self.problem(f"column {column!r}: {raw!r} is not a date "
                             f"({self.mapping.date_format}); left out")
                return None
        first, last = self.mapping.years
        if not first <= date.year <= last:
            self.problem(f"column {column!r}: {raw!r}: year {date.year} is implausible for "
                         f"this register ({first}–{last}); left out")
            return None
        return date.isoformat()

    def amount(self, column: str, raw: str) -> float | int | None:
        text = raw.replace(" ", "").replace("\u00a0", "").replace("€", "")
        if self.mapping.thousands_separator:
            text = text.replace(self.mapping.thousands_separator, "")
        text = text.replace(self.mapping.decimal_separator, ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or number < 0:
            self.problem(f"column {column!r}: {raw!r} is not an amount in euros; left out")
            return None
        return int(number) if number == number.to_integral_value() else float(number)

    def put(self, rule: FieldRule, value: Any) -> None:
        project = self.project
        if rule.field == "title":
            title, description = split_title(value)
            project["title"][self.mapping.language] = title
            if description and not project.get("description"):
                project["description"] = description
        elif rule.field == "budget.total_eur":
            project["budget"]["total_eur"] = value
        elif rule.field == "budget.shares":
            self.shares.append((rule, value))
        elif rule.field in LIST_FIELDS:
            names = project.setdefault(rule.field, [])
            if value not in names:
                names.append(value)
        else:
            project[rule.field] = value

    def evidence(self, field_name: str, value: Any, column: str) -> None:
        """The raw cell as the quote, with its offsets in the raw row when it is found there."""
        position = self.reader.index[column]
        quote = self.cells[position].strip()
        entry: dict[str, Any] = {"field": field_name.split(".")[0], "value": value,
                                 "quote": quote}
        start = self.offsets[position]
        if start is not None:
            entry.update(start=start, end=start + len(quote))
        self.project["evidence"].append(entry)

    @cached_property
    def offsets(self) -> list[int | None]:
        """Where each (stripped) cell starts in the raw row, read left to right."""
        found: list[int | None] = []
        cursor = 0
        for cell in self.cells:
            at = self.raw.find(cell.strip(), cursor) if cell.strip() else -1
            found.append(at if at >= 0 else None)
            cursor = at + len(cell.strip()) if at >= 0 else cursor
        return found

    def finish(self, code: str) -> dict[str, Any]:
        project = self.project
        for name, value in self.mapping.constants.items():
            if name in LIST_FIELDS:
                project[name] = [*project.get(name, []),
                                 *(v for v in value if v not in project.get(name, []))]
            else:
                project.setdefault(name, value)
        for rule, eur in self.shares:
            payers = project.get(rule.organisation or "", [])
            if len(payers) == 1:
                project["budget"]["shares"].append({"organisation": payers[0], "eur": eur})
            else:
                self.problem(f"{rule.columns[0]!r}: amount without one {rule.organisation} to "
                             "pay it; left out")
        project["identifier"] = code
        return {"source": f"{self.mapping.dataset}:{code}", "url": self.mapping.url,
                "language": self.mapping.language, "projects": [project]}


def mapping_paths(registers_dir: Path) -> list[Path]:
    """The ``*.toml`` mapping files of a registers directory, in name order."""
    return sorted(Path(registers_dir).glob("*.toml"))
