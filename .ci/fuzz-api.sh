#!/usr/bin/env bash
# Fuzzes the HTTP API with schemathesis (from PyPI) against /openapi.json, with a fixed seed
# and a bounded number of examples: no 5xx, and every response (status code, content type,
# headers, body) must match the document. Exits non-zero on any failure, printing the server log.
#
# Usage: bash .ci/fuzz-api.sh [path/to/mirsad]
# Environment (all optional):
#   SCHEMATHESIS_VENV   reuse (or create) a virtualenv there instead of a fresh one in the temp dir
#   FUZZ_SEED           schemathesis seed (default 42)
#   FUZZ_MAX_EXAMPLES   test cases per operation and phase (default 15)
#   FUZZ_TIME_LIMIT     hard limit in seconds for the schemathesis run (default 600)
#   FUZZ_CHECKS         comma-separated checks (default: the five below)
#
# The server is a `mirsad demo --prepare-only` database served by `mirsad serve` with a small
# synthetic road network (so routing/coverage answer instead of "no road network", 503), and the
# fuzzer acts as the demo `dispatcher`, then as the Criminal Security analyst for the
# /v1/analytics/* routes. A dispatcher may not use /v1/admin/* nor /v1/audit/entries: those
# answer 403, which the document allows, so they are only checked for conformance of the refusal.
# /v1/live (WebSocket), /v1/auth/logout and /v1/auth/password are left out because they
# would end the fuzzer's own session. One incident and one unit are made or picked before the run and fed in as the {id} of the /v1/incidents/{id}/... and /v1/units/{id}/...
# routes, so those reach their real logic rather than 404. Output is not sanitized so the printed
# curl reproductions work as they are; the token in them belongs to a throw-away demo database.
set -euo pipefail
cd "$(dirname "$0")/.."
MIRSAD="${1:-.build/debug/mirsad}"
SCHEMATHESIS_VERSION=4.32.5
SEED="${FUZZ_SEED:-42}"
MAX_EXAMPLES="${FUZZ_MAX_EXAMPLES:-15}"
TIME_LIMIT="${FUZZ_TIME_LIMIT:-600}"
CHECKS="${FUZZ_CHECKS:-not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance}"

[ -x "$MIRSAD" ] || { echo "fuzz-api: no mirsad binary at $MIRSAD (build it first)" >&2; exit 1; }
MIRSAD="$(cd "$(dirname "$MIRSAD")" && pwd)/$(basename "$MIRSAD")"

WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
    local rc=$?
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [ "$rc" -ne 0 ] && [ -s "$WORK/server.log" ]; then
        echo "---- mirsad server log (last 200 lines) ----" >&2
        tail -n 200 "$WORK/server.log" >&2
        echo "---- end of server log ----" >&2
    fi
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

VENV="${SCHEMATHESIS_VENV:-$WORK/venv}"
if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -qF "version $SCHEMATHESIS_VERSION"; then
    echo "fuzz-api: installing schemathesis $SCHEMATHESIS_VERSION into $VENV"
    python3 -m venv "$VENV"
    timeout 600 "$VENV/bin/pip" install -q "schemathesis==$SCHEMATHESIS_VERSION"
fi

DB="sqlite:$WORK/fuzz.sqlite"
"$MIRSAD" demo --db "$DB" --seed 7 --prepare-only --bcrypt-cost 4 > "$WORK/accounts.txt"
PASSWORD=$(awk '$1 == "dispatcher" { print $3 }' "$WORK/accounts.txt")
[ -n "$PASSWORD" ] || { cat "$WORK/accounts.txt" >&2; echo "fuzz-api: no dispatcher account in the demo" >&2; exit 1; }
# About 4,000 junctions around the demo city's centre: loads at once and keeps routing fast.
"$MIRSAD" roads synthetic --out "$WORK/city.mroads" --center 29.30,47.95 --radius 20000 --nodes 3000 --seed 7 >/dev/null

"$MIRSAD" serve --db "$DB" --host 127.0.0.1 --port 0 --roads "$WORK/city.mroads" \
    > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
