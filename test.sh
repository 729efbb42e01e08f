#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what it needs (Debian packages, NuGet), checks formatting,
# builds with warnings as errors, runs the unit tests once, every store-backed test on SQLite and then on a
# throwaway PostgreSQL 15 server that this script starts and stops, a three-node federation test, and the console's
# browser tests in headless Chromium. Ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# --- what the suite needs from Debian ------------------------------------------------------------------------------
pg_bin=/usr/lib/postgresql/15/bin
missing=()
[ -x "$pg_bin/initdb" ] || missing+=(postgresql)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
[ -f /usr/share/publicsuffix/public_suffix_list.dat ] || missing+=(publicsuffix)
command -v npm >/dev/null || missing+=(npm)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- the real eth-phishing-detect list from npm, for the import tests -----------------------------------------------
eth_dir=$(mktemp -d /tmp/cordon-eth.XXXXXX)
if (cd "$eth_dir" && npm pack eth-phishing-detect@1.2.0 --silent >/dev/null 2>&1 && tar -xzf eth-phishing-detect-*.tgz); then
  export CORDON_TEST_ETH_PHISHING_CONFIG="$eth_dir/package/src/config.json"
  echo "== eth-phishing-detect config: $CORDON_TEST_ETH_PHISHING_CONFIG"
else
  echo "== npm pack eth-phishing-detect failed: the tests that import it will fail"
fi

# --- a throwaway PostgreSQL server on 127.0.0.1 ---------------------------------------------------------------------
pg_dir=$(mktemp -d /tmp/cordon-pg.XXXXXX)
pg_port=""
for candidate in $(seq 25432 25532); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then pg_port=$candidate; break; fi
done
[ -n "$pg_port" ] || { echo "no free port for PostgreSQL"; exit 1; }
pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
stop_pg() { pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$pg_dir" "$eth_dir"; }
trap stop_pg EXIT
pg "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres >/dev/null
pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
echo "== PostgreSQL 15 on 127.0.0.1:$pg_port"
postgres_connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Include Error Detail=true"

# --- build and style --------------------------------------------------------------------------------------------------
echo "== restore and build"
dotnet restore Cordon.sln
dotnet build Cordon.sln --no-restore -c Debug
echo "== dotnet format --verify-no-changes"
dotnet format Cordon.sln --verify-no-changes --no-restore

# --- tests --------------------------------------------------------------------------------------------------------------
passed=0
failed=0
log=$(mktemp)
run_tests() { # $1 = project, $2 = store label, then any further arguments of dotnet test
  echo "== $1 on $2"
  set +e
  dotnet test "tests/$1" --no-build "${@:3}" 2>&1 | tee "$log" | grep -v -E '^(Test run for|A total of|Starting test execution|\s*$)'
  local status=${PIPESTATUS[0]}
  set -e
  local summary
  summary=$(grep -E '^(Passed|Failed)!' "$log" | tail -1 || true)
  if [ -z "$summary" ]; then
    echo "   $1 ($2) did not report results (exit $status)"
    failed=$((failed + 1))
    return
  fi
  local p f
  p=$(echo "$summary" | sed -E 's/.*Passed: *([0-9]+).*/\1/')
  f=$(echo "$summary" | sed -E 's/.*Failed: *([0-9]+), Passed.*/\1/')
  passed=$((passed + p)); failed=$((failed + f))
  [ "$status" -eq 0 ] || [ "$f" -gt 0 ] || failed=$((failed + 1))
}

run_tests Cordon.Core.Tests "no store"
# The screening index compares keys with 512-bit or 256-bit vectors, or one by one, as the processor allows: the paths
# this processor would not take are run too, with the runtime told to leave its wider instructions unused.
for vectors in DOTNET_EnableAVX512 DOTNET_EnableAVX2; do
  export "$vectors=0"
  run_tests Cordon.Core.Tests "no store, $vectors=0" --filter "FullyQualifiedName~Cordon.Core.Tests.Screening"
  unset "$vectors"
done
for store in sqlite postgres; do
  export CORDON_TEST_PROVIDER=$store CORDON_TEST_POSTGRES="$postgres_connection"
  walk=tests/Cordon.Server.Tests/bin/Debug/net10.0/route-walk.txt
  rm -f "$walk"
  for project in Cordon.Application.Tests Cordon.Server.Tests Cordon.Cli.Tests; do
    run_tests "$project" "$store"
  done
  # The generated walk of every route as every kind of caller says how much it called.
  [ -f "$walk" ] && sed 's/^/   /' "$walk" || echo "   the route walk did not report"
  rm -f "$walk"
done
# Real server processes on loopback: three (two on SQLite, one on the PostgreSQL above) federating 100,000 indicators,
# and two joined by a TAXII feed.
run_tests Cordon.Federation.Tests "real nodes on loopback (SQLite and PostgreSQL)"
# The console in headless Chromium, against the real server on SQLite with the demo network; screenshots and the
# server's log are left in tests/Cordon.Console.Tests/bin/Debug/net10.0/screenshots.
run_tests Cordon.Console.Tests "Chromium"
rm -f "$log"

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
