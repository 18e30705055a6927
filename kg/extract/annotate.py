"""Evidence for curated records: the sentences behind the values a person checked.

Curated records (``data/records``) are made by hand and carry no ``evidence``. When the
text they were made from is at hand, the extractor reads it, and each of its evidence
entries whose field and value the curated record also states is kept for the matching
curated project, with confidence 1 (a person checked the value). Curated values are never
changed and nothing else is copied, so the record stays what a person wrote, now with the
words it came from.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

MAX_QUOTE_CHARS = 300  # evidence ships in the repository: short quotes only


def _norm(value: Any) -> str:
    return re.sub(r"\s+", " ", str(value)).strip().casefold()


def stated_values(project: dict[str, Any]) -> dict[str, set[str]]:
    """Every (field -> normalised values) a curated project states, in evidence field names."""
    values: dict[str, set[str]] = {}

    def add(field: str, value: Any) -> None:
        if value not in (None, "", []):
            values.setdefault(field, set()).add(_norm(value))

    for field in ("start_date", "end_date", "status", "scope", "description"):
        add(field, project.get(field))
    for field in ("alt_titles", "lead_organisations", "partner_organisations", "funders",
                  "funding_programmes", "regions", "municipalities", "target_groups", "topics",
                  "goals", "activities", "outcomes", "links"):
        for value in project.get(field) or []:
            add(field, value)
    budget = project.get("budget") or {}
    add("budget.total_eur", budget.get("total_eur"))
    for share in budget.get("shares") or []:
        add("budget.shares", share.get("eur"))
    for indicator in project.get("indicators") or []:
        add("indicators", indicator.get("value"))
    for person in project.get("people") or []:
        add("people", person.get("name"))
    for event in project.get("events") or []:
        add("events", event.get("name"))
        add("events", event.get("date"))
    for title in (project.get("title") or {}).values():
        add("title", title)
    return values


def _title(project: dict[str, Any]) -> str:
    return " ".join(t for t in (project.get("title") or {}).values() if t)


def _counterpart(curated: dict[str, Any], extracted: list[dict[str, Any]]) -> dict | None:
    """The extracted project that reads as the same project (title similarity ≥ 0.6)."""
    if len(extracted) == 1 and _title(curated) == "":
        return extracted[0]
    scored = [(SequenceMatcher(None, _norm(_title(curated)), _norm(_title(p))).ratio(), i)
              for i, p in enumerate(extracted)]
    best, index = max(scored, default=(0.0, -1))
    return extracted[index] if best >= 0.6 else None


def attach_evidence(curated: dict[str, Any], extracted: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``curated`` whose projects carry the extractor's evidence for their values."""
    annotated = dict(curated)
    annotated["projects"] = []
    for project in curated.get("projects", []):
        project = dict(project)
        twin = _counterpart(project, extracted.get("projects", []))
        if twin is not None:
            stated = stated_values(project)
            project["evidence"] = [
                {**entry, "quote": entry["quote"][:MAX_QUOTE_CHARS], "confidence": 1.0}
                for entry in twin.get("evidence", [])
                if _norm(entry.get("value")) in stated.get(entry.get("field"), set())
            ]
        annotated["projects"].append(project)
    return annotated
