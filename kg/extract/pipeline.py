"""The spaCy pipeline: a normalising tokenizer and small registered components, in the order
given by settings.PIPELINE, on a blank fi/sv/en language (no statistical model needed)."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import content, projects
from kg.extract.confidence import add_confidence
from kg.extract.dates import find_periods
from kg.extract.langid import identify_language
from kg.extract.layout import layout
from kg.extract.money import find_amounts
from kg.extract.normalise import normalise_text
from kg.extract.people import add_candidate_people, find_people
from kg.extract.places import find_places
from kg.extract.quotes import verbatim_quotes
from kg.extract.segment import segment
from kg.extract.settings import PIPELINE

for _name in ("language", "segments", "layout", "periods", "amounts", "places", "people",
              "excluded", "record", "source", "text", "model_names"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class NormalisingTokenizer:
    """Normalises the text (settings-free, see kg.extract.normalise) before tokenising it."""

    def __init__(self, inner) -> None:  # noqa: ANN001 - a spaCy tokenizer
        self.inner = inner

    def __call__(self, text: str) -> Doc:
        return self.inner(normalise_text(text))


@Language.component("kuhy_language")
def language_component(doc: Doc) -> Doc:
    doc._.text = doc.text  # Doc.text is rebuilt from the tokens on every access
    doc._.language = identify_language(doc._.text, default=doc.lang_)
    return doc


@Language.component("kuhy_segmenter")
def segmenter_component(doc: Doc) -> Doc:
    doc._.segments = segment(doc._.text)
    return doc


@Language.component("kuhy_layout")
def layout_component(doc: Doc) -> Doc:
    doc._.layout = layout(doc._.segments)
    return doc


@Language.component("kuhy_dates")
def dates_component(doc: Doc) -> Doc:
    doc._.periods = find_periods(doc._.text)
    return doc


@Language.component("kuhy_money")
def money_component(doc: Doc) -> Doc:
    doc._.amounts = find_amounts(doc._.text)
    return doc


@Language.component("kuhy_places")
def places_component(doc: Doc) -> Doc:
    doc._.excluded = projects.excluded_spans(doc._.text, doc._.segments)
    doc._.places = find_places(doc._.text, doc._.language, doc._.excluded)
    return doc


@Language.component("kuhy_model")
def model_component(doc: Doc) -> Doc:
    """Candidate names from the optional statistical model, for Finnish texts only."""
    from kg.extract.model import ModelNames, model_names  # the optional model's extra

    doc._.model_names = model_names(doc._.text) if doc._.language == "fi" else ModelNames()
    return doc


@Language.component("kuhy_people")
def people_component(doc: Doc) -> Doc:
    doc._.people = find_people(doc._.text, doc._.segments)
    if doc._.model_names is not None:
        add_candidate_people(doc._.people, doc._.model_names.people, doc._.segments,
                             doc._.text)
    return doc


@Language.component("kuhy_projects")
def projects_component(doc: Doc) -> Doc:
    seg = doc._.segments
    model_orgs = doc._.model_names.organisations if doc._.model_names is not None else []
    surnames = {person.name.split()[-1] for person in doc._.people}
    places = [p for p in doc._.places  # "Niina Nokia" names a person, not the town,
              if not any(q.start <= p.start < q.end for q in doc._.people)  # and so does
              and doc._.text[p.start:p.end] not in surnames]  # "enligt Nokia" after it
    facts = projects.DocumentFacts(doc._.text, doc._.language, seg, doc._.periods, doc._.people,
                                   places, doc._.excluded, model_orgs)
    navigation = doc._.layout is not None and doc._.layout.genre == "navigation"
    spans = [] if navigation else projects.split_projects(seg, doc._.text, doc._.language)
    doc._.record = {
        "source": doc._.source,
        "language": doc._.language,
        "projects": projects.named_projects([projects.build_project(span, facts)
                                             for span in spans], doc._.language),
    }
    verbatim_quotes(doc._.record, doc._.text)
    add_confidence(doc._.record, seg)
    return doc


@cache
def pipeline(language: str, use_model: bool = False) -> Language:
    """The blank pipeline for one language with the kuhy components added; with ``use_model``
    the statistical model's names join in before the people component."""
    nlp = spacy.blank(language if language in ("fi", "sv", "en") else "fi")
    nlp.tokenizer = NormalisingTokenizer(nlp.tokenizer)
    nlp.max_length = 2_000_000
    for name in PIPELINE:
        if use_model and name == "kuhy_people":
            nlp.add_pipe("kuhy_model")
        nlp.add_pipe(name)
    return nlp


__all__ = ["pipeline", "content"]
