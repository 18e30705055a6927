"""Project titles: labelled names, "<name> -hanke" / "projektet <name>" mentions, headings,
fact boxes and the first line; alternative titles from nested names and acronyms."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from kg import morphology
from kg.extract import orgs
from kg.extract.cues import cues, is_furniture, is_generic_heading, stem_pattern
from kg.extract.dates import find_periods, is_date_line
from kg.extract.langid import identify_language
from kg.extract.layout import is_agenda
from kg.extract.money import find_amounts, names_other_currency
from kg.extract.people import is_role
from kg.extract.places import find_places
from kg.extract.segment import Segments, Sentence, label_key
from kg.extract.settings import EVENT_HEADS, TITLE_STOP_LINES

_HANKE = re.compile(r"\s?[-–]\s?(?:hanke|hankkeen|hankkeessa|hanketta|hankkeelle|hankkeesta|"
                    r"hankkeeseen|hankkeella|hankkeena|hankkeet|projekti|projektin|projektissa|"
                    r"projektia|pilotti|pilotissa|pilotista|pilottia|pilotin|toimintamalli|"
                    r"toimintamallin|toimintamallia|toimintamallissa)\b|"
                    # "Kulttuuritorstai 65+ -toimintaa": a name written apart from its activity
                    # word ("Kaikukortti-toiminta", one word, names a service; after "20 vuotta –
                    # toiminta" a clause begins)
                    r"\s[-–](?:toiminta|toimintaa|toiminnan|toimintaan|toiminnassa|"
                    r"toiminnasta)\b")
# the owner's genitive before the indefinite word: "Korpo Kulturgilles projekt Musik för äldre",
# "the museum's project Art Moves"
_PROJEKTET = re.compile(r"\b(?:[Pp]rojektet|[a-zåäö]{3,}projektet|[Tt]he project|"
                        r"[A-ZÅÄÖ][\w-]*(?:s|['’]s)[ \t]+(?:projekt|project))[ \t]+"
                        r"([A-ZÅÄÖ][\w-]*(?:\s(?:[A-ZÅÄÖ][\w-]*|I{1,3}|IV|V|\d+(?![.:–-]\d)|"
                        r"(?:for|of|on|in|för|i|på)(?=\s[A-ZÅÄÖ])))*)")  # "Culture for Health"
# "pilotprojektet ”Kultur i vården”", "hanke ”Taidetta arkeen”", "the project “Art at Home”"
_QUOTED_PROJECT = re.compile(r"\b(?:\w*projekt(?:et)?|\w*hanke|\w*projekti|[Pp]roject)\s+"
                             r"[”\"“«„]([A-ZÅÄÖ][^”\"“»\n]{1,78})[”\"“»]")
# The name before its word: "the “Culture Buddies” project", "”Kultur hem”-projektet",
# "”Laulava koti” -hanke"; and a name introduced: "a project called Smile at Home", "ett
# projekt som heter Sjung med oss", "hanke nimeltä Laulava koti".
_QUOTED_BEFORE = re.compile(r"[”\"“«„]([A-ZÅÄÖ][^”\"“»\n]{1,78})[”\"“»]\s?[-–]?\s?"
                            r"(?:[Pp]roject|[Pp]rojekt\w*|hanke\w*|hankkee\w*|projekti\w*)\b")
_CALLED = re.compile(r"\b(?:[Pp]roject|[Pp]rojekt\w*|hanke\w*|hankkee\w*|projekti\w*),?\s"
                     r"(?:called|named|entitled|titled|som heter|med namnet|kallat|nimeltä|"
                     r"nimeltään)\s((?:[A-ZÅÄÖ][\w+-]*)(?:\s(?:[A-ZÅÄÖ][\w+-]*|"
                     r"[a-zåäö]+(?=\s[A-ZÅÄÖ])|\d+)){0,6})")
_EVENT_TAIL = re.compile(r"\s*[-–]\s?(?:" + "|".join(EVENT_HEADS) + r")\w*\b.*$", re.I)
# A year and a funder ("Vuoden 2015 ELY"), or a register's type and number
# ("Utvecklingsprojekt - 112640", "Kehittämishanke - 209728").
_NOT_A_TITLE = re.compile(r"^(?:(?:vuoden|år|year)\s+\d{4}\b|[\w-]+\s[-–]\s\d+$|"
                          r"\d{1,2}\.\d{1,2}\.(?:\d{2,4})?(?!\d))", re.I)  # "8.4.21 | Nyheter"
_PARENS_TAIL = re.compile(r"\s*\([^()]*\)\s*$")


@dataclass
class TitleCandidate:
    text: str
    start: int
    end: int
    kind: str  # label | hanke | projektet | copula | facts | first_line | heading | list |
    # headline (a news headline: never the title)


def _clean(title: str) -> str:
    title = _PARENS_TAIL.sub("", title.strip())
    return title.strip(" \"'.,:;-–")


_LIST_JOINT = re.compile(r",\s*|\s+(?:ja|sekä|och|samt|and)\s+", re.I)


def _section_list(title: str) -> bool:
    """"OSAATTORIN LÄHTÖKOHTA, KOHDERYHMÄ JA TAVOITTEET": a heading that lists two section
    headings or more (each part ending in a generic heading word) heads sections, it names no
    project."""
    parts = [part.split() for part in _LIST_JOINT.split(title.strip().rstrip(".:"))]
    return len(parts) >= 2 and sum(1 for part in parts
                                   if part and is_generic_heading(part[-1])) >= 2


def _valid(title: str) -> bool:
    words = title.split()
    if not words or len(words) > 16 or len(title) < 3 or not re.search(r"[^\W\d_]{2}", title):
        return False  # "100%", "2021–2022": no word
    last = words[-1]
    if is_furniture(title) or is_generic_heading(title) or is_agenda(title) or \
            _section_list(title) or (len(words) > 1 and last.lower() in cues("dangling_word")):
        return False  # "Stort intresse för": a heading cut off by a line break
    if _NOT_A_TITLE.match(title) or (len(words) <= 3 and orgs.resolve_alias(last)):
        return False
    if orgs.programme_of(last) or (len(words) == 1 and last.isupper() and len(last) <= 5):
        return False
    if len(words) <= _PLURAL_HEADING_WORDS and _PLURAL_PROJECTS.search(last):
        return False  # "Alueelliset kehittämishankkeet": a heading over many projects
    if _COMPOUND_ADJECTIVE.search(last):
        return False  # "a three-year-long EU-funded project": no name before the word
    return title[0].isupper() or title[0].isdigit()


# Finnish and Swedish plural (definite) forms only: an English name may well end in
# "Projects" or "Programmes", and did on an unseen text
_PLURAL_PROJECTS = re.compile(r"(?:hankkeet|projektit|projekten|ohjelmat)$", re.I)
_PLURAL_HEADING_WORDS = 4


# an English compound adjective ending a phrase before "project": "EU-funded", "arts-based"
_COMPOUND_ADJECTIVE = re.compile(r"\w-(?:funded|financed|based|led|long|wide|oriented|run)$",
                                 re.I)


def is_valid_title(title: str) -> bool:
    """Could this text be a title (not furniture, a date, an agenda line, a generic heading)?"""
    return _valid(title)


def label_value_is_title(value: str) -> bool:
    """A labelled title that is a name, not a register's type and number."""
    return not _NOT_A_TITLE.match(value.strip())


