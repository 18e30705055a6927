"""Grants named in running text: news that lists several funded projects in prose.

"Kuopion kaupunki sai 35 000 euroa Taide arjessa -hankkeeseen", "Suurehkoja avustuksia saivat
myös A ry 36 000 €, B 35 800 € ja C 30 000 €", "50 000 € myönnettiin D ry:n projektiin",
"Föreningen E får 5 000 euro för projektet F", "G received EUR 20,000 for H". Each grant gives a
recipient (the project's lead), an amount (the funder's share), a title when the text names one
and a municipality when a demonym stands before the recipient ("tamperelainen X ry").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg import morphology
from kg.extract import orgs
from kg.extract.cues import cue_table
from kg.extract.money import Amount, find_amounts, names_other_currency
from kg.extract.places import find_places
from kg.extract.segment import Sentence
from kg.extract.settings import GRANT_VERBS, LEGAL_FORMS
from kg.extract.titles import name_before_hanke

_TOKEN = re.compile(r"[\wÅÄÖåäö][\wÅÄÖåäö'’.&+-]*(?::\w+)?|[–—]|\S")
_LEGAL_CASE = re.compile(r"\b(ry|rf|oy|ab|osk|oyj):\w+$", re.I)
_STOPS_BEFORE_NAME = frozenset({"av", "från", "from", "by", "joka", "jonka", "som", "which", "who",
                                "that"})
_GENERIC_HEADS = frozenset({
    "säätiö", "yhdistys", "kaupunki", "kunta", "liitto", "keskus", "ministeriö", "rahasto",
    "stiftelsen", "föreningen", "förbundet", "kommunen", "staden", "stiftelse", "förening",
    "foundation", "association", "city", "council", "fund", "ministry",
})
_SV_NAME_WORDS = frozenset({"län", "läns"})  # a county after its genitive: "Jämtlands län"
_NAME_CLASSES = frozenset({"nimisana", "laatusana", "nimisana_laatusana", "nimi", "etunimi",
                           "sukunimi", "paikannimi", "huudahdussana", "lyhenne"})
_CONNECTORS = frozenset({"of", "for", "för", "vid", "i", "de", "&"})
_LIST_BREAK = re.compile(r"^(?:,|;|ja|och|and|sekä|samt)$")
_LIST_OPENING = re.compile(r"^(?:,|;|:|ja|och|and|sekä|samt)$")  # ":" opens a list too
# words that open a sentence without being part of the name that follows
_OPENERS = frozenset({
    "myös", "lisäksi", "esimerkiksi", "nyt", "jo", "mm.", "muun", "kaikkiaan", "yhteensä",
    "även", "också", "dessutom", "till", "bland", "nu", "idag", "also", "further", "furthermore",
    "the", "in",
    "suurin", "eniten", "nämä", "ne", "se", "he", "det", "den", "they", "this",
})
_TITLE_BEFORE_HANKE = re.compile(
    r"(?P<title>[”\"“]?[^,;]{2,90}?[”\"“]?)\s?[-–]\s?(?:hankkeeseen|hankkeelle|hankkeessa|"
    r"hankkeen|hanketta|projektiin|projektille|projektissa|projektin|-?esitykseen|"
    r"hankkeeseensa|hankkeelleen|hankkeessaan|projektiinsa|projektilleen)\b")  # "... -hankkeelleen"
_AMOUNT_OPENING = re.compile(r"^\s*(?:.*\d\s*(?:€|euro\w*|eur\b)\s+)?(?:(?:avustu|tu[ke]|apurah|"
                             r"rahoitu|bidrag|stöd|grant)\w*\s+)?(?=[A-ZÅÄÖ”\"“])")
_HEAD_FIRST_FI = re.compile(r"\b(?:hankkeeseen|hankkeelle|projektiin|projektille)\s+[”\"“]?"
                            r"(?P<title>[A-ZÅÄÖ][^.,;:”\"“()]{1,80}?)[”\"“]?"
                            r"(?=[.,;:()]|\s(?:joka|jonka|jossa|jolla|ja|sekä)\s|$)")
_QUOTED_TITLE = re.compile(r"[”\"“]([^”\"“]{3,100})[”\"“]\s?[-–]\s?(?:hank|projekt)\w*")
_QUOTED = re.compile(r"[”\"“]([^”\"“]{3,100})[”\"“]")
_QUOTED_AFTER_PROJECT = re.compile(r"\b(?:projektet|the project)\s+[”\"“]([^”\"“]{3,120})[”\"“]")
_SV_EN_TITLE = re.compile(r"\b(?:för projektet|for the project|projektet|för|for)\s+[”\"“]?"
                          r"(?P<title>[A-ZÅÄÖ][^.,;:”\"“()]{1,80}?)[”\"“]?"
                          r"(?=[.,;:()]|\s(?:som|which|that|där|where|i syfte|to|in order)\b|$)")


@dataclass
class Grant:
    recipient: str | None  # base-form organisation name, None when only a project is named
    start: int  # offsets of the recipient (or title) in the text
    end: int
    eur: float | None
    title: str | None
    municipality: str | None
    sentence: Sentence
    funder: str | None = None  # a funder named at the grant itself ("sai Taikelta")
    listed: bool = False  # a recipient listed after a cue of a grant round (no amount of its own)


@dataclass
class _Token:
    text: str
    start: int
    end: int
    low: str = ""

    def __post_init__(self) -> None:
        self.low = self.text.lower()


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


@cache
def _verbs_by_first_word(language: str) -> dict[str, list[tuple[list[str], str]]]:
    """First word of a grant verb -> (its words, its kind), in the order GRANT_VERBS gives."""
    table: dict[str, list[tuple[list[str], str]]] = {}
    for kind, verbs in GRANT_VERBS[language].items():
        for verb in verbs:
            parts = verb.split()
            table.setdefault(parts[0], []).append((parts, kind))
    return table


def _verb_kind(tokens: list[_Token], i: int, language: str) -> str | None:
    """'grantee' / 'funder' / 'passive' when a grant verb (one or two words) starts at i; a
    recipient's verb followed by "to" is passive ("EUR 240,000 was awarded to X")."""
    for parts, kind in _verbs_by_first_word(language).get(tokens[i].low, ()):
        words = _verb_words(tokens, i, len(parts), language)
        if [t.low for t in words] == parts:
            after_index = tokens.index(words[-1]) + 1
            after = tokens[after_index].low if after_index < len(tokens) else ""
            return "passive" if kind == "grantee" and after == "to" and language == "en" \
                else kind
    return None


