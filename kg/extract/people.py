"""People: names with roles, organisations, e-mails (restored from obfuscation or templates)
and phone numbers, from contact blocks, label fields and prose."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from kg import config, morphology
from kg.extract import orgs
from kg.extract.cues import cues
from kg.extract.layout import DATED_BYLINE, is_agenda
from kg.extract.segment import Segments
from kg.extract.settings import DEGREE_PREFIXES

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\d-])(?:\+358[\s-]?\d{1,3}|0\d{1,3})(?:[\s-]?\d{2,4}){1,3}(?![\d-])")
_NAME_WORD = r"[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?"
_NAME = re.compile(rf"(?<![\w-])(?=({_NAME_WORD}) ({_NAME_WORD})(?:\b|$))")
_CAPS_NAME = re.compile(r"\b([A-ZÅÄÖ]{2,}(?:-[A-ZÅÄÖ]{2,})?) ([A-ZÅÄÖ]{2,}(?:-[A-ZÅÄÖ]{2,})?)\b")
# "Vasabon Tarja Autio": a first name followed by a surname is read forwards, not backwards
_NEXT_NAME_WORD = re.compile(rf" {_NAME_WORD}\b")
_WORKS_AS = re.compile(r"(?:som (?:har börjat som|fungerar som|arbetar som|jobbar som|är)|"
                       r"who works as(?: an?)?|who has started as(?: an?)?|who is(?: an?| the)?) "
                       r"([\wåäöÅÄÖ-]+(?: (?:och|and) [\wåäöÅÄÖ-]+)?)")
_ROLE_AT = re.compile(r"^([\wåäöÅÄÖ][\w -]{1,60}?)\s(?:vid|på|hos|för|at|of the|of|from)\s"
                      r"([A-ZÅÄÖ].*)$")
_BRACKETED_ORG = re.compile(r"\(([A-ZÅÄÖ][\w-]+(?: [\w-]+){0,5})\)")
# a role ends with a head word of the cue tables ("projektipäällikkö", "museum educator")
# a credit before a name (cue tables): "Kuvaaja: N.N.", "Fotograf: N.N.", "translated by N.N."
_CREDIT_BEFORE = re.compile(r"\b(?:" + "|".join(
    re.escape(cue[:-1]) + r"\s*:" if cue.endswith(":") else re.escape(cue) + r"\s*:?"
    for cue in cues("person_credit")) + r")\s*$", re.I)
_ROLE_RE = re.compile(r"(?:" + "|".join(map(re.escape, cues("person_role"))) + r")(?:t|n|na)?$",
                      re.I)


@dataclass
class Person:
    name: str
    start: int
    end: int
    line: int
    roles: list[str] = field(default_factory=list)
    organisation: str | None = None
    email: str | None = None
    phone: str | None = None

    def as_record(self) -> dict:
        return {"name": self.name, "roles": self.roles, "organisation": self.organisation,
                "email": self.email, "phone": self.phone}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def is_role(phrase: str) -> bool:
    words = phrase.strip(" .,").split()
    return 0 < len(words) <= 6 and bool(_ROLE_RE.search(words[-1].strip(".,:;"))) or \
        (len(words) > 1 and bool(_ROLE_RE.search(words[0])) and words[1] in ("av", "för", "of"))


@cache
def _reference_first_names() -> frozenset[str]:
    """Given names of the reference list (data/reference/first_names.tsv, see SOURCE.md)."""
    path = config.REFERENCE_DIR / "first_names.tsv"
    rows = path.read_text(encoding="utf-8").splitlines()
    return frozenset(row.split("\t")[0] for row in rows
                     if row and not row.startswith(("#", "name\t")))


def is_first_name(word: str) -> bool:
    """A given name: Voikko's (Finnish names) or the reference list's (Swedish, Norwegian,
    Danish, English and German names Voikko does not know: "Åsa", "Tine"); a hyphenated one
    when each part is ("Anna-Mari")."""
    if morphology.is_first_name(word) or word in _reference_first_names():
        return True
    parts = word.split("-")
    return len(parts) > 1 and all(part and is_first_name(part) for part in parts)


def _name_stopword(word: str) -> bool:
    """A word of the cue tables that no person's name holds (an article, a nationality)."""
    return word.lower() in cues("name_stopword")


