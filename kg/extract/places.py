"""Municipalities and regions named in a text (base form), from the reference gazetteer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg import morphology
from kg.extract.gazetteer import Place, gazetteer

_WORD = re.compile(r"[A-ZÅÄÖa-zåäöé][\wÅÄÖåäöé-]*")


@dataclass
class PlaceMention:
    place: Place
    name: str  # as the output names it (base form, in the document language)
    start: int
    end: int


def _lookup_fi(word: str) -> Place | None:
    places = gazetteer().places
    if word.lower() in places:
        return places[word.lower()]
    for base, word_class, _case, _number in morphology.analyses(word):
        if word_class in ("paikannimi", "nimi", "nimisana") and base.lower() in places and \
                base[:1].isupper() == word[:1].isupper():
            return places[base.lower()]
    if "-" in word:
        base = morphology.base_form(word, prefer="paikannimi")
        return places.get(base.lower())
    return None


def _demonym(word: str) -> Place | None:
    low = word.lower()
    if not low.endswith(("set", "sten", "sille", "siin", "laisia", "läisiä", "nen", "sia", "siä")):
        return None
    base = morphology.base_form(low).lower()
    return gazetteer().demonyms.get(base)


def find_places(text: str, language: str,
                excluded: list[tuple[int, int]]) -> list[PlaceMention]:
    """Place mentions outside the excluded spans (organisation names, addresses)."""
    found: list[PlaceMention] = []
    words = list(_WORD.finditer(text))
    places = gazetteer().places
    skip_until = -1
    blocked = bytearray(len(text) + 1)
    for s, e in excluded:
        blocked[s:e] = b"\x01" * (min(e, len(text)) - s)
    for i, match in enumerate(words):
        if match.start() < skip_until or blocked[match.start()]:
            continue
        word = match.group()
        # Multi-word names (Swedish "Södra Österbotten", "Egentliga Finlands").
        for length in (3, 2):
            if i + length <= len(words):
                span = words[i:i + length]
                if any(span[k + 1].start() - span[k].end() != 1 for k in range(length - 1)):
                    continue
                phrase = text[span[0].start():span[-1].end()]
                key = phrase.lower()
                hit = places.get(key) or (places.get(key[:-1]) if key.endswith("s") else None)
                if hit and phrase[:1].isupper():
                    name = phrase[:-1] if key not in places else phrase
                    found.append(PlaceMention(hit, _output_name(hit, name, language),
                                              span[0].start(), span[-1].end()))
                    skip_until = span[-1].end()
                    break
        if match.start() < skip_until:
            continue
        place = None
        if word.isupper() and len(word) <= 4:
            continue  # roman numerals and acronyms ("II", "IV") are no places
        if word[:1].isupper():
            if language == "fi":
                place = _lookup_fi(word)
            else:
                key = word.lower()
                place = places.get(key) or (places.get(key[:-1]) if key.endswith("s") else None)
        elif language == "fi":
            place = _demonym(word)
        if place and place.kind == "area" and language == "fi" and _genitive_only(word):
            continue  # "Hämeen ELY-keskus", "Kaakkois-Suomen ammattikorkeakoulu": an owner
        if place:
            found.append(PlaceMention(place, _output_name(place, word, language), match.start(),
                                      match.end()))
    return found


def _genitive_only(word: str) -> bool:
    readings = morphology.analyses(word)
    return bool(readings) and all(r[2] == morphology.GENITIVE for r in readings)


def _output_name(place: Place, written: str, language: str) -> str:
    if language == "sv" and written.lower() in (place.name_sv.lower(), place.name_sv.lower() + "s"):
        return place.name_sv
    return place.name(language)
