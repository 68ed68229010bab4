#!/usr/bin/env bash
# bin/benchmark --footprint: what an instance costs beside its throughput, for one or more JVM settings side by side
# in one run: the time from `java` to ready on an existing data directory, the product reads it serves at 64 clients
# in the first 10 s after readiness against its steady rate (the last 20 s of FOOTPRINT_READS_SECONDS of reads in 10 s
# windows), when the reads first reach 80% of that rate, the CPU time the JIT's compiler threads spent before
# readiness and then until that 80% (what a warm start would have to do ahead), the creations it serves then, and
# its resident memory when ready, after reads and after creations. Every setting starts the jar as bin/run
# does (bin/launch.sh: extracted, with the ahead-of-time cache on JDK 25), with its own JVM options.
#
#   bin/benchmark --footprint
#   FOOTPRINT_CONFIGS='defaults=|small=-Xmx200m -XX:+UseSerialGC' bin/benchmark --footprint
#
# Environment (defaults in brackets):
#   FOOTPRINT_CONFIGS   label=JVM options, separated by |; NAME=value among the options goes to the environment
#                       (MALLOC_ARENA_MAX=2), and CATALOG_AOT_CACHE=off runs without the cache ["JVM defaults=",
#                       "bin/run=" its options, and "bin/run, no cache=" the same without the cache]
#   FOOTPRINT_ROUNDS    measured starts per configuration, alternating between them [2]
#   FOOTPRINT_PRODUCTS  seeded products, 3 images each [2000]
#   FOOTPRINT_CLIENTS   wrk connections [64]
#   FOOTPRINT_READS_SECONDS  seconds of product reads after readiness, in 10 s windows; the steady rate is the mean
#                       of the last two [240: with 2 cores under 64 clients the JIT needs minutes, not one]
#   FOOTPRINT_JAR       the service's jar [gateway/target/catalog.jar]
#   BENCHMARK_SKIP_BUILD  1: use the jars already built
# Needs wrk and curl (Debian packages).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
. bin/select-jdk.sh
. benchmark/instances.sh
. bin/launch.sh
FOOTPRINT_CONFIGS=${FOOTPRINT_CONFIGS:-JVM defaults=|bin/run=$launch_default_options|bin/run, no cache=$launch_default_options CATALOG_AOT_CACHE=off}
FOOTPRINT_ROUNDS=${FOOTPRINT_ROUNDS:-2}
FOOTPRINT_PRODUCTS=${FOOTPRINT_PRODUCTS:-2000}
FOOTPRINT_CLIENTS=${FOOTPRINT_CLIENTS:-64}
FOOTPRINT_READS_SECONDS=${FOOTPRINT_READS_SECONDS:-240}
FOOTPRINT_JAR=${FOOTPRINT_JAR:-$root/gateway/target/catalog.jar}
wrk_dir=$root/benchmark/compare/wrk
log() { echo "footprint: $*"; }
die() { echo "footprint: $*" >&2; exit 1; }
command -v wrk >/dev/null 2>&1 || die "wrk is needed: apt-get install wrk"
[ "$FOOTPRINT_READS_SECONDS" -ge 20 ] 2>/dev/null ||
  die "FOOTPRINT_READS_SECONDS must be a number of seconds, at least 20 (two 10 s windows): $FOOTPRINT_READS_SECONDS"

if [ -z "${BENCHMARK_SKIP_BUILD:-}" ]; then
  log "building (./mvnw -q -DskipTests package)"
  ./mvnw -B -q -DskipTests package
fi
launch_prepare "$FOOTPRINT_JAR"
bench_setup footprint

