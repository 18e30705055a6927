"""Click commands contributed to ``kg`` by the server package."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from werkzeug.serving import WSGIRequestHandler

from server.settings import IN_PROCESS_SYNC_WORKERS

REQUEST_LINE_LIMIT = 16 * 1024 * 1024


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


def gunicorn_command(host: str, port: int, workers: int, threads: int) -> list[str]:
    """gunicorn; the request line is unlimited so the app itself answers over-long GET
    queries (413) instead of gunicorn's bare 400.

    One thread per worker means *sync* workers: each serves one request at a time and runs
    its queries in-process under a watchdog (server.engine.inprocess), the fastest mode.
    More threads mean gthread workers whose queries go to the killable worker pool. Sync
    workers are meant to sit behind a buffering reverse proxy (slow clients hold a worker).
    """
    from server.settings import Settings

    if threads <= 1:  # with KUHY_IN_PROCESS=sync-workers (see serve)
        # gunicorn's own worker timeout must not fire before the query watchdog does
        silent_s = max(30, int(Settings().query_timeout_s) + 15)
        mode = ["--worker-class", "sync", "--timeout", str(silent_s)]
    else:
        mode = ["--worker-class", "gthread", "--threads", str(threads)]
    return [
        sys.executable, "-m", "gunicorn",
        "--bind", f"{host}:{port}",
        "--workers", str(workers),
        *mode,
        "--limit-request-line", "0",
        "--limit-request-field_size", "0",
        "--graceful-timeout", "5",
        "--access-logfile", "-",
        "server.wsgi:app",
    ]


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--store", "store", type=click.Path(path_type=Path),
              help="Store root (with builds/ and current) or a store directory; "
                   "default KUHY_STORE or var/store.")
@click.option("--production", is_flag=True, help="Serve with gunicorn (several processes).")
@click.option("--workers", default=4, show_default=True, type=int,
              help="gunicorn worker processes (--production).")
@click.option("--threads", default=1, show_default=True, type=int,
              help="Threads per gunicorn worker (--production); 1 = sync workers running "
                   "queries in-process, more = threaded workers with the query pool.")
def serve(host: str, port: int, store: Path | None, production: bool, workers: int,
          threads: int) -> None:
    """Serve the graph read-only: SPARQL endpoint, pages, dumps, query UI."""
    if store is not None:
        if not store.exists():
            raise click.BadParameter(f"{store}: no such store directory", param_hint="--store")
        os.environ["KUHY_STORE"] = str(store.resolve())
    if production:
        # in-process queries only where each process serves one request at a time
        os.environ["KUHY_IN_PROCESS"] = IN_PROCESS_SYNC_WORKERS if threads <= 1 else "off"
        command = gunicorn_command(host, port, workers, threads)
        os.execv(command[0], command)
    from server.app import create_app

    app = create_app()
    click.echo(f"kuhy serving {app.config['KUHY'].store_root} at http://{host}:{port}/")
    app.run(host=host, port=port, threaded=True, use_reloader=False,
            request_handler=LongRequestLineHandler)


commands: list[click.Command] = [serve]
