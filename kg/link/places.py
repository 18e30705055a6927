"""Municipalities, regions (maakunnat) and wider/smaller areas from the reference data."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kg.link.model import Entity, slug
from kg.link.normalise import norm, strip_qualifier
from kg.link.reference import (
    read_dvv_municipalities,
    read_statfi_municipalities,
    read_tsv,
    split_multi,
)
from kg.link.tables import finnish_genitive

KUNTA_URI = "http://uri.suomi.fi/codelist/jhs/kunta_1_20240101/code/"
MAAKUNTA_URI = "http://uri.suomi.fi/codelist/jhs/maakunta_1_20240101/code/"
WIKIDATA_URI = "http://www.wikidata.org/entity/"

# Wikidata QIDs used: both sources agree, or the National Library's YSO-paikat link alone
# (it reflects Wikidata's own P2347 statements). Who's On First alone is trusted for the
# 19 regions only: for municipalities its locality items are sometimes villages.
_TRUSTED_QID = ("verified", "single source (YSO-paikat)")


def _qid(row: dict[str, str]) -> str:
    status = row["status"]
    trusted = status.startswith(_TRUSTED_QID) or (
        row["level"] == "maakunta" and status.startswith("single source (WOF)")
    )
    return row["qid"] if trusted and row["qid"] else ""


class PlaceIndex:
    """Name -> place entity, for every Finnish and Swedish name the reference data knows."""

    def __init__(self, reference_dir: Path | None = None) -> None:
        self._names: dict[str, set[tuple[str, str]]] = {}
        self.regions: dict[str, Entity] = {}
        self.municipalities: dict[str, Entity] = {}
        self.subregions: dict[str, Entity] = {}
        self.areas: dict[str, Entity] = {}
        self._load_regions(reference_dir)
        self._load_municipalities(reference_dir)
        self._load_subregions(reference_dir)
        self._load_areas(reference_dir)

    # -- loading ---------------------------------------------------------------------------
    def _add_name(self, name: str, kind: str, key: str) -> None:
        for variant in {name, strip_qualifier(name)}:
            if variant:
                self._names.setdefault(norm(variant), set()).add((kind, key))

    def _load_regions(self, reference_dir: Path | None) -> None:
        yso = {r["maakunta_code"]: r for r in read_tsv("yso_places_fi.tsv", reference_dir)
               if r["kind"] == "region"}
        for row in read_tsv("wikidata_places_fi.tsv", reference_dir):
            if row["level"] != "maakunta":
                continue
            code, place = row["code"], yso.get(row["code"], {})
            labels = _labels(row["name_fi"], place.get("pref_sv") or row["name_sv"],
                             place.get("pref_en", ""))
            alt = tuple(("sv", n) for n in {row["name_sv"]} - {place.get("pref_sv", "")} if n)
            self.regions[code] = Entity(
                kind="region", key=code, name=row["name_fi"], lang="fi", labels=labels,
                alt_labels=alt, same_as=_same_as(MAAKUNTA_URI + code, _qid(row)),
                exact_match=(place["uri"],) if place else (),
                identifiers=_identifiers(("maakunta", code), _qid(row)),
                status="linked", from_reference=True)
            for name in (row["name_fi"], row["name_sv"], place.get("pref_sv", ""),
                         place.get("pref_en", "")):
                if name:
                    self._add_name(name, "region", code)

    def _load_municipalities(self, reference_dir: Path | None) -> None:
        statfi = read_statfi_municipalities(reference_dir)
        dvv = read_dvv_municipalities(reference_dir)
        yso = {r["kunta_code"]: r for r in read_tsv("yso_places_fi.tsv", reference_dir)
               if r["kind"] == "municipality"}
        qids = {r["code"]: _qid(r) for r in read_tsv("wikidata_places_fi.tsv", reference_dir)
                if r["level"] == "kunta"}
        region_of = {r["kunta_code"]: r["maakunta_code"] for r in yso.values()}
        former = _former_names(reference_dir)
        for code, statfi_name in statfi.items():
            names_fi = [n.strip() for n in statfi_name.split(" - ")]  # "Maarianhamina - Mariehamn"
            name_fi = dvv.get(code, {}).get("KUNTANIMIFI") or names_fi[0]
            name_sv = dvv.get(code, {}).get("KUNTANIMISV", "")
            place = yso.get(code, {})
            region = self.regions.get(region_of.get(code, ""))
            self.municipalities[code] = Entity(
                kind="municipality", key=code, name=name_fi, lang="fi",
                labels=_labels(name_fi, name_sv, strip_qualifier(place.get("pref_en", ""))),
                alt_labels=tuple(former.get(code, ())),
                same_as=_same_as(KUNTA_URI + code, qids.get(code, "")),
                exact_match=(place["uri"],) if place else (),
                identifiers=_identifiers(("kunta", code), qids.get(code, "")),
                broader=(region,) if region else (), status="linked", from_reference=True)
            for name in {*names_fi, name_fi, name_sv, place.get("pref_fi", ""),
                         place.get("pref_sv", ""), place.get("pref_en", "")}:
                if name:
                    self._add_name(name, "municipality", code)
            for _lang, old in former.get(code, ()):
                self._add_name(old, "municipality", code)

    def _load_subregions(self, reference_dir: Path | None) -> None:
        """Seutukunnat with their region and member municipalities. A sub-region named like
        its centre ("Lahti") is known only as "Lahden seutu(kunta)"; a name that is already
        a municipality's or a region's ("Norra Savolax") is not given to it."""
        taken = set(self._names)
        for row in read_tsv("seutukunnat.tsv", reference_dir):
            code, name_fi = row["code"], row["name_fi"]
            members = tuple(self.municipalities[c] for c in split_multi(row["municipality_codes"]))
            genitive = finnish_genitive(name_fi) if " " not in name_fi else ""
            own = [n for n in (name_fi, row["name_sv"], row["name_en"])
                   if norm(n) not in taken and not _names_its_town(n, members)]
            label = name_fi if name_fi in own else f"{genitive or name_fi} seutukunta"
            key = slug(label)
            forms = [f"{genitive} seutu", f"{genitive} seutukunta"] if genitive else []
            region = self.regions[row["maakunta_code"]]
            self.subregions[key] = Entity(
                kind="subregion", key=key, name=label, lang="fi",
                labels=_labels(label, *(n if n in own else "" for n in (row["name_sv"],
                                                                       row["name_en"]))),
                alt_labels=tuple(("fi", form) for form in forms if form != label),
                identifiers=(("seutukunta", code),), broader=(region,), members=members,
                status="linked", from_reference=True)
            for name in {*own, *forms, label}:
                self._add_name(name, "subregion", key)

    def _load_areas(self, reference_dir: Path | None) -> None:
        """Other areas (areas.tsv); a row naming a sub-region adds its names to it."""
        for row in read_tsv("areas.tsv", reference_dir):
            names = [n for n in (row["name_fi"], row["name_sv"], row["name_en"],
                                 *split_multi(row["aliases"])) if n]
            subregion = self.subregions.get(slug(row["name_fi"]))
            if subregion is not None:
                self._add_alt_names(subregion, names)
                continue
            key = slug(row["name_fi"])
            broader = tuple(self.regions[c] for c in split_multi(row["broader"]))
            self.areas[key] = Entity(
                kind="area", key=key, name=row["name_fi"], lang="fi",
                labels=_labels(row["name_fi"], row["name_sv"], row["name_en"]),
                alt_labels=tuple((None, a) for a in split_multi(row["aliases"])),
                broader=broader, members=tuple(self.municipalities[c]
                                               for c in split_multi(row["members"])),
                status="linked" if broader else "unlinked", from_reference=True)
            for name in names:
                self._add_name(name, "area", key)

    def _add_alt_names(self, entity: Entity, names: list[str]) -> None:
        known = {norm(entity.name), *(norm(v) for _, v in (*entity.labels, *entity.alt_labels))}
        new = [n for n in dict.fromkeys(names) if norm(n) not in known]
        self.subregions[entity.key] = replace(
            entity, alt_labels=(*entity.alt_labels, *((None, n) for n in new)))
        for name in new:
            self._add_name(name, "subregion", entity.key)

    # -- look-up ---------------------------------------------------------------------------
    def lookup(self, name: str) -> list[Entity]:
        """Every place whose name (any language, former names too) normalises to ``name``."""
        found = self._names.get(norm(name), set())
        tables = {"municipality": self.municipalities, "region": self.regions,
                  "subregion": self.subregions, "area": self.areas}
        return [tables[kind][key] for kind, key in sorted(found)]

    def names(self) -> list[str]:
        return list(self._names)

    def with_surface(self, entity: Entity, surface: str, lang: str | None) -> Entity:
        """The entity, with ``surface`` as an alternative label when it is a new name."""
        known = {norm(entity.name), *(norm(v) for _, v in entity.labels),
                 *(norm(v) for _, v in entity.alt_labels)}
        if norm(surface) in known:
            return entity
        return replace(entity, alt_labels=(*entity.alt_labels, (lang, surface)))


def _names_its_town(name: str, members: tuple[Entity, ...]) -> bool:
    """A one-town sub-region's name that is its town's ("Mariehamns stad"): the town's."""
    return len(members) == 1 and any(
        norm(label) in norm(name) for label in (members[0].name, *(v for _, v in
                                                                   members[0].labels)))


def _labels(name_fi: str, name_sv: str, name_en: str) -> tuple[tuple[str, str], ...]:
    pairs = (("sv", strip_qualifier(name_sv)), ("en", strip_qualifier(name_en)))
    return tuple((lang, label) for lang, label in pairs if label)


def _same_as(code_uri: str, qid: str) -> tuple[str, ...]:
    return (code_uri, WIKIDATA_URI + qid) if qid else (code_uri,)


def _identifiers(code: tuple[str, str], qid: str) -> tuple[tuple[str, str], ...]:
    return (code, ("wikidata", qid)) if qid else (code,)


def _former_names(reference_dir: Path | None) -> dict[str, list[tuple[str | None, str]]]:
    former: dict[str, list[tuple[str | None, str]]] = {}
    for row in read_tsv("municipality_changes.tsv", reference_dir):
        names = former.setdefault(row["current_code"], [])
        names.append(("fi", row["old_name_fi"]))
        if row["old_name_sv"] and row["old_name_sv"] != row["old_name_fi"]:
            names.append(("sv", row["old_name_sv"]))
    return former
