"""Click commands contributed to ``kg`` by the server package.

Each command imports what it runs inside its function: ``kg --help`` and every other
command start without loading spaCy, the store or the server."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from werkzeug.serving import WSGIRequestHandler

from kg import config

REQUEST_LINE_LIMIT = 16 * 1024 * 1024
HEADER_FIELDS_LIMIT = 100
HEADER_FIELD_BYTES_LIMIT = 8190


class LongRequestLineHandler(WSGIRequestHandler):
    """Development server handler reading request lines up to 16 MB (the standard library
    stops at 64 KB with 414), so an over-long GET query reaches the app and gets its 413."""

    def handle_one_request(self) -> None:
        self.raw_requestline = self.rfile.readline(REQUEST_LINE_LIMIT + 1)
        if len(self.raw_requestline) > REQUEST_LINE_LIMIT:
            self.requestline = self.request_version = self.command = ""
            self.send_error(414)
        elif not self.raw_requestline:
            self.close_connection = True
        elif self.parse_request():
            self.run_wsgi()


# One serving process per core: no query runs in them (see gunicorn_command), so what they
# do is Python's HTTP work, and more processes than cores only add switching (bench/serve.py:
# 4 processes spent about a fifth more CPU per small query than 2, on 2 cores).
SERVING_PROCESSES = max(2, os.cpu_count() or 2)
SERVING_THREADS = 8


def gunicorn_command(host: str, port: int, workers: int, threads: int) -> list[str]:
    """gunicorn with threaded workers; every query runs in the killable pool of query
    worker processes, never in the serving process, so no query can crash or stall it.

    The request line is unlimited (gunicorn caps any other value at 8 KB): the app itself
    answers over-long GET queries with 413. Header fields are capped in number and size,
    and client sockets time out (server.gunicorn_worker). Put a buffering proxy in front
    (README, "Production") so slow clients never reach gunicorn.
    """
    return [
        sys.executable, "-m", "gunicorn",
        "--bind", f"{host}:{port}",
        "--workers", str(workers),
        "--worker-class", "server.gunicorn_worker.ReadTimeoutThreadWorker",
        "--threads", str(max(1, threads)),
        "--limit-request-line", "0",
        "--limit-request-fields", str(HEADER_FIELDS_LIMIT),
        "--limit-request-field_size", str(HEADER_FIELD_BYTES_LIMIT),
        "--keep-alive", "5",
        "--graceful-timeout", "5",
        "--access-logfile", "-",
        "server.wsgi:app",
    ]


@click.command("serve", epilog="\b\nSettings (environment variables, with defaults):\n"
               + config.settings_text())
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--store", "store", type=click.Path(path_type=Path),
              help="Store root (with builds/ and current) or a store directory; "
                   "default KUHY_STORE or var/store.")
@click.option("--production", is_flag=True, help="Serve with gunicorn (several processes).")
@click.option("--workers", default=SERVING_PROCESSES, show_default=True, type=int,
              help="gunicorn worker processes (--production); default one per core.")
@click.option("--threads", default=SERVING_THREADS, show_default=True, type=int,
              help="Threads per gunicorn worker (--production); queries run in each "
                   "worker's pool of killable query processes (KUHY_QUERY_WORKERS).")
def serve(host: str, port: int, store: Path | None, production: bool, workers: int,
          threads: int) -> None:
    """Serve the graph read-only: SPARQL endpoint, pages, dumps, query UI."""
    if store is not None:
        if not store.exists():
            raise click.BadParameter(f"{store}: no such store directory", param_hint="--store")
        os.environ["KUHY_STORE"] = str(store.resolve())
    if production:
        command = gunicorn_command(host, port, workers, threads)
        os.execv(command[0], command)
    from server.app import create_app

    app = create_app()
    click.echo(f"kuhy serving {app.config['KUHY'].store_root} at http://{host}:{port}/")
    app.run(host=host, port=port, threaded=True, use_reloader=False,
            request_handler=LongRequestLineHandler)


commands: list[click.Command] = [serve]