def _verb_words(tokens: list[_Token], i: int, count: int, language: str) -> list[_Token]:
    """The tokens a grant verb of count words starting at i would take; an adverb right after
    its first word is skipped ("har också fått", "has also received")."""
    words = tokens[i:i + count]
    if count > 1 and i + 1 < len(tokens) and \
            tokens[i + 1].low in cue_table(language).get("verb_adverb", ()):
        words = [tokens[i], *tokens[i + 2:i + count + 1]]
    return words


def _name_word(token: _Token, language: str) -> bool:
    """May this lower-case word sit inside an organisation name ("Läntinen tanssin keskus")?"""
    low = token.low
    if low in LEGAL_FORMS or low in _CONNECTORS or token.text in ("–", "-"):
        return True
    if language != "fi":  # "Svenska pensionärsförbundet", "Föreningsarkivet i Jämtlands län",
        # "Saemien Siebrie/Fatmomakke sameförening" (a name in two languages)
        return orgs.is_org_head(token.text) or low in _SV_NAME_WORDS or token.text == "/"
    readings = morphology.analyses(low.split(":")[0])
    if not readings:
        return True  # unknown words are names or loans ("Bokens hus")
    return any(cls in _NAME_CLASSES and case in ("nimento", "omanto", "osanto", "")
               for _b, cls, case, _n in readings)


def _joins_name(tokens: list[_Token], conjunction: int) -> bool:
    """"Omaishoitajat ja Läheiset ry": a conjunction between two capitalised words of one name,
    not between two names (the word before it ends no organisation name and is no place)."""
    if conjunction == 0 or conjunction + 1 >= len(tokens):
        return False
    before, after = tokens[conjunction - 1].text, tokens[conjunction + 1].text
    return before[:1].isupper() and after[:1].isupper() and not orgs.is_org_head(before) and \
        before.lower() not in LEGAL_FORMS and not find_places(before, "fi", [])


def _joins_compound(tokens: list[_Token], joint: int) -> bool:
    """"Opetus- ja kulttuuriministeriö", "elinkeino-, liikenne- ja ympäristökeskus": a comma or
    a conjunction after a word cut at a hyphen joins the parts of one coordinated compound."""
    return joint > 0 and tokens[joint].low in (",", "ja", "sekä", "och") and \
        tokens[joint - 1].text.endswith("-") and len(tokens[joint - 1].text) > 2


def _name_before(tokens: list[_Token], end: int, language: str) -> tuple[int, int] | None:
    """Token range [first, end) of the name that ends just before token ``end``."""
    opening = next((k for k in range(end - 3, max(end - 6, 0) - 1, -1)
                    if tokens[k].text == "("), None) if end >= 3 and tokens[end - 1].text == ")" \
        else None
    if opening is not None:
        end = opening  # "Taiteen edistämiskeskus (Taike) jakoi", "Dance House (Tanssin talo) was"
    first = end
    while first > 0 and end - first < 9:
        token = tokens[first - 1]
        if token.low in ("ja", "och", "and") and _joins_name(tokens, first - 1) or \
                _joins_compound(tokens, first - 1):
            first -= 1
            continue
        if _LIST_BREAK.match(token.low) or token.low in _OPENERS or token.text in "()\"”“:":
            break
        if token.text[:1].isupper() or token.text[:1].isdigit() and first < end:
            first -= 1
            continue
        if not (_name_word(token, language) or _head_after_genitive(tokens, first - 1, end,
                                                                    language)) or \
                morphology.is_finite_verb(token.low):
            break
        first -= 1
    while first < end and not tokens[first].text[:1].isupper():
        first += 1  # a name starts with a capital
    return (first, end) if first < end else None


_HEAD_LENGTH = 5  # a head word is no short function word ("som", "och")


def _head_after_genitive(tokens: list[_Token], index: int, end: int, language: str) -> bool:
    """The lower-case last word of a Swedish name after a capitalised genitive: "vänner" in
    "Föreningen Pär Aron Borgs vänner"."""
    return language == "sv" and index == end - 1 and index > 0 and \
        tokens[index].text.isalpha() and len(tokens[index].text) >= _HEAD_LENGTH and \
        tokens[index].low not in _STOPS_BEFORE_NAME and tokens[index - 1].text[:1].isupper() and \
        tokens[index - 1].text.endswith("s") and len(tokens[index - 1].text) > 3


def _name_after(tokens: list[_Token], start: int, language: str,
                skip: int = 4) -> tuple[int, int] | None:
    """The name that starts at the first capitalised word at or after ``start`` (past at most
    ``skip`` lower-case words, never past an amount or a preposition) and runs to a comma, a
    conjunction or a lower-case word outside a name."""
    first = start
    while first < len(tokens) and not tokens[first].text[:1].isupper():
        token = tokens[first]
        if first - start >= skip or token.text in ".;:" or _LIST_BREAK.match(token.low) or \
                token.text[:1].isdigit() or token.low in _STOPS_BEFORE_NAME:
            return None
        first += 1
    if first >= len(tokens):
        return None
    end, last = first + 1, first + 1
    while end < len(tokens) and end - first < 9:
        token = tokens[end]
        if token.text[:1].isupper() or token.low.split(":")[0] in LEGAL_FORMS:
            end += 1
            last = end
        elif token.text in ("–",) or (_name_word(token, language) and
                                       not _LIST_BREAK.match(token.low)):
            end += 1
            if orgs.is_org_head(token.text.split(":")[0]):
                last = end
        else:
            break
    return first, last


def _clean_name(text: str) -> str:
    text = _LEGAL_CASE.sub(lambda m: m.group(1), text.strip(" ,.:;”\"“"))
    return text


