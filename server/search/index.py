"""An in-memory label index of the served build, made once per build id and process.

Every label of a project, organisation, programme, place or concept (all languages,
preferred and alternative) is split into words, folded (case, diacritics) and
indexed together with the words' Finnish base forms (Voikko), so "Vaasan", "vaasa"
and "VAASA" meet. A project is found by its own labels and by the labels of what
it links to (places, organisations, funders, programmes, concepts): the Swedish
label "Vasa" of the municipality Vaasa finds the projects in Vaasa. Every word of
the query must match (as a word prefix). Facets: funder, region, year, target group.
"""

from __future__ import annotations

import bisect
import re
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib.namespace import RDF, RDFS, SKOS

from kg.rdf.vocab import K
from server.engine import get_engine

INDEXED_TYPES = {K.Project: "project", K.Organisation: "organisation",
                 K.FundingProgramme: "programme", K.Municipality: "municipality",
                 K.Region: "region", K.Area: "region", SKOS.Concept: "concept"}
LABEL_PROPS = (SKOS.prefLabel, RDFS.label, SKOS.altLabel, K.title, K.altTitle)
FACETS = ("funder", "region", "year", "target_group")
WORD = re.compile(r"\w+", re.UNICODE)
_voikko_local = threading.local()


def fold(text: str) -> str:
    """Lower case without diacritics: 'Ähtäri' -> 'ahtari'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=200_000)
def base_forms(word: str) -> frozenset[str]:
    """Folded Finnish base forms of ``word`` (empty when Voikko does not know it)."""
    voikko = getattr(_voikko_local, "voikko", None)
    if voikko is None:
        import libvoikko

        voikko = _voikko_local.voikko = libvoikko.Voikko("fi")
    if len(word) > 60 or not word.isalpha():
        return frozenset()
    return frozenset(fold(a["BASEFORM"]) for a in voikko.analyze(word) if a.get("BASEFORM"))


def words(text: str) -> set[str]:
    """Folded words of ``text`` plus their base forms."""
    found: set[str] = set()
    for word in WORD.findall(text):
        found.add(fold(word))
        found.update(base_forms(word))
    return found


@dataclass
class SearchIndex:
    kinds: dict[str, str] = field(default_factory=dict)                    # uri -> kind
    labels: dict[str, list[tuple[str | None, str]]] = field(default_factory=dict)
    postings: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    sorted_words: list[str] = field(default_factory=list)
    linked_projects: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # project -> facet name -> values
    facets: dict[str, dict[str, set[str]]] = field(default_factory=dict)

    def _entities_for_word(self, prefix: str) -> set[str]:
        hits: set[str] = set()
        start = bisect.bisect_left(self.sorted_words, prefix)
        for word in self.sorted_words[start:]:
            if not word.startswith(prefix):
                break
            hits |= self.postings[word]
        return hits

    def _matches_for_word(self, word: str) -> set[str]:
        variants = {fold(word)} | base_forms(word)
        entities: set[str] = set()
        for variant in variants:
            entities |= self._entities_for_word(variant)
        projects = {p for entity in entities for p in self.linked_projects.get(entity, ())}
        return entities | projects

    def match(self, query: str) -> set[str]:
        """URIs of entities and projects matching every word of ``query``."""
        query_words = WORD.findall(query)
        if not query_words:
            return {uri for uri, kind in self.kinds.items() if kind == "project"}
        result: set[str] | None = None
        for word in query_words:
            found = self._matches_for_word(word)
            result = found if result is None else result & found
        return result or set()


def _select(query: str) -> list[dict]:
    return get_engine().select(query)


def _add_labels(index: SearchIndex) -> None:
    types = " ".join(f"<{t}>" for t in INDEXED_TYPES)
    props = " ".join(f"<{p}>" for p in LABEL_PROPS)
    for row in _select(f"""SELECT DISTINCT ?s ?type ?p ?l WHERE {{
            VALUES ?type {{ {types} }} ?s <{RDF.type}> ?type .
            VALUES ?p {{ {props} }} ?s ?p ?l . FILTER(isIRI(?s) && isLiteral(?l)) }}"""):
        uri, label = str(row["s"]), row["l"]
        index.kinds.setdefault(uri, INDEXED_TYPES[row["type"]])
        if row["p"] != SKOS.altLabel:
            index.labels.setdefault(uri, []).append((label.language, str(label)))
        for word in words(str(label)):
            index.postings[word].add(uri)


def _add_links(index: SearchIndex) -> None:
    for row in _select(f"""SELECT DISTINCT ?p ?e WHERE {{ ?p <{RDF.type}> <{K.Project}> .
            {{ ?p <{K.municipality}>|<{K.region}>|<{K.targetGroup}>|<{K.topic}> ?e }}
            UNION {{ ?p <{K.municipality}>/<{K.inRegion}> ?e }}
            UNION {{ ?p <{K.hasParticipation}>/<{K.organisation}> ?e }}
            UNION {{ ?p <{K.hasFunding}>/(<{K.funder}>|<{K.programme}>) ?e }} }}"""):
        index.linked_projects[str(row["e"])].add(str(row["p"]))


def _facet(index: SearchIndex, name: str, query: str) -> None:
    for row in _select(query):
        values = index.facets.setdefault(str(row["p"]), {})
        values.setdefault(name, set()).add(str(row["v"]))


def _years(start: str | None, end: str | None) -> list[str]:
    first, last = (start or end or "")[:4], (end or start or "")[:4]
    if not (first.isdigit() and last.isdigit()):
        return []
    low, high = sorted((int(first), int(last)))
    return [str(year) for year in range(low, min(high, low + 50) + 1)]


def _add_facets(index: SearchIndex) -> None:
    project = f"?p <{RDF.type}> <{K.Project}> ."
    _facet(index, "funder", f"SELECT DISTINCT ?p ?v WHERE {{ {project} "
                            f"?p <{K.hasFunding}>/<{K.funder}> ?v }}")
    _facet(index, "region", f"""SELECT DISTINCT ?p ?v WHERE {{ {project}
        {{ ?p <{K.region}> ?v }} UNION {{ ?p <{K.municipality}>/<{K.inRegion}> ?v }}
        ?v <{RDF.type}> <{K.Region}> }}""")
    _facet(index, "target_group", f"SELECT DISTINCT ?p ?v WHERE {{ {project} "
                                  f"?p <{K.targetGroup}> ?v }}")
    for row in _select(f"""SELECT ?p (SAMPLE(STR(?s)) AS ?start) (SAMPLE(STR(?e)) AS ?end)
            WHERE {{ {project} OPTIONAL {{ ?p <{K.startDate}> ?s }}
            OPTIONAL {{ ?p <{K.endDate}> ?e }} }} GROUP BY ?p"""):
        years = _years(str(row["start"]) if "start" in row else None,
                       str(row["end"]) if "end" in row else None)
        if years:
            index.facets.setdefault(str(row["p"]), {})["year"] = set(years)


def build_index() -> SearchIndex:
    index = SearchIndex()
    _add_labels(index)
    _add_links(index)
    _add_facets(index)
    index.sorted_words = sorted(index.postings)
    return index


_cache: dict[str, SearchIndex] = {}
_lock = threading.Lock()


def index_for(build_id: str) -> SearchIndex:
    """The index of build ``build_id`` (made on first use, one build kept)."""
    with _lock:
        if build_id not in _cache:
            _cache.clear()
            _cache[build_id] = build_index()
        return _cache[build_id]
