# Sourced by benchmark/transport/transport.sh and benchmark/versions/versions.sh: two targets measured against each
# other in one run, wrk alternating between them. Needs: wrk_dir (the wrk scripts), work (a scratch directory),
# log, die, and PAIRS_IDS (the seeded product ids' largest).

# pairs_run LABEL URL OP CLIENTS DURATION ROUND: one wrk run of OP against URL; a measured one (ROUND > 0) is
# logged and appended to $work/runs.tsv under LABEL.
pairs_run() {
  local out="$work/wrk.txt" line errors
  GQL_PRESET=catalog GQL_ID_MIN=1 GQL_ID_MAX="$PAIRS_IDS" GQL_NAME_PREFIX="pairs-${1//\//}" \
    wrk -t2 -c"$4" -d"$5" --timeout 5s --latency -s "$wrk_dir/$3.lua" "$2" > "$out" 2>&1 || true
  [ "$6" -gt 0 ] || return 0
  line=$(grep '^GQLBENCH ' "$out") || { cat "$out" >&2; die "wrk printed no GQLBENCH line"; }
  field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
  errors=$(( $(field non200) + $(field gql_errors) + $(field socket_errors) ))
  [ "$errors" -eq 0 ] || log "$1 $3 c=$4: $errors errors: $(grep -m 1 'first error' "$out" || true)"
  printf '%s\t%s\t%s\t%s\t%s\n' "$3" "$4" "$1" "$(field rps)" "$(field p99_ms)" >> "$work/runs.tsv"
  log "$(printf '%-8s c=%-3s %-15s round %d: %8.0f req/s, p99 %7.2f ms' "$3" "$4" "$1" "$6" "$(field rps)" "$(field p99_ms)")"
}

# pairs_measure A URL_A B URL_B OPS CONNECTIONS DURATION WARMUP ROUNDS: every operation warmed up on both, then
# ROUNDS runs per client count, alternating which goes first; then the table of medians and the ratio A / B.
pairs_measure() {
  local a=$1 url_a=$2 b=$3 url_b=$4 op clients round
  for op in $5; do
    pairs_run "$a" "$url_a" "$op" 16 "$8" 0
    pairs_run "$b" "$url_b" "$op" 16 "$8" 0
    for clients in $6; do
      for round in $(seq 1 "$9"); do
        if [ $((round % 2)) -eq 1 ]; then
          pairs_run "$a" "$url_a" "$op" "$clients" "$7" "$round"; pairs_run "$b" "$url_b" "$op" "$clients" "$7" "$round"
        else
          pairs_run "$b" "$url_b" "$op" "$clients" "$7" "$round"; pairs_run "$a" "$url_a" "$op" "$clients" "$7" "$round"
        fi
      done
    done
  done
  echo
  echo "| operation | clients | $a req/s (range) · p99 | $b req/s (range) · p99 | $a / $b |"
  echo "|---|---|---|---|---|"
  python3 - "$work/runs.tsv" "$a" "$b" <<'PY'
import sys, statistics as st
_, runs, a, b = sys.argv
cells = {}
for line in open(runs):
    op, c, label, rps, p99 = line.rstrip('\n').split('\t')
    cells.setdefault((op, int(c)), {}).setdefault(label, []).append((float(rps), float(p99)))
def fmt(r):
    rps = [x for x, _ in r]; p = [y for _, y in r]
    return f"{st.median(rps):,.0f} ({min(rps):,.0f}–{max(rps):,.0f}) · {st.median(p):.1f} ms"
for (op, c), by in cells.items():
    ratio = st.median([x for x, _ in by[a]]) / st.median([x for x, _ in by[b]])
    print(f"| {op} | {c} | {fmt(by[a])} | {fmt(by[b])} | {ratio:.2f} |")
PY
}