def _acceptable(name: str, language: str, at_sentence_start: bool) -> bool:
    words = name.split()
    if not words or len(words) > 9 or orgs.programme_of(name) or \
            words[0].lower() in ("projektet", "project", "hanke"):
        return False  # "Projektet Turvapaikka får stöd": the project, not its organisation
    if words[-1].lower() in LEGAL_FORMS or orgs.looks_like_org(name):
        return True
    if len(words) == 1:
        # a lone capitalised word opening a sentence is a name only if it is not a common word
        if language != "fi":
            return not at_sentence_start or words[0].isupper() or not _common_start(words[0])
        return not at_sentence_start or not morphology.is_known(words[0].lower())
    if language != "fi":  # no clause: "X och Y satsar tillsammans", "Rekreation för äldre i"
        return orgs.leading_name(name) == name
    return not at_sentence_start or not morphology.is_known(words[0].lower()) or \
        words[-1][:1].isupper()


# Sentence openers in Swedish and English that are no recipient: pronouns, articles and
# nouns in the definite form ("Projektet", "Gruppen", "Föreningen").
_COMMON_START = re.compile(r"^(?:det|den|de|vi|han|hon|man|this|that|it|we|they|he|she|"
                           r"the|\w+(?:en|et|na|erna|arna))$", re.I)


def _common_start(word: str) -> bool:
    return bool(_COMMON_START.match(word))


def _org_like(name: str) -> bool:
    """An organisation's name, not a noun phrase: a known name or head word, a legal form, or
    two capitalised words or more."""
    words = name.split()
    return orgs.looks_like_org(name) or words[-1].lower() in LEGAL_FORMS or \
        sum(1 for w in words if w[:1].isupper()) >= 2


def _two_names(name: str, language: str) -> bool:
    """"Winter och Andersson": two single names joined, in Swedish or English, not one
    organisation's name (no head word, no legal form)."""
    parts = re.split(r"\s(?:och|and|&)\s", name)
    return language != "fi" and len(parts) == 2 and \
        all(len(p.split()) == 1 and p[:1].isupper() for p in parts) and not _org_like_word(name)


def _org_like_word(name: str) -> bool:
    return any(orgs.is_org_head(w) or w.lower() in LEGAL_FORMS for w in name.split())


def _amount_right_after(amounts: list[Amount], tokens: list[_Token], end: int) -> Amount | None:
    if end >= len(tokens):
        return None
    position = tokens[end].start
    return next((a for a in amounts if a.start == position), None)


def _title_in(clause: str, language: str) -> str | None:
    """A project title the clause names ("... X -hankkeeseen", "”X”-projektiin", "projektet X")."""

    quoted = _QUOTED_TITLE.search(clause)
    if quoted:
        return quoted.group(1).strip()
    match = _TITLE_BEFORE_HANKE.search(clause)
    if match:
        quoted = _QUOTED.search(match.group("title"))
        if quoted:
            return quoted.group(1).strip()
        named = _AMOUNT_OPENING.sub("", match.group("title"))  # "5000 euron avustus X -hankkeeseen"
        title = name_before_hanke(named.strip(" ”\"“"))
        if title and title[:1].isupper() and len(title.split()) <= 10:
            return title
    if language == "fi":
        match = _HEAD_FIRST_FI.search(clause)  # "... euroa hankkeeseen Tanssiva koti."
        if match and not orgs.looks_like_org(match.group("title")):
            return match.group("title").strip()
    if language != "fi":
        quoted = _QUOTED_AFTER_PROJECT.search(clause)  # a quoted name may be long
        if quoted:
            return quoted.group(1).strip()
        match = _SV_EN_TITLE.search(clause)
        if match and not orgs.looks_like_org(match.group("title")) and \
                len(match.group("title").split()) <= 8:
            return match.group("title").strip()
    return None


_AGENT = re.compile(r"\b(?:av|från|from|by)\s+(?=[A-ZÅÄÖ])")


def _agent_funder(clause: str) -> str | None:
    """"får 1.500 euro av Ålands kulturdelegation", "received EUR 5,000 from the X
    Foundation": the funder named after the amount in Swedish or English."""
    match = _AGENT.search(clause)
    if not match:
        return None
    name = orgs.leading_name(clause[match.end():])
    return orgs.canonical_org(name, "sv") if name and orgs.looks_like_org(name) else None


def _ablative_funder(tokens: list[_Token], verb: int) -> str | None:
    """"sai Taikelta" -> the organisation the ablative names, when it is a known one."""
    if verb + 1 >= len(tokens):
        return None
    word = tokens[verb + 1].text
    match = re.fullmatch(r"(.+?)(?::?lta|:?ltä)", word)
    if match:
        return orgs.resolve_alias(match.group(1))
    return None


def _municipality(tokens: list[_Token], first: int, language: str) -> str | None:
    if first == 0:
        return None
    mentions = find_places(tokens[first - 1].low, language, [])
    return mentions[0].name if mentions and mentions[0].place.kind == "municipality" else None


def _grant(sentence: Sentence, tokens: list[_Token], span: tuple[int, int],
           amount: Amount | None, clause: str, language: str, funder: str | None) -> Grant | None:
    first, end = span
    raw = sentence.text[tokens[first].start:tokens[end - 1].end]
    name = _clean_name(raw)
    if re.search(r"[-–]\s?(?:hanke|projekti)$", name, re.I):  # "Taikusydän-hanke sai ..."
        title = re.sub(r"\s?[-–]\s?(?:hanke|projekti)$", "", name, flags=re.I)
        owner, title = _genitive_owner(title) if language == "fi" else (None, title)
        start, stop = sentence.start + tokens[first].start, sentence.start + tokens[end - 1].end
        return Grant(owner, start, stop, amount.eur if amount else None, title, None, sentence,
                     funder)
    owned = _OWNED_NAME.match(name) if language == "fi" else None
    if owned:
        title = re.sub(r"\s?[-–]?\s?hanke$", "", owned.group("title"))
        start, stop = sentence.start + tokens[first].start, sentence.start + tokens[end - 1].end
        return Grant(orgs.canonical_org(owned.group("owner"), "fi"), start, stop,
                     amount.eur if amount else None, title, None, sentence, funder)
    municipality = _municipality(tokens, first, language)
    if end - first > 1 and re.search(r"(?:lainen|läinen)$", tokens[first].low):
        municipality = _municipality(tokens, first + 1, language)  # "Tamperelainen X ry"
        first += 1
        name = _clean_name(sentence.text[tokens[first].start:tokens[end - 1].end])
    if not _acceptable(name, language, tokens[first].start == 0):
        return None
    title = _title_in(clause, language)
    if amount is None and title is None and (not _org_like(name) or _two_names(name, language)):
        return None
    recipient = orgs.canonical_org(name, language)
    if orgs.resolve_alias(name) and orgs.resolve_alias(name) == funder:
        return None
    return Grant(recipient, sentence.start + tokens[first].start,
                 sentence.start + tokens[end - 1].end, amount.eur if amount else None,
                 title, municipality, sentence, funder)


