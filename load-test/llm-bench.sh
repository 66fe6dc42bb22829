#!/usr/bin/env bash
# What the optional language model costs the chat, in one run: Teller on its embedded default under a WebSocket
# load (300 customers, about 100 messages a second) with the model off, then with it on against a stand-in
# OpenAI-compatible provider on loopback that answers in 1 s; prints throughput, reply p50/p99 and `unavailable`
# for both, the ratio, and PASS when the model on keeps at least 0.9 of the throughput, reply p99 within the
# provider's latency + 1.5 s and no `unavailable`. Takes about 9 minutes; exits 0 on PASS, 1 on FAIL.
#
#   load-test/llm-bench.sh [--customers 300] [--think 3s] [--ramp 30s] [--duration 3m] [--latency 1s]
#                          [--jar bot-server/target/bot-server.jar]
#
# Each server, started from the packaged jar, gets its own data directory and port (printed at the start, kept
# afterwards with their logs and each half's JSON report).
set -euo pipefail
cd "$(dirname "$0")/.."
. load-test/jar.sh
need_server_jar llm-bench
load_test llm-bench "$@"
