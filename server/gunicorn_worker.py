"""gunicorn's threaded worker with a read timeout on every client connection.

gunicorn's gthread worker waits a few seconds for a new connection's first bytes without
holding a thread, but once a request has begun it reads with no time limit, so a client
trickling its headers (slowloris) keeps a thread for as long as it likes. Here every read
and write on a client socket gives up after ``KUHY_READ_TIMEOUT`` seconds without
progress. This bounds each stalled connection; a crowd of them is the buffering proxy's
job (README, "Production").
"""

from __future__ import annotations

import errno

from gunicorn.workers.gthread import TConn, ThreadWorker

from server.settings import Settings

READ_TIMEOUT_S = Settings().read_timeout_s


class TimedConn(TConn):
    """A client connection whose socket operations time out (set again for each request:
    gunicorn makes the socket blocking, without a timeout, before every request)."""

    def init(self) -> None:
        super().init()
        self.sock.settimeout(READ_TIMEOUT_S)


class ReadTimeoutThreadWorker(ThreadWorker):
    def accept(self, listener: object) -> None:
        try:
            client_sock, client_addr = listener.accept()
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        client_sock.setblocking(True)
        self.enqueue_req(TimedConn(self.cfg, client_sock, client_addr, listener.getsockname()))
