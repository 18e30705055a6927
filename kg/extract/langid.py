"""Language of a document (fi / sv / en) from stop-word profiles; no statistical model."""

from __future__ import annotations

import re
from collections import Counter

PROFILES: dict[str, frozenset[str]] = {
    "fi": frozenset([
        "ja", "on", "ei", "se", "että", "oli", "ovat", "myös", "kuin", "tai", "sekä", "hankkeen",
        "hanke", "hankkeessa", "joka", "jotka", "mukaan", "tämä", "kanssa", "ole", "olla",
        "vuonna", "yhteistyössä", "tavoitteena", "lisäksi", "kun", "sen", "niin", "mutta",
        "jossa", "aikana", "kautta", "voi", "eri", "osa", "the",
    ]) - {"the"},
    "sv": frozenset([
        "och", "att", "det", "som", "är", "en", "ett", "för", "med", "av", "på", "till", "var",
        "har", "inte", "de", "den", "om", "projektet", "projekt", "under", "från", "kan", "vill",
        "också", "eller", "genom", "samt", "vid", "även",
    ]),
    "en": frozenset([
        "the", "and", "of", "to", "in", "is", "for", "with", "that", "on", "by", "as", "are",
        "be", "this", "was", "from", "an", "project", "projects", "will", "which", "within",
        "were", "have", "has", "their",
    ]),
}
_WORD = re.compile(r"[a-zåäöéü]+")


def identify_language(text: str, default: str = "fi") -> str:
    """The profile with most stop-word hits among the first 20 000 characters."""
    counts = Counter(_WORD.findall(text[:20000].lower()))
    scores = {lang: sum(counts[word] for word in words) for lang, words in PROFILES.items()}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] > 0 else default
