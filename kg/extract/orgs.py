"""Organisation names: splitting label values into names, base forms, abbreviations, programmes,
and organisation noun phrases in prose (for role cues and to keep place names inside them out)."""

from __future__ import annotations

import re
from functools import lru_cache

from kg import morphology
from kg.extract.gazetteer import gazetteer
from kg.extract.settings import ORG_HEADS, ORG_ROLE_WORDS

_DOTTED_LEGAL_FORM = re.compile(r"\b([rR])\.\s?([yYfF])\.?$")  # "r.y." -> "ry"
_BUSINESS_ID = re.compile(r",?\s*\b\d{7}-\d\b")
_PARENS = re.compile(r"\s*\([^()]*\)")
_SPLIT = re.compile(r"(?<!-)\s*[,;]\s*|(?<!-)\s+(?:ja|och|and|sekä|samt|&)\s+(?=[”“\"]?[A-ZÅÄÖ])")
_WORD = re.compile(r"[\wÅÄÖåäö][\w'’.&+-]*")
# a case ending on a short form: genitive "OKM:n", "Xamkin", ablative "Taikelta", "STM:ltä"
_GENITIVE_ALIAS = re.compile(r"^(.+?)(?::n|:in|in|n|s|:lta|:ltä|lta|ltä)$")
# Legal forms ("ry", "oy") are heads only as whole words: "Memory" is no organisation.
_WHOLE_WORD_HEADS = frozenset(h for h in ORG_HEADS if len(h) <= 3)
_ORG_HEAD_RE = re.compile(r"(?:" + "|".join(sorted(set(ORG_HEADS) - _WHOLE_WORD_HEADS, key=len,
                                                   reverse=True)) + r")$")


_APPOSITION = re.compile(r"(\w),\s(?=the\s[A-Z])")  # the comma is kept as \x00 while splitting


def split_names(value: str) -> list[str]:
    """"A, B ja C (D)" -> ["A", "B", "C"]: lists of names as written in a label value."""
    value = _PARENS.sub("", _BUSINESS_ID.sub("", value))
    value = _APPOSITION.sub("\\1\x00", value)  # "Omnia, the Joint Authority of ..." is one name
    parts = []
    for part in _split_keeping_known(value):
        part = re.sub(r"\s*/.*$", "", part.replace("\x00", ", ")).strip(" .:-–")
        words = part.split()
        if len(words) > 1 and words[-1].isupper() and len(words[-1]) > 2 and \
                words[-1].lower() not in ("oy", "ry", "rf", "ab"):
            part = " ".join(words[:-1])  # trailing acronym: "... kultur SÖFUK"
        if part and part.lower() not in ORG_ROLE_WORDS and not _only_role_words(part):
            parts.append(part)
    return _distribute_heads(parts)


_LIST_BEFORE = re.compile(r"(?:^|[,;]\s*|\s(?:and|ja|och|sekä|samt|&)\s)$")
_LIST_AFTER = re.compile(r"(?:$|\s*[,;(]|\s(?:and|ja|och|sekä|samt|&)\s)")


@lru_cache(maxsize=1)
def _names_with_conjunction() -> tuple[str, ...]:
    """Known names that contain "and"/"ja"/"och" ("Ministry of Education and Culture")."""
    gaz = gazetteer()
    names = set(gaz.org_aliases) | gaz.org_names
    return tuple(sorted((n for n in names if re.search(r"\s(?:and|ja|och|&)\s", n)),
                        key=len, reverse=True))


def _split_keeping_known(value: str) -> list[str]:
    """Split a list of names, but never inside a known name that holds a conjunction."""
    low = value.lower()
    kept: list[tuple[int, int]] = []
    for name in _names_with_conjunction():
        start = low.find(name)
        if start >= 0 and not any(s <= start < e for s, e in kept) and \
                _LIST_BEFORE.search(value[:start]) and _LIST_AFTER.match(value[start + len(name):]):
            kept.append((start, start + len(name)))
    if not kept:
        return _SPLIT.split(value)
    parts, position = [], 0
    for start, end in sorted(kept):
        parts.extend(p for p in _SPLIT.split(value[position:start]) if p.strip(" ,;"))
        parts.append(value[start:end])
        position = end
    parts.extend(p for p in _SPLIT.split(value[position:]) if p.strip(" ,;"))
    return parts


