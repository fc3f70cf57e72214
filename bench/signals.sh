#!/usr/bin/env bash
# Signal-detection benchmark (issue #7): generates N synthetic adverse-event reports (default 10 million over 5 000
# ingredients × 2 000 reaction terms) with COPY into an embedded PostgreSQL of its own, runs the signal-detection job
# through the batch engine (one partition thread per core) and prints its time, N, pairs, signals and the step times,
# then the list endpoint's query times over the results. Target: the job ≤ 5 min for 10 million reports.
# The generated database is kept in SIGNAL_BENCH_DATA (default /tmp/healthflow-signal-bench) and reused when it holds
# the same volume, so a second invocation measures the job without generating again (delete the directory to start
# over). Needs about 20 GB of disk for 10 million reports.
# Usage: bench/signals.sh [reports=10000000] [ingredients=5000] [reactions=2000] [runs=1]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${SIGNAL_BENCH_DATA:-/tmp/healthflow-signal-bench}
./healthflow build >/dev/null
# the generator lives in the batch module's test sources
[ -d batch/target/test-classes/ai/healthflow/batch/signal ] || mvn -B -q -ntp -pl batch test-compile
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (other work on the machine skews every figure)"
./healthflow java --enable-native-access=ALL-UNNAMED -cp api/target/healthflow.jar:batch/target/test-classes \
  bench/SignalBench.java "$data" "${1:-10000000}" "${2:-5000}" "${3:-2000}" "${4:-1}" 2> >(grep -v '^WARNING' >&2) |
  grep -v -E '^[0-9:.]+ (DEBUG|INFO) |^(Liquibase|Running Changeset|UPDATE SUMMARY|Run:|Previously run|Filtered out|Total change sets)|^-+$|^$' || true
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
