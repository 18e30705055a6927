"""Query workers: a process that opens the on-disk store read-only once and answers queries
one by one, or the memory engine's store server whose threads do the same over one store
loaded into memory.

Run as ``python -m server.engine.worker '<json config>'`` by the pool (requests on stdin,
reply frames on stdout, see ``wire``) or, with ``store_socket`` in the config, by
``server.engine.memory``. The server kills a worker process whose query overruns its time
limit; a store server ends its own process for that (``StoreServer``), so nothing here needs
to be interruptible.
"""

from __future__ import annotations

import ctypes
import itertools
import json
import math
import os
import select
import socket
import subprocess
import sys
import tempfile
import threading
import time
from typing import Any

import pyoxigraph as ox

from server.engine import TABLE_FORMAT, wire
from server.engine.lexer import has_dataset_clause

STORE_SERVER_IDLE_S = 5.0  # how long a store server waits for a serving process, then exits
WATCH_EVERY_S = 0.25
RUNAWAY_GRACE_S = 1.0  # past its deadline a query's thread ends only with its process
CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000


def worker_command(config: dict) -> list[str]:
    """The command line that runs this module as a query worker or store server."""
    return [sys.executable, "-m", "server.engine.worker", json.dumps(config)]


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


class QueryThreads:
    """The queries this store server's threads are running, and when each must have ended
    (monotonic seconds, the serving process's deadline: one clock on one machine)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._deadlines: dict[int, float] = {}
        self.closing = False

    def begin(self, deadline_at: float) -> bool:
        """Count the calling thread's query as running; False once the server is closing."""
        with self._lock:
            if self.closing:
                return False
            self._deadlines[threading.get_ident()] = deadline_at
            return True

    def end(self) -> None:
        with self._lock:
            self._deadlines.pop(threading.get_ident(), None)

    def overrun(self, now: float) -> bool:
        """Is a query still running RUNAWAY_GRACE_S after its deadline? Nothing stops it but
        the end of this process."""
        with self._lock:
            return any(now > at + RUNAWAY_GRACE_S for at in self._deadlines.values())

    def refuse_new_queries(self) -> None:
        """No query may begin from now on; those running carry on."""
        with self._lock:
            self.closing = True

    def close_when_only_overruns_left(self, now: float) -> bool:
        """Closing: True (and no query may begin) once every query still running overran."""
        with self._lock:
            if all(now > at + RUNAWAY_GRACE_S for at in self._deadlines.values()):
                self.closing = True
                return True
            return False


def _serve_thread(store: ox.Store, fds: list[int], config: dict,
                  threads: QueryThreads) -> None:
    """One query worker of a serving process's pool, as a thread: answer the requests on its
    two pipe ends until the pool closes them (or this server closes)."""
    in_fd, out_fd = fds
    requests = wire.RequestReader(in_fd)
    try:
        while (request := requests.next()) is not None:
            if not threads.begin(request.get("deadline_at", math.inf)):
                return  # unanswered: the pool sees the pipe close and asks again elsewhere
            try:
                answer(store, request, out_fd, config)
            finally:
                threads.end()
    except OSError:  # the pool closed the pipes (it gave up on this worker)
        return
    finally:
        os.close(in_fd)
        os.close(out_fd)