def _distribute_heads(parts: list[str]) -> list[str]:
    """"Södra Österbottens och Norra Savolax förbund" -> both get the head word "förbund";
    "Åbo, Kuopio och Tammerfors stad(er)" -> "Åbo stad", "Kuopio stad", "Tammerfors stad"
    (a Swedish municipality's name is not inflected before "stad" or "kommun")."""
    result = [_MUNICIPAL_PLURAL.sub(lambda m: _MUNICIPAL_HEADS[m.group(1)], part)
              if len(parts) > 1 else part for part in parts]
    for i in range(len(parts) - 2, -1, -1):
        words, following = result[i].split(), result[i + 1].split()
        if len(following) < 2 or looks_like_org(result[i]) or len(words) > 3 or \
                not words[-1][:1].isupper():
            continue
        municipal = following[-1] in _MUNICIPAL_HEADS.values() and _municipality(result[i])
        if municipal or is_org_head(following[-1]) and words[-1].endswith(("s", "n")):
            result[i] = f"{result[i]} {following[-1]}"
    return result


def _municipality(name: str) -> bool:
    place = gazetteer().places.get(name.lower())
    return place is not None and place.kind == "municipality"


_MUNICIPAL_HEADS = {"städer": "stad", "kommuner": "kommun"}
_MUNICIPAL_PLURAL = re.compile(r"(?<=\s)(städer|kommuner)$")


def _only_role_words(part: str) -> bool:
    words = [w for w in re.findall(r"\w+", part.lower()) if w not in ("ja", "och", "and")]
    return all(w in ORG_ROLE_WORDS for w in words)  # none left: a bare "and" between names


@lru_cache(maxsize=20_000)
def resolve_alias(name: str) -> str | None:
    """Full name for an abbreviation or short form ("XAMK", "OKM:n", "Xamkin"), else None."""
    aliases = gazetteer().org_aliases
    low = name.lower().strip()
    if low in aliases:
        return aliases[low]
    match = _GENITIVE_ALIAS.match(low)
    if match and match.group(1) in aliases:
        return aliases[match.group(1)]
    return None


def is_known_org(name: str) -> bool:
    """A name of the reference data, or an abbreviation or short form of one ("OKM:n")."""
    return name.lower() in gazetteer().org_names or resolve_alias(name) is not None


@lru_cache(maxsize=20_000)
def genitive_owner(name: str) -> str | None:
    """The known organisation whose Swedish genitive opens a name that is not itself an
    organisation's: "Svenska kulturfondens projektbidrag" -> "Svenska kulturfonden", "Åbo
    Akademis institution ..." -> "Åbo Akademi" (reference data only), else None."""
    words = name.split()
    for index in range(len(words) - 1, -1, -1):  # the longest owner first
        word = words[index]
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            owner = " ".join([*words[:index], word[:-1]])
            if owner.lower() in gazetteer().org_names:
                return owner
            alias = resolve_alias(owner)
            if alias is not None and owner[:1].isupper():
                return alias
    return None


@lru_cache(maxsize=20_000)
def canonical_org(name: str, language: str = "fi") -> str:
    """Base form of an organisation name as the organisation writes it."""
    name = _DOTTED_LEGAL_FORM.sub(lambda m: m.group(1) + m.group(2), name.strip(" ,:;•·▪►*"))
    name = name.strip(" .")
    alias = resolve_alias(name) or (language == "en" and name.startswith("The ") and
                                    resolve_alias(name[4:]))  # "The Funding Centre for ..."
    if alias:
        return alias
    if language == "fi":
        name = _LEGAL_FORM_CASE.sub(r"\1", name)  # "Muistiyhdistys ry:ssä" -> "... ry"
        name = _REGIONAL_ELY.sub(_ELY_IN_FULL, name)  # "Hämeen ELY-keskus(en)" -> full name
        name = re.sub(r"\b(?:AMK|amk):n\b", "ammattikorkeakoulun", name)
        name = re.sub(r"\b(?:AMK|amk)\b", "Ammattikorkeakoulu", name)
        words = name.split()
        if words and re.fullmatch(r"[\wÅÄÖåäö-]+", words[-1]) and not words[-1].isupper() \
                and not _appositive_name(words):
            name = _with_head_reading(_plural_kept(morphology.phrase_base_form(name), words[-1]),
                                      words[-1])
    elif name.endswith("landskapsförbund") and \
            (name[:-len("landskapsförbund")] + "förbund").lower() in gazetteer().org_names:
        name = name[:-len("landskapsförbund")] + "förbund"  # as the council writes its name
    if name[:1].islower():
        name = name[:1].upper() + name[1:]
    return name


