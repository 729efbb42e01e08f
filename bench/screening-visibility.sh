#!/usr/bin/env bash
# How soon screening sees a change, end to end over HTTP, on one machine (everything on 127.0.0.1, stopped at the end):
#   - SQLite: one server; an indicator submitted, then revoked, through the API; the same server screened until the
#     verdict changes;
#   - PostgreSQL: two servers over one throwaway PostgreSQL 15; the change made on the first, the second screened.
# Each of TRIALS new phone numbers is submitted (TLP:GREEN, node, confidence 90: known_bad), then revoked; the time is
# from the API's answer to the write (committed) to the first screening answer that shows it, polled every ~10 ms.
#
# Usage (as root, or as a user that can run the PostgreSQL binaries): bench/screening-visibility.sh
# Environment: TRIALS (default 20), PG_PORT, HTTP_PORT (first ports tried; default 26200, 5280).
# Needs: curl, /usr/lib/postgresql/15/bin. Results go to stdout and $work/results.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
. bench/lib/postgres.sh
trials=${TRIALS:-20}
pg_port=$(free_port "${PG_PORT:-26200}")
key=bench-admin-key-0123456789abcdefghijklmnopqrstuv
work=$(mktemp -d /tmp/cordon-visibility-bench.XXXXXX)
chown postgres "$work" 2>/dev/null || true
chmod 755 "$work"
server_bin=$root/src/Cordon.Server/bin/Release/net10.0
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  stop_postgres "$work"
  rm -rf "$work/pg" "$work/sqlite"
  echo "work folder (logs, results): $work"
}
trap cleanup EXIT
say() { echo "$*" | tee -a "$work/results.txt"; }

# start_server NAME PORT PROVIDER CONNECTION: starts a server and waits until it answers.
start_server() {
  local name=$1 port=$2
  Cordon__Database__Provider=$3 Cordon__Database__ConnectionString=$4 Cordon__Bootstrap__AdminKey=$key \
    dotnet "$server_bin/Cordon.Server.dll" --contentRoot "$server_bin" --urls "http://127.0.0.1:$port" >"$work/$name.log" 2>&1 &
  pids+=($!)
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready" 2>/dev/null; do
    kill -0 "${pids[-1]}" 2>/dev/null || { cat "$work/$name.log" >&2; exit 1; }
    sleep 0.2
  done
}

api() { curl -fsS -H "Authorization: Bearer $key" -H 'Content-Type: application/json' "$@"; }
# The answers' fields are read with sed, not a JSON parser: a check must cost milliseconds to poll with.
verdict() { api -d "{\"type\":\"phone\",\"value\":\"$2\"}" "$1/api/v1/screen" | sed -n 's/.*"verdict":"\([a-z_]*\)".*/\1/p'; }

# measure LABEL WRITE_URL SCREEN_URL: the seconds from each write's answer until SCREEN_URL shows it, for TRIALS numbers.
measure() {
  local label=$1 write=$2 screen=$3 added=() revoked=()
  for i in $(seq 1 "$trials"); do
    local value
    value=$(printf '+44 20 7946 %04d' $(( (RANDOM * 7 + i) % 10000 )))
    [ "$(verdict "$screen" "$value")" = clear ] || continue
    local id started
    id=$(api -d "{\"type\":\"phone\",\"value\":\"$value\",\"categories\":[\"impersonation_of_officials\"],\"confidence\":90,\"tlp\":\"green\",\"distribution\":\"node\"}" \
      "$write/api/v1/indicators" | sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p')
    started=$(date +%s.%N)
    until [ "$(verdict "$screen" "$value")" = known_bad ]; do sleep 0.01; done
    added+=("$(echo "$(date +%s.%N) - $started" | bc -l)")
    api -X POST "$write/api/v1/indicators/$id/revoke" -o /dev/null
    started=$(date +%s.%N)
    until [ "$(verdict "$screen" "$value")" = clear ]; do sleep 0.01; done
    revoked+=("$(echo "$(date +%s.%N) - $started" | bc -l)")
  done
  summary() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "median %.2f s, max %.2f s (%d changes)", v[int((NR + 1) / 2)], v[NR], NR }'; }
  say "$label, new indicator: $(summary "${added[@]}")"
  say "$label, revocation: $(summary "${revoked[@]}")"
}

echo "== build"
dotnet build -c Release src/Cordon.Server >/dev/null
say "# Cordon screening visibility, $(date -u +%FT%TZ), $(nproc) cores, $trials numbers each"

echo "== SQLite"
mkdir -p "$work/sqlite"
sqlite_port=$(free_port "${HTTP_PORT:-5280}")
start_server sqlite "$sqlite_port" sqlite "Data Source=$work/sqlite/cordon.db"
measure "SQLite, same server" "http://127.0.0.1:$sqlite_port" "http://127.0.0.1:$sqlite_port"

echo "== PostgreSQL 15 on 127.0.0.1:$pg_port, two servers"
start_postgres "$work" "$pg_port"
postgres="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
first_port=$(free_port $((sqlite_port + 1)))
start_server first "$first_port" postgres "$postgres"
second_port=$(free_port $((first_port + 1)))
start_server second "$second_port" postgres "$postgres"
measure "PostgreSQL, change on one server, screened on the other" "http://127.0.0.1:$first_port" "http://127.0.0.1:$second_port"
