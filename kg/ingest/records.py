"""Read extraction records (JSON) safely: size limit, JSON syntax, schema, dates.

A record that cannot be used at all (not JSON, nested too deep, no ``source``,
no list of projects) is an :class:`~kg.ingest.errors.InputError` naming the file
and the reason, so the build can report it and go on with the other inputs. A
bad value inside a project (wrong type, not a calendar date, a title keyed by
something that is not a language tag) is removed from the record with a note,
and the rest of the record is used (design §1: one bad item is one problem).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator

from kg.ingest.errors import InputError
from kg.ingest.files import read_limited

__all__ = ["read_limited", "parse_record", "read_record", "check_record", "record_paths"]

SCHEMA_FILE = Path(__file__).with_name("record.schema.json")


@cache
def record_validator() -> Draft202012Validator:
    """The compiled JSON Schema (draft 2020-12) of the extraction record."""
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


MAX_DEPTH = 32  # a record is six levels deep; anything far deeper is not one
MAX_REPAIR_ROUNDS = 20
REMOVABLE_TOP = {"url", "language"}  # record fields that may go; projects/… may go too


def read_record(data: bytes | str, name: str) -> tuple[dict[str, Any], list[str]]:
    """Decode and check one record: (record, what was removed from it and why);
    InputError with a readable reason when it is unusable."""
    try:
        record = json.loads(data)
    except UnicodeDecodeError as error:
        raise InputError(name, f"not UTF-8: {error.reason}") from error
    except json.JSONDecodeError as error:
        raise InputError(name, f"invalid JSON: {error.msg} (line {error.lineno}, "
                               f"column {error.colno})") from error
    except RecursionError:
        raise InputError(name, f"nested deeper than {MAX_DEPTH} levels") from None
    return record, check_record(record, name)


def parse_record(data: bytes | str, name: str) -> dict[str, Any]:
    """Decode and check one record (bad values removed); InputError when it is unusable."""
    return read_record(data, name)[0]


# Keywords the fast checker (fastjsonschema, drafts 4-7) reads exactly as draft 2020-12 does.
FAST_KEYWORDS = {"$defs", "$id", "$ref", "$schema", "additionalProperties", "description", "enum",
                 "items", "minLength", "minimum", "maximum", "pattern", "properties",
                 "propertyNames", "required", "title", "type"}


@cache
def fast_record_check() -> Callable[[Any], Any]:
    """The record schema compiled to Python code: ~100 times faster than ``jsonschema``.

    It only decides valid/invalid; the readable reason for an invalid record still
    comes from ``jsonschema``. A schema keyword outside ``FAST_KEYWORDS`` is refused.
    """
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    unknown = _keywords(schema) - FAST_KEYWORDS
    if unknown:
        raise RuntimeError(f"{SCHEMA_FILE.name}: keywords {sorted(unknown)} are not checked "
                           "alike by the fast checker; extend kg.ingest.records")
    return fastjsonschema.compile(schema)


def _keywords(node: Any, naming: bool = False) -> set[str]:
    """The schema keywords used in ``node`` (not the names under properties/$defs)."""
    if isinstance(node, list):
        return set().union(*(_keywords(item) for item in node))
    if not isinstance(node, dict):
        return set()
    found = set() if naming else set(node)
    for key, value in node.items():
        found |= _keywords(value, naming=not naming and key in ("properties", "$defs"))
    return found


def check_record(record: Any, name: str) -> list[str]:
    """Check ``record`` against the schema and the facts JSON Schema cannot express.

    Each bad value inside a project (or the record's ``url``/``language``) is removed
    from ``record`` and noted ("<where>: <why>; left out"); the notes are returned.
    InputError when the record as a whole is unusable.
    """
    if _depth(record) > MAX_DEPTH:
        raise InputError(name, f"nested deeper than {MAX_DEPTH} levels")
    notes: list[str] = []
    for _ in range(MAX_REPAIR_ROUNDS):
        errors = _schema_errors(record)
        if not errors:
            break
        fatal = [(path, message) for path, message in errors if not _removable(path)]
        if fatal:
            where = "/".join(str(part) for part in fatal[0][0]) or "record"
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            raise InputError(name, f"{where}: {fatal[0][1]}{more}")
        for path, message in sorted(errors, key=lambda error: error[0], reverse=True):
            if _remove(record, path):
                notes.append(f"{'/'.join(str(part) for part in path)}: {message}; left out")
    else:
        raise InputError(name, "too many invalid values")
    for index, project in enumerate(record["projects"]):
        for field in ("start_date", "end_date"):
            _check_calendar_date(project, field, f"projects/{index}/{field}", notes)
        for event_index, event in enumerate(project.get("events") or []):
            _check_calendar_date(event, "date", f"projects/{index}/events/{event_index}/date",
                                 notes)
    return notes


def _schema_errors(record: Any) -> list[tuple[tuple[Any, ...], str]]:
    """(path of the offending value, reason) of every schema error; [] when valid.
    An invalid property name points at that property (it is what gets removed)."""
    try:
        fast_record_check()(record)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    errors = []
    for error in record_validator().iter_errors(record):
        path = tuple(error.absolute_path)
        if "propertyNames" in error.absolute_schema_path:
            path += (error.instance,)
            message = f"{error.instance!r} is not a language tag"
        else:
            message = error.message if len(error.message) <= 200 else \
                error.message[:200] + "…"
        errors.append((path, message))
    return sorted(set(errors), key=lambda error: [str(part) for part in error[0]])


def _removable(path: tuple[Any, ...]) -> bool:
    return (len(path) >= 2 and path[0] == "projects") or (len(path) == 1 and
                                                         path[0] in REMOVABLE_TOP)


def _remove(record: Any, path: tuple[Any, ...]) -> bool:
    """Remove the value at ``path``; False when an earlier removal already took it."""
    parent = record
    try:
        for part in path[:-1]:
            parent = parent[part]
        del parent[path[-1]]
    except (KeyError, IndexError, TypeError):
        return False
    return True


def _depth(value: Any) -> int:
    """How deeply lists and objects nest in ``value`` (without recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            deepest = max(deepest, depth)
            if depth > MAX_DEPTH:
                break
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children)
    return deepest


def _check_calendar_date(holder: dict[str, Any], field: str, where: str,
                         notes: list[str]) -> None:
    value = holder.get(field)
    if value and len(value) == 10:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            holder[field] = None
            notes.append(f"{where}: {value!r} is not a calendar date; left out")


def load_record(path: Path, max_bytes: int | None = None) -> dict[str, Any]:
    """Read, parse and check the record in ``path``."""
    return parse_record(read_limited(path, max_bytes), path.name)


def record_paths(records_dir: Path) -> Iterator[Path]:
    """The ``*.json`` files of ``records_dir`` in name order."""
    yield from sorted(Path(records_dir).glob("*.json"))
