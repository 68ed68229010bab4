#!/usr/bin/env bash
# bin/benchmark --persisted: automatic persisted queries (APQ) over GET against the same reads POSTed in full.
#
# Starts the service as bin/run does (bin/launch.sh: the extracted jar, the project's JVM defaults, the
# ahead-of-time cache on JDK 25) on a fresh temporary data directory (embedded PostgreSQL), seeds it as
# bin/benchmark --compare does (10,000 products with 3 images each, every 10th INACTIVE, through its mutations),
# and registers the comparison's two reads (benchmark/compare/wrk/documents.lua, preset catalog) as persisted
# documents: POST {"query", "extensions": {"persistedQuery": {"version": 1, "sha256Hash"}}}, the hash computed
# by sha256sum. Then, for each read and client count, wrk (persisted.lua) sends it three ways, the ways taking
# turns in each round:
#   POST         POST /graphql with the full document, as the comparison does
#   GET          GET /graphql?extensions=...&variables=... by hash alone (no query parameter), no revalidation
#   GET+304      the same GET with If-None-Match carrying the ETag fetched once before: every answer is 304
# The product read asks for a random product id per request in the first two ways, as the comparison does; with
# If-None-Match the id is fixed (PERSISTED_FIXED_ID), since an ETag belongs to one answer. The table gives, per
# cell, the median requests/s of the rounds (and their range), the median p99, the failed requests (a status
# other than the way's 200 or 304, GraphQL errors, a product not found, a GET answer without an ETag, socket
# errors), the bytes sent per request (request line, headers and body as wrk writes them) and received per
# request (wrk's bytes read / requests), and the cores used by the service, its PostgreSQL and wrk; then the
# ratios GET / POST and GET+304 / POST. Stops the service and removes the temporary directory on any exit.
#
#   bin/benchmark --persisted
#   PERSISTED_DURATION=5s PERSISTED_ROUNDS=1 PERSISTED_WARMUP=3s PERSISTED_PRODUCTS=1000 bin/benchmark --persisted
#
# Environment (defaults in brackets):
#   PERSISTED_OPS          the reads, keys of documents.lua ["product products"]
#   PERSISTED_CONNECTIONS  wrk connection counts ["16 64"]
#   PERSISTED_THREADS      wrk threads [2]
#   PERSISTED_WARMUP       per read and way, at 16 connections, before the measured runs [10s]
#   PERSISTED_DURATION     one measured wrk run [20s]
#   PERSISTED_ROUNDS       measured runs per read, way and client count [3]
#   PERSISTED_PRODUCTS     seeded products, 3 images each [10000]
#   PERSISTED_FIXED_ID     the product of the If-None-Match runs [1]
#   PERSISTED_JAR          the service's jar [gateway/target/catalog.jar]
#   PERSISTED_RESULTS_DIR  if set, the raw wrk outputs, runs.tsv and the table are copied there
#   CATALOG_JAVA_OPTIONS   the service's JVM options, as for bin/run [bin/launch.sh's defaults]
#   CATALOG_AOT_CACHE      off: start without the ahead-of-time cache (and do not train it) [on]
#   BENCHMARK_SKIP_BUILD   1: use the jars already built
# With the defaults a run takes about 15 minutes: 2 reads x 3 ways x 2 client counts x 3 rounds x 20 s, the
# warm-ups, starting and seeding. The service runs with CATALOG_RATE_LIMIT_PER_MINUTE=0, in open mode (no
# CATALOG_JWT_*), in APQ mode with its default max-age (CATALOG_PERSISTED_* unset). Needs wrk, curl, sha256sum and
# python3 (apt-get install wrk curl coreutils python3).
# Exit status: 0 when every request succeeded; 1 when some failed, or on any error (the service did not start,
# seeding failed, the service does not speak persisted queries, a registration failed); 2 when given arguments.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
. bin/select-jdk.sh
. benchmark/instances.sh
. bin/launch.sh
PERSISTED_OPS=${PERSISTED_OPS:-product products}
PERSISTED_CONNECTIONS=${PERSISTED_CONNECTIONS:-16 64}
PERSISTED_THREADS=${PERSISTED_THREADS:-2}
PERSISTED_WARMUP=${PERSISTED_WARMUP:-10s}
PERSISTED_DURATION=${PERSISTED_DURATION:-20s}
PERSISTED_ROUNDS=${PERSISTED_ROUNDS:-3}
PERSISTED_PRODUCTS=${PERSISTED_PRODUCTS:-10000}
PERSISTED_FIXED_ID=${PERSISTED_FIXED_ID:-1}
PERSISTED_JAR=${PERSISTED_JAR:-$root/gateway/target/catalog.jar}
benchmark_jar=$root/benchmark/target/catalog-benchmark.jar
script=$here/persisted.lua
ways="post get revalidate"
log() { echo "persisted: $*"; }
die() { echo "persisted: $*" >&2; exit 1; }
[ "$#" -eq 0 ] || { echo "persisted: takes no arguments (settings: the environment, see the top of $0)" >&2; exit 2; }
for tool in wrk curl sha256sum python3; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is needed (apt-get install wrk curl coreutils python3)"
done
case "$PERSISTED_ROUNDS" in ''|*[!0-9]*|0) die "PERSISTED_ROUNDS must be a positive integer" ;; esac
case "$PERSISTED_PRODUCTS" in ''|*[!0-9]*|0) die "PERSISTED_PRODUCTS must be a positive integer" ;; esac
[ "$PERSISTED_FIXED_ID" -ge 1 ] 2>/dev/null && [ "$PERSISTED_FIXED_ID" -le "$PERSISTED_PRODUCTS" ] \
  || die "PERSISTED_FIXED_ID must be a seeded product id, 1..$PERSISTED_PRODUCTS"

