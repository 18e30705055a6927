"""``kg build``: inputs -> mapped, validated document graphs -> a new store, swapped in.

Stages (timed separately in :class:`BuildResult`):

1. *gather* (``kg.extract.seam``): curated records (``*.json``), texts without
   a curated record (extracted), each checked; a bad input becomes a ``Problem``.
2. *map* + *validate*: in batches of documents, in a pool of worker processes
   for large inputs; the mapper writes N-Triples text and the SHACL shapes run
   as compiled SPARQL queries over an in-memory store of the whole batch
   (``kg.validate.compiled``), each document graph judged alone. A value the
   mapper cannot write is left out and reported; an ``sh:Violation`` removes
   the offending value (or node) and is reported, and the graph is judged
   again (left out only if it still violates after ``REPAIR_ROUNDS``); an
   ``sh:Warning`` (completeness) is reported and written on its focus node as
   ``kuhy:completenessWarning``.
3. *load*: surviving documents are bulk-loaded into a fresh store directory as
   their batches arrive (overlapping with mapping), then the reference graph,
   the ontology, ``--add`` files and the metadata graph; then the directory is
   published atomically (``kg.store.layout``). A build with no buildable
   document and no loadable ``--add`` file fails and leaves the served store as
   it was; so does any error while writing (a full disk): the new directory is
   removed.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
import shutil
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.pool import Pool
from pathlib import Path
from typing import Any

import pyoxigraph as ox

import kg.link
from kg import config
from kg.extract.seam import RecordDirs, gather, record_dirs
from kg.ingest.errors import InputError, Problem
from kg.ingest.formats import document_paths
from kg.ingest.inputs import DocumentInput, Inputs, SourceFile, sha256_hex
from kg.ingest.records import read_limited, record_paths
from kg.link.model import Linker, NameOnlyLinker, slug
from kg.rdf.keys import source_key, thing
from kg.rdf.mapping import MappedDocument, RecordMapper
from kg.rdf.nquads import clean_text, iri, literal, nquads_text
from kg.rdf.vocab import K
from kg.store import layout
from kg.store.meta import build_time, meta_graph
from kg.validate.compiled import CompiledValidator
from kg.validate.shacl import load_shapes

REFERENCE_GRAPH = config.graph_uri("reference")
ONTOLOGY_GRAPH = config.graph_uri("ontology")
META_GRAPH = config.graph_uri("meta")
RDF_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG, ".jsonld": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML,
}
POOL_THRESHOLD = 64  # fewer documents than this are mapped in-process
REPAIR_ROUNDS = 5  # validations of a document graph before a violation leaves it out
COMPLETENESS_WARNING = iri(K.completenessWarning)


class BuildError(Exception):
    """The build produced nothing publishable; the served store is unchanged."""

    def __init__(self, reason: str, problems: list[Problem]) -> None:
        super().__init__(reason)
        self.problems = problems


@dataclass
class BuildResult:
    store_path: Path
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # completeness (sh:Warning)
    documents: int = 0
    projects: int = 0
    triples: int = 0
    workers: int = 1
    # seconds: map and validate are summed over workers; load and total are wall time
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class Processed:
    """A mapped (and validated) document, as N-Quads text ready to load."""

    name: str
    graph: str
    nquads: str = ""
    triples: int = 0
    reference: list[str] = field(default_factory=list)  # reference-graph N-Quads lines
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    refused: bool = False  # left out of the build (its problems say why)
    projects: int = 0
    entities: int = 0
    map_seconds: float = 0.0
    validate_seconds: float = 0.0


# -- map and validate (runs in worker processes) ---------------------------------------

_worker: dict[str, Any] = {}


def _init_worker(linker: Linker, include_contacts: bool,
                 validator: CompiledValidator | None) -> None:
    _worker["mapper"] = RecordMapper(linker, include_contacts)
    _worker["validator"] = validator
    _worker["sent"] = set()  # reference lines this process has already handed back


def compiled_validator(shapes_file: Path | None, include_contacts: bool
                       ) -> CompiledValidator | None:
    """The shapes compiled to SPARQL; ShapeCompileError (before any work) when they cannot be."""
    shapes = load_shapes(shapes_file, include_contacts) if shapes_file else None
    return CompiledValidator(shapes) if shapes is not None else None


BATCH = 250  # documents validated together in one in-memory store (each judged alone)


def _map(document: DocumentInput) -> tuple[Processed, MappedDocument | None]:
    """Map one document; a record the mapper cannot handle becomes a problem."""
    graph_uri = config.graph_uri("doc", source_key(document.record["source"]))
    result = Processed(document.name, graph_uri)
    started = time.process_time()
    try:
        mapped = _worker["mapper"].map(document.record, document.text, document.text_sha256,
                                       document.extraction_version)
    except Exception as error:  # must not stop the build
        result.problems.append(Problem(document.name, None, f"cannot map: {error!r}"))
        result.refused = True
        return result, None
    result.notices = [f"{document.name}: {reason}" for reason in mapped.left_out]
    result.problems = [Problem(document.name, focus, reason) for focus, reason in mapped.dropped]
    result.nquads = mapped.nquads()
    result.map_seconds = time.process_time() - started
    return result, mapped


def process_batch(documents: list[DocumentInput]) -> list[Processed]:
    """Map and validate a batch of documents; the conforming ones keep their N-Quads."""
    pairs = [_map(document) for document in documents]
    usable = [(result, mapped) for result, mapped in pairs if mapped is not None]
    validator: CompiledValidator | None = _worker["validator"]
    if validator is not None and usable:
        started = time.process_time()
        _validate_and_repair(validator, usable)
        share = (time.process_time() - started) / len(usable)
        for result, _ in usable:
            result.validate_seconds = share
        usable = [(r, m) for r, m in usable if not r.refused]
    sent: set[str] = _worker["sent"]
    for result, mapped in usable:
        result.triples = len(mapped.triples)
        new = [line for line in mapped.reference if line not in sent]
        sent.update(new)
        result.reference = [f"{line} <{REFERENCE_GRAPH}> .\n" for line in new]
        result.projects = len(mapped.projects)
        result.entities = len(mapped.subjects())
    for result, _ in pairs:
        if result.refused:
            result.nquads = ""
    return [result for result, _ in pairs]


def _validate_and_repair(validator: CompiledValidator,
                         documents: list[tuple[Processed, MappedDocument]]) -> None:
    """Validate the documents; remove what violates a shape and judge them again."""
    pending = documents
    for round_number in range(1, REPAIR_ROUNDS + 1):
        verdicts = validator.validate_nquads([(r.graph, r.nquads) for r, _ in pending],
                                             violations_only=False)
        again = []
        for (result, mapped), found in zip(pending, verdicts, strict=True):
            violations = [v for v in found if not v.warning]
            if not violations:
                _write_warnings(result, mapped, [v for v in found if v.warning])
                continue
            if round_number == REPAIR_ROUNDS or not _remove_offending(result, mapped,
                                                                      violations):
                result.problems += [Problem(result.name, v.focus, v.message)
                                    for v in violations]
                result.refused = True
                continue
            result.nquads = mapped.nquads()
            again.append((result, mapped))
        pending = again
        if not pending:
            return


def _remove_offending(result: Processed, mapped: MappedDocument,
                      violations: list[Any]) -> bool:
    """Remove each violation's value (focus and path) or node (focus alone) from the
    document; False when that cannot be done (the document node, an unparsable graph)."""
    removed = []
    for violation in violations:
        focus = f"<{violation.focus}>"
        if violation.focus in (result.graph, thing("document", source_key(mapped.source))):
            return False
        gone, what = [], "value left out"
        if violation.path:  # a simple path (the validators give no other): its values
            prefix = f"{focus} <{violation.path}> "
            gone = [t for t in mapped.triples if t.startswith(prefix)]
        if not gone:  # a node constraint, or a value missing: the node
            gone = [t for t in mapped.triples
                    if t.startswith(focus + " ") or t.endswith(" " + focus)]
            what = "node left out"
        for triple in gone:
            del mapped.triples[triple]
        removed.append(Problem(result.name, violation.focus, f"{violation.message}; {what}"))
    result.problems += removed
    return True


def _write_warnings(result: Processed, mapped: MappedDocument, warnings: list[Any]) -> None:
    """Report completeness warnings and write each on its focus node."""
    if not warnings:
        return
    for warning in warnings:
        result.warnings.append(Problem(result.name, warning.focus, warning.message))
        mapped.triples[f"<{warning.focus}> {COMPLETENESS_WARNING} "
                       f"{literal(warning.message, 'en')}"] = None
    result.nquads = mapped.nquads()


@contextmanager
def worker_pool(workers: int, linker: Linker, include_contacts: bool,
                validator: CompiledValidator | None) -> Iterator[Pool | None]:
    """The processes that map and validate (None: in this process). Start it before the
    inputs are read, so the forked workers inherit the linker but not every parsed record."""
    args = (linker, include_contacts, validator)
    if workers <= 1:
        _init_worker(*args)
        yield None
        return
    # fork: the workers inherit the (possibly large) linker instead of pickling it.
    # gc.freeze() keeps the collector from writing to every inherited object, which
    # would copy the shared pages into each worker.
    gc.freeze()
    context = multiprocessing.get_context("fork")
    try:
        with context.Pool(workers, initializer=_init_worker, initargs=args) as pool:
            yield pool
    finally:
        gc.unfreeze()


def _processed(documents: list[DocumentInput], pool: Pool | None,
               workers: int) -> Iterator[Processed]:
    size = max(1, min(BATCH, -(-len(documents) // (4 * workers))))  # >= 4 batches per worker
    batches = [documents[i:i + size] for i in range(0, len(documents), size)]
    if pool is None:
        for batch in batches:
            yield from process_batch(batch)
        return
    # at most two batches per worker in flight: Pool.imap would collect every finished
    # batch's N-Quads in this process while the loader is slower than the workers
    # (1.5 GB on all 22 821 register rows)
    waiting = iter(batches)
    running = deque(pool.apply_async(process_batch, (batch,))
                    for batch in islice(waiting, 2 * workers))
    while running:
        processed = running.popleft().get()
        for batch in islice(waiting, 1):
            running.append(pool.apply_async(process_batch, (batch,)))
        yield from processed


# -- load -------------------------------------------------------------------------------

def _graph_counts(store: ox.Store, graph: str) -> tuple[int, int]:
    query = ("SELECT (COUNT(*) AS ?t) (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH "
             + str(ox.NamedNode(graph))  # a checked term, never pasted text
             + " { ?s ?p ?o BIND(IF(isIRI(?s), ?s, ?unbound) AS ?e) } }")
    row = next(iter(store.query(query)))
    return int(row["t"].value), int(row["n"].value)


def _load_added(store: ox.Store, paths: Iterable[Path], result: BuildResult,
                sources: list[SourceFile]) -> set[str]:
    """Load ``--add`` RDF files; TriG/N-Quads keep their graphs, others get their own."""
    graphs: set[str] = set()
    for path in paths:
        path = Path(path)
        rdf_format = RDF_FORMATS.get(path.suffix.lower())
        if rdf_format is None:
            result.problems.append(Problem(path.name, None, "unknown RDF file type"))
            continue
        own_graph = None if rdf_format.supports_datasets else config.graph_uri(
            "add", slug(path.stem))
        to_graph = ox.NamedNode(own_graph) if own_graph else None
        try:
            data = read_limited(path, None)
            quads = [_checked_quad(quad, to_graph)
                     for quad in ox.parse(data, format=rdf_format)]
        except (InputError, SyntaxError, ValueError) as error:
            result.problems.append(Problem(path.name, None, f"not loaded: {error}"))
            continue
        named = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
        store.bulk_extend(quads)
        found = {own_graph} if own_graph else named
        graphs |= found
        sources.append(SourceFile(f"add/{path.name}", sha256_hex(path.read_bytes()),
                                  graph=own_graph or (min(named) if len(named) == 1 else None)))
    return graphs


def _checked_quad(quad: ox.Quad, to_graph: ox.NamedNode | None) -> ox.Quad:
    """A parsed quad (IRIs and language tags already checked by the parser) with the
    characters ``clean_text`` removes taken out of its literal, moved to ``to_graph``."""
    term = quad.object
    if isinstance(term, ox.Literal) and clean_text(term.value) != term.value:
        term = ox.Literal(clean_text(term.value), language=term.language) if term.language \
            else ox.Literal(clean_text(term.value), datatype=term.datatype)
    graph = to_graph if to_graph is not None else quad.graph_name
    return ox.Quad(quad.subject, quad.predicate, term, graph)


# -- orchestration ----------------------------------------------------------------------

def _count_inputs(records: RecordDirs, texts_dir: Path | None) -> int:
    """How many input files there are, before any is read (decides the worker count)."""
    count = sum(1 for d in record_dirs(records) for _ in record_paths(d))
    return count + (len(document_paths(texts_dir)) if texts_dir else 0)


def resolve_linker(linker: Linker | None, link: bool) -> Linker:
    """The given linker; else the link stage's default (NameOnlyLinker when not linking)."""
    if linker is not None:
        return linker
    default = getattr(kg.link, "default_linker", None)
    return default() if link and default is not None else NameOnlyLinker()


