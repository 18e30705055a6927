"""Roles of organisations from label fields and from the verbs around names in prose."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from kg import morphology
from kg.extract import orgs
from kg.extract.country_rows import is_country
from kg.extract.cues import cues, phrase_pattern, stem_pattern
from kg.extract.gazetteer import gazetteer
from kg.extract.layout import is_agenda
from kg.extract.people import find_people, is_role
from kg.extract.places import find_places
from kg.extract.segment import LIST_MARK, Line, Segments, Sentence, segment
from kg.extract.settings import GRANT_VERBS, ROLE_CUES

_GEN_LIST = re.compile(r"((?:[A-ZÅÄÖ][\w-]*n,?\s+)+(?:ja|och)\s+[A-ZÅÄÖ][\w-]*n)\s+"
                       r"(?:(?:kuntien|kaupunkien)\s+)?([a-zåäö][\w-]+)")


# "Vuoden 2015 ELY-hanke (Hanke on saanut rahoitusta)", "År 2012 RFV-ansökan (Projekt fått
# finansiering)": a register's header line naming the funder by its abbreviation.
_FUNDED_HEADER = re.compile(r"^(?:vuoden|år|year)\s+(?:19|20)\d{2}\s+([\w+]+)-(?:hanke|ansökan|"
                            r"application|project)\b.*\b(?:saanut rahoitu|fått finansiering|"
                            r"received funding|was funded)", re.I)
_CARRIED_OUT = re.compile(r"\b(toteuttivat|toteuttavat|toteuttaa|toteutti|hallinnoivat)\s+")


def _cue_pattern(key: str) -> re.Pattern[str]:
    """The cues of a category, longest first ("jota toteuttavat yhteistyössä" before "jota
    toteuttavat"), as one pattern of whole words."""
    alternatives = sorted(cues(key), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, alternatives)) + r")\b")


_CUE_PATTERNS = {key: [_cue_pattern(key)]
                 for key in ("lead_after", "partner_after", "funder_after")}
_COPULA_START = re.compile(r"^(?:(?:on|ovat|oli|olivat|toimii|toimivat|toimi|är|var|is|are|the)"
                           r"\s+)+")
_LEAD_BEFORE = [(cue, re.compile(rf"\s{cue}\b")) for cue in ROLE_CUES["lead_before"]]


@dataclass
class Roles:
    lead: list[tuple[str, int, int]] = field(default_factory=list)
    partner: list[tuple[str, int, int]] = field(default_factory=list)
    funder: list[tuple[str, int, int]] = field(default_factory=list)
    programme: list[tuple[str, int, int]] = field(default_factory=list)

    def add(self, role: str, name: str, start: int, end: int, language: str) -> None:
        name = _without_person(name)
        if language == "en":
            name = re.sub(r"^The\s+(?=[A-Z])", "", name)  # "The Finnish Cultural Foundation"
        programme = orgs.programme_of(name)
        if programme:
            self.programme.append((programme, start, end))
            return
        canonical = orgs.canonical_org(name, language)
        if language == "fi" and role in ("lead", "partner"):
            # "Muut osatoteuttajat: Posio ja Ranua": the municipality as an organisation
            canonical = gazetteer().municipal_orgs.get(canonical.lower(), canonical)
        if len(canonical) > 2 and orgs.plausible_name(canonical, language):
            getattr(self, role).append((canonical, start, end))


def _without_person(name: str) -> str:
    """"Susanna Kolehmainen Turun kaupunginkirjasto" (a contact or credit line) -> the
    organisation after the person's name; any other name as it is."""
    words = name.split()
    if len(words) < 3 or not (words[0][:1].isupper() and words[1][:1].isupper()):
        return name
    people = find_people(name, segment(name))
    if not people or people[0].start != 0:
        return name
    rest = name[people[0].end:].strip(" ,–-")
    return rest if rest and (orgs.is_known_org(rest) or orgs.looks_like_org(rest)) else name


_INVOLVED = re.compile(r"\s(?:mukana|osallistuvat|osallistuu)\s")
_FIRST_SENTENCE = re.compile(r"(?<=[a-zåäö])\.\s+(?=[A-ZÅÄÖ])")
FIELD_ROLES = {"lead": "lead", "partner": "partner", "funder": "funder",
               "programme": "programme"}


def field_roles(seg: Segments, lines: range, language: str, roles: Roles) -> None:
    for fld in seg.fields:
        if fld.key not in FIELD_ROLES or fld.line not in lines:
            continue
        if fld.key == "programme":
            if is_agenda(fld.value):
                continue  # "Program:" over an event's schedule ("8:45–9:15 | Registration")
            value = re.sub(r"\s*\([^()]*\)", "", fld.value).strip()
            roles.programme.append((orgs.programme_of(value) or value, fld.start, fld.end))
            continue
        if language == "en" and _plain_phrase(fld.value):
            continue  # "Funder" / "Funding instrument" / "Other information": labels, no value
        value = _FIRST_SENTENCE.split(fld.value)[0]  # "X. X and Y merged in 2020, ..."
        value = _INVOLVED.split(value)[0]  # "Posio ja Ranua mukana ... omarahoitusosuudella"
        if fld.key == "partner":
            value = _bracketed_lead(value, fld.start, fld.end, language, roles)
        for name in orgs.split_names(value):
            name = _logo_owner(name)
            if name:
                _add_with_programme(roles, FIELD_ROLES[fld.key], name, fld.start, fld.end,
                                    language)
    if language != "fi":
        listed_roles(seg, lines, language, roles)


def _bracketed_lead(value: str, start: int, end: int, language: str, roles: Roles) -> str:
    """"Konsortiopartnerit: Taideyliopisto (koordinaattori), Cupore, ...": the partner marked
    as coordinator in brackets (cue tables: lead_noun) leads; the value without it."""
    for match in _BRACKETED_ROLE.finditer(value):
        if match.group("noun").lower() in cues("lead_noun"):
            roles.add("lead", match.group("name").strip(), start, end, language)
            return value[:match.start()] + value[match.end():]
    return value


_BRACKETED_ROLE = re.compile(r"(?P<name>[^,;()]{3,80}?)\s*\((?P<noun>[^()]{3,30})\)\s*(?:,\s*)?")


