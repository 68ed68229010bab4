#!/usr/bin/env bash
# bin/benchmark --transport: the GraphQL server's own transport against Spring for GraphQL's (ADR 25), side by side
# in one process. The service runs with profile spring-transport (gateway's SpringTransportComparison): the same
# schema, engine, limits and callers at /graphql (the server's servlet) and at /spring/graphql (Spring's
# GraphQlHttpHandler behind Spring MVC, without observations or a security filter chain on that path). It is seeded
# through its mutations, then wrk runs each operation against one path and then the other, alternating,
# TRANSPORT_ROUNDS times (benchmark/pairs.sh); the table gives each path's median and the ratio of the medians.
#
# Environment (defaults in brackets): TRANSPORT_OPS ["product products create"], TRANSPORT_CONNECTIONS ["16 64"],
# TRANSPORT_DURATION [15s], TRANSPORT_WARMUP [20s], TRANSPORT_ROUNDS [3], TRANSPORT_PRODUCTS [2000],
# BENCHMARK_SERVICE_OPTS [-Xms512m -Xmx512m -XX:MaxGCPauseMillis=10], BENCHMARK_SKIP_BUILD=1 reuses the jars.
# Needs wrk and curl (apt-get install wrk curl).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
. bin/select-jdk.sh
TRANSPORT_OPS=${TRANSPORT_OPS:-product products create}
TRANSPORT_CONNECTIONS=${TRANSPORT_CONNECTIONS:-16 64}
TRANSPORT_DURATION=${TRANSPORT_DURATION:-15s}
TRANSPORT_WARMUP=${TRANSPORT_WARMUP:-20s}
TRANSPORT_ROUNDS=${TRANSPORT_ROUNDS:-3}
TRANSPORT_PRODUCTS=${TRANSPORT_PRODUCTS:-2000}
BENCHMARK_SERVICE_OPTS=${BENCHMARK_SERVICE_OPTS:--Xms512m -Xmx512m -XX:MaxGCPauseMillis=10}
wrk_dir="$root/benchmark/compare/wrk"
log() { echo "transport: $*"; }
die() { echo "transport: $*" >&2; exit 1; }
for tool in wrk curl; do command -v "$tool" >/dev/null 2>&1 || die "$tool is needed (apt-get install $tool)"; done

if [ -z "${BENCHMARK_SKIP_BUILD:-}" ]; then
  log "building (./mvnw -q -DskipTests package)"
  ./mvnw -B -q -DskipTests package
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/catalog-transport.XXXXXX")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
# shellcheck disable=SC2086 # a list of JVM options
env -u CATALOG_JWT_SECRET -u CATALOG_JWT_ISSUER_URI SERVER_PORT=$port CATALOG_RATE_LIMIT_PER_MINUTE=0 \
  CATALOG_DATA_DIR="$work/data" SPRING_PROFILES_ACTIVE=spring-transport \
  "$JAVA_HOME/bin/java" $BENCHMARK_SERVICE_OPTS -jar gateway/target/catalog.jar > "$work/service.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 1800); do
  kill -0 $pid 2>/dev/null || { tail -n 30 "$work/service.log" >&2; die "the service exited while starting"; }
  curl -s -o /dev/null --max-time 2 -H 'Content-Type: application/json' -d '{"query":"{__typename}"}' "$base/spring/graphql" && break
  sleep 0.1
done
"$JAVA_HOME/bin/java" -jar benchmark/target/catalog-benchmark.jar --url "$base/graphql" --seed-only \
  --products "$TRANSPORT_PRODUCTS" --images-per-product 3 --inactive-every 10 --concurrency 16 --progress 0 \
  > "$work/seed.txt" || { cat "$work/seed.txt" >&2; die "seeding failed"; }
log "$TRANSPORT_PRODUCTS products x 3 images seeded; $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) CPUs"

PAIRS_IDS=$TRANSPORT_PRODUCTS
. "$root/benchmark/pairs.sh"
pairs_measure /graphql "$base/graphql" /spring/graphql "$base/spring/graphql" "$TRANSPORT_OPS" "$TRANSPORT_CONNECTIONS" \
  "$TRANSPORT_DURATION" "$TRANSPORT_WARMUP" "$TRANSPORT_ROUNDS"