def build(records_dir: RecordDirs, texts_dir: Path | None = None, add_files: Iterable[Path] = (),
          store_root: Path = config.STORE_ROOT, include_contacts: bool = False,
          linker: Linker | None = None, *, link: bool = True, max_bytes: int | None = None,
          workers: int | None = None, shapes_file: Path | None = config.SHAPES_FILE,
          ontology_file: Path | None = config.ONTOLOGY_FILE,
          progress: Callable[[Iterable[Processed], int], Iterable[Processed]] | None = None,
          registers_dir: Path | None = None, all_register_rows: bool = False,
          ) -> BuildResult:
    """Build a store from the inputs and publish it as ``<store_root>/current``.

    Raises :class:`BuildError` (served store untouched) when no document could be built.
    """
    started_at, wall = build_time(), time.perf_counter()
    with layout.build_lock(store_root):
        layout.remove_partial_builds(store_root)
        notices = []
        if shapes_file is not None and not Path(shapes_file).exists():
            notices.append(f"{shapes_file} not found: document graphs not validated")
            shapes_file = None
        validator = compiled_validator(shapes_file, include_contacts)
        if workers is None:
            workers = (min(2, os.cpu_count() or 1)
                       if _count_inputs(records_dir, texts_dir) >= POOL_THRESHOLD
                       or registers_dir else 1)
        build_id = started_at.strftime("%Y%m%dT%H%M%SZ") + f"-{os.getpid()}"
        store_dir = layout.new_build_dir(store_root, build_id)
        try:
            linker = resolve_linker(linker, link)
            with worker_pool(workers, linker, include_contacts, validator) as pool:
                inputs = gather(records_dir, texts_dir, max_bytes, registers_dir,
                                all_register_rows)
                inputs.notices[:0] = notices
                result = BuildResult(store_dir, inputs.problems, inputs.notices, workers=workers)
                store = ox.Store(str(store_dir))
                counts = _map_and_load(inputs, store, result, pool, progress,
                                       reference_places(linker))
            if not result.documents and not add_files:
                raise BuildError("no input document could be built", result.problems)
            added = _load_rest(store, result, counts, inputs.sources, add_files,
                               ontology_file, started_at)
            if not result.documents and not added:
                raise BuildError("no input document or added file could be built",
                                 result.problems)
            del store
            result.store_path = layout.publish(store_root, store_dir)
        except BaseException:
            shutil.rmtree(store_dir, ignore_errors=True)
            raise
    result.timings["total"] = time.perf_counter() - wall
    return result


