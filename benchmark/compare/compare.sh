#!/usr/bin/env bash
# bin/benchmark --compare: the catalog against PostGraphile 5 (the peer), side by side, in one run.
#
# Both servers get the same data (10,000 products with 3 images each, every 10th product INACTIVE) on the same
# PostgreSQL cluster (Debian's, 15 on Debian 12): the peer in plain tables (peer/schema.sql, seeded by SQL), the
# catalog in its event store and views (seeded through its GraphQL mutations). Then, for each operation and
# client count, wrk runs against one server and then the other, alternating, COMPARE_ROUNDS times; the table
# gives each side's median and range and the ratio of the medians. At the end the catalog's writes are checked
# for read-your-writes (the Java benchmark, --mix writes), and both servers' resident memory is printed.
#
#   bin/benchmark --compare
#   COMPARE_DURATION=30s COMPARE_ROUNDS=5 COMPARE_CONNECTIONS="16 64 256" bin/benchmark --compare
#
# Environment (defaults in brackets):
#   COMPARE_OPS           operations, scripts wrk/<op>.lua ["product products create"]
#   COMPARE_CONNECTIONS   wrk connection counts ["16 64"]
#   COMPARE_DURATION      one measured wrk run [20s]
#   COMPARE_WARMUP        per operation and server, before its first measured run [45s]
#   COMPARE_ROUNDS        measured runs per server, operation and client count [3]; an odd count gives a true
#                         median, so one run hit by a stall of the host's disk (commits held 30 to 340 ms, some
#                         with no load at all: ADR 23) does not decide a side's p99 alone
#   COMPARE_PRODUCTS      seeded products, 3 images each [10000]
#   COMPARE_THREADS       wrk threads [2]
#   BENCHMARK_SERVICE_OPTS  JVM options of the catalog; NAME=value among them goes to the environment [bin/run's,
#                           from bin/launch.sh, which also starts the jar extracted and with its ahead-of-time cache
#                           on JDK 25]
#   BENCHMARK_SKIP_BUILD  1: use the jars already built
#   COMPARE_CATALOG_JAR   the catalog's jar [gateway/target/catalog.jar]; another build's, to compare two versions
#                         of the catalog against the same peer
#   PG_VERSION, PG_CLUSTER, PG_PORT  the Debian cluster [15 main 5432]
#   RESULTS_DIR           raw outputs [benchmark/compare/results/<UTC time>]
# Needs root (or the packages already installed): apt-get install postgresql wrk curl npm; npm ci in peer/.
# Exit status: 0 when no request failed and no read-your-writes violation was seen; 1 otherwise.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

COMPARE_OPS=${COMPARE_OPS:-product products create}
COMPARE_CONNECTIONS=${COMPARE_CONNECTIONS:-16 64}
COMPARE_DURATION=${COMPARE_DURATION:-20s}
COMPARE_WARMUP=${COMPARE_WARMUP:-45s}
COMPARE_ROUNDS=${COMPARE_ROUNDS:-3}
COMPARE_PRODUCTS=${COMPARE_PRODUCTS:-10000}
COMPARE_THREADS=${COMPARE_THREADS:-2}
# shellcheck source=../../bin/launch.sh
. "$root/bin/launch.sh"
BENCHMARK_SERVICE_OPTS=${BENCHMARK_SERVICE_OPTS:-$launch_default_options}
COMPARE_CATALOG_JAR=${COMPARE_CATALOG_JAR:-$root/gateway/target/catalog.jar}
PG_VERSION=${PG_VERSION:-15}
PG_CLUSTER=${PG_CLUSTER:-main}
PG_PORT=${PG_PORT:-5432}
RESULTS_DIR=${RESULTS_DIR:-$here/results/$(date -u +%Y%m%dT%H%M%SZ)}
# Throw-away credentials of two throw-away databases on a loopback-only cluster.
PEER_DB=peer_bench
CATALOG_DB=catalog_bench