def _genitive_owner(title: str) -> tuple[str | None, str]:
    """"Turun Ammattikorkeakoulun Taikusydän": an organisation in the genitive opening a
    Finnish project name runs the project; the rest is the title."""
    words = title.split()
    for k in range(len(words) - 2, -1, -1):
        if words[k].endswith("n") and orgs.is_org_head(words[k]) and words[0][:1].isupper() \
                and words[k + 1][:1].isupper():
            return orgs.canonical_org(" ".join(words[:k + 1]), "fi"), " ".join(words[k + 1:])
    return None, title


# "A-hanke sai 56 000, B-hanke 31 000 ja C-hanke 22 000 euroa": list members that leave the
# currency to the last amount of the list
_ELLIPTIC = re.compile(r"(?<![\d,.])(\d{1,3}(?: \d{3})+)(?=\s*(?:,|;|\sja\s|\ssekä\s|\soch\s|"
                       r"\sand\s))")


def _elliptic_amounts(text: str, amounts: list[Amount]) -> list[Amount]:
    """Bare sums in a list whose last member carries the currency."""
    found = []
    for match in _ELLIPTIC.finditer(text):
        if any(a.start <= match.start() < a.end for a in amounts) or \
                not any(a.start > match.end() for a in amounts):
            continue
        found.append(Amount(float(match.group(1).replace(" ", "")), match.start(), match.end()))
    return found


# a member of a Finnish prose list of funded projects: "<name> -hanke (sai) 31 000", the name
# ending in "-hanke" or in a compound of it ("... kehittämishanke")
_HANKE_MEMBER = re.compile(r"^(?:,|;|ja|sekä)?\s*(?P<name>[A-ZÅÄÖ].*?)(?:\s?[-–]\s?hanke|"
                           r"(?<=[A-ZÅÄÖa-zåäö])\s(?=hanke)hanke|"
                           r"(?<=\w)(?P<compound>\w*hanke))(?:\s+(?:sai|saa|saivat|saavat))?\s*$")
# "FloweRescue ry:n Kukkia Kaikille": a registered owner in the genitive before a project's name
_OWNED_NAME = re.compile(r"^(?P<owner>.+?\s(?:ry|rf|sr|oy|ab|osk):n)\s(?P<title>[A-ZÅÄÖ].+)$")


def hanke_list_grants(sentence: Sentence, amounts: list[Amount]) -> list[Grant]:
    """"A-hanke sai 56 000, Oulun kaupungin B -hanke 31 000 ja Tornion C -hanke 22 000 euroa":
    one grant per project named before an amount, its owner in the genitive the lead (a place
    alone its municipality); none unless two members or more are found."""
    grants = []
    previous = 0
    for amount in amounts:
        member = sentence.text[previous:amount.start]
        previous = amount.end
        match = _HANKE_MEMBER.match(member.strip())
        if match is None:
            continue
        grant = _hanke_member_grant(sentence, match, member, amount)
        if grant:
            grants.append(grant)
    return grants if len(grants) >= 2 else []


def _hanke_member_grant(sentence: Sentence, match: re.Match[str], member: str,
                        amount: Amount | None) -> Grant | None:
    name = match.group("name").strip()
    if match.group("compound"):  # "... kulttuuriyhteistyömallin kehittämishanke"
        owner, title = "", name + match.group("compound")
    else:
        title = name_before_hanke(name)
        owner = name[:-len(title)].strip() if title and name.endswith(title) else ""
        words = title.split()
        if not owner and len(words) > 1 and words[1][:1].isupper() and \
                find_places(words[0], "fi", []) and \
                morphology.GENITIVE in morphology.case_of(words[0].lower()):
            owner, title = words[0], " ".join(words[1:])  # "Tornion Aine tulee kylään"
    if not title:
        return None
    start = sentence.start + sentence.text.index(member) + member.index(name)
    recipient = municipality = None
    if owner:
        base = orgs.canonical_org(owner, "fi")
        places = find_places(base, "fi", [])
        municipality = places[0].name if places else None
        recipient = base if orgs.looks_like_org(base) else None
    return Grant(recipient, start, start + len(name), amount.eur if amount else None, title,
                 municipality, sentence)


# "A yhteistyössä B:n ja C:n kanssa": the partners named with a listed recipient (dropped; the
# recipient leads)
_WITH_PARTNERS = re.compile(r"\s+(?:yhteistyössä\s.+?\skanssa\b|i samarbete med\s[^,]+|"
                            r"in (?:co-?operation|collaboration) with\s[^,]+|together with\s[^,]+)",
                            re.I)
_LISTED_MAX_WORDS = 8  # a listed recipient's name has this many words at most


@cache
def _recipient_list_cue(language: str) -> re.Pattern[str] | None:
    """The language's cues before a listed grant round's recipients, as whole words."""
    phrases = cue_table(language).get("recipient_list", ())
    return re.compile(r"\b(?:" + "|".join(map(re.escape, phrases)) + r")\b", re.I) \
        if phrases else None


