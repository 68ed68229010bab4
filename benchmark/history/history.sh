#!/usr/bin/env bash
# As-of reads of a product's history (issue 28): starts the service with a temporary data directory, makes one
# product with HISTORY_CHANGES changes (500), then times product(id, asOf:) and product(id, version:) reads one at a
# time (HISTORY_READS each, after as many to warm up) and prints p50, p95, p99 and max. Nothing is left running.
#   bin/benchmark --history
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
. bin/select-jdk.sh
. benchmark/instances.sh
. bin/launch.sh
HISTORY_CHANGES=${HISTORY_CHANGES:-500}
HISTORY_READS=${HISTORY_READS:-2000}
HISTORY_JAR=${HISTORY_JAR:-$root/gateway/target/catalog.jar}
benchmark_jar=$root/benchmark/target/catalog-benchmark.jar
log() { echo "history: $*"; }
die() { echo "history: $*" >&2; exit 1; }
command -v curl >/dev/null 2>&1 || die "curl is needed: apt-get install curl"

if [ -z "${BENCHMARK_SKIP_BUILD:-}" ]; then
  log "building (./mvnw -q -DskipTests package)"
  ./mvnw -B -q -DskipTests package
fi
for jar in "$HISTORY_JAR" "$benchmark_jar"; do
  [ -f "$jar" ] || die "$jar is missing (build it, or unset BENCHMARK_SKIP_BUILD)"
done
unzip -p "$HISTORY_JAR" BOOT-INF/classes/graphql/history.graphqls 2>/dev/null | grep -q productHistory \
  || die "$HISTORY_JAR has no history: rebuild it"
launch_prepare "$HISTORY_JAR"
bench_setup history
service=""

# Stops the service, once (stop_instance in benchmark/instances.sh).
stop_service() {
  [ -n "$service" ] || return 0
  local pid=$service
  service=""
  stop_instance "$pid" "$work_dir/data" history
}
trap 'stop_service; bench_cleanup' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port=$(free_port)
launch_command "$HISTORY_JAR"
log "starting the service on port $port with ${launch_env[*]} ${launch_jvm[*]}"
env -u CATALOG_JWT_SECRET -u CATALOG_JWT_ISSUER_URI -u CATALOG_FILES_STORE -u CATALOG_FILES_DIRECTORY \
  -u CATALOG_FILES_BASE_URL CATALOG_RATE_LIMIT_PER_MINUTE=0 \
  "${launch_command[@]}" --server.port="$port" --catalog.data-dir="$work_dir/data" > "$work_dir/service.log" 2>&1 &
service=$!
pids+=("$service")
wait_up "$port" "$work_dir/service.log"
rss_ready=$(rss_mb "$service")
log "the service is up (pid $service, $rss_ready MB resident); $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) CPUs shared by the service, its database and the client"
echo

# In the background and waited for, so that an interrupt is handled at once (the traps run during `wait`).
"$JAVA_HOME/bin/java" -cp "$benchmark_jar" dev.catalog.benchmark.AsOfBenchmark --url "http://127.0.0.1:$port" \
  --changes "$HISTORY_CHANGES" --reads "$HISTORY_READS" --warmup-reads "$HISTORY_READS" "$@" &
client=$!
pids+=("$client")
status=0
wait "$client" || status=$?

rss_end=$(rss_mb "$service")
echo
echo "service resident memory: $rss_ready MB when ready, $rss_end MB at the end"
if grep -qiE 'OutOfMemoryError' "$work_dir/service.log"; then
  echo "history: the service logged an OutOfMemoryError" >&2
  [ "$status" -ne 0 ] || status=1
fi
stop_service
log "done (benchmark exit status $status)"
exit "$status"
