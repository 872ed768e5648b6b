#!/usr/bin/env bash
# Crash durability (issue 8, item 3): the real server under a write-heavy load, killed with SIGKILL at random
# moments and restarted; every acknowledged write must be there and `convene db check` must be clean.
#   bench/crash/run.sh [sqlite|postgres|all] [--kills 20] [--clients 6] [--seed N]
# PostgreSQL: a throwaway cluster (initdb + pg_ctl) on a free port, fsync ON (durability is the point), removed
# at the end. Everything lives in /tmp/convene-crash-*; nothing is left running.
set -euo pipefail
cd "$(dirname "$0")/../.."

which=${1:-all}
[ $# -gt 0 ] && shift
kills=20 clients=6 seed=$RANDOM
while [ $# -gt 0 ]; do
  case "$1" in
    --kills) kills=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

for p in src/Convene.Web src/Convene.Cli bench/Convene.Crash; do
  dotnet build "$p" -c Release -nologo -v quiet -warnaserror >/dev/null
done
web=$PWD/src/Convene.Web/bin/Release/net10.0/Convene.Web.dll
cli=$PWD/src/Convene.Cli/bin/Release/net10.0/convene.dll
crash=$PWD/bench/Convene.Crash/bin/Release/net10.0/Convene.Crash.dll
work=$(mktemp -d /tmp/convene-crash-XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

pg_bin="" pg_run=()
cleanup() {
  if [ -n "$pg_bin" ] && [ -f "$work/pg/data/postmaster.pid" ]; then
    "${pg_run[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -m fast stop >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

status=0
if [ "$which" = sqlite ] || [ "$which" = all ]; then
  dotnet "$crash" sqlite "Data Source=$work/convene.db" "$web" "$cli" "$(free_port)" "$kills" "$clients" "$seed" || status=1
fi

if [ "$which" = postgres ] || [ "$which" = all ]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pg_port=$(free_port)
  mkdir -p "$work/pg"
  if [ "$(id -u)" = 0 ]; then
    # initdb refuses root: the cluster runs as the postgres user.
    chown postgres:postgres "$work/pg"; chmod 755 "$work" "$work/pg"
    pg_run=(runuser -u postgres --)
  else
    pg_run=(env)
  fi
  "${pg_run[@]}" "$pg_bin/initdb" -D "$work/pg/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  "${pg_run[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w \
    -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c max_connections=200" start >/dev/null
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE convene_crash" >/dev/null
  dotnet "$crash" postgres "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=convene_crash" "$web" "$cli" "$(free_port)" "$kills" "$clients" "$seed" || status=1
fi

exit $status