if [ -z "${BENCHMARK_SKIP_BUILD:-}" ]; then
  log "building (./mvnw -q -DskipTests package)"
  ./mvnw -B -q -DskipTests package
fi
for jar in "$PERSISTED_JAR" "$benchmark_jar"; do
  [ -f "$jar" ] || die "$jar is missing (build it, or unset BENCHMARK_SKIP_BUILD)"
done
launch_prepare "$PERSISTED_JAR"
bench_setup persisted
service=""
client=""

# Stops the service, once (stop_instance in benchmark/instances.sh).
stop_service() {
  [ -n "$service" ] || return 0
  local pid=$service
  service=""
  stop_instance "$pid" "$work_dir/data" persisted
}
keep_results() {
  [ -n "${PERSISTED_RESULTS_DIR:-}" ] && [ -d "$work_dir/runs" ] || return 0
  mkdir -p "$PERSISTED_RESULTS_DIR" && cp -r "$work_dir/runs/." "$PERSISTED_RESULTS_DIR/" \
    && echo "persisted: raw outputs in $PERSISTED_RESULTS_DIR"
}
# The current wrk run, the service and its PostgreSQL are stopped; bench_cleanup removes $work_dir.
on_exit() {
  keep_results || true
  [ -z "$client" ] || kill -TERM "$client" 2>/dev/null || true
  stop_service
  bench_cleanup
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "$work_dir/runs"

port=$(free_port)
url="http://127.0.0.1:$port/graphql"
launch_command "$PERSISTED_JAR"
log "starting the service on port $port with ${launch_env[*]} ${launch_jvm[*]}"
env -u CATALOG_JWT_SECRET -u CATALOG_JWT_ISSUER_URI -u SPRING_DATASOURCE_URL -u CATALOG_PERSISTED_MODE \
  -u CATALOG_PERSISTED_MANIFEST -u CATALOG_PERSISTED_MAX_AGE -u CATALOG_PERSISTED_MAX_DOCUMENTS \
  CATALOG_RATE_LIMIT_PER_MINUTE=0 \
  "${launch_command[@]}" --server.port="$port" --catalog.data-dir="$work_dir/data" > "$work_dir/service.log" 2>&1 &
service=$!
wait_up "$port" "$work_dir/service.log"
log "the service is up (pid $service); seeding $PERSISTED_PRODUCTS products x 3 images, every 10th INACTIVE"

start=$SECONDS
"$JAVA_HOME/bin/java" -jar "$benchmark_jar" --url "$url" --seed-only --products "$PERSISTED_PRODUCTS" \
  --images-per-product 3 --inactive-every 10 --concurrency 16 --progress 0 > "$work_dir/seed.txt" 2>&1 \
  || { cat "$work_dir/seed.txt" >&2; die "seeding failed"; }
# A fresh database numbers the products 1..N: the first, the last and the one after tell.
n=$PERSISTED_PRODUCTS
ids_query="{ first: product(id: 1) { id } last: product(id: $n) { id } after: product(id: $((n + 1))) { id } }"
ids=$(curl -fsS --max-time 10 -H 'Content-Type: application/json' -d "{\"query\":\"$ids_query\"}" "$url") \
  || die "cannot ask the service for the seeded ids"
[ "$(tr -d ' \n' <<<"$ids")" = "{\"data\":{\"first\":{\"id\":1},\"last\":{\"id\":$n},\"after\":null}}" ] \
  || die "the seeded products are not numbered 1..$n: $ids"
log "seeded in $((SECONDS - start)) s (ids 1..$PERSISTED_PRODUCTS)"

# lua_dump OP WHAT [WAY]: what persisted.lua sends (query, variables, path, request); wrk exits before connecting.
lua_dump() {
  PQ_DUMP=$2 PQ_OP=$1 PQ_WAY=${3:-post} PQ_HASH=${hash:-} PQ_ETAG=${etag:-x} PQ_FIXED_ID=$PERSISTED_FIXED_ID \
    wrk -t1 -c1 -d1s -s "$script" "$url" || die "persisted.lua cannot dump the $2 of $1"
}
json() { python3 -c 'import json, sys; print(json.dumps(sys.argv[1]))' "$1"; }

declare -A hashes etags
for op in $PERSISTED_OPS; do
  query=$(lua_dump "$op" query)
  template=$(lua_dump "$op" variables)
  hash=$(printf '%s' "$query" | sha256sum | cut -d ' ' -f 1)
  etag=""
  variables=${template//\$\{id\}/$PERSISTED_FIXED_ID}
  get_url="http://127.0.0.1:$port$(lua_dump "$op" path get)"
  answer=$(curl -sS --max-time 10 "$get_url") || die "GET $get_url failed"
  grep -q PERSISTED_QUERY_NOT_FOUND <<<"$answer" \
    || die "$op: a GET by hash before registration answered $answer, not PERSISTED_QUERY_NOT_FOUND: rebuild $PERSISTED_JAR"
  extensions="{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"$hash\"}}"
  body="{\"query\":$(json "$query")${variables:+,\"variables\":$variables},\"extensions\":$extensions}"
  answer=$(curl -sS --max-time 10 -H 'Content-Type: application/json' -d "$body" "$url") || die "registering $op failed"
  case "$answer" in *'"errors"'*|'') die "registering $op answered $answer" ;; esac
  headers=$(curl -sS --max-time 10 -o "$work_dir/answer.json" -D - "$get_url") || die "GET $get_url failed"
  grep -qi '^cache-control: public' <<<"$headers" && ! grep -q '"errors"' "$work_dir/answer.json" \
    || die "$op: the GET by hash answered: $headers $(head -c 300 "$work_dir/answer.json")"
  cmp -s <(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["data"])' "$work_dir/answer.json") \
    <(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["data"])' "$answer") \
    || die "$op: the GET by hash and the registering POST answered different data"
  etag=$(sed -n 's/^[Ee][Tt][Aa][Gg]: *\([^[:space:]]*\).*/\1/p' <<<"$headers")
  [ -n "$etag" ] || die "$op: the GET by hash answered without an ETag: $headers"
  status=$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" \
    "http://127.0.0.1:$port$(lua_dump "$op" path revalidate)") || die "GET with If-None-Match failed"
  [ "$status" = 304 ] || die "$op: a GET with If-None-Match: $etag answered $status, not 304"
  hashes[$op]=$hash
  etags[$op]=$etag
  log "$op: registered as $hash; ETag of the answer${variables:+ for $variables} $etag, revalidated with 304"
  printf '%s\n' "$query" > "$work_dir/runs/$op.graphql"
  for way in $ways; do lua_dump "$op" request "$way" > "$work_dir/runs/$op-$way.request"; done
