"""Click commands contributed to ``kg`` by this package: build, validate, export, stats,
query, publish.

Each command imports what it runs inside its function: ``kg --help`` and every other
command start without loading spaCy, the store or the server."""

from __future__ import annotations

from pathlib import Path

import click

from kg import config
from kg.formats import DUMP_EXTENSIONS

commands: list[click.Command] = []


def _command(function: click.Command) -> click.Command:
    commands.append(function)
    return function


def _input_options(function):
    """Options shared by ``kg build`` and ``kg validate``: where the inputs are."""
    options = [
        click.option("--records", "records_dir", type=click.Path(file_okay=False, path_type=Path),
                     multiple=True, default=[config.RECORDS_DIR, config.MACHINE_RECORDS_DIR],
                     show_default=True,
                     help="Directory of extraction records (*.json); repeat it for several, "
                          "the first that has a source wins (curated before machine)."),
        click.option("--texts", "texts_dir", type=click.Path(file_okay=False, path_type=Path),
                     default=config.TEXTS_DIR, show_default=True,
                     help="Directory of documents (.txt .md .html .pdf .docx) to extract "
                          "when no record exists."),
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


def write_error(error: OSError) -> str:
    """One line for an error while writing (``No space left on device: 'path'``)."""
    text = str(error).strip()
    reason = error.strerror or (text.splitlines()[0] if text else type(error).__name__)
    return f"{reason}: {error.filename!r}" if error.filename else reason


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
def build_command(records_dir: tuple[Path, ...], texts_dir: Path, include_contacts: bool,
                  no_link: bool, max_bytes: int | None, add_files: tuple[Path, ...],
                  registers_dir: Path | None, all_register_rows: bool, store_root: Path) -> None:
    """Build the graph from records and texts into a new store and swap it in."""
    from kg.store.build import BuildError, build, terminal_progress
    from kg.validate.compiled import ShapeCompileError

    records = [d for d in records_dir if d.is_dir()]
    texts = texts_dir if texts_dir.is_dir() else None
    registers_dir = registers_dir or (records_dir[0] if records_dir else config.RECORDS_DIR
                                      ).parent / "registers"
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
    except OSError as error:  # a full disk: the new store was removed, the served one stays
        raise click.ClickException(f"build failed: {write_error(error)}") from error
    for notice in result.notices:
        click.echo(f"notice: {notice}", err=True)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    for problem in result.problems:
        click.echo(f"problem: {problem}", err=True)
    timings = result.timings
    click.echo(f"built {result.documents} documents, {result.projects} projects, "
               f"{result.triples} triples into {result.store_path} "
               f"({len(result.problems)} problems, {len(result.warnings)} warnings; "
               f"map {timings['map']:.1f}s, "
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
def validate_command(records_dir: tuple[Path, ...], texts_dir: Path, include_contacts: bool,
                     no_link: bool, max_bytes: int | None, turtle_out: Path | None,
                     engine: str) -> None:
    """Map the inputs as kg build would and check each document graph against the shapes."""
    from kg.store.build import resolve_linker
    from kg.validate.compiled import ShapeCompileError
    from kg.validate.report import validate_inputs

    try:
        run = validate_inputs([d for d in records_dir if d.is_dir()],
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
@click.option("--format", "format_name", type=click.Choice(DUMP_EXTENSIONS),
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
    except OSError as error:  # a full disk: export removed its partial file
        raise click.ClickException(f"export failed: {write_error(error)}") from error
    click.echo(f"wrote {count} statements to {out_path}")


@_command
@click.command("stats")
@_store_option
def stats_command(store_root: Path) -> None:
    """Counts of the served graph: things by class, statements by kind of named graph."""
    from kg.store.export import class_counts, compact, graph_counts, graph_kind, open_store

    try:
        store = open_store(store_root)
    except FileNotFoundError as error:
        raise click.ClickException(str(error)) from error
    click.echo("things by class:")
    for name, count in class_counts(store):
        click.echo(f"  {count:>9,}  {compact(name)}")
    by_kind: dict[str, list[int]] = {}
    for name, count in graph_counts(store):
        graphs_and_statements = by_kind.setdefault(graph_kind(name), [0, 0])
        graphs_and_statements[0] += 1
        graphs_and_statements[1] += count
    click.echo("statements by kind of named graph:")
    for kind, (graphs, statements) in sorted(by_kind.items()):
        plural = "" if graphs == 1 else "s"
        click.echo(f"  {statements:>9,}  {kind} ({graphs:,} graph{plural})")
    total = sum(statements for _, statements in by_kind.values())
    click.echo(f"  {total:>9,}  in all (the statements of the N-Quads dump)")


@_command
@click.command("query")
@click.argument("query")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Value of a canned query's parameter, as plain text (repeatable).")
@click.option("--format", "format_name", type=click.Choice(["csv", "tsv", "json", "xml"]),
              default="csv", show_default=True,
              help="Results format (CONSTRUCT/DESCRIBE: N-Triples, JSON-LD or RDF/XML).")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")
@_store_option
def query_command(query: str, params: tuple[str, ...], format_name: str,
                  out_path: Path | None, store_root: Path) -> None:
    """Run QUERY (a canned query's name, e.g. projects_by_funder, or a .rq file) on the
    served graph, whose default graph is the union of all graphs."""
    from kg.queries import QueryFileError
    from kg.store.export import open_store
    from kg.store.query import query_text, run_query

    try:
        values = dict(_param(text) for text in params)
        answer = run_query(open_store(store_root), query_text(query, values), format_name)
    except (QueryFileError, FileNotFoundError, KeyError, ValueError, SyntaxError) as error:
        raise click.ClickException(str(error).strip('"')) from error
    if out_path is None:
        click.echo(answer.decode("utf-8"), nl=False)
    else:
        out_path.write_bytes(answer)


def _param(text: str) -> tuple[str, str]:
    name, equals, value = text.partition("=")
    if not equals or not name.strip():
        raise ValueError(f"--param {text!r}: write it as NAME=VALUE")
    return name.strip().lstrip("?"), value


@_command
@click.command("publish")
@click.option("--to", "store_url", required=True, metavar="URL",
              envvar=config.BY_NAME["REMOTE_STORE_URL"].variable,
              help="Graph Store Protocol endpoint of the remote engine (e.g. Oxigraph's "
                   "http://host:7878/store, Fuseki's http://host:3030/ds/data).")
@click.option("--query-url", required=True, metavar="URL",
              envvar=config.BY_NAME["REMOTE_QUERY_URL"].variable,
              help="Its SPARQL query endpoint (e.g. http://host:7878/query), used to list and "
                   "count the remote graphs.")
@_store_option
def publish_command(store_url: str, query_url: str, store_root: Path) -> None:
    """Send every named graph of the served build to a remote SPARQL store (PUT per graph),
    delete our graphs the build no longer has, and compare triple counts. Credentials come
    from KUHY_PUBLISH_TOKEN, or KUHY_PUBLISH_USER and KUHY_PUBLISH_PASSWORD. A run that
    fails part-way resumes where it stopped."""
    from kg.store.graphstore import GraphStoreClient, PublishError, publish_build

    try:
        client = GraphStoreClient(store_url, query_url)
    except ValueError as error:
        raise click.BadParameter(str(error)) from error
    try:
        report = publish_build(store_root, client,
                               progress=lambda line: click.echo(line, err=True))
    except (PublishError, FileNotFoundError) as error:
        raise click.ClickException(f"publish stopped: {error} (run again to resume)") from error
    click.echo(f"build {report.build}: sent {len(report.sent)} graphs, "
               f"{len(report.resumed)} already sent before, deleted {len(report.deleted)}")
    for graph, (ours, theirs) in sorted(report.differences.items()):
        click.echo(f"difference: {graph}: {ours} triples here, {theirs} there")
    if report.differences:
        raise click.ClickException(f"{len(report.differences)} graphs differ after publishing")
