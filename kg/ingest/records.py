"""Read extraction records (JSON) safely: size limit, JSON syntax, schema, dates.

Every failure is an :class:`~kg.ingest.errors.InputError` naming the file and
the reason, so the build can report it and go on with the other inputs.
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

__all__ = ["read_limited", "parse_record", "check_record", "record_paths"]

SCHEMA_FILE = Path(__file__).with_name("record.schema.json")


@cache
def record_validator() -> Draft202012Validator:
    """The compiled JSON Schema (draft 2020-12) of the extraction record."""
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def parse_record(data: bytes | str, name: str) -> dict[str, Any]:
    """Decode and check one record; InputError with a readable reason when it is unusable."""
    try:
        record = json.loads(data)
    except UnicodeDecodeError as error:
        raise InputError(name, f"not UTF-8: {error.reason}") from error
    except json.JSONDecodeError as error:
        raise InputError(name, f"invalid JSON: {error.msg} (line {error.lineno}, "
                               f"column {error.colno})") from error
    check_record(record, name)
    return record


# Keywords the fast checker (fastjsonschema, drafts 4-7) reads exactly as draft 2020-12 does.
FAST_KEYWORDS = {"$defs", "$id", "$ref", "$schema", "additionalProperties", "description", "enum",
                 "items", "minLength", "minimum", "maximum", "pattern", "properties", "required",
                 "title", "type"}


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


def check_record(record: Any, name: str) -> None:
    """Schema errors first (the most specific one), then facts JSON Schema cannot express."""
    try:
        fast_record_check()(record)
        errors = []
    except fastjsonschema.JsonSchemaException:
        errors = sorted(record_validator().iter_errors(record),
                        key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(part) for part in first.absolute_path) or "record"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise InputError(name, f"{where}: {first.message}{more}")
    for index, project in enumerate(record["projects"]):
        for field in ("start_date", "end_date"):
            _check_calendar_date(project.get(field), name, f"projects/{index}/{field}")
        for event_index, event in enumerate(project.get("events") or []):
            _check_calendar_date(event.get("date"), name,
                                 f"projects/{index}/events/{event_index}/date")
    if record["projects"] and not any(_has_title(p) for p in record["projects"]):
        raise InputError(name, "no project has a title in any language")


def _has_title(project: dict[str, Any]) -> bool:
    return any(value and value.strip() for value in project["title"].values())


def _check_calendar_date(value: str | None, name: str, where: str) -> None:
    if value and len(value) == 10:
        try:
            dt.date.fromisoformat(value)
        except ValueError as error:
            raise InputError(name, f"{where}: {value!r} is not a calendar date") from error


def load_record(path: Path, max_bytes: int | None = None) -> dict[str, Any]:
    """Read, parse and check the record in ``path``."""
    return parse_record(read_limited(path, max_bytes), path.name)


def record_paths(records_dir: Path) -> Iterator[Path]:
    """The ``*.json`` files of ``records_dir`` in name order."""
    yield from sorted(Path(records_dir).glob("*.json"))
