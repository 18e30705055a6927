"""What the link stage hands to the RDF stage: one resolved entity per name.

The RDF mapper asks a linker for every organisation, place and concept name
it meets in a record and writes the returned entity's URI and identifiers.
The link stage never reads the store and never imports ``kg.rdf``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

from kg.ingest.keys import slug

__all__ = ["Entity", "Kind", "Linker", "NameOnlyLinker", "Status", "slug"]

Kind = Literal["organisation", "municipality", "region", "subregion", "area", "concept"]
Status = Literal["linked", "unlinked", "ambiguous"]


@dataclass(frozen=True)
class Entity:
    """A real-world thing a name in a record stands for.

    ``key`` is the stable URI key (``{base}id/{uri_kind}/{key}``): a Statistics
    Finland code for municipalities and regions, the ROR suffix or business ID
    for known organisations, else a slug of the normalised canonical name.
    """

    kind: Kind
    key: str
    name: str                                   # canonical preferred label
    lang: str | None = None                     # language of ``name``
    labels: tuple[tuple[str, str], ...] = ()    # (lang, preferred label) in other languages
    alt_labels: tuple[tuple[str | None, str], ...] = ()  # (lang or None, alternative label)
    same_as: tuple[str, ...] = ()               # owl:sameAs IRIs (code URI, Wikidata)
    exact_match: tuple[str, ...] = ()           # skos:exactMatch IRIs (YSO)
    close_match: tuple[str, ...] = ()           # skos:closeMatch IRIs (YSO)
    identifiers: tuple[tuple[str, str], ...] = ()  # ("kunta","091"), ("maakunta","01"),
    # ("ror","https://ror.org/…"), ("business_id","0116947-3"), ("wikidata","Q1757")
    broader: tuple[Entity, ...] = ()          # parent/overlapping regions of a municipality/area
    status: Status = "unlinked"
    candidates: tuple[str, ...] = ()            # for ambiguous/unlinked: nearest candidates
    from_reference: bool = False                # True when described by shipped reference data
    broad_match: tuple[str, ...] = ()           # skos:broadMatch IRIs (YSO: the name is a kind of)
    members: tuple[Entity, ...] = ()            # member municipalities of a sub-region or area

    @property
    def uri_kind(self) -> str:
        """The ``{kind}`` path segment: sub-regions and other areas live beside regions."""
        return "region" if self.kind in ("area", "subregion") else self.kind


@dataclass
class LinkReport:
    """Counts per kind for ``kg links --report``."""

    rows: dict[str, dict[str, list[str]]] = field(default_factory=dict)


class Linker(Protocol):
    def organisation(self, name: str, lang: str | None = None) -> Entity: ...
    def place(self, name: str, lang: str | None = None) -> Entity: ...
    def concept(self, name: str, lang: str | None = None, field: str = "topics") -> Entity: ...


class NameOnlyLinker:
    """Fallback linker: every name is its own unlinked entity, keyed by its slug."""

    def organisation(self, name: str, lang: str | None = None) -> Entity:
        return Entity("organisation", slug(name), name, lang)

    def place(self, name: str, lang: str | None = None) -> Entity:
        return Entity("area", slug(name), name, lang)

    def concept(self, name: str, lang: str | None = None, field: str = "topics") -> Entity:
        return Entity("concept", slug(name), name, lang)