def _plain_phrase(value: str) -> bool:
    """An English phrase of common words under a role label ("Funding instrument", "Results,
    benefits, impact and lessons learnt"): the next label of a fact box whose values are missing
    or stand elsewhere, no organisation's name."""
    words = re.findall(r"[\w’'-]+", value)
    return len(words) >= 2 and all(w[:1].islower() for w in words[1:]) and \
        not orgs.is_known_org(value) and not orgs.looks_like_org(value)


_LOGO = re.compile(r"\s?[-–]?\s?(?:logo|logot|logos?|logotyp)$", re.I)


def _logo_owner(name: str) -> str | None:
    """A logo's caption under a role label ("Euroopan sosiaalirahaston logo") names its owner
    only when the owner is a known organisation or programme (a slogan's logo, "Vipuvoimaa
    EU:lta -logo", names none); any other name is kept as written."""
    if not _LOGO.search(name):
        return name
    owner = orgs.canonical_org(_LOGO.sub("", name).strip(), "fi")
    return owner if orgs.is_known_org(owner) or orgs.programme_of(owner) else None


_ROLE_KEYS = (("partner_after", "partner"), ("lead_after", "lead"), ("funder_after", "funder"))


def listed_roles(seg: Segments, lines: range, language: str, roles: Roles) -> None:
    """"Verksamheten genomförs i samarbete med följande organisationer:", "The project partners
    are:" over a bulleted list: each item names organisations in the role of the cue."""
    for index in lines:
        low = seg.lines[index].text.strip().lower()
        role = next((role for key, role in _ROLE_KEYS
                     if low.endswith(":") and _CUE_PATTERNS[key][0].search(low)), None)
        if role is None:
            continue
        for item in _list_items_below(seg, index):
            text = LIST_MARK.sub("", item.text.strip())
            for name in orgs.split_names(text):
                if name[:1].isupper():
                    roles.add(role, name, item.start, item.end, language)


def _list_items_below(seg: Segments, index: int) -> list[Line]:
    """The list-item lines right below a line (blank lines skipped), up to the first other."""
    items = []
    for line in seg.lines[index + 1:]:
        if not line.text.strip():
            continue
        if not LIST_MARK.match(line.text.strip()):
            break
        items.append(line)
    return items


def _add_with_programme(roles: Roles, role: str, name: str, start: int, end: int,
                        language: str) -> None:
    """"Hämeen ELY-keskus Euroopan sosiaalirahastosta": a funder followed by a programme."""
    match = re.search(r"\s(Euroopan|European|Europeiska)\b", name)
    if match and match.start() > 0:
        roles.add(role, name[:match.start()], start, end, language)
        roles.add("programme", name[match.start() + 1:], start, end, language)
        return
    roles.add(role, name, start, end, language)


def register_header_title(seg: Segments) -> tuple[str, int, int] | None:
    """The line above a register's "Vuoden 2013 ELY-hanke (Hanke on saanut rahoitusta)" header
    is the entry's title (with its offsets), as a label field's value would be."""
    lines = [line for line in seg.lines[:10] if line.text.strip()]
    for above, line in zip(lines, lines[1:], strict=False):
        if _FUNDED_HEADER.match(line.text.strip()):
            text = above.text.strip()
            start = above.start + above.text.index(text)
            return text, start, start + len(text)
    return None


def header_funder(seg: Segments, roles: Roles, language: str) -> None:
    """The funder abbreviation on a register's "Vuoden 2015 ELY-hanke (... rahoitusta)" line."""
    for line in seg.lines[:10]:
        match = _FUNDED_HEADER.match(line.text.strip())
        if match and orgs.resolve_alias(match.group(1)):
            roles.add("funder", match.group(1), line.start + match.start(1),
                      line.start + match.end(1), language)
            return


_DOTTED_FORM = re.compile(r"\b([rR])\.\s?([yYfF])\.")  # "r.f." ends no sentence


def _names_after(text: str, language: str = "fi") -> list[str]:
    text = _DOTTED_FORM.sub(r"\1\2", text)
    if language == "en":
        text = _and_the(_keep_inner_prepositions(text))
    text = _capitalised_known_start(text)
    if language != "fi":
        text = orgs.leading_name(_keep_known_names(text), english=language == "en")
    text = re.split(r"[.!?](?:\s|$)|\s(?:yhteistyössä|kanssa|jossa|joka|som|which|under|för|till|"
                    r"i samarbete|i samverkan|in co-?operation|in collaboration|in partnership|"
                    r"together with|"
                    r"inom|during|for|in|vuosina|vuonna|aikana|ajalla)\b|"
                    r"(?<!-)\s(?:ja|och|and)\s(?=[a-zåäö])", text)[0]
    names = []
    for part in (p.replace(_KEPT_SPACE, " ") for p in orgs.split_names(text)):
        if part[:1].isupper():
            names.append(part)
    return names


def _and_the(text: str) -> str:
    """"A and the B": two names, the article dropped."""
    return re.sub(r"\s(and|ja|och)\sthe\s(?=[A-Z])", r" \1 ", text)


def _capitalised_known_start(text: str) -> str:
    """Finnish and Swedish write ministries and agencies in lower case mid-sentence ("jota
    rahoittaa opetus- ja kulttuuriministeriö", "Uppdragsgivarna är undervisnings- och
    kulturministeriet samt ..."): a known name opening the text gets its capital."""
    if not text[:1].islower():
        return text
    words = text.split(" ")
    for count in range(min(len(words), 6), 0, -1):
        if orgs.is_known_org(" ".join(words[:count]).rstrip(",.;:")):
            return text[:1].upper() + text[1:]
    return text


_KEPT_SPACE = "\u2060"  # a word joiner, no white space: no clause is cut inside
# "Centre for Arts in Health", "Northern Dimension Partnership on Culture": a preposition between
# capitalised words, after the name's head word, is inside the name
_INNER_PREPOSITION = re.compile(r"(?<=[\w’'-])( (?:for|in|on|of)(?: the)? )(?=[A-ZÅÄÖ])")


