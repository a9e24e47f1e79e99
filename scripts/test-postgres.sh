#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite.
#   scripts/test-postgres.sh start   -> prints the URL to export as EVENTWIRE_TEST_PG_URL
#   scripts/test-postgres.sh stop    -> stops it and removes its files
# Installs Debian's postgresql where missing (as root). Prints nothing and
# exits 0 when PostgreSQL cannot be had: the PostgreSQL tests then skip.
set -euo pipefail
PORT="${EVENTWIRE_PG_PORT:-54329}"
ROOT="${EVENTWIRE_PG_DIR:-/tmp/eventwire-test-pg}"
find_bin() {
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  return 1
}
as_owner() {  # postgres refuses to run as root
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "${1:-}" in
  start)
    if ! BIN=$(find_bin); then
      if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >/dev/null 2>&1 || exit 0
        BIN=$(find_bin) || exit 0
      else
        exit 0
      fi
    fi
    "$0" stop >/dev/null 2>&1 || true
    mkdir -p "$ROOT"
    [ "$(id -u)" = 0 ] && chown postgres "$ROOT"
    as_owner "$BIN/initdb" -D "$ROOT/data" -U eventwire --auth=trust -E UTF8 >/dev/null
    as_owner "$BIN/pg_ctl" -D "$ROOT/data" -l "$ROOT/log" -w \
      -o "-p $PORT -k $ROOT -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U eventwire eventwire_test
    echo "postgresql+psycopg://eventwire@127.0.0.1:$PORT/eventwire_test"
    ;;
  stop)
    if BIN=$(find_bin) && [ -d "$ROOT/data" ]; then
      as_owner "$BIN/pg_ctl" -D "$ROOT/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$ROOT"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
