"""Goals, activities, outcomes, description, indicators, target groups, topics and events."""

from __future__ import annotations

import re
from functools import cache

from kg import morphology
from kg.extract.cues import cues, stem_pattern
from kg.extract.dates import find_dates, find_times
from kg.extract.gazetteer import gazetteer
from kg.extract.segment import Sentence
from kg.extract.settings import EVENT_HEADS

# cue tables per language (cue_tables/*.tsv): goal, outcome and activity words, and the
# words saying what a grant is used for ("Pengarna skall användas för ...")
GOAL_CUES = stem_pattern("goal_cue")
OUTCOME_CUES = stem_pattern("outcome_cue")
ACTIVITY_CUES = stem_pattern("activity_cue")
GRANT_USE = stem_pattern("grant_use")
_BACKGROUND = re.compile(r"\b(lisätieto\w*|ilmoittautu\w*|klikkaa|klicka|prenumerera|"
                         r"tutkimuksissa|tutkimuksessa|havaittu|on todettu|julkaistaan)\b", re.I)
NUMBER_WORDS = {
    "kaksi": 2, "kolme": 3, "neljä": 4, "viisi": 5, "kuusi": 6, "seitsemän": 7,
    "kahdeksan": 8, "yhdeksän": 9, "kymmenen": 10, "två": 2, "tre": 3, "fyra": 4, "fem": 5,
    "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}
_QUANTITY = re.compile(
    r"(?<![\w.,/-])(yli |över |over |noin |n\. |ca |about )?(?<![\w.,/-])(\d{1,6}|"
    + "|".join(NUMBER_WORDS) + r")(?!\w)(?:\s?(%|prosenttia|procent|percent))?(?::\w+)?"
    r"(?:\s+((?:uutta|uudet|nya|new)\s+)?([A-ZÅÄÖa-zåäö][\w/-]*(?:\s[\w/-]+)?))?", re.I)
_NOT_UNITS = re.compile(
    r"^(euro\w*|€|eur|vuo\w*|år\w*|years?|kuukau\w*|months?|päivä\w*|klo|kl|krs|h|min|"
    r"tuntia|timmar|hours?|vuotiaat|%|luku\w*|krs\.|miljoon\w*|miljard\w*|miljon\w*|million\w*|"
    r"tuhat\w*|tusen|thousand\w*|januari|februari|mars|april|maj|juni|juli|augusti|september|"
    r"oktober|november|december|january|february|march|may|june|july|august|october|"
    r"\w+kuuta|\w\w?\b)", re.I)


def free_text(sentences: list[Sentence]) -> dict[str, list[Sentence]]:
    """Sentences and list items sorted into goals, activities and outcomes."""
    result: dict[str, list[Sentence]] = {"goals": [], "activities": [], "outcomes": []}
    for sentence in sentences:
        words = sentence.text.split()
        if len(words) < 3 or _BACKGROUND.search(sentence.text) or "@" in sentence.text:
            continue
        if sentence.section in result:
            result[sentence.section].append(sentence)
            continue
        if sentence.section not in (None, "description", "facts"):
            continue
        if len(words) < 5:
            continue
        if GOAL_CUES.search(sentence.text):
            result["goals"].append(sentence)
        elif OUTCOME_CUES.search(sentence.text):
            result["outcomes"].append(sentence)
        elif (ACTIVITY_CUES.search(sentence.text) or GRANT_USE.search(sentence.text)) and \
                sentence.text[-1:] in ".!":
            result["activities"].append(sentence)
    return result


def indicators(sentences: list[Sentence]) -> list[dict]:
    found = []
    for sentence in sentences:
        text = sentence.text
        if "@" in text or re.search(r"\b(puh|p\.|tel)\b", text):
            continue
        for match in _QUANTITY.finditer(text):
            number = match.group(2).lower()
            value = NUMBER_WORDS.get(number)
            if value is None:
                if not number.isdigit():
                    continue
                value = int(number)
                if 1900 <= value <= 2100 or value == 0:
                    continue
            percent = bool(match.group(3))
            noun = match.group(5) or ""
            if not percent and (not noun or _NOT_UNITS.match(noun)):
                continue
            if not percent and not noun[:1].islower() and not noun.split()[0].endswith("n"):
                continue
            after = text[match.end():match.end() + 2]
            if after.startswith((".", ":")) and not percent and not noun:
                continue
            unit = "percent" if percent else "count"
            start = sentence.start + match.start()
            phrase = text[match.start():match.end()].strip() if not percent else text
            found.append({"value": value, "unit": unit, "text": phrase,
                          "start": start, "end": sentence.start + match.end(),
                          "quote": text})
    return found


# "personer med rörelsehinder", "people with dementia", "children with special needs"
_GROUP_WITH = re.compile(r"\b((?:personer|people|persons|children|barn|unga|young people|"
                         r"families|familjer) with|(?:personer|barn|unga|familjer) med)"
                         r"\s+([\wåäö-]+(?:\s(?!(?:and|or|to|in|of|at|on|the|a|och|eller|i|"
                         r"som|att|för|på|av)\b)[\wåäö-]+)?)(?=[\s,.;:)]|$)", re.I)


@cache
def _groups_by_lemma(language: str) -> dict[str, str]:
    """One-word target groups by their lemma in ``language`` ("nuori" -> "nuoret", "vanhus" ->
    "vanhukset", "familj" -> "familjer", "child" -> "children"), so every case and number
    finds the group as the gazetteer writes it."""
    return {morphology.lemma(group, language).lower(): group for group in gazetteer().groups
            if " " not in group}


def _group(word: str, language: str) -> str:
    """The gazetteer's form of the group ``word`` names in ``language``, else the word (in
    Finnish its nominative plural)."""
    if language == "fi":
        lemma = morphology.base_form(word).lower()
        return _groups_by_lemma(language).get(lemma) or morphology.plural_base(word)
    lemma = morphology.lemma(word, language).lower()
    found = _groups_by_lemma(language).get(lemma, word) if lemma != word else word
    # the table's lemma joins degrees of an adjective: "gamla" is not "äldre", "äldres" is
    return found if found[:3] == word[:3] else word


def target_groups(sentences: list[Sentence], language: str) -> list[str]:
    groups = gazetteer().groups
    phrases = [g for g in groups if " " in g]
    found: list[str] = []
    for sentence in sentences:
        low = sentence.text.lower()
        for phrase in phrases:
            if re.search(r"\b" + re.escape(phrase) + r"\b", low) and phrase not in found:
                found.append(phrase)
        for match in _GROUP_WITH.finditer(low):
            group = f"{match.group(1)} {match.group(2)}"
            if group not in found:
                found.append(group)
        for word in re.findall(r"[\wåäöÅÄÖ-]+", low):
            base = _group(word, language)
            if base in groups and base not in found and not any(base in f for f in found):
                found.append(base)
    for sentence in sentences:
        if sentence.section == "target":
            for part in re.split(r",\s*|\s+sekä\s+|\s+samt\s+", sentence.text.rstrip(".")):
                if 0 < len(part.split()) <= 6 and part.lower() not in found:
                    found.append(part.strip())
    return found


@cache
def _domain_topics() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The domain's own topic phrases ("kulttuurin hyvinvointivaikutukset", "kulturell
    välfärd") from the cue tables, each cue "label|stem words": every stem word matches as the
    start of a word, so any inflected form finds the label."""
    found = []
    for cue in cues("domain_topic"):
        label, _, stems = cue.partition("|")
        words = (stems or label).split()
        pattern = r"\b" + r"\w*[\s-]+".join(map(re.escape, words)) + r"\w*"
        found.append((re.compile(pattern, re.I), label))
    return tuple(found)


def domain_topics(text: str) -> list[str]:
    """The domain topic phrases named in a text, in table order."""
    return list(dict.fromkeys(label for pattern, label in _domain_topics()
                              if pattern.search(text)))


def _common_words(sentences: list[Sentence]) -> list[str]:
    """The words written in lower case, and each sentence's first word in lower case (a
    capital there says nothing of a name)."""
    found = []
    for sentence in sentences:
        for number, word in enumerate(re.findall(r"[\wåäöÅÄÖ-]+", sentence.text)):
            if word[:1].islower():
                found.append(word)
            elif number == 0 and word[1:].islower():
                found.append(word.lower())
    return found


def _phrases(sentences: list[Sentence]) -> list[str]:
    """Runs of two and three words of each sentence, in lower case."""
    found = []
    for sentence in sentences:
        words = re.findall(r"[\wåäöÅÄÖ-]+", sentence.text.lower())
        for size in (2, 3):
            found += [" ".join(words[i:i + size]) for i in range(len(words) - size + 1)]
    return found


def topics(sentences: list[Sentence], language: str, limit: int = 4, min_count: int = 2,
           context: list[Sentence] | None = None) -> list[str]:
    """The domain topic phrases of the text (and of its context, as a grant list's headline
    for each entry), then the YSO concepts named at least ``min_count`` times, most often
    first; words too general to be a topic (cue tables, ``generic_topic``) never count."""
    labels = gazetteer().topics.get(language, {})
    groups = gazetteer().groups
    generic = set(cues("generic_topic"))
    counts: dict[str, int] = {}
    text = " ".join(s.text for s in sentences)
    for word in _common_words(sentences):
        keys = (morphology.base_form(word), morphology.plural_base(word)) \
            if language == "fi" else (word,)
        key = next((k for k in keys if k in labels), None)
        if key is not None and key not in generic and key not in groups:
            counts[key] = counts.get(key, 0) + 1
    if language != "fi":
        for phrase in _phrases(sentences):
            if phrase in labels and phrase not in groups and phrase not in generic:
                counts[phrase] = counts.get(phrase, 0) + 1
    found = domain_topics(" ".join(s.text for s in (context or [])) + " " + text)
    named = [labels[k] for k in sorted(counts, key=lambda k: -counts[k]) if counts[k] >= min_count]
    found += [label for label in named  # "health" is said more exactly by "mental health"
              if not any(other != label and other.endswith(label) for other in found + named)]
    return found[:limit]


_EVENT_LINE = re.compile(r"(" + "|".join(EVENT_HEADS) + r")\w*\b", re.I)
_LOCATIVE = re.compile(r"\b([A-ZÅÄÖ][\w-]+(?:n|in))\s+([\w-]+(?:ssa|ssä|lla|llä))\b")


def events(sentences: list[Sentence], text: str) -> list[dict]:
    found = []
    for sentence in sentences:
        if not _EVENT_LINE.search(sentence.text):
            continue
        dates = [d for d in find_dates(sentence.text)]
        if len(dates) != 1:
            continue
        date, d_start, _d_end = dates[0]
        times = find_times(sentence.text)
        place = None
        loc = _LOCATIVE.search(sentence.text)
        if loc:
            town = morphology.base_form(loc.group(1), prefer="paikannimi")
            hall = morphology.base_form(loc.group(2))
            place = f"{town}, {hall}"
        name = _event_name(sentence, text)
        found.append({"name": name, "date": date,
                      "start_time": times[0][0] if times else None,
                      "end_time": times[0][1] if times else None, "place": place,
                      "start": sentence.start + d_start, "quote": sentence.text})
    unique: dict[str, dict] = {}
    for event in found:
        unique.setdefault(event["date"], event)
    return list(unique.values())


def _event_name(sentence: Sentence, text: str) -> str | None:
    head = re.match(r"(.+?\s?[-–]\s?(?:" + "|".join(EVENT_HEADS) + r"))\w*\b", sentence.text,
                    re.I)
    if head and len(head.group(1).split()) >= 3:
        return head.group(1)
    before = text[:sentence.start].rstrip("\n").rsplit("\n", 1)[-1].strip()
    if before and len(before.split()) <= 12 and not before.endswith("."):
        return before
    return None