log() { echo "compare: $*"; }
die() { echo "compare: $*" >&2; exit 1; }
# free_port, rss_mb
. "$root/benchmark/instances.sh"

# ------------------------------------------------------------------------------------------------ set-up
install_missing() {
  local missing=()
  command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  if [ "${#missing[@]}" -gt 0 ]; then
    [ "$(id -u)" -eq 0 ] || die "missing ${missing[*]}: run as root, or apt-get install them"
    log "apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  # PostGraphile 5 needs Node >= 22: the `node` npm package of package.json brings it, beside the system's.
  if [ ! -x "$here/peer/node_modules/.bin/node" ] || [ ! -d "$here/peer/node_modules/postgraphile" ] \
     || [ "$here/peer/package-lock.json" -nt "$here/peer/node_modules/.package-lock.json" ]; then
    log "npm ci in benchmark/compare/peer (postgraphile 5, node 22)"
    (cd "$here/peer" && NPM_CONFIG_UPDATE_NOTIFIER=false npm ci --no-audit --no-fund --loglevel=error)
  fi
}

as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
psql_super() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@"; }
psql_db() { PGPASSWORD=$1 psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$1" -d "$1" "${@:2}"; }

# fresh_database NAME: drops and creates database NAME owned by role NAME (password NAME).
fresh_database() {
  psql_super -d postgres <<SQL
DROP DATABASE IF EXISTS $1 WITH (FORCE);
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$1') THEN CREATE ROLE $1 LOGIN; END IF;
END \$\$;
ALTER ROLE $1 PASSWORD '$1';
CREATE DATABASE $1 OWNER $1;
SQL
}

# ------------------------------------------------------------------------------------------------ servers
peer_pid=""; catalog_pid=""
peer_port=$(free_port); catalog_port=$(free_port)
peer_url="http://127.0.0.1:$peer_port/graphql"; catalog_url="http://127.0.0.1:$catalog_port/graphql"

wait_for_graphql() { # URL PID NAME LOG
  for _ in $(seq 1 1800); do
    kill -0 "$2" 2>/dev/null || { tail -n 30 "$4" >&2; die "$3 exited while starting"; }
    if curl -s -o /dev/null --max-time 2 -H 'Content-Type: application/json' -d '{"query":"{__typename}"}' "$1"; then
      return 0
    fi
    sleep 0.1
  done
  tail -n 30 "$4" >&2; die "$3 did not answer within 180 s"
}

start_peer() {
  (cd "$here/peer" && GRAPHILE_ENV=production NODE_ENV=production \
    DATABASE_URL="postgres://$PEER_DB:$PEER_DB@127.0.0.1:$PG_PORT/$PEER_DB" PEER_PORT=$peer_port \
    exec node_modules/.bin/node server.mjs) >"$RESULTS_DIR/postgraphile.log" 2>&1 &
  peer_pid=$!
  wait_for_graphql "$peer_url" "$peer_pid" PostGraphile "$RESULTS_DIR/postgraphile.log"
}

start_catalog() {
  CATALOG_JAVA_OPTIONS=$BENCHMARK_SERVICE_OPTS launch_command "$COMPARE_CATALOG_JAR"
  env -u CATALOG_JWT_SECRET -u CATALOG_JWT_ISSUER_URI SERVER_PORT=$catalog_port CATALOG_RATE_LIMIT_PER_MINUTE=0 \
    SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$CATALOG_DB" \
    SPRING_DATASOURCE_USERNAME=$CATALOG_DB SPRING_DATASOURCE_PASSWORD=$CATALOG_DB \
    "${launch_command[@]}" >"$RESULTS_DIR/catalog.log" 2>&1 &
  catalog_pid=$!
  wait_for_graphql "$catalog_url" "$catalog_pid" "the catalog" "$RESULTS_DIR/catalog.log"
}

stop() { # PID: SIGTERM, then SIGKILL after 60 s
  [ -n "$1" ] || return 0
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 1 600); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

cleanup() { stop "$peer_pid"; stop "$catalog_pid"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ------------------------------------------------------------------------------------------------ CPU split
clk_tck=$(getconf CLK_TCK)
# cpu_snapshot FILE: "pid ppid ticks comm" of every process (user + system ticks).
cpu_snapshot() {
  cat /proc/[0-9]*/stat 2>/dev/null | awk '{
    comm = $0; sub(/^[0-9]+ \(/, "", comm); sub(/\) [^)]*$/, "", comm); gsub(/ /, "_", comm)
    rest = $0; sub(/^.*\) /, "", rest); split(rest, f, " ")
    print $1, f[2], f[12] + f[13], comm }' > "$1" || true
}
# cpu_cores BEFORE AFTER SERVER_PID SECONDS: cores used by the server (and its children) and by PostgreSQL,
# counting each process from its ticks in BEFORE (0 when it started during the run).
cpu_cores() {
  awk -v server="$3" -v secs="$4" -v hz="$clk_tck" '
    FNR == NR { before[$1] = $3; next }
    { d = $3 - (($1 in before) ? before[$1] : 0)
      if ($1 == server || $2 == server) s += d; else if ($4 == "postgres") p += d }
    END { printf "%.2f\t%.2f", s / hz / secs, p / hz / secs }' "$1" "$2"
}

