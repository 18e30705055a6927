"""Click commands contributed to ``kg`` by this package.

Each command imports what it runs inside its function: ``kg --help`` and every other
command start without loading spaCy, the store or the server."""

from __future__ import annotations

from pathlib import Path

import click

from kg import config


@click.command("links")
@click.option("--report", "show_report", is_flag=True, hidden=True,
              help="Accepted for older scripts; the report is what the command prints.")
@click.option("--records", "records_dir", type=click.Path(file_okay=False, path_type=Path),
              default=config.RECORDS_DIR, show_default=True, help="Directory of record JSON.")
@click.option("--csv", "csv_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write kind,total,linked,ambiguous,unlinked to this CSV file.")
@click.option("--registers", "registers_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Also count the funders and implementers of every row of "
              f"these registers, by source [default: {config.REGISTERS_DIR} when reporting "
              "on the default records].")
def links(show_report: bool, records_dir: Path, csv_file: Path | None,
          registers_dir: Path | None) -> None:
    """Link the names in extraction records to reference data and print the coverage per kind
    (municipality, region, organisation, …) and the organisations by source."""
    from kg.link.linker import default_linker
    from kg.link.report import (
        build_report,
        organisations_by_source,
        render_sources,
        render_table,
        write_csv,
    )

    if not records_dir.is_dir():
        raise click.ClickException(f"{records_dir}: not a directory of extraction records")
    counts, problems = build_report(records_dir, default_linker())
    for problem in problems:
        click.echo(problem, err=True)
    click.echo(render_table(counts))
    registers_dir = registers_dir or records_dir.parent / "registers"
    click.echo("\n" + render_sources(organisations_by_source(
        records_dir, registers_dir if registers_dir.is_dir() else None, default_linker())))
    if csv_file:
        write_csv(counts, csv_file)
        click.echo(f"\nwrote {csv_file}")


commands: list[click.Command] = [links]
