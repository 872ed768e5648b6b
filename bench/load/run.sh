#!/usr/bin/env bash
# The load benchmark of issue 8 in one command (docs/benchmarks.md, "Load (issue 8)"):
#
#   bench/load/run.sh [sqlite|postgres|radicale|all] [--duration 60] [--warmup 60] [--clients 50] [--levels "1 8 50"] [--level-seconds 10]
#   bench/load/run.sh kinds [--duration 60]     # SQLite: the server's CPU per request, one kind of request at a time
#
# Builds Release, generates the 100,000-meeting databases once (cached in bench/load/.cache, git-ignored), starts the
# real server (Production, its own config given by environment variables) on SQLite and on a throwaway PostgreSQL
# cluster (fsync on), Radicale with a throwaway storage folder, runs the driver (bench/Convene.Load), reads the
# server's peak memory (VmHWM), stops everything and prints the Markdown tables. Needs root for PostgreSQL (initdb
# runs as the postgres user) and Debian's radicale (installed when missing). Everything runs on 127.0.0.1.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WHAT=all
DURATION=60
CLIENTS=50
LEVELS="1 8 50"
LEVEL_SECONDS=10
MEETINGS=100000
# The mix is measured after a minute of the same load: .NET's tiered JIT needs 30-40 s of full load on two cores
# before the hot paths run optimised code (measured: the first 30 s ran at about half the later throughput), and a
# server runs for days. --warmup 5 gives the cold figure.
WARMUP=60
while [[ $# -gt 0 ]]; do
  case "$1" in
    sqlite|postgres|radicale|all|kinds) WHAT=$1 ;;
    --duration) DURATION=$2; shift ;;
    --clients) CLIENTS=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --levels) LEVELS=$2; shift ;;
    --level-seconds) LEVEL_SECONDS=$2; shift ;;
    --meetings) MEETINGS=$2; shift ;;
    *) echo "usage: $0 [sqlite|postgres|radicale|all|kinds] [--duration 60] [--warmup 60] [--clients 50] [--levels \"1 8 50\"] [--level-seconds 10] [--meetings 100000]" >&2; exit 2 ;;
  esac
  shift
done

CACHE=$ROOT/bench/load/.cache
mkdir -p "$CACHE"
RUN=$(mktemp -d /tmp/convene-load-run.XXXXXX)
chmod 755 "$RUN"
export CONVENE_LOAD_RESULTS=$CACHE/results-$(date -u +%Y%m%dT%H%M%SZ)-$WHAT.tsv
: > "$CONVENE_LOAD_RESULTS"
SERVER_PID=
RADICALE_PID=
PG_DATA=
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
# Below the kernel's ephemeral range (32768-60999 here): a port inside it can be held by any outgoing connection of
# the run itself, and Radicale once failed to start on 55384 ("Address already in use") while the driver kept going.
SQLITE_PORT=25381
PG_SERVER_PORT=25382
PG_PORT=25383
RADICALE_PORT=25384

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

cleanup() {
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  [[ -n "$RADICALE_PID" ]] && kill "$RADICALE_PID" 2>/dev/null && wait "$RADICALE_PID" 2>/dev/null || true
  [[ -n "$PG_DATA" ]] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PG_DATA" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$RUN"
}
trap cleanup EXIT

