#!/usr/bin/env bash
# Federation sync throughput, node to node over TAXII 2.1 on loopback (everything bound to 127.0.0.1, stopped at the end):
#   1. three Cordon servers (Release build), each on its own store: node-a and node-b on SQLite files, node-c on a
#      throwaway PostgreSQL 15 server; federation's schedule off, so the script decides when each node syncs;
#   2. ROWS indicators of every identifier type (the demo generator, a fixed seed), TLP:GREEN, distribution federation,
#      imported into node-a through its API;
#   3. serving alone: every page of node-a's federation collection fetched with curl as node-b would (nothing stored);
#   4. node-b (SQLite) pulls everything from node-a, then node-c (PostgreSQL) does, one after the other: the time of
#      each POST /api/v1/peers/node-a/sync and the objects it pulled.
#
# Usage (as root, or as a user that can run the PostgreSQL binaries):
#   bench/federation-benchmark.sh [ROWS]     default 100000
# Environment: PG_PORT, HTTP_PORT (first ports tried; default 26200, 5280), PAGE (objects per page; default 2000, the
#   server's Cordon:Federation:PageSize default). Needs: curl, jq, /usr/lib/postgresql/15/bin. Results go to stdout and
#   $work/results.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
. bench/lib/postgres.sh
rows=${1:-100000}
page=${PAGE:-2000}
pg_port=$(free_port "${PG_PORT:-26200}")
key=bench-admin-key-0123456789abcdefghijklmnopqrstuv
work=$(mktemp -d /tmp/cordon-federation-bench.XXXXXX)
chown postgres "$work" 2>/dev/null || true
chmod 755 "$work"
server_bin=$root/src/Cordon.Server/bin/Release/net10.0
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  stop_postgres "$work"
  rm -rf "$work/pg" "$work"/*.db* "$work/rows.csv"
  echo "work folder (logs, results): $work"
}
trap cleanup EXIT
say() { echo "$*" | tee -a "$work/results.txt"; }
now() { date +%s.%N; }
seconds_since() { echo "$(now) - $1" | bc -l | xargs printf '%.1f'; }

# start_node NAME PROVIDER CONNECTION: sets the global url_NAME.
start_node() {
  local name=$1 provider=$2 connection=$3 port
  port=$(free_port "${HTTP_PORT:-5280}")
  while ss -ltnH "sport = :$port" | grep -q . || grep -qx "$port" "$work/ports" 2>/dev/null; do port=$((port + 1)); done
  echo "$port" >>"$work/ports"
  Cordon__Database__Provider=$provider Cordon__Database__ConnectionString=$connection Cordon__Bootstrap__AdminKey=$key \
  Cordon__Node__Name=$name Cordon__Federation__IntervalSeconds=0 Cordon__Federation__PageSize=$page \
    dotnet "$server_bin/Cordon.Server.dll" --contentRoot "$server_bin" --urls "http://127.0.0.1:$port" >"$work/$name.log" 2>&1 &
  pids+=($!)
  local pid=$!
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "$name exited; see $work/$name.log" >&2; cat "$work/$name.log" >&2; exit 1; }
    sleep 0.2
  done
  printf -v "url_${name//-/_}" '%s' "http://127.0.0.1:$port"
}
api() { # api URL METHOD PATH [BODY]: JSON in, JSON out, with the admin key
  curl -fsS -X "$2" "$1$3" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' ${4:+--data-binary "$4"}
}

echo "== build"
dotnet build -c Release src/Cordon.Server >/dev/null
dotnet build -c Release bench/Cordon.Bench >/dev/null
command -v jq >/dev/null || { echo "jq missing: apt-get install -y jq" >&2; exit 1; }

echo "== PostgreSQL 15 on 127.0.0.1:$pg_port"
start_postgres "$work" "$pg_port" -c shared_buffers=1GB -c max_wal_size=8GB

echo "== three nodes"
start_node node-a sqlite "Data Source=$work/node-a.db"
start_node node-b sqlite "Data Source=$work/node-b.db"
start_node node-c postgres "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"

echo "== $rows indicators into node-a"
dotnet bench/Cordon.Bench/bin/Release/net10.0/Cordon.Bench.dll import-csv "$rows" "$work/generated.csv" >/dev/null
sed 's/,green,node$/,green,federation/' "$work/generated.csv" >"$work/rows.csv" && rm "$work/generated.csv"
organisation=$(api "$url_node_a" POST /api/v1/organisations '{"name":"Bank of Node A","sector":"bank","country":"HK"}' | jq -r .id)
member=$(api "$url_node_a" POST "/api/v1/organisations/$organisation/keys" '{"name":"bench","roles":["analyst"]}' | jq -r .key)
started=$(now)
curl -fsS -X POST "$url_node_a/api/v1/indicators/import?format=csv" -H "Authorization: Bearer $member" -H 'Content-Type: text/csv' \
  --data-binary @"$work/rows.csv" >"$work/import.json"
import_seconds=$(seconds_since "$started")

say "# Cordon federation benchmark, $(date -u +%FT%TZ), $(nproc) cores, $rows rows, $page objects per page"
say "import into node-a: $(jq -c '{created, updated, rejected}' "$work/import.json") in $import_seconds s"

# node-a gives node-b and node-c inbound peer entries (TLP:CLEAR and GREEN may leave); they pull with those credentials.
connect() { # connect PULLER_URL PULLER_NAME
  local created username secret
  created=$(api "$url_node_a" POST /api/v1/peers "{\"name\":\"$2\",\"direction\":\"inbound\",\"tlps\":[\"clear\",\"green\"]}")
  username=$(jq -r .inboundUsername <<<"$created"); secret=$(jq -r .inboundKey <<<"$created")
  api "$1" POST /api/v1/peers "{\"name\":\"node-a\",\"apiRoot\":\"$url_node_a/taxii2/cordon/\",\"collectionId\":\"$federation\",\"direction\":\"pull\",\"username\":\"$username\",\"secret\":\"$secret\"}" >/dev/null
  echo "$username:$secret"
}
federation=$(curl -fsS "$url_node_a/taxii2/cordon/collections/" -H "Authorization: Bearer $key" | jq -r '.collections[] | select(.title == "Federation") | .id')
credentials_b=$(connect "$url_node_b" node-b)
connect "$url_node_c" node-c >/dev/null

echo "== serving alone: node-a's federation collection, page by page, as node-b sees it"
started=$(now)
served=0
pages=0
next=
while true; do
  curl -fsS -u "$credentials_b" -H 'Accept: application/taxii+json;version=2.1' \
    "$url_node_a/taxii2/cordon/collections/$federation/objects/?limit=$page${next:+&next=$next}" >"$work/page.json"
  served=$((served + $(jq '.objects | length' "$work/page.json")))
  pages=$((pages + 1))
  [ "$(jq -r .more "$work/page.json")" = true ] || break
  next=$(jq -r .next "$work/page.json")
done
serve_seconds=$(seconds_since "$started")
say "serve (node-a, curl, nothing stored): $served objects in $pages pages, $serve_seconds s, $(echo "$served / $serve_seconds" | bc) objects/s"

for puller in node-b node-c; do
  echo "== $puller pulls from node-a"
  var="url_${puller//-/_}"
  started=$(now)
  api "${!var}" POST /api/v1/peers/node-a/sync >"$work/$puller-sync.json"
  sync_seconds=$(seconds_since "$started")
  objects=$(jq .pulledObjects "$work/$puller-sync.json")
  store=$([ "$puller" = node-c ] && echo PostgreSQL || echo SQLite)
  say "pull node-a → $puller ($store): $(jq -c '{pulledObjects, pulledFailures, pages, error}' "$work/$puller-sync.json") in $sync_seconds s, $(echo "$objects / $sync_seconds" | bc) objects/s"
done
