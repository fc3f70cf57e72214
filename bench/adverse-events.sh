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
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || (exec 3<>"/dev/tcp/127.0.0.1/$((port + 1))") 2>/dev/null; then
  echo "port $port or $((port + 1)) is already in use: set HTTP_PORT to a free pair" >&2
  exit 1
fi
./healthflow build >/dev/null
home=$(mktemp -d)
HEALTHFLOW_HOME="$home" HTTP_PORT=$port ADMIN_PORT=$((port + 1)) RATE_LIMIT_PER_MINUTE=100000000 \
  LOGIN_RATE_LIMIT_PER_MINUTE=100000000 ./healthflow run >"$home/service.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$home"' EXIT
for _ in $(seq 1 1200); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/ready" || true)" = 200 ] && break
  sleep 0.1
done
kill -0 $pid 2>/dev/null || { echo "the service did not start; see its log:" >&2; tail -20 "$home/service.log" >&2; exit 1; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (other work on the machine skews every figure)"
./healthflow java bench/AdverseEventBench.java "http://localhost:$port" "${1:-100}" "${2:-32}" "${3:-1}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
