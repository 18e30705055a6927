"""Is a project about culture, arts, heritage, libraries or cultural wellbeing? A scored rule.

The domain is a set of YSO concepts with weights (``data/reference/culture_domain.toml``),
widened by their narrower terms: every YSO concept whose Finnish label has a seed's label
as its compound head ("kansanmusiikki" under "musiikki"). A title word hits a concept when
its Voikko base form, or the base form of one of its compound parts, is that concept's
label in base form (Finnish), or equals its Swedish or English label. The score of a title
is ``1 - prod(1 - weight)`` over the distinct concepts hit, so one strong hit (0.8) passes
the threshold and one weak hit (0.3) does not. Rule, threshold and measured precision:
``docs/decisions/2026-12-02-register-relevance.md``.
"""

from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from kg import config
from kg.morphology import lemma_parts

DOMAIN_FILE = "culture_domain.toml"
RULE_VERSION = "culture-domain-2"
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
LEAD_FACTOR = 0.7   # a domain word in the implementer's name counts at 70 %
_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")


@dataclass(frozen=True)
class Relevance:
    """A score in [0, 1], the concepts hit (YSO URIs, or ``term:`` for own terms) and
    their Finnish labels."""

    score: float
    concepts: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()

    def as_record(self) -> dict[str, object]:
        return {"score": self.score, "rule": RULE_VERSION, "concepts": list(self.concepts)}


@dataclass(frozen=True)
class _Concept:
    uri: str
    label: str
    weight: float


class RelevanceRule:
    """The domain read once from the reference directory; ``score(text)`` per title."""

    def __init__(self, reference_dir: Path | None = None) -> None:
        directory = Path(reference_dir or config.REFERENCE_DIR)
        spec = tomllib.loads((directory / DOMAIN_FILE).read_text(encoding="utf-8"))
        self.threshold: float = float(spec["threshold"])
        self.excluded = frozenset(spec.get("exclude", {}).get("words", []))
        self.excluded_prefixes = tuple(sorted(self.excluded))   # "huoltohistoria…" too
        # too general in an organisation's name ("förbund för utbildning och kultur")
        self.not_in_names = frozenset(spec.get("exclude", {}).get("in_names", []))
        self.terms: dict[str, _Concept] = {}      # Finnish labels in base form
        self.foreign: dict[str, _Concept] = {}    # Swedish and English labels as written
        seeds = {uri: float(weight) for uri, weight in spec["seeds"].items()}
        self._read_yso(directory / "yso_concepts.tsv", seeds)
        for term, weight in spec.get("terms", {}).items():
            self.terms.setdefault(term, _Concept("term:" + term, term, float(weight)))
        for term, weight in spec.get("foreign_terms", {}).items():
            self.foreign.setdefault(term, _Concept("term:" + term, term, float(weight)))
        # Swedish compounds start with their modifier ("kulturmiljö", "kulturcentrum")
        self.foreign_prefixes = {prefix: _Concept("term:" + prefix, prefix, float(weight))
                                 for prefix, weight in spec.get("foreign_prefixes", {}).items()}

    def _read_yso(self, path: Path, seeds: dict[str, float]) -> None:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
        heads: dict[str, float] = {}
        for row in rows:
            if row["uri"] in seeds:
                concept = _Concept(row["uri"], _plain(row["pref_fi"]), seeds[row["uri"]])
                self._add_labels(row, concept, replace=True)
                heads[_finnish_key(row["pref_fi"])] = seeds[row["uri"]]
        for row in rows:   # narrower terms: the compound head is a seed's label
            key = _finnish_key(row["pref_fi"])
            head = _compound_head(key)
            if row["uri"] in seeds or key in self.excluded or head not in heads:
                continue
            self._add_labels(row, _Concept(row["uri"], _plain(row["pref_fi"]), heads[head]))

    def _add_labels(self, row: dict[str, str], concept: _Concept, replace: bool = False) -> None:
        # the label as written too: Voikko's first reading of "tanssi" is the verb "tanssia"
        keys = [(self.terms, _finnish_key(row["pref_fi"])),
                (self.terms, _plain(row["pref_fi"]).casefold())]
        keys += [(self.foreign, _plain(row[column]).casefold())
                 for column in ("pref_sv", "pref_en") if row[column]]
        for table, key in keys:
            if key and (replace or key not in table):
                table[key] = concept

    def score(self, text: str) -> Relevance:
        """The relevance of one title (or any short text)."""
        return _relevance(self._hits(text))

    def _hits(self, text: str) -> dict[str, _Concept]:
        hits: dict[str, _Concept] = {}
        keys = [_word_keys(word) for word in _WORD.findall(text)]
        words = [word.casefold() for word in _WORD.findall(text)]
        for word, word_keys in zip(words, keys, strict=True):
            if any(key.startswith(self.excluded_prefixes) for key in word_keys):
                continue
            found = [self.terms.get(key) for key in word_keys]
            parts = [part for part in word.split("-") if len(part) > 3]   # not "Mai-Art"
            found += [self._foreign_hit(part) for part in {word, *parts}]
            hits.update((concept.uri, concept) for concept in found if concept is not None)
        for index in range(len(words) - 1):
            first, second = keys[index], keys[index + 1]
            word, next_word = words[index], words[index + 1]
            pairs = [self.terms.get(f"{a} {b}") for a in first for b in second]
            pairs.append(self.foreign.get(f"{word} {next_word}"))
            hits.update((concept.uri, concept) for concept in pairs if concept is not None)
        return hits

    def _foreign_hit(self, word: str) -> _Concept | None:
        """A Swedish or English label as written, or a Swedish compound starting with one
        of the ``foreign_prefixes``."""
        if word in self.foreign:
            return self.foreign[word]
        return next((concept for prefix, concept in self.foreign_prefixes.items()
                     if word.startswith(prefix)), None)

    def score_project(self, project: dict[str, Any]) -> Relevance:
        """A record project: its titles and description, and (at ``LEAD_FACTOR`` of their
        weight) the names of its lead organisations ("Pohjois-Karjalan museo"), except
        concepts too general for a name (``exclude.in_names``)."""
        texts = [*(t for t in (project.get("title") or {}).values() if t),
                 project.get("description") or ""]
        hits = self._hits(" ".join(texts))
        for concept in self._hits(" ".join(project.get("lead_organisations") or [])).values():
            if concept.uri in self.not_in_names:
                continue
            weaker = _Concept(concept.uri, concept.label, concept.weight * LEAD_FACTOR)
            hits.setdefault(concept.uri, weaker)
        return _relevance(hits)

    def relevant(self, relevance: Relevance) -> bool:
        return relevance.score >= self.threshold


