#!/usr/bin/env bash
# Screening benchmark over PostgreSQL, end to end, on one machine (everything bound to 127.0.0.1, stopped at the end):
#   1. a throwaway PostgreSQL 15 server; the Cordon server started once on the empty database (schema, bootstrap), stopped;
#   2. ROWS synthetic phone indicators inserted with SQL (generate_series), then the server started again: the time from
#      process start to its "Screening index built" log line;
#   3. HTTP single checks with wrk (keep-alive), one after the other against that server, after a warm-up of each:
#      /api/v1/screen, /bench/constant (the HTTP floor), /bench/postgres (the same check as an indexed PostgreSQL query
#      per request);
#   4. a batch of BATCH NDJSON lines (half indexed, half not) through /api/v1/screen/batch with curl: three warm-up runs,
#      then three timed runs and their median.
# Then, for each further size given, the store is grown to that many indicators and only the index build is timed again.
#
# Usage (as root, or as a user that can run the PostgreSQL binaries):
#   bench/screening-benchmark.sh [ROWS [MORE_ROWS...]]      default 1000000; e.g. bench/screening-benchmark.sh 1000000 10000000
# Environment: PG_PORT, HTTP_PORT (first ports tried; default 26100, 5180), DURATION (wrk seconds per endpoint, default 20),
#   WARMUP (wrk seconds of warm-up per endpoint, default 15), CONNECTIONS (default 32), THREADS (default 2),
#   BATCH (batch lines, default 1000000), SEQUENCE_ROWS (indicators per change sequence; default 1 = every indicator its
#   own change, as when reported one at a time; set it to ROWS to model one bulk import), BUILD_TIMEOUT (s, default 900).
# Needs: wrk (apt-get install -y wrk), curl, /usr/lib/postgresql/15/bin. Results go to stdout and $work/results.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
. bench/lib/postgres.sh
sizes=("${@:-1000000}")
duration=${DURATION:-20}
connections=${CONNECTIONS:-32}
threads=${THREADS:-2}
batch=${BATCH:-1000000}
sequence_rows=${SEQUENCE_ROWS:-1}
build_timeout=${BUILD_TIMEOUT:-900}
pg_port=$(free_port "${PG_PORT:-26100}")
http_port=$(free_port "${HTTP_PORT:-5180}")
url=http://127.0.0.1:$http_port
key=bench-admin-key-0123456789abcdefghijklmnopqrstuv
work=$(mktemp -d /tmp/cordon-screening-bench.XXXXXX)
chown postgres "$work" 2>/dev/null || true
chmod 755 "$work"
server_pid=
build_seconds=
server_bin=$root/bench/Cordon.Bench.Server/bin/Release/net10.0
# The batch's answers (about 240 MB per million lines) go to memory, not to the disk: written to the work folder, the
# disk's writeback of them ran during the timed runs and made them 0.3-0.7 s slower (docs/benchmarks.md).
answers_dir=$( [ -d /dev/shm ] && [ -w /dev/shm ] && echo /dev/shm || echo "$work")
answers=$answers_dir/cordon-batch-answers.$$.ndjson

psql_() { pg "$pg_bin/psql" -h 127.0.0.1 -p $pg_port -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
stop_server() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=; fi
}
cleanup() {
  stop_server
  stop_postgres "$work"
  rm -rf "$work/pg" "$work/batch.ndjson" "$answers"
  echo "work folder (logs, results): $work"
}
trap cleanup EXIT
say() { echo "$*" | tee -a "$work/results.txt"; }
# The batch file through /api/v1/screen/batch, its answers to $1.
send_batch() {
  curl -fsS -H "Authorization: Bearer $key" -H 'Content-Type: application/x-ndjson' --data-binary @"$work/batch.ndjson" \
    "$url/api/v1/screen/batch" -o "$1"
}

# Starts the server and waits for its index; sets build_seconds (process start to the log line).
start_server() {
  local log=$1 started
  started=$(date +%s.%N)
  Cordon__Database__Provider=postgres \
  Cordon__Database__ConnectionString="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Maximum Pool Size=64" \
  Cordon__Bootstrap__AdminKey=$key \
    dotnet "$server_bin/Cordon.Bench.Server.dll" --contentRoot "$server_bin" --urls "$url" >"$log" 2>&1 &
  server_pid=$!
  local deadline=$(( $(date +%s) + build_timeout ))
  until grep -qs "Screening index built" "$log"; do
    if ! kill -0 "$server_pid" 2>/dev/null; then echo "server exited; see $log" >&2; cat "$log" >&2; exit 1; fi
    if [ "$(date +%s)" -ge "$deadline" ]; then echo "no index after ${build_timeout}s; see $log" >&2; exit 1; fi
    sleep 0.1
  done
  build_seconds=$(echo "$(date +%s.%N) - $started" | bc -l | xargs printf '%.1f')
  until curl -fsS -o /dev/null "$url/health/live" 2>/dev/null; do
    kill -0 "$server_pid" 2>/dev/null || exit 1
    sleep 0.2
  done
}