def recipient_list_grants(sentence: Sentence, language: str) -> list[Grant]:
    """"Avustusta myönnettiin kahdeksalle hankkeelle, joiden toteuttajat ovat A, B yhteistyössä
    C:n kanssa, ... sekä H": one grant per recipient listed after a cue (cue table
    ``recipient_list``) to the sentence's end; none when a member holds a number (a list of
    sums has its own reading) or is no name."""
    pattern = _recipient_list_cue(language)
    cue = pattern.search(sentence.text) if pattern else None
    if cue is None:
        return []
    grants = []
    # the partners' phrases blanked out, offsets kept: their "ja" joins no recipients
    rest = _WITH_PARTNERS.sub(lambda m: " " * len(m.group(0)), sentence.text[cue.end():])
    for match in re.finditer(r"[^,]+?(?=,|\s(?:ja|sekä|och|samt|and)\s|[.;:]?\s*$)", rest):
        raw = match.group(0).strip(" ,.;")
        raw = re.sub(r"^(?:ja|sekä|och|samt|and)\s+", "", raw)
        if re.search(r"\d", raw):
            return []
        if not raw or not raw[0].isupper() or len(raw.split()) > _LISTED_MAX_WORDS:
            break  # the list ended: what follows is no name
        recipient = orgs.canonical_org(raw, language)
        start = sentence.start + cue.end() + match.start() + match.group(0).find(raw.split()[0])
        grants.append(Grant(recipient, start, start + len(raw), None, None,
                            _listed_municipality(recipient, language), sentence, listed=True))
    return grants if len(grants) >= 2 else []


def _listed_municipality(name: str, language: str) -> str | None:
    """The municipality a listed recipient is the council of ("Tampereen kaupunki")."""
    if not re.search(r"(?:kaupunki|kunta|stad|kommun)$", name, re.I):
        return None
    places = find_places(name, language, [])
    return places[0].name if places else None


def sentence_grants(sentence: Sentence, language: str) -> list[Grant]:
    """The grants one sentence names."""
    listed = recipient_list_grants(sentence, language)
    if listed:
        return listed
    text = sentence.text
    amounts = [a for a in find_amounts(text) if not re.search(r"[-–]\s*$", text[:a.start])]
    amounts = sorted(amounts + _elliptic_amounts(text, amounts), key=lambda a: a.start)
    if language == "fi":
        listed = hanke_list_grants(sentence, amounts)
        if listed:
            return listed
    tokens = _tokens(text)
    respective = _respective_grants(sentence, tokens, amounts, language)
    if respective:
        return respective
    grants: list[Grant] = []
    used: set[int] = set()  # amount starts already given to a recipient
    for i in range(len(tokens)):
        kind = _verb_kind(tokens, i, language)
        if kind is None:
            continue
        clause_end = next((t.start for t in tokens[i:] if t.text in (";",)), len(text))
        if kind == "grantee":
            grants += _grantee_clause(sentence, tokens, amounts, i, clause_end, language, used)
        elif kind == "passive":
            passive = _passive_clause(sentence, tokens, amounts, i, clause_end, language, used)
            if not passive and language != "fi":  # "X beviljades 20 000 euro": X received it
                passive = _subject_recipient(sentence, tokens, amounts, i, clause_end, language,
                                             used)
            grants += passive
        if kind in ("funder", "passive") and language == "fi":
            grants += _allative_clause(sentence, tokens, amounts, i, clause_end, used)
        elif kind == "funder":
            grants += _funder_to_clause(sentence, tokens, amounts, i, clause_end, language, used)
    for amount in amounts:  # "A ry 36 000 €" in a list with no verb of its own
        if amount.start in used:
            continue
        end = next((k for k, t in enumerate(tokens) if t.start == amount.start), None)
        span = _name_before(tokens, end, language) if end else None
        # a list member after a comma or "ja", or the first one of a list of sums opening the
        # sentence (a value after "avustuksia jaettiin seuraavasti:")
        listed = span and (any(_LIST_OPENING.match(t.low)
                               for t in tokens[max(0, span[0] - 1):span[0]])
                           or span[0] == 0 and len(amounts) >= 2)
        if not listed and end and text[amount.start:amount.end].lower().endswith("eurolla"):
            span = _instrumental_subject(tokens, end, language)  # "A kehittää 30 000 eurolla"
            listed = span is not None
        if listed and span:
            grant = _grant(sentence, tokens, span, amount, "", language, None)
            if grant:
                used.add(amount.start)
                grants.append(grant)
    return grants


_RESPECTIVELY = re.compile(r"\b(?:respektive|respectively)\b", re.I)
# the recipients before the verb: after "till"/"to" when the money "went to" them, without the
# relative pronoun that joins them to the verb
_RESPECTIVE_SUBJECT = re.compile(r"(?:.*\s(?:till|to)\s|^)(?P<names>[A-ZÅÄÖ].*?)"
                                 r"(?:,?\s(?:som|which|who))?\s*$", re.S)


def _respective_grants(sentence: Sentence, tokens: list[_Token], amounts: list[Amount],
                       language: str) -> list[Grant]:
    """"A och B som beviljades 17 000 euro respektive 15 000 euro", "A and B received EUR 5,000
    and EUR 3,000 respectively": in Swedish or English the amounts after the recipients' verb
    go to the names before it, in order, when there are as many of each."""
    if language == "fi" or not _RESPECTIVELY.search(sentence.text):
        return []
    first_amount = amounts[0].start if amounts else 0
    verb = next((i for i in range(len(tokens) - 1, -1, -1) if tokens[i].start < first_amount
                 and _verb_kind(tokens, i, language) in ("grantee", "passive")), None)
    subject = _RESPECTIVE_SUBJECT.match(sentence.text[:tokens[verb].start]) if verb else None
    if subject is None:
        return []
    after = [a for a in amounts if a.start > tokens[verb].start]
    names = [name for name in orgs.split_names(subject.group("names")) if name[:1].isupper()]
    if len(names) < 2 or len(names) != len(after):
        return []
    grants, position = [], subject.start("names")
    for name, amount in zip(names, after, strict=True):
        start = sentence.text.index(name, position)
        position = start + len(name)
        grants.append(Grant(orgs.canonical_org(name, language), sentence.start + start,
                            sentence.start + position, amount.eur, None, None, sentence))
    return grants


def _instrumental_subject(tokens: list[_Token], amount: int,
                          language: str) -> tuple[int, int] | None:
    """The subject of "A kehittää (...) 30 000 eurolla": a name, a finite verb, the amount."""
    for verb in range(amount - 1, max(0, amount - 4), -1):
        if morphology.is_finite_verb(tokens[verb].low) and \
                tokens[verb].low not in GRANT_VERBS[language]["funder"]:
            return _name_before(tokens, verb, language)
    return None


