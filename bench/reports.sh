#!/usr/bin/env bash
# Report benchmark: XLSX of N rows of the medicine registry (default 1 000 000) streamed from an embedded
# PostgreSQL through the report's JDBC cursor, rows/s and heap (used after GC before/after, peak while rendering);
# then PDF of about P table pages (default 1 000) in English and Arabic, seconds. The JVM gets -Xmx192m: the
# XLSX finishing at all shows its memory does not grow with the rows. Targets: XLSX ≥ 40 000 rows/s with heap
# growth ≤ 128 MB; PDF of 1 000 pages ≤ 10 s. Other builds on the machine inflate the times: the load is printed.
# Usage: bench/reports.sh [rows=1000000] [pages=1000]
set -euo pipefail
cd "$(dirname "$0")/.."
./healthflow test -q -pl batch -DskipTests test-compile >/dev/null
cp_file=$(mktemp)
./healthflow test -q -pl batch dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
echo "load before: $(uptime)"
./healthflow java -Xmx192m -cp "batch/target/classes:batch/target/test-classes:$(cat "$cp_file")" \
  ai.healthflow.batch.report.ReportBenchmark "${1:-1000000}" "${2:-1000}"
echo "load after:  $(uptime)"
rm -f "$cp_file"