# Waits until the last batch's sightings are in the store and PostgreSQL is done with them: the server writes them
# a few seconds after the batch, and half a million sightings then take PostgreSQL many seconds (on 2 cores, about
# 18 s), which a fixed pause did not always cover; a batch measured meanwhile shares the cores with them. Done when the
# table has stopped growing for two polls and no autovacuum worker runs; then the store is vacuumed and checkpointed,
# so that neither an autovacuum worker (woken every minute) nor a checkpoint of the sightings' pages starts during
# the next timed batch.
wait_for_sightings() {
  local last=-1 inserted workers stable=0
  sleep 6
  while [ "$stable" -lt 2 ]; do
    sleep 2
    inserted=$(psql_ -c "SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'sightings'")
    workers=$(psql_ -c "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")
    if [ "$inserted" = "$last" ] && [ "$workers" = 0 ]; then stable=$((stable + 1)); else stable=0; fi
    last=$inserted
  done
  psql_ -c 'VACUUM (ANALYZE)' -c 'CHECKPOINT'
}

# Inserts indicators number FROM .. TO-1: observable +4420dddddddd with dddddddd = i × 48271 mod 10^8 (distinct, scattered).
insert_rows() {
  local from=$1 to=$2
  psql_ <<SQL
SET synchronous_commit = off;
BEGIN;
INSERT INTO observables ("Id", "Type", "Value", "Display", "RegistrableDomain", "CreatedAt")
SELECT md5('o' || i)::uuid, 'Phone', '+4420' || lpad(((i * 48271) % 100000000)::text, 8, '0'),
       '+44 20 ' || lpad(((i * 48271) % 100000000)::text, 8, '0'), NULL, now()
FROM generate_series($from::bigint, $to::bigint - 1) AS i;
INSERT INTO indicators ("Id", "ObservableId", "OrganisationId", "OriginalValue", "CategoryFlags", "Confidence", "FirstSeen",
  "LastSeen", "ValidUntil", "Tlp", "Distribution", "CreatedAt", "UpdatedAt", "RevokedAt", "ChangeSequence")
SELECT md5('i' || i)::uuid, md5('o' || i)::uuid, (SELECT "Id" FROM organisations ORDER BY "CreatedAt" LIMIT 1),
       '+44 20 ' || lpad(((i * 48271) % 100000000)::text, 8, '0'), 1, 50 + (i % 50)::int, now() - interval '30 days',
       now() - interval '1 day', NULL, 'Green', 'Node', now(), now(), NULL, 1 + i / $sequence_rows
FROM generate_series($from::bigint, $to::bigint - 1) AS i;
COMMIT;
SQL
  # As a node's store is between restarts: vacuumed, so that autovacuum does not run during the measured index build,
  # and checkpointed, so that the gigabytes the load left dirty are not being written out during it.
  psql_ -c 'VACUUM (ANALYZE) observables' -c 'VACUUM (ANALYZE) indicators' -c 'CHECKPOINT'
}

echo "== build"
dotnet build -c Release bench/Cordon.Bench.Server >/dev/null
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk" >&2; exit 1; }

echo "== PostgreSQL 15 on 127.0.0.1:$pg_port"
start_postgres "$work" "$pg_port" -c shared_buffers=1GB -c max_wal_size=8GB -c max_connections=200

echo "== first start on the empty database (schema and bootstrap)"
start_server "$work/server-empty.log"
stop_server

say "# Cordon screening benchmark, $(date -u +%FT%TZ), $(nproc) cores, wrk -t$threads -c$connections -d${duration}s"
previous=0
first=1
for rows in "${sizes[@]}"; do
  echo "== inserting indicators $previous..$((rows - 1))"
  insert_started=$(date +%s.%N)
  insert_rows "$previous" "$rows"
  say "insert: $((rows - previous)) indicators in $(echo "$(date +%s.%N) - $insert_started" | bc -l | xargs printf '%.1f') s (SQL)"
  previous=$rows
  echo "== server start with $rows indicators"
  start_server "$work/server-$rows.log"
  say "index build: $rows indicators: ${build_seconds} s from process start to the log line; server says: $(grep -o 'Screening index built.*' "$work/server-$rows.log")"
  say "server RSS after build: $(( $(awk '/VmRSS/ {print $2}' /proc/$server_pid/status) / 1024 )) MiB"
  if [ "$first" -eq 1 ]; then
    first=0
    # Check the data path before measuring: an indexed number must be found through the HTTP API.
    sample=$(curl -fsS -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
      -d '{"type":"phone","value":"+44 20 0004 8271"}' "$url/api/v1/screen")
    say "sample /api/v1/screen (+44 20 0004 8271, indicator 1): $sample"
    say "sample /bench/postgres: $(curl -fsS -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
      -d '{"type":"phone","value":"+44 20 0004 8271"}' "$url/bench/postgres")"

    cat >"$work/screen.lua" <<LUA
