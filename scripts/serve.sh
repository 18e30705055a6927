#!/usr/bin/env bash
# Set up, build the graph from data/ and serve it at http://127.0.0.1:5000/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/kg build
exec .venv/bin/kg serve --host 127.0.0.1 --port "${PORT:-5000}"
