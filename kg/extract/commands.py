"""Click commands contributed to ``kg`` by this package: ``extract``, ``evaluate``, ``annotate``.

Each command imports what it runs inside its function: ``kg --help`` and every other
command start without loading spaCy, the store or the server."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import click

from kg import config
from kg.extract.batch import expand_inputs, extract_files
from kg.ingest.errors import InputError

SHARED = config.PROJECT_ROOT.parent / "shared"


@click.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path),
              help="folder for the <stem>.json records")
@click.option("--jobs", default=1, show_default=True, help="documents extracted in parallel")
@click.option("--model", "use_model", is_flag=True,
              help="add candidate names from the statistical model (needs kuhy[model])")
def extract_command(paths: tuple[Path, ...], out_dir: Path, jobs: int, use_model: bool) -> None:
    """Read project documents (files or folders of .txt/.md/.html/.pdf/.docx) into records."""
    from kg.extract.model import ModelMissingError

    files = expand_inputs(paths)
    try:
        failures = extract_files(files, out_dir, jobs, use_model)
    except ModelMissingError as error:
        raise click.ClickException(str(error)) from error
    for name, reason in failures:
        click.echo(f"{name}: {reason}", err=True)
    done = len(files) - len(failures)
    click.echo(f"extracted {done} of {len(files)} file(s) into {out_dir}", err=True)
    if done == 0:
        sys.exit(1)


@click.command("evaluate")
@click.option("--texts", type=click.Path(path_type=Path), default=SHARED / "corpus" / "texts",
              show_default=True, help="folder of texts to extract")
@click.option("--gold", type=click.Path(path_type=Path), default=SHARED / "corpus" / "gold",
              show_default=True, help="folder of gold records")
@click.option("--per-doc", is_flag=True, help="one line per document as well")
@click.option("--by", "by", default="", help="comma-separated groupings: language, genre "
              "(from the corpus index.tsv); the newly labelled texts are shown separately")
@click.option("--new-prefix", default="m", show_default=True,
              help="file-name prefix of the newly labelled texts")
@click.option("--jobs", default=1, show_default=True)
@click.option("--model", "use_model", is_flag=True,
              help="add candidate names from the statistical model (needs kuhy[model])")
def evaluate_command(texts: Path, gold: Path, per_doc: bool, by: str, new_prefix: str,
                     jobs: int, use_model: bool) -> None:
    """Extract the dev corpus and print the scorer's table (and tables per group with --by)."""
    from kg.extract.evaluation import report
    from kg.extract.model import ModelMissingError

    groupings = tuple(key.strip() for key in by.split(",") if key.strip())
    unknown = set(groupings) - {"language", "genre", "set"}
    if unknown:
        raise click.BadParameter(f"unknown grouping {sorted(unknown)}", param_hint="--by")
    if groupings and "set" not in groupings:
        groupings += ("set",)
    with tempfile.TemporaryDirectory() as tmp:
        try:
            failures = extract_files(expand_inputs((texts,)), Path(tmp), jobs, use_model)
        except ModelMissingError as error:
            raise click.ClickException(str(error)) from error
        for name, reason in failures:
            click.echo(f"{name}: {reason}", err=True)
        click.echo(report(Path(tmp), gold, groupings, per_doc, new_prefix))