# a regional ELY centre, as the registers write its name: "Hämeen ELY-keskuksen" ->
# "Hämeen elinkeino-, liikenne- ja ympäristökeskus"
_REGIONAL_ELY = re.compile(r"^((?:[A-ZÅÄÖ][\w-]*n\s)+)ELY-kesku(?:s|ks)\w*$")
_ELY_IN_FULL = r"\1elinkeino-, liikenne- ja ympäristökeskus"
_LEGAL_FORM_CASE = re.compile(r"\b(ry|rf|oy|oyj|ab|sr|ky):[a-zåäö]+$", re.I)


def _appositive_name(words: list[str]) -> bool:
    """"... kehittämiskeskus Palmenia", "Taidekeskus KulttuuriKauppila": a capitalised name after
    a head word in the nominative is the organisation's own name, not an inflected word."""
    if len(words) < 2 or not words[-1][:1].isupper() or \
            morphology.GENITIVE in morphology.case_of(words[-1].lower()):
        return False  # "Kulttuurikeskus Caisan järjestämä": that one is inflected
    head = words[-2].lower()
    return is_org_head(head) and morphology.NOMINATIVE in morphology.case_of(head)


def _plural_kept(name: str, last: str) -> str:
    """"Seinäjoen kaupungin kulttuuripalveluilla" -> "... kulttuuripalvelut", not the singular:
    a name whose last word is plural in every reading stays plural, unless the singular is a
    known organisation's ("Aluehallintovirastot myönsivät" -> "Aluehallintovirasto")."""
    numbers = [number for _b, cls, _k, number in morphology.analyses(last) if cls != "teonsana"]
    if not numbers or any(number != "plural" for number in numbers) or \
            name.lower() in gazetteer().org_names:
        return name
    words = name.split()
    words[-1] = morphology.plural_base(last)
    return " ".join(words)


def _with_head_reading(name: str, last: str) -> str:
    """"Pohjanmaan liitos" -> "Pohjanmaan liitto" when the last word also reads as a head."""
    words = name.split()
    head = _head_base(last) if "-" not in last else None
    current = morphology.base_form(words[-1]).lower()
    if head and not _ORG_HEAD_RE.search(words[-1].lower()) and not _ORG_HEAD_RE.search(current):
        words[-1] = head
    return " ".join(words)


