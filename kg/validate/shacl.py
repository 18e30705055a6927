"""pyshacl validation (the reference engine; ``kg build`` runs ``kg.validate.compiled``).

One document graph at a time, with the shapes parsed once.

pyshacl re-reads ("harvests") the shapes graph for every ``validate()`` call;
for thousands of small document graphs that dominates the run time. A single
:class:`pyshacl.Validator` is kept and only its data graph is swapped, so the
harvested shapes are reused and the cost per document stays constant.
SPARQL-based constraints are parsed once too (``_PreparedQueryGraph``):
parsing their text again for every graph was most of the validation time.

:meth:`ShapesValidator.validate_each` validates several document graphs in one
pyshacl run without letting them meet: every ``{base}id/…`` IRI of graph *i*
gets the suffix ``~i``, so the union is a disjoint union and each graph is
judged exactly as if alone, while pyshacl's fixed cost per shape is paid once
per batch. Graphs with a violation are validated again alone for their report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyshacl import Validator
from pyshacl.graph_abstraction import RdfLibDataGraph
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from kg import config


@dataclass(frozen=True)
class Violation:
    """One ``sh:Violation`` result: where and why."""

    focus: str
    path: str | None
    message: str
    warning: bool = False  # an sh:Warning (completeness), not an sh:Violation

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.focus}{where}: {self.message}"


@dataclass
class Outcome:
    """Validation result of one graph: the violations, the report graph and its text."""

    violations: list[Violation]
    report: Graph
    text: str

    @property
    def conforms(self) -> bool:
        return not self.violations


# The shape that forbids e-mail and phone; a build that includes contacts switches it off.
NO_CONTACTS_SHAPE = URIRef("https://w3id.org/kuhy/shapes#NoContactsShape")


def load_shapes(path: Path | None = None, include_contacts: bool = False) -> Graph | None:
    """The shapes graph from ``path`` (default ``shapes/kuhy.ttl``); None when absent."""
    path = config.SHAPES_FILE if path is None else Path(path)
    if not path.exists():
        return None
    shapes = Graph().parse(path, format="turtle")
    if include_contacts:
        shapes.add((NO_CONTACTS_SHAPE, SH.deactivated, Literal(True)))
    return shapes


class _PreparedQueryGraph(RdfLibDataGraph):
    """A pyshacl data graph that parses each distinct SPARQL text once per process."""

    _prepared: dict[str, Query] = {}

    def query(self, query_object, *args, **kwargs):  # type: ignore[override]
        if isinstance(query_object, str):
            prepared = self._prepared.get(query_object)
            if prepared is None:
                prepared = self._prepared[query_object] = prepareQuery(query_object)
            query_object = prepared
        return super().query(query_object, *args, **kwargs)


def _data_graph(graph: Graph) -> RdfLibDataGraph:
    return _PreparedQueryGraph(store=graph.store, impl=graph)


class ShapesValidator:
    """Validates graphs against one shapes graph; only ``sh:Violation`` counts as failure."""

    def __init__(self, shapes: Graph) -> None:
        self._validator = Validator(_data_graph(Graph()), shacl_graph=shapes,
                                    options={"inference": "none", "allow_warnings": True,
                                             "allow_infos": True})

    def validate(self, graph: Graph) -> Outcome:
        validator = self._validator
        validator.data_graph = _data_graph(graph)
        validator.data_graph_is_multigraph = False
        validator._target_graph = None  # force run() to target the new data graph
        _, report, text = validator.run()
        return Outcome(violations(report), report, text)


def _renamed_union(graphs: list[Graph]) -> Graph:
    """The graphs' disjoint union: ``{base}id/`` IRIs of graph i end in ``~i``."""
    things = config.BASE_URI + "id/"
    union = Graph()
    for index, graph in enumerate(graphs):
        suffix, renamed = f"~{index}", {}

        def rename(term, suffix=suffix, renamed=renamed):
            if isinstance(term, URIRef) and term.startswith(things):
                new = renamed.get(term)
                if new is None:
                    new = renamed[term] = URIRef(term + suffix)
                return new
            return term

        for subject, predicate, obj in graph:
            union.add((rename(subject), predicate, rename(obj)))
    return union


def _batch_index(violation: Violation, size: int) -> int | None:
    head, _, tail = violation.focus.rpartition("~")
    return int(tail) if head and tail.isdigit() and int(tail) < size else None


def validate_each(validator: ShapesValidator, graphs: list[Graph]) -> list[list[Violation]]:
    """The violations of each graph, judged alone, validated in one run where possible."""
    if len(graphs) == 1:
        return [validator.validate(graphs[0]).violations]
    found = validator.validate(_renamed_union(graphs)).violations
    suspects = {_batch_index(violation, len(graphs)) for violation in found}
    if None in suspects:  # a violation that names no document: judge every graph alone
        suspects = set(range(len(graphs)))
    return [validator.validate(graph).violations if index in suspects else []
            for index, graph in enumerate(graphs)]


def violations(report: Graph) -> list[Violation]:
    """The sh:Violation results of a report, sorted for stable output."""
    found = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        found.append(Violation(str(focus), str(path) if isinstance(path, URIRef) else None,
                               str(message or "constraint violated")))
    return sorted(found, key=lambda v: (v.focus, v.path or "", v.message))
