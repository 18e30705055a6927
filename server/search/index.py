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
import fcntl
import json
import os
import pickle
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib.namespace import RDF, RDFS, SKOS

from kg import morphology
from kg.rdf.vocab import K
from server.engine import QueryRequest
from server.services import get_engine, served_build
from server.settings import Settings, cache_root
from server.sparql.terms import iri

INDEXED_TYPES = {K.Project: "project", K.Organisation: "organisation",
                 K.FundingProgramme: "programme", K.Municipality: "municipality",
                 K.Region: "region", K.Area: "region", SKOS.Concept: "concept"}
LABEL_PROPS = (SKOS.prefLabel, RDFS.label, SKOS.altLabel, K.title, K.altTitle)
FACETS = ("funder", "region", "year", "target_group")
WORD = re.compile(r"\w+", re.UNICODE)
INDEX_QUERY_TIMEOUT_S = 120.0  # bulk scans of a large build; they run once per build


def fold(text: str) -> str:
    """Lower case without diacritics: 'Ähtäri' -> 'ahtari'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def base_forms(word: str) -> frozenset[str]:
    """Folded Finnish base forms of ``word`` (empty when Voikko does not know it)."""
    if not word.isalpha():
        return frozenset()
    return frozenset(fold(base) for base in morphology.base_forms(word))


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


def _years(start: str | None, end: str | None) -> list[str]:
    first, last = (start or end or "")[:4], (end or start or "")[:4]
    if not (first.isdigit() and last.isdigit()):
        return []
    low, high = sorted((int(first), int(last)))
    return [str(year) for year in range(low, min(high, low + 50) + 1)]


def _scan(query: str) -> list[tuple[tuple[str, str | None], ...]]:
    """Rows of a bulk SELECT as (value, language) pairs, read without rdflib terms."""
    request = QueryRequest(query, "json", None, timeout=INDEX_QUERY_TIMEOUT_S)
    result = get_engine().execute(request)
    try:
        document = json.loads(b"".join(result))
    finally:
        result.close()
    names = document["head"]["vars"]
    return [tuple((b[n]["value"], b[n].get("xml:lang")) if n in b else ("", None) for n in names)
            for b in document["results"]["bindings"]]


@lru_cache(maxsize=16)
def _subjects_of(prop: str) -> list[tuple[str, str]]:
    """(subject, object IRI) of every ``prop`` triple: a scan of one predicate (kept while
    one index is made, see build_index)."""
    rows = _scan(f"SELECT DISTINCT ?s ?o WHERE {{ ?s {iri(prop)} ?o FILTER(isIRI(?o)) }}")
    return [(s, o) for (s, _ls), (o, _lo) in rows]


def _through(first: str, second: str) -> list[tuple[str, str]]:
    """(s, o) for ``s first ?x . ?x second o``, joined here (two scans beat one join)."""
    via: dict[str, list[str]] = defaultdict(list)
    for node, target in _subjects_of(second):
        via[node].append(target)
    return [(s, o) for s, node in _subjects_of(first) for o in via.get(node, ())]


def _add_labels(index: SearchIndex) -> None:
    # One predicate or one class per query: pyoxigraph scans those in index order, where
    # joins against rdf:type took tens of seconds at 100 000 projects.
    for cls, kind in INDEXED_TYPES.items():
        for ((uri, _lang),) in _scan(f"SELECT ?s WHERE {{ ?s {iri(RDF.type)} {iri(cls)} }}"):
            index.kinds.setdefault(uri, kind)
    for prop in LABEL_PROPS:
        query = f"SELECT DISTINCT ?s ?l WHERE {{ ?s {iri(prop)} ?l }}"
        for (uri, _l), (text, lang) in _scan(query):
            if uri not in index.kinds:
                continue
            if prop != SKOS.altLabel:
                index.labels.setdefault(uri, []).append((lang, text))
            for word in words(text):
                index.postings[word].add(uri)


def _add_facet(index: SearchIndex, name: str, pairs: list[tuple[str, str]]) -> None:
    for project, value in pairs:
        index.facets.setdefault(project, {}).setdefault(name, set()).add(value)


def _add_years(index: SearchIndex) -> None:
    dates: dict[str, dict[str, str]] = defaultdict(dict)
    for prop, key in ((K.startDate, "start"), (K.endDate, "end")):
        for (project, _l), (value, _lang) in _scan(f"SELECT ?p ?d WHERE {{ ?p {iri(prop)} ?d }}"):
            dates[project].setdefault(key, value)
    for project, known in dates.items():
        years = _years(known.get("start"), known.get("end"))
        if years:
            index.facets.setdefault(project, {})["year"] = set(years)


def _add_links_and_facets(index: SearchIndex) -> None:
    region_of: dict[str, list[str]] = defaultdict(list)
    for municipality, region in _subjects_of(K.inRegion):
        region_of[municipality].append(region)
    funders = _through(K.hasFunding, K.funder)
    municipalities = _subjects_of(K.municipality)
    regions = _subjects_of(K.region) + [(p, r) for p, m in municipalities for r in region_of[m]]
    target_groups = _subjects_of(K.targetGroup)
    for project, entity in (*funders, *municipalities, *regions, *target_groups,
                            *_subjects_of(K.topic), *_through(K.hasFunding, K.programme),
                            *_through(K.hasParticipation, K.organisation)):
        index.linked_projects[entity].add(project)
    _add_facet(index, "funder", funders)
    _add_facet(index, "region", [(p, r) for p, r in regions if index.kinds.get(r) == "region"])
    _add_facet(index, "target_group", target_groups)
    _add_years(index)


def build_index() -> SearchIndex:
    _subjects_of.cache_clear()
    index = SearchIndex()
    _add_labels(index)
    _add_links_and_facets(index)
    index.sorted_words = sorted(index.postings)
    index.postings = dict(index.postings)
    index.linked_projects = dict(index.linked_projects)
    _subjects_of.cache_clear()
    return index


INDEX_FILE = "search-index.pickle"


def _load_or_build(directory: Path) -> SearchIndex:
    """The index stored beside the build's dumps, or a new one stored there for other workers."""
    path = directory / INDEX_FILE
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / ".search-lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists():
            with path.open("rb") as stored:
                return pickle.load(stored)
        index = build_index()
        partial = path.with_name(f"{INDEX_FILE}.part-{os.getpid()}")
        with partial.open("wb") as out:
            pickle.dump(index, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
        return index


def index_for(settings: Settings) -> SearchIndex:
    """The served build's index: made once per build (the first search pays), then kept
    in ``dumps-cache/<build-id>/`` for the other worker processes and restarts."""
    build = served_build()
    return build.cached("search", lambda: _load_or_build(cache_root(settings) / build.build_id))