# start DATA_DIR PORT LOG OPTIONS...: the service in the background, as bin/run starts it with these options; its
# pid in $service.
start() {
  local data=$1 port=$2 out=$3 aot=on; shift 3
  [[ " $* " != *" CATALOG_AOT_CACHE=off "* ]] || aot=off
  CATALOG_JAVA_OPTIONS="$*" CATALOG_AOT_CACHE=$aot launch_command "$FOOTPRINT_JAR"
  CATALOG_RATE_LIMIT_PER_MINUTE=0 "${launch_command[@]}" --server.port="$port" --catalog.data-dir="$data" > "$out" 2>&1 &
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
# jit_cpu PID: the CPU seconds the JIT's compiler threads (C1 and C2) of process PID have used so far
jit_cpu() {
  local task ticks=0
  for task in /proc/"$1"/task/*; do
    case "$(cat "$task/comm" 2>/dev/null)" in
      C1\ CompilerThre* | C2\ CompilerThre*) ticks=$(( ticks + $(awk '{ print $14 + $15 }' "$task/stat" 2>/dev/null || echo 0) )) ;;
    esac
  done
  awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }'
}
# wrk_rate OP PORT DURATION: requests per second of one wrk run (its p99 in $work_dir/p99)
wrk_rate() {
  GQL_PRESET=catalog GQL_ID_MIN=1 GQL_ID_MAX="$FOOTPRINT_PRODUCTS" GQL_NAME_PREFIX=footprint \
    wrk -t2 -c"$FOOTPRINT_CLIENTS" -d"$3" --timeout 5s --latency -s "$wrk_dir/$1.lua" "http://127.0.0.1:$2/graphql" \
    > "$work_dir/wrk.txt" 2>&1 || true
  sed -n 's/^GQLBENCH .* p99_ms=\([^ ]*\).*/\1/p' "$work_dir/wrk.txt" > "$work_dir/p99"
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
printf 'config\tround\tready_s\tfirst10_rps\tsteady_rps\tto80_s\tjit_ready_s\tjit_to80_s\tcreates_rps\tcreates_p99\trss_ready\trss_reads\trss_creates\n' > "$work_dir/runs.tsv"
for round in $(seq 1 "$FOOTPRINT_ROUNDS"); do
  order=("${configs[@]}")
  [ $((round % 2)) -eq 1 ] || mapfile -t order < <(printf '%s\n' "${configs[@]}" | tac)
  for config in "${order[@]}"; do
    label=${config%%=*}; options=${config#*=}
    rm -rf "$work_dir/data" && cp -a "$seeded" "$work_dir/data"
    port=$(free_port)
    started=$(date +%s%N)
    # shellcheck disable=SC2086
    start "$work_dir/data" "$port" "$work_dir/${label//[^A-Za-z0-9]/_}-$round.log" $options
    ready "$port"
    ready_s=$(awk -v ns=$(( $(date +%s%N) - started )) 'BEGIN { printf "%.2f", ns / 1e9 }')
    rss_ready=$(rss_mb "$service")
    jit_ready=$(jit_cpu "$service")
    # Reads in 10 s windows: the first is the rate right after readiness; the last two, once the JIT has compiled
    # the hot paths, the steady rate.
    # The compilers' CPU after each window: what the JIT spent on the way to the steady rate.
    windows=() jit=()
    for _ in $(seq 1 $(( FOOTPRINT_READS_SECONDS / 10 ))); do
      windows+=("$(wrk_rate product "$port" 10s)")
      jit+=("$(jit_cpu "$service")")
    done
    read -r first steady to80 jit_to80 < <(python3 - "$jit_ready" "${windows[@]}" "${jit[@]}" <<'PY'
import sys
jit_ready, values = float(sys.argv[1]), sys.argv[2:]
rates, jit = [float(r or 0) for r in values[:len(values) // 2]], [float(j) for j in values[len(values) // 2:]]
steady = sum(rates[-2:]) / len(rates[-2:])
reached = next((i for i, r in enumerate(rates) if r >= 0.8 * steady), len(rates) - 1)
print(f"{rates[0]:.0f} {steady:.0f} {(reached + 1) * 10} {jit[reached] - jit_ready:.1f}")
PY
)
    rss_reads=$(rss_mb "$service")
    creates=$(wrk_rate create "$port" 15s)
    creates_p99=$(cat "$work_dir/p99")
    rss_creates=$(rss_mb "$service")
    stop "$service"
    printf '%s\t%s\t%.2f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$round" "$ready_s" "$first" "$steady" "$to80" \
      "$jit_ready" "$jit_to80" "$creates" "$creates_p99" "$rss_ready" "$rss_reads" "$rss_creates" >> "$work_dir/runs.tsv"
    log "$(printf '%-18s round %d: ready in %5.2f s; reads %6.0f req/s in the first 10 s, %6.0f steady, 80%% of it after %s s (10 s windows: %s); JIT CPU %s s to ready, %s s more to 80%%; creates %6.0f req/s, p99 %s ms; RSS %s MB ready, %s after reads, %s after creates' \
      "$label" "$round" "$ready_s" "$first" "$steady" "$to80" "${windows[*]}" "$jit_ready" "$jit_to80" "$creates" "$creates_p99" "$rss_ready" "$rss_reads" "$rss_creates")"
  done
done
echo
echo "| config | time to ready (s) | first 10 s / steady reads | reads at 80% of steady after | JIT CPU to ready · then to 80% (s) | creates after the reads · p99 | resident memory: ready · after reads · after creates (MB) |"
echo "|---|---|---|---|---|---|---|"
python3 - "$work_dir/runs.tsv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
for label in dict.fromkeys(r["config"] for r in rows):
    mine = [r for r in rows if r["config"] == label]
    span = lambda key, fmt: " / ".join(fmt(float(r[key])) for r in mine)
    share = " / ".join(f"{float(r['first10_rps']) / float(r['steady_rps']) * 100:.0f}% ({float(r['first10_rps']):.0f} of {float(r['steady_rps']):.0f})" for r in mine)
    creates = " / ".join(f"{float(r['creates_rps']):,.0f} · {float(r['creates_p99']):.1f} ms" for r in mine)
    print(f"| {label} | {span('ready_s', lambda v: f'{v:.2f}')} | {share} | {span('to80_s', lambda v: f'{v:.0f} s')} | "
          + " / ".join(f"{r['jit_ready_s']} · {r['jit_to80_s']}" for r in mine) + f" | {creates} | "
          + " / ".join(f"{r['rss_ready']} · {r['rss_reads']} · {r['rss_creates']}" for r in mine) + " |")
PY