def _title_case(word: str) -> str:
    return "-".join(part.capitalize() for part in word.split("-"))


def _person_names(line: str) -> list[tuple[str, int, int]]:
    found = []
    covered = 0  # the end of a name with a middle name: its last two words are no other name
    for m in _NAME.finditer(line):
        first, last = m.group(1), m.group(2)
        name_end = m.start() + len(first) + 1 + len(last)
        if m.start() < covered or _CREDIT_BEFORE.search(line[:m.start()]):
            continue
        middle = _middle_name(line, first, last, name_end)
        if _in_org_name(line, m.start(), middle[1] if middle else name_end):
            covered = middle[1] if middle else name_end  # nor is any part of it a name
            continue
        if middle is not None:
            found.append((f"{first} {last} {middle[0]}", m.start(), middle[1]))
            covered = middle[1]
            continue
        if is_role(first) or is_role(last):  # "Director Kari": a role beside a first name
            continue
        if _name_stopword(first) or _name_stopword(last):  # "The Art", "Finnish Art"
            continue
        if re.match(r"-[a-zåäö]", line[name_end:name_end + 2]):
            continue  # a name inside a compound: "Martin Wegelius-institutet"
        if is_first_name(first) and not orgs.is_org_head(last) and \
                not morphology.is_first_name(last) | _inflected_place(last) and \
                not _inflected_common_word(last):
            surname = _surname_base(last)
            found.append((f"{first} {surname}", m.start(), name_end))
        elif (_after_role(line, m.start()) or _after_speech_verb(line, m.start())) and \
                not orgs.is_org_head(last) and \
                not _inflected_place(last) and not orgs.looks_like_org(f"{first} {last}"):
            # "toiminnanjohtaja Pilvi Kuitu": a role word vouches for a first name Voikko
            # reads otherwise ("Pilvi" a noun, "Mari" a place)
            found.append((f"{first} {_surname_base(last)}", m.start(), name_end))
        elif is_first_name(last) and not is_first_name(first) and \
                not morphology.is_known(first) and not _NEXT_NAME_WORD.match(line, name_end):
            found.append((f"{last} {first}", m.start(), name_end))  # surname first
    for m in _CAPS_NAME.finditer(line):
        first, last = _title_case(m.group(1)), _title_case(m.group(2))
        if is_first_name(first):
            found.append((f"{first} {last}", m.start(), m.end()))
    return found


_FOUNDATION_WORDS = frozenset(["Foundation", "Fund", "Trust", "Stiftelse"])


def _in_org_name(line: str, start: int, end: int) -> bool:
    """A name inside an organisation's: after a capitalised head word ("Stiftelsen Brita Maria
    Renlunds minne") or before a lower-case one ("Maria Renlunds stiftelse", "Alli Paasikiven
    säätiö") or an English foundation word ("Jane Smith Foundation")."""
    before = line[:start].split(" ")
    after = re.match(r" ([\wÅÄÖåäö-]+)", line[end:])
    previous = before[-2] if len(before) >= 2 and before[-1] == "" else ""
    if previous[:1].isupper() and orgs.is_org_head(previous):
        return True
    word = after.group(1) if after else ""
    return word in _FOUNDATION_WORDS or (word.islower() and orgs.is_org_head(word))


