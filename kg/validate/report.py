"""``kg validate``: map the inputs as the build would and report SHACL results per document."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from kg.extract.seam import RecordDirs, gather
from kg.link.model import Linker
from kg.rdf.mapping import RecordMapper
from kg.validate.compiled import CompiledValidator
from kg.validate.shacl import Outcome, ShapesValidator, Violation, load_shapes


@dataclass
class ValidationRun:
    """Outcomes per input name, plus inputs (or parts) that could not be used at all."""

    outcomes: dict[str, Outcome] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # parts left out on purpose

    @property
    def conforms(self) -> bool:
        return not self.problems and all(o.conforms for o in self.outcomes.values())

    def report_graph(self) -> Graph:
        """All documents' SHACL validation reports in one graph."""
        merged = Graph()
        merged.bind("sh", "http://www.w3.org/ns/shacl#")
        for outcome in self.outcomes.values():
            merged += outcome.report
        return merged

    def text(self) -> str:
        lines = [f"notice: {notice}" for notice in self.notices] + list(self.problems)
        for name, outcome in sorted(self.outcomes.items()):
            if outcome.conforms:
                lines.append(f"{name}: conforms")
                continue
            lines.append(f"{name}: {len(outcome.violations)} violation(s)")
            lines += [f"  {violation}" for violation in outcome.violations]
        return "\n".join(lines)


def validate_inputs(records_dir: RecordDirs, texts_dir: Path | None, linker: Linker,
                    include_contacts: bool = False, max_bytes: int | None = None,
                    shapes_file: Path | None = None, engine: str = "sparql") -> ValidationRun:
    """Map the inputs and validate each document graph alone.

    ``engine`` is ``sparql`` (the shapes compiled to SPARQL, as ``kg build`` runs them;
    only violations are reported) or ``pyshacl`` (the reference, full SHACL reports).
    """
    shapes = load_shapes(shapes_file, include_contacts)
    if shapes is None:
        raise FileNotFoundError("no shapes file to validate against")
    mapper = RecordMapper(linker, include_contacts)
    inputs = gather(records_dir, texts_dir, max_bytes)
    run = ValidationRun(problems=[str(problem) for problem in inputs.problems])
    mapped = {}
    for document in inputs.documents:
        mapped[document.name] = mapper.map(document.record, document.text,
                                           document.text_sha256, document.extraction_version)
        run.notices += [f"{document.name}: {reason}" for reason in mapped[document.name].left_out]
        run.problems += [f"{document.name}{f' [{focus}]' if focus else ''}: {reason}"
                         for focus, reason in mapped[document.name].dropped]
    if engine == "pyshacl":
        validator = ShapesValidator(shapes)
        run.outcomes = {name: validator.validate(doc.graph) for name, doc in mapped.items()}
    else:
        verdicts = CompiledValidator(shapes).validate_nquads(
            [(doc.graph_uri, doc.nquads()) for doc in mapped.values()])
        run.outcomes = {name: outcome(found) for name, found
                        in zip(mapped, verdicts, strict=True)}
    return run


def outcome(found: list[Violation]) -> Outcome:
    """An Outcome with a SHACL report graph built from compiled-engine violations."""
    report = Graph()
    node = BNode()
    report.add((node, RDF.type, SH.ValidationReport))
    report.add((node, SH.conforms, Literal(not found)))
    for violation in found:
        result = BNode()
        report.add((node, SH.result, result))
        report.add((result, RDF.type, SH.ValidationResult))
        report.add((result, SH.resultSeverity, SH.Violation))
        report.add((result, SH.focusNode, URIRef(violation.focus)))
        report.add((result, SH.resultMessage, Literal(violation.message)))
        if violation.path:
            report.add((result, SH.resultPath, URIRef(violation.path)))
    text = "\n".join(str(violation) for violation in found)
    return Outcome(found, report, text)
