"""The README's production set-up: nginx (docs/deploy/nginx-kuhy.conf) in front of
`kg serve --production` keeps answering a normal client while 200 connections trickle
their request headers (slowloris)."""

from __future__ import annotations

import getpass
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
import requests

from kg import config
from tests.server_protocol.test_protocol_production import (
    _free_port,
    _start_production,
    _wait_until_up,
)

pytestmark = [pytest.mark.slow, pytest.mark.real_process]

SHIPPED_CONF = config.PROJECT_ROOT / "docs" / "deploy" / "nginx-kuhy.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SLOW_CLIENTS = 200


def _nginx_conf(directory: Path, listen_port: int, upstream_port: int) -> Path:
    """A top-level nginx.conf in `directory` around the shipped server block, listening on
    a free local port and proxying to the test's gunicorn."""
    site = SHIPPED_CONF.read_text()
    assert "listen 80;" in site and "server 127.0.0.1:5000;" in site
    site = site.replace("listen 80;", f"listen 127.0.0.1:{listen_port};").replace(
        "server 127.0.0.1:5000;", f"server 127.0.0.1:{upstream_port};")
    (directory / "kuhy.conf").write_text(site)
    temp = {name: directory / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for path in temp.values():
        path.mkdir()
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
    conf = directory / "nginx.conf"
    conf.write_text(f"""{user}daemon off;
worker_processes 1;
pid {directory}/nginx.pid;
error_log {directory}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {temp['body']};
    proxy_temp_path {temp['proxy']};
    fastcgi_temp_path {temp['fastcgi']};
    uwsgi_temp_path {temp['uwsgi']};
    scgi_temp_path {temp['scgi']};
    include {directory}/kuhy.conf;
}}
""")
    return conf


@contextmanager
def _nginx(directory: Path, upstream_port: int) -> Iterator[str]:
    port = _free_port()
    conf = _nginx_conf(directory, port, upstream_port)
    process = subprocess.Popen([NGINX, "-p", str(directory), "-e", str(directory / "error.log"),
                                "-c", str(conf)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, process.stderr.read().decode()
            try:
                socket.create_connection(("127.0.0.1", port), timeout=2).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "nginx did not come up"
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
        process.stderr.close()


def _slow_header_connections(port: int, count: int) -> list[socket.socket]:
    """`count` connections that have sent half a request's headers and then wait."""
    sockets = []
    for index in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        sock.sendall(f"GET /sparql?query=ASK%7B%7D&n={index} HTTP/1.1\r\n"
                     "Host: kuhy\r\nX-Slow: ".encode())
        sockets.append(sock)
    return sockets


def test_nginx_in_front_keeps_answering_during_slowloris(built_store: Path,
                                                         tmp_path: Path) -> None:
    gunicorn, sparql_url = _start_production(built_store, {"KUHY_WARMUP": "0"})
    upstream_port = int(sparql_url.split(":")[2].split("/")[0])
    with ExitStack() as stack:
        stack.callback(lambda: (os.killpg(gunicorn.pid, signal.SIGTERM),
                                gunicorn.communicate(timeout=20)))
        _wait_until_up(sparql_url, gunicorn)
        proxy = stack.enter_context(_nginx(tmp_path, upstream_port))
        proxy_port = int(proxy.rsplit(":", 1)[1])
        slow = _slow_header_connections(proxy_port, SLOW_CLIENTS)
        for sock in slow:
            stack.callback(sock.close)
        for _ in range(10):
            for sock in slow[:50]:  # keep trickling, as slowloris does
                sock.sendall(b"x")
            response = requests.get(f"{proxy}/sparql", params={"query": "ASK { ?s ?p ?o }"},
                                    headers={"Accept": "application/sparql-results+json"},
                                    timeout=30)
            assert response.status_code == 200
            assert response.json()["boolean"] is True
        page = requests.get(f"{proxy}/", timeout=30)
        assert page.status_code == 200 and "kuhy" in page.text