log "building Release"
dotnet build "$ROOT/src/Convene.Web" -c Release -v q -nologo >/dev/null
dotnet build "$ROOT/bench/Convene.Load" -c Release -v q -nologo >/dev/null
dotnet build "$ROOT/src/Convene.Cli" -c Release -v q -nologo >/dev/null
WEB=$ROOT/src/Convene.Web/bin/Release/net10.0/Convene.Web.dll
load() { dotnet "$ROOT/bench/Convene.Load/bin/Release/net10.0/Convene.Load.dll" "$@"; }
# The cached databases are rebuilt when the generator or the schema changes.
KEY=$( (cat "$ROOT/bench/Convene.Load/Seed.cs" "$ROOT"/src/Convene.Persistence/Migrations/*/*.sql; echo "$MEETINGS") | sha1sum | cut -c1-12)

start_server() { # provider connection-string port
  # The content root is the build output, so that appsettings.json (log levels and all) is the production one.
  (cd "$(dirname "$WEB")" && exec env ASPNETCORE_ENVIRONMENT=Production Database__Provider="$1" ConnectionStrings__Convene="$2" \
    dotnet "$WEB" --urls "http://127.0.0.1:$3" >"$RUN/server-$1.log" 2>&1) &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$3/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$RUN/server-$1.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "server did not become ready" >&2; cat "$RUN/server-$1.log" >&2; exit 1
}

stop_server() { # label
  local hwm
  hwm=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
  load record "$1" server.peak_mb "$((hwm / 1024))"
  log "$1: server peak memory (VmHWM) $((hwm / 1024)) MB"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

# The same read with wrk, a C client whose own cost per request is a few microseconds: the .NET driver's HttpClient
# adds about 0.2 ms of its own to each request, which is not the server's latency (docs/benchmarks.md, session 10).
wrk_read() { # label url
  local token out
  command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
  token=$(curl -sf -X POST "${2}api/v1/auth/token" -H 'Content-Type: application/json' \
    -d '{"userName":"u1","password":"bench-password"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  out=$(CONVENE_TOKEN=$token wrk -c1 -t1 -d10s -s "$ROOT/bench/load/diary-week.lua" "$2")
  if [[ $(awk '/^wrk_failed/ {print $2}' <<<"$out") != 0 ]]; then
    echo "$out" >&2; echo "wrk: diary reads failed" >&2; exit 1
  fi
  load record "$1" "read api-wrk.p50" "$(awk '/^wrk_p50_ms/ {print $2}' <<<"$out")"
  load record "$1" "read api-wrk.p99" "$(awk '/^wrk_p99_ms/ {print $2}' <<<"$out")"
  log "$1: diary week, one client, wrk: $(awk '/^wrk_requests/ {r=$2} /^wrk_p50_ms/ {p=$2} /^wrk_p99_ms/ {q=$2} END {print r " requests, p50 " p " ms, p99 " q " ms"}' <<<"$out")"
}

measure_server() { # label url
  log "$1: mixed load, $CLIENTS clients, ${WARMUP} s warm-up + ${DURATION} s"
  load mix "$2" "$1" "$CLIENTS" "$WARMUP" "$DURATION"
  log "$1: diary week, one client"
  load api-read "$2" "$1" 500
  wrk_read "$1" "$2"
  for c in $LEVELS; do
    log "$1: creates alone, $c clients, ${LEVEL_SECONDS} s"
    load creates "$2" "$1" "$c" "$LEVEL_SECONDS"
  done
}

db_check() { # label provider connection-string: the invariants after the load (answers, declines, moves)
  if dotnet "$ROOT/src/Convene.Cli/bin/Release/net10.0/convene.dll" db check --provider "$2" --connection "$3" >"$RUN/check-$1.txt" 2>&1; then
    load record "$1" db_check "consistent (convene db check after the load)"
  else
    load record "$1" db_check "VIOLATIONS: $(grep -v '^ok' "$RUN/check-$1.txt" | tr '\n' ' ' | cut -c1-300)"
  fi
  log "$1: $(tail -1 "$RUN/check-$1.txt")"
}

measure_floor() { # label provider connection-string
  for c in $LEVELS; do
    log "$1: bare-SQL creates, $c connections, ${LEVEL_SECONDS} s"
    load floor-create "$2" "$3" "$1" "$c" "$LEVEL_SECONDS"
  done
  load floor-read "$2" "$3" "$1" 500
}

sqlite_db() { # the cached SQLite database, generated when missing
  local db=$CACHE/sqlite-$KEY.db
  if [[ ! -f "$db" ]]; then
    log "sqlite: generating $MEETINGS meetings (cached as $db)"
    rm -f "$db.tmp"*
    load generate Sqlite "Data Source=$db.tmp" "$MEETINGS" >&2
    rm -f "$db.tmp-wal" "$db.tmp-shm"; mv "$db.tmp" "$db"
  fi
  echo "$db"
}

run_sqlite() {
  local db
  db=$(sqlite_db)
  cp "$db" "$RUN/server.db"
  start_server Sqlite "Data Source=$RUN/server.db" $SQLITE_PORT
  measure_server sqlite "http://127.0.0.1:$SQLITE_PORT/"
  stop_server sqlite
  db_check sqlite Sqlite "Data Source=$RUN/server.db"
  cp "$db" "$RUN/floor.db"
  measure_floor sqlite Sqlite "Data Source=$RUN/floor.db"
  rm -f "$RUN"/*.db*
}

run_postgres() {
  local cached=$CACHE/pg-$KEY
  local cs="Host=127.0.0.1;Port=$PG_PORT;Username=postgres"
  install -d -o postgres -g postgres -m 755 "$RUN/pg"   # the server's log and socket
  if [[ ! -d "$cached" ]]; then
    log "postgres: generating $MEETINGS meetings (cached cluster $cached)"
    rm -rf "$cached.tmp"; install -d -o postgres -g postgres -m 700 "$cached.tmp"
    runuser -u postgres -- "$PGBIN/initdb" -D "$cached.tmp" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    PG_DATA=$cached.tmp
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PG_DATA" -l "$RUN/pg/server.log" -w -o "-p $PG_PORT -k $RUN/pg -c listen_addresses=127.0.0.1" start >/dev/null
    "$PGBIN/psql" -h 127.0.0.1 -p $PG_PORT -U postgres -qc "CREATE DATABASE load" >/dev/null
    load generate Postgres "$cs;Database=load" "$MEETINGS"
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PG_DATA" -m fast stop >/dev/null
    PG_DATA=
    mv "$cached.tmp" "$cached"
  fi
  # Default durability settings: fsync on, synchronous_commit on, full_page_writes on.
  PG_DATA=$cached
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PG_DATA" -l "$RUN/pg/server.log" -w -o "-p $PG_PORT -k $RUN/pg -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  local psql=("$PGBIN/psql" -h 127.0.0.1 -p $PG_PORT -U postgres -qX)
  "${psql[@]}" -c "DROP DATABASE IF EXISTS run" -c "DROP DATABASE IF EXISTS floor" -c "CREATE DATABASE run TEMPLATE load" -c "CREATE DATABASE floor TEMPLATE load" >/dev/null
  start_server Postgres "$cs;Database=run" $PG_SERVER_PORT
  measure_server postgres "http://127.0.0.1:$PG_SERVER_PORT/"
  stop_server postgres
  db_check postgres Postgres "$cs;Database=run"
  measure_floor postgres Postgres "$cs;Database=floor"
  log "postgres: pgbench, the same transaction, 8 clients, ${LEVEL_SECONDS} s"
  local out tps
  out=$("$PGBIN/pgbench" -h 127.0.0.1 -p $PG_PORT -U postgres -n -c 8 -j 2 -T "$LEVEL_SECONDS" -f "$ROOT/bench/load/create.pgbench" floor 2>&1)
  tps=$(echo "$out" | awk '/^tps/ {print $3; exit}')
  echo "$out" | grep -E "^(tps|latency|number of (failed|transactions))" >&2 || true
  load record postgres pgbench.tps "$tps"
  load record postgres pgbench.clients 8
  "${psql[@]}" -c "DROP DATABASE run" -c "DROP DATABASE floor" >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PG_DATA" -m fast stop >/dev/null
  PG_DATA=
}

run_radicale() {
  command -v radicale >/dev/null || apt-get install -y radicale >/dev/null
  local storage=$RUN/radicale
  mkdir -p "$storage"
  log "radicale: writing the clients' calendars"
  load radicale-load "$storage" "$MEETINGS"
  cat >"$RUN/radicale.conf" <<EOF
[server]
hosts = 127.0.0.1:$RADICALE_PORT
[auth]
type = none
[rights]
type = owner_only
[storage]
filesystem_folder = $storage
[logging]
level = warning
EOF
  /usr/bin/python3 -m radicale --config "$RUN/radicale.conf" >"$RUN/radicale.log" 2>&1 &
  RADICALE_PID=$!
  local ready=
  for _ in $(seq 1 60); do curl -s "http://127.0.0.1:$RADICALE_PORT/" >/dev/null 2>&1 && { ready=1; break; }; sleep 0.5; done
  [[ -n "$ready" ]] || { cat "$RUN/radicale.log" >&2; echo "radicale did not start" >&2; exit 1; }
  local url=http://127.0.0.1:$RADICALE_PORT/
  load radicale-warm "$url"
  log "radicale: calendar-query REPORT for a week, one client"
  load radicale-read "$url" radicale 100
  for c in $LEVELS; do
    log "radicale: event PUTs, $c clients, ${LEVEL_SECONDS} s"
    load radicale-put "$url" radicale "$c" "$LEVEL_SECONDS"
  done
  kill "$RADICALE_PID"; wait "$RADICALE_PID" 2>/dev/null || true
  RADICALE_PID=
}

# One kind of request at a time (the driver's CONVENE_LOAD_ONLY), 16 clients, on a fresh copy of the SQLite database and
# a fresh server each: requests per second and the server's CPU (utime + stime from /proc) per request, after a 15 s
# warm-up that is not counted (tiered JIT). Which requests cost the CPU the mix is bounded by (docs/benchmarks.md).
run_kinds() {
  local db url=http://127.0.0.1:$SQLITE_PORT/ hz t0 t1 out n
  db=$(sqlite_db)
  hz=$(getconf CLK_TCK)
  echo "| Request ($DURATION s, 16 clients) | requests | req/s | server CPU per request |" > "$RUN/kinds.md"
  echo "|---|---:|---:|---:|" >> "$RUN/kinds.md"
  for kind in diary invitations appointment answer create move; do
    cp "$db" "$RUN/server.db"; rm -f "$RUN/server.db-wal" "$RUN/server.db-shm"
    start_server Sqlite "Data Source=$RUN/server.db" $SQLITE_PORT
    log "kinds: $kind, warm-up 15 s"
    CONVENE_LOAD_ONLY=$kind load mix "$url" "warm-$kind" 16 0 15 >/dev/null
    t0=$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")
    out=$(CONVENE_LOAD_ONLY=$kind load mix "$url" "kind-$kind" 16 0 "$DURATION")
    t1=$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")
    n=$(echo "$out" | awk -F'|' '/\*\*all\*\*/ {gsub(/ /, "", $3); print $3}')
    awk -v k="$kind" -v n="$n" -v d="$DURATION" -v c=$((t1 - t0)) -v hz="$hz" \
      'BEGIN { printf "| %s | %d | %.0f | %.2f ms |\n", k, n, n / d, 1000 * c / hz / n }' >> "$RUN/kinds.md"
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  done
  rm -f "$RUN"/*.db*
  cp "$RUN/kinds.md" "$CACHE/report-kinds.md"
  cat "$RUN/kinds.md"
}

START=$(date +%s)
if [[ "$WHAT" == kinds ]]; then
  run_kinds
  log "report: $CACHE/report-kinds.md"
  exit 0
fi
case "$WHAT" in
  sqlite) run_sqlite ;;
  postgres) run_postgres ;;
  radicale) run_radicale ;;
  all) run_sqlite; run_postgres; run_radicale ;;
esac

REPORT=$CACHE/report-$WHAT.md
{
  echo "## Load benchmark ($WHAT), $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo
  echo "$MEETINGS meetings; mix: $CLIENTS clients, ${WARMUP} s warm-up + ${DURATION} s; levels: $LEVELS (${LEVEL_SECONDS} s each); wall time $(( $(date +%s) - START )) s."
  echo
  load report "$CONVENE_LOAD_RESULTS"
} | tee "$REPORT"
log "report: $REPORT, raw results: $CONVENE_LOAD_RESULTS"
