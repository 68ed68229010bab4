#!/usr/bin/env bash
# Subscription latency and fan-out across two instances: A on a fresh embedded PostgreSQL, B on A's database.
# Writes go through A, subscribers sit on B (graphql-ws clients, gateway/src/test/federation/subscriptions.mjs).
#
#   bin/benchmark --subscriptions [SUBSCRIBERS] [CHANGES]      # defaults 1000 and 200
#
# Prints the time from a mutation's answer on A to the change's arrival on B (p50, p99), and how long one change
# takes to reach SUBSCRIBERS clients of B, each on its own connection. Needs Node.js with the packages of
# gateway/src/test/federation (npm ci there). Environment: BENCHMARK_SKIP_BUILD=1 reuses the jar.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bin/select-jdk.sh
subscribers=${1:-1000}
changes=${2:-200}
harness=gateway/src/test/federation
[ -d "$harness/node_modules/graphql-ws" ] || (cd "$harness" && npm ci --no-audit --no-fund --loglevel=error)
[ -n "${BENCHMARK_SKIP_BUILD:-}" ] || ./mvnw -B -q -DskipTests package
. benchmark/instances.sh
bench_setup subscriptions
db_port=$(free_port); port_a=$(free_port); port_b=$(free_port)
common=(CATALOG_RATE_LIMIT_PER_MINUTE=0 CATALOG_SUBSCRIPTIONS_MAX_CONNECTIONS_PER_CLIENT=$((subscribers + 10)))
env -u CATALOG_JWT_SECRET -u CATALOG_JWT_ISSUER_URI "${common[@]}" CATALOG_DATA_DIR="$work_dir/data" \
  CATALOG_EMBEDDED_DATABASE_PORT="$db_port" SERVER_PORT="$port_a" \
  "$JAVA_HOME/bin/java" -Xmx512m -Daxoniq.update-checker.disabled=true -jar gateway/target/catalog.jar \
  >"$work_dir/a.log" 2>&1 &
pids+=($!)
wait_up "$port_a" "$work_dir/a.log"
env -u CATALOG_JWT_SECRET -u CATALOG_JWT_ISSUER_URI "${common[@]}" SERVER_PORT="$port_b" \
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$db_port/postgres" SPRING_DATASOURCE_USERNAME=postgres \
  SPRING_DATASOURCE_PASSWORD="$(cat "$work_dir/data/catalog-password")" \
  "$JAVA_HOME/bin/java" -Xmx512m -Daxoniq.update-checker.disabled=true -jar gateway/target/catalog.jar \
  >"$work_dir/b.log" 2>&1 &
pids+=($!)
wait_up "$port_b" "$work_dir/b.log"
echo "benchmark: A on $port_a (embedded PostgreSQL on $db_port), B on $port_b; $(nproc) cores shared by both, the database and the clients"
(cd "$harness" && node subscriptions.mjs bench "ws://127.0.0.1:$port_b/graphql" "http://127.0.0.1:$port_a/graphql" "$subscribers" "$changes")