def hanke_candidates(seg: Segments) -> list[TitleCandidate]:
    found = []
    for index, sentence in enumerate(seg.sentences):
        before = 0  # "X -hankkeessa ja Y -hankkeessa": each name after the one before
        for match in _HANKE.finditer(sentence.text):
            if match.group().strip(" -–").startswith("hankkeet"):
                continue
            title = _clean(_JOINT_OPENING.sub("", sentence.text[before:match.start()].strip()))
            before = match.end()
            if "/" in title:
                title = _clean(title.rsplit("/", 1)[1])
            title = name_before_hanke(title)
            if (_valid(title) or _acronym_name(title)) and title.lower() not in TITLE_STOP_LINES:
                start = sentence.start + sentence.text.index(title)
                opening = _exclaimed_opening(seg, index, start)
                if opening is not None:
                    title, start = f"{opening.text} {title}", opening.start
                found.append(TitleCandidate(title, start, start + len(title), "hanke"))
            if not _JOINED_NAMES.match(sentence.text[before:]):
                break
        else:
            spaced = _spaced_hanke_name(sentence)
            if spaced:
                found.append(spaced)
    return found


def _acronym_name(title: str) -> bool:
    """"TUULI-hanke": a short capitalised word right before the project word names the
    project, unless it is a known organisation or programme ("ELY", "ESR")."""
    return bool(re.fullmatch(r"[A-ZÅÄÖ]{3,5}", title)) and not orgs.is_known_org(title) and \
        not orgs.programme_of(title) and not orgs.resolve_alias(title)


_JOINED_NAMES = re.compile(r"\s(?:ja|sekä|och|and)\s[A-ZÅÄÖ]")  # another name follows the first
_JOINT_OPENING = re.compile(r"^(?:ja|sekä|och|and)\s")


# "Olen mukana Parasta Pohjois-Savoon hankkeessa": a name of capitalised words before the
# project word written apart, after a lower-case word
_SPACED_HANKE = re.compile(r"(?<=[a-zåäö,])\s((?:[A-ZÅÄÖ][\w-]*\s){1,5})(?:hanke|hankkeen|"
                           r"hankkeessa|hanketta|hankkeelle|hankkeesta|hankkeeseen)\b")
_SPACED_NAME_WORDS = 2  # such a name has this many words at least (one is a place or a person)


