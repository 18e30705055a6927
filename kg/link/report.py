"""Link coverage over a directory of extraction records (``kg links --report``)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.ingest.registers import load_mapping, mapping_paths, read_register
from kg.link.linker import ReferenceLinker
from kg.link.model import Entity

KINDS = ("municipality", "region", "subregion", "area", "organisation", "topic",
         "target_group")
CSV_COLUMNS = ("kind", "total", "linked", "ambiguous", "unlinked")
_ORG_FIELDS = ("lead_organisations", "partner_organisations", "funders")


@dataclass
class KindCounts:
    linked: dict[str, str] = field(default_factory=dict)      # name -> what it was linked to
    ambiguous: dict[str, str] = field(default_factory=dict)   # name -> candidates
    unlinked: dict[str, str] = field(default_factory=dict)    # name -> nearest candidates
    broad_only: set[str] = field(default_factory=set)         # linked by skos:broadMatch only

    @property
    def total(self) -> int:
        return len(self.linked) + len(self.ambiguous) + len(self.unlinked)


def record_names(records_dir: Path, problems: list[str]) -> Iterator[tuple[str, str, str, str]]:
    """(report kind, name, language, record field) for every name in every record."""
    for path in sorted(records_dir.glob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            projects = record["projects"]
        except (OSError, ValueError, KeyError, TypeError) as error:
            problems.append(f"{path}: not a readable extraction record ({error})")
            continue
        lang = record.get("language")
        for project in projects:
            for field_name in _ORG_FIELDS:
                for name in project.get(field_name) or []:
                    yield "organisation", name, lang, field_name
            for share in (project.get("budget") or {}).get("shares") or []:
                if share.get("organisation"):
                    yield "organisation", share["organisation"], lang, "budget"
            for field_name in ("regions", "municipalities"):
                for name in project.get(field_name) or []:
                    yield "place", name, lang, field_name
            for name in project.get("topics") or []:
                yield "topic", name, lang, "topics"
            for name in project.get("target_groups") or []:
                yield "target_group", name, lang, "target_groups"


def build_report(records_dir: Path, linker: ReferenceLinker) -> tuple[dict[str, KindCounts],
                                                                         list[str]]:
    problems: list[str] = []
    counts = {kind: KindCounts() for kind in KINDS}
    for kind, name, lang, field_name in record_names(records_dir, problems):
        if kind == "organisation":
            entity = linker.organisation(name, lang)
        elif kind == "place":
            entity = linker.place(name, lang)
            kind = entity.kind if entity.status == "linked" else (
                "municipality" if field_name == "municipalities" else "region")
        else:
            entity = linker.concept(name, lang, field_name)
        _count(counts[kind], name, entity)
    return counts, problems


def _count(counts: KindCounts, name: str, entity: Entity) -> None:
    if entity.status == "linked":
        counts.linked[name] = _target(entity)
        if entity.broad_match and not (entity.exact_match or entity.close_match):
            counts.broad_only.add(name)
    elif entity.status == "ambiguous":
        counts.ambiguous[name] = "; ".join(entity.candidates)
    else:
        counts.unlinked[name] = "; ".join(entity.candidates)


def _target(entity: Entity) -> str:
    ids = [f"{scheme}:{value}" for scheme, value in entity.identifiers if scheme != "wikidata"]
    uris = [*entity.exact_match, *(f"~{u}" for u in entity.close_match),
            *(f"<{u}" for u in entity.broad_match)]
    shown = [u.replace("http://www.yso.fi/onto/yso/", "yso:") for u in uris]
    broader = ([f"in {b.name}" for b in entity.broader] + [f"{len(entity.members)} members"]
               if entity.kind in ("area", "subregion") else [])
    return f"{entity.name} [{', '.join([*ids, *shown, *broader]) or entity.key}]"


def register_organisations(registers_dir: Path) -> Iterator[tuple[str, str, str]]:
    """(source, organisation name, language) for every funder and implementer named in
    every row of every register (source: the register's file name)."""

    for path in mapping_paths(registers_dir):
        read = read_register(load_mapping(path))
        for row in read.rows:
            for project in row.record["projects"]:
                for field_name in _ORG_FIELDS:
                    for name in project.get(field_name) or []:
                        yield read.mapping.data_file.name, name, read.mapping.language


def organisations_by_source(records_dir: Path, registers_dir: Path | None,
                            linker: ReferenceLinker) -> dict[str, KindCounts]:
    """Organisation link counts per source: the records (texts), then each register."""
    by_source: dict[str, KindCounts] = {}
    names = [("records", name, lang) for kind, name, lang, _ in record_names(records_dir, [])
             if kind == "organisation"]
    registers = register_organisations(registers_dir) if registers_dir else iter(())
    for source, name, lang in (*names, *registers):
        counts = by_source.setdefault(source, KindCounts())
        if name not in counts.linked and name not in counts.ambiguous \
                and name not in counts.unlinked:
            _count(counts, name, linker.organisation(name, lang))
    return by_source


def render_sources(by_source: dict[str, KindCounts]) -> str:
    """The organisations table per source (distinct names)."""
    lines = ["organisations by source (distinct names)",
             f"{'source':<26}{'total':>7}{'linked':>8}{'ambig.':>8}{'unlinked':>10}"
             f"{'linked %':>10}"]
    for source, c in by_source.items():
        share = f"{100 * len(c.linked) / c.total:.0f} %" if c.total else "-"
        lines.append(f"{source:<26}{c.total:>7}{len(c.linked):>8}{len(c.ambiguous):>8}"
                     f"{len(c.unlinked):>10}{share:>10}")
    return "\n".join(lines)


def render_table(counts: dict[str, KindCounts]) -> str:
    lines = [f"{'kind':<14}{'total':>6}{'linked':>8}{'ambig.':>8}{'unlinked':>10}{'linked %':>10}"]
    for kind, c in counts.items():
        share = f"{100 * len(c.linked) / c.total:.0f} %" if c.total else "-"
        lines.append(f"{kind:<14}{c.total:>6}{len(c.linked):>8}{len(c.ambiguous):>8}"
                     f"{len(c.unlinked):>10}{share:>10}")
    lines.append("(distinct names per kind; ~ = skos:closeMatch, < = skos:broadMatch only)")
    for kind, c in counts.items():
        lines.append(f"\n== {kind}")
        lines += [f"  linked     {n} -> {t}" for n, t in sorted(c.linked.items())]
        lines += [f"  AMBIGUOUS  {n} -> {t}" for n, t in sorted(c.ambiguous.items())]
        lines += [f"  UNLINKED   {n}" + (f"  (nearest: {t})" if t else "")
                  for n, t in sorted(c.unlinked.items())]
    return "\n".join(lines)


def write_csv(counts: dict[str, KindCounts], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for kind, c in counts.items():
            writer.writerow([kind, c.total, len(c.linked), len(c.ambiguous), len(c.unlinked)])
