#!/usr/bin/env bash
# bin/benchmark --transport: the GraphQL server's own transport against Spring for GraphQL's (ADR 25), side by side
# in one process. The service runs with profile spring-transport (gateway's SpringTransportComparison): the same
# schema, engine, limits and callers at /graphql (the server's servlet) and at /spring/graphql (Spring's
# GraphQlHttpHandler behind Spring MVC, without observations or a security filter chain on that path). It is seeded
# through its mutations, then wrk runs each operation against one path and then the other, alternating,
# TRANSPORT_ROUNDS times; the table gives each path's median and the ratio of the medians.
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

results="$work/runs.tsv"
run() { # PATH OP CLIENTS DURATION ROUND
  local out="$work/wrk.txt" line
  GQL_PRESET=catalog GQL_ID_MIN=1 GQL_ID_MAX="$TRANSPORT_PRODUCTS" GQL_NAME_PREFIX="transport-${1//\//}" \
    wrk -t2 -c"$3" -d"$4" --timeout 5s --latency -s "$wrk_dir/$2.lua" "$base$1" > "$out" 2>&1 || true
  [ "$5" -gt 0 ] || return 0
  line=$(grep '^GQLBENCH ' "$out") || { cat "$out" >&2; die "wrk printed no GQLBENCH line"; }
  field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
  local errors=$(( $(field non200) + $(field gql_errors) + $(field socket_errors) ))
  [ "$errors" -eq 0 ] || log "$1 $2 c=$3: $errors errors: $(grep -m 1 'first error' "$out" || true)"
  printf '%s\t%s\t%s\t%s\t%s\n' "$2" "$3" "$1" "$(field rps)" "$(field p99_ms)" >> "$results"
  log "$(printf '%-8s c=%-3s %-15s round %d: %8.0f req/s, p99 %7.2f ms' "$2" "$3" "$1" "$5" "$(field rps)" "$(field p99_ms)")"
}
for op in $TRANSPORT_OPS; do
  run /graphql "$op" 16 "$TRANSPORT_WARMUP" 0
  run /spring/graphql "$op" 16 "$TRANSPORT_WARMUP" 0
  for clients in $TRANSPORT_CONNECTIONS; do
    for round in $(seq 1 "$TRANSPORT_ROUNDS"); do
      if [ $((round % 2)) -eq 1 ]; then run /graphql "$op" "$clients" "$TRANSPORT_DURATION" "$round"; run /spring/graphql "$op" "$clients" "$TRANSPORT_DURATION" "$round"
      else run /spring/graphql "$op" "$clients" "$TRANSPORT_DURATION" "$round"; run /graphql "$op" "$clients" "$TRANSPORT_DURATION" "$round"; fi
    done
  done
done
echo
echo "| operation | clients | own /graphql req/s (range) · p99 | Spring /spring/graphql req/s (range) · p99 | own / Spring |"
echo "|---|---|---|---|---|"
python3 - "$results" <<'PY'
import sys, statistics as st
rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[1])]
cells = {}
for op, c, path, rps, p99 in rows:
    cells.setdefault((op, int(c)), {}).setdefault(path, []).append((float(rps), float(p99)))
for (op, c), by in cells.items():
    own, spring = by.get('/graphql', []), by.get('/spring/graphql', [])
    def fmt(r):
        rps = [x for x, _ in r]; p = [y for _, y in r]
        return f"{st.median(rps):,.0f} ({min(rps):,.0f}–{max(rps):,.0f}) · {st.median(p):.1f} ms"
    ratio = st.median([x for x, _ in own]) / st.median([x for x, _ in spring])
    print(f"| {op} | {c} | {fmt(own)} | {fmt(spring)} | {ratio:.2f} |")
PY
