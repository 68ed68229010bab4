#!/usr/bin/env bash
# bin/benchmark --footprint: what an instance costs beside its throughput, for one or more JVM settings side by side
# in one run: the time from `java -jar` to ready on an existing data directory, the product reads it serves at 64
# clients in the first 10 s after readiness against its steady rate (after a minute of reads), and its resident memory idle, after reads and
# after creations.
#
#   bin/benchmark --footprint
#   FOOTPRINT_CONFIGS='default=|small=-Xmx200m -XX:+UseSerialGC' bin/benchmark --footprint
#
# Environment (defaults in brackets):
#   FOOTPRINT_CONFIGS   label=JVM options, separated by | ["default=" and "bin/run=" the options bin/run uses]
#   FOOTPRINT_ROUNDS    measured starts per configuration, alternating between them [2]
#   FOOTPRINT_PRODUCTS  seeded products, 3 images each [2000]
#   FOOTPRINT_CLIENTS   wrk connections [64]
#   FOOTPRINT_JAR       the service's jar [gateway/target/catalog.jar]
#   FOOTPRINT_AOT       JVM options of one more configuration, "aot", that runs them with a JDK 25 ahead-of-time
#                       cache made by a training run of its own (reads and creations) before the measured starts [unset]
#   BENCHMARK_SKIP_BUILD  1: use the jars already built
# Needs wrk and curl (Debian packages).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
. bin/select-jdk.sh
. benchmark/instances.sh
FOOTPRINT_CONFIGS=${FOOTPRINT_CONFIGS:-default=|bin/run=$(bin/run --print-java-options)}
FOOTPRINT_ROUNDS=${FOOTPRINT_ROUNDS:-2}
FOOTPRINT_PRODUCTS=${FOOTPRINT_PRODUCTS:-2000}
FOOTPRINT_CLIENTS=${FOOTPRINT_CLIENTS:-64}
FOOTPRINT_JAR=${FOOTPRINT_JAR:-$root/gateway/target/catalog.jar}
wrk_dir=$root/benchmark/compare/wrk
log() { echo "footprint: $*"; }
die() { echo "footprint: $*" >&2; exit 1; }
command -v wrk >/dev/null 2>&1 || die "wrk is needed: apt-get install wrk"

if [ -z "${BENCHMARK_SKIP_BUILD:-}" ]; then
  log "building (./mvnw -q -DskipTests package)"
  ./mvnw -B -q -DskipTests package
fi
bench_setup footprint

# start DATA_DIR PORT LOG OPTIONS...: the service in the background; its pid in $service. An option NAME=VALUE with
# an upper-case name goes to the environment (MALLOC_ARENA_MAX=2), the others to the JVM.
start() {
  local data=$1 port=$2 out=$3 option; shift 3
  local environment=(CATALOG_RATE_LIMIT_PER_MINUTE=0) jvm=()
  for option in "$@"; do
    if [[ $option =~ ^[A-Z_][A-Z0-9_]*= ]]; then environment+=("$option"); else jvm+=("$option"); fi
  done
  env "${environment[@]}" "$JAVA_HOME/bin/java" "${jvm[@]}" -Daxoniq.update-checker.disabled=true \
    -jar "$FOOTPRINT_JAR" --server.port="$port" --catalog.data-dir="$data" > "$out" 2>&1 &
  service=$!
  pids+=("$service")
}
# ready PORT: waits for readiness, polling every 20 ms
ready() {
  for _ in $(seq 1 6000); do
    curl -fsS --max-time 1 "http://127.0.0.1:$1/actuator/health/readiness" 2>/dev/null | grep -q '"UP"' && return 0
    sleep 0.02
  done
  die "the service on port $1 was not ready within two minutes"
}
stop() { kill -TERM "$1"; wait "$1" 2>/dev/null || true; }
# wrk_rate OP PORT DURATION: requests per second of one wrk run
wrk_rate() {
  GQL_PRESET=catalog GQL_ID_MIN=1 GQL_ID_MAX="$FOOTPRINT_PRODUCTS" GQL_NAME_PREFIX=footprint \
    wrk -t2 -c"$FOOTPRINT_CLIENTS" -d"$3" --timeout 5s --latency -s "$wrk_dir/$1.lua" "http://127.0.0.1:$2/graphql" \
    > "$work_dir/wrk.txt" 2>&1 || true
  sed -n 's/^GQLBENCH .* rps=\([^ ]*\).*/\1/p' "$work_dir/wrk.txt"
}

