"""Time the canned queries on a synthetic store of N projects; prints ms per query.

    .venv/bin/python bench/queries.py [N] [--repeat R]

Projects get 1-5 participating organisations (pool of N/20), one or two
fundings (200 funders, 100 programmes, an amount on half), a region, up to three
municipalities, two target groups, two outcomes, an indicator and a person role,
shaped like the mapper's output (kg/rdf/vocab.py). The names the queries use as
default parameters are in the pools, so every query has answers.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Iterator

import pyoxigraph as ox

from kg.queries import load_queries

K = "https://w3id.org/kuhy/ontology#"
ID = "https://w3id.org/kuhy/id/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
PREF = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
NAME = ox.NamedNode("http://xmlns.com/foaf/0.1/name")
XSD = "http://www.w3.org/2001/XMLSchema#"
DEFAULT_TITLE = "Eloa ja Iloa Kaakkois-Suomeen - kulttuurista hyvinvointia kuntalaisille"
NAMED_ORGS = ["Opetus- ja kulttuuriministeriö", "Kaakkois-Suomen ammattikorkeakoulu",
              "Etelä-Pohjanmaan liitto"]


def k(name: str) -> ox.NamedNode:
    return ox.NamedNode(K + name)


def node(kind: str, key: object) -> ox.NamedNode:
    return ox.NamedNode(f"{ID}{kind}/{key}")


def fi(text: str) -> ox.Literal:
    return ox.Literal(text, language="fi")


def typed(value: object, datatype: str) -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode(XSD + datatype))


def reference(graph: ox.NamedNode) -> Iterator[ox.Quad]:
    for code in range(1, 20):
        region = node("region", f"{code:02d}")
        yield from (ox.Quad(region, RDF_TYPE, k("Region"), graph),
                    ox.Quad(region, PREF, fi(f"Maakunta {code}"), graph),
                    ox.Quad(region, k("regionCode"), ox.Literal(f"{code:02d}"), graph))
    for code in range(1, 1000, 3):
        muni = node("municipality", f"{code:03d}")
        label = "Helsinki" if code == 91 else f"Kunta {code}"
        yield from (ox.Quad(muni, RDF_TYPE, k("Municipality"), graph),
                    ox.Quad(muni, PREF, fi(label), graph),
                    ox.Quad(muni, k("statisticsFinlandCode"), ox.Literal(f"{code:03d}"), graph),
                    ox.Quad(muni, k("inRegion"), node("region", f"{code % 19 + 1:02d}"), graph))


def project(n: int, rng: random.Random, orgs: int) -> Iterator[ox.Quad]:
    graph = ox.NamedNode(f"https://w3id.org/kuhy/graph/doc/s{n}")
    p = node("project", n)
    title = DEFAULT_TITLE if n == 0 else f"Hanke {n}"
    start = rng.randint(2010, 2024)
    triples = [(p, RDF_TYPE, k("Project")), (p, k("title"), fi(title)), (p, LABEL, fi(title)),
               (p, k("startDate"), typed(f"{start}-01-01", "date")),
               (p, k("endDate"), typed(start + rng.randint(0, 3), "gYear")),
               (p, k("region"), node("region", f"{rng.randint(1, 19):02d}"))]
    for i, org in enumerate(rng.sample(range(orgs), rng.randint(1, 5))):
        part = ox.NamedNode(f"{p.value}#participation-{i}")
        triples += [(p, k("hasParticipation"), part), (part, RDF_TYPE, k("Participation")),
                    (part, k("organisation"), node("organisation", org)),
                    (part, k("role"), k("Lead" if i == 0 else "Partner"))]
    for i in range(rng.randint(1, 2)):
        funding = node("funding", f"{n}-{i}")
        triples += [(p, k("hasFunding"), funding), (funding, RDF_TYPE, k("Funding")),
                    (funding, k("funder"), node("organisation", rng.randrange(200))),
                    (funding, k("programme"), node("programme", rng.randrange(100))),
                    (funding, k("currency"), ox.Literal("EUR"))]
        if rng.random() < 0.5:
            triples.append((funding, k("amount"), typed(rng.randint(1, 500) * 1000, "decimal")))
    for code in rng.sample(range(1, 1000, 3), rng.randint(0, 3)):
        triples.append((p, k("municipality"), node("municipality", f"{code:03d}")))
    for group in rng.sample(range(300), 2):
        triples.append((p, k("targetGroup"), node("concept", group)))
    for i in range(2):
        outcome = node("outcome", f"{n}-{i}")
        triples += [(p, k("hasOutcome"), outcome), (outcome, RDF_TYPE, k("Outcome")),
                    (outcome, k("text"), fi(f"Tulos {i} hankkeesta {n}"))]
    indicator, role = node("indicator", n), ox.NamedNode(f"{p.value}#person")
    person = node("person", rng.randrange(orgs * 2))
    triples += [(p, k("hasIndicator"), indicator), (indicator, RDF_TYPE, k("Indicator")),
                (indicator, k("value"), typed(rng.randint(1, 100), "decimal")),
                (indicator, k("unit"), ox.Literal("count")),
                (p, k("hasPersonRole"), role), (role, RDF_TYPE, k("PersonRole")),
                (role, k("person"), person), (person, NAME, ox.Literal(f"Henkilö {person}")),
                (role, k("roleName"), fi("projektipäällikkö"))]
    return (ox.Quad(s, pr, o, graph) for s, pr, o in triples)


def labels(orgs: int, graph: ox.NamedNode) -> Iterator[ox.Quad]:
    for org in range(orgs):
        name = NAMED_ORGS[org] if org < len(NAMED_ORGS) else f"Organisaatio {org}"
        yield ox.Quad(node("organisation", org), PREF, fi(name), graph)
        yield ox.Quad(node("organisation", org), LABEL, fi(name), graph)
    for group in range(300):
        name = "ikäihmiset" if group == 0 else f"ryhmä {group}"
        yield ox.Quad(node("concept", group), PREF, fi(name), graph)
    for programme in range(100):
        yield ox.Quad(node("programme", programme), RDF_TYPE, k("FundingProgramme"), graph)
        yield ox.Quad(node("programme", programme), LABEL, fi(f"Ohjelma {programme}"), graph)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("projects", type=int, nargs="?", default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(7)
    orgs = max(len(NAMED_ORGS) + 200, args.projects // 20)
    with tempfile.TemporaryDirectory() as directory:
        store = ox.Store(directory)
        started = time.perf_counter()
        reference_graph = ox.NamedNode("https://w3id.org/kuhy/graph/reference")
        store.bulk_extend(reference(reference_graph))
        store.bulk_extend(labels(orgs, reference_graph))
        for first in range(0, args.projects, 10_000):
            last = min(first + 10_000, args.projects)
            store.bulk_extend(q for n in range(first, last) for q in project(n, rng, orgs))
        store.optimize()
        print(f"{args.projects} projects, {len(store)} quads loaded in "
              f"{time.perf_counter() - started:.1f} s")
        for query in load_queries():
            times, rows = [], 0
            for _ in range(args.repeat):
                begun = time.perf_counter()
                rows = len(list(store.query(query.sparql, use_default_graph_as_union=True)))
                times.append((time.perf_counter() - begun) * 1000)
            print(f"{query.name:36s} median {sorted(times)[len(times) // 2]:8.1f} ms"
                  f"  rows {rows}")


if __name__ == "__main__":
    main()