done

machine="$(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) CPUs"
machine+=" shared by the service, its PostgreSQL and wrk"
log "$machine; load average before the runs: $(cut -d ' ' -f 1-3 /proc/loadavg)"

# ------------------------------------------------------------------------------------------------ runs
clk_tck=$(getconf CLK_TCK)
# ticks PID...: user + system clock ticks of these processes (0 for those gone).
ticks() {
  local pid total=0 stat rest f
  for pid in "$@"; do
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    rest=${stat##*) }
    read -r -a f <<<"$rest"
    total=$((total + f[11] + f[12]))
  done
  echo "$total"
}
# postgres_pids: the embedded PostgreSQL's postmaster and its children.
postgres_pids() {
  local postmaster
  postmaster=$(head -n 1 "$work_dir/data/postmaster.pid" 2>/dev/null) || return 0
  echo "$postmaster"
  pgrep -P "$postmaster" 2>/dev/null || true
}
# children_seconds FILE: user + system seconds of this shell's waited-for children in FILE, the output of bash's
# times (its second line), which must run in this shell, not in a subshell.
children_seconds() {
  awk 'NR == 2 { s = 0; for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); s += t[1] * 60 + t[2] }; print s }' "$1"
}

results=$work_dir/runs/runs.tsv
columns="op clients way round rps p50_ms p99_ms failed outside not_modified sent received cpu_service cpu_pg cpu_wrk"
tr ' ' '\t' <<<"$columns" > "$results"
failed=0

# run OP WAY CLIENTS DURATION ROUND: one wrk run; a measured one (ROUND > 0) goes to runs.tsv.
run() {
  local op=$1 way=$2 clients=$3 duration=$4 round=$5 out line pg_before pg_after svc_before svc_after wrk_before
  local wrk_after started secs errors fixed=""
  out="$work_dir/runs/wrk-$op-$way-c$clients-r$round.txt"
  mapfile -t pg < <(postgres_pids)
  if [ "$way" = revalidate ]; then fixed=$PERSISTED_FIXED_ID; fi
  svc_before=$(ticks "$service"); pg_before=$(ticks "${pg[@]}")
  started=$(date +%s.%N)
  times > "$work_dir/times.before"
  # In the background and waited for, so that an interrupt is handled at once (the traps run during `wait`).
  PQ_OP=$op PQ_WAY=$way PQ_HASH=${hashes[$op]} PQ_ETAG=${etags[$op]} PQ_ID_MIN=1 PQ_ID_MAX=$PERSISTED_PRODUCTS \
    PQ_FIXED_ID=$fixed PQ_LABEL="$op:$way:c$clients" \
    wrk -t"$PERSISTED_THREADS" -c"$clients" -d"$duration" --timeout 5s --latency -s "$script" "$url" > "$out" 2>&1 &
  client=$!
  wait "$client" || true
  client=""
  times > "$work_dir/times.after"
  secs=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')
  svc_after=$(ticks "$service"); pg_after=$(ticks "${pg[@]}")
  wrk_before=$(children_seconds "$work_dir/times.before"); wrk_after=$(children_seconds "$work_dir/times.after")
  kill -0 "$service" 2>/dev/null || { tail -n 30 "$work_dir/service.log" >&2; die "the service exited during a run"; }
  [ "$round" -gt 0 ] || return 0
  line=$(grep '^PQBENCH ' "$out") || { cat "$out" >&2; die "wrk printed no PQBENCH line ($op $way c=$clients)"; }
  field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
  errors=$(field failed)
  [ "$errors" -eq 0 ] || { failed=1; log "$op $way c=$clients: $errors failed: $(grep -m 1 'first failure' "$out" || true)"; }
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$op" "$clients" "$way" "$round" "$(field rps)" \
    "$(field p50_ms)" "$(field p99_ms)" "$errors" "$(field outside)" "$(field not_modified)" "$(field sent)" \
    "$(field received)" "$(awk -v s1="$svc_before" -v s2="$svc_after" -v p1="$pg_before" -v p2="$pg_after" \
      -v w1="$wrk_before" -v w2="$wrk_after" -v hz="$clk_tck" -v t="$secs" \
      'BEGIN { printf "%.2f\t%.2f\t%.2f", (s2 - s1) / hz / t, (p2 - p1) / hz / t, (w2 - w1) / t }')" >> "$results"
  log "$(printf '%-8s %-10s c=%-3s round %d: %8.0f req/s, p99 %7.2f ms, %d failed' "$op" "$way" "$clients" "$round" \
    "$(field rps)" "$(field p99_ms)" "$errors")"
}

for op in $PERSISTED_OPS; do
  log "$op: warming up each way ($PERSISTED_WARMUP at 16 connections)"
  for way in $ways; do run "$op" "$way" 16 "$PERSISTED_WARMUP" 0; done
  for clients in $PERSISTED_CONNECTIONS; do
    for round in $(seq 1 "$PERSISTED_ROUNDS"); do
      # The ways take turns going first, so that a slow stretch of the host does not always hit the same one.
      case $((round % 3)) in
        1) order="post get revalidate" ;;
        2) order="get revalidate post" ;;
        0) order="revalidate post get" ;;
      esac
      for way in $order; do run "$op" "$way" "$clients" "$PERSISTED_DURATION" "$round"; done
    done
  done
