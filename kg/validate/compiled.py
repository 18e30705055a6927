"""SHACL shapes compiled to SPARQL, run by pyoxigraph on many document graphs at once.

Each constraint of ``shapes/kuhy.ttl`` becomes one SELECT query that finds its
violations inside ``GRAPH ?g { … }``: every pattern, ``EXISTS`` and subquery is
evaluated in the active graph, so each document graph is judged exactly as if
it were validated alone, while a batch of hundreds of documents costs one load
and one run of each query. pyshacl stays the reference engine
(``kg validate --engine pyshacl``); ``tests/foundation/test_foundation_engines.py``
checks that both flag the same documents and focus nodes.

Supported SHACL Core subset (anything else fails loudly when the shapes are
compiled, never silently): targets ``targetClass``, ``targetSubjectsOf``,
``targetObjectsOf``; paths: IRI, ``inversePath``, sequences, ``alternativePath``;
``minCount``/``maxCount``; value constraints ``datatype``, ``nodeKind``,
``class``, ``in``, ``pattern``/``flags``, ``minLength``/``maxLength``,
``min/maxInclusive``/``Exclusive``, ``languageIn``, ``node``, ``or``, ``and``,
``not``; SPARQL-based constraints (``sh:select`` with ``$this``, ``sh:prefixes``);
``severity``, ``message``, ``deactivated``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import count

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH

from kg.validate.shacl import Violation


class ShapeCompileError(ValueError):
    """A shape uses a SHACL feature this compiler does not translate."""


@dataclass(frozen=True)
class Check:
    """One compiled constraint: a query yielding ``?g ?this`` (and maybe ``?value``)."""

    shape: str
    component: str
    query: str
    message: str
    path: str | None
    severity: str


TARGETS = {SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf}
VALUE_CONSTRAINTS = {SH.datatype, SH.nodeKind, SH["class"], SH["in"], SH.pattern, SH.minLength,
                     SH.maxLength, SH.minInclusive, SH.maxInclusive, SH.minExclusive,
                     SH.maxExclusive, SH.languageIn, SH.node, SH["or"], SH["and"], SH["not"]}
IGNORED = {SH.message, SH.severity, SH.deactivated, SH.name, SH.description, SH.order,
           SH.group, SH.flags, SH.declare, SH.prefixes}
NODE_KEYS = TARGETS | VALUE_CONSTRAINTS | IGNORED | {SH.property, SH.sparql}
PROPERTY_KEYS = VALUE_CONSTRAINTS | IGNORED | {SH.path, SH.minCount, SH.maxCount}
NODE_KINDS = {
    SH.IRI: "isIRI({v})", SH.BlankNode: "isBlank({v})", SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isIRI({v}) || isBlank({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
NUMERIC = ("decimal", "integer", "double", "float", "int", "long", "nonNegativeInteger")
COMPARISONS = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">",
               SH.maxExclusive: "<"}
TYPE_OF = f"<{RDF.type}>/<{RDFS.subClassOf}>*"


def term(node: URIRef | Literal) -> str:
    if isinstance(node, BNode):
        raise ShapeCompileError(f"a blank node {node} cannot be a constant in a query")
    return node.n3()


class ShapeCompiler:
    """Turns a shapes graph into :class:`Check` queries."""

    def __init__(self, shapes: Graph, subclasses: bool = True) -> None:
        self.shapes = shapes
        self.fresh = count()
        # rdf:type, or rdf:type/rdfs:subClassOf* when the data may declare subclasses
        self.type_of = TYPE_OF if subclasses else f"<{RDF.type}>"

    # -- helpers -------------------------------------------------------------------------
    def var(self) -> str:
        return f"?v{next(self.fresh)}"

    def values(self, node, predicate) -> list:
        return list(self.shapes.objects(node, predicate))

    def one(self, node, predicate):
        found = self.values(node, predicate)
        if len(found) > 1:
            raise ShapeCompileError(f"{node}: more than one {predicate}")
        return found[0] if found else None

    def items(self, node) -> list:
        return list(Collection(self.shapes, node))

    def check_keys(self, shape, allowed: set) -> None:
        unknown = {p for p in self.shapes.predicates(shape) if str(p).startswith(str(SH))
                   and p not in allowed}
        if unknown:
            names = ", ".join(sorted(p.n3(self.shapes.namespace_manager) for p in unknown))
            raise ShapeCompileError(f"shape {shape}: unsupported SHACL feature(s) {names}")

    def deactivated(self, shape) -> bool:
        return bool(self.one(shape, SH.deactivated) == Literal(True))

    def message(self, *shapes) -> str | None:
        for shape in shapes:
            messages = self.values(shape, SH.message)
            english = [m for m in messages if getattr(m, "language", None) in ("en", None)]
            if english or messages:
                return str((english or messages)[0])
        return None

    def severity(self, shape, default: URIRef = SH.Violation) -> str:
        return str(self.one(shape, SH.severity) or default)

    # -- paths and targets -----------------------------------------------------------------
    def path(self, node) -> str:
        if isinstance(node, URIRef):
            return f"<{node}>"
        inverse = self.one(node, SH.inversePath)
        if inverse is not None:
            return f"^({self.path(inverse)})"
        alternative = self.one(node, SH.alternativePath)
        if alternative is not None:
            return "(" + "|".join(self.path(p) for p in self.items(alternative)) + ")"
        if self.one(node, RDF.first) is not None:
            return "(" + "/".join(self.path(p) for p in self.items(node)) + ")"
        raise ShapeCompileError(f"unsupported property path {node}")

    def target(self, shape) -> str | None:
        parts = []
        for cls in self.values(shape, SH.targetClass):
            parts.append(f"?this {self.type_of} {term(cls)} .")
        for prop in self.values(shape, SH.targetSubjectsOf):
            parts.append(f"?this {term(prop)} [] .")
        for prop in self.values(shape, SH.targetObjectsOf):
            parts.append(f"[] {term(prop)} ?this .")
        if self.values(shape, SH.targetNode):
            raise ShapeCompileError(f"shape {shape}: sh:targetNode is not supported")
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else " UNION ".join(f"{{ {p} }}" for p in parts)

    # -- value conditions (a SPARQL boolean expression on one value) ------------------------
    def conditions(self, shape, v: str) -> list[tuple[str, str]]:
        """(component, expression true when value ``v`` meets it) for each value constraint."""
        found = []
        for predicate, obj in sorted(self.shapes.predicate_objects(shape)):
            if predicate in VALUE_CONSTRAINTS:
                found.append((predicate.split("#")[-1], self.condition(shape, predicate, obj, v)))
        return found

    def condition(self, shape, predicate, obj, v: str) -> str:
        if predicate == SH.datatype:
            typed = f"(isLiteral({v}) && DATATYPE({v}) = {term(obj)})"
            if str(obj).rsplit("#", 1)[-1] in NUMERIC:
                typed = f"({typed} && isNumeric({v}))"
            return typed
        if predicate == SH.nodeKind:
            return NODE_KINDS[obj].format(v=v)
        if predicate == SH["class"]:
            return f"EXISTS {{ {v} {self.type_of} {term(obj)} }}"
        if predicate == SH["in"]:
            return "(" + " || ".join(f"sameTerm({v}, {term(item)})"
                                     for item in self.items(obj)) + ")"
        if predicate == SH.pattern:
            flags = self.one(shape, SH.flags)
            extra = f", {term(Literal(str(flags)))}" if flags else ""
            return f"(!isBlank({v}) && REGEX(STR({v}), {term(Literal(str(obj)))}{extra}))"
        if predicate in (SH.minLength, SH.maxLength):
            sign = ">=" if predicate == SH.minLength else "<="
            return f"(!isBlank({v}) && STRLEN(STR({v})) {sign} {int(obj)})"
        if predicate in COMPARISONS:
            return f"({v} {COMPARISONS[predicate]} {term(obj)})"
        if predicate == SH.languageIn:
            tags = " || ".join(f"LANGMATCHES(LANG({v}), {term(Literal(str(t)))})"
                               for t in self.items(obj))
            return f"(isLiteral({v}) && ({tags}))"
        if predicate == SH.node:
            return self.conforms(obj, v)
        if predicate == SH["or"]:
            return "(" + " || ".join(self.conforms(s, v) for s in self.items(obj)) + ")"
        if predicate == SH["and"]:
            return "(" + " && ".join(self.conforms(s, v) for s in self.items(obj)) + ")"
        if predicate == SH["not"]:
            return f"(!{self.conforms(obj, v)})"
        raise ShapeCompileError(f"unsupported constraint {predicate}")

    def conforms(self, shape, v: str) -> str:
        """An expression true when the node ``v`` conforms to ``shape`` (used in or/and/not)."""
        if self.deactivated(shape):
            return "true"
        path = self.one(shape, SH.path)
        if path is None:
            self.check_keys(shape, NODE_KEYS - TARGETS - {SH.sparql})
            parts = [expr for _, expr in self.conditions(shape, v)]
            parts += [self.conforms(p, v) for p in self.values(shape, SH.property)]
            return "(" + (" && ".join(parts) or "true") + ")"
        self.check_keys(shape, PROPERTY_KEYS)
        route, w = self.path(path), self.var()
        parts = []
        low, high = self.one(shape, SH.minCount), self.one(shape, SH.maxCount)
        if low is not None and int(low) > 1 or high is not None and int(high) > 1:
            raise ShapeCompileError(f"{shape}: counts above 1 inside sh:or/and/not/node")
        if low is not None and int(low) == 1:
            parts.append(f"EXISTS {{ {v} {route} {w} }}")
        if high is not None and int(high) == 0:
            parts.append(f"NOT EXISTS {{ {v} {route} {w} }}")
        if high is not None and int(high) == 1:
            x = self.var()
            parts.append(f"NOT EXISTS {{ {v} {route} {w}, {x} FILTER ({w} != {x}) }}")
        for _, expr in self.conditions(shape, w):
            parts.append(f"NOT EXISTS {{ {v} {route} {w} FILTER (!COALESCE({expr}, false)) }}")
        return "(" + (" && ".join(parts) or "true") + ")"

    # -- top-level checks ------------------------------------------------------------------
    def compile(self) -> list[Check]:
        checks: list[Check] = []
        shapes = set(self.shapes.subjects(RDF.type, SH.NodeShape))
        shapes |= {s for p in TARGETS | {SH.targetNode} for s in self.shapes.subjects(p, None)}
        for shape in sorted(shapes):
            target = self.target(shape)
            if target is None or self.deactivated(shape):
                continue
            if self.one(shape, SH.path) is not None:
                raise ShapeCompileError(f"{shape}: property shapes with targets are not "
                                        "supported; hang them on a node shape")
            self.check_keys(shape, NODE_KEYS)
            checks += self.node_checks(shape, target)
        return checks

    def node_checks(self, shape, target: str) -> list[Check]:
        checks = []
        message, severity = self.message(shape), self.severity(shape)
        for component, expr in self.conditions(shape, "?this"):
            query = (f"SELECT DISTINCT ?g ?this WHERE {{ GRAPH ?g {{ {target} "
                     f"FILTER (!COALESCE({expr}, false)) }} }}")
            checks.append(Check(str(shape), component, query,
                                message or f"does not meet {component}", None, severity))
        for prop in self.values(shape, SH.property):
            if not self.deactivated(prop):
                checks += self.property_checks(shape, prop, target)
        for constraint in self.values(shape, SH.sparql):
            if not self.deactivated(constraint):
                checks.append(self.sparql_check(shape, constraint, target, severity))
        return checks

    def property_checks(self, shape, prop, target: str) -> list[Check]:
        self.check_keys(prop, PROPERTY_KEYS)
        path_node = self.one(prop, SH.path)
        if path_node is None:
            raise ShapeCompileError(f"{prop}: a property shape without sh:path")
        route = self.path(path_node)
        path = str(path_node) if isinstance(path_node, URIRef) else None
        severity = self.severity(prop, URIRef(self.severity(shape)))
        message = self.message(prop)

        def check(component: str, query: str, default: str) -> Check:
            return Check(str(prop), component, query, message or default, path, severity)

        checks = []
        low, high = self.one(prop, SH.minCount), self.one(prop, SH.maxCount)
        if low is not None and int(low) == 1:
            query = (f"SELECT DISTINCT ?g ?this WHERE {{ GRAPH ?g {{ {target} "
                     f"FILTER NOT EXISTS {{ ?this {route} ?value }} }} }}")
            checks.append(check("minCount", query, f"no value for {route}"))
        elif low is not None and int(low) > 1:
            checks.append(check("minCount", self.count_query(target, route, f"< {int(low)}"),
                                f"fewer than {int(low)} values for {route}"))
        if high is not None:
            checks.append(check("maxCount", self.count_query(target, route, f"> {int(high)}"),
                                f"more than {int(high)} values for {route}"))
        for component, expr in self.conditions(prop, "?value"):
            query = (f"SELECT DISTINCT ?g ?this ?value WHERE {{ GRAPH ?g {{ {target} "
                     f"?this {route} ?value FILTER (!COALESCE({expr}, false)) }} }}")
            checks.append(check(component, query, f"value {{?value}} of {route} does not "
                                                  f"meet {component}"))
        return checks

    @staticmethod
    def count_query(target: str, route: str, comparison: str) -> str:
        return (f"SELECT ?g ?this WHERE {{ GRAPH ?g {{ {target} OPTIONAL {{ ?this {route} "
                f"?value }} }} }} GROUP BY ?g ?this HAVING (COUNT(DISTINCT ?value) "
                f"{comparison})")

    def sparql_check(self, shape, constraint, target: str, severity: str) -> Check:
        self.check_keys(constraint, {SH.select, SH.message, SH.prefixes, SH.deactivated,
                                     SH.severity})
        select = str(self.one(constraint, SH.select))
        if re.search(r"\$(?!this\b)\w+|^\s*(PREFIX|BASE)\b", select, re.I | re.M):
            raise ShapeCompileError(f"{constraint}: only $this may be pre-bound, and prefixes "
                                    "come from sh:prefixes")
        inner = re.sub(r"\$this\b", "?this", select)
        # Inlined, not a subquery: a subquery inside GRAPH ?g is not scoped to ?g.
        found = re.fullmatch(r"\s*SELECT\s+(?:DISTINCT\s+)?([?\w\s*]*?)\s*WHERE\s*\{(.*)\}\s*",
                             inner, re.I | re.S)
        if not found or not re.search(r"\*|\?this\b", found.group(1)):
            raise ShapeCompileError(f"{constraint}: the query must be a plain SELECT of $this "
                                    "(no aggregates or solution modifiers)")
        variables = sorted(set(re.findall(r"\{\?(\w+)\}", self.message(constraint) or "")))
        projected = " ".join(f"?{name}" for name in variables if name != "this")
        prefixes = "".join(f"PREFIX {self.one(d, SH.prefix)}: <{self.one(d, SH.namespace)}>\n"
                           for source in self.values(constraint, SH.prefixes)
                           for d in self.values(source, SH.declare))
        query = (f"{prefixes}SELECT DISTINCT ?g ?this {projected} WHERE {{ GRAPH ?g {{ "
                 f"{target} {found.group(2)} }} }}")
        return Check(str(shape), "sparql", query, self.message(constraint, shape) or
                     "SPARQL constraint violated", None,
                     self.severity(constraint, URIRef(severity)))


def _message(template: str, solution: ox.QuerySolution) -> str:
    def fill(match: re.Match) -> str:
        value = solution[match.group(1)]
        return value.value if value is not None else match.group(0)
    return re.sub(r"\{[?$](\w+)\}", fill, template)


class CompiledValidator:
    """Validates many document graphs at once with the compiled checks."""

    def __init__(self, shapes: Graph) -> None:
        self.checks = ShapeCompiler(shapes).compile()
        # Document graphs never declare subclasses; without rdfs:subClassOf in the data,
        # class membership is a plain rdf:type look-up (much cheaper than a path closure).
        self.plain_checks = ShapeCompiler(shapes, subclasses=False).compile()

    def run(self, store: ox.Store, violations_only: bool = True) -> dict[str, list[Violation]]:
        """Violations per graph IRI found in ``store`` (graphs without any are absent)."""
        found: dict[str, set[Violation]] = {}
        subclasses = store.query(f"ASK {{ GRAPH ?g {{ ?a <{RDFS.subClassOf}> ?b }} }}")
        for check in self.checks if subclasses else self.plain_checks:
            if violations_only and check.severity != str(SH.Violation):
                continue
            for solution in store.query(check.query):
                focus = solution["this"]
                focus_text = focus.value if isinstance(focus, ox.NamedNode) else str(focus)
                violation = Violation(focus_text, check.path, _message(check.message, solution),
                                      warning=check.severity == str(SH.Warning))
                found.setdefault(solution["g"].value, set()).add(violation)
        return {graph: sorted(v, key=lambda x: (x.focus, x.path or "", x.message))
                for graph, v in found.items()}

    def validate_nquads(self, documents: list[tuple[str, str]],
                        violations_only: bool = True) -> list[list[Violation]]:
        """The violations (and warnings, unless ``violations_only``) of each (graph IRI,
        N-Quads text) document, judged alone.

        All documents are loaded into one in-memory store; a document whose text
        does not parse is reported alone, the others still validated together.
        """
        store = ox.Store()
        unparsable: dict[str, str] = {}
        try:
            store.load(input="".join(text for _, text in documents), format=ox.RdfFormat.N_QUADS)
        except SyntaxError:
            store = ox.Store()
            for graph, text in documents:
                try:
                    store.load(input=text, format=ox.RdfFormat.N_QUADS)
                except SyntaxError as error:
                    unparsable[graph] = f"invalid RDF: {error}"
        found = self.run(store, violations_only)
        return [[Violation(graph, None, unparsable[graph])] if graph in unparsable
                else found.get(graph, []) for graph, _ in documents]

    def validate_graphs(self, graphs: Iterable[Graph]) -> list[list[Violation]]:
        """The violations of each rdflib graph, judged alone (tests, ``kg validate``)."""
        documents = []
        for index, graph in enumerate(graphs):
            name = f"urn:kuhy:validate:{index}"
            lines = graph.serialize(format="nt")
            documents.append((name, "".join(line[:-2] + f"<{name}> .\n"
                                            for line in lines.splitlines(keepends=True)
                                            if line.strip())))
        return self.validate_nquads(documents)
