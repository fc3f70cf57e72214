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
source bench/service.sh
start_service "$port" "$db_port"
./healthflow java -cp api/target/healthflow.jar bench/SafetyBench.java "http://localhost:$port" \
  "jdbc:postgresql://localhost:$db_port/healthflow?user=postgres" "${1:-10000}" "${2:-300}"
grep -o 'Recall [^ ]* fanned out.*' "$home/service.log" | tail -1 || true
