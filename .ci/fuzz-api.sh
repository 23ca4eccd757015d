#!/usr/bin/env bash
# Fuzzes the HTTP API with schemathesis (from PyPI) against /openapi.json, with a fixed seed
# and a bounded number of examples: no 5xx, every response must match the document.
# Usage: bash .ci/fuzz-api.sh [path/to/mirsad]
set -euo pipefail
cd "$(dirname "$0")/.."
MIRSAD="${1:-.build/debug/mirsad}"
WORK=$(mktemp -d)
trap 'kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT

if ! "$WORK/venv/bin/schemathesis" --version >/dev/null 2>&1; then
    python3 -m venv "$WORK/venv"
    "$WORK/venv/bin/pip" install -q "schemathesis==4.32.5"
fi

DB="sqlite:$WORK/fuzz.sqlite"
"$MIRSAD" demo --db "$DB" --seed 7 --prepare-only --bcrypt-cost 4 > "$WORK/accounts.txt"
PASSWORD=$(awk '$1 == "dispatcher" { print $3 }' "$WORK/accounts.txt")
"$MIRSAD" serve --db "$DB" --port 0 > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
    PORT=$(sed -n 's/.*on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$WORK/server.log" | head -1)
    [ -n "$PORT" ] && break
    sleep 0.2
done
[ -n "${PORT:-}" ] || { cat "$WORK/server.log"; echo "server did not start" >&2; exit 1; }
TOKEN=$(curl -sf -X POST "http://127.0.0.1:$PORT/v1/auth/login" \
    -d "{\"username\":\"dispatcher\",\"password\":\"$PASSWORD\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

"$WORK/venv/bin/schemathesis" run "http://127.0.0.1:$PORT/openapi.json" \
    --header "Authorization: Bearer $TOKEN" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --exclude-path /v1/live --exclude-path /v1/auth/logout --exclude-path /v1/auth/password \
    --seed 42 --max-examples 15 --workers 1 --phases examples,coverage,fuzzing
echo "API fuzzing passed"