def reference_places(linker: Linker) -> set[str]:
    """Reference-graph N-Quads lines of every municipality the reference data knows (with
    its region), so each has a page and a list row whether or not a project names it."""
    places = getattr(linker, "places", None)
    if places is None:
        return set()
    mapper = RecordMapper(linker)
    lines = {line for entity in places.municipalities.values()
             for line in mapper.description(entity)[1]}
    return {f"{line} <{REFERENCE_GRAPH}> .\n" for line in lines}


def _map_and_load(inputs: Inputs, store: ox.Store, result: BuildResult, pool: Pool | None,
                  progress: Callable | None, places: set[str]) -> dict[str, tuple[int, int]]:
    """Map and validate every document in the workers; good ones are bulk-loaded in
    large chunks by a loader thread while the workers go on (pyoxigraph releases the
    GIL while loading, so loading overlaps with mapping)."""
    counts: dict[str, tuple[int, int]] = {}
    reference: set[str] = set(places)
    map_seconds = validate_seconds = 0.0
    stream: Iterable[Processed] = _processed(inputs.documents, pool, result.workers)
    if progress is not None:
        stream = progress(stream, len(inputs.documents))
    with ChunkLoader(store) as loader:
        for done in stream:
            map_seconds += done.map_seconds
            validate_seconds += done.validate_seconds
            result.problems.extend(done.problems)
            result.notices.extend(done.notices)
            result.warnings.extend(done.warnings)
            if not done.nquads:
                continue
            loader.add(done.nquads)
            reference.update(done.reference)
            counts[done.graph] = (done.triples, done.entities)
            result.documents += 1
            result.projects += done.projects
        loader.add("".join(sorted(reference)))
    if reference:
        subjects = {line.split(" ", 1)[0] for line in reference if line.startswith("<")}
        counts[REFERENCE_GRAPH] = (len(reference), len(subjects))
    result.timings.update(map=map_seconds, validate=validate_seconds, load=loader.seconds)
    return counts