def _keep_inner_prepositions(text: str) -> str:
    """English names holding "for"/"in"/"on", their spaces made unbreakable while the clause is
    cut: a preposition joins two capitalised words when a head word ("Centre", "Partnership")
    stands in the capitalised run before it and no place follows ("X Centre in Turku" is cut)."""
    def keep(match: re.Match[str]) -> str:
        run = re.findall(r"[\w’'-]+", text[:match.start()].replace(_KEPT_SPACE, " "))
        words = []
        for word in reversed(run):
            if not (word[:1].isupper() or word in ("for", "in", "on", "of", "the", "and")):
                break
            words.append(word)
        after = re.match(r"[\w’'-]+", text[match.end():])
        if not any(orgs.is_org_head(w) for w in words if w[:1].isupper()) \
                or after is None or find_places(after.group(), "en", []):
            return match.group()
        return match.group().replace(" ", _KEPT_SPACE)
    kept = _INNER_PREPOSITION.sub(keep, text)
    # "... Partnership in Public Health and Social Well-being": an "and" after such a preposition
    # joins two capitalised words of the same name ("and the X" begins another name)
    return re.sub(rf"({_KEPT_SPACE}[A-ZÅÄÖ][\w’'-]*(?: [A-ZÅÄÖ][\w’'-]*)*) and (?=[A-ZÅÄÖ])",
                  rf"\1{_KEPT_SPACE}and{_KEPT_SPACE}", kept)


@cache
def _names_with_preposition() -> re.Pattern[str] | None:
    """Known Swedish names holding a word a clause is cut at ("Svenska Österbottens förbund
    för utbildning och kultur"), longest first. (English "for" too cost the held-out half.)"""
    gaz = gazetteer()
    names = sorted((n for n in gaz.org_names | gaz.org_names_joined
                    if re.search(r"\s(?:för|till)\s", n)), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)), re.I) if names else None


def _keep_known_names(text: str) -> str:
    """Known names with such a word, their spaces made unbreakable while the clause is cut."""
    pattern = _names_with_preposition()
    if pattern is None:
        return text
    return pattern.sub(lambda m: m.group().replace(" ", _KEPT_SPACE), text)


def prose_roles(sentences: list[Sentence], language: str, roles: Roles,
                candidates: list[tuple[str, int, int]] | None = None) -> None:
    """Roles from cue words around organisation names; ``candidates`` are further organisation
    names (with text offsets) from the optional model, used where no rule found a name."""
    candidates = candidates or []
    candidate_names = {name for name, _s, _e in candidates}
    for sentence in sentences:
        text = sentence.text
        low = text.lower()
        spans = list(orgs.org_spans(text))
        for _name, start, end in candidates:
            inside = sentence.start <= start and end <= sentence.end
            if inside and not any(s < end - sentence.start and start - sentence.start < e
                                  for s, e in spans):
                spans.append((start - sentence.start, end - sentence.start))
        for start, end in spans:
            word = _genitive_cue(low, spans, end)
            if word is None:
                continue
            name = text[start:end]
            if word in ROLE_CUES["lead_genitive"]:
                if not _OF_A_PROGRAMME.match(low[low.index(word, end) + len(word):]):
                    roles.add("lead", name, sentence.start + start, sentence.start + end,
                              language)
            elif word in ROLE_CUES["funder_genitive"] or word in ROLE_CUES["funder_before"] or \
                    word == "kautta" and _FUNDING_WORD.search(low):  # "ELY-keskuksen kautta"
                roles.add("funder", name, sentence.start + start, sentence.start + end, language)
        for cue_key, role in (("lead_after", "lead"), ("partner_after", "partner"),
                              ("funder_after", "funder")):
            for cue in _CUE_PATTERNS[cue_key]:
                for match in cue.finditer(low):
                    if _WHOLE_PROGRAMME.search(low[:match.start()]):
                        continue  # "... -hankekokonaisuuteen, jota koordinoi X": not this one's
                    rest = text[match.end():].lstrip(" :")
                    rest = _COPULA_START.sub("", rest)
                    rest = re.sub(r'^bidraget\s+"[^"]*"\s+av\s+', "", rest)
                    if language == "en":
                        rest = _OWNER_AFTER_COMMON.sub("", rest)
                    if _GEN_LIST.match(rest):
                        continue  # "Iisalmen ja Vieremän kuntien kulttuuripalvelut": one each
                    position = sentence.start + match.end()
                    if role == "funder" and _named_programme(rest, position, roles):
                        continue
                    for name in _cued_names(_names_after(rest, language)[:8], language,
                                            candidate_names):
                        roles.add(role, name, position, position + len(name), language)
        _distributed_leads(sentence, language, roles)
        _subject_leads(sentence, spans, language, roles)
        _partner_kanssa(sentence, language, roles)
        _partners_with(sentence, spans, language, roles)
        project_subject_leads(sentence, language, roles)
        _possessive_lead(sentence, language, roles)
        if language == "fi":
            owner_leads(sentence, roles)
            funded_kind(sentence, roles)
        received_funding(sentence, language, roles)
        granting_subject(sentence, language, roles)
        started_at(sentence, language, roles)
        predicate_roles(sentence, language, roles)
        colon_list_partners(sentence, language, roles)
        kind_list_partners(sentence, language, roles)
        if language == "en":
            union_programme(sentence, roles)


# "funded by the Grundtvig programme", "co-funded by the Nordplus Programme", "finansieras av
# Nordplus-programmet": a capitalised name before the word "programme" names a programme; the
# word belongs to the name only when written with a capital
_PROGRAMME_NAMED = re.compile(r"^(?P<name>[A-ZÅÄÖ][\w+&’'-]*(?:\s[A-ZÅÄÖ][\w+&’'-]*){0,5})"
                              r"(?:\s(?P<head>[Pp]rogramme|[Pp]rogram)\b|-programmet\b)")


# "in collaboration with the mental health services of the X County", "with an occupational
# therapist at HUS": common words before "of"/"at" name a part or a person of the organisation
_OWNER_AFTER_COMMON = re.compile(r"^(?:the\s|an?\s)?(?:[a-z][\w-]*\s){1,6}(?:of|at)\s(?:the\s)?"
                                 r"(?=[A-ZÅÄÖ])")