def _middle_name(line: str, first: str, middle: str, end: int) -> tuple[str, int] | None:
    """A name of three words: a first name, a second first name or surname, and a surname
    ending the name ("Maria Kvist Kåse som ...", "Nomi Szpiro Eriksen, projektledare"): the
    last word and where it ends, else None. A capitalised word after it, a place or a
    head word ends no name."""
    following = _NEXT_NAME_WORD.match(line, end)
    if following is None or not is_first_name(first) or _name_stopword(middle) or \
            orgs.is_org_head(middle) or _inflected_place(middle):
        return None
    surname = following.group().strip()
    if morphology.is_first_name(surname) or orgs.is_org_head(surname) or _is_place(surname) or \
            _name_stopword(surname) or _inflected_common_word(surname) or \
            not re.match(r"(?:$|[,.;)]|\s+[a-zåäö(–&-])", line[following.end():]):
        return None  # "Laura Rekilä Kuva: ...": a photo credit's word, no surname
    return _surname_base(surname), following.end()


_FOR_ORG = re.compile(r"^(?:för|från|vid|representing|from)\s(?=[A-ZÅÄÖ])")
_SV_GENITIVE_OWNER = re.compile(r"([A-ZÅÄÖ][\w-]*\s[a-zåäö][\w-]+?)s$")
_ROLE_LINKS = frozenset(["för", "i", "inom", "vid", "of", "for", "in"])


def _role_phrase_span(words: list[str]) -> int:
    """How many words before a name are its role: "projektchef" (1), or in Swedish or English
    a role and its field ("producent för publikarbete", "professor of music") (3)."""
    if words and is_role(words[-1]):
        return 1
    if len(words) >= 3 and words[-2] in _ROLE_LINKS and words[-3][:1].islower() and \
            words[-1][:1].islower() and is_role(words[-3]):
        return 3
    return 0


def _inflected_common_word(word: str) -> bool:
    """"Toimin Taidetta": a word Voikko knows only as a common word in a case other than the
    nominative or genitive is no surname (surnames such as "Salo" are read as nominatives)."""
    readings = morphology.analyses(word)
    return bool(readings) and all(
        cls in ("nimisana", "laatusana", "teonsana") and case not in (morphology.NOMINATIVE,
                                                                       morphology.GENITIVE)
        for _b, cls, case, _n in readings)


def _after_role(line: str, start: int) -> bool:
    """The word just before ``start`` is a person's role in lower case ("toiminnanjohtaja")."""
    before = line[:start].split()
    return bool(before) and before[-1].islower() and is_role(before[-1])


def _after_speech_verb(line: str, start: int) -> bool:
    """A verb of saying just before ``start`` ("säger Tua Stenström", "kertoo Liisa Laine"):
    the quoted speaker's name follows, whatever the first name."""
    before = line[:start].split()
    return bool(before) and before[-1].lower() in cues("speech_verb")


def _surname_base(word: str) -> str:
    """Base form of a surname that is only ever read as a genitive ("Huuskon" -> "Huusko")."""
    readings = morphology.analyses(word)
    if readings and all(r[2] == morphology.GENITIVE for r in readings):
        return _title_case(morphology.base_form(word))
    return word


def _is_place(word: str) -> bool:
    return any(r[1] == "paikannimi" for r in morphology.analyses(word))


def _inflected_place(word: str) -> bool:
    """"Helsingissä": a place after a first name; "Niina Nokia", "Hannu Salo": a surname."""
    return _is_place(word) and not any(r[1] == "paikannimi" and r[2] == morphology.NOMINATIVE
                                       for r in morphology.analyses(word))


def find_people(text: str, seg: Segments) -> list[Person]:
    people: list[Person] = []
    for index, line in enumerate(seg.lines):
        if DATED_BYLINE.match(line.text.strip()) or is_agenda(line.text) or \
                _is_talk(line.text):
            continue  # the page editor's name; a speaker in a programme ("9.30 Avaus, N.N.")
        for name, start, end in _person_names(line.text):
            known = next((p for p in people if p.name == name), None)
            if known is not None:
                if not known.roles:  # a later mention may give the role
                    _roles_and_org(known, line.text, start, end, seg, index)
                continue
            person = Person(name, line.start + start, line.start + end, index)
            _roles_and_org(person, line.text, start, end, seg, index)
            people.append(person)
    _labelled_names(people, seg)
    programme = _programme_items(seg)
    people = [p for p in people if p.line not in programme or _project_role(p)]
    _contact_fields(people, seg)
    _emails(people, text, seg)
    _phones(people, seg)
    return people


