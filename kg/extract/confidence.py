"""A confidence (0-1) for every evidence entry: the field's measured precision as a prior
(``confidence.tsv``), raised halfway to 1 for a value read from a labelled field or naming a
known organisation. Curated records carry 1 (kg.extract.annotate)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kg.extract import orgs
from kg.extract.segment import Segments

PRIORS = Path(__file__).resolve().parent / "confidence.tsv"
CAP = 0.95
DEFAULT_PRIOR = 0.5  # a field never measured
ORG_FIELDS = frozenset(["lead_organisations", "partner_organisations", "funders"])


@cache
def priors() -> dict[str, float]:
    """Field -> smoothed, capped precision."""
    table = {}
    for line in PRIORS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, tp, fp = line.split("\t")
            table[name] = min(CAP, (int(tp) + 1) / (int(tp) + int(fp) + 2))
    return table


def _labelled(seg: Segments, start: int | None) -> bool:
    return start is not None and any(f.key and f.start <= start <= f.end for f in seg.fields)


def _known(field: str, value: object) -> bool:
    if field not in ORG_FIELDS or not isinstance(value, str):
        return False
    return orgs.resolve_alias(value) is not None or orgs.looks_like_org(value)


def confidence(entry: dict, seg: Segments) -> float:
    """The confidence of one evidence entry of an extracted record."""
    prior = priors().get(entry["field"], DEFAULT_PRIOR)
    if _labelled(seg, entry.get("start")) or _known(entry["field"], entry.get("value")):
        prior += (1 - prior) / 2
    return round(min(prior, 0.99), 2)


def add_confidence(record: dict, seg: Segments) -> None:
    """Set ``confidence`` on every evidence entry of an extracted record, in place."""
    for project in record["projects"]:
        for entry in project.get("evidence", []):
            entry["confidence"] = confidence(entry, seg)