class StoreServer:
    """The memory engine's store server, shared by every serving process on the machine that
    serves this build: it loads the build into memory once; each message on a serving
    process's connection brings the two pipe ends of a new query worker, which becomes a
    thread here (pyoxigraph lets go of the GIL while it evaluates, so threads use every
    core and share the one store). A thread cannot be killed, so a query still running
    RUNAWAY_GRACE_S past its deadline is ended with this process: a successor loads the
    build, takes over the socket path, and this process exits as soon as no other query is
    running. It also exits once no serving process has been connected for
    STORE_SERVER_IDLE_S and no query runs."""

    def __init__(self, config: dict) -> None:
        self.config, self.path = config, config["store_socket"]
        self.threads = QueryThreads()
        self.clients: list[socket.socket] = []
        self.successor: subprocess.Popen | None = None
        # a successor stays while its predecessor runs: that one's serving processes come
        # over once it has exited, however long its last queries take
        self.predecessor: int | None = config.get("successor")  # its process id
        self.retired = False
        # a successor binds a path of its own while it loads, then renames it over the shared
        # one; the first server binds the shared path (its starter holds the lock)
        listen_path = self.path + f".{os.getpid()}" if config.get("successor") else self.path
        self.listener = socket.socket(socket.AF_UNIX)
        self.listener.bind(listen_path)
        self.listener.listen()
        self.store = in_memory(config["store"])
        if listen_path != self.path:
            os.replace(listen_path, self.path)
        self.inode = os.stat(self.path).st_ino

    def run(self) -> int:
        idle_since = time.monotonic()
        while True:
            ready, _, _ = select.select([] if self.retired else [self.listener, *self.clients],
                                        [], [], WATCH_EVERY_S)
            now = time.monotonic()
            if self.clients or self._predecessor_runs():
                idle_since = now
            if not self.retired:
                self._watch(now)
            if self.retired:  # what was ready belongs to the successor now
                if self.threads.close_when_only_overruns_left(now):
                    os._exit(0)  # ends the overrunning threads
                continue
            # idle: a query lent out before a new build was served still ends first
            if (not ready and now - idle_since > STORE_SERVER_IDLE_S
                    and self.threads.close_when_only_overruns_left(now)):
                if self._owns_path():
                    os.unlink(self.path)
                return 0
            for sock in ready:
                self._serve(sock)

    def _watch(self, now: float) -> None:
        """Start a successor when a query overran; retire once it has taken over."""
        if self.successor is None and self.threads.overrun(now):
            config = dict(self.config, successor=os.getpid())
            self.successor = subprocess.Popen(worker_command(config),
                                              stdin=subprocess.DEVNULL,
                                              start_new_session=True)
        if self.successor is None:
            return
        if not self._owns_path():
            self._retire()
        elif self.successor.poll() is not None:  # it failed to load: try again next time
            self.successor = None

    def _predecessor_runs(self) -> bool:
        if self.predecessor is not None and os.getppid() != self.predecessor:
            self.predecessor = None  # it exited (we were handed to another parent)
        return self.predecessor is not None

    def _owns_path(self) -> bool:
        try:
            return os.stat(self.path).st_ino == self.inode
        except FileNotFoundError:
            return False

    def _retire(self) -> None:
        """The successor serves new connections and workers; the pools see these close, and
        a query sent to one of our threads now comes back unanswered, so the pool asks the
        successor (were it answered here, a steady stream of queries could keep this
        process, and the overrun, alive for as long as it lasts)."""
        self.retired = True
        self.threads.refuse_new_queries()
        self.listener.close()
        for client in self.clients:
            client.close()
        self.clients = []

    def _serve(self, sock: socket.socket) -> None:
        if sock is self.listener:
            self._accept()
            return
        try:
            message, fds, _, _ = socket.recv_fds(sock, 16, 2)
        except OSError:
            message, fds = b"", []
        if not message or len(fds) != 2:
            for fd in fds:
                os.close(fd)
            self._drop(sock)
            return
        thread = threading.Thread(target=_serve_thread, name="kuhy-query", daemon=True,
                                  args=(self.store, fds, self.config, self.threads))
        thread.start()
        try:
            sock.sendall(wire.LENGTH.pack(thread.native_id))
        except OSError:  # the serving process went away; the thread sees its pipes close
            self._drop(sock)

    def _accept(self) -> None:
        try:
            client, _ = self.listener.accept()
        except OSError:  # the connection was given up before we took it
            return
        try:
            client.sendall(b"ready" + wire.LENGTH.pack(os.getpid()))
        except OSError:
            client.close()
            return
        self.clients.append(client)

    def _drop(self, client: socket.socket) -> None:
        self.clients.remove(client)
        client.close()


def main(argv: list[str]) -> int:
    config = json.loads(argv[1])
    out_fd = os.dup(1)
    os.dup2(2, 1)  # stray prints go to stderr, never into the frame channel
    # a store server's successor is already in its predecessor's (empty) network namespace
    if config.get("isolate_network", True) and not config.get("successor"):
        status = _isolate_network()
        if status != "isolated":
            print(f"kuhy query worker: network {status}", file=sys.stderr)
    if "store_socket" in config:
        return StoreServer(config).run()
    _exit_with_parent()
    return serve(ox.Store.read_only(config["store"]), 0, out_fd, config)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
