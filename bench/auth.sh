#!/usr/bin/env bash
# Authentication benchmark: login p50/p99 (Argon2id cost) and the overhead of an authenticated request.
# Starts the service on a fresh temporary home (embedded PostgreSQL, dev config, rate limits lifted so they do
# not interfere), runs bench/AuthBench.java against it, stops it.
# Usage: bench/auth.sh [logins=200] [requests=3000]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${HTTP_PORT:-18080}
./healthflow build >/dev/null
home=$(mktemp -d)
HEALTHFLOW_HOME="$home" HTTP_PORT=$port ADMIN_PORT=$((port + 1)) RATE_LIMIT_PER_MINUTE=100000000 \
  LOGIN_RATE_LIMIT_PER_MINUTE=100000000 ./healthflow run >"$home/service.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$home"' EXIT
for _ in $(seq 1 600); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/ready" || true)" = 200 ] && break
  sleep 0.1
done
./healthflow java bench/AuthBench.java "http://localhost:$port" "${1:-200}" "${2:-3000}"
