"""Evidence entries -> Web Annotation nodes (``oa:TextQuoteSelector``) on the fact they support.

``exact`` is the value as it is written in the quote (the whole quote when the
value cannot be found in it); ``prefix``/``suffix`` are up to 32 characters
around it, read from the normalised text when it is available, else from the
quote itself.
"""

from __future__ import annotations

from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.rdf import keys
from kg.rdf.vocab import OA, K

CONTEXT_CHARS = 32


def _find_quote(text: str, quote: str, start: int | None) -> int:
    """Where the quote starts in the text: near ``start`` when given, else anywhere (-1)."""
    if start is not None:
        near = text.find(quote, max(0, start - len(quote)))
        if near >= 0:
            return near
    return text.find(quote)


def quote_selector(quote: str, value: Any, text: str | None = None,
                   start: int | None = None) -> tuple[str, str, str]:
    """(prefix, exact, suffix) for a value read from ``quote``."""
    wanted = "" if value is None else str(value)
    offset = quote.casefold().find(wanted.casefold()) if wanted else -1
    exact = quote[offset:offset + len(wanted)] if offset >= 0 else quote
    offset = max(offset, 0)
    context, at = quote, offset
    if text:
        found = _find_quote(text, quote, start)
        if found >= 0:
            context, at = text, found + offset
    prefix = context[max(0, at - CONTEXT_CHARS):at]
    suffix = context[at + len(exact):at + len(exact) + CONTEXT_CHARS]
    return prefix, exact, suffix


def add_annotation(graph: Graph, project: URIRef, body: URIRef, document: URIRef,
                   evidence: dict[str, Any], text: str | None) -> URIRef:
    """Write one annotation (IRI named from the evidence content) and return it."""
    field_name, value = evidence["field"], evidence.get("value")
    start, end, quote = evidence.get("start"), evidence.get("end"), evidence["quote"]
    annotation = keys.fragment(project, "annotation", field_name, value, start, end, quote)
    target = URIRef(f"{annotation}-target")
    selector = URIRef(f"{annotation}-quote")
    prefix, exact, suffix = quote_selector(quote, value, text, start)
    triples = [
        (annotation, RDF.type, OA.Annotation),
        (annotation, OA.motivatedBy, OA.identifying),
        (annotation, OA.hasBody, body),
        (annotation, K.field, Literal(field_name)),
        (annotation, OA.hasTarget, target),
        (target, OA.hasSource, document),
        (target, OA.hasSelector, selector),
        (selector, RDF.type, OA.TextQuoteSelector),
        (selector, OA.exact, Literal(exact)),
        (selector, OA.prefix, Literal(prefix)),
        (selector, OA.suffix, Literal(suffix)),
    ]
    if value is not None:
        triples.append((annotation, K.value, Literal(str(value))))
    if start is not None and end is not None:
        position = URIRef(f"{annotation}-position")
        triples += [
            (target, OA.hasSelector, position),
            (position, RDF.type, OA.TextPositionSelector),
            (position, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)),
            (position, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)),
        ]
    for triple in triples:
        graph.add(triple)
    return annotation
