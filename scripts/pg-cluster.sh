#!/usr/bin/env bash
# A private PostgreSQL cluster for the tests: its own data folder in a fresh temporary folder,
# listening on a free loopback port and on a unix socket in that folder (never the system
# service). Needs PostgreSQL's server programs (Debian: postgresql-15).
#
#   scripts/pg-cluster.sh start STATE_DIR   start one; STATE_DIR/dsn gets its connection string
#   scripts/pg-cluster.sh stop STATE_DIR    stop it and delete its folder
#   scripts/pg-cluster.sh restart STATE_DIR stop and start it again on the same port and data
#   scripts/pg-cluster.sh down STATE_DIR    stop the server only (a lost database)
#   scripts/pg-cluster.sh up STATE_DIR      start it again after `down`
#
# STATE_DIR also gets `dir` (the temporary folder), `port` and `bin` (the server programs).
# The cluster trades durability for speed (fsync off): it holds test data only. With
# WEBDPRO_PG_DURABLE=1 it keeps PostgreSQL's durable defaults (benchmarks).
set -euo pipefail

cmd="${1:-}"
state="${2:-}"
if [[ -z "$cmd" || -z "$state" ]]; then
    echo "usage: $0 start|stop|restart|down|up STATE_DIR" >&2
    exit 2
fi

find_bin() {
    if [[ -n "${WEBDPRO_PG_BIN:-}" ]]; then
        echo "$WEBDPRO_PG_BIN"
        return
    fi
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
            echo "$dir"
            return
        fi
    done
    if command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return
    fi
    echo "pg-cluster: PostgreSQL server programs not found (install postgresql-15, or set WEBDPRO_PG_BIN)" >&2
    exit 1
}

# PostgreSQL refuses to run as root: then the server runs as the `postgres` user (or nobody).
as_owner() {
    if [[ $(id -u) -ne 0 ]]; then
        "$@"
        return
    fi
    local owner=postgres
    id -u "$owner" >/dev/null 2>&1 || owner=nobody
    runuser -u "$owner" -- "$@"
}

owner_of_files() {
    if [[ $(id -u) -eq 0 ]]; then
        local owner=postgres
        id -u "$owner" >/dev/null 2>&1 || owner=nobody
        chown -R "$owner" "$1"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_server() {
    local bin="$1" dir="$2" port="$3"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
}

stop_server() {
    local bin="$1" dir="$2"
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
}

case "$cmd" in
start)
    if [[ -f "$state/dir" && -d "$(cat "$state/dir")/data" ]]; then
        # A cluster left behind by an interrupted run: replace it.
        "$0" stop "$state"
    fi
    mkdir -p "$state"
    bin="$(find_bin)"
    dir="$(mktemp -d /tmp/webdpro-pg.XXXXXX)"
    chmod 755 "$dir"
    owner_of_files "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U webdpro --auth=trust --encoding=UTF8 --locale=C.UTF-8 -N >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1; }
    echo "max_connections = 200" | as_owner tee -a "$dir/data/postgresql.conf" >/dev/null
    if [[ "${WEBDPRO_PG_DURABLE:-0}" != "1" ]]; then
        printf 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n' |
            as_owner tee -a "$dir/data/postgresql.conf" >/dev/null
    fi
    port=""
    for _ in 1 2 3 4 5; do
        port="$(free_port)"
        if start_server "$bin" "$dir" "$port"; then
            break
        fi
        port=""
    done
    if [[ -z "$port" ]]; then
        cat "$dir/server.log" >&2 || true
        rm -rf "$dir"
        exit 1
    fi
    echo "$dir" >"$state/dir"
    echo "$port" >"$state/port"
    echo "$bin" >"$state/bin"
    echo "host=127.0.0.1 port=$port user=webdpro dbname=postgres" >"$state/dsn"
    echo "pg-cluster: started on 127.0.0.1:$port in $dir"
    ;;
stop)
    if [[ ! -f "$state/dir" ]]; then
        echo "pg-cluster: nothing to stop"
        exit 0
    fi
    dir="$(cat "$state/dir")"
    bin="$(cat "$state/bin" 2>/dev/null || find_bin)"
    stop_server "$bin" "$dir"
    rm -rf "$dir"
    rm -f "$state/dir" "$state/port" "$state/bin" "$state/dsn"
    echo "pg-cluster: stopped"
    ;;
down)
    stop_server "$(cat "$state/bin")" "$(cat "$state/dir")"
    ;;
up)
    start_server "$(cat "$state/bin")" "$(cat "$state/dir")" "$(cat "$state/port")"
    ;;
restart)
    dir="$(cat "$state/dir")"
    bin="$(cat "$state/bin")"
    port="$(cat "$state/port")"
    stop_server "$bin" "$dir"
    start_server "$bin" "$dir" "$port"
    echo "pg-cluster: restarted on 127.0.0.1:$port"
    ;;
*)
    echo "usage: $0 start|stop|restart|down|up STATE_DIR" >&2
    exit 2
    ;;
esac