@lru_cache(maxsize=20_000)
def programme_of(name: str) -> str | None:
    """The funding programme a name stands for, when it names one (gazetteer), else None."""
    programmes = gazetteer().programmes
    low = name.lower().strip()
    if low in programmes:
        return programmes[low]
    base = morphology.phrase_base_form(name).lower()
    if base in programmes:
        return programmes[base]
    for alias, canonical in programmes.items():
        if low.startswith(alias + " ") or low.startswith(alias + " –") or \
                low.startswith(alias + " -"):
            return name.strip()
        if re.search(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", name) and alias.isupper():
            return canonical
    return None


@lru_cache(maxsize=100_000)
def is_org_head(word: str) -> bool:
    low = word.lower()
    if low in _WHOLE_WORD_HEADS or _ORG_HEAD_RE.search(low):
        return True
    if not (word.isalpha() or "-" in word):
        return False
    return _head_base(word) is not None


def _head_base(word: str) -> str | None:
    """The base form of ``word`` that is an organisation's head word, among all of Voikko's
    readings ("liitosta": "liitos" or "liitto" -> "liitto"), else None."""
    bases = (morphology.base_form(word).lower(), *morphology.base_forms(word))
    return next((base for base in bases if _ORG_HEAD_RE.search(base)), None)


_PROJECT_WORD = re.compile(r"(?:^|[\s-])(?:hanke|hankkeen|projekti|projektet)$", re.I)


def plausible_name(name: str, language: str = "fi") -> bool:
    """False for phrases that are not an organisation's name: a clause with a finite verb
    ("Koordinaatiovastuun otti ..."), a project ("... -hanke"), a sentence."""
    words = name.split()
    if not words or len(words) > 10 or re.search(r"[a-zåäö]\.\s[A-ZÅÄÖ]", name) or \
            _PROJECT_WORD.search(name):
        return False
    return language != "fi" or not any(
        word.islower() and morphology.is_finite_verb(word) for word in words[:-1])


_JOINERS = frozenset(["of", "the", "and", "för", "och", "vid", "i", "av", "for", "på", "in", "samt",
                      "&"])


def leading_name(text: str, english: bool = False) -> str:
    """The Swedish or English name a text starts with: up to the first lower-case word that is
    neither a joiner nor an organisation's head word ("UKM startade i oktober" -> "UKM").
    In English a lower-case word before a lower-case head is kept ("Oulunkaari joint
    authority")."""
    kept = []
    words = text.split(" ")
    head_next = False  # the lower-case head after an inner genitive ("folkskolans vänner")
    for index, word in enumerate(words):
        bare = word.strip(",.;:()")
        following = words[index + 1:index + 2]
        genitive = _inner_genitive(kept, bare, following)
        if english and not head_next:
            genitive = _modifier_of_head(kept, word, following)
        if bare[:1].islower() and bare not in _JOINERS and not is_org_head(bare) and \
                not genitive and not head_next:
            break
        head_next = genitive
        kept.append(word)
        following = words[index + 1] if index + 1 < len(words) else ""
        # a comma goes on only to the next capitalised name of a list ("X, Y och Z")
        if word.endswith((".", ";", ":")) or (word.endswith(",") and not following[:1].isupper()):
            break
    while kept and kept[-1].strip(",.;:") in _JOINERS:
        kept.pop()
    return " ".join(kept).rstrip(",.;: ")


def _modifier_of_head(kept: list[str], word: str, following: list[str]) -> bool:
    """An English lower-case word between a capitalised name and its lower-case head word:
    "joint" in "Oulunkaari joint authority"."""
    return bool(kept) and kept[-1][:1].isupper() and word.isalpha() and word.islower() and \
        bool(following) and following[0][:1].islower() and \
        is_org_head(following[0].strip(",.;:()"))


def _inner_genitive(kept: list[str], bare: str, following: list[str]) -> bool:
    """A Swedish genitive inside a name, between its capitalised first word and a lower-case
    head: "Svenska folkskolans vänner", "Finlands svenska marthaförbund"."""
    return bool(kept) and kept[-1][:1].isupper() and not kept[-1].endswith((",", ".", ";", ":")) \
        and bare.endswith("s") and bool(following) and following[0][:1].islower() and \
        following[0].strip(",.;:") not in _JOINERS


def looks_like_org(name: str) -> bool:
    words = name.split()
    if not words:
        return False
    return (is_org_head(words[-1]) or is_org_head(words[0]) or is_known_org(name)
            or words[0].lower() in ("city", "university")
            or _HEAD_OF.search(name) is not None)


# "Turku University of Applied Sciences", "Ministry of Education and Culture"
_HEAD_OF = re.compile(r"\b(?:University|Ministry|City|Municipality|Institute|Centre|Center|"
                      r"Council|Foundation|Association|Society|Academy|School) of\b")


_TOKEN = re.compile(r"[\wÅÄÖåäö][\wÅÄÖåäö'’-]*:?\w*|\S")


@lru_cache(maxsize=50_000)
def org_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Character spans of organisation noun phrases ending in a head word ("... liitto",
    "... förbund", "University of ..."), or known abbreviations and names."""
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    spans = []
    for i, (word, _start, end) in enumerate(tokens):
        if not word[0].isalpha():
            continue
        if resolve_alias(word) is not None and (word[0].isupper()):
            spans.append((_start, end))
            continue
        if not is_org_head(word.split(":")[0]):
            continue
        first = _extend_left(tokens, i)
        if first < i or word[0].isupper():
            spans.append((tokens[first][1], end))
    for i, (word, start, _end) in enumerate(tokens):
        if word in ("City", "University", "Municipality") and i + 2 < len(tokens) and \
                tokens[i + 1][0] == "of":
            spans.append((start, tokens[i + 2][2]))
    return tuple(spans)


def _extend_left(tokens: list[tuple[str, int, int]], head: int) -> int:
    """First token of the name whose head word is at ``head``."""
    first = head
    for j in range(head - 1, -1, -1):
        if not _name_part(tokens, j):
            break
        first = j
    return first


def _name_part(tokens: list[tuple[str, int, int]], j: int) -> bool:
    word = tokens[j][0]
    if word[0].isupper():
        return word.lower() not in ("hanke", "hankkeen", "projektet")
    if word.endswith("-"):
        return j > 0
    if word == ",":  # "Etelä-Savon elinkeino-, liikenne- ja ympäristökeskus"
        return 0 < j < len(tokens) - 1 and tokens[j - 1][0].endswith("-") and \
            tokens[j + 1][0].endswith("-")
    if word in ("ja", "och"):  # "Opetus- ja kulttuuriministeriö"
        return j > 0 and tokens[j - 1][0].endswith("-") and tokens[j + 1][0][0].islower()
    # a lower-case genitive inside a name: "Kaakkois-Suomen sosiaalialan osaamiskeskus"
    return (word.islower() and j > 0 and tokens[j - 1][0][:1].isupper()
            and morphology.GENITIVE in morphology.case_of(word))