def _relevance(hits: dict[str, _Concept]) -> Relevance:
    """``1 - prod(1 - weight)`` over the concepts hit, strongest first."""
    missing = 1.0
    for concept in hits.values():
        missing *= 1.0 - concept.weight
    ordered = sorted(hits.values(), key=lambda c: (-c.weight, c.uri))
    return Relevance(round(1.0 - missing, 3), tuple(c.uri for c in ordered),
                     tuple(c.label for c in ordered))


def _plain(label: str) -> str:
    return _QUALIFIER.sub("", label).strip()


def _finnish_key(label: str) -> str:
    """A Finnish label in base form: each word's first Voikko base form ('kirjastot' ->
    'kirjasto', 'esittävät taiteet' -> 'esittävä taide')."""
    words = _plain(label).casefold().split()
    return " ".join(next(iter(lemma_parts(w)), (w, ()))[0] or w for w in words)


def _compound_head(key: str) -> str:
    """The last compound part of a one-word base form ('' for several words or none)."""
    if " " in key:
        return ""
    readings = lemma_parts(key)
    parts = readings[0][1] if readings else ()
    return parts[-1] if len(parts) > 1 else ""


@lru_cache(maxsize=200_000)  # a register's titles repeat their words: once per word
def _word_keys(word: str) -> frozenset[str]:
    """The word itself, its base forms and its compound parts' base forms, lower-case."""
    keys = {word.casefold()}
    for part in word.split("-") if "-" in word else ():
        keys.add(part.casefold())
        keys.update(_word_keys(part))
    for base, parts in lemma_parts(word):
        keys.add(base)
        for part in parts:   # "elo=kuva": a compound Voikko knows as one word, "elokuva"
            keys.update((part.replace("=", ""), *part.split("=")))
    return frozenset(k for k in keys if len(k) > 2)


@cache
def default_rule() -> RelevanceRule:
    """The process-wide rule over ``config.REFERENCE_DIR``."""
    return RelevanceRule()
