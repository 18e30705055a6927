"""Something dear made once per test run, however many pytest-xdist workers ask for it."""

from __future__ import annotations

import fcntl
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

T = TypeVar("T")


def made_once_per_run(tmp_path_factory: pytest.TempPathFactory, name: str,
                      make: Callable[[Path], T]) -> T:
    """`make(folder)` once per test run: under pytest-xdist the first worker to ask makes
    it (the others wait on a lock) and the others read its pickled value."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return make(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent  # the run's folder, above each worker's
    made = shared / f"{name}.pickle"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if made.exists():
            return pickle.loads(made.read_bytes())
        folder = shared / name
        folder.mkdir()
        value = make(folder)
        made.write_bytes(pickle.dumps(value))
        return value