def _spaced_hanke_name(sentence: Sentence) -> TitleCandidate | None:
    match = _SPACED_HANKE.search(sentence.text)
    if match is None:
        return None
    title = match.group(1).strip()
    if len(title.split()) < _SPACED_NAME_WORDS or not _valid(title) or \
            orgs.looks_like_org(orgs.canonical_org(title, "fi")) or \
            any(morphology.GENITIVE in morphology.case_of(w.lower()) and find_places(w, "fi", [])
                for w in title.split()[:1]):
        return None  # "Kuopion Kaupunginteatterin hankkeessa": an owner, no name
    start = sentence.start + match.start(1)
    return TitleCandidate(title, start, start + len(title), "hanke")


_EXCLAIMED_WORDS = 2  # "Lähde!", "Tule mukaan!": a name's opening cut off as a sentence


def _exclaimed_opening(seg: Segments, index: int, start: int) -> Sentence | None:
    """Where a name begins that the sentence splitter cut after its "!" ("Lähde! Taiteesta
    osallisuutta -hanke"): the short exclamation right before ``start`` on the same line, else
    None."""
    if index == 0 or seg.sentences[index].start != start:
        return None
    previous = seg.sentences[index - 1]
    if previous.line != seg.sentences[index].line or not previous.text.endswith("!") or \
            len(previous.text.split()) > _EXCLAIMED_WORDS or not previous.text[:1].isupper():
        return None
    return previous


def _any_finite_verb(word: str) -> bool:
    """Some reading is a finite verb ("sai", "julkistettiin", "on")."""
    return any(cls == "teonsana" and not case for _b, cls, case, _n in morphology.analyses(word))


_PARTICIPLE_PARTS = ("+tav", "+n+yt", "+n+ut", "+tu(", "+ty(")  # toteutettava, -nyt, -ttu


def _participle(word: str) -> bool:
    """An adjective formed from a verb ("toteutettavan", "käynnistyneen", "toteutettu")."""
    return any(r.word_class == "laatusana" and any(p in r.wordbases for p in _PARTICIPLE_PARTS)
               for r in morphology.readings(word))


def _starts_name(words: list[str], i: int) -> bool:
    """A capitalised word after a lower-case one or a comma: where a name inside prose begins."""
    previous = words[i - 1]
    return words[i][:1].isupper() and (previous[:1].islower() or previous.endswith((",", ":")))


def name_before_hanke(text: str) -> str:
    """The project name at the end of the words before "-hanke": a sentence such as
    "Kaupunki sai 35 000 euroa Taide toipumisen tukena" gives "Taide toipumisen tukena";
    a leading adjective ("Valtakunnallinen Taide in Action") is dropped."""
    words = _after_organisation(text).split()
    verbs = [i for i, word in enumerate(words) if i > 0 and _any_finite_verb(word.strip(",."))]
    roles = [i for i, word in enumerate(words) if word[:1].islower() and is_role(word)]
    attributes = [i for i, word in enumerate(words[:-1])
                  if word[:1].islower() and words[i + 1][:1].isupper() and _participle(word)]
    if attributes and (not verbs or attributes[-1] < verbs[0]):
        # "Vuosina 2017-2020 toteutettavan Lähde!": a participle's attribute phrase before it
        words = words[attributes[-1] + 1:]
    elif roles and not verbs:
        # an agenda line: "Kukunorin toiminnanjohtaja Markus Raivion haastateltavana Uusimaa
        # 2019" -> the last name starting after the person's role
        starts = [i for i in range(roles[-1] + 1, len(words)) if _starts_name(words, i)]
        words = words[starts[-1]:] if starts else words
    elif verbs:
        # the last name start after a verb; place names sit inside titles ("... Pohjois-Karjalaan")
        starts = [i for i in range(verbs[0] + 1, len(words)) if _starts_name(words, i)
                  and not find_places(words[i], "fi", [])]
        if starts:
            first = starts[-1]
            # a genitive modifier belongs to the name: "Kestävän kasvun Satakunta 2"
            while first >= 2 and words[first - 1].islower() and words[first - 2][:1].isupper() \
                    and morphology.GENITIVE in morphology.case_of(words[first - 1]) \
                    and not words[first - 2].endswith(","):
                first -= 2
            words = words[first:]
    acronyms = [i for i, word in enumerate(words[:-1])
                if _ACRONYM_GENITIVE.fullmatch(word) and words[i + 1][:1].isupper()]
    if acronyms:  # "... yhteiskehittäminen etämenetelmin THL:n TUULI": the agency's project
        words = words[acronyms[-1] + 1:]
    if len(words) >= 2 and words[1][:1].isupper() and words[0][:1].isupper() and \
            any(cls == "laatusana" and case == morphology.NOMINATIVE
                for _b, cls, case, _n in morphology.analyses(words[0].lower())):
        words = words[1:]
    return _clean(" ".join(_after_owner(words)))


_OWNER_WORDS = 4  # an owning organisation before a title has this many words at most
_ACRONYM_GENITIVE = re.compile(r"[A-ZÅÄÖ]{2,}:n")  # "THL:n", "OKM:n": an organisation's