# ------------------------------------------------------------------------------------------------ main
mkdir -p "$RESULTS_DIR"
install_missing
cd "$root"
. bin/select-jdk.sh
if [ -z "${BENCHMARK_SKIP_BUILD:-}" ]; then
  log "building the service and the benchmark (./mvnw -q -DskipTests package)"
  ./mvnw -B -q -DskipTests package
fi
launch_prepare "$COMPARE_CATALOG_JAR"

if ! pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c && $4 == "online" { ok = 1 } END { exit !ok }'; then
  log "starting PostgreSQL $PG_VERSION/$PG_CLUSTER"
  pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start
fi
fresh_database "$PEER_DB"
fresh_database "$CATALOG_DB"
psql_db "$PEER_DB" -f "$here/peer/schema.sql"
start=$SECONDS
psql_db "$PEER_DB" -v products="$COMPARE_PRODUCTS" -v inactive_every=10 -f "$here/peer/seed.sql"
log "peer: $COMPARE_PRODUCTS products x 3 images seeded by SQL in $((SECONDS - start)) s"

start_peer
start_catalog
log "PostGraphile on $peer_url (pid $peer_pid), the catalog on $catalog_url (pid $catalog_pid)"
start=$SECONDS
"$JAVA_HOME/bin/java" -jar benchmark/target/catalog-benchmark.jar --url "$catalog_url" --seed-only \
  --products "$COMPARE_PRODUCTS" --images-per-product 3 --inactive-every 10 --concurrency 16 --progress 0 \
  > "$RESULTS_DIR/catalog-seed.txt" || { cat "$RESULTS_DIR/catalog-seed.txt" >&2; die "seeding the catalog failed"; }
read -r id_min id_max products < <(psql_db "$CATALOG_DB" -At -F ' ' -c "SELECT min(id), max(id), count(*) FROM product_view")
[ "$products" = "$COMPARE_PRODUCTS" ] && [ "$id_max" = "$((id_min + products - 1))" ] \
  || die "the catalog holds $products products with ids $id_min..$id_max, not 1..$COMPARE_PRODUCTS"
log "catalog: $products products x 3 images seeded through its mutations in $((SECONDS - start)) s (ids $id_min..$id_max)"