class ChunkLoader:
    """Bulk-loads N-Quads text into a store in chunks of about ``LOAD_CHUNK`` characters
    on a background thread. Few large loads are much faster than many small ones, and
    the chunk size bounds the loader's memory (one load of hundreds of MB takes over 1 GB).
    """

    LOAD_CHUNK = 32 * 1024 * 1024

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.seconds = 0.0
        self._pending: list[str] = []
        self._size = 0
        self._chunks: queue.Queue[bytes | None] = queue.Queue(maxsize=1)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="bulk-load", daemon=True)

    def __enter__(self) -> ChunkLoader:
        self._thread.start()
        return self

    def add(self, nquads: str) -> None:
        self._pending.append(nquads)
        self._size += len(nquads)
        if self._size >= self.LOAD_CHUNK:
            self._hand_over()

    def _hand_over(self) -> None:
        if self._error is not None:
            raise self._error
        if self._pending:
            self._chunks.put("".join(self._pending).encode("utf-8"))
        self._pending, self._size = [], 0

    def _run(self) -> None:
        while (chunk := self._chunks.get()) is not None:
            if self._error is not None:
                continue  # drain: the main thread raises the first error
            started = time.perf_counter()
            try:
                self.store.bulk_load(chunk, format=ox.RdfFormat.N_QUADS)
            except BaseException as error:  # re-raised in the main thread
                self._error = error
            self.seconds += time.perf_counter() - started

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        try:
            if error is None:
                self._hand_over()
        finally:
            self._chunks.put(None)
            self._thread.join()
        if error is None and self._error is not None:
            raise self._error