def _after_owner(words: list[str]) -> list[str]:
    """"Pieksämäen kaupungin Yhtä rataa" -> "Yhtä rataa": an organisation in the genitive
    before a capitalised name owns the project and is no part of its name."""
    if len(words) >= 3 and words[1][:1].isupper() and _place_genitive(words[0]):
        return words[1:]  # "Porin Satakirjastojen kimppatoiminnan perusparannus": a town's
    for k in range(min(_OWNER_WORDS, len(words) - 1), 0, -1):
        owner, last = " ".join(words[:k]), words[k - 1]
        if words[k][:1].isupper() and words[0][:1].isupper() and \
                (last.endswith(":n") or morphology.GENITIVE in morphology.case_of(last.lower())) \
                and orgs.is_org_head(orgs.canonical_org(owner, "fi").split()[-1]):
            return words[k:]
    return words


def _place_genitive(word: str) -> bool:
    """"Porin", "Seinäjoen": a Finnish place name in the genitive."""
    return word[:1].isupper() and morphology.GENITIVE in morphology.case_of(word.lower()) and \
        bool(find_places(word, "fi", []))


def _after_organisation(text: str) -> str:
    """"THL, Sokra" -> "Sokra": an organisation set off by a comma before the name."""
    head, _comma, tail = text.rpartition(", ")
    return tail if head and tail[:1].isupper() and (orgs.resolve_alias(head) or
                                                     orgs.looks_like_org(head)) else text


# Prepositions that link a one-word name to the rest of a Swedish or English title
# ("Rekreation för äldre", "Välfärd för kommuner över gränser", "Art for all").
_TITLE_LINKS = frozenset(["för", "över", "mot", "utan", "av", "kring", "of", "for", "against",
                          "across", "without"])
_RUN_ON = re.compile(r"\s+([a-zåäö][\w-]*)\s+([a-zåäö][\w-]*)")


def _run_on(text: str, end: int, first: str) -> str:
    """"projektet Rekreation för äldre i hela ..." -> "Rekreation för äldre": the pairs of a
    linking preposition and a lower-case word after a one-word name."""
    words: list[str] = []
    position = end
    while len(words) < 6:
        match = _RUN_ON.match(text, position)
        if not match or match.group(1) not in _TITLE_LINKS or match.group(2) in _TITLE_LINKS:
            break
        words += [match.group(1), match.group(2)]
        position = match.end()
    return " ".join([first, *words])


_RUN_END = re.compile(r"[.,;:!?()”\"“»\n]|\s[-–]\s")
_RUN_WORDS = 7


def _repeated_run(text: str, start: int, title: str) -> str:
    """A Swedish or English name in sentence case ("projektet Kulturell välfärd för äldre."):
    the words from the capital up to the next punctuation, when the text writes that whole run
    at least twice and the name read so far is only its first words."""
    end = _RUN_END.search(text, start)
    run = text[start:end.start() if end else len(text)].strip()
    words = run.split()
    if run == title or not run.startswith(title) or not 1 < len(words) <= _RUN_WORDS or \
            any(word[:1].isdigit() for word in words):
        return title
    pattern = re.compile(rf"(?<!\w){re.escape(run)}(?=\s*(?:{_RUN_END.pattern}))")
    if len(pattern.findall(text)) >= 2 and _valid(run):
        return run
    # "får stöd ... för projektet Innan allt försvinner.": a grant's project ending its sentence
    granted = _FOR_THE_PROJECT.search(text[max(0, start - 20):start])
    closes = end is not None and text[end.start()] in ".!?" and len(words) <= _GRANTED_RUN_WORDS
    return run if granted and closes and _valid(run) else title


_FOR_THE_PROJECT = re.compile(r"\b(?:för projektet|for the project)\s$")
_GRANTED_RUN_WORDS = 5


# "X is a ... project", "X är ett ... projekt": a name defined as a project at a sentence start.
_COPULA = re.compile(r"(?:^|(?<=[.!?]\s))([A-ZÅÄÖ][^.!?\n]{2,80}?)\s(?:is|was|är|var)\s"
                     r"(?:a|an|ett|en)\s[^.!?\n]{0,80}?\b(?:project|projekt)\b", re.M)


# "the SATA2 project", "Kaunis mieli Development Project", "Kultur i vården-projektet",
# "the Cultural Well-being for the Aging project"
_NAME_PROJECT = re.compile(
    r"\b((?:[A-ZÅÄÖ][\w+-]*|I{1,3})(?:\s(?:[A-ZÅÄÖ][\w+-]*|[a-zåäö]+(?:\sthe)?(?=\s[A-ZÅÄÖ])|"
    r"\d+)){0,6})"
    r"(?:\s(?:Development|Research|Pilot|Pilot\s)?\s?[Pp]roject\b|-projektet\b)")
# generic words around the name, at either end
_GENERIC_OPENERS = frozenset(["the", "this", "our", "a", "an", "eu", "development", "research",
                              "pilot", "new", "det", "detta", "vårt"])
