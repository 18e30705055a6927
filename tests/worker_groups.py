"""How pytest-xdist hands out the test files (``-n 2 --dist loadfile``, scripts/test.sh).

Each file still runs whole on one worker, but the files of a group in ``ONE_WORKER`` go
together, so the dear per-worker fixture they share is made once per run: one chromium and
one live server for every browser file, one read of the shipped registers, one Oxigraph
server loaded by `kg publish`, not one on each worker. Units go out in the order
tests/conftest.py collects them (the groups, then files with slow or real-process tests),
not xdist's default of the most tests first, which put small but long files last.
"""

from __future__ import annotations

import pytest
from xdist.scheduler import LoadFileScheduling

# group name -> the starts of its files' node ids (and the per-worker fixture they share)
ONE_WORKER = {
    "browser": ("tests/server_pages/test_pages_browser",),  # browser, live_server
    "registers": ("tests/registers/test_registers_import.py",  # shipped_register_reads
                  "tests/registers/test_registers_relevance.py"),
    "published": ("tests/server_engines/test_engines_alike.py",  # published (Oxigraph,
                  "tests/server_engines/test_engines_remote.py",  # loaded by kg publish)
                  "tests/server_engines/test_engines_remote_answers.py"),
}


def group_of(nodeid: str) -> str | None:
    return next((name for name, starts in ONE_WORKER.items() if nodeid.startswith(starts)),
                None)


class GroupedFiles(LoadFileScheduling):
    """``--dist loadfile`` with the files of a group as one unit, handed out in collection
    order."""

    def __init__(self, config: pytest.Config, log: object = None) -> None:
        config.option.loadscopereorder = False  # keep the collection order (see above)
        super().__init__(config, log)

    def _split_scope(self, nodeid: str) -> str:
        return group_of(nodeid) or super()._split_scope(nodeid)
