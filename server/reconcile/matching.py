"""Names and identifiers of organisations, projects and municipalities, and how well a
name (with optional identifiers) matches each: the reconciliation service's candidates.

A name is compared folded (case, diacritics, punctuation) with every label the entity has,
in every language, preferred or alternative: a name equal to a label scores 1.0, others
their string similarity. An identifier given with the name (business ID, ROR, municipality
code) that equals the entity's decides the match; one that differs lowers the score.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from rdflib.namespace import RDF, RDFS, SKOS

from kg.rdf.vocab import K
from server.search.index import fold
from server.services import get_engine, served_build
from server.sparql.terms import iri

TYPES = {"organisation": K.Organisation, "project": K.Project, "municipality": K.Municipality}
PROPERTIES = {"businessId": K.businessId, "rorId": K.rorId,
              "municipalityCode": K.statisticsFinlandCode}
LABELS = (SKOS.prefLabel, SKOS.altLabel, RDFS.label, K.title, K.altTitle)
SCAN_TIMEOUT_S = 120.0
MISMATCH_PENALTY = 0.5
NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise(name: str) -> str:
    """Folded words of a name, single-spaced: 'Opetus- ja kulttuuriministeriö' ->
    'opetus ja kulttuuriministerio'."""
    return NON_WORD.sub(" ", fold(name)).strip()


@dataclass
class Entity:
    uri: str
    kind: str
    names: set[str] = field(default_factory=set)            # as written
    identifiers: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


@dataclass
class Candidates:
    entities: dict[str, Entity] = field(default_factory=dict)
    by_word: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_identifier: dict[tuple[str, str], set[str]] = field(
        default_factory=lambda: defaultdict(set))

    def find(self, name: str, kind: str | None,
             identifiers: dict[str, str]) -> list[tuple[float, Entity]]:
        """(score, entity) best first, of the given kind (any of ours when None)."""
        uris = {u for word in normalise(name).split() for u in self.by_word.get(word, ())}
        for prop, value in identifiers.items():
            uris |= self.by_identifier.get((prop, _identifier(prop, value)), set())
        scored = [(self.score(self.entities[u], name, identifiers), self.entities[u])
                  for u in uris if kind is None or self.entities[u].kind == kind]
        return sorted(scored, key=lambda pair: (-pair[0], pair[1].uri))

    @staticmethod
    def score(entity: Entity, name: str, identifiers: dict[str, str]) -> float:
        wanted = normalise(name)
        best = max((1.0 if normalise(n) == wanted
                    else SequenceMatcher(None, wanted, normalise(n)).ratio()
                    for n in entity.names), default=0.0) if wanted else 0.0
        for prop, value in identifiers.items():
            known = entity.identifiers.get(prop)
            if known and _identifier(prop, value) in known:
                best = 1.0
            elif known:
                best *= MISMATCH_PENALTY
        return round(best, 3)


def _identifier(prop: str, value: str) -> str:
    """The comparable form of an identifier: a ROR id without its https://ror.org/."""
    value = value.strip()
    return value.rsplit("/", 1)[-1].lower() if prop == "rorId" else value


def _rows(query: str) -> list[dict[str, object]]:
    return get_engine().select(query, SCAN_TIMEOUT_S)


def read_candidates() -> Candidates:
    candidates = Candidates()
    for kind, cls in TYPES.items():
        for row in _rows(f"SELECT ?s WHERE {{ ?s {iri(RDF.type)} {iri(cls)} }}"):
            uri = str(row["s"])
            candidates.entities.setdefault(uri, Entity(uri, kind))
    for prop in LABELS:
        for row in _rows(f"SELECT ?s ?l WHERE {{ ?s {iri(prop)} ?l }}"):
            entity = candidates.entities.get(str(row["s"]))
            if entity is not None:
                entity.names.add(str(row["l"]))
                for word in normalise(str(row["l"])).split():
                    candidates.by_word[word].add(entity.uri)
    for name, prop in PROPERTIES.items():
        for row in _rows(f"SELECT ?s ?v WHERE {{ ?s {iri(prop)} ?v }}"):
            entity = candidates.entities.get(str(row["s"]))
            if entity is not None:
                value = _identifier(name, str(row["v"]))
                entity.identifiers[name].add(value)
                candidates.by_identifier[(name, value)].add(entity.uri)
    return candidates


def candidates() -> Candidates:
    """The served build's candidates, read once per build and process."""
    return served_build().cached("reconcile", read_candidates)