-- POSTs {"type":"phone","value":"+44 20 dddd dddd"} for numbers from the indexed range (present) and the +44 21 range
-- (absent), alternately, from 4096 requests prepared up front.
local requests, n = {}, 0
math.randomseed(42)
for k = 1, 4096 do
  local i = math.random(0, $rows - 1)
  local d = string.format("%08d", (i * 48271) % 100000000)
  local area = (k % 2 == 0) and "20" or "21"
  local body = '{"type":"phone","value":"+44 ' .. area .. ' ' .. d:sub(1, 4) .. ' ' .. d:sub(5) .. '"}'
  requests[k] = wrk.format("POST", wrk.path, { ["Host"] = "127.0.0.1:$http_port",
    ["Content-Type"] = "application/json", ["Authorization"] = "Bearer $key" }, body)
end
request = function()
  n = n % #requests + 1
  return requests[n]
end
response = function(status, headers, body)
  if status ~= 200 then errors = (errors or 0) + 1 end
end
LUA
    # Warm-up, discarded: every endpoint before any is measured. Under full load the JIT's background compiler gets
    # little of the two cores, so a short warm-up leaves the first endpoint measured on slower code than the others.
    for path in /api/v1/screen /bench/constant /bench/postgres; do
      echo "== warm-up $path"
      wrk -t"$threads" -c"$connections" -d"${WARMUP:-15}s" -s "$work/screen.lua" "$url$path" >/dev/null
    done
    for path in /api/v1/screen /bench/constant /bench/postgres; do
      echo "== wrk $path"
      wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$work/screen.lua" "$url$path" >"$work/wrk-${path//\//_}.txt"
      rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk-${path//\//_}.txt")
      p50=$(awk '$1 == "50%" {print $2}' "$work/wrk-${path//\//_}.txt")
      p99=$(awk '$1 == "99%" {print $2}' "$work/wrk-${path//\//_}.txt")
      bad=$(awk '/Non-2xx|Socket errors/' "$work/wrk-${path//\//_}.txt")
      say "wrk $path: $rps requests/s, p50 $p50, p99 $p99 ${bad:+($bad)}"
    done

    echo "== batch of $batch NDJSON lines"
    awk -v n="$batch" -v rows="$rows" 'BEGIN { for (k = 0; k < n; k++) { i = int(k / 2) % rows; d = sprintf("%08d", (i * 48271) % 100000000);
      printf("{\"type\":\"phone\",\"value\":\"+44 %s %s %s\"}\n", (k % 2 == 0) ? "20" : "21", substr(d, 1, 4), substr(d, 5)) } }' \
      >"$work/batch.ndjson"
    # Three discarded runs, 2 s apart, warm the batch path up (as wrk's warm-up does for single checks); then the median
    # of three, each after the previous run's sightings have been written (they are written off the request path,
    # every 5 s). The pauses let the runtime promote the batch path to optimised code between runs: with two runs
    # back to back, the first timed run still compiled it (416 methods, the parser, normaliser and answer writer among
    # them), as the runtime's DOTNET_JitStdOutFile summary showed.
    for warmup in 1 2 3; do
      send_batch /dev/null
      sleep 2
    done
    runs=()
    for run in 1 2 3; do
      wait_for_sightings
      batch_started=$(date +%s.%N)
      send_batch "$answers"
      batch_seconds=$(echo "$(date +%s.%N) - $batch_started" | bc -l)
      runs+=("$batch_seconds")
      answered=$(wc -l <"$answers")
      listed=$(grep -vc '"verdict":"clear"' "$answers" || true)
      say "batch run $run: $batch lines, $answered answers ($listed not clear) in $(printf '%.2f' "$batch_seconds") s = $(echo "$batch / $batch_seconds" | bc -l | xargs printf '%.0f') identifiers/s"
    done
    median=$(printf '%s\n' "${runs[@]}" | sort -g | sed -n 2p)
    say "batch median: $(printf '%.2f' "$median") s = $(echo "$batch / $median" | bc -l | xargs printf '%.0f') identifiers/s"
  fi
  stop_server
done
