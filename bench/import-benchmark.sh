#!/usr/bin/env bash
# Imports ROWS generated indicators through the CLI into a fresh SQLite store and a fresh PostgreSQL database (a
# throwaway server started here), one after the other on the same machine, and prints each run's report.
# Usage: bench/import-benchmark.sh [ROWS]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
work=$(mktemp -d /tmp/cordon-import-bench.XXXXXX)
pg_bin=/usr/lib/postgresql/15/bin
chown postgres "$work" 2>/dev/null || true
pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() { pg "$pg_bin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

dotnet build -c Release bench/Cordon.Bench >/dev/null
dotnet build -c Release src/Cordon.Cli >/dev/null
dotnet bench/Cordon.Bench/bin/Release/net10.0/Cordon.Bench.dll import-csv "$rows" "$work/rows.csv"
cli="dotnet $(pwd)/src/Cordon.Cli/bin/Release/net10.0/cordon.dll"

echo "== SQLite"
(cd "$work" && $cli import rows.csv --format csv --provider sqlite --connection "Data Source=$work/cordon.db")

pg "$pg_bin/initdb" -D "$work/pg" -A trust -U postgres >/dev/null
pg "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o "-p 25998 -k $work -c listen_addresses=127.0.0.1" start >/dev/null
echo "== PostgreSQL 15"
(cd "$work" && $cli import rows.csv --format csv --provider postgres \
  --connection "Host=127.0.0.1;Port=25998;Username=postgres;Database=postgres")
