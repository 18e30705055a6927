"""Optional statistical NER (``spacy-fi-experimental-web-md``, the ``model`` extra): candidate
organisation and person names in Finnish texts, merged with what the rules found.

Nothing imports the model unless ``--model`` / ``use_model=True`` asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

MODEL_PACKAGE = "spacy_fi_experimental_web_md"
# Only the named-entity recogniser (and the tok2vec it listens to) is run.
_NOT_NEEDED = ["tagger", "morphologizer", "parser", "attribute_ruler", "lemmatizer"]


class ModelMissingError(RuntimeError):
    """The statistical model package is not installed."""


@dataclass
class ModelNames:
    organisations: list[tuple[str, int, int]] = field(default_factory=list)
    people: list[tuple[str, int, int]] = field(default_factory=list)


@cache
def _model():  # noqa: ANN202 - a spaCy Language
    import spacy  # the optional statistical model only

    try:
        return spacy.load(MODEL_PACKAGE, exclude=_NOT_NEEDED)
    except OSError as error:
        raise ModelMissingError(
            "the statistical model is not installed: install kuhy[model] "
            "(pip install 'kuhy[model]', package spacy-fi-experimental-web-md)") from error


def check_model() -> None:
    """Raise ModelMissingError (with the install hint) unless the model can be loaded."""
    _model()


def model_names(text: str) -> ModelNames:
    """ORG and PERSON entities of a normalised Finnish text, with offsets into it."""
    found = ModelNames()
    for ent in _model()(text).ents:
        name = ent.text.strip(" .,:;")
        if len(name) < 3 or "\n" in name:
            continue
        if ent.label_ == "ORG":
            found.organisations.append((name, ent.start_char, ent.start_char + len(name)))
        elif ent.label_ == "PERSON" and len(name.split()) >= 2:
            found.people.append((name, ent.start_char, ent.start_char + len(name)))
    return found