PORT=""
for _ in $(seq 1 150); do
    PORT=$(sed -n 's/.*on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$WORK/server.log" | head -1)
    [ -n "$PORT" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "fuzz-api: server exited during start-up" >&2; exit 1; }
    sleep 0.2
done
[ -n "$PORT" ] || { echo "fuzz-api: server did not start within 30 s" >&2; exit 1; }
BASE="http://127.0.0.1:$PORT"

api() { curl -sS --fail-with-body --max-time 30 -H 'Content-Type: application/json' "$@"; }
json() { python3 -c "import json,sys; print($1)"; }

TOKEN=$(api -X POST "$BASE/v1/auth/login" -d "{\"username\":\"dispatcher\",\"password\":\"$PASSWORD\"}" \
    | json 'json.load(sys.stdin)["token"]')
AUTH="Authorization: Bearer $TOKEN"
INCIDENT=$(api -X POST -H "$AUTH" "$BASE/v1/incidents" \
    -d '{"type":"PS-ASSAULT","location":{"lat":29.30,"lon":47.95},"narrative":"fuzz fixture"}' \
    | json 'json.load(sys.stdin)["id"]')
UNIT=$(api -H "$AUTH" "$BASE/v1/units" \
    | json 'next(u["unit"]["id"] for u in json.load(sys.stdin)["units"] if u["unit"]["status"] == "available")')
echo "fuzz-api: server on $BASE, incident $INCIDENT, unit $UNIT"

# A config file of our own, so that no schemathesis.toml elsewhere applies and neither the
# example database nor the crash cache (which would replay earlier runs' failures) is used.
cat > "$WORK/schemathesis.toml" <<EOF
[cache]
enabled = false

[generation]
database = "none"

[[operations]]
include-path = "/v1/incidents/{id}/assignments/{unitId}"
parameters = { "path.id" = "$INCIDENT", "path.unitId" = "$UNIT" }

[[operations]]
include-path-regex = '^/v1/incidents/\{id\}'
parameters = { "path.id" = "$INCIDENT" }

[[operations]]
include-path-regex = '^/v1/units/\{id\}'
parameters = { "path.id" = "$UNIT" }
EOF

cd "$WORK"
set +e
timeout --signal=INT --kill-after=30 "$TIME_LIMIT" \
    "$VENV/bin/schemathesis" --config-file "$WORK/schemathesis.toml" run "$BASE/openapi.json" \
    --header "$AUTH" \
    --checks "$CHECKS" \
    --exclude-path /v1/live --exclude-path /v1/auth/logout --exclude-path /v1/auth/password \
    --phases examples,coverage,fuzzing \
    --seed "$SEED" --max-examples "$MAX_EXAMPLES" --workers 1 --suppress-health-check too_slow \
    --request-timeout 30 --no-color --output-sanitize false
STATUS=$?
set -e
if [ "$STATUS" -eq 124 ] || [ "$STATUS" -eq 137 ]; then
    echo "fuzz-api: schemathesis did not finish within $TIME_LIMIT s" >&2
fi
if ! curl -sf -o /dev/null --max-time 10 "$BASE/health"; then
    echo "fuzz-api: the server no longer answers /health after the run (crashed or hung?)" >&2
    STATUS=1
fi
[ "$STATUS" -eq 0 ] || { echo "fuzz-api: API fuzzing FAILED (schemathesis exit $STATUS)" >&2; exit "$STATUS"; }

# The analytics routes are the analyst's: a second pass as the demo's Criminal Security analyst.
ANALYST_PASSWORD=$(awk '$1 == "cid.analyst" { print $3 }' "$WORK/accounts.txt")
ANALYST=$(api -X POST "$BASE/v1/auth/login" -d "{\"username\":\"cid.analyst\",\"password\":\"$ANALYST_PASSWORD\"}" \
    | json 'json.load(sys.stdin)["token"]')
set +e
timeout --signal=INT --kill-after=30 "$TIME_LIMIT" \
    "$VENV/bin/schemathesis" --config-file "$WORK/schemathesis.toml" run "$BASE/openapi.json" \
    --header "Authorization: Bearer $ANALYST" --include-path-regex '^/v1/analytics/' \
    --checks "$CHECKS" --phases examples,coverage,fuzzing \
    --seed "$SEED" --max-examples "$MAX_EXAMPLES" --workers 1 --suppress-health-check too_slow \
    --request-timeout 60 --no-color --output-sanitize false
STATUS=$?
set -e
if ! curl -sf -o /dev/null --max-time 10 "$BASE/health"; then
    echo "fuzz-api: the server no longer answers /health after the analytics run" >&2
    STATUS=1
fi
[ "$STATUS" -eq 0 ] || { echo "fuzz-api: analytics fuzzing FAILED (schemathesis exit $STATUS)" >&2; exit "$STATUS"; }
echo "API fuzzing passed"