_LABELLED_NAME = re.compile(rf"^({_NAME_WORD}(?: {_NAME_WORD}){{1,2}})\s*(?:$|[,(])")


def _labelled_names(people: list[Person], seg: Segments) -> None:
    """The value of a contact label ("Kontaktperson: Tua Stenström", "Yhteyshenkilön nimi:
    Benny Majabacka") is a person's name, whatever its first name."""
    for fld in seg.fields:
        if fld.key not in ("contact", "contact_name") or \
                any(p.start < fld.end and fld.start < p.end for p in people):
            continue
        named = _LABELLED_NAME.match(fld.value.strip())
        if named is None or orgs.looks_like_org(named.group(1)) or \
                any(_name_stopword(w) or is_role(w) or orgs.is_org_head(w) or _is_place(w)
                    for w in named.group(1).split()):
            continue
        words = named.group(1).split()
        if len(words) == 2 and is_first_name(words[1]) and not is_first_name(words[0]):
            words.reverse()  # "Heimovaara-Kotonen Essi": the surname first
        if any(p.name == " ".join(words) for p in people):
            continue
        start = fld.start + fld.value.index(named.group(1))
        person = Person(" ".join(words), start, start + len(named.group(1)), fld.line)
        line = seg.lines[fld.line]
        _roles_and_org(person, line.text, start - line.start, person.end - line.start, seg,
                       fld.line)
        people.append(person)


_BULLET = re.compile(r"^\s*[•*–-]\s")
_PROJECT_ROLE = re.compile(r"hanke|hankkeen|projekt|project", re.I)


def _programme_items(seg: Segments) -> set[int]:
    """The bulleted lines under a programme's clock time ("10.00 Kulttuuri elinvoiman
    lähteenä" / "• Dialogi: ... - KULTA ry:n pääsihteeri N.N."): the talks and their
    speakers, up to the first line of other text."""
    items: set[int] = set()
    under_time = False
    for index, line in enumerate(seg.lines):
        text = line.text.strip()
        if is_agenda(text):
            under_time = True
        elif _BULLET.match(line.text) and under_time:
            items.add(index)
        elif text:
            under_time = False
    return items


def _project_role(person: Person) -> bool:
    """A role in a project ("hankepäällikkö", "projektledare", "project manager"): a speaker
    who is one of a project's people."""
    return any(_PROJECT_ROLE.search(role) for role in person.roles)


_TALK = re.compile(rf"^\s*(?:[•*-]\s*)?{_NAME_WORD}(?: {_NAME_WORD}){{1,2}}:\s+(\S.*)$")


def _is_talk(line: str) -> bool:
    """A programme's talk: a speaker's name, a colon and the talk's title ("N.N.: Kultur-
    partnerskap - samarbete med föreningar"), not a role, an address or a number after it."""
    talk = _TALK.match(line)
    if talk is None or not _person_names(line[:talk.start(1)]):
        return False
    title = talk.group(1).strip()
    return not (is_role(title) or EMAIL.search(title) or PHONE.search(title) or
                orgs.looks_like_org(title))


