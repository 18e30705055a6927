"""Scores broken down by group: the shared scorer's figures per language, per genre and for the
newly labelled texts, so a change's effect on texts it was not written for stays visible.

The scorer (``../shared/tools/score_extraction.py``) is loaded as a module, so every figure
here is the scorer's own arithmetic, only summed over a subset of the documents.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import sys
from collections import defaultdict
from functools import cache
from pathlib import Path
from types import ModuleType

from kg import config

SHARED = config.PROJECT_ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_extraction.py"
INDEX = SHARED / "corpus" / "index.tsv"

# Coarse genres from the free-text genre column of index.tsv: the first pattern that matches.
GENRE_BUCKETS: tuple[tuple[str, str], ...] = (
    ("grant or project list", r"listing|describing (two|several)?\s*projects|several projects"
                              r"|grants?\b|projects selected|news briefs"),
    ("database entry", r"database|register"),
    ("event or programme", r"event|seminar|programme page"),
    ("project page", r"project page|info page|home page|volunteer|network page|cooperative"),
    ("news or press", r"news|press|blog|magazine|newspaper"),
)
OTHER_GENRE = "other"


@cache
def scorer() -> ModuleType:
    """The shared scorer, imported from its file."""
    spec = importlib.util.spec_from_file_location("kuhy_shared_scorer", SCORER)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(SCORER)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def genre_bucket(genre: str) -> str:
    """The coarse genre of one index.tsv genre description."""
    for bucket, pattern in GENRE_BUCKETS:
        if re.search(pattern, genre, re.IGNORECASE):
            return bucket
    return OTHER_GENRE


def read_index(path: Path = INDEX) -> dict[str, dict[str, str]]:
    """File name -> its row of index.tsv (language, genre as a coarse bucket)."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {row["file"]: {"language": row.get("language") or "?",
                              "genre": genre_bucket(row.get("genre") or "")} for row in rows}


def group_documents(documents: list, index: dict[str, dict[str, str]], by: str,
                    new_prefix: str) -> dict[str, list]:
    """The scored documents grouped by ``language``, ``genre`` or ``set`` (new or older)."""
    groups: dict[str, list] = defaultdict(list)
    for document in documents:
        if by == "set":
            key = "new" if document.source.startswith(new_prefix) else "older"
        else:
            key = index.get(document.source, {}).get(by, "?")
        groups[key].append(document)
    return dict(sorted(groups.items()))


def headline(documents: list) -> dict[str, float | int | None]:
    """Documents, projects P/R, overall F1 and names F1 of a set of scored documents."""
    module = scorer()
    summary = module.Summary(documents)
    fields, projects = summary.fields, summary.projects
    return {"documents": len(documents), "projects_p": projects.precision,
            "projects_r": projects.recall, "overall_f1": module.total(fields).f1,
            "names_f1": module.total(fields, module.NAMES_FIELDS).f1}


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def headline_table(title: str, groups: dict[str, list]) -> str:
    """One line per group: documents, project precision/recall, overall and names F1."""
    lines = [f"by {title}", f"{'group':<24}{'docs':>6}{'proj P':>8}{'proj R':>8}"
                            f"{'overall':>9}{'names':>8}"]
    for key, documents in groups.items():
        row = headline(documents)
        lines.append(f"{key:<24}{row['documents']:>6}{_fmt(row['projects_p']):>8}"
                     f"{_fmt(row['projects_r']):>8}{_fmt(row['overall_f1']):>9}"
                     f"{_fmt(row['names_f1']):>8}")
    return "\n".join(lines)


def score(pred_dir: Path, gold_dir: Path) -> list:
    """The scorer's per-document scores of the predictions against the gold records."""
    module = scorer()
    aliases = module.load_aliases(None, None)
    return module.score_directories(pred_dir, gold_dir, aliases)


def report(pred_dir: Path, gold_dir: Path, by: tuple[str, ...], per_doc: bool = False,
           new_prefix: str = "m", index_path: Path = INDEX) -> str:
    """The scorer's full table for all documents, then one headline table per grouping."""
    module = scorer()
    documents = score(pred_dir, gold_dir)
    parts = [module.render_text(module.Summary(documents), per_doc)]
    index = read_index(index_path)
    for key in by:
        parts.append(headline_table(key, group_documents(documents, index, key, new_prefix)))
    return "\n\n".join(parts)
