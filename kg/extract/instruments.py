"""Funding instruments named in prose, not in the programme gazetteer: a grant type that opens
a sentence or a heading ("Taiteen ... tarkoitetut valtionavustukset olivat ..."), a named
action or policy programme ("... osana Terveyden edistämisen politiikkaohjelmaa"), and the
Leader method behind a Leader group's name."""

from __future__ import annotations

import re

from kg import morphology
from kg.extract.segment import Sentence

# Up to eight lower-case words ending in a grant-type compound, opening a sentence or heading;
# not after a preposition, a determiner or a number ("Eight grants were awarded").
_GRANT_TYPE_OPENING = re.compile(
    r"^((?!(?:Till|Av|För|Med|Bland|De|Den|Det|To|Of|For|With|The|Among|In|These|Those|All|"
    r"Some|Many|Several|Both|Each|Their|Its|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|"
    r"Eleven|Twelve|Twenty|Thirty|Forty|Fifty|Hundreds?)\b)"
    r"(?:[A-ZÅÄÖ][\w-]*)(?:\s[a-zåäö][\w-]*){0,7}?\s[\w-]*(?:avustukset|bidragen|grants))"
    r"(?:\s+(?:vuonna|år|in)\s+\d{4})?\b")
# A capitalised name of a programme ending in "-ohjelma" in any case: "Terveyden edistämisen
# politiikkaohjelmaa", "Taiteesta ja kulttuurista hyvinvointia toimintaohjelma".
_NAMED_PROGRAMME = re.compile(
    r"\b([A-ZÅÄÖ][\w-]*(?:\s(?:[a-zåäö][\w-]*)){0,5}?\s[–-]?[\w-]*(?:toiminta|politiikka|"
    r"kehittämis)ohjelm\w*)")
# "Approximately one million euros of the grants": an amount of the grants, no grant type
_AMOUNT_WORD = re.compile(r"\b(?:euro\w*|kronor|million\w*|miljoon\w*|miljoner|€)", re.I)
_DETERMINER = re.compile(r"^(?:The|Den|Det)\s")
_FUNDING_CONTEXT = re.compile(r"\b(?:tue\w*|tuke\w*|rahoit\w*|avustu\w*|osana|osa\b)", re.I)
_LEADER = re.compile(r"\bLeader\b")
# "the Creative and Cultural Innovation Expertise ESF+ theme": a named theme or call.
_NAMED_THEME = re.compile(r"\b((?:[A-ZÅÄÖ][\w+-]*\s(?:(?:and|of|for|och|för)\s)?){2,8}"
                          r"(?:theme|call|tema|teema))\b")
# "... Kultur under tiden-satsning": a named initiative; the genitives before it say whose.
_INITIATIVE = re.compile(r"-(?:satsning|satsningen|programmet|initiative)\b")
_GENITIVE_OWNERS = re.compile(r"((?:[A-ZÅÄÖ]\w*\s)?[A-ZÅÄÖ]\w*s|[A-ZÅÄÖ]\w*\s[a-zåäö]\w*s)"
                              r"\s(?:och|and|samt)\s((?:[A-ZÅÄÖ]\w*\s)?[A-ZÅÄÖ]\w*s)"
                              r"\s(?:gemensamma\s|joint\s)?$")


def initiatives(sentences: list[Sentence]) -> tuple[list[tuple[str, int, int]],
                                                    list[tuple[str, int, int]]]:
    """(programmes, funders) from "A:s och B:s gemensamma X-satsning" (Swedish) or
    "A's and B's joint X initiative": X is a programme, A and B fund it."""
    programmes, funders = [], []
    for sentence in sentences:
        for match in _INITIATIVE.finditer(sentence.text):
            words = sentence.text[:match.start()].split(" ")
            name: list[str] = []
            while words and not (name and name[0][:1].isupper() and words[-1][:1].islower()):
                name.insert(0, words.pop())
            if not name or not name[0][:1].isupper():
                continue
            text = " ".join(name)
            start = sentence.start + match.start() - len(text)
            programmes.append((text, start, sentence.start + match.start()))
            owners = _GENITIVE_OWNERS.search(" ".join(words) + " ")
            for owner in owners.groups() if owners else ():
                funders.append((owner[:-1], start, start + len(text)))
    return programmes, funders


# One compound naming the grant type: "hyvinvointiavustuksen" -> "hyvinvointiavustus".
_GRANT_COMPOUND = re.compile(r"\b([a-zåäö]{4,}avustu(?:s|ksen|ksia|kset|ksena|ksina|sta))\b")


def _base_phrase(phrase: str) -> str:
    """The phrase with its last word in the base form ("... politiikkaohjelmaa" -> "...ohjelma")."""
    words = phrase.split()
    dash = words[-1][:1] if words[-1][:1] in "–-" else ""
    last = morphology.base_form(words[-1][len(dash):])
    if not dash and len(words) >= 2 and \
            morphology.GENITIVE not in morphology.case_of(words[-2].lower()):
        dash = "-"  # a title before a compound's head: "Taiteesta ... hyvinvointia -ohjelma"
    return " ".join(words[:-1] + [dash + last])


def _pronoun(word: str) -> bool:
    """"Tällä (viisivuotisella toimintaohjelmalla)": a demonstrative opens no name."""
    return any(cls == "asemosana" for _b, cls, _c, _n in morphology.analyses(word.lower()))


def grant_type_compound(sentences: list[Sentence]) -> list[tuple[str, int, int]]:
    """The first one-word grant type of a grant list ("... sai Taikelta hyvinvointiavustuksen")."""
    for sentence in sentences:
        match = _GRANT_COMPOUND.search(sentence.text)
        if match:
            return [(morphology.base_form(match.group(1)), sentence.start + match.start(1),
                     sentence.start + match.end(1))]
    return []


def instrument_mentions(sentences: list[Sentence]) -> list[tuple[str, int, int]]:
    """(name, start, end) of the funding instruments named in these sentences."""
    found: list[tuple[str, int, int]] = []
    for sentence in sentences:
        opening = _GRANT_TYPE_OPENING.match(sentence.text)
        if opening and not any(morphology.is_finite_verb(w) for w in opening.group(1).split()) \
                and not _AMOUNT_WORD.search(opening.group(1)):
            found.append((opening.group(1), sentence.start, sentence.start + opening.end(1)))
        if _FUNDING_CONTEXT.search(sentence.text):
            for match in _NAMED_PROGRAMME.finditer(sentence.text):
                if _pronoun(match.group(1).split()[0]):
                    continue
                found.append((_base_phrase(match.group(1)), sentence.start + match.start(1),
                              sentence.start + match.end(1)))
        for match in _NAMED_THEME.finditer(sentence.text):
            if len(_DETERMINER.sub("", match.group(1)).split()) < 3:
                continue  # "The Finnish call": a call of the text, no named one
            found.append((match.group(1), sentence.start + match.start(1),
                          sentence.start + match.end(1)))
        leader = _LEADER.search(sentence.text)
        if leader:
            found.append(("Leader", sentence.start + leader.start(),
                          sentence.start + leader.end()))
    return _without_shorter_forms(found)


def _without_shorter_forms(found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """"X theme" beside "X ESF+ theme": the fuller name only."""
    words = [set(name.lower().split()) for name, _s, _e in found]
    return [item for item, own in zip(found, words, strict=True)
            if not any(own < other for other in words)]