def _roles_and_org(person: Person, line: str, start: int, end: int, seg: Segments,
                   index: int) -> None:
    before = line[:start].rstrip(" ,:")
    after = line[end:].strip(" ,")
    label_prefix = re.match(r"^\s*([\w-]+)\s*:", line)
    if label_prefix and orgs.resolve_alias(label_prefix.group(1)):
        person.organisation = orgs.resolve_alias(label_prefix.group(1))
    words_before = before.split()
    span = _role_phrase_span(words_before)
    if span:
        person.roles.append(" ".join(words_before[-span:]).lower())
        rest = " ".join(words_before[:-span]).strip(" ,:")
        owner = rest.split(":")[-1].strip()
        if owner[:1].isupper() and len(owner.split()) <= _OWNER_WORDS and \
                orgs.looks_like_org(owner):  # not "museum" of "museum educator in charge"
            person.organisation = orgs.canonical_org(owner)
        elif _SV_GENITIVE_OWNER.search(rest):  # "Helsingfors stadsorkesters producent"
            genitive = _SV_GENITIVE_OWNER.search(rest).group(1)
            if orgs.looks_like_org(genitive):
                person.organisation = orgs.canonical_org(genitive, "sv")
    if person.organisation is None and person.roles:
        person.organisation = _prose_org(line[:start], line[end:])
    works_as = _WORKS_AS.match(after)
    if works_as and (is_role(works_as.group(1)) or "som är" not in works_as.group(0)):
        # "Tarja Autio som fungerar som kulturkompis", "who works as a curator"
        person.roles.append(works_as.group(1).lower())
    elif works_as:  # "N.N. som är Svenska kulturfondens ombudsman i Åboland"
        _owner_and_role(person, after[works_as.start(1):])
    essive = _FI_WORKS_AS.match(after)
    if essive and is_role(essive.group(1)):  # "N.N. toimii hankkeen projektipäällikkönä"
        person.roles.append(essive.group(1))
    bracketed = _BRACKETED_ORG.match(after)
    if bracketed and is_role(bracketed.group(1)):  # "Ria Laine (Ansvarig forskare)"
        person.roles.append(bracketed.group(1).lower())
    elif bracketed and not _is_place(bracketed.group(1)) and person.organisation is None:
        person.organisation = orgs.canonical_org(bracketed.group(1))  # "Anna Lind (Rosengården)"
    for part in re.split(r"\s*[,/]\s*", after):
        part = part.strip(" .")
        if not part or PHONE.fullmatch(part) or EMAIL.search(part):
            continue
        if _person_names(part):
            break
        role_at = _ROLE_AT.match(part)
        if role_at and is_role(role_at.group(1)):  # "specialsakkunnig vid Taike"
            person.roles.append(role_at.group(1))
            owner = orgs.leading_name(role_at.group(2))
            if person.organisation is None and (orgs.looks_like_org(owner) or
                                                orgs.resolve_alias(owner)):
                person.organisation = orgs.canonical_org(owner)
            break
        if is_role(part):
            person.roles.append(part.lower() if part[0].isupper() and " " not in part else part)
            continue
        if _owner_and_role(person, part):  # "N.N., Kulturfondens ombudsman i Åboland"
            break
        role_org = _ROLE_THEN_ORG.match(part)  # "Jenny Lind, projektledare Studieförbundet X"
        if role_org and is_role(role_org.group(1)) and orgs.looks_like_org(role_org.group(2)) \
                and person.organisation is None:
            person.roles.append(role_org.group(1))
            person.organisation = orgs.canonical_org(role_org.group(2))
            break
        part = _FOR_ORG.sub("", part)  # "Hannes Vaitilo för Ålands kulturdelegation"
        if orgs.looks_like_org(part) and len(part.split()) <= 8 and \
                (person.organisation is None or _is_subunit(person.organisation)):
            # "Terveystieteiden tiedekunta, Farmasian laitos, Itä-Suomen yliopisto": the unit's
            # parent after it is the organisation
            person.organisation = orgs.canonical_org(part)
        elif part.startswith("p.") or part.lower().startswith("puh") or \
                person.organisation and _is_subunit(person.organisation) and \
                len(part.split()) <= 2:  # a subject within the unit ("laitos, Sosiaalityö")
            continue
        else:
            break
    if not after:
        _block_roles(person, seg, index)


_FI_WORKS_AS = re.compile(r"^toimi(?:i|vat|nut|neet)\s(?:[a-zåäö-]+n\s)?([a-zåäö-]+?)(?:na|nä)\b")
_OWNER_ROLE_TAIL = re.compile(r"^(?:$|(?:i|på|in|inom)\s)")  # "... ombudsman i Åboland"


