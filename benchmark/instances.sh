# Sourced by the benchmark scripts that start service instances themselves (subscriptions, rebuild, uploads,
# persisted, history):
#   bench_setup NAME     makes $work_dir (removed on exit) and the array pids (every pid in it is stopped on exit)
#   free_port            prints a free TCP port on 127.0.0.1
#   wait_up PORT LOG     waits until the instance on PORT reports UP; shows the end of LOG and exits if it does not
#   rss_mb PID           the resident memory of process PID in MB ("?" once it is gone)
#   stop_instance PID DATA NAME  stops the service PID: SIGTERM (a graceful shutdown also stops its embedded
#                        PostgreSQL), SIGKILL after 60 s, then the PostgreSQL of DATA if it was left behind
bench_setup() {
  work_dir=$(mktemp -d "${TMPDIR:-/tmp}/catalog-$1.XXXXXX")
  pids=()
  trap bench_cleanup EXIT
}
bench_cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work_dir"
}
rss_mb() { awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_up() {
  for _ in $(seq 1 900); do
    curl -fsS --max-time 2 "http://127.0.0.1:$1/actuator/health" 2>/dev/null | grep -q '"status" *: *"UP"' && return 0
    sleep 0.2
  done
  echo "benchmark: the instance on port $1 did not start; see $2" >&2
  tail -n 30 "$2" >&2
  exit 1
}
stop_instance() {
  local pid=$1 data=$2 name=$3 pg
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "$name: the service did not stop within 60 s: killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  if [ -f "$data/postmaster.pid" ]; then
    pg=$(head -n 1 "$data/postmaster.pid")
    if [ -n "$pg" ] && kill -0 "$pg" 2>/dev/null; then
      echo "$name: stopping the embedded PostgreSQL left behind (pid $pg)" >&2
      kill -TERM "$pg" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pg" 2>/dev/null || break; sleep 0.1; done
    fi
  fi
}