@click.command("annotate")
@click.argument("records", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--texts", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="folder holding the texts the records were made from")
def annotate_command(records: tuple[Path, ...], texts: Path) -> None:
    """Add evidence (the sentences behind the values) to curated records, in place."""
    from kg.extract import extract_path
    from kg.extract.annotate import attach_evidence

    paths = [p for r in records for p in (sorted(r.glob("*.json")) if r.is_dir() else [r])]
    for path in paths:
        curated = json.loads(path.read_text(encoding="utf-8"))
        text = texts / curated["source"]
        if not text.is_file():
            click.echo(f"{path.name}: no text {text.name} in {texts}; left as it was", err=True)
            continue
        try:
            annotated = attach_evidence(curated, extract_path(text))
        except InputError as error:
            click.echo(f"{path.name}: {error.reason}; left as it was", err=True)
            continue
        path.write_text(json.dumps(annotated, ensure_ascii=False, indent=2) + "\n",
                        encoding="utf-8")
        found = sum(len(p.get("evidence", [])) for p in annotated["projects"])
        click.echo(f"{path.name}: {found} evidence entries", err=True)


@click.group("records")
def records_group() -> None:
    """The shipped records: curated (data/records) and machine-extracted (data/records-machine)."""


@records_group.command("refresh")
@click.option("--texts", "text_dirs", multiple=True, type=click.Path(path_type=Path,
              file_okay=False), default=[SHARED / "corpus" / "texts",
                                         SHARED / "corpus" / "more" / "texts"],
              show_default=True, help="folder of texts (repeat); URLs from its index.tsv")
@click.option("--curated", type=click.Path(path_type=Path, file_okay=False),
              default=config.RECORDS_DIR, show_default=True,
              help="curated records: their texts are not extracted")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False),
              default=config.MACHINE_RECORDS_DIR, show_default=True,
              help="folder of the machine records (rewritten)")
@click.option("--gold", type=click.Path(path_type=Path, file_okay=False),
              default=SHARED / "corpus" / "gold", show_default=True,
              help="gold records of the first --texts folder (measure the confidence)")
def refresh_command(text_dirs: tuple[Path, ...], curated: Path, out_dir: Path,
                    gold: Path) -> None:
    """Re-extract every text without a curated record into the shipped machine records."""
    from kg.extract.machine import Corpus, refresh

    missing = [str(p) for p in (*text_dirs, gold) if not p.is_dir()]
    if missing:
        raise click.ClickException(f"not a folder: {', '.join(missing)}")
    corpus = Corpus(text_dirs[0], gold, SHARED / "tools" / "score_extraction.py")
    result = refresh(list(text_dirs), curated, out_dir, corpus)
    for name, reason in result.failures:
        click.echo(f"{name}: {reason}", err=True)
    click.echo(f"wrote {len(result.written)} machine record(s) into {out_dir}, removed "
               f"{len(result.removed)}, {len(result.failures)} text(s) failed", err=True)


@records_group.command("add-curated")
@click.argument("records", nargs=-1, required=True,
                type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--texts", type=click.Path(path_type=Path, file_okay=False),
              default=SHARED / "corpus" / "texts", show_default=True,
              help="folder of the records' texts; URLs from its index.tsv")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False),
              default=config.RECORDS_DIR, show_default=True, help="curated records folder")
def add_curated_command(records: tuple[Path, ...], texts: Path, out_dir: Path) -> None:
    """Ship hand-made (gold) records as curated: source URL from the index, evidence quotes
    from their texts. Run ``kg records refresh`` afterwards to drop their machine records."""
    from kg.extract import extract_text
    from kg.extract.annotate import attach_evidence
    from kg.extract.machine import read_index
    from kg.ingest.formats import read_document
    from kg.ingest.inputs import sha256_hex

    urls = read_index(texts)
    for path in records:
        record = json.loads(path.read_text(encoding="utf-8"))
        shipped = {"source": record["source"], "url": urls.get(record["source"]) or None,
                   **{k: v for k, v in record.items() if k not in ("source", "url")}}
        try:
            text = read_document(texts / record["source"]).text
            shipped = attach_evidence(shipped, extract_text(text, record["source"]))
            shipped["extraction"] = {"method": "curated",
                                     "text_sha256": sha256_hex(text.encode("utf-8"))}
        except InputError as error:
            click.echo(f"{path.name}: no evidence ({error.reason})", err=True)
        (out_dir / path.name).write_text(json.dumps(shipped, ensure_ascii=False, indent=2)
                                         + "\n", encoding="utf-8")
        click.echo(f"{path.name}: curated, url {shipped['url'] or '-'}", err=True)


commands: list[click.Command] = [extract_command, evaluate_command, annotate_command,
                                 records_group]
