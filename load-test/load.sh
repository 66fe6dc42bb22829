#!/usr/bin/env bash
# The WebSocket load: N customers against running Tellers, every acknowledged message read back at the end.
# Writes the run's JSON report (--report, default load-report.json) and draws it beside (load-report.svg) with
# load-test/chart when Node.js is there. Exits 0 when clean, 1 when a server is missing, 2 when anything was
# lost, duplicated, unanswered or refused. Paths are relative to the repository's top.
#
#   load-test/load.sh [--url http://localhost:8080 …] [--customers 200] [--think 10s] [--ramp 20s]
#                     [--duration 60s] [--staff admin:PASSWORD] [--report load-report.json]
set -euo pipefail
cd "$(dirname "$0")/.."
. load-test/jar.sh

report=load-report.json
args=("$@")
for ((i = 0; i + 1 < ${#args[@]}; i++)); do
  [ "${args[$i]}" = --report ] && report=${args[$((i + 1))]}
done

status=0
load_test load "$@" || status=$?
if [ -f "$report" ] && { [ "$status" -eq 0 ] || [ "$status" -eq 2 ]; }; then
  if command -v node >/dev/null 2>&1; then
    [ -d load-test/chart/node_modules/echarts ] \
      || (cd load-test/chart && npm ci --no-audit --no-fund --prefer-offline --loglevel=error) >&2
    node load-test/chart/load-chart.mjs "$report" || true
  else
    echo "load: no Node.js here; draw the chart elsewhere with node load-test/chart/load-chart.mjs $report" >&2
  fi
fi
exit "$status"