def _owner_and_role(person: Person, phrase: str) -> bool:
    """A Swedish genitive owner and a role ("Kulturfondens ombudsman i Åboland", "Svenska
    kulturfondens ombudsman"): the role, and the owner as the organisation when it is one."""
    words = phrase.strip(" .").split()
    for k, word in enumerate(words[:_OWNER_WORDS + 1]):
        if word.islower() and is_role(word):
            owner = " ".join(words[:k])
            if not (k and owner[:1].isupper() and owner.endswith("s")) or \
                    not _OWNER_ROLE_TAIL.match(" ".join(words[k + 1:])):
                return False
            person.roles.append(word)
            if person.organisation is None and orgs.looks_like_org(owner[:-1]):
                person.organisation = orgs.canonical_org(owner[:-1], "sv")
            return True
    return False


_ROLE_THEN_ORG = re.compile(r"^([a-zåäö][\w-]*)\s+([A-ZÅÄÖ][^,;]{2,80})$")
_OWNER_WORDS = 6  # "Org: role Name": an owner label this long at most, not a sentence before
_OWNER_GAP = re.compile(r"^\s(?:[a-zåäö-]+\s(?:ja|och)\s)?[a-zåäö-]+\s$")  # " hyvinvointi- ja ..."
_FROM_ORG = re.compile(r"(?::?sta|:?stä|:?lta|:?ltä)$")  # "Pohjanmaan liitosta", "OKM:stä"


def _prose_org(before: str, after: str) -> str | None:
    """The organisation of a person in prose: a genitive owner before the role ("Pohjois-
    Karjalan maakuntaliiton koulutusasiantuntija Mari Nupponen") or an elative or ablative right
    after the name ("Hanne Laitinen Jyväskylän kaupungilta")."""
    for start, end in reversed(orgs.org_spans(before)):
        if _OWNER_GAP.match(before[end:]) and morphology.GENITIVE in \
                morphology.case_of(before[start:end].split()[-1]):
            return orgs.canonical_org(before[start:end])
        break
    spans = orgs.org_spans(after)
    if spans and after[:spans[0][0]].strip() == "" and _FROM_ORG.search(after[:spans[0][1]]):
        return orgs.canonical_org(after[spans[0][0]:spans[0][1]])
    return None


def _block_roles(person: Person, seg: Segments, index: int) -> None:
    """Name alone on its line: the role and organisation are on the lines around it."""
    lines = seg.lines
    previous = lines[index - 1].text.strip() if index > 0 else ""
    # "N.N. / Project Manager / M.M. / Project Assistant": the role above under another name
    # is that person's
    above_role = lines[index - 2].text.strip() if index > 1 else ""
    previous, remark = _bracket_tail(previous)  # "Kontaktperson (Musik i Syd)"
    if previous and is_role(previous) and not person.roles and not _person_names(above_role) \
            and not _person_names(previous):  # "N.N., leader" above is N.N.'s role
        person.roles.append(previous.lower())
        if remark[:1].isupper() and not is_role(remark) and not _is_place(remark) and \
                person.organisation is None:
            person.organisation = orgs.canonical_org(remark)
    for j in range(index + 1, min(len(lines), index + 5)):
        text = lines[j].text.strip()
        if not text:
            continue
        if _person_names(text) or EMAIL.search(text) or PHONE.search(text):
            break
        if ":" in text:  # a labelled field; the contact fields read those
            continue
        text = _bracket_tail(text)[0]  # "Project Assistant (absent)"
        if is_role(text):
            person.roles.append(text.lower() if " " not in text else text[0].lower() + text[1:])
        elif orgs.looks_like_org(text) and person.organisation is None and len(text) < 80:
            person.organisation = orgs.canonical_org(text)
        else:
            break


def _is_subunit(name: str) -> bool:
    """A unit of an organisation (cue tables: "tiedekunta", "laitos", "department")."""
    return name.split()[-1].lower() in cues("org_subunit")