def _appositive_subject(tokens: list[_Token], verb: int,
                        language: str) -> tuple[int, int] | None:
    """"Föräldraföreningen vid musikinstitutet, en förening som ..., får": the name before an
    apposition set off by commas right before the verb (or before a lone comma there)."""
    if verb < 2 or tokens[verb - 1].text != ",":
        return None
    first_comma = next((i for i in range(verb - 1) if tokens[i].text == ","), None)
    if first_comma is None:  # "Föreningen X vänner, får 272 000 kronor": a stray comma
        first_comma = verb - 1
    span = _name_before(tokens, first_comma, language)
    return span if span and span[0] == 0 else None


_RELATIVE = frozenset(["som", "which", "who"])
_MONEY_SUBJECT = frozenset(["gick", "går", "went", "goes"])  # verbs of the money, not its recipient


def _relative_subject(tokens: list[_Token], verb: int,
                      language: str) -> tuple[int, int] | None:
    """"Ekenäs konsertgarantiförening som beviljades 20 000 euro", "Föreningen X, som har fått":
    in Swedish or English the name before a relative pronoun right before the verb."""
    if language == "fi" or verb < 2 or tokens[verb - 1].low not in _RELATIVE:
        return None
    end = verb - 2 if tokens[verb - 2].text == "," else verb - 1
    return _name_before(tokens, end, language)


def _subject_recipient(sentence: Sentence, tokens: list[_Token], amounts: list[Amount],
                       verb: int, clause_end: int, language: str, used: set[int]) -> list[Grant]:
    """A passive verb with its recipient as the subject and the amount after it ("Teater X
    beviljades 20 000 euro", "X was granted EUR 5,000"): read as the recipient's verb, but only
    with an amount."""
    if tokens[verb].low in _MONEY_SUBJECT or \
            not any(tokens[verb].end <= a.start < clause_end and a.start not in used
                    for a in amounts):
        return []  # "gick till X": the money went
    return _grantee_clause(sentence, tokens, amounts, verb, clause_end, language, used)


def _named_project_subject(sentence: Sentence, tokens: list[_Token], verb: int,
                           free: list[Amount]) -> Grant | None:
    """A Finnish grant whose subject is a project named before "-hanke", its owner in the
    genitive ("Stella Polaris ry:n Kultaiset kirjeet -hanke sai 40 000 euroa")."""
    before = sentence.text[:tokens[verb].start]
    opening = max(before.rfind(", "), before.rfind(": "))
    member = before[opening + 2:] if opening >= 0 else before
    match = _HANKE_MEMBER.match(member.strip())
    if match is None or match.group("compound"):
        return None
    amount = free[0] if len(free) == 1 else None
    grant = _hanke_member_grant(sentence, match, member, amount)
    return grant if grant and grant.recipient else None


def _grantee_clause(sentence: Sentence, tokens: list[_Token], amounts: list[Amount], verb: int,
                    clause_end: int, language: str, used: set[int]) -> list[Grant]:
    text = sentence.text
    funder = _ablative_funder(tokens, verb) if language == "fi" else \
        _agent_funder(text[tokens[verb].end:clause_end])
    subject = _name_before(tokens, verb, language) or _appositive_subject(tokens, verb, language) \
        or _relative_subject(tokens, verb, language)
    free = [a for a in amounts if a.start > tokens[verb].start and a.start < clause_end
            and a.start not in used]
    named = _named_project_subject(sentence, tokens, verb, free) if language == "fi" else None
    if named:  # "A ry:n Kukkia kaikille -hanke sai 64 000 euroa"
        if named.eur is not None:
            used.add(free[0].start)
        named.funder = funder
        return [named]
    if subject:
        amount = free[0] if len(free) == 1 or free and \
            re.fullmatch(r"\s*(?:\w+\s+)?", text[tokens[verb].end:free[0].start]) else None
        clause = text[tokens[subject[0]].start:clause_end]
        grant = _grant(sentence, tokens, subject, amount, clause, language, funder)
        if grant:
            if amount:
                used.add(amount.start)
            return [grant]
    # inverted order or a list after the verb: "saivat myös A 36 000 €, B 35 800 € ja C"
    grants = []
    position = verb + 1
    while position < len(tokens):
        span = _name_after(tokens, position, language, 4 if position == verb + 1 else 0)
        if span is None:
            break
        amount = _amount_right_after(amounts, tokens, span[1])
        grant = _grant(sentence, tokens, span, amount, "", language, funder)
        if grant:
            grants.append(grant)
        if amount:
            used.add(amount.start)
        position = span[1]
        while position < len(tokens) and (tokens[position].start < (amount.end if amount else 0)
                                          or tokens[position].text in "€"):
            position += 1
        if position >= len(tokens) or not _LIST_BREAK.match(tokens[position].low):
            break
        position += 1
    if len(grants) == 1 and grants[0].eur is None and len(free) == 1 and \
            free[0].start not in used:
        grants[0].eur = free[0].eur
        used.add(free[0].start)
    return grants


_TO = frozenset(["till", "åt", "to"])
_TO_SKIP = 3  # lower-case words between the amount and "till" ("i understöd till")


def _funder_to_clause(sentence: Sentence, tokens: list[_Token], amounts: list[Amount], verb: int,
                      clause_end: int, language: str, used: set[int]) -> list[Grant]:
    """A funder's verb, the amount and its recipient after "till" / "to": "Fonden utdelade ett
    stipendium på 3 000 euro till Humorgruppen KAJ", "The foundation awarded EUR 5,000 to X"."""
    free = [a for a in amounts if tokens[verb].end <= a.start < clause_end and a.start not in used]
    if len(free) != 1:
        return []
    after = next((k for k, t in enumerate(tokens) if t.start >= free[0].end), None)
    if after is None:
        return []
    to = next((k for k in range(after, min(after + _TO_SKIP + 1, len(tokens)))
               if tokens[k].low in _TO), None)
    if to is None or any(not t.text.isalpha() or t.text[:1].isupper()
                         for t in tokens[after:to]):
        return []
    span = _name_after(tokens, to + 1, language, skip=1)  # "to the X"
    if span is None:
        return []
    grant = _grant(sentence, tokens, span, free[0], sentence.text[tokens[span[0]].start:
                                                                   clause_end], language, None)
    if grant is None:
        return []
    used.add(free[0].start)
    return [grant]


