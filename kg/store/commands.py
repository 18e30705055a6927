"""Click commands contributed to ``kg`` by this package: build, validate, export, stats."""

from __future__ import annotations

from pathlib import Path

import click

from kg import config

commands: list[click.Command] = []


def _command(function: click.Command) -> click.Command:
    commands.append(function)
    return function


def _input_options(function):
    """Options shared by ``kg build`` and ``kg validate``: where the inputs are."""
    options = [
        click.option("--records", "records_dir", type=click.Path(file_okay=False, path_type=Path),
                     default=config.RECORDS_DIR, show_default=True,
                     help="Directory of curated extraction records (*.json)."),
        click.option("--texts", "texts_dir", type=click.Path(file_okay=False, path_type=Path),
                     default=config.TEXTS_DIR, show_default=True,
                     help="Directory of texts (*.txt) to extract when no curated record exists."),
        click.option("--include-contacts", is_flag=True,
                     help="Write people's e-mail addresses and phone numbers (off by default)."),
        click.option("--no-link", is_flag=True,
                     help="Do not link names to reference data (each name is its own entity)."),
        click.option("--max-bytes", type=click.IntRange(min=1), default=None,
                     help=f"Largest input file read [default: {config.MAX_INPUT_BYTES}]."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _store_option(function):
    return click.option("--store", "store_root", type=click.Path(file_okay=False, path_type=Path),
                        default=config.STORE_ROOT, show_default=True,
                        help="Store root (holds builds/ and the current symlink).")(function)


@_command
@click.command("build")
@_input_options
@click.option("--add", "add_files", multiple=True,
              type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Extra RDF file to load (.ttl, .nt, .jsonld; .trig/.nq keep their graphs).")
@click.option("--registers", "registers_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Directory of register mapping files (*.toml) and their "
              "CSV/XLSX files [default: registers/ beside the records directory, "
              f"{config.REGISTERS_DIR}].")
@click.option("--all-register-rows", is_flag=True,
              help="Take every register row, not only those about culture (relevance).")
@_store_option
def build_command(records_dir: Path, texts_dir: Path, include_contacts: bool, no_link: bool,
                  max_bytes: int | None, add_files: tuple[Path, ...],
                  registers_dir: Path | None, all_register_rows: bool, store_root: Path) -> None:
    """Build the graph from records and texts into a new store and swap it in."""
    from kg.store.build import BuildError, build, terminal_progress
    from kg.validate.compiled import ShapeCompileError

    records = records_dir if records_dir.is_dir() else None
    texts = texts_dir if texts_dir.is_dir() else None
    registers_dir = registers_dir or records_dir.parent / "registers"
    try:
        result = build(records, texts, list(add_files), store_root, include_contacts,
                       link=not no_link, max_bytes=max_bytes, progress=terminal_progress,
                       registers_dir=registers_dir if registers_dir.is_dir() else None,
                       all_register_rows=all_register_rows)
    except BuildError as error:
        for problem in error.problems:
            click.echo(f"problem: {problem}", err=True)
        raise click.ClickException(f"build failed: {error}") from error
    except (RuntimeError, ShapeCompileError) as error:
        raise click.ClickException(f"build failed: {error}") from error
    for notice in result.notices:
        click.echo(f"notice: {notice}", err=True)
    for problem in result.problems:
        click.echo(f"problem: {problem}", err=True)
    timings = result.timings
    click.echo(f"built {result.documents} documents, {result.projects} projects, "
               f"{result.triples} triples into {result.store_path} "
               f"({len(result.problems)} problems; map {timings['map']:.1f}s, "
               f"validate {timings['validate']:.1f}s, load {timings['load']:.1f}s, "
               f"total {timings['total']:.1f}s)")


@_command
@click.command("validate")
@_input_options
@click.option("--turtle", "turtle_out", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the SHACL validation report as Turtle to this file ('-': stdout).")
@click.option("--engine", type=click.Choice(["sparql", "pyshacl"]), default="sparql",
              show_default=True, help="sparql: the shapes compiled to SPARQL, as kg build runs "
              "them (violations only); pyshacl: the reference engine, full reports.")
def validate_command(records_dir: Path, texts_dir: Path, include_contacts: bool, no_link: bool,
                     max_bytes: int | None, turtle_out: Path | None, engine: str) -> None:
    """Map the inputs as kg build would and check each document graph against the shapes."""
    from kg.store.build import resolve_linker
    from kg.validate.compiled import ShapeCompileError
    from kg.validate.report import validate_inputs

    try:
        run = validate_inputs(records_dir if records_dir.is_dir() else None,
                              texts_dir if texts_dir.is_dir() else None,
                              resolve_linker(None, not no_link), include_contacts, max_bytes,
                              engine=engine)
    except (FileNotFoundError, ShapeCompileError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(run.text())
    if turtle_out is not None:
        turtle = run.report_graph().serialize(format="turtle")
        if str(turtle_out) == "-":
            click.echo(turtle)
        else:
            turtle_out.write_text(turtle, encoding="utf-8")
    if not run.conforms:
        raise click.ClickException("some inputs do not conform (see above)")


@_command
@click.command("export")
@click.option("--format", "format_name", type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld"]),
              default="nq", show_default=True, help="RDF serialisation.")
@click.option("--gzip", "compress", is_flag=True, help="Compress the output with gzip.")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="File to write.")
@_store_option
def export_command(format_name: str, compress: bool, out_path: Path, store_root: Path) -> None:
    """Export the served graph (quads streamed from the store, never all in memory)."""
    from kg.store.export import export

    try:
        count = export(store_root, format_name, out_path, compress)
    except FileNotFoundError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"wrote {count} statements to {out_path}")


@_command
@click.command("stats")
@_store_option
def stats_command(store_root: Path) -> None:
    """Counts of the served graph: instances by class and triples by named graph."""
    from kg.store.export import class_counts, graph_counts, open_store

    try:
        store = open_store(store_root)
    except FileNotFoundError as error:
        raise click.ClickException(str(error)) from error
    click.echo("instances by class:")
    for name, count in class_counts(store):
        click.echo(f"  {count:>8}  {name}")
    click.echo("triples by graph:")
    for name, count in graph_counts(store):
        click.echo(f"  {count:>8}  {name}")
