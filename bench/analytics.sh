#!/usr/bin/env bash
# analytics-daily benchmark (issue #7): generates a year of prescriptions, dispensings, adverse events, recalls and
# sign-ins with COPY into an embedded PostgreSQL (a temporary directory, deleted afterwards unless KEEP=1), then
# times a full build through the batch engine (both cores), an incremental run after changing one day, a run with
# nothing to do, and the write-path cost of the change-mark triggers.
# Usage: bench/analytics.sh [prescription items=10000000] [adverse events=same] [days=365]
#   e.g. bench/analytics.sh 1000000   for a quick run at a tenth of the size
set -euo pipefail
cd "$(dirname "$0")/.."
./healthflow build >/dev/null
echo "uptime: $(uptime)"
./healthflow java -Xmx4g -cp api/target/healthflow.jar bench/AnalyticsBench.java "$@"
echo "uptime: $(uptime)"
