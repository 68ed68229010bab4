#!/usr/bin/env bash
# What durable commits cost (ADR 10): creations per second on the embedded PostgreSQL as bin/run starts it
# (fsync and synchronous_commit on) and with CATALOG_EMBEDDED_DATABASE_CRASH_MAY_LOSE_WRITES=true, alternating,
# each run on a fresh data directory.
#
#   bin/benchmark --durability [ROUNDS] [CLIENTS...]      # defaults 3 and "16 64"
#
# Per round and mode: a 20 s warm-up of creations at 16 clients, then 20 s of wrk with benchmark/compare/wrk/
# create.lua at each client count. Prints one line per run, then each mode's median per client count and the
# ratio durable/unsafe. The host's noise is large (2 shared cores): compare medians of several rounds.
# Needs wrk and curl. Environment: BENCHMARK_SKIP_BUILD=1 reuses the jar; DURATION [20s].
set -euo pipefail
cd "$(dirname "$0")/../.."
. bin/select-jdk.sh
rounds=${1:-3}
shift || true
clients=${*:-16 64}
duration=${DURATION:-20s}
for tool in wrk curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "durability: $tool is needed (apt-get install $tool)" >&2; exit 1; }
done
[ -n "${BENCHMARK_SKIP_BUILD:-}" ] || ./mvnw -B -q -DskipTests package
. benchmark/instances.sh
bench_setup durability
scripts=benchmark/compare/wrk
results="$work_dir/results"

run() { # MODE ROUND
  local mode=$1 round=$2 port data log
  port=$(free_port); data="$work_dir/data-$mode-$round"; log="$work_dir/$mode-$round.log"
  local unsafe=false
  [ "$mode" = durable ] || unsafe=true
  env -u CATALOG_JWT_SECRET -u CATALOG_JWT_ISSUER_URI CATALOG_RATE_LIMIT_PER_MINUTE=0 \
    CATALOG_EMBEDDED_DATABASE_CRASH_MAY_LOSE_WRITES=$unsafe CATALOG_DATA_DIR="$data" SERVER_PORT="$port" \
    "$JAVA_HOME/bin/java" -Xms512m -Xmx512m -XX:MaxGCPauseMillis=10 -Daxoniq.update-checker.disabled=true \
    -jar gateway/target/catalog.jar >"$log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  wait_up "$port" "$log"
  (cd "$scripts" && GQL_PRESET=catalog GQL_NAME_PREFIX="warm-$mode-$round" \
    wrk -t2 -c16 -d20s -s create.lua "http://127.0.0.1:$port/graphql" >/dev/null)
  for c in $clients; do
    local line
    line=$(cd "$scripts" && GQL_PRESET=catalog GQL_NAME_PREFIX="run-$mode-$round-$c" \
      wrk -t2 -c"$c" -d"$duration" -s create.lua "http://127.0.0.1:$port/graphql" | grep '^GQLBENCH')
    echo "round $round $mode clients $c: $line"
    echo "$mode $c $(sed 's/.* rps=\([0-9.]*\).* p99_ms=\([0-9.]*\).*non200=\([0-9]*\) gql_errors=\([0-9]*\) socket_errors=\([0-9]*\).*/\1 \2 \3 \4 \5/' <<<"$line")" >>"$results"
  done
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$data"
}

echo "durability: $rounds rounds, clients $clients, $duration each, $(nproc) cores shared by the service, its database and wrk"
for round in $(seq 1 "$rounds"); do
  run durable "$round"
  run unsafe "$round"
done
python3 - "$results" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
failures = sum(int(r[4]) + int(r[5]) + int(r[6]) for r in rows)
for c in sorted({int(r[1]) for r in rows}):
    med = {}
    for mode in ("durable", "unsafe"):
        rps = [float(r[2]) for r in rows if r[0] == mode and int(r[1]) == c]
        p99 = [float(r[3]) for r in rows if r[0] == mode and int(r[1]) == c]
        med[mode] = statistics.median(rps)
        print(f"{c:>3} clients {mode:>7}: creations/s median {med[mode]:,.0f} (range {min(rps):,.0f}-{max(rps):,.0f}), "
              f"p99 median {statistics.median(p99):.1f} ms")
    print(f"{c:>3} clients durable/unsafe: {med['durable'] / med['unsafe']:.2f}x")
print(f"failed requests: {failures}")
sys.exit(1 if failures else 0)
PY
