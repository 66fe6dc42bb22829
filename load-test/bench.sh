#!/usr/bin/env bash
# Concurrent conversations over REST against a running Teller (the whole pipeline: masking, storage,
# understanding, search, dialogue); prints reply p50/p99 and throughput, the last line as JSON.
#
#   load-test/bench.sh [--url http://localhost:8080] [--conversations 50] [--messages 10]
set -euo pipefail
cd "$(dirname "$0")/.."
. load-test/jar.sh
load_test bench "$@"
