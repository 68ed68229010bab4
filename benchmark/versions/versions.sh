#!/usr/bin/env bash
# bin/benchmark --versions OLD.jar [NEW.jar]: two builds of the catalog side by side in one run, to show that a
# change loses nothing. Each jar runs on its own embedded PostgreSQL (a temporary data directory), both are seeded
# through their mutations with the same data, then wrk runs each operation against one and then the other,
# alternating, VERSIONS_ROUNDS times (benchmark/pairs.sh); the table gives each one's median and range, and the
# ratio new / old.
# NEW.jar defaults to gateway/target/catalog.jar (build it first: ./mvnw -DskipTests package).
#
# Environment (defaults in brackets): VERSIONS_OPS ["product products create"], VERSIONS_CONNECTIONS ["16 64"],
# VERSIONS_DURATION [10s], VERSIONS_WARMUP [30s], VERSIONS_ROUNDS [3], VERSIONS_PRODUCTS [2000],
# BENCHMARK_SERVICE_OPTS [-Xms512m -Xmx512m -XX:MaxGCPauseMillis=10]. Needs wrk and curl.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
. bin/select-jdk.sh
[ $# -ge 1 ] || { echo "usage: bin/benchmark --versions OLD.jar [NEW.jar]" >&2; exit 2; }
old_jar=$(readlink -f "$1"); new_jar=$(readlink -f "${2:-gateway/target/catalog.jar}")
VERSIONS_OPS=${VERSIONS_OPS:-product products create}
VERSIONS_CONNECTIONS=${VERSIONS_CONNECTIONS:-16 64}
VERSIONS_DURATION=${VERSIONS_DURATION:-10s}
VERSIONS_WARMUP=${VERSIONS_WARMUP:-30s}
VERSIONS_ROUNDS=${VERSIONS_ROUNDS:-3}
VERSIONS_PRODUCTS=${VERSIONS_PRODUCTS:-2000}
BENCHMARK_SERVICE_OPTS=${BENCHMARK_SERVICE_OPTS:--Xms512m -Xmx512m -XX:MaxGCPauseMillis=10}
wrk_dir="$root/benchmark/compare/wrk"
log() { echo "versions: $*"; }
die() { echo "versions: $*" >&2; exit 1; }
for tool in wrk curl; do command -v "$tool" >/dev/null 2>&1 || die "$tool is needed (apt-get install $tool)"; done
for jar in "$old_jar" "$new_jar" benchmark/target/catalog-benchmark.jar; do [ -f "$jar" ] || die "$jar is missing"; done

work=$(mktemp -d "${TMPDIR:-/tmp}/catalog-versions.XXXXXX")
pids=()
cleanup() { for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
declare -A url
start() { # NAME JAR
  local port; port=$(free_port)
  # shellcheck disable=SC2086 # a list of JVM options
  env -u CATALOG_JWT_SECRET -u CATALOG_JWT_ISSUER_URI SERVER_PORT=$port CATALOG_RATE_LIMIT_PER_MINUTE=0 \
    CATALOG_DATA_DIR="$work/$1" "$JAVA_HOME/bin/java" $BENCHMARK_SERVICE_OPTS -jar "$2" > "$work/$1.log" 2>&1 &
  pids+=($!)
  url[$1]="http://127.0.0.1:$port/graphql"
  for _ in $(seq 1 1800); do
    kill -0 "${pids[-1]}" 2>/dev/null || { tail -n 30 "$work/$1.log" >&2; die "$1 exited while starting"; }
    curl -s -o /dev/null --max-time 2 -H 'Content-Type: application/json' -d '{"query":"{__typename}"}' "${url[$1]}" && break
    sleep 0.1
  done
  "$JAVA_HOME/bin/java" -jar benchmark/target/catalog-benchmark.jar --url "${url[$1]}" --seed-only \
    --products "$VERSIONS_PRODUCTS" --images-per-product 3 --inactive-every 10 --concurrency 16 --progress 0 \
    > "$work/$1-seed.txt" || { cat "$work/$1-seed.txt" >&2; die "seeding $1 failed"; }
  log "$1 ($2) on ${url[$1]}: $VERSIONS_PRODUCTS products x 3 images seeded"
}
start old "$old_jar"
start new "$new_jar"
log "$(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) CPUs"

PAIRS_IDS=$VERSIONS_PRODUCTS
. "$root/benchmark/pairs.sh"
pairs_measure new "${url[new]}" old "${url[old]}" "$VERSIONS_OPS" "$VERSIONS_CONNECTIONS" "$VERSIONS_DURATION" \
  "$VERSIONS_WARMUP" "$VERSIONS_ROUNDS"