# "the Lifelong Learning Programme of the European Union", "Co-funded by the Erasmus+ Programme
# of the European Union" (the EU's own logo text): the programme, and the Union that funds it
_UNION_PROGRAMME = re.compile(r"\b((?:[A-Z][\w+-]*\s){1,5}Programme)\sof\sthe\s(European\sUnion)\b")


def union_programme(sentence: Sentence, roles: Roles) -> None:
    match = _UNION_PROGRAMME.search(sentence.text)
    if match is None:
        return
    start, end = sentence.start + match.start(), sentence.start + match.end()
    name = match.group(1)
    roles.programme.append((orgs.programme_of(name) or name, start, end))
    roles.add("funder", match.group(2), start, end, "en")


def _named_programme(rest: str, position: int, roles: Roles) -> bool:
    """The programme a funder cue names instead of a funder, added; False when none."""
    match = _PROGRAMME_NAMED.match(rest)
    if match is None:
        return False
    head = match.group("head")
    name = f"{match.group('name')} {head}" if head and head[:1].isupper() else match.group("name")
    roles.programme.append((orgs.programme_of(name) or name, position, position + match.end()))
    return True


_NOUN_ROLES = (("lead_noun", "lead"), ("partner_noun", "partner"), ("funder_noun", "funder"))
_COPULA_WORD = r"(?:is|are|was|were|är|var|on|ovat|oli|olivat|toimii|toimivat|toimi)"
# "the", "projektets", "hankkeen" and one more word ("main", "Finnish") before the noun
_NOUN_FILLER = r"(?:(?:the|our|its|one of the|an?|en|ett|projektets|hankkeen|projektin)\s)?" \
               r"(?:[\w-]+\s)?"


@cache
def _predicate_pattern() -> re.Pattern[str]:
    nouns = sorted((noun for key, _role in _NOUN_ROLES for noun in cues(key)), key=len,
                   reverse=True)
    return re.compile(rf"\s{_COPULA_WORD}\s{_NOUN_FILLER}(?P<noun>"
                      + "|".join(map(re.escape, nouns)) + r")\b", re.I)


def predicate_roles(sentence: Sentence, language: str, roles: Roles) -> None:
    """"X is the coordinator in the project", "X och Y är projektets samarbetspartner", "X toimi
    yhteistyökumppanina": a subject of organisations' names only has the role the noun names."""
    match = _predicate_pattern().search(sentence.text)
    if match is None:
        return
    subject = re.sub(r"^(?:The|Det|Den)\s+", "", sentence.text[:match.start()].strip())
    if language == "en":
        subject = _and_the(subject)
    names = orgs.split_names(subject)
    if not names or not all(_subject_org(name, language) for name in names):
        return
    noun = match.group("noun").lower()
    role = next(role for key, role in _NOUN_ROLES if noun in cues(key))
    for name in names:
        roles.add(role, name, sentence.start, sentence.start + match.start(), language)


def _subject_org(name: str, language: str) -> bool:
    """A name that stands alone as a subject and is an organisation's, no person's."""
    if not name[:1].isupper() or len(name.split()) > _SUBJECT_WORDS:
        return False
    if orgs.is_known_org(name) or _named_after_cue(name, language):
        return True
    return orgs.looks_like_org(name) and not find_people(name, segment(name))


def colon_list_partners(sentence: Sentence, language: str, roles: Roles) -> None:
    """"Flera konstsammanslutningar deltar i projektet X: A, B och C": the names listed after
    the colon of a participation statement (cue table: partner_list) are the partners."""
    head, colon, tail = sentence.text.partition(": ")
    pattern = phrase_pattern("partner_list")
    if not colon or pattern is None or not pattern.search(head):
        return
    names = orgs.split_names(tail.strip().rstrip("."))
    if len(names) < 2 or not all(name[:1].isupper() and _list_member(name, language)
                                 for name in names):
        return
    start = sentence.start + len(head) + len(colon)
    for name in names:
        roles.add("partner", name, start, start + len(tail), language)


@cache
def _kind_list_pattern() -> re.Pattern[str]:
    kinds = sorted(cues("kind_plural"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, kinds)) +
                      r")\s*(?:\((?P<bracketed>[^()]{3,300})\)|:\s(?P<listed>[^.;]{3,300}))", re.I)


def kind_list_partners(sentence: Sentence, language: str, roles: Roles) -> None:
    """"The project includes 3 universities (A, B, C) and 2 research institutes (D, E)", "supported
    by three universities: A, B and C": in a sentence about taking part in the project, names
    listed after a plural noun of organisations are partners, when one of them looks like an
    organisation's and the others are no places or people."""
    if not stem_pattern("participation").search(sentence.text):
        return
    for match in _kind_list_pattern().finditer(sentence.text):
        group = "bracketed" if match.group("bracketed") else "listed"
        names = [re.sub(r"^(?:the|The)\s+", "", name)
                 for name in orgs.split_names(_and_the(match.group(group)))]
        names = [name for name in names if name[:1].isupper()]
        if not any(orgs.looks_like_org(name) or orgs.is_known_org(name) for name in names):
            continue
        start, end = sentence.start + match.start(group), sentence.start + match.end(group)
        for name in names:
            if orgs.looks_like_org(name) or orgs.is_known_org(name) or \
                    _list_member(name, language):
                roles.add("partner", name, start, end, language)


def _cued_names(names: list[str], language: str, candidate_names: set[str]) -> list[str]:
    """The names of a list after a role cue that are organisations': each that looks like one,
    and in Swedish or English the other capitalised members of a list that holds one ("finansieras
    av Svenska kulturfonden, Konstsamfundet och ..."), if no place or person."""
    if names and language != "fi" and find_people(names[0], segment(names[0])):
        return []  # "coordinated by Päivi Ylönen-Viiri, Executive Director of X": a person
    names = [name for name in names if not is_role(name.split(" of ")[0])]
    if language == "sv":
        names = [name if orgs.looks_like_org(name) else orgs.genitive_owner(name) or name
                 for name in names]
    known = [name for name in names if orgs.looks_like_org(name) or orgs.resolve_alias(name) or
             name in candidate_names or _named_after_cue(name, language) or
             name.lower() in cues("union_name")]
    if not known or language == "fi" or len(names) < 2:
        return known
    return [name for name in names if name in known or _list_member(name, language)]


