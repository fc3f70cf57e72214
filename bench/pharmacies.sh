#!/usr/bin/env bash
# Pharmacy benchmark: nearby search and price comparison over N synthetic pharmacies (default 50 000) spread over
# Egypt's governorates with stock of the demo registry's popular medicines.
# Starts the service on a fresh temporary home (embedded PostgreSQL on a fixed port so the harness can insert the
# pharmacies with JDBC as the postgres superuser; dev config with the demo registry; rate limits lifted), runs
# bench/PharmacyBench.java (the generator is api/src/test/java/ai/healthflow/pharmacy/SyntheticPharmacies.java),
# stops it.
# Usage: bench/pharmacies.sh [pharmacies=50000] [queries=3000]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${HTTP_PORT:-18080}
db_port=${BENCH_DB_PORT:-15434}
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
./healthflow java -cp api/target/healthflow.jar:api/target/test-classes bench/PharmacyBench.java \
  "http://localhost:$port" "jdbc:postgresql://localhost:$db_port/healthflow?user=postgres" "${1:-50000}" "${2:-3000}"
