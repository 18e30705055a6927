"""Evidence entries -> Web Annotation nodes (``oa:TextQuoteSelector``) on the fact they support.

``exact`` is the value as it is written in the quote (the whole quote when the
value cannot be found in it); ``prefix``/``suffix`` are up to 32 characters
around it, read from the normalised text when it is available, else from the
quote itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rdflib.namespace import RDF, XSD

from kg.rdf import keys
from kg.rdf.contacts import keep
from kg.rdf.nquads import Terms, iri, literal, typed
from kg.rdf.vocab import OA, K

OAT, KT = Terms(OA), Terms(K)
RDF_TYPE = iri(RDF.type)
COUNT = iri(XSD.nonNegativeInteger)
DECIMAL = iri(XSD.decimal)

CONTEXT_CHARS = 32
SCRUB_CHARS = 4 * CONTEXT_CHARS  # context scrubbed before it is cut to CONTEXT_CHARS
# Evidence of a contact value is not written at all unless contacts were asked for.
CONTACT_FIELDS = {"people.email", "people.phone", "email", "phone"}


def _find_quote(text: str, quote: str, start: int | None) -> int:
    """Where the quote starts in the text: near ``start`` when given, else anywhere (-1)."""
    if start is not None:
        near = text.find(quote, max(0, start - len(quote)))
        if near >= 0:
            return near
    return text.find(quote)


def quote_selector(quote: str, value: Any, text: str | None = None, start: int | None = None,
                   scrub: Callable[[str], str] = keep) -> tuple[str, str, str]:
    """(prefix, exact, suffix) for a value read from ``quote``, each passed through
    ``scrub``; the context is scrubbed over a wider window before it is cut, so a phone
    number cut in half at the window's edge does not survive as its first digits."""
    wanted = "" if value is None else str(value)
    offset = quote.casefold().find(wanted.casefold()) if wanted else -1
    exact = quote[offset:offset + len(wanted)] if offset >= 0 else quote
    offset = max(offset, 0)
    context, at = quote, offset
    if text:
        found = _find_quote(text, quote, start)
        if found >= 0:
            context, at = text, found + offset
    if scrub is keep:
        prefix = context[max(0, at - CONTEXT_CHARS):at]
        suffix = context[at + len(exact):at + len(exact) + CONTEXT_CHARS]
        return prefix, exact, suffix
    prefix = scrub(context[max(0, at - SCRUB_CHARS):at])[-CONTEXT_CHARS:]
    suffix = scrub(context[at + len(exact):at + len(exact) + SCRUB_CHARS])[:CONTEXT_CHARS]
    return prefix, scrub(exact), suffix


def annotation_triples(project: str, body: str, document: str, evidence: dict[str, Any],
                       text: str | None, scrub: Callable[[str], str] = keep) -> list[str]:
    """The triples of one annotation (IRI named from the evidence content), as N-Triples;
    quoted words and the value pass through ``scrub`` (contacts out by default)."""
    field_name, value = evidence["field"], evidence.get("value")
    if field_name in CONTACT_FIELDS and scrub is not keep:
        return []
    start, end, quote = evidence.get("start"), evidence.get("end"), evidence["quote"]
    annotation = keys.fragment(project, "annotation", field_name, value, start, end, quote)
    a, target, selector = f"<{annotation}> ", f"<{annotation}-target>", f"<{annotation}-quote>"
    prefix, exact, suffix = quote_selector(quote, value, text, start, scrub)
    triples = [
        a + RDF_TYPE + " " + OAT.Annotation,
        a + OAT.motivatedBy + " " + OAT.identifying,
        a + OAT.hasBody + f" <{body}>",
        a + KT.field + " " + literal(field_name),
        a + OAT.hasTarget + " " + target,
        f"{target} {OAT.hasSource} <{document}>",
        f"{target} {OAT.hasSelector} {selector}",
        f"{selector} {RDF_TYPE} {OAT.TextQuoteSelector}",
        f"{selector} {OAT.exact} {literal(exact)}",
        f"{selector} {OAT.prefix} {literal(prefix)}",
        f"{selector} {OAT.suffix} {literal(suffix)}",
    ]
    if value is not None:
        triples.append(a + KT.value + " " + literal(scrub(str(value))))
    if isinstance(evidence.get("confidence"), int | float):
        triples.append(a + KT.confidence + " " + typed(f"{float(evidence['confidence']):.2f}",
                                                      DECIMAL))
    if start is not None and end is not None:
        position = f"<{annotation}-position>"
        triples += [
            f"{target} {OAT.hasSelector} {position}",
            f"{position} {RDF_TYPE} {OAT.TextPositionSelector}",
            f"{position} {OAT.start} {typed(str(start), COUNT)}",
            f"{position} {OAT.end} {typed(str(end), COUNT)}",
        ]
    return triples