def _list_member(name: str, language: str) -> bool:
    if is_country(name) or any(p.end - p.start == len(name)
                               for p in find_places(name, language, [])):
        return False  # "STEA, The Funding Centre for ..., Finland": the country is no member
    return len(name) > 3 and not find_people(name, segment(name))


def _named_after_cue(name: str, language: str) -> bool:
    """A name of two or more capitalised words right after a role cue is an organisation's,
    unless it names a place or a person ("Lakeuden Omaishoitajat", "Sirkus Magenta")."""
    words = name.split()
    if not 2 <= len(words) <= _SUBJECT_WORDS or \
            not all(w[:1].isupper() or w.lower() in _NAME_JOINERS for w in words):
        return False
    if any(p.end - p.start == len(name) for p in find_places(name, language, [])):
        return False
    return not find_people(name, segment(name))


# "STM:n hallinnoimaa Kansallista ikäohjelmaa": the participle's noun is a programme, whose
# administrator leads no project of the text
_OF_A_PROGRAMME = re.compile(r"\s+(?:[\w-]+\s+){0,2}[\w-]*(?:ohjelm|kokonaisuu)")
# a programme or a whole of projects as the antecedent of "jota/jonka ..."
_WHOLE_PROGRAMME = re.compile(r"(?:kokonaisuu|ohjelma|verkosto)\w*,\s$")
_FUNDING_WORD = re.compile(r"\brahoit\w*")  # "rahoitettu X:n kautta": X passes the money on
_TOGETHER = ("yhteistyössä", "yhdessä")
_PERFECT_AUXILIARY = ("on", "ovat", "oli", "olivat")


def _genitive_cue(low: str, spans: list[tuple[int, int]], end: int) -> str | None:
    """The word after a name, over "yhteistyössä" and over "ja <the next name>": in
    "museon ja yhdistyksen yhteistyössä suunnittelemat" both names find "suunnittelemat"."""
    following = low[end:end + 40].split()
    if not following:
        return None
    if (re.fullmatch(r"\([^()]+\),?|\),?", following[0])) and len(following) > 1:
        following = following[1:]  # "... avustuskeskus (STEA) on", "(STEA) on myöntänyt"
    word = following[0].strip(".,")
    if word in _PERFECT_AUXILIARY and len(following) > 1:  # "X on myöntänyt", "X ovat ..."
        return following[1].strip(".,")
    if word == "ja":
        after_ja = end + low[end:].index("ja") + 3
        nxt = next((e for s, e in spans if s == after_ja), None)
        return _genitive_cue(low, spans, nxt) if nxt is not None else word
    if word in _TOGETHER and len(following) > 1:
        return following[1].strip(".,")
    return word


def _distributed_leads(sentence: Sentence, language: str, roles: Roles) -> None:
    """"toteuttivat Iisalmen, Keiteleen ja Vieremän kuntien kulttuuripalvelut" -> one lead each."""
    match = _CARRIED_OUT.search(sentence.text)
    if not match:
        return
    rest = sentence.text[match.end():]
    gen = _GEN_LIST.match(rest)
    if not gen:
        return
    head = morphology.plural_base(gen.group(2)) if morphology.analyses(gen.group(2)) else \
        gen.group(2)
    for owner in re.split(r",\s*|\s+(?:ja|och)\s+", gen.group(1)):
        owner = owner.strip()
        if owner:
            position = sentence.start + match.end()
            roles.lead.append((f"{owner} {head}", position, position + len(gen.group(0))))


def _subject_leads(sentence: Sentence, spans: list[tuple[int, int]], language: str,
                   roles: Roles) -> None:
    """"A ja B järjestävät yhteistyössä ..." -> A and B lead."""
    for _cue, pattern in _LEAD_BEFORE:
        match = pattern.search(sentence.text)
        if not match:
            continue
        subject = sentence.text[:match.start()]
        if len(subject.split()) > 12 or "hanke" in subject.lower():
            continue
        for name in orgs.split_names(subject):
            if orgs.looks_like_org(name) or any(orgs.resolve_alias(w) for w in name.split()):
                roles.add("lead", name, sentence.start, sentence.start + len(subject), language)
        return


# "yhteistyössä Turun ja Imatran kaupunkien kanssa": genitives sharing a plural head
_SHARED_HEAD_KANSSA = re.compile(r"\b(?:yhteistyössä|yhdessä)\s+((?:[A-ZÅÄÖ][\w-]*n,?\s+)+"
                                 r"(?:ja|sekä)\s+[A-ZÅÄÖ][\w-]*n)\s+([a-zåäö][\w-]*(?:ien|jen|den|"
                                 r"tten|in))\s+kanssa\b")


def _partners_sharing_a_head(sentence: Sentence, language: str, roles: Roles) -> bool:
    """Each genitive of "yhteistyössä A:n ja B:n <plural head> kanssa" with the head in the
    singular ("Turun kaupunki", "Imatran kaupunki"); False when there is no such list."""
    match = _SHARED_HEAD_KANSSA.search(sentence.text)
    if match is None:
        return False
    head = morphology.base_form(match.group(2)).lower()
    owners = re.split(r",\s+|\s+(?:ja|sekä)\s+", match.group(1))
    position = sentence.start + match.start(1)
    for owner in owners:
        roles.add("partner", f"{owner} {head}", position, position + len(match.group(0)),
                  language)
    return True


def _partner_kanssa(sentence: Sentence, language: str, roles: Roles) -> None:
    if _partners_sharing_a_head(sentence, language, roles):
        return
    match = re.search(r"\byhteistyössä\s+((?:[A-ZÅÄÖ][\w-]*\s+)?[\w-]+)\s+kanssa\b", sentence.text)
    if match and match.group(1)[:1].isupper():
        words = match.group(1).split()
        head = morphology.plural_base(words[-1])
        name = " ".join(words[:-1] + [head])
        position = sentence.start + match.start(1)
        roles.partner.append((name, position, position + len(match.group(1))))


