"""Extracting many documents at once: inputs expanded from folders, records written as
``<stem>.json``, documents that cannot be read returned with their reason (the rest go on)."""

from __future__ import annotations

import json
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from kg.extract import extract_path
from kg.extract.model import check_model
from kg.ingest.errors import InputError
from kg.ingest.formats import document_paths


def expand_inputs(paths: tuple[Path, ...]) -> list[Path]:
    """Files as given; directories expand to their readable documents (``.txt``, ``.md``,
    ``.html``, ``.pdf``, ``.docx``: kg.ingest.formats), sorted."""
    files: list[Path] = []
    for path in paths:
        files.extend(document_paths(path) if path.is_dir() else [path])
    return files


def _extract_one(path: Path, out_dir: Path, use_model: bool = False) -> tuple[str, str | None]:
    try:
        record = extract_path(path, use_model)
    except InputError as error:
        return path.name, error.reason
    target = out_dir / f"{path.stem}.json"
    target.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path.name, None


def extract_files(files: list[Path], out_dir: Path, jobs: int = 1,
                  use_model: bool = False) -> list[tuple[str, str]]:
    """Extract every file into ``out_dir``; returns (name, reason) for the files that failed.
    ``use_model`` adds the optional statistical model (ModelMissingError when not installed)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if use_model:
        check_model()
    if jobs <= 1 or len(files) < 2:
        results = [_extract_one(path, out_dir, use_model) for path in files]
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(_extract_one, files, [out_dir] * len(files),
                                    [use_model] * len(files),
                                    chunksize=max(1, len(files) // (jobs * 8))))
    return [(name, reason) for name, reason in results if reason is not None]