# a preposition opening the sentence before the name: "In the ARTHEWE project", "Inom projektet"
_LEADING_PREPOSITIONS = frozenset(["in", "within", "through", "during", "with", "from", "i",
                                   "inom", "genom", "under", "med", "från"])


def named_project_candidates(text: str) -> list[TitleCandidate]:
    found = []
    for match in _NAME_PROJECT.finditer(text):
        if _opens_role(text, match) or "\n" in text[match.end(1):match.end()]:
            continue  # "Sanna Juutinen / Project Manager": a contact block, no project's name;
            # "Project duration" opening a line is a label, the line above names no project
        # each word with its offsets: the name may run over a line break
        words = list(re.finditer(r"\S+", match.group(1)))
        if len(words) > 1 and words[-1].group() in ("The", "This", "Our"):
            continue  # "... Romania Background The project Culture for Health": a new sentence
        if len(words) > 1 and words[0].group().lower() in _LEADING_PREPOSITIONS:
            words = words[1:]
        while words and words[0].group().lower() in _GENERIC_OPENERS:
            words = words[1:]
        while words and words[-1].group().lower() in _GENERIC_OPENERS:
            words = words[:-1]
        title = " ".join(word.group() for word in words)
        if title and _valid(title) and not orgs.looks_like_org(title):
            start, end = match.start(1) + words[0].start(), match.start(1) + words[-1].end()
            found.append(TitleCandidate(title, start, end, "projektet"))
    return found


def _opens_role(text: str, match: re.Match[str]) -> bool:
    """The word "Project" of the match starts a person's role ("Project Manager")."""
    following = re.match(r"[ \t]+([A-Za-z]+)", text[match.end():])
    return bool(following) and is_role(f"project {following.group(1)}")


# "mukana ... -hankkeen kuntapilotissa Elävä kertomus/Levande berättelse": a pilot or trial
# named after the word, a project of its own
_NAMED_PILOT = re.compile(r"\b\w*(?:pilotissa|pilottiin|kokeilussa|pilotprojektet)\s+"
                         r"([A-ZÅÄÖ][\w-]*(?:\s[a-zåäö][\w-]*){0,3}?)(?=\s*[/.,;:()]|\s*$)")


def pilot_candidates(text: str) -> list[TitleCandidate]:
    return [TitleCandidate(m.group(1), m.start(1), m.end(1), "hanke")
            for m in _NAMED_PILOT.finditer(text) if _valid(m.group(1))]


# "rahoittamassa projektissa Osallistuminen aluetaiteilijahankkeissa.", "Säätiön hankkeesta
# Ikävoimaa-valmentajat hankepäällikkö N.N.": a Finnish name after its word (head first) inside
# a sentence: a capitalised word and at most three lower-case ones, up to a clause boundary, a
# finite verb or a person's role
_HEAD_FIRST = re.compile(r"(?<=[a-zåäö] )(?:hankkeessa|hankkeesta|hankkeeseen|projektissa|"
                         r"projektista|projektiin) +([A-ZÅÄÖ][\w&+-]*)")
_DEMONSTRATIVES = frozenset({"tässä", "tästä", "tähän", "siinä", "siitä", "siihen", "samassa",
                             "samasta", "samaan", "kyseisessä", "kyseisestä", "kyseiseen"})
_HEAD_FIRST_WORDS = 3  # lower-case words after the capitalised first word at most
_NEXT_WORD = re.compile(r"[ \t]*([/.,;:()!?\n]|$|[^\s/.,;:()!?]+)", re.M)


def head_first_candidates(text: str) -> list[TitleCandidate]:
    """Finnish project names after the project word; no organisation, place or person."""
    found = []
    for match in _HEAD_FIRST.finditer(text):
        if text[:match.start()].split()[-1] in _DEMONSTRATIVES:
            continue  # "tässä hankkeessa Hämeen kylien asukkaille": the project is no name
        end = _head_first_end(text, match.end(1))
        title = text[match.start(1):end] if end else ""
        if _valid(title) and not orgs.looks_like_org(title) and \
                not title.lower().startswith(("hank", "projekt")) and \
                not any(find_places(word, "fi", []) for word in title.split()):
            found.append(TitleCandidate(title, match.start(1), end, "hanke"))
    return found


def _head_first_end(text: str, position: int) -> int | None:
    """Where a head-first name ends: before punctuation, a finite verb, a role word or
    a relative pronoun; None if a capitalised word or a fourth lower-case word comes first."""
    end = position
    for _ in range(_HEAD_FIRST_WORDS + 1):
        word = _NEXT_WORD.match(text, end)
        token = word.group(1) if word else ""
        if not token or not token[0].isalnum() or _any_finite_verb(token.lower()) or \
                is_role(token) or token in ("joka", "jonka", "jossa", "ja", "sekä"):
            return end
        if not token[0].islower():
            return None
        end = word.end(1)
    return None


# "Syftet med Kulturkompisverksamheten är ...": a Swedish definite compound written with a
# capital inside a sentence is the name of the activity or project.
_NAMED_COMPOUND = re.compile(r"(?<=[a-zåäö,] )([A-ZÅÄÖ][a-zåäö]{3,}(?:verksamheten|projektet))\b")


