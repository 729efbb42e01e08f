#!/usr/bin/env bash
# Imports ROWS generated indicators through the CLI into a fresh SQLite store and a fresh PostgreSQL database (a
# throwaway server started here), one after the other on the same machine, and prints each run's report.
# Usage: bench/import-benchmark.sh [ROWS]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
. bench/lib/postgres.sh
work=$(mktemp -d /tmp/cordon-import-bench.XXXXXX)
chown postgres "$work" 2>/dev/null || true
cleanup() { stop_postgres "$work"; rm -rf "$work"; }
trap cleanup EXIT

dotnet build -c Release bench/Cordon.Bench >/dev/null
dotnet build -c Release src/Cordon.Cli >/dev/null
dotnet bench/Cordon.Bench/bin/Release/net10.0/Cordon.Bench.dll import-csv "$rows" "$work/rows.csv"
cli="dotnet $(pwd)/src/Cordon.Cli/bin/Release/net10.0/cordon.dll"

echo "== SQLite"
(cd "$work" && $cli import rows.csv --format csv --provider sqlite --connection "Data Source=$work/cordon.db")

start_postgres "$work" 25998
echo "== PostgreSQL 15"
(cd "$work" && $cli import rows.csv --format csv --provider postgres \
  --connection "Host=127.0.0.1;Port=25998;Username=postgres;Database=postgres")
