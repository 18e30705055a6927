#!/usr/bin/env bash
# Set up and run the whole test suite (lint included).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/ruff check .
# two workers (pytest-xdist), each test file on one of them (its module fixtures made once)
exec .venv/bin/python -m pytest -q -n 2 --dist loadfile "$@"
