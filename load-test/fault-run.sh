#!/usr/bin/env bash
# A fault run: two Teller nodes on this machine's PostgreSQL and Redis carry a WebSocket load while Redis (or
# PostgreSQL) is stopped and started again in the middle of it. It passes when no acknowledged message was lost
# or stored twice, every message was answered and both nodes are still serving, without a restart.
#
#   load-test/fault-run.sh redis|postgres [load options, e.g. --customers 400 --think 5s --duration 150s]
#
# It STOPS THE MACHINE'S OWN SERVICE for a while: run it on a development machine, not beside anything that needs
# them. How to stop and start them (Debian's defaults below) can be set with TELLER_FAULT_STOP and
# TELLER_FAULT_START. The nodes use a database of their own (created and dropped) and a Redis prefix of their own.
set -euo pipefail
cd "$(dirname "$0")/.."
. load-test/jar.sh

what=${1:-}
case "$what" in
  redis)
    stop_default='redis-cli -h 127.0.0.1 -p 6379 shutdown nosave'
    start_default='redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log'
    ;;
  postgres)
    cluster=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
    stop_default="pg_ctlcluster --skip-systemctl-redirect $cluster main stop -m fast"
    start_default="pg_ctlcluster --skip-systemctl-redirect $cluster main start"
    ;;
  *)
    echo "usage: $0 redis|postgres [load options]" >&2
    exit 2
    ;;
esac
shift
STOP=${TELLER_FAULT_STOP:-$stop_default}
START=${TELLER_FAULT_START:-$start_default}
DOWN_AFTER=${TELLER_FAULT_AFTER:-40}   # seconds into the load
DOWN_FOR=${TELLER_FAULT_FOR:-30}       # seconds the service stays away

need_server_jar fault-run
load_test_jar
pg_isready -h 127.0.0.1 -p 5432 -q || { echo "fault-run: PostgreSQL is not running on 127.0.0.1:5432" >&2; exit 1; }
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null || { echo "fault-run: Redis is not running on 127.0.0.1:6379" >&2; exit 1; }

run_id=$(date +%s)
db="teller_fault_$run_id"
# The nodes' first admin (no demo accounts on PostgreSQL): the load reads their Prometheus figures with it.
admin_password="fault-admin-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
work=$(mktemp -d /tmp/teller-fault-XXXXXX)
psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db"
pids=()
cleanup() {
  # waited for with stderr closed, so that bash does not report each killed node as a job that died
  for p in "${pids[@]}"; do { kill -9 "$p"; wait "$p"; } 2>/dev/null || true; done
  pg_isready -h 127.0.0.1 -p 5432 -q || eval "$START" || true
  redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || [ "$what" != redis ] || eval "$START" || true
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true
  redis-cli -h 127.0.0.1 -p 6379 --scan --pattern "fault-$run_id:*" | xargs -r redis-cli -h 127.0.0.1 -p 6379 del >/dev/null || true
}
trap cleanup EXIT

ports=(18181 18182)
for i in 0 1; do
  TELLER_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" TELLER_DB_USER=postgres \
  TELLER_REDIS_URL=redis://127.0.0.1:6379 TELLER_REDIS_PREFIX="fault-$run_id" \
  TELLER_ADMIN_USERNAME=admin TELLER_ADMIN_PASSWORD="$admin_password" \
    ./teller java -Xmx1g -jar bot-server/target/bot-server.jar --server.port="${ports[$i]}" \
      --teller.index="$work/index-$i" --teller.articles="$work/articles-$i" >"$work/node-$i.log" 2>&1 &
  pids+=($!)
done
for port in "${ports[@]}"; do
  for _ in $(seq 1 120); do curl -sf "localhost:$port/actuator/health/readiness" >/dev/null && break; sleep 1; done
  curl -sf "localhost:$port/actuator/health/readiness" >/dev/null || { echo "fault-run: node on $port did not start; see $work" >&2; exit 1; }
done
echo "fault-run: two nodes ready on ${ports[*]}; logs in $work" >&2

# Options given on the command line come last and win over these defaults.
load-test/load.sh --url "http://localhost:${ports[0]}" --url "http://localhost:${ports[1]}" \
  --staff "admin:$admin_password" --customers 400 --think 5s --duration 150s --ramp 20s \
  --report "$work/report.json" "$@" &
load=$!
sleep $((20 + DOWN_AFTER))
echo "fault-run: stopping $what ($STOP)" >&2
eval "$STOP" || true
sleep "$DOWN_FOR"
echo "fault-run: starting $what again ($START)" >&2
eval "$START"
status=0
wait $load || status=$?

alive=0
for port in "${ports[@]}"; do
  curl -sf "localhost:$port/actuator/health" >/dev/null && alive=$((alive + 1))
done
echo "fault-run: $what was away for ${DOWN_FOR}s; nodes still serving: $alive of 2; report: $work/report.json (chart beside it)" >&2
[ "$alive" -eq 2 ] || status=3
exit $status
