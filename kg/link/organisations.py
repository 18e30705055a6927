"""Organisations: every name, abbreviation and inflected form -> one canonical organisation."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from kg.link.model import Entity, slug
from kg.link.normalise import norm
from kg.link.reference import read_tsv, split_multi
from kg.morphology import LOOKUP_LANGUAGES, base_forms, without_possessive

WIKIDATA_URI = "http://www.wikidata.org/entity/"
_LEGAL_FORM = re.compile(
    r"(^(oy|ab) |\s+(r\.?\s?y|r\.?\s?f|oy|oyj|ab|abp|ltd|s\.?\s?r|r\.?\s?s|ky|oy ab|ab oy)\.?$)")
_CASE_SUFFIX = re.compile(r":\w+$")        # "OKM:n", "Xamkin" is handled by Voikko
_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)\s*$")
_COMMON_TOKENS = 40                         # tokens naming more organisations are not clues


def org_key(name: str) -> str:
    """Normalised name without a legal-form suffix: 'Luckan r.f.' -> 'luckan'."""
    return _LEGAL_FORM.sub("", norm(name)).strip()


class OrganisationIndex:
    """Look-ups on ``organisations.tsv`` (see ``kg.link.tables``)."""

    def __init__(self, reference_dir: Path | None = None,
                 rows: Iterable[dict[str, str]] | None = None) -> None:
        """The shipped table, or ``rows`` of that table's form (while it is built)."""
        self.entities: dict[str, Entity] = {}
        self._names: dict[str, set[str]] = {}
        self._tokens: dict[str, set[str]] = {}
        for row in read_tsv("organisations.tsv", reference_dir) if rows is None else rows:
            self._add(row)

    def _add(self, row: dict[str, str]) -> None:
        names = {"fi": row["name_fi"], "sv": row["name_sv"], "en": row["name_en"]}
        lang = next(code for code in ("fi", "en", "sv") if names[code])
        others = split_multi(row["aliases"]) + split_multi(row["acronyms"])
        identifiers = [(scheme, row[column]) for scheme, column in
                       (("ror", "ror"), ("business_id", "business_id"), ("wikidata", "wikidata"))
                       if row[column]]
        self.entities[row["key"]] = Entity(
            kind="organisation", key=row["key"], name=names[lang], lang=lang,
            labels=tuple((code, n) for code, n in names.items() if n and code != lang),
            alt_labels=tuple((None, n) for n in others),
            same_as=(WIKIDATA_URI + row["wikidata"],) if row["wikidata"] else (),
            identifiers=tuple(identifiers), status="linked", from_reference=True)
        for name in (*names.values(), *others):
            if name:
                self._names.setdefault(org_key(name), set()).add(row["key"])
                for token in org_key(name).split():
                    self._tokens.setdefault(token, set()).add(row["key"])

    def lookup(self, name: str, lang: str | None = None) -> list[Entity]:
        """Organisations the name fits, trying ever looser forms (base forms in Finnish and in
        ``lang``; with no ``lang`` or "fi", Swedish and English too); stops at the first hit.
        A unit's name ("Turun yliopisto / Kulttuurituotannon laitos", "Oulun kaupungin
        nuorisoasiainkeskus") falls back to the one organisation it belongs to."""
        for form in _forms(name, lang):
            keys = self._names.get(form)
            if keys:
                return [self.entities[k] for k in sorted(keys)]
        for parent in _parent_forms(name):
            keys = self._names.get(parent)
            if keys and len(keys) == 1:
                return [self.entities[k] for k in keys]
        return []

    def nearest(self, name: str, limit: int = 3) -> tuple[str, ...]:
        """Canonical names sharing the most distinctive words with ``name``."""
        words = {w for form in _forms(name) for w in form.split() if len(w) > 2}
        scores: dict[str, float] = {}
        for word in words:
            keys = self._tokens.get(word, set())
            if len(keys) <= _COMMON_TOKENS:
                for key in keys:
                    scores[key] = scores.get(key, 0.0) + 1.0 / len(keys)
        best = sorted(scores, key=lambda k: (-scores[k], k))[:limit]
        return tuple(self.entities[k].name for k in best)


def _forms(name: str, lang: str | None = None) -> list[str]:
    """The name, then without a case ending or parenthesis, then with its last word in a
    Finnish, then a Swedish or English base form ("Svenska kulturfondens", "Arts Council's")."""
    languages = ("fi", lang) if lang in LOOKUP_LANGUAGES else ("fi", *LOOKUP_LANGUAGES)
    base = org_key(_CASE_SUFFIX.sub("", name.strip()))
    forms = [base, org_key(without_possessive(name.strip()))] if "en" in languages else [base]
    bracket = _PARENTHESIS.search(name)
    if bracket:
        forms += [org_key(_PARENTHESIS.sub("", name)), org_key(bracket.group(1))]
    words = base.split()
    if words:
        forms += [org_key(" ".join([*words[:-1], lemma])) for language in languages
                  for lemma in base_forms(words[-1], language)]
        # glued genitive of a place before the head: "iisalmen kulttuuripalvelut" keeps its form
    return [f for f in dict.fromkeys(forms) if f]


# Heads of organisations whose units registers name "<organisation>[n] <unit>": base form ->
# genitive. A university's or a municipality's unit is not a legal person; the grant is its
# parent's. Units of other bodies (a UAS's "Taideakatemia") keep their own, unlinked name.
_PARENT_HEADS = {"yliopisto": "yliopiston", "kaupunki": "kaupungin", "kunta": "kunnan"}
# a word that names a body of its own after the parent ("Ilomantsin kunta Ilomantsin
# Museosäätiö"): then the name is not a unit's
_OWN_BODY = re.compile(r"(säätiö|yhdistys|ry|rf|oy|oyj|ab|ky|osuuskunta)$", re.IGNORECASE)


# a university's unit named in English after it: "Åbo Akademi School of Health Sciences"
_ENGLISH_UNIT = re.compile(r"\s+(School|Faculty|Department|Institute|Unit|Centre|Center)"
                           r" (of|for)\s", re.IGNORECASE)
_UNIVERSITY = re.compile(r"(university|universitet|akademi|yliopisto)$", re.IGNORECASE)


def _parent_forms(name: str) -> list[str]:
    """The organisation a unit belongs to: the part before a slash ("Turun yliopisto /
    laitos"), a university before an English unit name ("Åbo Akademi School of …"), else
    the name up to the first parent head followed by more words, in base form ("Oulun
    kaupungin nuorisoasiainkeskus" -> "oulun kaupunki")."""
    forms = [org_key(name.split("/", 1)[0])] if "/" in name else []
    unit = _ENGLISH_UNIT.search(name)
    if unit and _UNIVERSITY.search(name[:unit.start()]):
        forms.append(org_key(name[:unit.start()]))
    words = name.replace("/", " ").split()
    if any(_OWN_BODY.search(word.strip(".,()")) for word in words[1:]):
        return forms
    for position, word in enumerate(words[:-1]):
        folded = word.casefold().rstrip(",")
        for head, genitive in _PARENT_HEADS.items():
            if folded.endswith(head) or folded.endswith(genitive):
                base = folded[:-len(genitive)] + head if folded.endswith(genitive) else folded
                return [*forms, org_key(" ".join([*words[:position], base]))]
    return forms


def unknown_organisation(name: str, lang: str | None, candidates: tuple[str, ...]) -> Entity:
    return Entity("organisation", slug(org_key(name) or name), name, lang,
                  status="unlinked", candidates=candidates)
