# Sourced by the benchmark scripts that start service instances themselves (subscriptions, rebuild):
#   bench_setup NAME     makes $work_dir (removed on exit) and the array pids (every pid in it is stopped on exit)
#   free_port            prints a free TCP port on 127.0.0.1
#   wait_up PORT LOG     waits until the instance on PORT reports UP; shows the end of LOG and exits if it does not
#   rss_mb PID           the resident memory of process PID in MB ("?" once it is gone)
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