def _passive_clause(sentence: Sentence, tokens: list[_Token], amounts: list[Amount], verb: int,
                    clause_end: int, language: str, used: set[int]) -> list[Grant]:
    """"50 000 € myönnettiin A ry:n projektiin", "EUR 20,000 was granted to A"."""
    before = [a for a in amounts if a.end <= tokens[verb].start and a.start not in used]
    position = verb + 1
    while position < len(tokens) and tokens[position].low in ("to", "till", "åt", "for"):
        position += 1
    span = _name_after(tokens, position, language)
    if not span or not before:
        return []
    clause = sentence.text[tokens[span[0]].start:clause_end]
    grant = _grant(sentence, tokens, span, before[-1], clause, language, None)
    if grant:
        used.add(before[-1].start)
        return [grant]
    return []


_ALLATIVE = re.compile(r"\w(?::?lle)$")


def _allative_name_end(token: _Token) -> bool:
    """A word in the allative that can end a name ("ry:lle", "kaupungille"), not a project's."""
    return bool(_ALLATIVE.search(token.low)) and not token.low.startswith(("hank", "projekt"))


def _allative_span(tokens: list[_Token], head: int, floor: int) -> tuple[int, int] | None:
    """The name ending in the allative word ``head`` ("Lapuan kaupungille"), from ``floor`` on;
    None unless it starts with a capital."""
    before = _name_before(tokens, head, "fi")
    first = max(before[0], floor) if before and before[1] == head else head
    return (first, head + 1) if tokens[first].text[:1].isupper() else None


def _allative_clause(sentence: Sentence, tokens: list[_Token], amounts: list[Amount], verb: int,
                     clause_end: int, used: set[int]) -> list[Grant]:
    """"Taike myönsi A ry:lle 20 000 euroa X-hankkeeseen", "A:lle myönnettiin 15 000 euroa":
    the recipient of a Finnish grant verb is the name in the allative next to it; the amount
    follows the verb, the subject of an active verb is the funder."""
    after = [k for k in range(verb + 1, min(len(tokens), verb + 10))
             if tokens[k].start < clause_end and _allative_name_end(tokens[k])]
    if after and not any(_LIST_BREAK.match(t.low) or t.text[:1].isdigit()
                         for t in tokens[verb + 1:after[0]]):
        span = _allative_span(tokens, after[0], verb + 1)
    elif verb > 0 and _allative_name_end(tokens[verb - 1]):
        span = _allative_span(tokens, verb - 1, 0)
    else:
        span = None
    free = [a for a in amounts if tokens[verb].end <= a.start < clause_end and a.start not in used]
    if span is None or not free:
        return []
    subject = _name_before(tokens, verb, "fi") if span[0] > verb else None
    funder = orgs.canonical_org(_clean_name(sentence.text[tokens[subject[0]].start:
                                                          tokens[subject[1] - 1].end]), "fi") \
        if subject else None
    clause = sentence.text[free[0].end:clause_end]
    grant = _grant(sentence, tokens, span, free[0], clause, "fi", funder)
    if grant is None:
        return []
    used.add(free[0].start)
    return [grant]


def grant_funders(sentences: list[Sentence], language: str) -> list[str]:
    """Subjects of funder verbs ("Taike jakoi 412 000 euroa") and ablatives of grantee verbs
    ("sai Taikelta"): the organisations that fund the grants of a text."""
    funders: list[str] = []
    for sentence in sentences:
        tokens = _tokens(sentence.text)
        for i in range(len(tokens)):
            kind = _verb_kind(tokens, i, language)
            name = None
            if kind == "funder":
                span = _name_before(tokens, i, language) or _inverted_subject(tokens, i, language)
                if span:
                    written = sentence.text[tokens[span[0]].start:tokens[span[1] - 1].end]
                    if orgs.looks_like_org(written) and not _bare_head(written):
                        name = orgs.canonical_org(_clean_name(written), language)
            elif kind == "grantee" and language == "fi":
                name = _ablative_funder(tokens, i)
            if name and name not in funders:
                funders.append(name)
    return funders


def _inverted_subject(tokens: list[_Token], verb: int, language: str) -> tuple[int, int] | None:
    """Swedish verb-second order after an opening adverb: "Nu fördelar Riksantikvarieämbetet
    17 miljoner" names its subject right after the verb."""
    if language != "sv" or verb == 0 or any(t.low not in _OPENERS for t in tokens[:verb]):
        return None
    return _name_after(tokens, verb + 1, language, skip=0)


def _bare_head(name: str) -> bool:
    """"Säätiö", "Föreningen": a head word alone, which names no particular organisation."""
    return len(name.split()) == 1 and morphology.base_form(name).lower() in _GENERIC_HEADS


def subject_grants(sentence: Sentence, language: str) -> list[Grant]:
    """Organisations that act in a sentence of grant news without an amount: "Tamperelainen X ry
    vie laulajia ...", "Y ry tekee yhteistyötä ... Z -hankkeessa", "W ry:n hankkeessa ..."."""
    text = sentence.text
    tokens = _tokens(text)
    grants = []
    for i, token in enumerate(tokens[:-1]):
        head = token.text.split(":")[0]
        if head.lower() not in LEGAL_FORMS and not (orgs.is_org_head(head) and
                                                     head[:1].isupper()):
            continue
        following = [t.low for t in tokens[i + 1:i + 3]]
        if tokens[i + 1].text[:1].isupper() or following[0] in LEGAL_FORMS:
            continue  # the name goes on: "Kulttuurivaltakunta Osuuskunta", "Yhdistys ry"
        funds = " ".join(following) in GRANT_VERBS[language]["funder"]  # "ovat myöntäneet"
        acts = not funds and any(morphology.is_finite_verb(w) and
                                 w not in GRANT_VERBS[language]["funder"] for w in following)
        own_project = token.text.endswith(":n") and following[0].startswith(("hank", "projekt"))
        if not (acts or own_project):
            continue
        span = _name_before(tokens, i + 1, language)
        if span is None:
            continue
        rest = text[tokens[span[0]].start:]
        clause = re.split(r"\s(?:ja|och|and)\s(?=[a-zåäö]+\s[A-ZÅÄÖ])|[.;]\s", rest)[0]
        grant = _grant(sentence, tokens, span, None, clause, language, None)
        if grant:
            grants.append(grant)
    return grants


