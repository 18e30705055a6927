"""Topics and target groups -> YSO concepts (exact, close or broader match)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from kg.link.model import Entity, slug
from kg.link.normalise import norm, qualifier, strip_qualifier
from kg.link.reference import read_tsv
from kg.morphology import LOOKUP_LANGUAGES, analyses, compound_starts, lemma, without_possessive

YSO = "http://www.yso.fi/onto/yso/"
_COORDINATION = re.compile(r",\s*|\s+(?:ja|sekä|och|and|&)\s+")
_PREPOSITIONS = {"i", "för", "av", "med", "på", "of", "for", "in", "with", "and"}


@dataclass(frozen=True)
class Match:
    uris: tuple[str, ...]
    level: str            # "exact" | "close" | "broad" | "ambiguous"


def lemma_key(label: str, language: str = "fi") -> str:
    """Normalised label with its last word in base form when that word is inflected or plural
    ('' when it is not).

    Finnish: only a single, unambiguous Voikko reading counts, and a word that can be read as a
    nominative singular is left as it is ("lukeminen" is not turned into the verb "lukea").
    Swedish and English: the lookup table's lemma ("konstnärerna" -> "konstnär",
    "children's" -> "child").
    """
    if language in LOOKUP_LANGUAGES:
        words = norm(without_possessive(label) if language == "en" else label).split()
        base = lemma(words[-1], language).casefold() if words else ""
        return norm(" ".join([*words[:-1], base])) if base and base != words[-1] else ""
    words = norm(label).split()
    if not words:
        return ""
    readings = analyses(words[-1])
    if any(case == "nimento" and number == "singular" for _b, _c, case, number in readings):
        return ""
    bases = {base.casefold() for base, _c, _k, _n in readings if base}
    return norm(" ".join([*words[:-1], bases.pop()])) if len(bases) == 1 else ""


class ConceptIndex:
    """Label indexes over ``yso_concepts.tsv`` (fi/sv/en preferred and former labels)."""

    def __init__(self, reference_dir: Path | None = None) -> None:
        self.concepts: dict[str, dict[str, str]] = {}
        self._exact: dict[str, set[str]] = {}
        self._former: dict[str, set[str]] = {}
        self._lemma: dict[str, set[str]] = {}
        self._lemma_in: dict[str, dict[str, set[str]]] = {}  # sv, en: built on first use
        self._preferred: dict[tuple[str, str], tuple[str, str]] = {}
        for row in read_tsv("yso_concepts.tsv", reference_dir):
            self._add(row)
        self._joined: dict[str, set[str]] = {}  # labels without spaces and hyphens
        for label, uris in self._exact.items():
            if " " in label:
                self._joined.setdefault(label.replace(" ", ""), set()).update(uris)
        for row in read_tsv("yso_fi_baseforms.tsv", reference_dir):
            self._lemma.setdefault(row["lemma_key"], set()).add(row["uri"])
        for row in read_tsv("yso_preferences.tsv", reference_dir):
            self._preferred[(norm(row["label"]), row["field"])] = (row["uri"], row["match"])

    def _add(self, row: dict[str, str]) -> None:
        uri = row["uri"]
        self.concepts[uri] = row
        for lang in ("fi", "sv", "en"):
            if row["pref_" + lang]:
                self._exact.setdefault(norm(strip_qualifier(row["pref_" + lang])), set()).add(uri)
            if row["prev_pref_" + lang]:
                label = norm(strip_qualifier(row["prev_pref_" + lang]))
                self._former.setdefault(label, set()).add(uri)

    # -- matching --------------------------------------------------------------------------
    def match(self, name: str, field: str = "topics", lang: str | None = None) -> Match | None:
        """Best match for a whole name, a coordination of names or the head of a phrase; a
        Swedish or English name (``lang``) also meets a label of its language by lemma."""
        name = without_possessive(name) if lang == "en" else name
        whole = self._match_label(name, field, lang)
        if whole:
            return whole
        parts = [p for p in _COORDINATION.split(name.strip()) if p]
        if len(parts) > 1:
            matches = [self._match_label(p, field, lang) for p in _expand_elision(parts)]
            if all(m and m.level in ("exact", "close") for m in matches):
                return Match(tuple(u for m in matches for u in m.uris), "close")
        head = self._match_head(name, field, lang)
        return head

    def _match_label(self, label: str, field: str, lang: str | None = None) -> Match | None:
        key = norm(strip_qualifier(label))
        preferred = self._preferred.get((key, field)) or self._preferred.get((key, "*"))
        if preferred:
            return Match((preferred[0],), preferred[1])
        for table, level in ((self._exact, "exact"), (self._former, "close")):
            if key in table:
                return self._choose(table[key], level)
        lemma = lemma_key(key) or key  # a base-form name can still meet a plural label
        hits = self._lemma.get(lemma, set()) | self._exact.get(lemma, set())
        if hits:
            return self._choose(hits, "close")
        joined = self._joined.get(key.replace(" ", ""))  # "wellbeing" meets "well-being"
        if joined:
            return self._choose(joined, "close")
        return self._match_lemma(label, lang) if lang in LOOKUP_LANGUAGES else None

    def _match_lemma(self, label: str, lang: str) -> Match | None:
        """'konstnärerna' meets YSO's 'konstnärer', 'museums' 'museum': the label and the name
        each by the lemma of its last word; of labels sharing a lemma, those the name starts
        with the most of ('ungdomarnas': 'ungdomar', not 'ungdom')."""
        if lang not in self._lemma_in:
            index: dict[str, set[str]] = {}
            for uri, row in self.concepts.items():
                plain = strip_qualifier(row["pref_" + lang])
                if plain:
                    index.setdefault(lemma_key(plain, lang) or norm(plain), set()).add(uri)
            self._lemma_in[lang] = index
        key = norm(strip_qualifier(label))
        hits = self._lemma_in[lang].get(lemma_key(key, lang) or key, set())
        shared = {uri: _shared_start(key, norm(strip_qualifier(self.concepts[uri]["pref_" + lang])))
                  for uri in hits}
        best = {uri for uri in hits if shared[uri] == max(shared.values())}
        return self._choose(best, "close") if best else None

    def _choose(self, uris: set[str], level: str) -> Match:
        if len(uris) == 1:
            return Match(tuple(uris), level)
        plain = [u for u in uris if not qualifier(self.concepts[u]["pref_fi"])]
        if len(plain) == 1:  # "X" beats "X (qualifier)"
            return Match((plain[0],), level)
        return Match(tuple(sorted(uris)), "ambiguous")

    def _match_head(self, name: str, field: str, lang: str | None = None) -> Match | None:
        """The YSO concept the name is a kind of: last word of a phrase, last part of a compound."""
        words = norm(name).split()
        if len(words) > 1 and not _PREPOSITIONS & set(words):
            found = self._match_label(words[-1], field, lang)
            if self._plain(found):
                return Match(found.uris, "broad")
        if len(words) == 1:
            for start in compound_starts(words[0]):  # longest known tail wins
                if len(words[0]) - start < 4:
                    continue
                found = self._match_label(words[0][start:], field)
                if self._plain(found):
                    return Match(found.uris, "broad")
        return None

    def _plain(self, found: Match | None) -> bool:
        """A head match is trusted only for one concept whose label needs no qualifier
        (or one chosen in yso_preferences.tsv): 'välfärd' alone is economic prosperity."""
        if not found or found.level == "ambiguous" or len(found.uris) != 1:
            return False
        chosen = {uri for uri, _ in self._preferred.values()}
        return found.uris[0] in chosen or not qualifier(self.concepts[found.uris[0]]["pref_fi"])

    def entity(self, name: str, lang: str | None, match: Match | None) -> Entity:
        if match is None or match.level == "ambiguous":
            candidates = tuple(self._label(u) for u in match.uris) if match else ()
            status = "ambiguous" if match else "unlinked"
            return Entity("concept", slug(name), name, lang, status=status, candidates=candidates)
        if len(match.uris) == 1 and match.level in ("exact", "close"):
            row = self.concepts[match.uris[0]]
            labels = tuple((code, strip_qualifier(row["pref_" + code]))
                           for code in ("fi", "sv", "en") if row["pref_" + code])
            main = next(label for code, label in labels if code == "fi")
            entity = Entity("concept", "yso-" + match.uris[0].rsplit("/", 1)[1], main, "fi",
                            labels=tuple(p for p in labels if p[0] != "fi"), status="linked",
                            from_reference=True)
            return _with_match(entity, match, name, lang)
        return _with_match(Entity("concept", slug(name), name, lang, status="linked"), match,
                           name, lang)

    def _label(self, uri: str) -> str:
        return f"{self.concepts[uri]['pref_fi']} <{uri}>"


def _with_match(entity: Entity, match: Match, surface: str, lang: str | None) -> Entity:
    fields = {"exact": "exact_match", "close": "close_match", "broad": "broad_match"}
    entity = replace(entity, **{fields[match.level]: match.uris})
    if norm(surface) not in {norm(entity.name), *(norm(v) for _, v in entity.labels)}:
        entity = replace(entity, alt_labels=(*entity.alt_labels, (lang, surface)))
    return entity


def _shared_start(one: str, other: str) -> int:
    return len(os.path.commonprefix([one, other]))


def _expand_elision(parts: list[str]) -> list[str]:
    """'taide-', 'kulttuuripalvelut' -> 'taidepalvelut', 'kulttuuripalvelut'."""
    last = parts[-1].split()
    tail = _compound_tail(last[-1]) if last else ""
    return [p[:-1] + tail if p.endswith("-") and tail else p for p in parts]


def _compound_tail(word: str) -> str:
    starts = compound_starts(word)
    return word[starts[-1]:] if starts else ""
