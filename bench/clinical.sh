#!/usr/bin/env bash
# Prescription benchmark (issue #6): creating a 5-item prescription, interaction and allergy checks included,
# p50/p99 on 1 client and on 4 concurrent clients, against the service on embedded PostgreSQL with the demo
# registry and the interaction knowledge base. Usage: bench/clinical.sh [prescriptions=300]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${HTTP_PORT:-18080}
source bench/service.sh
start_service "$port"
./healthflow java bench/ClinicalBench.java "http://localhost:$port" "${1:-300}"