done

# ------------------------------------------------------------------------------------------------ table
echo
{
  echo "machine: $machine; load average after the runs: $(cut -d ' ' -f 1-3 /proc/loadavg)"
  echo "service: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1), ${launch_env[*]} ${launch_jvm[*]}; $PERSISTED_PRODUCTS products x 3 images"
  echo "wrk: $(wrk -v 2>&1 | head -n 1 | awk '{ print $2 }'), $PERSISTED_THREADS threads; $PERSISTED_DURATION per run, $PERSISTED_ROUNDS runs per cell (the ways taking turns), after a $PERSISTED_WARMUP warm-up per read and way"
  echo
  python3 - "$results" "$PERSISTED_FIXED_ID" <<'PY'
import sys, statistics as st
_, runs, fixed_id = sys.argv
label = {"product": "product by id + images", "products": "first 20 active + images"}
way_label = {"post": "POST, full document", "get": "GET by hash", "revalidate": "GET by hash + If-None-Match (304)"}
cells, order = {}, []
with open(runs) as f:
    header = f.readline().rstrip("\n").split("\t")
    for line in f:
        r = dict(zip(header, line.rstrip("\n").split("\t")))
        key = (r["op"], int(r["clients"]))
        if key not in cells:
            order.append(key)
        cells.setdefault(key, {}).setdefault(r["way"], []).append(r)
def med(rows, name):
    return st.median(float(r[name]) for r in rows)
print("| read | way | clients | req/s median (range) | p99 ms | failed | 304s | bytes sent/req | bytes received/req | cores: service / PostgreSQL / wrk |")
print("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|")
for key in order:
    op, clients = key
    for way in ("post", "get", "revalidate"):
        rows = cells[key].get(way)
        if not rows:
            continue
        rps = [float(r["rps"]) for r in rows]
        name = way_label[way] + (f" (id {fixed_id} only)" if way == "revalidate" and op == "product" else "")
        print(f"| {label.get(op, op)} | {name} | {clients} | {st.median(rps):,.0f} ({min(rps):,.0f}–{max(rps):,.0f}) "
              f"| {med(rows, 'p99_ms'):.1f} | {sum(int(r['failed']) for r in rows)} "
              f"| {sum(int(r['not_modified']) for r in rows):,} | {med(rows, 'sent'):.0f} | {med(rows, 'received'):.0f} "
              f"| {med(rows, 'cpu_service'):.2f} / {med(rows, 'cpu_pg'):.2f} / {med(rows, 'cpu_wrk'):.2f} |")
print()
print("| read | clients | GET / POST: req/s · p99 · bytes sent · received | GET+304 / POST: req/s · p99 · bytes sent · received |")
print("|---|--:|---|---|")
for key in order:
    op, clients = key
    by = cells[key]
    if "post" not in by:
        continue
    def ratios(way):
        if way not in by:
            return "–"
        a, b = by[way], by["post"]
        return " · ".join(f"{med(a, n) / med(b, n):.2f}×" for n in ("rps", "p99_ms", "sent", "received"))
    print(f"| {label.get(op, op)} | {clients} | {ratios('get')} | {ratios('revalidate')} |")
PY
} | tee "$work_dir/runs/table.md"
echo
echo "req/s and p99: medians of $PERSISTED_ROUNDS runs per cell; failed: a status other than 200 (304 with If-None-Match),"
echo "GraphQL errors, a product not found, a GET answer without an ETag, or socket errors (none expected); 304s: answers"
echo "304 Not Modified. The product read asks for a random id in 1..$PERSISTED_PRODUCTS per request POSTed or GET by"
echo "hash, but always for id $PERSISTED_FIXED_ID with If-None-Match (an ETag is one answer's). Bytes sent: request line,"
echo "headers and body as wrk writes them; received: wrk's bytes read per request, headers included. Cores: CPU time of"
echo "the service's JVM, of its PostgreSQL and of wrk over each run's wall time ($(nproc) CPUs in all)."
stop_service
[ "$failed" -eq 0 ] || die "some requests failed (see above)"
log "done: every request succeeded"
