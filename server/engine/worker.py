"""A query worker process: opens the store read-only once, then answers queries one by one.

Run as ``python -m server.engine.worker '<json config>'`` by the pool; it reads requests on
stdin and writes reply frames to stdout (see ``wire``). The server kills it when a query
overruns its time limit, so nothing here needs to be interruptible.
"""

from __future__ import annotations

import ctypes
import gc
import itertools
import json
import os
import select
import signal
import socket
import sys
import tempfile
import threading
import time
from typing import Any

import pyoxigraph as ox

from server.engine import TABLE_FORMAT, wire
from server.engine.lexer import has_dataset_clause

FORK_SERVER_IDLE_S = 5.0  # how long a fork server waits for a serving process, then exits
CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000


class FrameWriter:
    """File-like sink: buffers serialised bytes and sends DATA frames of about chunk bytes."""

    def __init__(self, fd: int, header: dict, chunk: int) -> None:
        self.fd, self.chunk = fd, chunk
        self.buffer = bytearray(wire.json_frame(wire.HEADER, header))
        self.pending_head = len(self.buffer)  # the header frame, sent with the first data
        self.started = False

    def write(self, data: bytes) -> int:
        self.buffer += data
        if len(self.buffer) - self.pending_head >= self.chunk:
            self._send(final=False)
        return len(data)

    def flush(self) -> None:
        """pyoxigraph flushes its own buffers; frames leave only at chunk size or at the end."""

    def _send(self, final: bool) -> None:
        head = bytes(self.buffer[: self.pending_head])
        body = bytes(self.buffer[self.pending_head :])
        out = head + (wire.frame(wire.DATA, body) if body else b"")
        wire.write_all(self.fd, out + (wire.frame(wire.END) if final else b""))
        self.buffer, self.pending_head, self.started = bytearray(), 0, True

    def finish(self) -> None:
        self._send(final=True)


def _isolate_network() -> str:
    """Move this process into an empty network namespace so no query can reach the network."""
    libc = ctypes.CDLL(None, use_errno=True)
    for flags in (CLONE_NEWNET, CLONE_NEWUSER | CLONE_NEWNET):
        if libc.unshare(flags) == 0:
            return "isolated"
    return "not isolated: " + os.strerror(ctypes.get_errno())


def _exit_with_parent() -> None:
    """Exit when the server process is gone, even in the middle of a long query
    (pyoxigraph releases the GIL while it evaluates, so this thread keeps running)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def _query_arguments(request: dict) -> dict[str, Any]:
    """Dataset and base IRI of a query: the protocol's graphs, else the query's own FROM /
    FROM NAMED, else the union of all graphs as the default graph (SPARQL 1.1 §13.2,
    Protocol §2.1.4). pyoxigraph's union flag would override FROM, so it is set only then."""
    defaults, named = request.get("default_graphs"), request.get("named_graphs")
    arguments: dict[str, Any] = {"base_iri": request.get("base_iri")}
    if defaults is None and named is None:
        if not has_dataset_clause(request["query"]):
            arguments["use_default_graph_as_union"] = True
    else:
        arguments["default_graph"] = [ox.NamedNode(iri) for iri in defaults or []]
        arguments["named_graphs"] = [ox.NamedNode(iri) for iri in named or []]
    return arguments


def _kind(result: Any) -> str:
    if isinstance(result, ox.QuerySolutions):
        return "solutions"
    if isinstance(result, ox.QueryBoolean):
        return "boolean"
    return "graph"


def _term_json(term: Any) -> dict | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        value = {"type": "literal", "value": term.value, "datatype": term.datatype.value}
        if term.language:
            value["xml:lang"] = term.language
        return value
    return {"type": "triple", "value": str(term)}


def _write_table(result: Any, kind: str, limit: int, writer: Any) -> None:
    if kind == "boolean":
        table = {"vars": [], "boolean": bool(result), "rows": [], "truncated": False}
    else:
        if kind == "solutions":
            names = [v.value for v in result.variables]
            rows = ([_term_json(row[name]) for name in names] for row in result)
        else:
            names = ["subject", "predicate", "object"]
            rows = ([_term_json(t.subject), _term_json(t.predicate), _term_json(t.object)]
                    for t in result)
        taken = list(itertools.islice(rows, limit + 1))
        table = {"vars": names, "rows": taken[:limit], "truncated": len(taken) > limit}
    writer.write(json.dumps(table).encode())


