"""Evidence entries -> Web Annotation nodes (``oa:TextQuoteSelector``) on the fact they support.

``exact`` is the value as it is written in the quote (the whole quote when the
value cannot be found in it); ``prefix``/``suffix`` are up to 32 characters
around it, read from the normalised text when it is available, else from the
quote itself.
"""

from __future__ import annotations

import re
from typing import Any

from rdflib.namespace import RDF, XSD

from kg.rdf import keys
from kg.rdf.nquads import Terms, iri, literal, typed
from kg.rdf.vocab import OA, K

OAT, KT = Terms(OA), Terms(K)
RDF_TYPE = iri(RDF.type)
COUNT = iri(XSD.nonNegativeInteger)

CONTEXT_CHARS = 32
CONTACT_FIELDS = {"people.email", "people.phone", "email", "phone"}
# An e-mail address (or the start of one cut by the context window), and a Finnish phone
# number (or its start): "040 704 3861", "+358 50 123 4567"; not a business ID "0203135-3".
_EMAIL = re.compile(r"[\w.+-]*@[\w.-]*")
_PHONE = re.compile(r"(?<![\w-])(?:\+358|0)[ -]?\d{1,3}(?:[ -]?\d){3,8}(?![\w-])")
_BUSINESS_ID = re.compile(r"\d{7}-\d")
HIDDEN = "[…]"


def without_contacts(text: str) -> str:
    """``text`` with e-mail addresses and phone numbers replaced by "[…]" (design §5)."""
    text = _EMAIL.sub(HIDDEN, text)
    return _PHONE.sub(lambda m: m[0] if _BUSINESS_ID.fullmatch(m[0]) else HIDDEN, text)


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


def annotation_triples(project: str, body: str, document: str, evidence: dict[str, Any],
                       text: str | None, include_contacts: bool = False) -> list[str]:
    """The triples of one annotation (IRI named from the evidence content), as N-Triples.
    Without ``include_contacts`` no e-mail address or phone number is written: evidence
    for a contact field is left out and the quote's context hides them."""
    field_name, value = evidence["field"], evidence.get("value")
    if field_name in CONTACT_FIELDS and not include_contacts:
        return []
    start, end, quote = evidence.get("start"), evidence.get("end"), evidence["quote"]
    annotation = keys.fragment(project, "annotation", field_name, value, start, end, quote)
    a, target, selector = f"<{annotation}> ", f"<{annotation}-target>", f"<{annotation}-quote>"
    prefix, exact, suffix = quote_selector(quote, value, text, start)
    if not include_contacts:
        prefix, exact, suffix = (without_contacts(part) for part in (prefix, exact, suffix))
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
        triples.append(a + KT.value + " " + literal(str(value)))
    if start is not None and end is not None:
        position = f"<{annotation}-position>"
        triples += [
            f"{target} {OAT.hasSelector} {position}",
            f"{position} {RDF_TYPE} {OAT.TextPositionSelector}",
            f"{position} {OAT.start} {typed(str(start), COUNT)}",
            f"{position} {OAT.end} {typed(str(end), COUNT)}",
        ]
    return triples
