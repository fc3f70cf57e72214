#!/usr/bin/env bash
# Authentication benchmark: login p50/p99 (Argon2id cost) and the overhead of an authenticated request.
# Starts the service on a fresh temporary home (embedded PostgreSQL, dev config, rate limits lifted so they do
# not interfere), runs bench/AuthBench.java against it, stops it.
# Usage: bench/auth.sh [logins=200] [requests=3000]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${HTTP_PORT:-18080}
source bench/service.sh
start_service "$port"
./healthflow java bench/AuthBench.java "http://localhost:$port" "${1:-200}" "${2:-3000}"
