#!/usr/bin/env bash
# Side-by-side routing benchmark against OSRM (CI-optional; not part of the test command).
#
#   scripts/peers/osrm/run.sh [extra mirsad-bench routing options]
#
# 1. sets up the OSRM venv (setup.sh), 2. builds mirsad-bench in release (through
# /work/build-lock.sh when present), 3. runs `mirsad-bench routing --osrm-python ...`, which
# times Mirsad, runs osrm_peer.py on the same points (OSRM car profile built from the same
# extract) and prints both with the agreement checks. Run from the repository root.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
cd "$ROOT"

PYTHON="$("$HERE/setup.sh" | tail -1)"
LOCK=()
if [ -x /work/build-lock.sh ]; then LOCK=(/work/build-lock.sh); fi
if [ -z "${MIRSAD_BENCH:-}" ]; then
    "${LOCK[@]}" swift build -c release --product mirsad-bench >&2
    MIRSAD_BENCH="$(swift build -c release --show-bin-path)/mirsad-bench"
fi
exec "${LOCK[@]}" "$MIRSAD_BENCH" routing --osrm-python "$PYTHON" --osrm-script "$HERE/osrm_peer.py" "$@"
