# Shared by the benchmark scripts (source it): free ports and a throwaway PostgreSQL 15 server in a work folder.

pg_bin=/usr/lib/postgresql/15/bin

# The first port from $1 that nothing listens on (other servers may be running on the machine).
free_port() { local port=$1; while ss -ltnH "sport = :$port" | grep -q .; do port=$((port + 1)); done; echo "$port"; }

# Runs a PostgreSQL binary as the postgres user when we are root (initdb refuses root).
pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# start_postgres WORK PORT [SERVER OPTIONS]: a new cluster in WORK/pg, listening on 127.0.0.1:PORT only.
start_postgres() {
  local work=$1 port=$2
  shift 2
  pg "$pg_bin/initdb" -D "$work/pg" -A trust -U postgres >/dev/null
  pg "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o "-p $port -k $work -c listen_addresses=127.0.0.1 $*" start >/dev/null
}

# stop_postgres WORK: stops the cluster in WORK/pg, if it runs.
stop_postgres() { pg "$pg_bin/pg_ctl" -D "$1/pg" -m fast stop >/dev/null 2>&1 || true; }