def named_compound_candidates(text: str) -> list[TitleCandidate]:
    return [TitleCandidate(m.group(1), m.start(1), m.end(1), "projektet")
            for m in _NAMED_COMPOUND.finditer(text)]


# "The Agency for Cultural Well-being is a ... project": "The" opening a name of capitalised
# words, no pronoun
_THE_NAME = re.compile(r"The [A-ZÅÄÖ][\w-]+ (?:(?:for|of|and|in|on) )?[A-ZÅÄÖ][\w-]+")


def copula_candidates(text: str) -> list[TitleCandidate]:
    found = []
    for match in _COPULA.finditer(text):
        title = _clean(match.group(1))
        if _valid(title) and (not re.match(r"(?:The|This|It|Det|Detta|Den)\b", title) or
                              _THE_NAME.match(title) and not orgs.looks_like_org(title)):
            found.append(TitleCandidate(title, match.start(1), match.start(1) + len(title),
                                        "copula"))
    return found


def quoted_project(text: str) -> str | None:
    """The project a sentence names in quotes, if any."""
    match = _QUOTED_PROJECT.search(text)
    return match.group(1).strip() if match and _valid(match.group(1).strip()) else None


_GENITIVE_ACRONYM = re.compile(r"[A-ZÅÄÖ]{2,}\d*s")


def projektet_candidates(text: str) -> list[TitleCandidate]:
    found = [TitleCandidate(m.group(1).strip(), m.start(1), m.start(1) + len(m.group(1).strip()),
                            "projektet")
             for pattern in (_QUOTED_PROJECT, _QUOTED_BEFORE)
             for m in pattern.finditer(text) if _valid(m.group(1).strip())]
    for match in _CALLED.finditer(text):
        title = match.group(1).strip()
        title = _run_on(text, match.end(1), title) if " " not in title else title
        title = _repeated_run(text, match.start(1), title)  # "som heter Kultur på hjul, ..."
        if _valid(title):
            found.append(TitleCandidate(title, match.start(1), match.start(1) + len(title),
                                        "projektet"))
    for match in _PROJEKTET.finditer(text):
        title = match.group(1).strip()
        if " " not in title:
            title = _run_on(text, match.end(1), title)
        title = _repeated_run(text, match.start(1), title)
        if _GENITIVE_ACRONYM.fullmatch(title):
            title = title[:-1]  # "Interreg-projektet KULKURs brobyggarfas": Swedish genitive
        acronym = re.fullmatch(r"[A-ZÅÄÖ]{2,}\d*", title) and not orgs.resolve_alias(title)
        if _valid(title) or acronym:
            found.append(TitleCandidate(title, match.start(1), match.start(1) + len(title),
                                        "projektet"))
    return found


# "IKO - Hyvinvointia ... ikäihmisille -hankkeet"; English written so: "Culture for All - project"
# "Taide kotouttaa -hankkeen tulokset": what a headline tells of the project follows its genitive
_PROJECT_WORD_TAIL = re.compile(r"\s[-–]?\s?(?:hanke|hankkeet|projekt|projekti|projektit)\b.*$|"
                                r"\s[-–]\s?(?:hankkeen|projektin)\s[a-zåäö].*$|"
                                r"\s?[-–]\s?project\s*$", re.I)
# the project's period after its name: "Kulttuurista muistoja 2012-3/2016"
_PERIOD_TAIL = re.compile(r"\s+(?:\d{1,2}[./])?(?:19|20)\d{2}\s?[-–]\s?(?:\d{1,2}[./])?"
                          r"(?:(?:19|20)\d{2})?$")
# a report's cover line: "Kulttuurisote ... kumppanuushanke Yhteinen loppuraportti 1/2019"
# the project's years after its name on a page's first line: "Inclusion through Art 2020-2023"
_YEARS_TAIL = re.compile(r"(?<=\w)\s+\(?(?:19|20)\d{2}\s?[-–]\s?(?:\d{1,2}/)?(?:19|20)\d{2}\)?$")
_REPORT_TAIL = re.compile(r"\s+(?:yhteinen\s+)?(?:loppu|väli)?raportti\b.*$", re.I)


_COLON_TITLE = re.compile(r"^((?:[A-ZÅÄÖ][\w'’-]*\s){1,3}[A-ZÅÄÖ][\w'’-]*):\s[A-ZÅÄÖ][^.:]+$")


def _colon_title(text: str) -> bool:
    """"Culture Cares: Developing Interventions That Support ...": a name of two to four
    capitalised words, a colon and a capitalised subtitle, twenty words at most, as a page's
    first line (a label such as "Project Reference: ..." is none)."""
    match = _COLON_TITLE.match(text)
    return bool(match) and len(text.split()) <= _COLON_TITLE_WORDS and \
        label_key(match.group(1)) is None and not is_generic_heading(match.group(1)) and \
        not is_furniture(match.group(1))