# "... kanssa", over "ja <the next name>" and over a unit of the organisation ("Satakunnan
# hyvinvointialueen HYTE-yksikön ja ... kanssa")
_WITH = re.compile(r"^\s+(?:[\w-]+(?:yksikön|palveluiden|palvelujen|toimen)\s+)?"
                   r"(?:ja\s+[^.,;]{0,60}?\s)?kanssa\b")
_WORKING_TOGETHER = re.compile(r"\b(?:yhteistyö\w*|yhdessä|toteutta\w*|kumppan\w*)", re.I)


def _partners_with(sentence: Sentence, spans: list[tuple[int, int]], language: str,
                   roles: Roles) -> None:
    """"toteuttaa Jyväskylän kaupungin kanssa", "tekee yhteistyötä Rovaniemen kaupungin ja
    ... kanssa": an organisation in the genitive before "kanssa" works with the project."""
    text = sentence.text
    if language != "fi" or not _WORKING_TOGETHER.search(text):
        return
    for start, end in spans:
        name = text[start:end]
        counted = re.search(r"\d\s*$", text[:start])  # "14 Pirkanmaan kunnan kanssa"
        if _WITH.match(text[end:]) and not counted and \
                morphology.GENITIVE in morphology.case_of(name.split()[-1]):
            roles.add("partner", name, sentence.start + start, sentence.start + end, language)


_COPULA = re.compile(r"^(?:The\s|Det\s)?(.{3,90}?)\s(?:is|was|är|var|on|oli)\s(?:an?\s|en\s|ett\s)?"
                     r"((?:[\w-]+\s){0,5}?[\w-]+)\b")


def defined_org_lead(sentences: list[Sentence], language: str, roles: Roles) -> None:
    """"Taiteen Sulattamo is a mental health association ...", "X är en förening": a text
    about its own organisation; the organisation so defined near the top leads."""
    kinds = cues("org_kind")
    for sentence in sentences[:8]:
        match = _COPULA.match(sentence.text)
        if not match or not any(word.endswith(kinds) for word in
                                sentence.text[match.start(2):].lower().split()[:6]):
            continue
        words = match.group(1).split()
        heads = [i for i, word in enumerate(words[:-1]) if orgs.is_org_head(word)]
        if heads:  # "The Finnish Hospital Clowns Association Sairaalaklovnit ry"
            words = words[heads[-1] + 1:]
        name = " ".join(words)
        if words and all(w[:1].isupper() or w.lower() in _NAME_JOINERS for w in words) and \
                len(words) <= 8:
            roles.add("lead", name, sentence.start, sentence.start + len(match.group(1)),
                      language)
            return


_NAME_JOINERS = frozenset(["ry", "rf", "r.y.", "r.f.", "sr", "oy", "ab", "of", "the", "and", "för",
                           "och", "i", "ja", "vid", "for", "on", "in"])


@cache
def _project_verb() -> re.Pattern[str]:
    verbs = "|".join(map(re.escape, cues("lead_verb")))
    objects = "|".join(map(re.escape, cues("project_object")))
    # "a systematic and participatory cultural project", "ett nytt treårigt projekt"
    described = r"(?:a|an|ett|en)\s(?:[a-zåäö][\w-]*\s){1,4}(?:project|projekt)"
    return re.compile(rf"\b(?:{verbs})\s+(?:{objects}|{described})\b", re.I)


_CAPITALISED_RUN = re.compile(r"[A-ZÅÄÖ][\w-]*(?:\s(?:(?:of|the|för|och|i|vid|ja)\s)?"
                              r"[A-ZÅÄÖ][\w-]*)*(?:\s(?:ry|rf|r\.y\.|r\.f\.|sr|Oy|Ab|Oy Ab))?")


_AUXILIARY = re.compile(r"\s(?:har|hade|ska|skall|kommer att|has|have|had|will)\s")


def _subject_list_leads(before: str, sentence: Sentence, language: str, roles: Roles) -> bool:
    """"Södra Österbottens och Österbottens landskapsförbund samt SÖFUK har ... genomfört
    projektet": every organisation of a subject list before the auxiliary leads."""
    auxiliary = _AUXILIARY.search(before)
    if not auxiliary:
        return _listed_subjects(before, sentence, language, roles)
    names = orgs.split_names(before[:auxiliary.start()])
    if len(names) < 2 or not all(orgs.looks_like_org(n) or orgs.resolve_alias(n) or
                                 re.fullmatch(r"[A-ZÅÄÖ]{3,}", n) for n in names):
        return False  # each a name with a head word, a known name or an acronym
    for name in names:
        roles.add("lead", name, sentence.start, sentence.start + auxiliary.start(), language)
    return True


_TRAILING_NAME = re.compile(r"(?<!\S)[A-ZÅÄÖ][\w-]*(?:\s(?:(?:of|for|the|och|för|i|vid)\s)?"
                            r"[A-ZÅÄÖ][\w-]*)*$")


def _listed_subjects(before: str, sentence: Sentence, language: str, roles: Roles) -> bool:
    """"With an open call, NDPC, NDPHS, EUNIC Global and Arts Promotion Centre Finland are
    launching a joint project": the names of the list right before the verb lead, when two
    or more are named and one is an organisation's (the others no place or person)."""
    names = []
    for name in reversed(orgs.split_names(re.sub(r"\s(and|och) the\s", r" \1 ", before))):
        name = re.sub(r"^the\s", "", name)
        words = name.split()
        if not words or not all(w[:1].isupper() or w.lower() in _NAME_JOINERS for w in words) \
                or len(words) > _SUBJECT_WORDS:
            tail = _TRAILING_NAME.search(name)  # "With an open call X Foundation": its end
            if tail and orgs.looks_like_org(tail.group()):
                names.insert(0, tail.group())
            break
        names.insert(0, name)
    known = [n for n in names if orgs.looks_like_org(n) or orgs.resolve_alias(n)]
    if len(names) < 2 or not known or not all(n in known or _list_member(n, language)
                                               for n in names):
        return False
    for name in names:
        roles.add("lead", name, sentence.start, sentence.start + len(before), language)
    return True


_DASHED_KIND = re.compile(r"^([A-ZÅÄÖ][\w-]*(?:\s[A-ZÅÄÖ][\w-]*){0,4})\s-(?:association|society|"
                          r"foundation|cooperative|föreningen|förening|stiftelsen)\b")


