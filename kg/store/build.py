"""``kg build``: inputs -> mapped, validated document graphs -> a new store, swapped in.

Stages (timed separately in :class:`BuildResult`):

1. *gather* (``kg.extract.seam``): curated records (``*.json``), texts without
   a curated record (extracted), each checked; a bad input becomes a ``Problem``.
2. *map* + *validate*: in batches of documents, in a pool of worker processes
   for large inputs; the mapper writes N-Triples text and the SHACL shapes run
   as compiled SPARQL queries over an in-memory store of the whole batch
   (``kg.validate.compiled``), each document graph judged alone; a document
   graph with an ``sh:Violation`` is left out and reported.
3. *load*: surviving documents are bulk-loaded into a fresh store directory as
   their batches arrive (overlapping with mapping), then the reference graph,
   the ontology, ``--add`` files and the metadata graph; then the directory is
   published atomically (``kg.store.layout``). A build with no buildable
   document fails and leaves the served store as it was.
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
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.pool import Pool
from pathlib import Path
from typing import Any

import pyoxigraph as ox

import kg.link
from kg import config
from kg.extract.seam import DocumentInput, Inputs, Problem, SourceFile, gather, sha256_hex
from kg.ingest.errors import InputError
from kg.ingest.records import read_limited, record_paths
from kg.link.model import Linker, NameOnlyLinker, slug
from kg.rdf.keys import source_key
from kg.rdf.mapping import MappedDocument, RecordMapper
from kg.rdf.nquads import nquads_text
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
        return result, None
    result.notices = [f"{document.name}: {reason}" for reason in mapped.left_out]
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
        verdicts = validator.validate_nquads([(r.graph, r.nquads) for r, _ in usable])
        share = (time.process_time() - started) / len(usable)
        for (result, _), violations in zip(usable, verdicts, strict=True):
            result.validate_seconds = share
            result.problems += [Problem(result.name, v.focus, v.message) for v in violations]
        usable = [(r, m) for (r, m), violations in zip(usable, verdicts, strict=True)
                  if not violations]
    sent: set[str] = _worker["sent"]
    for result, mapped in usable:
        result.triples = len(mapped.triples)
        new = [line for line in mapped.reference if line not in sent]
        sent.update(new)
        result.reference = [f"{line} <{REFERENCE_GRAPH}> .\n" for line in new]
        result.projects = len(mapped.projects)
        result.entities = len(mapped.subjects())
    for result, mapped in pairs:
        if mapped is None or result.problems:
            result.nquads = ""
    return [result for result, _ in pairs]


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
    for processed in pool.imap(process_batch, batches):
        yield from processed


# -- load -------------------------------------------------------------------------------

def _graph_counts(store: ox.Store, graph: str) -> tuple[int, int]:
    query = ("SELECT (COUNT(*) AS ?t) (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH <" + graph +
             "> { ?s ?p ?o BIND(IF(isIRI(?s), ?s, ?unbound) AS ?e) } }")
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
            read_limited(path, None)
            named = {q.graph_name.value for q in ox.parse(path=path, format=rdf_format)
                     if isinstance(q.graph_name, ox.NamedNode)}
        except (InputError, SyntaxError, OSError) as error:
            result.problems.append(Problem(path.name, None, f"not loaded: {error}"))
            continue
        store.bulk_load(path=path, format=rdf_format, to_graph=to_graph)
        found = {own_graph} if own_graph else named
        graphs |= found
        sources.append(SourceFile(f"add/{path.name}", sha256_hex(path.read_bytes()),
                                  graph=own_graph or (min(named) if len(named) == 1 else None)))
    return graphs


# -- orchestration ----------------------------------------------------------------------

def _count_inputs(records_dir: Path | None, texts_dir: Path | None) -> int:
    """How many input files there are, before any is read (decides the worker count)."""
    records = sum(1 for _ in record_paths(records_dir)) if records_dir else 0
    texts = sum(1 for _ in Path(texts_dir).glob("*.txt")) if texts_dir else 0
    return records + texts


def resolve_linker(linker: Linker | None, link: bool) -> Linker:
    """The given linker; else the link stage's default (NameOnlyLinker when not linking)."""
    if linker is not None:
        return linker
    default = getattr(kg.link, "default_linker", None)
    return default() if link and default is not None else NameOnlyLinker()


def build(records_dir: Path | None, texts_dir: Path | None = None, add_files: Iterable[Path] = (),
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
            with worker_pool(workers, resolve_linker(linker, link), include_contacts,
                             validator) as pool:
                inputs = gather(records_dir, texts_dir, max_bytes, registers_dir,
                                all_register_rows)
                inputs.notices[:0] = notices
                result = BuildResult(store_dir, inputs.problems, inputs.notices, workers=workers)
                store = ox.Store(str(store_dir))
                counts = _map_and_load(inputs, store, result, pool, progress)
            if not result.documents:
                raise BuildError("no input document could be built", result.problems)
            _load_rest(store, result, counts, inputs.sources, add_files, ontology_file,
                       started_at)
            del store
            result.store_path = layout.publish(store_root, store_dir)
        except BaseException:
            shutil.rmtree(store_dir, ignore_errors=True)
            raise
    result.timings["total"] = time.perf_counter() - wall
    return result


def _map_and_load(inputs: Inputs, store: ox.Store, result: BuildResult, pool: Pool | None,
                  progress: Callable | None) -> dict[str, tuple[int, int]]:
    """Map and validate every document in the workers; good ones are bulk-loaded in
    large chunks by a loader thread while the workers go on (pyoxigraph releases the
    GIL while loading, so loading overlaps with mapping)."""
    counts: dict[str, tuple[int, int]] = {}
    reference: set[str] = set()
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
               started_at: Any) -> None:
    """Load the ontology, added files and the metadata graph; flush the store."""
    load_started = time.perf_counter()
    extra_graphs: set[str] = set()
    if ontology_file is not None and Path(ontology_file).exists():
        store.bulk_load(path=ontology_file, format=ox.RdfFormat.TURTLE,
                        to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
        extra_graphs.add(ONTOLOGY_GRAPH)
    extra_graphs |= _load_added(store, add_files, result, sources)
    for graph in sorted(extra_graphs):
        counts[graph] = _graph_counts(store, graph)
    meta = meta_graph(counts, sources, started_at, build_time())
    store.bulk_load(input=nquads_text(meta, META_GRAPH),
                    format=ox.RdfFormat.N_QUADS)
    store.flush()
    result.triples = sum(t for t, _ in counts.values()) + len(meta)
    result.timings["load"] += time.perf_counter() - load_started


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
        from tqdm import tqdm
        return tqdm(stream, total=total, unit="doc", desc="map+validate")
    return plain_progress(stream, total)