def _load_rest(store: ox.Store, result: BuildResult, counts: dict[str, tuple[int, int]],
               sources: list[SourceFile], add_files: Iterable[Path], ontology_file: Path | None,
               started_at: Any) -> set[str]:
    """Load the ontology, added files and the metadata graph; flush the store.
    Returns the graphs the added files filled."""
    load_started = time.perf_counter()
    extra_graphs: set[str] = set()
    if ontology_file is not None and Path(ontology_file).exists():
        store.bulk_load(path=ontology_file, format=ox.RdfFormat.TURTLE,
                        to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
        extra_graphs.add(ONTOLOGY_GRAPH)
    added = _load_added(store, add_files, result, sources)
    extra_graphs |= added
    for graph in sorted(extra_graphs):
        counts[graph] = _graph_counts(store, graph)
    meta = meta_graph(counts, sources, started_at, build_time())
    store.bulk_load(input=nquads_text(meta, META_GRAPH),
                    format=ox.RdfFormat.N_QUADS)
    store.flush()
    result.triples = sum(t for t, _ in counts.values()) + len(meta)
    result.timings["load"] += time.perf_counter() - load_started
    return added


def plain_progress(stream: Iterable[Processed], total: int,
                   echo: Callable[[str], None] = print) -> Iterator[Processed]:
    """Progress as plain lines (about every tenth of the work) for logs and CI."""
    step = max(1, total // 10)
    for done_count, processed in enumerate(stream, start=1):
        if done_count % step == 0 or done_count == total:
            echo(f"mapped and validated {done_count}/{total} documents")
        yield processed


def terminal_progress(stream: Iterable[Processed], total: int) -> Iterable[Processed]:
    """A tqdm bar on a terminal, plain lines otherwise."""
    if sys.stderr.isatty():
        from tqdm import tqdm  # only on a terminal
        return tqdm(stream, total=total, unit="doc", desc="map+validate")
    return plain_progress(stream, total)
