#!/usr/bin/env bash
# Start-up benchmark: time from launching the service to GET /ready = 200.
#   cold: a fresh HEALTHFLOW_HOME (initdb of the embedded PostgreSQL, all migrations, demo data, no CDS archive)
#   warm: the same home again (data, index and class-data archive exist)
# Usage: bench/startup.sh [runs=3]     Prints one line per run and the medians.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
port=${HTTP_PORT:-18080}
admin=${ADMIN_PORT:-18081}
./healthflow build >/dev/null

start_once() { # $1 = home; prints seconds to ready
  local home=$1 t0 t1 pid
  t0=$(date +%s.%N)
  HEALTHFLOW_HOME="$home" HTTP_PORT=$port ADMIN_PORT=$admin ./healthflow run >"$home.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/ready" || true)" = 200 ]; then break; fi
    sleep 0.05
  done
  t1=$(date +%s.%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }' 
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

tmp=$(mktemp -d)
cold=(); warm=()
for i in $(seq 1 "$runs"); do
  home="$tmp/home$i"
  c=$(start_once "$home"); cold+=("$c")
  w=$(start_once "$home"); warm+=("$w")
  echo "run $i: cold ${c}s  warm ${w}s"
done
echo "median cold start to ready: $(printf '%s\n' "${cold[@]}" | median) s"
echo "median warm start to ready: $(printf '%s\n' "${warm[@]}" | median) s"
echo "jar size: $(du -m api/target/healthflow.jar | cut -f1) MB"
rm -rf "$tmp"
