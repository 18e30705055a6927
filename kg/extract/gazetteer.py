"""Gazetteers built from reference data (data/reference) and the hand-written general-knowledge
tables in data/reference/gazetteer: places, organisations, programmes, target-group words."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kg import config

GAZETTEER_DIR = config.REFERENCE_DIR / "gazetteer"


@dataclass
class Place:
    name_fi: str
    name_sv: str
    kind: str  # "municipality" | "region" | "area" (a wider or historical area, a region too)

    def name(self, language: str) -> str:
        return self.name_sv if language == "sv" and self.name_sv else self.name_fi


@dataclass
class Gazetteer:
    places: dict[str, Place] = field(default_factory=dict)  # lower-case name (fi or sv) -> place
    demonyms: dict[str, Place] = field(default_factory=dict)  # "vantaalainen" -> Vantaa
    org_aliases: dict[str, str] = field(default_factory=dict)  # lower-case alias -> canonical
    org_names: set[str] = field(default_factory=set)  # lower-case known organisation names
    # reference names with a conjunction ("... för utbildning och kultur"): kept whole in prose
    org_names_joined: set[str] = field(default_factory=set)
    programmes: dict[str, str] = field(default_factory=dict)  # lower-case alias -> canonical
    programme_aliases: list[tuple[str, str]] = field(default_factory=list)  # as written
    groups: set[str] = field(default_factory=set)
    # lower-case municipality name -> its municipal organisation ("posio" -> "Posion kunta")
    municipal_orgs: dict[str, str] = field(default_factory=dict)
    topics: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> key -> label
    place_words_max: int = 1  # longest place name in words


def _table(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


def _demonym_stems(name: str) -> list[str]:
    low = name.lower()
    stems = [low]
    if low.endswith("i"):
        stems.append(low[:-1] + "e")
    back = any(vowel in low for vowel in "aou")
    suffix = "lainen" if back else "läinen"
    return [stem + suffix for stem in stems]


def _add_place(gaz: Gazetteer, place: Place) -> None:
    for name in (place.name_fi, place.name_sv):
        if name:
            gaz.places.setdefault(name.lower(), place)
            gaz.place_words_max = max(gaz.place_words_max, len(name.split()))
    for demonym in _demonym_stems(place.name_fi):
        gaz.demonyms.setdefault(demonym, place)


def _load_places(gaz: Gazetteer) -> None:
    path = config.REFERENCE_DIR / "dvv_kuntaluettelo_2021.csv"
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";")
    regions: dict[str, Place] = {}
    for row in rows:
        _add_place(gaz, Place(row["KUNTANIMIFI"], row["KUNTANIMISV"], "municipality"))
        regions[row["MAAKUNTANIMIFI"]] = Place(row["MAAKUNTANIMIFI"], row["MAAKUNTANIMISV"],
                                               "region")
    for region in regions.values():
        _add_place(gaz, region)
    _load_former_municipalities(gaz)
    for row in _table(GAZETTEER_DIR / "subregions.tsv"):
        _add_place(gaz, Place(row[0], row[1] if len(row) > 1 else "", "region"))
    _load_areas(gaz)


def _load_areas(gaz: Gazetteer) -> None:
    """Wider and historical areas of the reference data ("Häme", "Järvi-Pohjanmaa") are regions
    too; names a municipality or maakunta already holds keep that meaning."""
    path = config.REFERENCE_DIR / "areas.tsv"
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        if row["name_fi"].lower() not in gaz.places:
            _add_place(gaz, Place(row["name_fi"], row["name_sv"], "area"))


def _load_former_municipalities(gaz: Gazetteer) -> None:
    """Municipalities merged away since 1970 ("Korpo", "Houtskär"): texts name them still."""
    path = config.REFERENCE_DIR / "municipality_changes.tsv"
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        if row["old_name_fi"] and row["old_name_fi"].lower() not in gaz.places:
            _add_place(gaz, Place(row["old_name_fi"], row["old_name_sv"], "municipality"))


_CONJUNCTION = re.compile(r"\s(?:ja|och|and|&)\s")


def _load_reference_names(gaz: Gazetteer) -> None:
    """The organisations of the derived reference table (kg.link.tables): their Swedish and
    English names and other names are organisations' names as written; an acronym not taken
    stands for the first name the row gives."""
    with (config.REFERENCE_DIR / "organisations.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            names = [row["name_fi"], row["name_sv"], row["name_en"], *row["aliases"].split("|")]
            for name in (name for name in names if name and "(" not in name):
                # a name with a conjunction would hold up the splitting of label lists
                joined = _CONJUNCTION.search(name)
                (gaz.org_names_joined if joined else gaz.org_names).add(name.lower())
            canonical = next((name for name in names if name), "")
            if row["group"] == "municipality" and row["aliases"]:  # "Posio kunta"
                gaz.municipal_orgs[row["aliases"].rsplit(" ", 1)[0].lower()] = row["name_fi"]
            for acronym in row["acronyms"].split("|"):
                if canonical and len(acronym) >= 3 and acronym.lower() not in gaz.org_aliases:
                    gaz.org_aliases[acronym.lower()] = canonical


def _load_organisations(gaz: Gazetteer) -> None:
    for canonical, alias in _table(GAZETTEER_DIR / "organisations.tsv"):
        gaz.org_aliases[alias.lower()] = canonical
        gaz.org_names.add(canonical.lower())
    with (config.REFERENCE_DIR / "ror_fi.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            names = [row["name"], *row["names_fi"].split("|"), *row["names_sv"].split("|"),
                     *row["names_en"].split("|")]
            names = [name for name in names if name and "(" not in name]
            gaz.org_names.update(name.lower() for name in names)
            canonical = (row["names_fi"].split("|")[0] or row["name"]).strip()
            for acronym in row["acronyms"].split("|"):
                if len(acronym) >= 3 and acronym.lower() not in gaz.org_aliases:
                    gaz.org_aliases[acronym.lower()] = canonical
    _load_state_bodies(gaz)
    _load_reference_names(gaz)
    with (config.REFERENCE_DIR / "fi_business_ids.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            for key in ("name_fi", "name_sv", "name_en"):
                if row[key]:
                    gaz.org_names.add(row[key].lower())


def _load_state_bodies(gaz: Gazetteer) -> None:
    """Agencies in three languages: Swedish and English names, and abbreviations of three
    letters or more that name one body only, resolve to the Finnish name (aliases already
    known keep their meaning)."""
    with (config.REFERENCE_DIR / "state_bodies.tsv").open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle, delimiter="\t") if row["name_fi"].strip()]
    abbreviations = Counter(row[key].strip().lower() for row in rows
                            for key in ("abbr_fi", "abbr_sv", "abbr_en") if row[key].strip())
    for row in rows:
        canonical = row["name_fi"].strip()
        gaz.org_names.add(canonical.lower())
        aliases = [row["name_sv"], row["name_en"]] + [
            row[key] for key in ("abbr_fi", "abbr_sv", "abbr_en")
            if len(row[key].strip()) >= 3 and abbreviations[row[key].strip().lower()] == 1]
        for alias in (alias.strip() for alias in aliases if alias and alias.strip()):
            gaz.org_aliases.setdefault(alias.lower(), canonical)
    for canonical, alias in _table(config.REFERENCE_DIR / "agency_abbreviations.tsv"):
        gaz.org_aliases.setdefault(alias.lower(), canonical)


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded once per process."""
    gaz = Gazetteer()
    _load_places(gaz)
    _load_organisations(gaz)
    for canonical, alias in _table(GAZETTEER_DIR / "programmes.tsv"):
        gaz.programmes[alias.lower()] = canonical
        gaz.programme_aliases.append((alias, canonical))
        gaz.programmes.setdefault(canonical.lower(), canonical)
    gaz.groups = {row[0] for name in ("groups.tsv", "groups_more.tsv")
                  for row in _table(GAZETTEER_DIR / name)}
    _load_topics(gaz)
    return gaz


def _load_topics(gaz: Gazetteer) -> None:
    """YSO preferred labels (qualifiers removed) per language: one-word labels, and in Swedish
    and English labels of up to three words ("creative industries"), which keep their form."""
    path = config.REFERENCE_DIR / "yso_concepts.tsv"
    columns = {"fi": "pref_fi", "sv": "pref_sv", "en": "pref_en"}
    topics: dict[str, dict[str, str]] = {lang: {} for lang in columns}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            for lang, column in columns.items():
                label = row[column].split(" (")[0].strip()
                if label and label.islower() and (" " not in label or
                                                  lang != "fi" and label.count(" ") <= 2):
                    topics[lang].setdefault(label, label)
    gaz.topics = topics
