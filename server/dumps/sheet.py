"""The dataset sheet's figures: documents by language and by source, and what projects
lack (funder, amount, start, place) — counted once per build."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rdflib.namespace import DCTERMS, RDF

from kg.rdf.vocab import K
from server.browse.catalogue import catalogue
from server.search.index import index_for
from server.services import get_engine, served_build
from server.settings import Settings
from server.sparql.terms import iri

TEXTS = "texts"  # the source of documents read from text files (not register rows)


@dataclass
class Sheet:
    languages: list[tuple[str, int]]
    sources: list[tuple[str, int]]       # register dataset or TEXTS -> documents
    projects: int
    missing: dict[str, int]               # "funder", "amount", "start", "place" -> projects


def _documents() -> tuple[Counter[str], Counter[str]]:
    rows = get_engine().select(f"""SELECT ?d ?lang ?file WHERE {{
        ?d {iri(RDF.type)} {iri(K.Document)} .
        OPTIONAL {{ ?d {iri(DCTERMS.language)} ?lang }}
        OPTIONAL {{ ?d {iri(K.sourceFile)} ?file }} }}""", 120.0)
    languages: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    for row in rows:
        languages[str(row.get("lang", "")) or "?"] += 1
        name = str(row.get("file", ""))
        sources[name.split(":", 1)[0] if ":" in name else TEXTS] += 1
    return languages, sources


def _read(settings: Settings) -> Sheet:
    languages, sources = _documents()
    known = catalogue()
    index = index_for(settings)
    funded = {project for project, funder, _g, _a in known.fundings if funder}
    placed = {p for p, facets in index.facets.items() if facets.get("region")}
    projects = known.projects
    return Sheet(languages.most_common(), sources.most_common(), len(projects), {
        "funder": len(projects - funded), "amount": len(projects - set(known.euros)),
        "start": len(projects - set(known.start_year)), "place": len(projects - placed)})


def sheet(settings: Settings) -> Sheet:
    return served_build().cached("sheet", lambda: _read(settings))
