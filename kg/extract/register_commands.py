"""``kg import``: register rows -> one extraction record (JSON) per row, problems reported.

Each command imports what it runs inside its function: ``kg --help`` and every other
command start without loading spaCy, the store or the server."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg import config


@click.command("import")
@click.option("--registers", "registers_dir", type=click.Path(file_okay=False, path_type=Path),
              default=config.REGISTERS_DIR, show_default=True,
              help="Directory of register mapping files (*.toml) and their data files.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              required=True, help="Directory to write the records (<dataset>-<code>.json) to.")
@click.option("--all-rows", is_flag=True,
              help="Write every row, not only those about culture (relevance threshold).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None,
              help=f"Largest register file read [default: {config.MAX_INPUT_BYTES}].")
def import_command(registers_dir: Path, out_dir: Path, all_rows: bool,
                   max_bytes: int | None) -> None:
    """Read registers through their mapping files into extraction records (the seam).

    Every row is written, counted as below the relevance threshold, or reported with
    its file, row number and reason (also in <out>/problems.tsv)."""
    from kg.extract.registers import import_registers

    if not registers_dir.is_dir():
        raise click.ClickException(f"{registers_dir}: not a directory")
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = import_registers(registers_dir, max_bytes, all_rows, _writer(out_dir))
    with (out_dir / "problems.tsv").open("w", encoding="utf-8") as problems:
        problems.write("file\twhere\treason\n")
        for problem in summary.problems:
            problems.write(f"{problem.source}\t{problem.focus or ''}\t{problem.message}\n")
            click.echo(f"problem: {problem}", err=True)
    for line in summary.lines():
        click.echo(line)


def _writer(out_dir: Path):  # noqa: ANN202 - a small closure
    def write(record: dict) -> None:
        name = record["source"].replace(":", "-").replace("/", "-") + ".json"
        (out_dir / name).write_text(json.dumps(record, ensure_ascii=False, indent=1),
                                    encoding="utf-8")
    return write


commands: list[click.Command] = [import_command]
