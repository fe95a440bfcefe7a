# Sourced by .ci/run (and usable by hand): a throwaway PostgreSQL server on loopback for
# the store's tests, from Debian's postgresql package.
#
#   source .ci/postgres.sh && pg_test_start    # exports QUOTEGRAPH_TEST_POSTGRES_URL
#   ...                                        # make test
#   pg_test_stop                               # stops the server, removes its data
#
# The server runs as the postgres user (initdb refuses root), listens on 127.0.0.1 only
# (port $PG_TEST_PORT, default 5433; socket in /tmp), trusts local connections, and
# keeps its data in a temporary directory.

PG_TEST_PORT="${PG_TEST_PORT:-5433}"
PG_TEST_DATA=""

_pg_bin() {  # the newest server installed (a client-only package has no initdb)
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | while read -r dir; do
    [[ -x "$dir/initdb" ]] && echo "$dir"
  done | tail -n 1
}

_pg_as_owner() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_test_start() {
  if [[ -z "$(_pg_bin)" ]]; then
    echo "== installing PostgreSQL (Debian package)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  local bin
  bin="$(_pg_bin)"
  if [[ -z "$bin" ]]; then
    echo "error: PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)" >&2
    return 1
  fi
  PG_TEST_DATA="$(mktemp -d /tmp/quotegraph-pg.XXXXXX)"
  if [[ "$(id -u)" == 0 ]]; then chown postgres: "$PG_TEST_DATA"; fi
  _pg_as_owner "$bin/initdb" -D "$PG_TEST_DATA" -U postgres -A trust -E UTF8 --no-sync >/dev/null || return 1
  _pg_as_owner "$bin/pg_ctl" -D "$PG_TEST_DATA" -l "$PG_TEST_DATA/server.log" -w -t 60 \
    -o "-k /tmp -h 127.0.0.1 -p $PG_TEST_PORT -c fsync=off" start >/dev/null || {
      echo "error: PostgreSQL did not start; its log:" >&2
      cat "$PG_TEST_DATA/server.log" >&2
      return 1
    }
  "$bin/psql" -q -h 127.0.0.1 -p "$PG_TEST_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE quotegraph LOGIN CREATEDB" \
    -c "CREATE DATABASE quotegraph_test OWNER quotegraph" >/dev/null || return 1
  export QUOTEGRAPH_TEST_POSTGRES_URL="postgresql://quotegraph@127.0.0.1:$PG_TEST_PORT/quotegraph_test"
  echo "== PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_TEST_PORT: $QUOTEGRAPH_TEST_POSTGRES_URL"
}

pg_test_stop() {
  if [[ -n "$PG_TEST_DATA" && -d "$PG_TEST_DATA" ]]; then
    _pg_as_owner "$(_pg_bin)/pg_ctl" -D "$PG_TEST_DATA" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_TEST_DATA"
  fi
  PG_TEST_DATA=""
}
