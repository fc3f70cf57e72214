#!/usr/bin/env bash
# Prescription benchmark (issue #6): creating a 5-item prescription, interaction and allergy checks included,
# p50/p99 on 1 client and on 4 concurrent clients, against the service on embedded PostgreSQL with the demo
# registry and the interaction knowledge base. Usage: bench/clinical.sh [prescriptions=300]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${HTTP_PORT:-18080}
./healthflow build >/dev/null
home=$(mktemp -d)
HEALTHFLOW_HOME="$home" HTTP_PORT=$port ADMIN_PORT=$((port + 1)) RATE_LIMIT_PER_MINUTE=100000000 \
  LOGIN_RATE_LIMIT_PER_MINUTE=100000000 ./healthflow run >"$home/service.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$home"' EXIT
for _ in $(seq 1 900); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/ready" || true)" = 200 ] && break
  sleep 0.1
done
./healthflow java bench/ClinicalBench.java "http://localhost:$port" "${1:-300}"
