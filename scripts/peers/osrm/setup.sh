#!/usr/bin/env bash
# Creates a Python 3.12 virtual environment with OSRM's `osrm-bindings` wheel (which ships
# osrm-extract, osrm-contract, osrm-routed and car.lua) for the routing peer comparison.
#
#   scripts/peers/osrm/setup.sh [VENV_DIR]      (default: .build/osrm-venv)
#
# Python 3.12 is looked up as `python3.12` on PATH, then in pyenv (`pyenv root`/versions/3.12.*),
# then installed from Debian packages when apt-get is available and we are root.
# Prints the venv's python path on the last line.
set -euo pipefail

VENV="${1:-${OSRM_VENV:-.build/osrm-venv}}"
OSRM_BINDINGS_VERSION="${OSRM_BINDINGS_VERSION:-26.10.0}"

find_python() {
    if command -v python3.12 >/dev/null 2>&1 && python3.12 -c 'import sys; assert sys.version_info[:2] == (3, 12)' 2>/dev/null; then
        command -v python3.12
        return 0
    fi
    if command -v pyenv >/dev/null 2>&1; then
        local root
        root="$(pyenv root)"
        local candidate
        candidate="$(ls -d "$root"/versions/3.12.* 2>/dev/null | sort -V | tail -1 || true)"
        if [ -n "$candidate" ] && [ -x "$candidate/bin/python3.12" ]; then
            echo "$candidate/bin/python3.12"
            return 0
        fi
    fi
    return 1
}

PYTHON="$(find_python || true)"
if [ -z "$PYTHON" ]; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        echo "python3.12 not found; trying Debian packages (python3.12 python3.12-venv)" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3.12 python3.12-venv >/dev/null 2>&1 || true
        PYTHON="$(find_python || true)"
    fi
fi
if [ -z "$PYTHON" ]; then
    echo "error: Python 3.12 is required for osrm-bindings and was not found (install python3.12 or pyenv 3.12)" >&2
    exit 2
fi

if [ ! -x "$VENV/bin/python" ]; then
    echo "creating $VENV with $PYTHON" >&2
    "$PYTHON" -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import osrm" 2>/dev/null; then
    echo "installing osrm-bindings==$OSRM_BINDINGS_VERSION" >&2
    "$VENV/bin/pip" install -q "osrm-bindings==$OSRM_BINDINGS_VERSION" >&2
fi
"$VENV/bin/python" -c "import osrm, pathlib; assert (pathlib.Path(osrm.__file__).parent / 'bin' / 'osrm-extract').exists()"
echo "$VENV/bin/python"