_COLON_TITLE_WORDS = 20


def first_line_candidate(seg: Segments) -> TitleCandidate | None:
    for index, line in enumerate(seg.lines[:6]):
        text = line.text.strip()
        if text and _colon_title(text):  # read as a label "Culture Cares" by the segmenter
            return TitleCandidate(text, line.start, line.start + len(text), "first_line")
        if not text or index in seg.label_lines:
            continue
        if text.lower() in TITLE_STOP_LINES or re.fullmatch(r"[\W\d]+", text) or \
                _NOT_A_TITLE.match(text) or is_furniture(text) or is_generic_heading(text) or \
                is_date_line(text):
            continue
        title = _clean(_EVENT_TAIL.sub("", text))
        title = _clean(_PERIOD_TAIL.sub("", _PROJECT_WORD_TAIL.sub("", title)))
        title = _without_org_tail(_REPORT_TAIL.sub("", title))
        title = _YEARS_TAIL.sub("", title)
        if _names_an_org(title):
            continue  # the site's owner above the page: "Keski-Pohjanmaan hyvinvointialue"
        if text.endswith(".") or ":" in text or len(title.split()) > 14 or not _valid(title):
            return None
        if _headline(title):  # no title, but a news item that may well be about a project
            return TitleCandidate(title, line.start, line.start + len(title), "headline")
        if find_periods(text) and not title:
            continue
        acronym = _BRACKETED_ACRONYM.match(text)
        if acronym and _clean(acronym.group("title")) == title and \
                not orgs.programme_of(acronym.group("acronym")) and \
                not orgs.is_known_org(acronym.group("acronym")):  # "(AIKO)": a funding programme
            title = text  # "Mapping musical capacity ... (MUNDIS)": the acronym is an alt title
        return TitleCandidate(title, line.start, line.start + len(title), "first_line")
    return None


_ORG_LINE_WORDS = 4  # an organisation's name alone on a line has this many words at most


def _without_org_tail(title: str) -> str:
    """"Kulttuuripoimuri – Rovaniemen kaupunki" -> "Kulttuuripoimuri": the organisation after
    a dash in a page's first line is its owner, no part of the title."""
    match = re.search(r"\s[–-]\s", title)
    if match is None:
        return title
    head, tail = title[:match.start()].strip(), title[match.end():].strip()
    return head if head and _names_an_org(tail) else title


def _names_an_org(text: str) -> bool:
    """A short line that is an organisation's name, its last word the head ("Turun kaupunki",
    "Keski-Pohjanmaan hyvinvointialue", "Kettuki ry")."""
    words = text.split()
    return 0 < len(words) <= _ORG_LINE_WORDS and not _PROJECT_NOUN_IN.search(text) and \
        orgs.is_org_head(orgs.canonical_org(text, "fi").split()[-1])


_PROJECT_NOUN_IN = re.compile(r"hank|projekt|project|ohjelm|program", re.I)


def _headline(line: str) -> bool:
    """A news headline ("Kulttuurihyvinvointisuunnittelijaksi valittiin YTM Päivi Huusko",
    "Konstsamfundet stöder kulturen med nästan en miljon"): a Finnish passive verb, which none
    of the labelled titles holds, a headline verb of the cue tables, or a sum of money ("691 000
    euro till ...", "Foundation grants EUR 400,000 to ...")."""
    return any(morphology.is_passive_finite(word.strip(",.!?–-")) for word in line.split()) or \
        bool(stem_pattern("headline_verb").search(line)) or bool(find_amounts(line)) or \
        names_other_currency(line)


def facts_candidate(seg: Segments) -> TitleCandidate | None:
    for index in sorted(seg.label_lines):
        label = seg.lines[index].text.strip().lower().rstrip(":")
        if label in ("faktat", "fakta", "facts", "faktaruta"):
            for line in seg.lines[index + 1:index + 4]:
                text = line.text.strip()
                if text:
                    if len(text.split()) <= 12 and not text.endswith(".") and ":" not in text:
                        return TitleCandidate(_clean(text), line.start, line.end, "facts")
                    break
    return None


_HANKE_TAIL = re.compile(r"\s?[-–]?\s?\w*(?:hanke|projekt|projekti|project)$", re.I)


_PROJECT_WORD_HEAD = re.compile(r"^(?:[Pp]rojektet|[Pp]rojekt|[Tt]he [Pp]roject|[Pp]roject|"
                                r"[Hh]anke|[Pp]rojekti)\s+(?=[A-ZÅÄÖ])")


