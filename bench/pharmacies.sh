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
source bench/service.sh
start_service "$port" "$db_port"
./healthflow java -cp api/target/healthflow.jar:api/target/test-classes bench/PharmacyBench.java \
  "http://localhost:$port" "jdbc:postgresql://localhost:$db_port/healthflow?user=postgres" "${1:-50000}" "${2:-3000}"