# "Lahden kaupunginmuseon hankkeessa X ...", "Satakunnan museossa kehitetään ...": grant news
# naming a project by the Finnish organisation that runs it, in the genitive before the
# project noun or in the inessive before a passive verb
_OWNED_PROJECT_NOUNS = frozenset(["hankkeessa", "hankkeella", "projektissa", "projektilla"])
_PASSIVE_PRESENT = re.compile(r"[tdlnr](?:aan|ään)$")  # "kehitetään", "luodaan", "opitaan"
_OWNED_TITLE_WORDS = 12  # words at most in a title after "X:n hankkeessa"
# a sentence opening with a name before the project word: a cheap test before _title_in
_OPENING_NAME = re.compile(r"[A-ZÅÄÖ”\"“][^,;.]{1,90}?\s?[-–]\s?(?:hank|projekt)")


def owner_grants(sentence: Sentence, language: str) -> list[Grant]:
    """Finnish organisations that run a project of grant news in running text, without an
    amount ("Mäntyharjun kirjaston hankkeessa Kirjastosta elämys-... suunnitellaan ..."); the
    title is the capitalised phrase after the project noun, up to its finite verb."""
    if language != "fi":
        return []
    tokens = _tokens(sentence.text)
    grants = []
    for i, token in enumerate(tokens[:-1]):
        following = tokens[i + 1].low
        genitive = token.low.endswith("n") and following in _OWNED_PROJECT_NOUNS
        inessive = token.low.endswith(("ssa", "ssä")) and bool(_PASSIVE_PRESENT.search(following)) \
            and morphology.is_finite_verb(following)
        if not (genitive or inessive) or not orgs.is_org_head(token.text):
            continue
        span = _name_before(tokens, i, language)  # a proper name before the head: "Lahden"
        if span is None or span[1] != i:
            continue
        name = orgs.canonical_org(_clean_name(sentence.text[tokens[span[0]].start:token.end]),
                                  language)
        title = _owned_title(sentence.text, tokens, i + 2) if genitive else None
        grants.append(Grant(name, sentence.start + tokens[span[0]].start,
                            sentence.start + token.end, None, title, None, sentence))
    opens = not grants and _OPENING_NAME.match(sentence.text)
    named = _title_in(sentence.text, language) if opens else None
    if named and sentence.text.startswith(named):  # "Kestävä leikki museossa -hankkeessa ..."
        grants.append(Grant(None, sentence.start, sentence.start + len(named), None, named,
                            None, sentence))
    return grants


def _owned_title(text: str, tokens: list[_Token], first: int) -> str | None:
    """The capitalised phrase from token ``first`` up to the next finite verb, or None."""
    if first >= len(tokens) or not tokens[first].text[:1].isupper():
        return None
    end = first
    while end < len(tokens) and end - first < _OWNED_TITLE_WORDS and \
            not morphology.is_finite_verb(tokens[end].low) and tokens[end].text not in ".;":
        end += 1
    if end == len(tokens) or end - first >= _OWNED_TITLE_WORDS:
        return None
    return text[tokens[first].start:tokens[end - 1].end].strip(" ,–-")


def first_grant(sentences: list[Sentence], language: str) -> Grant | None:
    """The first grant with a named recipient and an amount: a text about one grant ("X får
    97 000 euro")."""
    for sentence in sentences:
        for grant in sentence_grants(sentence, language):
            if grant.recipient and grant.eur is not None:
                return grant
    return None


def _grant_verb_in(sentences: list[Sentence], language: str) -> bool:
    """Does a sentence use a verb of granting ("Avustusta myönnettiin 15 hankkeelle")?"""
    for sentence in sentences:
        tokens = _tokens(sentence.text)
        if any(_verb_kind(tokens, i, language) for i in range(len(tokens))):
            return True
    return False


def _compact(name: str) -> str:
    """A name without its spaces and hyphens ("KO-KOO-MO ry" and "KOKOOMO ry" are one)."""
    return re.sub(r"[\s-]+", "", name)


def _stated(grant: Grant, language: str) -> bool:
    """A grant with its amount in euros, or in Swedish or English one given for a named project
    ("X får 150 000 kronor för projektet Y"), one whose sentence states a sum in kronor
    ("Vänersborgs kommun har fått 480 000 kr": no euros, but a grant all the same) or one item
    of a bulleted list ("• X som har beviljats medel för ...")."""
    return grant.eur is not None or grant.listed or language != "fi" and (
        grant.title is not None or grant.sentence.list_item or
        names_other_currency(grant.sentence.text))


def find_grants(sentences: list[Sentence], language: str) -> list[Grant]:
    """Every grant named in the sentences, in text order; one per recipient (or title). When
    a text names two grants or more, organisations acting in its other sentences join in."""
    funders = set(grant_funders(sentences, language))
    found: list[Grant] = []
    seen: set[str] = set(name.lower() for name in funders)

    def keep(grant: Grant) -> None:
        key = (grant.recipient or grant.title or "").lower()
        words = set(re.split(r"[\s-]+", key))
        if key and not any(words >= set(re.split(r"[\s-]+", old)) or
                           words <= set(re.split(r"[\s-]+", old)) or
                           _compact(key) == _compact(old) for old in seen):
            seen.add(key)
            found.append(grant)

    for sentence in sentences:
        for grant in sentence_grants(sentence, language):
            keep(grant)
    owned = [grant for sentence in sentences for grant in owner_grants(sentence, language)]
    for grant in owned:
        keep(grant)
    if len(found) < 2 or not any(_stated(grant, language) for grant in found):
        owned_news = owned and len(found) >= 2 and _grant_verb_in(sentences, language)
        return sorted(found, key=lambda g: g.start) if owned_news else []
    for sentence in sentences:
        for grant in subject_grants(sentence, language):
            keep(grant)
    found.sort(key=lambda g: g.start)
    return found