def heading_candidates(seg: Segments) -> list[TitleCandidate]:
    """Short lines made of a name and a period: "Kulturvård II 1.5.-31.12.2019", "Kulttuurin
    Kuntokuuri -kehittämishanke 2017-2018" (a year range only on a line of its own)."""
    found = []
    for index, line in enumerate(seg.lines):
        periods = find_periods(line.text)
        if not periods or len(line.text) > 90 or index in seg.label_lines:
            continue
        period = periods[0]
        name = _clean(_HANKE_TAIL.sub("", _clean(line.text[:period.offset])))
        name = _PROJECT_WORD_HEAD.sub("", name)  # "Projektet Välfärd för ... 2016–2018"
        good_period = period.rank <= 1 or (period.rank <= 3 and _stands_alone(seg, index))
        if good_period and name and line.text[period.end_offset:].strip() == "" and \
                len(name.split()) <= 8 and _valid(name) and not name.endswith(":"):
            found.append(TitleCandidate(name, line.start, line.start + len(name), "heading"))
    return found


def _stands_alone(seg: Segments, index: int) -> bool:
    """A line with blank lines (or the text's edge) above and below it."""
    above = index == 0 or not seg.lines[index - 1].text.strip()
    below = index + 1 >= len(seg.lines) or not seg.lines[index + 1].text.strip()
    return above and below


def choose_title(candidates: list[TitleCandidate]) -> tuple[str | None, list[str]]:
    """(title, alternative titles) from the candidates of one project."""
    candidates = [c for c in candidates if c.kind != "headline"]
    if not candidates:
        return None, []
    by_kind = {kind: [c for c in candidates if c.kind == kind]
               for kind in ("label", "heading", "list", "hanke", "projektet", "copula", "facts",
                            "first_line")}
    pool = next((group for group in by_kind.values() if group), candidates)
    counts = Counter(c.text for c in pool)
    names = list(counts)
    # A name nested in a longer one ("Tehhään virtaa yhdessä" in "... - Virtuaalisten ...").
    # then the name the other candidates repeat ("Myrsky" in the headline "Nuorisohanke Myrsky")
    title = max(names, key=lambda n: (sum(1 for m in names if n.lower().startswith(m.lower())),
                                      counts[n], _repeated(n, candidates), len(n)))
    title = _completed(title, candidates)
    alts = []
    for candidate in candidates:
        low = candidate.text.lower()
        if candidate.text != title and title.lower().startswith(low) and \
                candidate.text not in alts and low != title.lower():
            alts.append(candidate.text)
    alts += acronym_alts(title, alts)
    return title, alts


def _repeated(name: str, candidates: list[TitleCandidate]) -> int:
    """How many candidates hold the name as whole words."""
    pattern = re.compile(rf"(?<!\w){re.escape(name.lower())}(?!\w)")
    return sum(1 for c in candidates if pattern.search(c.text.lower()))


def translations(candidates: list[TitleCandidate], title: str, title_language: str,
                 seg: Segments) -> dict[str, str]:
    """The project's name in the other languages of a mixed text: a "-hanke" / "projektet" /
    "the project" name read in a paragraph of another language ("Kultur för alla" beside
    "Kulttuuria kaikille")."""

    found: dict[str, str] = {}
    for candidate in candidates:
        if candidate.kind not in ("hanke", "projektet", "label") or \
                candidate.text.lower() in title.lower() or title.lower() in candidate.text.lower():
            continue
        line = next((ln for ln in seg.lines if ln.start <= candidate.start < ln.end + 1), None)
        language = identify_language(line.text, default="") if line else ""
        if language and language != title_language and language not in found:
            found[language] = candidate.text
    return found


def _completed(title: str, candidates: list[TitleCandidate]) -> str:
    """A name cut short in prose ("projektet Klingande by" read as "Klingande") is completed
    from a heading or first line that starts with it and runs on for three words at most."""
    for candidate in candidates:
        extra = candidate.text[len(title):]
        if candidate.kind in ("first_line", "heading", "facts") and extra.startswith(" ") and \
                candidate.text.startswith(title) and len(extra.split()) <= 3 and \
                not _PROJECT_WORD_ONLY.match(extra):
            return candidate.text
    return title


# what completes no name: the project word alone ("Culture for me - project")
_PROJECT_WORD_ONLY = re.compile(r"^\s*[-–]?\s*(?:project|projekt|projektet|hanke|projekti)\s*$",
                                re.I)


_BRACKETED_ACRONYM = re.compile(r"^(?P<title>.*\S)\s*\((?P<acronym>[A-ZÅÄÖ][\wÅÄÖ&-]{1,11})\)$")


def without_bracketed_acronym(title: str) -> tuple[str, str | None]:
    """"Taide kohtaamisalustana ... (TAIKA)" -> the title and its acronym, as the gold records
    keep them; a title without one comes back as it is, with None."""
    match = _BRACKETED_ACRONYM.match(title)
    if match is None or sum(ch.isupper() for ch in match.group("acronym")) < 2:
        return title, None
    return match.group("title"), match.group("acronym")


def acronym_alts(title: str, known: list[str]) -> list[str]:
    parts = re.split(r"\s[-–]\s", title)
    if len(parts) < 2:
        return []
    alts = []
    for part in (parts[0], parts[-1]):
        words = part.split()
        acronymish = len(words) <= 2 and any(sum(ch.isupper() for ch in w) >= 2 for w in words)
        if acronymish and part not in known:
            alts.append(part.strip())
    return alts
