#!/usr/bin/env bash
# bin/benchmark --uploads: image upload throughput and resized variants. Starts the service as bin/run does
# (bin/launch.sh: the extracted jar, the project's JVM defaults, the ahead-of-time cache on JDK 25) on a fresh
# temporary data directory (embedded PostgreSQL, images on the file system under it), then runs
# dev.catalog.benchmark.UploadBenchmark against it:
#   - uploads: seeds products, then concurrent clients upload JPEGs with uploadImage as the GraphQL multipart request
#     specification sends them, for a warm-up and a measured window; one JPEG of about the asked size is made once,
#     each upload made distinct (the service refuses the same file twice on a product) by a comment segment holding a
#     counter. Uploads/s, MiB/s of image bytes, p50/p99 latency; only answers with data and no errors count.
#   - variants: for some of the uploaded images, GETs url(maxWidth: 256) one request at a time (the service makes
#     one variant at a time): the first request, which makes the variant, then the same addresses again, served from
#     the store; p50/p99 of each and their ratio. Every answer is checked: 200, an image within the bound, the second
#     answer's bytes equal to the first's.
# Prints the table, the service's resident memory when ready and at the end, and the bytes stored; stops the
# service and removes the temporary directory, also on failure or interrupt.
#
#   bin/benchmark --uploads
#   UPLOADS_CLIENTS=32 UPLOADS_IMAGE_KB=1000 bin/benchmark --uploads
#   bin/benchmark --uploads --variant-width 512          # further arguments go to UploadBenchmark (--help)
#
# Environment (defaults in brackets):
#   UPLOADS_CLIENTS      concurrent uploading clients [16]
#   UPLOADS_WARMUP       uploads before the measured window, not counted [10s]
#   UPLOADS_DURATION     the measured window [20s]
#   UPLOADS_IMAGE_KB     the size of each uploaded JPEG, about, in KiB [200]
#   UPLOADS_PRODUCTS     seeded products, the uploads go to them in turn [100]
#   UPLOADS_VARIANTS     uploaded images whose 256-wide variant is fetched twice [50]
#   UPLOADS_JAR          the service's jar [gateway/target/catalog.jar]
#   CATALOG_JAVA_OPTIONS the service's JVM options, as for bin/run [bin/launch.sh's defaults]
#   CATALOG_AOT_CACHE    off: start without the ahead-of-time cache (and do not train it) [on]
#   BENCHMARK_SKIP_BUILD 1: use the jars already built
# The service runs with CATALOG_RATE_LIMIT_PER_MINUTE=0, in open mode (no CATALOG_JWT_*), and with the images on the
# file system of the temporary data directory (CATALOG_FILES_* unset). Needs curl.
# Exit status: the benchmark's (0 all succeeded, 1 some uploads or variant requests failed, 3 seeding failed or no
# upload succeeded), or 1 if the service did not start.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
. bin/select-jdk.sh
. benchmark/instances.sh
. bin/launch.sh
UPLOADS_CLIENTS=${UPLOADS_CLIENTS:-16}
UPLOADS_WARMUP=${UPLOADS_WARMUP:-10s}
UPLOADS_DURATION=${UPLOADS_DURATION:-20s}
UPLOADS_IMAGE_KB=${UPLOADS_IMAGE_KB:-200}
UPLOADS_PRODUCTS=${UPLOADS_PRODUCTS:-100}
UPLOADS_VARIANTS=${UPLOADS_VARIANTS:-50}
UPLOADS_JAR=${UPLOADS_JAR:-$root/gateway/target/catalog.jar}
benchmark_jar=$root/benchmark/target/catalog-benchmark.jar
log() { echo "uploads: $*"; }
die() { echo "uploads: $*" >&2; exit 1; }
command -v curl >/dev/null 2>&1 || die "curl is needed: apt-get install curl"

if [ -z "${BENCHMARK_SKIP_BUILD:-}" ]; then
  log "building (./mvnw -q -DskipTests package)"
  ./mvnw -B -q -DskipTests package
fi
for jar in "$UPLOADS_JAR" "$benchmark_jar"; do
  [ -f "$jar" ] || die "$jar is missing (build it, or unset BENCHMARK_SKIP_BUILD)"
done
unzip -p "$UPLOADS_JAR" BOOT-INF/classes/graphql/images.graphqls 2>/dev/null | grep -q uploadImage \
  || die "$UPLOADS_JAR has no uploadImage mutation: rebuild it"
launch_prepare "$UPLOADS_JAR"
bench_setup uploads
service=""

# Stops the service, once (stop_instance in benchmark/instances.sh).
stop_service() {
  [ -n "$service" ] || return 0
  local pid=$service
  service=""
  stop_instance "$pid" "$work_dir/data" uploads
}
trap 'stop_service; bench_cleanup' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port=$(free_port)
launch_command "$UPLOADS_JAR"
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
"$JAVA_HOME/bin/java" -cp "$benchmark_jar" dev.catalog.benchmark.UploadBenchmark --url "http://127.0.0.1:$port" \
  --concurrency "$UPLOADS_CLIENTS" --warmup "$UPLOADS_WARMUP" --duration "$UPLOADS_DURATION" \
  --image-kb "$UPLOADS_IMAGE_KB" --products "$UPLOADS_PRODUCTS" --variants "$UPLOADS_VARIANTS" "$@" &
client=$!
pids+=("$client")
status=0
wait "$client" || status=$?

rss_end=$(rss_mb "$service")
stored=$(du -sm "$work_dir/data/files" 2>/dev/null | cut -f1 || echo "?")
echo
echo "service resident memory: $rss_ready MB when ready, $rss_end MB at the end; images stored: ${stored:-?} MB"
if grep -qiE 'OutOfMemoryError' "$work_dir/service.log"; then
  echo "uploads: the service logged an OutOfMemoryError" >&2
  [ "$status" -ne 0 ] || status=1
fi
stop_service
log "done (benchmark exit status $status)"
exit "$status"