class Refusal(Exception):
    """The query cannot be answered; ``status`` is the HTTP status for the client."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def evaluate(store: ox.Store, request: dict) -> tuple[Any, str, str]:
    """Start the query: (pyoxigraph result, kind, renderer key); Refusal when it cannot run."""
    try:
        result = store.query(request["query"], **_query_arguments(request))
    except (SyntaxError, ValueError) as error:
        raise Refusal(400, str(error)) from None
    except (OSError, RuntimeError) as error:
        raise Refusal(500, f"query evaluation failed: {error}") from None
    kind = _kind(result)
    format_key = request.get("graph_format" if kind == "graph" else "results_format")
    if format_key is None:
        raise Refusal(406, f"no acceptable format for a {kind} result")
    return result, kind, format_key


def render(result: Any, kind: str, media_type: str, row_limit: int | None, sink: Any) -> None:
    """Serialise a result into a file-like sink; Refusal (500) when evaluation fails."""
    try:
        if media_type == TABLE_FORMAT:
            _write_table(result, kind, row_limit or 1000, sink)
        elif kind == "graph":  # serialised inside pyoxigraph, no Python object per triple
            result.serialize(sink, format=ox.RdfFormat.from_media_type(media_type))
        else:
            result.serialize(sink, format=ox.QueryResultsFormat.from_media_type(media_type))
    except (OSError, ValueError, RuntimeError, TypeError) as error:
        raise Refusal(500, f"query evaluation failed: {error}") from None


def answer(store: ox.Store, request: dict, out_fd: int, config: dict) -> None:
    try:
        result, kind, format_key = evaluate(store, request)
        writer = FrameWriter(out_fd, {"kind": kind, "format": format_key}, config["chunk"])
        media_type = config["formats"].get(format_key, format_key)  # else TABLE_FORMAT
        render(result, kind, media_type, request.get("row_limit"), writer)
    except Refusal as refusal:
        error = {"status": refusal.status, "message": refusal.message}
        wire.write_all(out_fd, wire.json_frame(wire.ERROR, error))
        return
    writer.finish()


def serve(store: ox.Store, in_fd: int, out_fd: int, config: dict) -> int:
    """Answer requests read on `in_fd` until the server closes it."""
    requests = wire.RequestReader(in_fd)
    while True:
        request = requests.next()
        if request is None:
            return 0
        try:
            answer(store, request, out_fd, config)
        except BrokenPipeError:
            return 0


def in_memory(path: str) -> ox.Store:
    """The build at `path` loaded into an in-memory store, through a temporary N-Quads file
    so no Python object is made per quad (their freed pages would be copied by every fork)."""
    memory = ox.Store()
    with tempfile.NamedTemporaryFile(suffix=".nq") as dump:
        ox.Store.read_only(path).dump(dump.name, ox.RdfFormat.N_QUADS)
        memory.bulk_load(path=dump.name, format=ox.RdfFormat.N_QUADS)
    return memory


def _exit_with(pid: int) -> None:
    """Exit when process `pid` (the serving process) is gone, even mid-query."""
    pidfd = os.pidfd_open(pid)

    def watch() -> None:
        select.select([pidfd], [], [])
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def _fork_worker(store: ox.Store, fds: list[int], server_pid: int, config: dict,
                 inherited: list[socket.socket]) -> None:
    """In the forked child: answer on the two pipe ends until the pool closes them."""
    for sock in inherited:
        sock.close()
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    _exit_with(server_pid)
    os._exit(serve(store, fds[0], fds[1], config))


def serve_forks(config: dict) -> int:
    """The fork server of the memory engine, shared by every serving process on the machine
    that serves this build: it loads the build into memory, then each message on a client's
    connection brings the two pipe ends of a new query worker and the pid of the serving
    process; the forked child shares the loaded store copy-on-write and answers on them.
    The pool kills a child, never this process, when a query overruns. It exits once no
    serving process has been connected for FORK_SERVER_IDLE_S."""
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(config["fork_socket"])  # the starting client holds the lock: it was free
    listener.listen()
    store = in_memory(config["store"])
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    gc.freeze()  # the collector of a child would otherwise write to every inherited object
    clients: list[socket.socket] = []
    while True:
        ready, _, _ = select.select([listener, *clients], [], [],
                                    None if clients else FORK_SERVER_IDLE_S)
        if not ready:
            os.unlink(config["fork_socket"])
            return 0
        for sock in ready:
            if sock is listener:
                client, _ = listener.accept()
                client.sendall(b"ready" + wire.LENGTH.pack(os.getpid()))
                clients.append(client)
                continue
            message, fds, _, _ = socket.recv_fds(sock, 16, 2)
            if not message:
                clients.remove(sock)
                sock.close()
                continue
            pid = os.fork()
            if pid == 0:
                _fork_worker(store, fds, wire.LENGTH.unpack(message)[0], config,
                             [listener, *clients])
            for fd in fds:
                os.close(fd)
            sock.sendall(wire.LENGTH.pack(pid))


def main(argv: list[str]) -> int:
    config = json.loads(argv[1])
    out_fd = os.dup(1)
    os.dup2(2, 1)  # stray prints go to stderr, never into the frame channel
    if config.get("isolate_network", True):
        status = _isolate_network()
        if status != "isolated":
            print(f"kuhy query worker: network {status}", file=sys.stderr)
    if "fork_socket" in config:
        return serve_forks(config)
    _exit_with_parent()
    return serve(ox.Store.read_only(config["store"]), 0, out_fd, config)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
