#!/usr/bin/env bash
# Rebuilding a view of a large store while the API serves it: bin/benchmark --rebuild [EVENTS] (default 1,000,000).
#
# Starts the service (-Xmx512m) on a fresh embedded PostgreSQL, seeds its event store by SQL with EVENTS events
# (EVENTS/4 products, each created, given two images and renamed: seed.sql), then:
#   1. rebuilds both views from scratch, with no other load (the service has no view rows before);
#   2. rebuilds the product view again with `catalog-admin projections rebuild` and its progress bar while wrk
#      reads random seeded products (16 connections; a missing product counts as an error) and creates products
#      (2 connections) for as long as the first rebuild took;
#   3. verifies the rebuilt view against the events.
# Prints the events per second of each rebuild, how long the switch held the view's writers back (from the
# service's log), and the reads and writes served meanwhile. Needs psql and wrk (Debian packages) and curl.
# Environment: BENCHMARK_SKIP_BUILD=1 reuses the jars already built.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bin/select-jdk.sh
events=${1:-1000000}
products=$((events / 4))
for tool in psql wrk curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "benchmark: $tool is needed (apt-get install postgresql-client wrk curl)" >&2; exit 1; }
done
[ -n "${BENCHMARK_SKIP_BUILD:-}" ] || ./mvnw -B -q -DskipTests package
. benchmark/instances.sh
bench_setup rebuild
db_port=$(free_port); port=$(free_port)
url="http://127.0.0.1:$port"
env -u CATALOG_JWT_SECRET -u CATALOG_JWT_ISSUER_URI CATALOG_RATE_LIMIT_PER_MINUTE=0 CATALOG_DATA_DIR="$work_dir/data" \
  CATALOG_EMBEDDED_DATABASE_PORT="$db_port" SERVER_PORT="$port" \
  "$JAVA_HOME/bin/java" -Xmx512m -Daxoniq.update-checker.disabled=true -jar gateway/target/catalog.jar \
  >"$work_dir/service.log" 2>&1 &
service_pid=$!
pids+=("$service_pid")
wait_up "$port" "$work_dir/service.log"
psql_db() { PGPASSWORD=$(cat "$work_dir/data/catalog-password") psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$db_port" -U postgres -d postgres "$@"; }
admin() { "$JAVA_HOME/bin/java" -jar admin-cli/target/catalog-admin.jar --url "$url" "$@"; }
echo "benchmark: $(nproc) cores shared by the service, its PostgreSQL, wrk and the CLI; $(free -g | awk '/Mem:/ {print $2}') GB"

SECONDS=0
psql_db -v products="$products" -f benchmark/rebuild/seed.sql >/dev/null
echo "benchmark: seeded $((products * 4)) events ($products products, $((products * 2)) images) by SQL in ${SECONDS} s"

rebuild() { # NAME -> prints "events seconds events-per-second held-back-ms"
  admin --json projections rebuild "$1" --poll 500 | python3 -c '
import datetime, json, sys
r = json.load(sys.stdin)
seconds = (datetime.datetime.fromisoformat(r["updatedAt"]) - datetime.datetime.fromisoformat(r["startedAt"])).total_seconds()
print(r["eventsDone"], "%.1f" % seconds, "%.0f" % r["eventsPerSecond"], r["heldBackMillis"])'
}
read -r first_events first_seconds first_rate first_held < <(rebuild product-view)
read -r image_events image_seconds image_rate image_held < <(rebuild image-view)
echo "benchmark: 1. product-view from scratch: $first_events events in $first_seconds s = $first_rate events/s, switch $first_held ms (no other load)"
echo "benchmark:    image-view from scratch:   $image_events events in $image_seconds s = $image_rate events/s, switch $image_held ms"

duration=$(python3 -c "import math; print(math.ceil($first_seconds * 1.5) + 5)")
export GQL_PRESET=catalog GQL_ID_MIN=1 GQL_ID_MAX="$products"
GQL_FAIL_MATCH='"product":null' GQL_LABEL=reads wrk -t2 -c16 -d"${duration}s" --latency -s benchmark/compare/wrk/product.lua \
  "$url/graphql" >"$work_dir/reads.txt" 2>&1 &
reads_pid=$!
GQL_LABEL=creates wrk -t1 -c2 -d"${duration}s" --latency -s benchmark/compare/wrk/create.lua "$url/graphql" \
  >"$work_dir/creates.txt" 2>&1 &
creates_pid=$!
sleep 2
echo "benchmark: 2. product-view again, while wrk reads (16 connections) and creates (2) for ${duration} s:"
admin projections rebuild product-view --poll 500
wait "$reads_pid" "$creates_pid" || true
grep -h "^reads\|^creates" "$work_dir/reads.txt" "$work_dir/creates.txt" | sed 's/^/benchmark:    /'
echo "benchmark: 3. verify:"
admin projections verify product-view --show 3 | sed 's/^/benchmark:    /'
echo "benchmark: service resident memory $(ps -o rss= -p "$service_pid" | awk '{printf "%.0f MB", $1 / 1024}')"