# One seeded data directory, copied for every start: each starts on an existing directory, as a restart does.
seeded=$work_dir/seeded
port=$(free_port)
start "$seeded" "$port" "$work_dir/seed.log"
wait_up "$port" "$work_dir/seed.log"
"$JAVA_HOME/bin/java" -jar benchmark/target/catalog-benchmark.jar --url "http://127.0.0.1:$port/graphql" --seed-only \
  --products "$FOOTPRINT_PRODUCTS" --images-per-product 3 --inactive-every 10 --concurrency 16 --progress 0 \
  > "$work_dir/seed.txt" || { cat "$work_dir/seed.txt" >&2; die "seeding failed"; }
stop "$service"
log "seeded $FOOTPRINT_PRODUCTS products x 3 images; $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) CPUs, $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"

IFS='|' read -r -a configs <<< "$FOOTPRINT_CONFIGS"
if [ -n "${FOOTPRINT_AOT+x}" ]; then
  # The one-step workflow of JDK 25 (JEP 514): a run with -XX:AOTCacheOutput writes the cache when it exits.
  rm -rf "$work_dir/data" && cp -a "$seeded" "$work_dir/data"
  port=$(free_port)
  # shellcheck disable=SC2086
  start "$work_dir/data" "$port" "$work_dir/aot-training.log" $FOOTPRINT_AOT -XX:AOTCacheOutput="$work_dir/catalog.aot"
  ready "$port"
  wrk_rate product "$port" 20s > /dev/null
  wrk_rate create "$port" 5s > /dev/null
  stop "$service"
  [ -f "$work_dir/catalog.aot" ] || die "the training run wrote no cache; see $work_dir/aot-training.log"
  log "AOT cache of $(du -m "$work_dir/catalog.aot" | cut -f1) MB from a training run of 25 s"
  configs+=("aot=$FOOTPRINT_AOT -XX:AOTCache=$work_dir/catalog.aot")
fi
printf 'config\tround\tready_s\tfirst10_rps\tsteady_rps\trss_ready\trss_reads\trss_creates\n' > "$work_dir/runs.tsv"
for round in $(seq 1 "$FOOTPRINT_ROUNDS"); do
  order=("${configs[@]}")
  [ $((round % 2)) -eq 1 ] || mapfile -t order < <(printf '%s\n' "${configs[@]}" | tac)
  for config in "${order[@]}"; do
    label=${config%%=*}; options=${config#*=}
    rm -rf "$work_dir/data" && cp -a "$seeded" "$work_dir/data"
    port=$(free_port)
    started=$(date +%s%N)
    # shellcheck disable=SC2086
    start "$work_dir/data" "$port" "$work_dir/$label-$round.log" $options
    ready "$port"
    ready_s=$(awk -v ns=$(( $(date +%s%N) - started )) 'BEGIN { printf "%.2f", ns / 1e9 }')
    rss_ready=$(rss_mb "$service")
    first=$(wrk_rate product "$port" 10s)
    # The steady rate: after a minute of reads, when the JIT has compiled the hot paths.
    wrk_rate product "$port" 50s > /dev/null
    steady=$(wrk_rate product "$port" 10s)
    rss_reads=$(rss_mb "$service")
    wrk_rate create "$port" 15s > /dev/null
    rss_creates=$(rss_mb "$service")
    stop "$service"
    printf '%s\t%s\t%.2f\t%s\t%s\t%s\t%s\t%s\n' "$label" "$round" "$ready_s" "$first" "$steady" "$rss_ready" \
      "$rss_reads" "$rss_creates" >> "$work_dir/runs.tsv"
    log "$(printf '%-12s round %d: ready in %5.2f s; reads %6.0f req/s in the first 10 s, %6.0f steady; RSS %s MB ready, %s after reads, %s after creates' \
      "$label" "$round" "$ready_s" "$first" "$steady" "$rss_ready" "$rss_reads" "$rss_creates")"
  done
done
echo
echo "| config | time to ready (s) | first 10 s / steady reads | resident memory: ready · after reads · after creates (MB) |"
echo "|---|---|---|---|"
python3 - "$work_dir/runs.tsv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
for label in dict.fromkeys(r["config"] for r in rows):
    mine = [r for r in rows if r["config"] == label]
    span = lambda key, fmt: " / ".join(fmt(float(r[key])) for r in mine)
    share = " / ".join(f"{float(r['first10_rps']) / float(r['steady_rps']) * 100:.0f}% ({float(r['first10_rps']):.0f} of {float(r['steady_rps']):.0f})" for r in mine)
    print(f"| {label} | {span('ready_s', lambda v: f'{v:.2f}')} | {share} | "
          + " / ".join(f"{r['rss_ready']} · {r['rss_reads']} · {r['rss_creates']}" for r in mine) + " |")
PY
