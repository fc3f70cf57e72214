#!/usr/bin/env bash
# Safety benchmark (issue #5): recall activation fan-out to N pharmacy tenants (default 10 000, one pharmacist
# each), and real-time notification delivery latency over the Server-Sent Events stream.
# Starts the service on a fresh temporary home (embedded PostgreSQL on a fixed port so the harness can add the
# tenants with SQL; dev config with the demo registry; rate limits lifted), runs bench/SafetyBench.java, stops it.
# Usage: bench/safety.sh [pharmacies=10000] [notifications=300]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${HTTP_PORT:-18080}
db_port=${BENCH_DB_PORT:-15433}
./healthflow build >/dev/null
home=$(mktemp -d)
HEALTHFLOW_HOME="$home" HTTP_PORT=$port ADMIN_PORT=$((port + 1)) HEALTHFLOW_EMBEDDED_DB_PORT=$db_port \
  RATE_LIMIT_PER_MINUTE=100000000 LOGIN_RATE_LIMIT_PER_MINUTE=100000000 ./healthflow run >"$home/service.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$home"' EXIT
for _ in $(seq 1 900); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/ready" || true)" = 200 ] && break
  sleep 0.1
done
./healthflow java -cp api/target/healthflow.jar bench/SafetyBench.java "http://localhost:$port" \
  "jdbc:postgresql://localhost:$db_port/healthflow?user=postgres" "${1:-10000}" "${2:-300}"
grep -o 'Recall [^ ]* fanned out.*' "$home/service.log" | tail -1 || true
