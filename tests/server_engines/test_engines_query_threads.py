"""The store server's count of running queries decides when it may exit: with a clock given
by the test, never the machine's."""

from __future__ import annotations

import threading

from server.engine.worker import RUNAWAY_GRACE_S, QueryThreads


def _begin_in_thread(threads: QueryThreads, deadline_at: float) -> bool:
    began: list[bool] = []
    thread = threading.Thread(target=lambda: began.append(threads.begin(deadline_at)))
    thread.start()
    thread.join()
    return began[0]


def test_a_running_query_keeps_the_server_until_it_overruns() -> None:
    threads = QueryThreads()
    assert _begin_in_thread(threads, deadline_at=10.0)  # another thread's query, not ended
    assert not threads.close_when_only_overruns_left(now=10.0)
    assert threads.begin(deadline_at=20.0)  # not closing yet: queries still begin
    threads.end()
    assert threads.close_when_only_overruns_left(now=10.0 + RUNAWAY_GRACE_S + 0.1)
    assert not threads.begin(deadline_at=30.0)


def test_a_retired_server_answers_no_new_query_but_lets_running_ones_end() -> None:
    threads = QueryThreads()
    assert threads.begin(deadline_at=10.0)
    threads.refuse_new_queries()
    assert not _begin_in_thread(threads, deadline_at=10.0)
    assert not threads.close_when_only_overruns_left(now=5.0)  # ours is still within limit
    threads.end()
    assert threads.close_when_only_overruns_left(now=5.0)
