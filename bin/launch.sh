# Sourced by bin/run and the benchmarks (after bin/select-jdk.sh): how the service's jar is started (ADR 30).
#
#   launch_prepare JAR   extracts JAR into the directory of its name beside it (gateway/target/catalog/) when the
#                        jar is newer, so that the JVM maps classes from plain jars; on JDK 25 or newer, unless
#                        CATALOG_AOT_CACHE=off, trains the ahead-of-time cache there when it is missing or older
#                        than the jar (one run of about 30 s on a throw-away database, under the benchmark's mixed
#                        load; needs benchmark/target/catalog-benchmark.jar)
#   launch_command JAR   sets the array launch_command: the environment, java, its options and -jar the extracted
#                        jar, with the cache when there is one
#
# The JVM options are CATALOG_JAVA_OPTIONS when it is set (even empty), else launch_default_options: G1 with a fixed
# heap sized for the catalog's creations at 64 clients, as measured in ADR 32, and the C heap's free memory handed
# back to the system every 5 s (ADR 39; experimental on JDK 21, hence the unlock). Environment settings among them
# (NAME=value) go to the environment, not to java.

launch_default_options="-Xms192m -Xmx192m -XX:MaxGCPauseMillis=10 -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000 MALLOC_ARENA_MAX=2"

launch_dir() { echo "${1%.jar}"; }

# launch_split: sets launch_env and launch_jvm from the options.
launch_split() {
  local option
  launch_env=() launch_jvm=()
  # shellcheck disable=SC2086
  for option in ${CATALOG_JAVA_OPTIONS-$launch_default_options}; do
    if [[ $option =~ ^[A-Z_][A-Z0-9_]*= ]]; then launch_env+=("$option"); else launch_jvm+=("$option"); fi
  done
}

launch_aot_wanted() {
  [ "${CATALOG_AOT_CACHE:-on}" != off ] || return 1
  local major
  major=$(java_major "$JAVA_HOME")
  [ "${major%%.*}" -ge 25 ] 2>/dev/null
}

launch_prepare() {
  local jar=$1 dir
  dir=$(launch_dir "$jar")
  if [ ! -f "$dir/catalog.jar" ] || [ "$jar" -nt "$dir/catalog.jar" ]; then
    rm -rf "$dir"
    "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$dir" > /dev/null
  fi
  if launch_aot_wanted && { [ ! -f "$dir/catalog.aot" ] || [ "$dir/catalog.jar" -nt "$dir/catalog.aot" ]; }; then
    launch_train "$dir"
  fi
}

# launch_train DIR: a run with -XX:AOTCacheOutput writes the cache when it exits (JEP 514); what it ran is what the
# cache holds ready: the classes loaded and linked, and the profiles of the methods the load made hot (JEP 515).
launch_train() {
  local dir=$1 work started port=""
  local benchmark=benchmark/target/catalog-benchmark.jar
  if [ ! -f "$benchmark" ]; then
    echo "launch: no ahead-of-time cache: $benchmark is missing (./mvnw package builds it)" >&2
    return 0
  fi
  echo "launch: training the ahead-of-time cache once for this build (about 30 s; CATALOG_AOT_CACHE=off skips it)" >&2
  started=$(date +%s)
  work=$(mktemp -d "${TMPDIR:-/tmp}/catalog-aot.XXXXXX")
  launch_java "$dir" -XX:AOTCacheOutput="$dir/catalog.aot"
  CATALOG_RATE_LIMIT_PER_MINUTE=0 "${launch_command[@]}" --server.port=0 --catalog.data-dir="$work/data" \
    > "$work/service.log" 2>&1 &
  local service=$!
  for _ in $(seq 1 600); do
    port=$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$work/service.log" | head -n 1)
    [ -n "$port" ] || ! kill -0 "$service" 2>/dev/null && break
    sleep 0.2
  done
  if [ -n "$port" ] && "$JAVA_HOME/bin/java" -jar "$benchmark" --url "http://127.0.0.1:$port/graphql" --products 200 \
      --concurrency 16 --warmup 5s --duration 10s --progress 0 > "$work/load.txt" 2>&1; then
    kill -TERM "$service"
    wait "$service" || true
  else
    kill -TERM "$service" 2>/dev/null || true
    wait "$service" || true
    rm -f "$dir/catalog.aot"
  fi
  if [ -f "$dir/catalog.aot" ]; then
    echo "launch: ahead-of-time cache of $(du -m "$dir/catalog.aot" | cut -f1) MB trained in $(( $(date +%s) - started )) s" >&2
  else
    echo "launch: the training run failed, so the service starts without an ahead-of-time cache:" >&2
    tail -n 20 "$work/service.log" "$work/load.txt" >&2 2>/dev/null || true
  fi
  rm -rf "$work"
}

launch_command() {
  local dir
  dir=$(launch_dir "$1")
  if launch_aot_wanted && [ -f "$dir/catalog.aot" ]; then
    launch_java "$dir" -XX:AOTCache="$dir/catalog.aot"
  else
    launch_java "$dir"
  fi
}

# launch_java DIR JVM_OPTIONS...: sets launch_command: the environment, java, its options, JVM_OPTIONS and -jar the
# extracted jar in DIR.
launch_java() {
  local dir=$1
  shift
  launch_split
  launch_command=(env "${launch_env[@]}" "$JAVA_HOME/bin/java" "${launch_jvm[@]}" "$@"
    -Daxoniq.update-checker.disabled=true -jar "$dir/catalog.jar")
}
