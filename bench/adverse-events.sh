#!/usr/bin/env bash
# Adverse-event benchmark: submission latency p50/p90/p99 and throughput with 1 client, 32 clients saturating the
# service and 32 clients on a fixed schedule (target: p99 <= 50 ms at 32), then the report detail read at 32
# clients and a list query.
# Starts the service on a fresh temporary home (embedded PostgreSQL, dev config with the demo registry, rate limits
# lifted so they do not interfere), runs bench/AdverseEventBench.java against it, stops it.
# Usage: bench/adverse-events.sh [reports per client=100] [clients=32] [paced reports/s per client=1]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${HTTP_PORT:-18370}
source bench/service.sh
start_service "$port"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (other work on the machine skews every figure)"
./healthflow java bench/AdverseEventBench.java "http://localhost:$port" "${1:-100}" "${2:-32}" "${3:-1}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
