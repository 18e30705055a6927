"""Assemble extraction records: split the text into projects and fill each project's fields."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import cache

from kg import morphology
from kg.extract import content, entries, orgs, titles
from kg.extract.country_rows import CountryRow, country_rows
from kg.extract.cues import is_furniture, phrase_pattern, stem_pattern
from kg.extract.dates import Period, find_dates, find_periods
from kg.extract.gazetteer import gazetteer
from kg.extract.grants import Grant, find_grants, first_grant, grant_funders, sentence_grants
from kg.extract.instruments import grant_type_compound, initiatives, instrument_mentions
from kg.extract.langid import identify_language
from kg.extract.layout import is_prose
from kg.extract.money import as_number, find_amounts
from kg.extract.people import EMAIL, PHONE, Person, find_people
from kg.extract.places import PlaceMention, find_places
from kg.extract.roles import (
    Roles,
    defined_org_lead,
    field_roles,
    header_funder,
    prose_roles,
    register_header_title,
)
from kg.extract.segment import Segments, Sentence, segment
from kg.extract.segment import label_key as segment_label
from kg.extract.settings import (
    LEGAL_FORMS,
    SCOPE_CUES,
    SCOPE_VALUES,
    STATUS_CUES,
    STATUS_VALUES,
)

_URL = re.compile(r"\b(?:https?://|www\.)[^\s,;)]+")
_STATUS_PATTERNS = {status: re.compile("|".join(patterns), re.I)
                    for status, patterns in STATUS_CUES.items()}
_GRANT_WORDS = re.compile(r"\b(myön\w*|avustu\w*|rahoitu\w*|bevilja\w*|bidrag\w*|anslag\w*|"
                          r"grant\w*)", re.I)
_PROJECT_WORDS = re.compile(r"\b(hank\w*|projekt\w*|project\w*|ohjelm\w*|program\w*|kokeilu\w*|"
                            r"pilot\w*|försök\w*)\b", re.I)


@dataclass
class ProjectSpan:
    title: str | None
    alts: list[str]
    lines: range  # the lines that belong only to this project
    shared: list[range]  # lines shared with every project of the text
    grantee: tuple[str, int, int] | None = None  # a grant list's recipient (name, offsets)
    grant_eur: float | None = None  # and the amount it received
    grant: Grant | None = None  # a grant named in running text (kg.extract.grants)
    other_phase: list[tuple[int, int]] = field(default_factory=list)  # another phase's sentences
    own_phase: list[tuple[int, int]] = field(default_factory=list)  # this phase's sentences
    translations: dict[str, str] = field(default_factory=dict)  # the title in other languages
    purpose: str | None = None  # what a grant list entry's grant is for, on its own line


def split_projects(seg: Segments, text: str, language: str = "fi") -> list[ProjectSpan]:
    everything = range(0, len(seg.lines))
    leads = seg.all("lead")
    # one label line listing several names is one label ("Koordinaattori" / "A" / "B")
    lead_labels = [label for label, _line in {(f.label.lower(), f.line) for f in leads}]
    repeated = [f for f in leads if lead_labels.count(f.label.lower()) >= 2]
    if len(repeated) >= 2:
        return _list_projects(seg, repeated)
    grants = _grant_lines(seg, language)
    if len(grants) >= 2:
        return _grant_projects(seg, grants)
    rows = country_rows(seg) if language == "en" else []
    if rows:
        return _country_row_projects(rows, len(seg.lines))
    listed = entries.list_entries(seg)
    if listed:
        return _prose_grants_above(seg, listed, language) + _entry_projects(seg, listed)
    headings = titles.heading_candidates(seg)
    if len(headings) >= 2:
        return _heading_projects(seg, headings)
    paragraph_projects = _paragraph_projects(seg)
    if paragraph_projects:
        return paragraph_projects
    prose_grants = _prose_grant_projects(seg, language)
    if prose_grants:
        return prose_grants
    person_led = _person_led_projects(seg, language)
    if person_led:
        return person_led
    sections = _section_projects(seg, language)
    if sections:
        return sections
    candidates = _title_candidates(seg, text)
    if _grant_call(text, candidates):
        return []
    title, alts = titles.choose_title(candidates)
    if title:
        title, acronym = titles.without_bracketed_acronym(title)
        alts = [acronym, *alts] if acronym and acronym not in alts else alts
    headline = any(c.kind == "headline" for c in candidates)
    if title is None and not headline and not _looks_like_project(seg, text):
        return []
    if title and _grant_round_headline(title, candidates):
        return []
    owned = _owned_headings(seg)
    if owned:
        return _owned_projects(seg, owned, title, alts, language)
    phases = _phase_projects(seg, text, title, alts) if title else []
    if phases:
        return phases
    translated = titles.translations(candidates, title, _title_language(title, language), seg) \
        if title else {}
    alts = [alt for alt in alts if alt not in translated.values()]
    main = ProjectSpan(title, alts, everything, [], translations=translated)
    named = [title, *alts, *translated.values()] if title else []
    return [main, *_mentioned_projects(seg, candidates, named)]


_MENTION_WORDS = 2  # words at least in a mentioned "projektet X" name (one for "X-hanke")


def _mentioned_projects(seg: Segments, candidates: list[titles.TitleCandidate],
                        named: list[str]) -> list[ProjectSpan]:
    """Other projects a text names as projects ("pilotoitu aiemmin Kummi kotona -hankkeessa",
    "the “Culture Buddies” project"): one entry each, from the sentences that name it."""
    known = [name.lower() for name in named if name]
    spans: list[ProjectSpan] = []
    for candidate in candidates:
        low = candidate.text.lower()
        if candidate.kind not in ("hanke", "projektet") or \
                candidate.kind == "projektet" and len(candidate.text.split()) < _MENTION_WORDS or \
                any(low in k or k in low for k in known):
            continue
        known.append(low)
        own = [(s.start, s.end) for s in seg.sentences if candidate.text in s.text]
        others = [(s.start, s.end) for s in seg.sentences if candidate.text not in s.text]
        spans.append(ProjectSpan(candidate.text, [], range(0, len(seg.lines)), [],
                                 other_phase=others, own_phase=own))
    return spans


# "Riina Kalmi, dance artist, will ...": a person's name (two or three capitalised words), her
# role up to a comma, and the rest of the line
_PERSON_OPENING = re.compile(r"^((?:[^\W\d_][\w'’-]*)(?: [^\W\d_][\w'’-]*){1,2}), "
                             r"([^.]{2,150}?),\s+")
# the project's name after its word: "titled Ääneen Laulettu (...)", "the project Movement and
# Presence – ... in collaboration with"
_PERSON_LED_TITLE = re.compile(
    r"\b(?:titled|entitled|called|the project|med titeln|projektet)\s+[“\"”]?"
    r"(?P<title>[^\W\d_][^(“\"”,.;]*?)[”\"“]?"
    r"(?=\s\(|\s(?:at|in collaboration|in cooperation|together|på|vid|i samarbete|tillsammans)\b|"
    r"[,.;]|$)")


def _person_led_projects(seg: Segments, language: str) -> list[ProjectSpan]:
    """A list of artists' projects in Swedish or English, one paragraph each opening with a
    person, her role and a verb of the cue tables ("Riina Kalmi, dance artist, will carry out
    the project X ..."): one project per paragraph, two at least; the text above is shared."""
    verbs = phrase_pattern("person_project_verb")
    if language == "fi" or verbs is None:
        return []
    starts = []
    for index, line in enumerate(seg.lines):
        text = line.text.strip()
        opening = _PERSON_OPENING.match(text)
        if opening and all(word[:1].isupper() for word in opening.group(1).split()) and \
                verbs.match(text, opening.end()):
            starts.append(index)
    if len(starts) < 2:
        return []
    shared = [range(0, starts[0])]
    spans = []
    for start, lines in zip(starts, _runs(starts, len(seg.lines)), strict=True):
        named = _PERSON_LED_TITLE.search(seg.lines[start].text)
        title = named.group("title").strip() if named else None
        spans.append(ProjectSpan(title if title and titles.is_valid_title(title) else None, [],
                                 lines, shared))
    return spans


_PROJECT_NOUN = re.compile(r"\b(?:project|projekt(?:et)?|hanke|hankkeen|hankkeessa)\b", re.I)
_SECTION_HEADING_WORDS = 8  # a section heading naming a project has this many words at most


def _section_projects(seg: Segments, language: str) -> list[ProjectSpan]:
    """A page of project sections ("Our projects" / "Culture Buddies" + its paragraph /
    "Singing Homes" + its paragraph): one project per short heading whose section names its
    own lead or funder; two such sections at least. Other headings stay in the section above."""
    heads = [i for i in range(len(seg.lines)) if _section_heading(seg, i, language)]
    if len(heads) < 2:
        return []
    starts = []
    for head, lines in zip(heads, _runs(heads, len(seg.lines)), strict=True):
        body = [s for s in seg.sentences if head < s.line < lines.stop]
        roles = Roles()
        prose_roles(body, language, roles)
        named = language != "fi" and any(_PROJECT_NOUN.search(s.text) for s in body)
        if roles.lead or roles.funder or named:
            starts.append(head)
    if len(starts) < 2:
        return []
    shared = [range(0, starts[0])]
    return [ProjectSpan(seg.lines[head].text.strip(), [], lines, shared)
            for head, lines in zip(starts, _runs(starts, len(seg.lines)), strict=True)]


def _runs(starts: list[int], line_count: int) -> list[range]:
    """The lines of each entry: from its start to the next entry's, the last to the end."""
    return [range(start, end) for start, end in zip(starts, [*starts[1:], line_count],
                                                    strict=True)]


# "1. Miniature lectures", "5. Theater group for children": a numbered item of a list of
# parts or activities, no project's heading
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s")


def _section_heading(seg: Segments, index: int, language: str = "fi") -> bool:
    """A short line that could name a project, standing apart above a paragraph (in Swedish or
    English also set straight under the paragraph before)."""
    text = seg.lines[index].text.strip()
    words = re.findall(r"\w[\w'’-]*", text)  # "|" and dashes are no words
    if not words or len(words) > _SECTION_HEADING_WORDS or _NUMBERED.match(text) or \
            text.endswith((".", "!", "?", ":", ";")) or \
            index in seg.label_lines or not titles.is_valid_title(text) or \
            orgs.looks_like_org(text) or (index > 0 and not _paragraph_ends(seg, index - 1,
                                                                         language)):
        return False
    following = next((line.text.strip() for line in seg.lines[index + 1:] if line.text.strip()),
                     "")
    return is_prose(following)


_PARAGRAPH_LINE = 80  # characters at least in the last line of a paragraph run straight on


def _paragraph_ends(seg: Segments, index: int, language: str) -> bool:
    """A blank line, or in Swedish or English a long line of prose ending a sentence (a page
    that sets its section headings straight under the paragraph above)."""
    text = seg.lines[index].text.strip()
    return not text or language != "fi" and len(text) >= _PARAGRAPH_LINE and \
        text.endswith((".", "!", "?"))


# "Alajärven kaupunki: Kulttuurihautomo", "Q-teatteri ry / Kaupungin huminaa Kaarelassa (Hum
# of the city in Kaarela)": a heading naming a sub-project and its owner (and the title
# translated, in brackets).
_OWNED_HEADING = re.compile(r"^(?P<owner>[^:/]{3,60})(?::|\s/)\s(?P<title>[A-ZÅÄÖ][^:.!?/]{2,80})$")
_TRANSLATED_TITLE = re.compile(r"^(?P<title>.*\S)\s\((?P<translated>[A-ZÅÄÖ][^()]{2,80})\)$")


def _owned_headings(seg: Segments) -> list[tuple[int, re.Match[str]]]:
    found = []
    for index, line in enumerate(seg.lines):
        match = _OWNED_HEADING.match(line.text.strip())
        if match and orgs.looks_like_org(match.group("owner").strip()) and \
                len(_translated(match.group("title").strip(), "")[0].split()) <= 8 and \
                not orgs.is_org_head(match.group("title").split()[-1]) and \
                not segment_label(match.group("owner")) and not _name_list(match.group("title")) \
                and not _plural_noun(match.group("owner").strip()):
            found.append((index, match))
    return found


def _plural_noun(owner: str) -> bool:
    """"Maakunnat: Pohjois-Karjala": one Finnish common noun in the plural labels a field
    (regions, towns, implementers); it is no organisation owning a project."""
    readings = morphology.analyses(owner.lower()) if len(owner.split()) == 1 else ()
    return bool(readings) and all(r[1] == "nimisana" and r[3] == "plural" for r in readings)


_LISTED_NAMES = 3  # capitalised names at least, comma-separated, in a staff line


def _name_list(text: str) -> bool:
    """"LAB-ammattikorkeakoulu: Pia Halonen, Anne Backman, Marja Turkki": after an
    organisation, a list of capitalised names (its staff) is no project's title."""
    parts = [part.split() for part in text.split(", ")]
    return len(parts) >= _LISTED_NAMES and \
        all(part and all(word[:1].isupper() for word in part) for part in parts)


def _owned_projects(seg: Segments, owned: list[tuple[int, re.Match[str]]], title: str | None,
                    alts: list[str], language: str) -> list[ProjectSpan]:
    """An umbrella project (the text above the first owned heading) and one sub-project per
    "Owner: Title" heading, its owner leading."""
    first = owned[0][0]
    spans = [ProjectSpan(title, alts, range(0, first), [])] if title else []
    for i, (line, match) in enumerate(owned):
        end = owned[i + 1][0] if i + 1 < len(owned) else len(seg.lines)
        offset = seg.lines[line].start + len(seg.lines[line].text) - \
            len(seg.lines[line].text.lstrip())
        owner = (match.group("owner").strip(), offset + match.start("owner"),
                 offset + match.end("owner"))
        sub_title, translations = _translated(match.group("title").strip(), language)
        spans.append(ProjectSpan(sub_title, [], range(line, end), [], grantee=owner,
                                 translations=translations))
    return spans


def _translated(title: str, language: str) -> tuple[str, dict[str, str]]:
    """"Estradilla Jakomäki (Jakomäki on stage)": the title and, in brackets, the same title
    in another language."""
    match = _TRANSLATED_TITLE.match(title)
    if not match:
        return title, {}
    title, translated = match.group("title"), match.group("translated")
    first, second = _title_language(title, language), _title_language(translated, language)
    return (title, {second: translated}) if first != second else (title, {})


def _phase_projects(seg: Segments, text: str, title: str,
                    alts: list[str]) -> list[ProjectSpan]:
    """Two consecutive phases told in one text ("X" and "X II", a "jatkohanke"): one project
    each; a sentence naming a phase, and the sentences after it in its paragraph, belong to
    that phase only."""
    base = _PHASE_NUMBER.sub("", title)
    second = re.search(rf"{re.escape(base)}\s(?:II|2)\b", text)
    if base == title and not second:
        return []
    first_title, second_title = base, second.group() if second else title
    phase: dict[int, list[tuple[int, int]]] = {1: [], 2: []}
    current, line = 0, -1
    for sentence in seg.sentences:
        if sentence.line != line:
            current, line = 0, sentence.line
        if second_title in sentence.text or _SECOND_PHASE.search(sentence.text):
            current = 2
        elif _FIRST_PHASE.search(sentence.text):
            current = 1
        if current:
            phase[current].append((sentence.start, sentence.end))
    if not phase[1] or not phase[2]:
        return []
    everything = range(0, len(seg.lines))
    return [ProjectSpan(first_title, [a for a in alts if a != first_title], everything, [],
                        other_phase=phase[2], own_phase=phase[1]),
            ProjectSpan(second_title, [], everything, [], other_phase=phase[1],
                        own_phase=phase[2])]


# A grant list entry, one a line: "Recipient ry, Town, 2 500 euroa", "• Förening rf: 3 000 €",
# "Culture Association, Turku, EUR 1,000" (the town is optional).
_GRANT_LINE = re.compile(
    r"^(?:[-–•*·▪►]\s*)?(?P<name>[^,:;€\d][^,:;€]{2,89}?)"
    r"(?:,\s(?P<place>[A-ZÅÄÖ][\w-]+(?:\s[A-ZÅÄÖ][\w-]+)?))?\s*[,:–-]?\s*"
    r"(?P<amount>(?:€|EUR|eur)\s?\d[\d .,]*\d|\d[\d .,]*\s?(?:€|euroa|euro|eur|EUR))"
    r"(?:\s*[,:–-]?\s+(?P<purpose>[a-zåäö\"”“(][^\n]{2,200}?))?\.?$")
# A row of a table of grants in English: "RESEARCH & ARTS Recipient & work group €530,000
# Title of the project" (the field in capitals, the recipient, the amount, the title).
_FIELD_ROW = re.compile(
    r"^(?P<field>[A-ZÅÄÖ&]{2,}(?:\s[A-ZÅÄÖ&]+)*)\s+(?P<name>[^€\n]{3,120}?)\s*"
    r"(?P<amount>€\s?\d[\d,.]*\d)(?:\s+(?P<title>[A-ZÅÄÖ“\"][^\n]{1,300}?))?\.?$")
# "... & work group", "(Finnish Refugee Council)": no part of the recipient's name
_RECIPIENT_TAIL = re.compile(r"[,\s]*&\s+[a-z][\w ]*$|\s*\([^()]*\)\s*$")
# "Title – Recipient" (or "Recipient – Title") in one grant list entry.
_TITLE_DASH = re.compile(r"\s[–-]\s")
# Lines of that shape that are sums, not grants.
_NOT_A_GRANTEE = re.compile(r"^(?:yhteensä|kaikkiaan|totalt|sammanlagt|total|in total|budjetti|"
                            r"budget|kokonais\w*|summa|avustus|bidrag|grant)\b", re.I)


def _grant_lines(seg: Segments, language: str = "fi") -> list[tuple[int, re.Match[str]]]:

    found = []
    for index, line in enumerate(seg.lines):
        row = _FIELD_ROW.match(line.text.strip()) if language == "en" else None
        if row:
            found.append((index, row))
            continue
        match = _GRANT_LINE.match(line.text.strip())
        if not match or _NOT_A_GRANTEE.match(match.group("name").strip()) or \
                entries.SENTENCE_VERB.search(match.group("name")) or \
                index in seg.label_lines and not match.group("place") and \
                not _labelled_grantee(match, language):
            continue  # a field "Budjetti: 50 000 €" or a sentence "X ry sai 5 000 €" is no entry
        place = match.group("place")
        if place and not find_places(place, "fi", []) and not find_places(place, "sv", []):
            continue
        if place or _named_grantee(match.group("name"), language):
            found.append((index, match))
    return found


def _labelled_grantee(match: re.Match[str], language: str) -> bool:
    """"Recipient: amount": an organisation's name, or a name with what the grant is for."""
    name = match.group("name").strip()
    return orgs.looks_like_org(name) or bool(match.group("purpose")) and \
        _named_grantee(name, language)


_AMOUNT_PREPOSITIONS = frozenset(["för", "med", "på", "om", "for", "with", "of", "worth"])


def _named_grantee(name: str, language: str = "fi") -> bool:
    """A recipient with no town beside it: an organisation's name (head word, legal form, or
    two capitalised words); in Swedish or English no name ends in the preposition that leads
    to the amount."""
    words = name.split()
    if orgs.looks_like_org(name):
        return True
    if language != "fi" and words and words[-1] in _AMOUNT_PREPOSITIONS:
        return False  # a headline "Rekreation för äldre i Åboland för 200 000 euro"
    return sum(1 for w in words if w[:1].isupper()) >= 2


def _grant_projects(seg: Segments, grants: list[tuple[int, re.Match[str]]]) -> list[ProjectSpan]:
    """One untitled project per recipient; the text above the list is shared by all."""
    shared = [range(0, grants[0][0])]
    spans = []
    runs = _runs([line for line, _match in grants], len(seg.lines))
    for (line, match), lines in zip(grants, runs, strict=True):
        offset = seg.lines[line].start + len(seg.lines[line].text) - \
            len(seg.lines[line].text.lstrip())
        title, name, name_start = _entry_title(match)
        grantee = (name, offset + name_start, offset + name_start + len(name))
        amounts = find_amounts(match.group("amount"))
        spans.append(ProjectSpan(title, [], lines, shared, grantee,
                                 amounts[0].eur if amounts else None,
                                 purpose=match.groupdict().get("purpose")))
    return spans


def _country_row_projects(rows: list[CountryRow], line_count: int) -> list[ProjectSpan]:
    """One project per row of a list that names each project's country; the text above is
    shared."""
    shared = [range(0, rows[0].line)]
    runs = _runs([row.line for row in rows], line_count)
    return [ProjectSpan(row.title, [], lines, shared, row.recipient)
            for row, lines in zip(rows, runs, strict=True)]


def _place_mentions(facts: DocumentFacts, span: ProjectSpan, own: list[range],
                    scope_lines: list[range]) -> list:
    """The places a project names: in its own lines and the shared ones; a list entry that
    names its own town ("X ry, Porvoo") takes that town alone, not every town of the list's
    introduction (the introduction's regions stay: the whole list is in them)."""
    seg = facts.seg
    mentions = [m for m in facts.places if _in_lines(seg, m.start, scope_lines) and
                not _in_other_phase(span, m.start)]  # another project's sentence: its town
    own_towns = [m for m in mentions if m.place.kind == "municipality" and
                 _in_lines(seg, m.start, own)]
    if span.grantee is None or not own_towns:
        return mentions
    return [m for m in mentions if m.place.kind != "municipality" or m in own_towns]


def _prose_grants_above(seg: Segments, listed: list[entries.Entry],
                        language: str) -> list[ProjectSpan]:
    """Grants the lead paragraphs name before the list ("Sairaalaklovnit ry (Helsinki) sai
    70 000 euroa ..."), to recipients the list does not hold: one project each."""
    listed_names = {_name_key(e.recipient[0]) for e in listed if e.recipient}
    spans = []
    for sentence in seg.sentences:
        if sentence.line >= listed[0].line or sentence.line in seg.label_lines:
            continue
        for grant in sentence_grants(sentence, language):
            if grant.recipient and grant.eur and _name_key(grant.recipient) not in listed_names:
                listed_names.add(_name_key(grant.recipient))
                name = _one_language_name(grant.recipient, language)
                start = grant.start + grant.recipient.index(name)
                grant = replace(grant, recipient=name, start=start, end=start + len(name))
                spans.append(ProjectSpan(grant.title, [], range(sentence.line, sentence.line + 1),
                                         [range(0, listed[0].line)], (name, start, grant.end),
                                         grant.eur, grant))
    return spans


# "Sairaalaklovnit ry - Sjukhusclowner rf": an association's Finnish and Swedish names
_BILINGUAL_NAME = re.compile(r"^(?P<fi>.+?\s(?:ry|r\.y\.))\s[-–]\s(?P<sv>.+?\s(?:rf|r\.f\.))$")


def _one_language_name(name: str, language: str) -> str:
    """The name in the text's language when the text gives it in Finnish and Swedish."""
    match = _BILINGUAL_NAME.match(name)
    return (match.group("sv") if language == "sv" else match.group("fi")) if match else name


def _name_key(name: str) -> str:
    """A recipient's first word, lower case: "Sairaalaklovnit ry - Sjukhusclowner rf" and
    "Sairaalaklovnit ry" are one."""
    return name.split()[0].lower() if name.split() else ""


def _entry_projects(seg: Segments, listed: list[entries.Entry]) -> list[ProjectSpan]:
    """One project per list entry (kg.extract.entries); the text above the list is shared."""
    shared = [range(0, listed[0].line)]
    runs = _runs([entry.line for entry in listed], len(seg.lines))
    return [ProjectSpan(entry.title, [], lines, shared, entry.recipient, entry.eur,
                        purpose=entry.purpose)
            for entry, lines in zip(listed, runs, strict=True)]


def _entry_title(match: re.Match[str]) -> tuple[str | None, str, int]:
    """A grant list entry's project title (from its purpose, or the other side of a dash
    beside the recipient) and the recipient's name with its offset in the line."""
    if "field" in match.re.groupindex:
        return _row_entry(match)
    name, start = match.group("name").strip(), match.start("name")
    name = entries.without_place(name)
    purpose = entries.PURPOSE_TITLE.match(match.group("purpose") or "") or \
        _CALLED.search(match.group("purpose") or "") or _work_at_end(match.group("purpose"))
    title = purpose.group("title").strip() if purpose else None
    parts = _TITLE_DASH.split(name)
    if len(parts) == 2:
        org_side = [orgs.looks_like_org(part.strip()) for part in parts]
        if org_side.count(True) == 1:
            recipient = parts[org_side.index(True)].strip()
            title = title or parts[org_side.index(False)].strip()
            return title, recipient, start + name.index(recipient)
    return title, name, start


# a grant's purpose naming its work: 'for a movie script called "Utopia"'
_CALLED = re.compile(r"\b(?:called|titled|entitled|named)\s+[“\"”](?P<title>[^”\"“]{2,80})[”\"“]")


# "for an interplanetary animation film Robonauts.": the work's name ends the purpose
_WORK_AT_END = re.compile(r"(?<=[a-z] )(?P<title>[A-ZÅÄÖ][\w-]*(?: [A-ZÅÄÖ][\w-]*){0,4})\.?$")


def _work_at_end(purpose: str | None) -> re.Match[str] | None:
    """The name ending a grant's purpose, unless it names a place, person or organisation."""
    match = _WORK_AT_END.search(purpose or "")
    if match is None:
        return None
    name = match.group("title")
    if orgs.looks_like_org(name) or find_people(name, segment(name)) or \
            any(find_places(name, language, []) for language in ("fi", "sv", "en")):
        return None
    return match


def _row_entry(match: re.Match[str]) -> tuple[str | None, str, int]:
    """A table row's title and recipient: the organisation named, else the person in the
    recipient's words ("Sami activist and director N.N. & work group" -> "N.N.")."""
    name = _RECIPIENT_TAIL.sub("", match.group("name").strip()).strip(" ,")
    start = match.start("name")
    if not orgs.looks_like_org(name):
        people = find_people(name, segment(name))
        if people:
            name = name[people[-1].start:people[-1].end]
    title = (match.group("title") or "").strip()
    title_ok = len(title.split()) > 1 and not is_furniture(title)  # "In": a cut-off row
    return title if title_ok else None, name, start + match.group("name").index(name)


_PHASE_NUMBER = re.compile(r"\s(?:II|2)$")
_SECOND_PHASE = re.compile(r"\b(?:jatkohank\w*|fortsättningsprojekt\w*|toi\w* vaihee\w*|"
                           r"andra (?:skede|etapp|fas)\w*|vaihe 2|etapp 2|fas 2|second phase|"
                           r"phase (?:two|2|II)|follow-up project)\b", re.I)
_FIRST_PHASE = re.compile(r"\b(?:första (?:skede|etapp|fas)\w*|ensimmäi\w* vaihee\w*|vaihe 1|"
                          r"etapp 1|fas 1|first phase|phase (?:one|1|I))\b", re.I)


def _prose_grant_projects(seg: Segments, language: str) -> list[ProjectSpan]:
    """Grant news naming two recipients or more in running text: one project per grant; the
    lines above the first grant (headline, lead paragraph) are shared by all."""
    prose = [s for s in seg.sentences if s.line not in seg.label_lines]
    grants = find_grants(prose, language)
    if len(grants) < 2:
        return []
    first_line = min(g.sentence.line for g in grants)
    shared = [range(0, first_line)]
    spans = [ProjectSpan(g.title, [], range(g.sentence.line, g.sentence.line + 1), shared,
                         (g.recipient, g.start, g.end) if g.recipient else None, g.eur, g)
             for g in grants]
    return _quoted_projects(seg, prose, grants) + spans


def _quoted_projects(seg: Segments, prose: list[Sentence],
                     grants: list[Grant]) -> list[ProjectSpan]:
    """News briefs beside the grants that name a project in quotes ("pilotprojektet ”Kultur i
    vården”"): one entry each, from its sentence to the next grant or the paragraph's end."""
    granted = {g.sentence.start for g in grants}
    spans = []
    for sentence in prose:
        named = titles.quoted_project(sentence.text)
        if named is None or sentence.start in granted:
            continue
        paragraph = [s for s in prose if s.line == sentence.line]
        own = []
        for following in (s for s in paragraph if s.start >= sentence.start):
            if following.start in granted or (own and titles.quoted_project(following.text)):
                break
            own.append(following)
        lines = range(_line_of(seg, own[0].start), _line_of(seg, own[-1].end) + 1)
        others = [(s.start, s.end) for s in seg.sentences
                  if _line_of(seg, s.start) in lines and s not in own]
        spans.append(ProjectSpan(named, [], lines, [], other_phase=others))
    return spans


# "X -hankkeet" under "Projekti"; "X - hanke. Y:n kehittäminen ..." (a subtitle sentence after it)
_HANKE_WORD_TAIL = re.compile(r"\s[-–]\s?(?:hanke|hankkeet)(?:\.\s.*)?$")


def _title_candidates(seg: Segments, text: str) -> list[titles.TitleCandidate]:
    candidates = []
    for fld in seg.all("title"):
        if titles.label_value_is_title(fld.value):
            value = _HANKE_WORD_TAIL.sub("", fld.value)
            candidates.append(titles.TitleCandidate(value, fld.start, fld.start + len(value),
                                                    "label"))
    header_title = register_header_title(seg)
    if header_title:
        candidates.append(titles.TitleCandidate(*header_title, "label"))
    candidates += titles.hanke_candidates(seg) + titles.projektet_candidates(text) + \
        titles.named_project_candidates(text) + titles.copula_candidates(text) + \
        titles.named_compound_candidates(text) + titles.pilot_candidates(text) + \
        titles.head_first_candidates(text)
    for extra in (titles.facts_candidate(seg), titles.first_line_candidate(seg)):
        if extra:
            candidates.append(extra)
    return candidates


def _grant_round_headline(title: str, candidates: list[titles.TitleCandidate]) -> bool:
    """A news item on a round of grants ("Grants for cultural activities for older persons
    boost wellbeing"): its first line opens with a grant word and no project is named."""
    return all(c.kind in ("first_line", "headline") for c in candidates) and \
        stem_pattern("grant_noun").match(title) is not None


_CALL_CUES = 4  # application words at least that make a page naming no project a grant call
_NAMING_KINDS = frozenset(["label", "hanke", "projektet", "copula", "heading", "list"])


def _grant_call(text: str, candidates: list[titles.TitleCandidate]) -> bool:
    """A call for applications ("Dags att söka projektunderstöd", "Erillishaku: ..."): no
    project named by its word, a label or a heading, and the application words many."""
    return not any(c.kind in _NAMING_KINDS for c in candidates) and \
        len(stem_pattern("application_cue").findall(text)) >= _CALL_CUES


def _looks_like_project(seg: Segments, text: str) -> bool:
    if any(f.key in ("lead", "funder", "period", "budget") for f in seg.fields):
        return True
    if len(_PROJECT_WORDS.findall(text)) >= 2:
        return True
    # a grant news item: "Förbundet får 97 000 euro för ..." and a grant word
    if _GRANT_WORDS.search(text) and find_amounts(text[:3000]):
        return True
    # a practice described at length without the word "project": what it aims at and does
    described = content.free_text([s for s in seg.sentences if is_prose(s.text)])
    return sum(len(found) for found in described.values()) >= _DESCRIBED_PRACTICE


_DESCRIBED_PRACTICE = 4  # goal, activity and outcome sentences that make a text one practice


def _line_of(seg: Segments, offset: int) -> int:
    starts = [line.start for line in seg.lines] if seg.line_starts is None else seg.line_starts
    seg.line_starts = starts
    return max(0, bisect_right(starts, offset) - 1)


def _list_projects(seg: Segments, leads: list) -> list[ProjectSpan]:
    starts = []
    for fld in leads:
        start = fld.line
        title = None
        previous = fld.line - 1
        while previous >= 0 and not seg.lines[previous].text.strip():
            previous -= 1
        if previous >= 0 and previous not in seg.label_lines and \
                len(seg.lines[previous].text.split()) <= 16 and \
                not seg.lines[previous].text.strip().endswith("."):
            title = seg.lines[previous].text.strip()
            start = previous
        starts.append((start, title))
    spans = []
    shared = [range(0, starts[0][0])]
    for i, (start, title) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(seg.lines)
        alts = titles.acronym_alts(title, []) if title else []
        spans.append(ProjectSpan(title, alts, range(start, end), shared))
    return spans


def _heading_projects(seg: Segments, headings: list) -> list[ProjectSpan]:
    lines = [_line_of(seg, h.start) for h in headings]
    shared = [range(0, lines[0])]
    spans = []
    for i, heading in enumerate(headings):
        end = lines[i + 1] if i + 1 < len(lines) else len(seg.lines)
        spans.append(ProjectSpan(heading.text, [], range(lines[i], end), shared))
    return spans


def _paragraph_projects(seg: Segments) -> list[ProjectSpan]:
    starting: dict[str, int] = {}
    for candidate in titles.hanke_candidates(seg):
        line = _line_of(seg, candidate.start)
        nested = any(_same_name(candidate.text, t) for t in starting)
        if seg.lines[line].start == candidate.start and not nested:
            starting[candidate.text] = line
    if len(starting) < 2:
        return []
    own_lines: dict[str, list[int]] = {title: [line] for title, line in starting.items()}
    shared = [i for i in range(len(seg.lines)) if i not in starting.values()]
    spans = []
    for title, line_list in own_lines.items():
        line = line_list[0]
        spans.append(ProjectSpan(title, [], range(line, line + 1),
                                 [range(i, i + 1) for i in shared]))
    return spans


_DASH = re.compile(r"\s[-–]\s")


def _same_name(one: str, other: str) -> bool:
    """One name opens the other ("X" / "X II"), or ends it after a dash: "Yhteydenpidon kynnys
    matalaksi – Varsinaista kulttuuria" is a headline before the name "Varsinaista kulttuuria"."""
    a, b = one.lower(), other.lower()
    return a.startswith(b) or b.startswith(a) or \
        any(_DASH.split(x)[-1] == y and x != y for x, y in ((a, b), (b, a)))


_IDENTIFYING = ("lead_organisations", "partner_organisations", "funders", "funding_programmes",
                "start_date", "end_date")


def named_projects(projects: list[dict], language: str) -> list[dict]:
    """A Swedish or English page whose only project has no title, no organisation, programme,
    date or amount, and no one with a role in it (a news item quoting people, a general page)
    names no project: none."""
    if language == "fi" or len(projects) != 1:
        return projects
    project = projects[0]
    named = any(project["title"].values()) or any(project.get(key) for key in _IDENTIFYING) or \
        project["budget"]["total_eur"] is not None or project["budget"]["shares"] or \
        any(person["roles"] for person in project["people"])
    return projects if named else []


# ------------------------------------------------------------------ one project


@dataclass
class DocumentFacts:
    text: str
    language: str
    seg: Segments
    periods: list[Period]
    people: list[Person]
    places: list[PlaceMention]
    excluded: list[tuple[int, int]]
    model_orgs: list[tuple[str, int, int]] = field(default_factory=list)  # optional model's


def _in_lines(seg: Segments, offset: int, lines: list[range]) -> bool:
    line = _line_of(seg, offset)
    return any(line in r for r in lines)


def build_project(span: ProjectSpan, facts: DocumentFacts) -> dict:
    if span.grant is not None:
        return _grant_project(span, span.grant, facts)
    seg, language = facts.seg, facts.language
    own = [span.lines]
    scope_lines = own + span.shared
    sentences = [s for s in seg.sentences if _in_lines(seg, s.start, scope_lines)
                 and not _in_other_phase(span, s.start)]
    own_sentences = [s for s in seg.sentences if _in_lines(seg, s.start, own)
                     and not _in_other_phase(span, s.start)]
    evidence: list[dict] = []

    def note(field: str, value: object, start: int, end: int) -> None:
        line = seg.lines[_line_of(seg, start)]
        quote = next((s.text for s in seg.sentences if s.start <= start < s.end + 1),
                     line.text.strip())
        evidence.append({"field": field, "value": value, "start": start, "end": end,
                         "quote": quote or line.text})

    roles = Roles()
    all_lines = range(0, len(seg.lines))
    field_roles(seg, all_lines if not span.shared else span.lines, language, roles)
    for shared in span.shared:
        field_roles(seg, shared, language, roles)
    prose_roles(sentences, language, roles, facts.model_orgs)
    if not span.grantee:  # a list entry's recipient leads it, not a name at the top
        _header_lead(seg, roles, language)
    header_funder(seg, roles, language)
    programme_mentions(sentences, roles)
    single: Grant | None = None
    if span.grantee:
        # a list entry's recipient leads it, not an organisation named above the list
        roles.lead = [lead for lead in roles.lead if _in_lines(seg, lead[1], [span.lines])]
        if not _person_grantee(span, facts):  # an artist's grant: she is no organisation
            roles.lead.insert(0, (orgs.canonical_org(span.grantee[0], language),
                                  *span.grantee[1:]))
        if not roles.funder:  # "Svenska kulturfonden beviljade bidrag till ..." above the list
            intro = [Sentence(seg.lines[i].text, seg.lines[i].start, seg.lines[i].end, i, None)
                     for lines in span.shared for i in lines]  # "... beviljar stöd till:"
            for name in grant_funders(intro, language):
                roles.funder.append((name, span.grantee[1], span.grantee[2]))
    elif not roles.lead:
        single = _single_grant_roles(sentences, language, roles)
    if not roles.lead and not span.shared:
        defined_org_lead(sentences, language, roles)

    project = {"title": _title_dict(span.title, language, span.translations),
               "alt_titles": span.alts}
    described = [s for s in own_sentences if s.section in (None, "description", "goals")
                 and len(s.text.split()) >= 6 and not s.list_item and s.line not in seg.label_lines
                 and is_prose(s.text)]  # a headline is no description
    project["description"] = _description(described)
    if span.grantee:  # the entry's line, or the line under it, says what the grant is for
        purpose = [line.text.strip() for line in seg.lines[span.lines.start + 1:span.lines.stop]
                   if line.text.strip()]
        project["description"] = span.purpose or (purpose[0] if purpose else None)
        project["grant_use"] = purpose[:1]
        if purpose and span.title is None and _names_a_purpose(purpose[0]):
            project["title"] = _title_dict(purpose[0], language)  # as the list names it
    start, end = _period(span, facts, note, [(s, e) for _n, s, e in roles.programme])
    if span.grantee and start is None:
        start = _list_year(seg, span)
    project["start_date"], project["end_date"] = start, end
    project["status"] = _status(seg, sentences, span)
    for role in ("lead", "partner", "funder", "programme"):
        names = _unique(getattr(roles, role))
        for name, s, e in names:
            note({"lead": "lead_organisations", "partner": "partner_organisations",
                  "funder": "funders", "programme": "funding_programmes"}[role], name, s, e)
    leads = [n for n, _s, _e in _unique(roles.lead)]
    partners = [n for n, _s, _e in _unique(roles.partner) if n not in leads]
    project["lead_organisations"] = leads
    project["partner_organisations"] = partners
    project["funders"] = [n for n, _s, _e in _unique(roles.funder)]
    project["funding_programmes"] = _without_shorter([n for n, _s, _e in _unique(roles.programme)])
    project["budget"] = _budget(seg, sentences, span, note, language, project)
    if single is not None and not project["budget"]["shares"] and len(project["funders"]) == 1:
        # the one funder gives the amount (the record schema wants a share's owner named)
        eur = as_number(single.eur)
        project["budget"]["shares"] = [{"organisation": project["funders"][0], "eur": eur}]
        note("budget.shares", eur, single.sentence.start, single.sentence.end)
    project["scope"] = _scope(seg, sentences)
    regions, municipalities = [], []
    for mention in _place_mentions(facts, span, own, scope_lines):
        target = municipalities if mention.place.kind == "municipality" else regions
        if mention.name not in target:
            target.append(mention.name)
            note("regions" if target is regions else "municipalities", mention.name,
                 mention.start, mention.end)
    areas = {m.name for m in facts.places if m.place.kind == "area"}
    if any(name not in areas for name in regions):  # the maakunnat named say it more exactly
        regions = [name for name in regions if name not in areas]
        evidence[:] = [e for e in evidence if e["field"] != "regions" or e["value"] in regions]
    project["regions"], project["municipalities"] = regions, municipalities
    project["target_groups"] = content.target_groups(own_sentences, language)
    project["topics"] = content.topics(sentences, language)
    sorted_text = content.free_text([s for s in own_sentences if s.line not in seg.value_lines
                                     or s.section in ("goals", "activities", "outcomes")])
    for key in ("goals", "activities", "outcomes"):
        project[key] = list(dict.fromkeys(s.text for s in sorted_text[key]))
    for purpose in project.pop("grant_use", []):  # a list entry's line says what it is for
        if purpose not in project["activities"] and not content.GOAL_CUES.search(purpose):
            project["activities"].insert(0, purpose)
    indicators = content.indicators(own_sentences if span.shared else sentences)
    for item in indicators:
        evidence.append({"field": "indicators", "value": item["value"], "start": item["start"],
                         "end": item["end"], "quote": item["quote"]})
    project["indicators"] = _unique_indicators(indicators)
    people = [p for p in facts.people if _in_lines(seg, p.start, scope_lines)]
    for person in people:
        note("people", person.name, person.start, person.end)
    project["people"] = [p.as_record() for p in people]
    if not project["lead_organisations"]:
        project["lead_organisations"] = _lead_of_project_staff(people, project) or \
            (_shared_organisation(people, project) if language != "fi" else [])
    events = content.events(own_sentences or sentences, facts.text)
    for event in events:
        evidence.append({"field": "events", "value": event["date"], "start": event["start"],
                         "end": event["start"] + 10, "quote": event["quote"]})
    project["events"] = [{k: e[k] for k in ("name", "date", "start_time", "end_time", "place")}
                         for e in events]
    project["links"] = _links(seg, sentences)
    project["evidence"] = evidence
    return project


def _person_recipient(grant: Grant, facts: DocumentFacts) -> Person | None:
    """The person a Swedish or English grant in running text goes to: one named at the
    recipient's place, or whose surname the recipient is ("Winter får 7600 euro")."""
    if facts.language == "fi" or grant.recipient is None:
        return None
    return next((p for p in facts.people if p.start == grant.start and p.end == grant.end or
                 grant.recipient == p.name.split()[-1] and len(p.name.split()) > 1), None)


def _person_grantee(span: ProjectSpan, facts: DocumentFacts) -> bool:
    """A Swedish or English list entry whose recipient is a person ("Anna Berg, 10.500 € for
    ..."), or overlaps one the text names with fewer or more of her names."""
    return facts.language != "fi" and span.grantee is not None and \
        any(p.start < span.grantee[2] and span.grantee[1] < p.end for p in facts.people)


def _description(described: list[Sentence]) -> str | None:
    """The first described sentence that ends as a sentence does (a line without its full
    stop is a headline, however long)."""
    return next((s.text for s in described
                 if s.text.rstrip().endswith((".", "!", "?", "”", '"'))), None)


def _names_a_purpose(line: str) -> bool:
    """A grant list's line under an entry that names what the grant is for, in a short
    phrase ("työpajatoimintaan Lahden seudulla"), not a sentence or another entry."""
    return len(line.split()) <= 12 and not line.endswith(".") and not find_amounts(line) \
        and not is_furniture(line)


_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


def _list_year(seg: Segments, span: ProjectSpan) -> str | None:
    """The year in the heading right above a grant list ("... avustukset vuonna 2013")."""
    above = [i for lines in span.shared for i in lines if seg.lines[i].text.strip()]
    if not above:
        return None
    heading = seg.lines[above[-1]].text.strip()
    years = _YEAR.findall(heading)
    return years[0] if len(years) == 1 and len(heading.split()) <= 12 else None


def _single_grant_roles(sentences: list[Sentence], language: str, roles: Roles) -> Grant | None:
    """A text about one grant: its recipient leads, its funder (when named) funds; the grant."""
    grant = first_grant(sentences, language)
    if grant is None or grant.recipient is None:
        return None
    roles.add("lead", grant.recipient, grant.start, grant.end, language)
    if grant.funder and not roles.funder:
        roles.add("funder", grant.funder, grant.start, grant.end, language)
    return grant


def _grant_project(span: ProjectSpan, grant: Grant, facts: DocumentFacts) -> dict:
    """A project named by one grant in running text: recipient, amount, title and place from
    the grant, funders and programmes from the text's headline and lead paragraph."""
    seg, language = facts.seg, facts.language
    shared = [s for s in seg.sentences if _in_lines(seg, s.start, span.shared)]
    evidence: list[dict] = []

    def note(field: str, value: object, start: int, end: int, quote: str) -> None:
        evidence.append({"field": field, "value": value, "start": start, "end": end,
                         "quote": quote})

    roles = Roles()
    prose_roles(shared, language, roles, facts.model_orgs)
    programme_mentions(shared, roles)
    instruments = instrument_mentions(seg.sentences)  # a list's grants share them
    roles.programme.extend(instruments or grant_type_compound(seg.sentences))
    funders = [grant.funder] if grant.funder else []
    funders += [n for n in grant_funders(facts.seg.sentences, language) if n not in funders]
    funders += [n for n, _s, _e in _unique(roles.funder) if n not in funders]
    sentence = grant.sentence
    recipient = _person_recipient(grant, facts)  # an artist's grant names her, no organisation
    empty = _empty_project(span.title or _named_next(seg, sentence), language)
    project = empty | {
        "description": sentence.text if len(sentence.text.split()) >= 6 and
        sum(1 for _ in re.finditer(r"\d[\d ]*(?:€|euro)", sentence.text)) <= 1 else None,
        "lead_organisations": [grant.recipient] if grant.recipient and recipient is None else [],
        "funders": funders[:1],
        "funding_programmes": [n for n, _s, _e in _unique(roles.programme)],
        "municipalities": [grant.municipality] if grant.municipality else [],
        "target_groups": content.target_groups([sentence], language),
        "topics": content.topics([sentence], language, min_count=1, context=shared),
    }
    project["activities"] = _grant_activities(project["description"], seg, sentence)
    if recipient is not None:
        project["people"] = [recipient.as_record()]
    elif grant.recipient:
        note("lead_organisations", grant.recipient, grant.start, grant.end, sentence.text)
    if grant.eur is not None and funders:  # the record schema wants a share's owner named
        eur = as_number(grant.eur)
        project["budget"] = {"total_eur": None,
                             "shares": [{"organisation": funders[0], "eur": eur}]}
        note("budget.shares", eur, sentence.start, sentence.end, sentence.text)
    if grant.municipality:
        note("municipalities", grant.municipality, grant.start, grant.end, sentence.text)
    for name in project["funders"] + project["funding_programmes"]:
        note("funders" if name in funders else "funding_programmes", name, sentence.start,
             sentence.end, sentence.text)
    project["evidence"] = evidence
    return project


def _grant_activities(description: str | None, seg: Segments, sentence: Sentence) -> list[str]:
    """What a grant is for: its sentence (unless it states a goal) and the sentences after it
    in the same paragraph that say what the money is used for."""
    found = [description] if description and not content.GOAL_CUES.search(description) else []
    for following in seg.sentences:
        if following.start <= sentence.start or following.line != sentence.line:
            continue
        if find_amounts(following.text):  # the next grant
            break
        if content.GRANT_USE.search(following.text):
            found.append(following.text)
    return found


def _named_next(seg: Segments, sentence: Sentence) -> str | None:
    """"X får 5.000 euro. Pengarna skall användas för projektet Kökarform.": the project the
    sentence after a grant names, in the same paragraph."""
    following = next((s for s in seg.sentences if s.start > sentence.start), None)
    if following is None or following.line != sentence.line:
        return None
    named = titles.projektet_candidates(following.text)
    return named[0].text if named else None


_PROJECT_STAFF = re.compile(r"(?:projekti|hanke|projekt|project)\w*(?:päällikkö|koordinaattori|"
                            r"työntekijä|vastaava|ledare|chef|samordnare|manager|coordinator)$"
                            r"|^toiminnanjohtaja$|^verksamhetsledare$", re.I)


def _lead_of_project_staff(people: list[Person], project: dict) -> list[str]:
    """No lead named: the organisation of the project's own staff (its project manager or
    coordinator, or the director of the organisation that runs it) leads."""
    for person in people:
        organisation = person.organisation
        if organisation and organisation not in project["partner_organisations"] and \
                organisation not in project["funders"] and \
                any(_PROJECT_STAFF.search(role) for role in person.roles):
            return [organisation]
    return []


def _shared_organisation(people: list[Person], project: dict) -> list[str]:
    """No lead named: the one organisation of every person a Swedish or English project page
    lists, two at least ("Professor X / University of Turku", "PhD Y / University of Turku")."""
    named = {person.organisation for person in people}
    if len(people) < 2 or len(named) != 1 or None in named:
        return []
    organisation = named.pop()
    others = project["partner_organisations"] + project["funders"]
    return [organisation] if organisation not in others else []


def _empty_project(title: str | None, language: str) -> dict:
    return {"title": _title_dict(title, language), "alt_titles": [], "description": None,
            "start_date": None, "end_date": None, "status": None, "lead_organisations": [],
            "partner_organisations": [], "funders": [], "funding_programmes": [],
            "budget": {"total_eur": None, "shares": []}, "scope": None, "regions": [],
            "municipalities": [], "target_groups": [], "topics": [], "goals": [],
            "activities": [], "outcomes": [], "indicators": [], "people": [], "events": [],
            "links": []}


def _in_other_phase(span: ProjectSpan, offset: int) -> bool:
    return any(start <= offset < end for start, end in span.other_phase)


def _title_dict(title: str | None, language: str,
                translations: dict[str, str] | None = None) -> dict:
    result: dict[str, str | None] = {"fi": None, "sv": None, "en": None}
    if not title:
        return result
    if " / " in title:
        first, second = title.split(" / ", 1)
        result["fi"], result["sv"] = first.strip(), second.strip()
        return result
    result[_title_language(title, language)] = title
    for other, translated in (translations or {}).items():
        if other in result and result[other] is None:
            result[other] = translated
    return result


def _title_language(title: str, language: str) -> str:
    """The language a title is written in (the text's language when nothing tells): Finnish
    when Voikko knows (nearly) all its words, else the language identifier's guess for a
    title of four words or more ("Klingande by" says too little)."""
    words = [w for w in re.findall(r"[\wåäöÅÄÖ]+", title) if len(w) >= 3 and not w.isupper()]
    known = sum(morphology.is_known(w) for w in words)
    # in a Swedish or English text only a (nearly) wholly Finnish title is Finnish
    needed = max(1, len(words) // 2) if language == "fi" else \
        (len(words) - 1 if len(words) > 2 else len(words))
    if words and known >= needed:
        return "fi"
    guess = identify_language(title, default="") if len(title.split()) > 3 else ""
    return guess if guess in ("fi", "sv", "en") else language


def _without_shorter(names: list[str]) -> list[str]:
    """Names without those another one continues ("Manner-Suomen maaseudun kehittämisohjelma"
    beside "... kehittämisohjelma 2014–2020": one programme, read twice)."""
    return [n for n in names
            if not any(o != n and o.lower().startswith(n.lower() + " ") for o in names)]


def _unique(items: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    seen: dict[str, tuple[str, int, int]] = {}
    for name, start, end in items:
        key = name.lower()
        if key not in seen:
            seen[key] = (name, start, end)
    return list(seen.values())


_HEADER_NAME_WORDS = 5  # an owner's name on a line of its own has this many words at most


def _header_lead(seg: Segments, roles: Roles, language: str) -> None:
    """Database entries name the owner on a line of its own near the top ("Lapuan kaupunki")."""
    if roles.lead:
        return
    for index, line in enumerate(seg.lines[:8]):
        text = line.text.strip()
        words = text.split()
        # a registered association's name may run longer ("Kulttuuriyhdistys Mäki, pelto ja
        # metsä ry")
        longest = _HEADER_NAME_WORDS + 3 if words and words[-1].lower() in LEGAL_FORMS \
            else _HEADER_NAME_WORDS
        if not text or index in seg.label_lines or len(words) > longest or text.endswith("."):
            continue
        whole_name = language == "fi" or orgs.leading_name(text) == text  # no "X till ett Y"
        if orgs.is_org_head(words[-1]) and words[0][:1].isupper() and len(words) >= 2 and \
                whole_name:
            roles.add("lead", text, line.start, line.end, language)
            return


@cache
def _programme_patterns() -> list[tuple[re.Pattern[str], str]]:
    patterns = []
    for alias, canonical in gazetteer().programme_aliases:
        if alias.isupper() or alias.endswith("+") or alias[:1].isupper():
            flags = re.I if len(alias) > 6 else 0
            patterns.append((re.compile(rf"(?<![\w-]){re.escape(alias)}(?![\w+])", flags),
                             canonical))
    return patterns


# The government's key projects of 2015-2019 are programmes, named with their purpose:
# "regeringens spetsprojekt för att utvidga procentprincipen", "the Government's key project to ..."
_KEY_PROJECT = re.compile(r"\b(regeringens spetsprojekt för att [^.;]{3,120}|"
                          r"the Government's key project to [^.;]{3,120})", re.I)


def programme_mentions(sentences: list[Sentence], roles: Roles) -> None:
    roles.programme.extend(instrument_mentions(sentences))
    programmes, funders = initiatives(sentences)
    roles.programme.extend(programmes)
    roles.funder.extend(funders)
    patterns = _programme_patterns()
    for sentence in sentences:
        key = _KEY_PROJECT.search(sentence.text)
        if key:
            roles.programme.append((key.group(1).rstrip(". "), sentence.start + key.start(1),
                                    sentence.start + key.end(1)))
        quoted = re.search(r'\b(?:bidraget|avustus|grant)\s+"([^"]{3,80})"', sentence.text)
        if quoted:
            roles.programme.append((quoted.group(1), sentence.start, sentence.end))
        for pattern, canonical in patterns:
            match = pattern.search(sentence.text)
            if match:
                roles.programme.append((canonical, sentence.start + match.start(),
                                        sentence.start + match.end()))
        question = re.search(r"\b([\w+-]+)-hanke\?$", sentence.text)
        if question and orgs.programme_of(question.group(1)):
            roles.programme.append((orgs.programme_of(question.group(1)), sentence.start,
                                    sentence.end))


def _period(span: ProjectSpan, facts: DocumentFacts, note,
            programme_spans: list[tuple[int, int]]) -> tuple[str | None, str | None]:
    """The project's period: a period field, start and end fields, else the best period in
    its own lines (then in lines shared with other entries). Years that are part of a
    funding programme's name ("Uudistuva ja osaava Suomi 2021–2027 -ohjelma") are the
    programme's, not the project's."""
    seg = facts.seg
    for key in ("period",):
        for fld in seg.fields:
            if fld.key == key and _in_lines(seg, fld.start, [span.lines] + span.shared):
                periods = find_periods(fld.value)
                if periods:
                    best = min(periods, key=lambda p: p.rank)
                    note("start_date", best.start, fld.start, fld.end)
                    return best.start, best.end
    start_field, end_field = seg.first("start"), seg.first("end")
    if start_field and end_field:
        starts, ends = find_dates(start_field.value), find_dates(end_field.value)
        if starts and ends:
            note("start_date", starts[0][0], start_field.start, start_field.end)
            note("end_date", ends[0][0], end_field.start, end_field.end)
            return starts[0][0], ends[0][0]
    periods = [p for p in facts.periods
               if not any(start <= p.offset and not facts.text[end:p.offset].strip()
                          for start, end in programme_spans)]
    candidates = [p for p in periods if _in_lines(seg, p.offset, [span.lines])
                  and not _in_other_phase(span, p.offset)]
    in_phase = [p for p in candidates if any(s <= p.offset < e for s, e in span.own_phase)]
    candidates = in_phase or candidates
    if not candidates:
        candidates = [p for p in periods if _in_lines(seg, p.offset, span.shared)]
    if not candidates:
        return None, None
    best = min(candidates, key=lambda p: (p.rank, p.offset))
    note("start_date", best.start, best.offset, best.end_offset)
    if best.end:
        note("end_date", best.end, best.offset, best.end_offset)
    return best.start, best.end


def _value_status(value: str) -> str | None:
    low = value.lower().strip(" .")
    for status, words in STATUS_VALUES.items():
        if low in words:
            return status
    return None


def _status(seg: Segments, sentences: list[Sentence], span: ProjectSpan) -> str | None:
    for fld in seg.all("status"):
        status = _value_status(fld.value)
        if status:
            return status
    for line in seg.lines[:12]:
        status = _value_status(line.text)
        if status and len(line.text.split()) <= 2:
            return status
    for status, pattern in _STATUS_PATTERNS.items():
        table = phrase_pattern(f"status_{status}")
        for sentence in sentences:
            if pattern.search(sentence.text) or (table and table.search(sentence.text)):
                return status
    return None


def _scope(seg: Segments, sentences: list[Sentence]) -> str | None:
    for fld in seg.all("scope"):
        low = fld.value.lower().strip(" .")
        for scope, words in SCOPE_VALUES.items():
            if low in words:
                return scope
        return None
    for scope, pattern in SCOPE_CUES.items():
        if any(re.search(pattern, s.text, re.I) for s in sentences):
            return scope
    for scope in SCOPE_VALUES:
        table = phrase_pattern(f"scope_{scope}")
        if table and any(table.search(s.text) for s in sentences):
            return scope
    return None


def _budget(seg: Segments, sentences: list[Sentence], span: ProjectSpan, note, language: str,
            project: dict) -> dict:
    total = None
    for fld in seg.fields:
        if fld.key == "budget" and _in_lines(seg, fld.start, [span.lines] + span.shared):
            amounts = find_amounts(fld.value)
            if amounts:
                total = as_number(amounts[0].eur)
                note("budget.total_eur", total, fld.start, fld.end)
                break
    shares = []
    for fld in seg.fields:
        if fld.key is None and "osuus" in fld.label.lower():
            amounts = find_amounts(fld.value)
            owner = fld.label.split()[0]
            if amounts:
                organisation = orgs.canonical_org(owner, language)
                shares.append({"organisation": organisation, "eur": as_number(amounts[0].eur)})
                note("budget.shares", amounts[0].eur, fld.start, fld.end)
    for fld in seg.all("granted"):
        amounts = find_amounts(fld.value)
        if amounts and _in_lines(seg, fld.start, [span.lines] + span.shared):
            eur = as_number(amounts[0].eur)
            if project["funders"]:
                shares.append({"organisation": project["funders"][0], "eur": eur})
            elif total is None:
                total = eur
            note("budget.shares", eur, fld.start, fld.end)
            break
    if span.grant_eur is not None and (project["funders"] or language != "fi"):
        # a list entry's amount is the grant's share; its giver stays null when none is named
        giver = project["funders"][0] if project["funders"] else None
        shares.append({"organisation": giver, "eur": as_number(span.grant_eur)})
        return {"total_eur": total, "shares": shares}
    own = [s for s in sentences if _in_lines(seg, s.start, [span.lines])]
    for sentence in own:
        if not _GRANT_WORDS.search(sentence.text):
            continue
        amounts = find_amounts(sentence.text)
        funder_names = [n for n in project["funders"] if _mentions(sentence.text, n)]
        if len(amounts) == 1 and len(funder_names) == 1:
            eur = as_number(amounts[0].eur)
            shares.append({"organisation": funder_names[0], "eur": eur})
            note("budget.shares", eur, sentence.start + amounts[0].start,
                 sentence.start + amounts[0].end)
    return {"total_eur": total, "shares": shares}


def _mentions(text: str, name: str) -> bool:
    stem = name.lower()[: max(4, len(name) - 3)]
    return stem in text.lower()


def _links(seg: Segments, sentences: list[Sentence]) -> list[str]:
    links = []
    for fld in seg.all("link"):
        links.append(fld.value.strip())
    for sentence in sentences:
        for match in _URL.finditer(sentence.text):
            link = match.group().rstrip(".")
            if link not in links and not EMAIL.search(link):
                links.append(link)
    for line in seg.lines:
        for match in _URL.finditer(line.text):
            link = match.group().rstrip(".")
            if link not in links:
                links.append(link)
    return links


def _unique_indicators(items: list[dict]) -> list[dict]:
    seen, result = set(), []
    for item in items:
        key = (item["value"], item["unit"], item["text"])
        if key not in seen:
            seen.add(key)
            result.append({"value": item["value"], "unit": item["unit"], "text": item["text"]})
    return result


def excluded_spans(text: str, seg: Segments) -> list[tuple[int, int]]:
    """Spans whose place names do not count: organisation names, addresses, contact lines."""
    spans = list(orgs.org_spans(text))
    for fld in seg.fields:
        if fld.key in ("address", "contact_name", "email", "phone", "link"):
            spans.append((fld.start, fld.end))
    for line in seg.lines:
        if re.search(r"\b\d{5}\b", line.text) or EMAIL.search(line.text) or \
                PHONE.search(line.text):
            spans.append((line.start, line.end))
    return spans
