"""Extraction: read project texts (fi/sv/en) into extraction records (see extraction-record.md)."""

from __future__ import annotations

from pathlib import Path

from kg.ingest.errors import InputError
from kg.ingest.formats import read_document

# Longest text (in characters) that is read; longer texts are refused, not truncated.
MAX_TEXT_CHARS = 2_000_000


def extract_text(text: str, source: str, use_model: bool = False) -> dict:
    """One extraction record for the text of one document named ``source``; ``use_model`` adds
    candidate names from the optional statistical model (Finnish texts). InputError when the
    text is over the size limit or a rule fails on it (the caller reports it and goes on)."""
    # spaCy and Voikko load on the first extraction, not when a record is only read
    from kg.extract.langid import identify_language
    from kg.extract.normalise import normalise_text
    from kg.extract.pipeline import pipeline

    if len(text) > MAX_TEXT_CHARS:
        raise InputError(source, f"text has {len(text)} characters, over {MAX_TEXT_CHARS}")
    language = identify_language(normalise_text(text[:20000]))
    nlp = pipeline(language, use_model)
    doc = nlp.make_doc(text)
    doc._.source = source
    try:
        for _name, component in nlp.pipeline:
            doc = component(doc)
    except Exception as error:  # a rule that fails on one text: that text is left out, named
        raise InputError(source, f"cannot extract: {error!r}") from error
    return doc._.record


def extract_path(path: Path, use_model: bool = False) -> dict:
    """The extraction record of one document (.txt, .md, .html, .pdf, .docx: see
    kg.ingest.formats); InputError (name, reason) when unreadable."""
    return extract_text(read_document(path).text, path.name, use_model)


__all__ = ["extract_text", "extract_path", "InputError"]