{
  echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, Linux $(uname -r)"
  echo "postgresql: $(psql_db "$PEER_DB" -At -c "SELECT current_setting('server_version') || ', fsync ' || current_setting('fsync') || ', synchronous_commit ' || current_setting('synchronous_commit') || ', shared_buffers ' || current_setting('shared_buffers')")"
  echo "catalog: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1), options: $BENCHMARK_SERVICE_OPTS"
  echo "postgraphile: $(cd "$here/peer" && node_modules/.bin/node -p 'require("./node_modules/postgraphile/package.json").version') on node $("$here/peer/node_modules/.bin/node" -v), one process, pool of 10 connections"
  echo "wrk: $(wrk -v 2>&1 | head -n 1 | awk '{ print $2 }'), $COMPARE_THREADS threads; $COMPARE_DURATION per run, $COMPARE_ROUNDS runs per server (alternating), after a $COMPARE_WARMUP warm-up per operation"
} | tee "$RESULTS_DIR/setup.txt" | sed 's/^/compare: /'

results="$RESULTS_DIR/runs.tsv"
printf 'op\tclients\tserver\tround\trps\tp50_ms\tp99_ms\terrors\tcpu_server\tcpu_pg\n' > "$results"
failed=0

# run SERVER OP CLIENTS DURATION ROUND: one wrk run; measured runs (ROUND > 0) go to runs.tsv.
run() {
  local server=$1 op=$2 clients=$3 duration=$4 round=$5 url pid preset ids out line secs
  if [ "$server" = peer ]; then url=$peer_url pid=$peer_pid preset=postgraphile ids="1 $COMPARE_PRODUCTS"
  else url=$catalog_url pid=$catalog_pid preset=catalog ids="$id_min $id_max"; fi
  out="$RESULTS_DIR/wrk-$op-c$clients-$server-r$round.txt"
  cpu_snapshot "$RESULTS_DIR/.cpu-before"; secs=$(date +%s.%N)
  GQL_PRESET=$preset GQL_ID_MIN=${ids% *} GQL_ID_MAX=${ids#* } GQL_NAME_PREFIX="cmp-$server" \
    wrk -t"$COMPARE_THREADS" -c"$clients" -d"$duration" --timeout 5s --latency -s "$here/wrk/$op.lua" "$url" \
    > "$out" 2>&1 || true
  cpu_snapshot "$RESULTS_DIR/.cpu-after"; secs=$(awk -v s="$secs" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')
  [ "$round" -gt 0 ] || return 0
  line=$(grep '^GQLBENCH ' "$out" || true)
  [ -n "$line" ] || { cat "$out" >&2; die "wrk printed no GQLBENCH line ($out)"; }
  field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
  local errors=$(( $(field non200) + $(field gql_errors) + $(field socket_errors) ))
  [ "$errors" -eq 0 ] || { failed=1; log "$server $op c=$clients: $errors errors: $(grep -m 1 'first error' "$out" || true)"; }
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$op" "$clients" "$server" "$round" "$(field rps)" "$(field p50_ms)" \
    "$(field p99_ms)" "$errors" "$(cpu_cores "$RESULTS_DIR/.cpu-before" "$RESULTS_DIR/.cpu-after" "$pid" "$secs")" \
    >> "$results"
  log "$(printf '%-8s %-3s %-8s round %d: %8.0f req/s, p99 %7.2f ms, %d errors' "$op" "$clients" "$server" "$round" \
    "$(field rps)" "$(field p99_ms)" "$errors")"
}

for op in $COMPARE_OPS; do
  [ -f "$here/wrk/$op.lua" ] || die "no script wrk/$op.lua"
  log "$op: warming both servers up ($COMPARE_WARMUP each)"
  run peer "$op" 16 "$COMPARE_WARMUP" 0
  run catalog "$op" 16 "$COMPARE_WARMUP" 0
  for clients in $COMPARE_CONNECTIONS; do
    for round in $(seq 1 "$COMPARE_ROUNDS"); do
      if [ $((round % 2)) -eq 1 ]; then run peer "$op" "$clients" "$COMPARE_DURATION" "$round"; run catalog "$op" "$clients" "$COMPARE_DURATION" "$round"
      else run catalog "$op" "$clients" "$COMPARE_DURATION" "$round"; run peer "$op" "$clients" "$COMPARE_DURATION" "$round"; fi
    done
  done
done

log "read your writes: the Java benchmark's writes (updates, image creations and deletions, each read back at once)"
ryw_status=0
"$JAVA_HOME/bin/java" -jar benchmark/target/catalog-benchmark.jar --url "$catalog_url" --mix writes \
  --products 200 --duration 20s --warmup 5s --concurrency 16 --progress 0 > "$RESULTS_DIR/read-your-writes.txt" \
  || ryw_status=$?
ryw=$(sed -n 's/^ *violations *\([0-9]*\)$/\1/p' "$RESULTS_DIR/read-your-writes.txt" | head -n 1)
checked=$(sed -n 's/^ *writes read back *\([0-9]*\)$/\1/p' "$RESULTS_DIR/read-your-writes.txt" | head -n 1)
[ "$ryw_status" -eq 0 ] || failed=1
catalog_rss=$(rss_mb "$catalog_pid"); peer_rss=$(rss_mb "$peer_pid")

echo
sed 's/^/  /' "$RESULTS_DIR/setup.txt"
echo
awk -F'\t' -v ops="$COMPARE_OPS" '
  BEGIN {
    label["product"] = "product by id with its images"; label["products"] = "first 20 active products with images"
    label["create"] = "create a product"
  }
  NR == 1 { next }
  { key = $1 SUBSEP $2 SUBSEP $3; n[key]++; rps[key, n[key]] = $5; p99[key, n[key]] = $7; seen[$1 SUBSEP $2] = 1
    if (!(($1 SUBSEP $2) in order)) { order[$1 SUBSEP $2] = ++rows; row[rows] = $1 SUBSEP $2 } }
  function median(a, key, count,   v, i, j, t) {
    for (i = 1; i <= count; i++) v[i] = a[key, i]
    for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return count % 2 ? v[(count + 1) / 2] : (v[count / 2] + v[count / 2 + 1]) / 2
  }
  function range(a, key, count,   i, lo, hi) {
    lo = hi = a[key, 1]; for (i = 2; i <= count; i++) { if (a[key, i] < lo) lo = a[key, i]; if (a[key, i] > hi) hi = a[key, i] }
    return sprintf("%.0f-%.0f", lo, hi)
  }
  END {
    printf "%-38s %7s  %-28s  %-28s  %s\n", "operation", "clients", "PostGraphile req/s (range) · p99", "Catalog req/s (range) · p99", "Catalog / PostGraphile"
    for (r = 1; r <= rows; r++) {
      split(row[r], k, SUBSEP); pk = row[r] SUBSEP "peer"; ck = row[r] SUBSEP "catalog"
      pr = median(rps, pk, n[pk]); cr = median(rps, ck, n[ck]); pp = median(p99, pk, n[pk]); cp = median(p99, ck, n[ck])
      printf "%-38s %7s  %6.0f (%s) · %6.1f ms  %6.0f (%s) · %6.1f ms  %.2f× req/s, p99 %s\n", label[k[1]], k[2],
        pr, range(rps, pk, n[pk]), pp, cr, range(rps, ck, n[ck]), cp, cr / pr, cp <= pp ? "lower" : "HIGHER"
    }
  }' "$results" | tee "$RESULTS_DIR/table.txt"
echo
echo "medians of $COMPARE_ROUNDS runs per server; every run in $results (with each side's CPU: server and PostgreSQL cores)"
echo "failed requests: $(awk -F'\t' 'NR > 1 { e += $8 } END { print e + 0 }' "$results"); read your writes: ${checked:-?} writes read back, ${ryw:-?} violations (exit status $ryw_status)"
echo "resident memory at the end: catalog ${catalog_rss} MB ($BENCHMARK_SERVICE_OPTS), PostGraphile ${peer_rss} MB"
log "raw outputs in $RESULTS_DIR"
exit "$failed"
