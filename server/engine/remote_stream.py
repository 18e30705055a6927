"""A remote engine's answer written again while it arrives, so a large answer streams to the
client as it does from the embedded engine instead of being held whole in memory.

A thread reads the answer and renders it (server.engine.worker.render) into a bounded
queue of chunks of about the configured stream chunk; the request's iterator takes them
(pyoxigraph's parsed results belong to the thread that made them, so the thread does all
the reading). Both sides keep the request's deadline: the thread stops writing at it (so a
client that stops reading holds the remote for at most the time limit), and the iterator
waits for the next chunk at most until it. An answer that ends within its first chunk is
returned whole.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from server.engine import Deadline, EngineError
from server.engine.caching import Keeper, WholeResult

QUEUED_CHUNKS = 4  # chunks rendered ahead of the client: the memory one stream may hold


class _Stopped(Exception):
    """The reader of the stream went away: rendering stops."""


class _ChunkSink:
    """File-like sink of the rendering thread: the answer's (kind, format key), then chunks
    of about `chunk` bytes, into `chunks` as (item, last) pairs; a failure ends the stream
    as (exception, True)."""

    def __init__(self, chunks: queue.Queue, chunk: int, deadline: Deadline,
                 stopped: threading.Event) -> None:
        self._chunks, self._chunk, self._deadline = chunks, chunk, deadline
        self._stopped = stopped
        self._buffer = bytearray()

    def begin(self, kind: str, format_key: str) -> None:
        self._put((kind, format_key), last=False)

    def write(self, data: bytes) -> int:
        self._buffer += data
        if len(self._buffer) >= self._chunk:
            self._put(bytes(self._buffer), last=False)
            self._buffer = bytearray()
        return len(data)

    def flush(self) -> None:
        """Chunks leave only at chunk size or at the end."""

    def finish(self, error: BaseException | None) -> None:
        self._put(error if error is not None else bytes(self._buffer), last=True)

    def _put(self, item: object, last: bool) -> None:
        if self._stopped.is_set():
            raise _Stopped
        try:
            self._chunks.put((item, last), timeout=max(0.0, self._deadline.at - time.monotonic()))
        except queue.Full:
            raise TimeoutError("the client did not read the answer within the limit") from None


# reads the answer and writes it into the sink it is given (sink.begin first)
Produce = Callable[[_ChunkSink], None]
Failure = Callable[[BaseException], EngineError]  # the engine error a rendering failure is


def _take(chunks: queue.Queue, deadline: Deadline, failure: Failure) -> tuple[Any, bool]:
    """The next (item, last), waiting at most until the deadline."""
    try:
        item, last = chunks.get(timeout=max(0.0, deadline.at - time.monotonic()))
    except queue.Empty:
        raise deadline.overrun() from None
    if isinstance(item, BaseException):
        raise failure(item)
    return item, last




class RemoteStream:
    """A streamed remote answer (a StreamedResult); always close it."""

    cached = False
    body = None

    def __init__(self, kind: str, format_key: str, first: bytes, chunks: queue.Queue,
                 stopped: threading.Event, deadline: Deadline, failure: Failure) -> None:
        self.kind, self.format = kind, format_key
        self._first, self._chunks, self._stopped = first, chunks, stopped
        self._deadline, self._failure = deadline, failure
        self._keeper = Keeper()
        self._open = True
        self.on_end: Callable[[], None] | None = None  # run once the answer is whole or dropped

    def remember(self, keep: Callable[[bytes], None], limit: int) -> None:
        self._keeper.start(keep, limit)

    def __iter__(self) -> Iterator[bytes]:
        chunk, last = self._first, False
        while True:
            self._keeper.collect(chunk)
            yield chunk
            if last:
                break
            chunk, last = self._next()
        self._open = False
        self._keeper.finish()
        self._ended()

    def _next(self) -> tuple[bytes, bool]:
        try:
            return _take(self._chunks, self._deadline, self._failure)
        except EngineError:
            self.close()
            raise

    def _ended(self) -> None:
        on_end, self.on_end = self.on_end, None
        if on_end is not None:
            on_end()

    def close(self) -> None:
        """Stop early (client gone, HEAD, error): the rendering thread stops at its next
        chunk (a full queue is emptied so that it gets there)."""
        if self._open:
            self._open = False
            self._stopped.set()
            while not self._chunks.empty():
                self._chunks.get_nowait()
        self._ended()


def _bare(error: BaseException) -> BaseException:
    """`error` without its traceback and chained errors: their frames hold what the thread
    parsed, which pyoxigraph lets no other thread drop."""
    error.__context__ = error.__cause__ = None
    return error.with_traceback(None)


def stream(produce: Produce, done: Callable[[bool], None], chunk: int, deadline: Deadline,
           failure: Failure) -> RemoteStream | WholeResult:
    """Produce in a thread of its own; `done(completely)` runs there when that ends (the
    caller keeps or drops its connection). Whole when the answer fits in its first chunk."""
    chunks: queue.Queue = queue.Queue(QUEUED_CHUNKS)
    stopped = threading.Event()
    sink = _ChunkSink(chunks, chunk, deadline, stopped)

    def run() -> None:
        error: BaseException | None = None
        try:
            produce(sink)
        except _Stopped:
            done(False)
            return
        except BaseException as failed:  # noqa: BLE001 (handed to the reader)
            error = _bare(failure(failed))
        done(error is None)
        try:
            sink.finish(error)
        except (_Stopped, TimeoutError):
            return  # nobody reads any more, or the reader has given up at the deadline

    threading.Thread(target=run, name="kuhy-remote-stream", daemon=True).start()
    try:
        (kind, format_key), _ = _take(chunks, deadline, failure)
        first, last = _take(chunks, deadline, failure)
    except EngineError:
        stopped.set()
        raise
    if last:
        return WholeResult(kind, format_key, first, cached=False)
    return RemoteStream(kind, format_key, first, chunks, stopped, deadline, failure)
