"""Derived reference table ``organisations.tsv``: one row per organisation, all its names.

Built from ``ror_fi.tsv``, ``fi_business_ids.tsv``, ``organisations_hand.tsv``,
``state_bodies.tsv``, the organisations of ``entities-verified.tsv`` and the municipality
list (one municipal organisation per municipality: "Tampereen kaupunki", "Tammerfors stad",
"City of Tampere"). Regenerate with ``python -m kg.link.tables``;
a test checks the shipped file is up to date.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from kg import config
from kg.link.concepts import lemma_key
from kg.link.model import slug
from kg.link.normalise import norm, strip_qualifier
from kg.link.organisations import OrganisationIndex
from kg.link.reference import read_dvv_municipalities, read_tsv, split_multi
from kg.morphology import analyses

COLUMNS = ("key", "name_fi", "name_sv", "name_en", "aliases", "acronyms", "ror", "wikidata",
           "business_id", "kunta", "status", "group", "source")
_MULTI = ("names_fi", "names_sv", "names_en", "aliases", "acronyms")

# Finnish genitives that the rule-based generator below cannot find or picks wrongly
# (irregular stems, plural names, Åland names, names with a suffix).
GENITIVE_OVERRIDES = {
    "Alavus": "Alavuden", "Isokyrö": "Isonkyrön", "Koski Tl": "Kosken Tl",
    "Lemland": "Lemlandin", "Lumparland": "Lumparlandin", "Pedersören kunta": "Pedersören",
    "Punkalaidun": "Punkalaitumen", "Saltvik": "Saltvikin", "Sund": "Sundin",
    "Uusikaupunki": "Uudenkaupungin", "Varkaus": "Varkauden", "Virrat": "Virtain",
    "Rautalampi": "Rautalammin",
}
_ENDINGS = ("", "e", "ee", "a", "ä", "i", "je", "o", "ö", "u", "y", "ie", "ne", "se", "kse",
            "aa", "ää", "in")
_GRADATION = (("nk", "ng"), ("nt", "nn"), ("lt", "ll"), ("rt", "rr"), ("mp", "mm"), ("kk", "k"),
              ("tt", "t"), ("pp", "p"), ("k", ""), ("t", "d"), ("p", "v"), ("si", "de"),
              ("d", "t"))


def finnish_genitive(name: str) -> str:
    """Singular genitive of a municipality name, verified by Voikko ('' if not found)."""
    if name in GENITIVE_OVERRIDES:
        return GENITIVE_OVERRIDES[name]
    stems = {name}
    for strong, weak in _GRADATION:
        at = name.rfind(strong, max(0, len(name) - 5))
        if at >= 0:
            stems.add(name[:at] + weak + name[at + len(strong):])
    found = {
        candidate
        for stem in stems for cut in range(4) for ending in _ENDINGS
        for candidate in [(stem[: len(stem) - cut] if cut else stem) + ending + "n"]
        if any(base.casefold() == name.casefold() and case == "omanto" and number == "singular"
               for base, _class, case, number in analyses(candidate))
    }
    # Several verified forms ("Lahden"/"Lahdin"): the -en form is the standard one.
    return sorted(found, key=lambda g: (not g.endswith("en"), len(g), g))[0] if found else ""


class _Merger:
    """Organisation records merged on any shared identifier (ROR, business ID, kunta);
    a record marked ``merge_by_name`` also merges into one that has any of its names."""

    def __init__(self) -> None:
        self.records: list[dict] = []
        self._by_id: dict[tuple[str, str], dict] = {}
        self._by_name: dict[str, dict] = {}

    def add(self, record: dict) -> None:
        ids = [(scheme, record[scheme]) for scheme in ("ror", "business_id", "kunta")
               if record.get(scheme)]
        target = next((self._by_id[i] for i in ids if i in self._by_id), None)
        names = [norm(n) for field in _MULTI for n in record.get(field, []) if n]
        if target is None and record.get("merge_by_name"):
            target = next((self._by_name[n] for n in names if n in self._by_name), None)
        if target is None:
            target = {field: [] for field in _MULTI}
            self.records.append(target)
        for field in _MULTI:
            target[field] = _unique([*record.get(field, []), *target[field]]
                                    if record.get("override") else
                                    [*target[field], *record.get(field, [])])
        for scalar in ("ror", "wikidata", "business_id", "kunta", "status", "group"):
            if record.get(scalar) and not target.get(scalar):
                target[scalar] = record[scalar]
        target["source"] = "; ".join(_unique([*split_multi(target.get("source", "")),
                                              record["source"]])).replace("; ", "|")
        for scheme, value in ids:
            self._by_id[(scheme, value)] = target
        for name in names:
            self._by_name.setdefault(name, target)


def _unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    return [v for v in values if v and not (norm(v) in seen or seen.add(norm(v)))]


def _ror_records(reference_dir: Path | None) -> list[dict]:
    records = []
    for row in read_tsv("ror_fi.tsv", reference_dir):
        if row["status"] == "withdrawn":
            continue
        finnish = sorted(split_multi(row["names_fi"]), key=lambda n: n.istitle())
        other = [re.sub(r"\s*\[\w+\]$", "", n) for n in split_multi(row["names_other"])]
        records.append({
            "names_fi": finnish, "names_sv": split_multi(row["names_sv"]),
            "names_en": _unique([row["name"], *split_multi(row["names_en"])]),
            "aliases": other, "acronyms": split_multi(row["acronyms"]),
            "ror": row["ror_id"], "wikidata": row["wikidata"], "status": row["status"],
            "group": row["types"], "source": "ror_fi.tsv"})
    return records


def _business_records(reference_dir: Path | None) -> list[dict]:
    return [{"names_fi": [row["name_fi"]], "names_sv": [row["name_sv"]],
             "names_en": [row["name_en"]], "business_id": row["business_id"],
             "ror": row["ror_id_by_name"], "source": "fi_business_ids.tsv"}
            for row in read_tsv("fi_business_ids.tsv", reference_dir)]


def _hand_records(reference_dir: Path | None) -> list[dict]:
    return [{"names_fi": split_multi(row["name_fi"]), "names_sv": split_multi(row["name_sv"]),
             "names_en": split_multi(row["name_en"]), "aliases": split_multi(row["aliases"]),
             "acronyms": split_multi(row["acronyms"]), "ror": row["ror"],
             "wikidata": row["wikidata"], "business_id": row["business_id"],
             "group": row["group"], "override": True,
             "source": "organisations_hand.tsv: " + row["source"]}
            for row in read_tsv("organisations_hand.tsv", reference_dir)]


# State bodies whose business ID is shared by several of them (one ID for all ELY centres and
# elinvoimakeskukset) or whose acronym names every office of the kind: neither identifies one.
_SHARED_IDS = ("ELY Centre", "Economic Development Centre")
_SHARED_ACRONYMS = ("ELY Centre", "Economic Development Centre", "regional state administrative")


def _state_records(reference_dir: Path | None) -> list[dict]:
    """Ministries, agencies, AVIs, ELY centres, former provincial offices (state_bodies.tsv),
    merged by ROR or by name into the records that already have them."""
    records = []
    for row in read_tsv("state_bodies.tsv", reference_dir):
        if not (row["name_fi"] or row["name_sv"] or row["name_en"]):
            continue
        shared_id = row["category"].startswith(_SHARED_IDS)
        shared_acronym = row["category"].startswith(_SHARED_ACRONYMS)
        records.append({
            "names_fi": [row["name_fi"]], "names_sv": [row["name_sv"]],
            "names_en": [row["name_en"]],
            "acronyms": [] if shared_acronym else [row["abbr_fi"]],
            "ror": row["ror"], "wikidata": row["wikidata"],
            "business_id": "" if shared_id else row["business_id"],
            "group": "government", "merge_by_name": True,
            "source": f"state_bodies.tsv ({row['id']})"})
    return records


def _municipal_records(reference_dir: Path | None, ror_records: list[dict]) -> list[dict]:
    """One organisation per municipality; merged with a ROR government record of the same QID."""
    qids = {r["code"]: r["qid"] for r in read_tsv("wikidata_places_fi.tsv", reference_dir)
            if r["level"] == "kunta" and r["status"].startswith("verified")}
    ror_by_qid = {r["wikidata"]: r["ror"] for r in ror_records
                  if r["wikidata"] and "government" in r["group"]}
    records = []
    for code, row in read_dvv_municipalities(reference_dir).items():
        name_fi, name_sv = row["KUNTANIMIFI"], row["KUNTANIMISV"]
        is_city = row["KUNTAMUOTO"].casefold() == "kaupunki"
        genitive = finnish_genitive(name_fi)
        fi = f"{genitive} {'kaupunki' if is_city else 'kunta'}" if genitive else ""
        sv = f"{name_sv} {'stad' if is_city else 'kommun'}"
        en = f"{'City' if is_city else 'Municipality'} of {name_fi}"
        nominative = f"{name_fi} {'kaupunki' if is_city else 'kunta'}"   # "Savonlinna kaupunki"
        records.append({"names_fi": [fi], "names_sv": [sv], "names_en": [en], "kunta": code,
                        "aliases": [nominative],
                        "ror": ror_by_qid.get(qids.get(code, ""), ""), "group": "municipality",
                        "override": True,
                        "source": "dvv_kuntaluettelo_2021.csv (municipal organisation)"})
    return records


_VERIFIED_KIND = "organisation:"
_SHORT_NAME = re.compile(r"^\S+$")   # "SÖFUK", "KulturÖsterbotten": one word, an acronym


def _verified_records(reference_dir: Path | None) -> list[dict]:
    """Organisations of ``entities-verified.tsv``: "Luckan ry", "Svenska Österbottens
    förbund för utbildning och kultur (SÖFUK / KulturÖsterbotten)" (the bracket holds
    short names, or the English name: "Tilastokeskus (Statistics Finland)")."""
    records = []
    for row in read_tsv("entities-verified.tsv", reference_dir):
        if not row["kind"].startswith(_VERIFIED_KIND):
            continue
        name, _, bracket = row["label"].partition(" (")
        others = [part.strip() for part in bracket.rstrip(")").split("/") if part.strip()]
        records.append({
            "names_fi": [name.strip()], "wikidata": row["wikidata"],
            "acronyms": [o for o in others if _SHORT_NAME.match(o)],
            "aliases": [o for o in others if not _SHORT_NAME.match(o)],
            "group": row["kind"][len(_VERIFIED_KIND):].strip(), "merge_by_name": True,
            "source": "entities-verified.tsv"})
    return records


def build_rows(reference_dir: Path | None = None) -> list[dict[str, str]]:
    """Every organisation once; an ``entities-verified.tsv`` organisation only when none of
    the others answers to its name already ("Hämeen ELY-keskus" is the ELY centre's)."""

    ror_records = _ror_records(reference_dir)
    merger = _Merger()
    for record in (*ror_records, *_business_records(reference_dir),
                   *_hand_records(reference_dir), *_state_records(reference_dir),
                   *_municipal_records(reference_dir, ror_records)):
        merger.add(record)
    known = OrganisationIndex(rows=[_row(record) for record in merger.records])
    for record in _verified_records(reference_dir):
        if not known.lookup(record["names_fi"][0]):
            merger.add(record)
    rows = [_row(record) for record in merger.records]
    return sorted(rows, key=lambda r: r["key"])


def _row(record: dict) -> dict[str, str]:
    names = {lang: record["names_" + lang] for lang in ("fi", "sv", "en")}
    canonical = {lang: values[0] if values else "" for lang, values in names.items()}
    main_name = canonical["fi"] or canonical["en"] or canonical["sv"]
    key = (record.get("ror", "").rsplit("/", 1)[-1] or record.get("business_id")
           or slug(main_name))
    aliases = _unique([*names["fi"][1:], *names["sv"][1:], *names["en"][1:], *record["aliases"]])
    return {"key": key, "name_fi": canonical["fi"], "name_sv": canonical["sv"],
            "name_en": canonical["en"], "aliases": "|".join(aliases),
            "acronyms": "|".join(record["acronyms"]), "ror": record.get("ror", ""),
            "wikidata": record.get("wikidata", ""), "business_id": record.get("business_id", ""),
            "kunta": record.get("kunta", ""), "status": record.get("status", ""),
            "group": record.get("group", ""), "source": record["source"]}


def render(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    out.write("\t".join(COLUMNS) + "\n")
    for row in rows:
        out.write("\t".join(row[c].replace("\t", " ") for c in COLUMNS) + "\n")
    return out.getvalue()


def render_baseforms(reference_dir: Path | None = None) -> str:
    """``yso_fi_baseforms.tsv``: Finnish YSO labels whose base-form key differs from the label."""

    lines = ["uri\tlemma_key"]
    for row in read_tsv("yso_concepts.tsv", reference_dir):
        for label in sorted({row["pref_fi"], row["prev_pref_fi"]} - {""}):
            plain = strip_qualifier(label)
            key = lemma_key(plain)
            if key and key != norm(plain):
                lines.append(f"{row['uri']}\t{key}")
    return "\n".join(lines) + "\n"


def main() -> None:
    outputs = {"organisations.tsv": render(build_rows()),
               "yso_fi_baseforms.tsv": render_baseforms()}
    for name, text in outputs.items():
        target = config.REFERENCE_DIR / name
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
