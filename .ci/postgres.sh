#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster on 127.0.0.1 for the tests (installing it from
# Debian's packages when missing) and prints the `export` lines for its URL and data dir.
# Usage: eval "$(bash .ci/postgres.sh start)"; ...; bash .ci/postgres.sh stop "$MIRSAD_PG_DATA"
set -euo pipefail
command="${1:-start}"
export DEBIAN_FRONTEND=noninteractive
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

case "$command" in
start)
    if [ -z "$(pg_bin)" ]; then
        echo "installing PostgreSQL from Debian packages..." >&2
        apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends postgresql >&2
    fi
    PGBIN=$(pg_bin)
    PGPORT=${MIRSAD_PG_PORT:-54329}
    PGDATA=$(mktemp -d /tmp/mirsad-pg.XXXXXX)
    chown postgres:postgres "$PGDATA"
    runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
    # fsync stays on: the durability tests rely on it.
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 30 start \
        -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA -c max_connections=300" >&2
    echo "export MIRSAD_PG_DATA=$PGDATA"
    echo "export MIRSAD_TEST_POSTGRES_URL='postgres://postgres@127.0.0.1:$PGPORT/postgres?sslmode=disable'"
    ;;
stop)
    PGDATA="${2:?data directory}"
    runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$PGDATA" -m fast -w stop >&2 || true
    rm -rf "$PGDATA"
    ;;
*)
    echo "usage: $0 start|stop DATADIR" >&2
    exit 2
    ;;
esac