def _bracket_tail(line: str) -> tuple[str, str]:
    """A line and the remark in brackets at its end, apart ("Kontaktperson (Musik i Syd)")."""
    tail = re.match(r"^(.*?\S)\s*\(([^()]+)\)$", line)
    return (tail.group(1), tail.group(2).strip()) if tail else (line, "")


def _contact_fields(people: list[Person], seg: Segments) -> None:
    names = [f for f in seg.fields if f.key == "contact_name"]
    for name_field in names:
        person = next((p for p in people if p.line in (name_field.line, name_field.line + 1)),
                      None)
        if person is None:
            continue
        for labelled in ("yhteyshenkilö", "vastuuhenkilö"):  # the label names the role too
            if labelled in name_field.label.lower() and labelled not in person.roles:
                person.roles.append(labelled)
        for role_field in seg.all("contact_role"):
            if role_field.value.lower() not in person.roles:
                person.roles.insert(0, role_field.value.lower())
        lead = seg.first("lead")
        if lead and person.organisation is None:
            person.organisation = orgs.canonical_org(orgs.split_names(lead.value)[0]) \
                if orgs.split_names(lead.value) else None


def _emails(people: list[Person], text: str, seg: Segments) -> None:
    emails = [m.group() for m in EMAIL.finditer(text)]
    templates = [e for e in emails if fold(e).startswith(("etunimi.sukunimi", "firstname.lastname",
                                                          "fornamn.efternamn"))]
    for person in people:
        first, _, last = fold(person.name).partition(" ")
        for email in emails:
            local = fold(email.split("@")[0])
            if last and last.replace(" ", "") in local and (first[:1] == local[:1]):
                person.email = email.lower()
                break
        if person.email is None:
            glued = re.search(rf"\b{re.escape(first)}\.{re.escape(last)}\s*(?:at|ät)\s*"
                              r"([\w-]+(?:\.[\w-]+)+)", fold(text))
            if glued:
                person.email = f"{first}.{last}@{glued.group(1)}"
        if person.email is None and templates:
            domain = templates[0].split("@")[1]
            person.email = f"{first}.{last}@{domain}".replace(" ", "")


def _phones(people: list[Person], seg: Segments) -> None:
    for person in people:
        for j in range(person.line, min(len(seg.lines), person.line + 6)):
            text = seg.lines[j].text
            if j > person.line and _person_names(text):
                break
            match = PHONE.search(text[person.end - seg.lines[j].start:] if j == person.line
                                 else text)
            if match and len(re.sub(r"\D", "", match.group())) >= 7:
                person.phone = match.group().strip()
                break
    labelled = seg.all("phone")
    for phone_field in labelled:
        person = next((p for p in people if abs(p.line - phone_field.line) <= 6), None)
        if person and PHONE.search(phone_field.value):
            person.phone = PHONE.search(phone_field.value).group()


def strip_degrees(name: str) -> str:
    words = name.split()
    while len(words) > 2 and words[0].lower().strip(".") in DEGREE_PREFIXES:
        words.pop(0)
    return " ".join(words)


def add_candidate_people(people: list[Person], candidates: list[tuple[str, int, int]],
                         seg: Segments, text: str) -> None:
    """Names from another source (the statistical model) that the rules did not find; the
    rules win where both read the same words."""

    starts = [line.start for line in seg.lines]
    added: list[Person] = []
    for name, start, end in candidates:
        if any(p.start < end and start < p.end for p in people):
            continue
        words = strip_degrees(name).split()
        if len(words) < 2 or not all(w[:1].isupper() for w in words) or is_role(words[-1]):
            continue
        name = " ".join(words[:-1] + [_surname_base(words[-1])])
        if any(p.name == name for p in people):
            continue
        index = max(0, bisect_right(starts, start) - 1)
        added.append(Person(name, start, end, index))
        people.append(added[-1])
    _emails(added, text, seg)
    _phones(added, seg)