def project_subject_leads(sentence: Sentence, language: str, roles: Roles) -> None:
    """"Korpo Kulturgille kan förverkliga projektet ...", "The city coordinates the project":
    the last organisation-like name before "<lead verb> <the project>" leads."""
    match = _project_verb().search(sentence.text)
    if not match:
        return
    before = sentence.text[:match.start()]
    if language != "fi" and _subject_list_leads(before, sentence, language, roles):
        return
    dashed = _DASHED_KIND.match(before)  # "JuuriJuhla-RotFest -association has started ..."
    if dashed:
        roles.add("lead", dashed.group(1), sentence.start, sentence.start + dashed.end(1),
                  language)
        return
    runs = [run for run in _CAPITALISED_RUN.finditer(before)
            if run.start() > 0 or len(run.group().split()) >= 2]
    for run in reversed(runs):
        name = run.group()
        if language == "sv" and name.endswith("s") and re.match(r"\s[a-zåäö]", before[run.end():]):
            continue  # a genitive before its head: "Österbottens landskapsförbund"
        whole_place = any(p.end - p.start == len(name) for p in find_places(name, language, []))
        if (len(name.split()) >= 2 or orgs.looks_like_org(name)) and not whole_place:
            roles.add("lead", name, sentence.start + run.start(), sentence.start + run.end(),
                      language)
            return


# "The City of Turku's MyLibrary Project": the owner of an English project leads.
_POSSESSIVE = re.compile(r"((?:[A-Z][\w-]*\s(?:of\s)?)*[A-Z][\w-]*)[’']s\s(?:[A-Z][\w-]*\s){0,4}"
                         r"[Pp]roject\b")


def _possessive_lead(sentence: Sentence, language: str, roles: Roles) -> None:
    match = _POSSESSIVE.search(sentence.text)
    if match:
        name = re.sub(r"^The\s", "", match.group(1))
        if orgs.looks_like_org(name):
            start = sentence.start + match.start(1)
            roles.add("lead", name, start, start + len(match.group(1)), language)


# "Soiva kylä on Lapuan kaupungin ja Kuortaneen kunnan yhteishanke", "X-hanke oli A ry:n
# kolmivuotinen STEA-rahoitteinen hanke": the organisations in the genitive before the
# project word of a copula's complement own the project
_OWNED = re.compile(r"\b(?:on|oli|ovat|olivat)\s+(?P<owners>[A-ZÅÄÖ](?:[^.;:!?]|:(?=n\b)){2,100})"
                    r"\s[\w-]*(?:hanke|projekti)\b")
_AGENT_PARTICIPLE = re.compile(r"m[aä]t?$")  # "rahoittama": the agent's own rules read it
_OWNER_SPLIT = re.compile(r",\s|\sja\s")


def owner_leads(sentence: Sentence, roles: Roles) -> None:
    """Leads of a Finnish project named as an organisation's project after a copula."""
    match = _OWNED.search(sentence.text)
    if not match:
        return
    words = match.group("owners").split()
    while words and not _genitive(words[-1]):
        if _AGENT_PARTICIPLE.search(words.pop()):
            return
        # the adjectives before the project word ("kolmivuotinen", "uusi") are dropped
    owners = " ".join(words)
    offset = sentence.start + match.start("owners")
    for part in _OWNER_SPLIT.split(owners):
        name = orgs.canonical_org(part, "fi")
        if part[:1].isupper() and _genitive(part.split()[-1]) and orgs.looks_like_org(name):
            start = offset + owners.index(part)
            roles.add("lead", part, start, start + len(part), "fi")


# "A ry:n kolmivuotinen STEA-rahoitteinen hanke", "B:n ja C:n ESR-rahoitteisissa X -hankkeissa":
# the abbreviation before "-rahoitteinen" names the funder (or programme), the organisations in
# the genitive before it own the project
_FUNDED_KIND = re.compile(r"(?<![\w-])([A-ZÅÄÖ][\w]*(?:-[\w]+)?)-rahoittei\w*")
_OWNER_WORD = re.compile(r"[\w:.-]+|,")
_ADJECTIVES_BEFORE = 2  # "kolmivuotinen", "uusi": words between the owner and the kind


def funded_kind(sentence: Sentence, roles: Roles) -> None:
    """Funder and leads of a Finnish "<owner>:n <X>-rahoitteinen hanke" phrase."""
    for match in _FUNDED_KIND.finditer(sentence.text):
        start = sentence.start + match.start(1)
        roles.add("funder", match.group(1), start, start + len(match.group(1)), "fi")
        owners = _genitive_owners(sentence.text[:match.start()])
        for name, offset in owners:
            canonical = orgs.canonical_org(name, "fi")
            if any(lead.endswith(canonical) for lead, _s, _e in roles.lead):
                continue  # "ARVA ry" read already as "Arvokas vanhuus ARVA ry"
            roles.add("lead", name, sentence.start + offset, sentence.start + offset + len(name),
                      "fi")


def _genitive_owners(before: str) -> list[tuple[str, int]]:
    """The names in the genitive that end ``before`` (over a few adjectives), listed with "ja"
    or commas, with their offsets."""
    words = list(_OWNER_WORD.finditer(before))
    skipped = 0
    while words and not _genitive(words[-1].group()) and skipped < _ADJECTIVES_BEFORE and \
            words[-1].group().islower():
        words.pop()
        skipped += 1
    first = len(words)
    while first > 0 and _owner_part(words[first - 1].group()):
        first -= 1
    if first == len(words):
        return []
    owners = before[words[first].start():words[-1].end()]
    found = []
    for part in _OWNER_SPLIT.split(owners):
        part = part.strip(" ,")
        last = part.split()[-1] if part else ""
        if not part[:1].isupper():
            continue
        if _unknown_genitive(last):  # "Taidekeskus KulttuuriKauppilan": a name Voikko lacks
            part = part[:-1]
        elif not _genitive(last):
            continue
        if orgs.looks_like_org(orgs.canonical_org(part, "fi")):
            found.append((part, words[first].start() + owners.index(part)))
    return found


def _owner_part(word: str) -> bool:
    return word[:1].isupper() or word in (",", "ja") or orgs.is_org_head(word) or \
        word.lower().startswith(("ry:", "oy:", "sr:"))


