#!/usr/bin/env bash
# Runs the GraphQL-over-HTTP audit against the packaged service: installs the audit's pinned npm
# dependencies, starts gateway/target/catalog.jar on a free local port with a throw-away data directory,
# waits for /actuator/health, runs audit.mjs against /graphql and each federation subgraph, then stops the
# service (SIGTERM, bounded wait) whatever happened. Exits with the worst audit's status (non-zero when a MUST
# failed on any endpoint).
# Extra arguments go to the application, e.g. --catalog.some.setting=value.
# Environment: CATALOG_JAR (default gateway/target/catalog.jar), AUDIT_START_TIMEOUT (seconds, default 180).
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/select-jdk.sh

jar=${CATALOG_JAR:-gateway/target/catalog.jar}
start_timeout=${AUDIT_START_TIMEOUT:-180}
stop_timeout=60
if [ ! -f "$jar" ]; then
  echo "audit: $jar not found; build it first (bin/test or ./mvnw -DskipTests package)" >&2
  exit 1
fi

# Dependencies first: a registry problem should fail before a JVM and a database are started.
(cd http-audit && npm ci --no-audit --no-fund)

work=$(mktemp -d "${TMPDIR:-/tmp}/catalog-http-audit.XXXXXX")
log="$work/service.log"
pid=""

alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }

# Waits up to $2 seconds for process $1 to end; true when it did.
wait_gone() {
  local deadline=$((SECONDS + $2))
  while alive "$1"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}

stop() {
  local status=$?
  if alive "$pid"; then
    echo "audit: stopping the service (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_gone "$pid" "$stop_timeout"; then
      echo "audit: the service did not stop within ${stop_timeout}s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  fi
  # A killed JVM leaves its embedded PostgreSQL running: stop that too (SIGINT is PostgreSQL's fast shutdown).
  local postmaster
  postmaster=$(head -n 1 "$work/db/postmaster.pid" 2>/dev/null || true)
  if alive "$postmaster"; then
    echo "audit: stopping the embedded PostgreSQL left behind (pid $postmaster)" >&2
    kill -INT "$postmaster" 2>/dev/null || true
    wait_gone "$postmaster" 30 || kill -KILL "$postmaster" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -f "$log" ]; then
    echo "audit: last lines of the service log:" >&2
    tail -n 40 "$log" >&2
  fi
  rm -rf "$work"
  exit "$status"
}
trap stop EXIT
# Turn signals into a normal exit so the EXIT trap cleans up.
trap 'exit 130' INT
trap 'exit 143' TERM

# A free port, asked from the OS (node is needed for the audit anyway; no other tool is assumed).
port=$(node -e 'const s = require("net").createServer();
  s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
base="http://127.0.0.1:$port"

echo "audit: starting $jar on $base (data in $work/db)"
# The audit fires ~65 requests at once from one address: the rate limit is not what it checks.
"$JAVA_HOME/bin/java" -Daxoniq.update-checker.disabled=true -jar "$jar" \
  --server.address=127.0.0.1 --server.port="$port" --catalog.data-dir="$work/db" \
  --catalog.rate-limit.per-minute=0 "$@" >"$log" 2>&1 &
pid=$!

# One probe per second until healthy; give up when the service dies or the timeout passes.
probe='fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))'
deadline=$((SECONDS + start_timeout))
until node -e "$probe" "$base/actuator/health"; do
  if ! alive "$pid"; then
    echo "audit: the service exited before it was healthy" >&2
    exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "audit: $base/actuator/health not UP after ${start_timeout}s" >&2
    exit 1
  fi
  sleep 1
done
echo "audit: service healthy after ${SECONDS}s"

# The subgraphs are served by the same endpoint class behind the same filters (ADR 16): audit them all, each
# to the end, so one run shows every endpoint's failures.
worst=0
for path in /graphql /subgraphs/products/graphql /subgraphs/images/graphql; do
  echo "audit: $base$path"
  status=0
  node http-audit/audit.mjs "$base$path" || status=$?
  [ "$status" -le "$worst" ] || worst=$status
done
exit "$worst"
