#!/usr/bin/env bash
# Search benchmark: index build rate, search and suggest p50/p99 and queries/s on 1 and 2 threads, index size,
# over N synthetic bilingual medicines (default 100 000; try 1000000) with a mix of exact, Arabic-variant, typo,
# prefix, generic and strength queries. Pure Lucene (search-index module): no service, no database.
# Usage: bench/search.sh [medicines=100000] [queries=5000]
set -euo pipefail
cd "$(dirname "$0")/.."
./healthflow test -q -pl search-index -DskipTests >/dev/null
cp_file=$(mktemp)
./healthflow test -q -pl search-index dependency:build-classpath -Dmdep.outputFile="$cp_file" -DskipTests >/dev/null
./healthflow java -Xmx4g -cp "search-index/target/classes:search-index/target/test-classes:$(cat "$cp_file")" \
  ai.healthflow.search.bench.SearchBenchmark "${1:-100000}" "${2:-5000}"
rm -f "$cp_file"
