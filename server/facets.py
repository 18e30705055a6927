"""Facet values with counts and the links that add or remove them, for search and lists."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class FacetValue:
    label: str
    count: int
    href: str
    selected: bool


def facet_values(counts: Counter[str], facet: str, chosen: list[str],
                 label: Callable[[str], str], link: Callable[[list[str]], str],
                 limit: int) -> list[FacetValue]:
    """The ``limit`` commonest values (years newest first); ``link(values)`` is the URL
    with the facet set to ``values`` (a chosen value's link removes it)."""
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if facet == "year":
        ranked = sorted(counts.items(), reverse=True)
    values = []
    for value, count in ranked[:limit]:
        selected = value in chosen
        others = [v for v in chosen if v != value] if selected else [*chosen, value]
        values.append(FacetValue(value if facet == "year" else label(value), count,
                                 link(others), selected))
    return values