def _unknown_genitive(word: str) -> bool:
    """A capitalised word ending in a vowel and "n" that Voikko does not know: a name in the
    genitive ("KulttuuriKauppilan")."""
    return word[:1].isupper() and re.search(r"[aeiouyäö]n$", word) is not None and \
        not morphology.is_known(word)


def _genitive(word: str) -> bool:
    return word.endswith(":n") or \
        morphology.GENITIVE in morphology.case_of(word.split("-")[-1].lower())


@cache
def _received_verb() -> re.Pattern[str]:
    """The verbs of a grant's recipient in any language (settings.GRANT_VERBS)."""
    verbs = {verb for table in GRANT_VERBS.values() for verb in table["grantee"]}
    alternatives = "|".join(map(re.escape, sorted(verbs, key=len, reverse=True)))
    return re.compile(rf"\s(?:{alternatives})\b")


_SOURCE_WORD = re.compile(r"\b(?:från|av|from|by)\s+(?:the\s+)?(?=[A-ZÅÄÖ])")
_ABLATIVE = re.compile(r"(?::?lta|:?ltä)$")
_SUBJECT_WORDS = 6  # a name before the verb has this many words at most
_MONEY_WINDOW = 80  # characters after the verb in which the money is named


def received_funding(sentence: Sentence, language: str, roles: Roles) -> None:
    """"Kainuun liitto haki ja sai Taiteen edistämiskeskukselta 40 000 euroa", "X has received
    funding from Y": the organisation that opens the sentence leads, the one it received the
    money from funds."""
    text = sentence.text
    verb = _received_verb().search(text)
    if not verb or not stem_pattern("grant_noun").search(text, verb.end(),
                                                          verb.end() + _MONEY_WINDOW):
        return
    subject = re.sub(r"^The\s+", "", text[:verb.start()].strip())
    subject = re.sub(r"\s+[a-zåäö]+\s+(?:ja|och|and)$", "", subject)  # "X haki ja sai"
    subject = re.sub(r",?\s+(?:som|which|who)$", "", subject)  # "X som har beviljats medel"
    if _recipient_name(subject, language):
        roles.add("lead", subject, sentence.start, verb.start() + sentence.start, language)
    giver = _giver(text[verb.end():], language)
    if giver:
        position = sentence.start + verb.end()
        roles.add("funder", giver, position, position + len(giver), language)


@cache
def _granting_verb() -> re.Pattern[str]:
    """The verbs after a funder that opens the sentence (cue tables, funder_verb)."""
    verbs = sorted(cues("funder_verb"), key=len, reverse=True)
    return re.compile(r"\s(?:" + "|".join(map(re.escape, verbs)) + r")\b", re.I)


def granting_subject(sentence: Sentence, language: str, roles: Roles) -> None:
    """"Centret för konstfrämjande har beviljat projektet 100 000 euro", "The Kone Foundation has
    granted the project ...": the organisation that opens the sentence funds the project."""
    verb = _granting_verb().search(sentence.text)
    if verb is None:
        return
    subject = re.sub(r"^The\s+", "", sentence.text[:verb.start()].strip())
    if _recipient_name(subject, language):
        roles.add("funder", subject, sentence.start, sentence.start + verb.start(), language)


def _recipient_name(subject: str, language: str) -> bool:
    words = subject.split()
    if not words or len(words) > _SUBJECT_WORDS or not words[0][:1].isupper() or \
            words[0].lower() in ("projektet", "project", "hanke"):
        return False  # "Projektet Turvapaikka får stöd": the project, not who runs it
    if any(p.end - p.start == len(subject) for p in find_places(subject, language, [])):
        return False  # "Kuopio sai ..." names a place, not who received
    if len(words) > 1 and orgs.resolve_alias(words[-1]) and not orgs.looks_like_org(subject):
        return False  # "Kaikkiaan Taike sai ...": a known name after a word that is none
    capitalised = all(w[:1].isupper() or w.lower() in _NAME_JOINERS for w in words)
    return orgs.looks_like_org(subject) or (capitalised and len(words) >= 2)


def _giver(rest: str, language: str) -> str | None:
    """The organisation the money came from: a Finnish ablative ("Taikelta") among the first
    words, or the name after "från", "av", "from"."""
    head = rest[:80]
    if language == "fi":
        for start, end in orgs.org_spans(head):
            if _ABLATIVE.search(head[start:end]):
                return head[start:end]
        return None
    match = _SOURCE_WORD.search(head)
    name = orgs.leading_name(rest[match.end():]) if match else ""
    return name if name and orgs.looks_like_org(name) else None


@cache
def _started_verb() -> re.Pattern[str]:
    verbs = "|".join(map(re.escape, sorted(cues("project_started"), key=len, reverse=True)))
    return re.compile(rf"\s(?:{verbs})\b", re.I)


_INESSIVE = re.compile(r"^((?:[A-ZÅÄÖ][\w-]*\s){0,4}[\w-]+?)(?::ssa|:ssä|ssa|ssä)$")
_AT_ORG = re.compile(r"^(?:vid|hos|på|at)\s+(?:the\s+)?(?=[A-ZÅÄÖ])", re.I)


def started_at(sentence: Sentence, language: str, roles: Roles) -> None:
    """"Varsinais-Suomen Muistiyhdistys ry:ssä on alkanut ... -hanke", "Vid Vasa stad har
    projektet startat", "At the City of Turku a project has started": where the project
    started leads."""
    text = sentence.text
    verb = _started_verb().search(text)
    if not verb or not _PROJECT_NOUN.search(text):
        return
    opening = text[:verb.start()].strip()
    at = _AT_ORG.match(opening)
    if at:
        name = orgs.leading_name(opening[at.end():])
    else:
        inessive = _INESSIVE.match(opening)
        name = orgs.canonical_org(inessive.group(0), language) if inessive else ""
    if name and orgs.looks_like_org(name) and \
            not any(p.end - p.start == len(name) for p in find_places(name, language, [])):
        roles.add("lead", name, sentence.start, sentence.start + verb.start(), language)


_PROJECT_NOUN = re.compile(r"(?:hanke|hankkee|projekt|project)", re.I)
