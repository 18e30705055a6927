"""Read the served store: export it in an RDF format (streamed) and count what it holds."""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg import config
from kg.formats import DUMP_EXTENSIONS, by_extensions
from kg.rdf.vocab import PREFIXES
from kg.store.layout import current_store_path

FORMATS = {f.extension: f.oxigraph for f in by_extensions(DUMP_EXTENSIONS)}


def open_store(store_root: Path) -> ox.Store:
    path = current_store_path(store_root)
    if not path.is_dir():
        raise FileNotFoundError(f"no built store in {store_root} (run kg build)")
    return ox.Store.read_only(str(path))


@contextmanager
def _output(path: Path, compress: bool) -> Iterator[IO[bytes]]:
    with gzip.open(path, "wb") if compress else open(path, "wb") as out:
        yield out


def export(store_root: Path, format_name: str, out_path: Path, compress: bool = False) -> int:
    """Write every quad (or, for triple formats, every triple of the union) to ``out_path``.

    The file is written as ``<name>.part-<pid>`` and renamed when complete; an error
    (a full disk) removes the partial file and leaves any earlier ``out_path`` alone.

    Quads are read from the store one by one and serialised as they come, so
    memory stays flat whatever the size. A triple that several graphs hold is
    written once per graph in ``nt``/``ttl`` (still the same RDF graph).
    """
    rdf_format = FORMATS[format_name]
    store = open_store(store_root)
    count = 0

    def statements() -> Iterator[ox.Quad | ox.Triple]:
        nonlocal count
        for quad in store.quads_for_pattern(None, None, None, None):
            count += 1
            yield quad if rdf_format.supports_datasets else quad.triple

    partial = Path(out_path).with_name(f"{Path(out_path).name}.part-{os.getpid()}")
    try:
        with _output(partial, compress) as out:
            ox.serialize(statements(), out, format=rdf_format)
        os.replace(partial, out_path)
    finally:
        partial.unlink(missing_ok=True)
    return count


def class_counts(store: ox.Store) -> list[tuple[str, int]]:
    query = ("SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } "
             "GROUP BY ?class ORDER BY DESC(?n) ?class")
    return [(row["class"].value, int(row["n"].value))
            for row in store.query(query, use_default_graph_as_union=True)]


def graph_counts(store: ox.Store) -> list[tuple[str, int]]:
    query = ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
             "GROUP BY ?g ORDER BY ?g")
    return [(row["g"].value, int(row["n"].value)) for row in store.query(query)]


def compact(iri: str) -> str:
    """``kuhy:Project`` for an IRI in a known namespace, else the IRI."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and iri != namespace:
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def graph_kind(graph_iri: str) -> str:
    """What a named graph holds: ``doc`` for a source document, else the first path part
    after ``{base}graph/`` (``reference``, ``ontology``, ``meta``…)."""
    prefix = config.graph_uri("")
    if not graph_iri.startswith(prefix):
        return "other"
    return "documents" if graph_iri.startswith(prefix + "doc/") else \
        graph_iri[len(prefix):].split("/", 1)[0] or "other"
