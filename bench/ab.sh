#!/usr/bin/env bash
# Two revisions of DelTran side by side on the pipeline benchmark (bench/pipeline.sh) or the window close
# (bench/close.sh, --bench close): each is built from its own worktree, and their runs alternate, so a slow spell of
# the shared machine falls on both. Single runs vary by about 10%, which is more than most changes are worth: compare
# the medians, and more than one pair.
#   bench/ab.sh [--bench pipeline|close] [--transactions N] [--pairs K] REV_A REV_B
# (--transactions is the close's number of obligations with --bench close; default 1,000,000 there.)
# The BENCH_* settings of bench/pipeline.sh apply to both sides (for example BENCH_DEEP_POCKETS=true).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

n='' pairs=2 revs=() which=pipeline
while (($#)); do
  case $1 in
    --bench) which=$2; shift 2 ;;
    --transactions) n=$2; shift 2 ;;
    --pairs) pairs=$2; shift 2 ;;
    -*) echo "bench/ab.sh: unknown argument $1" >&2; exit 2 ;;
    *) revs+=("$1"); shift ;;
  esac
done
((${#revs[@]} == 2)) || { echo "usage: bench/ab.sh [--bench pipeline|close] [--transactions N] [--pairs K] REV_A REV_B" >&2; exit 2; }
[[ $which == pipeline || $which == close ]] || { echo "bench/ab.sh: --bench is pipeline or close" >&2; exit 2; }
[[ -n $n ]] || n=$([[ $which == close ]] && echo 1000000 || echo 100000)
[[ $n =~ ^[1-9][0-9]*$ && $pairs =~ ^[1-9][0-9]*$ ]] || { echo "bench/ab.sh: N and K must be positive whole numbers" >&2; exit 2; }

work=$(mktemp -d)
cleanup() {
  for side in a b; do [[ ! -d $work/$side-src ]] || git worktree remove --force "$work/$side-src" >/dev/null 2>&1 || true; done
  [[ -z ${DELTRAN_TEST_SERVERS_DIR_OWNED:-} ]] || ./build.sh servers-stop "$DELTRAN_TEST_SERVERS_DIR_OWNED" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

shas=()
for i in 0 1; do
  side=$([[ $i == 0 ]] && echo a || echo b)
  sha=$(git rev-parse --verify --short "${revs[$i]}^{commit}") || { echo "bench/ab.sh: no revision ${revs[$i]}" >&2; exit 2; }
  shas+=("$sha")
  echo "bench/ab.sh: building $side = ${revs[$i]} ($sha)" >&2
  git worktree add --detach "$work/$side-src" "$sha" >/dev/null 2>&1
  if [[ $which == close ]]; then
    # The close runs in the revision's own DelTran.Bench, with that revision's Host classes.
    dotnet build "$work/$side-src/bench/DelTran.Bench" -c Release -v quiet -nologo >&2
    continue
  fi
  dotnet publish "$work/$side-src/src/DelTran.Host" -c Release -o "$work/$side" -v quiet -nologo >&2
  # The mock bank `deltran process` runs beside itself (a revision before issue 16 carries it inside and ignores this).
  dotnet publish "$work/$side-src/src/DelTran.MockBank" -c Release -o "$work/$side" -v quiet -nologo >&2
done

# One set of servers for every run (bench/pipeline.sh would otherwise start and stop its own each time).
if [[ -z ${DELTRAN_TEST_POSTGRES:-} ]]; then
  eval "$(./build.sh servers)"
  DELTRAN_TEST_SERVERS_DIR_OWNED=$DELTRAN_TEST_SERVERS_DIR
fi

for ((p = 1; p <= pairs; p++)); do
  for side in a b; do
    echo "bench/ab.sh: pair $p, $side" >&2
    if [[ $which == close ]]; then
      BENCH_CLOSE_BENCH="$work/$side-src/bench/DelTran.Bench/bin/Release/net10.0/DelTran.Bench" bench/close.sh "$n" >"$work/$side-$p.out" 2>&1 ||
        { tail -n 30 "$work/$side-$p.out" >&2; exit 1; }
      jq -r '"\(.close_total_s) \(.close_total_cpu_s) \(.peak_mb)"' "bench/work/close-$n.json" >>"$work/$side.results"
      continue
    fi
    BENCH_DELTRAN="$work/$side/deltran" BENCH_RESULTS="$work/$side.results" bench/pipeline.sh "$n" >"$work/$side-$p.out" 2>&1 ||
      { tail -n 30 "$work/$side-$p.out" >&2; exit 1; }
  done
done
git checkout --quiet -- bench/results/latest.json 2>/dev/null || true

source bench/median.sh
if [[ $which == close ]]; then
  # Result lines: close_total_s close_total_cpu_s peak_mb.
  printf '\n%-4s %-10s | %-30s | %-8s | %s\n' "" "revision" "whole close s, run by run" "median" "CPU s / peak MB, medians"
  for i in 0 1; do
    side=$([[ $i == 0 ]] && echo a || echo b)
    printf '%-4s %-10s | %-30s | %8.1f | %.1f / %.0f\n' "$side" "${shas[$i]}" "$(cut -d' ' -f1 "$work/$side.results" | paste -sd' ')" \
      "$(cut -d' ' -f1 "$work/$side.results" | median)" "$(cut -d' ' -f2 "$work/$side.results" | median)" "$(cut -d' ' -f3 "$work/$side.results" | median)"
  done
  echo "$n obligations, $pairs alternating pairs; compare the medians with the spread of the runs."
  exit 0
fi

# BENCH_RESULTS lines: n pipeline_s process_s peak_kb cpu_s pg_cpu_s.
printf '\n%-4s %-10s | %-30s | %-8s | %s\n' "" "revision" "pipeline tx/s, run by run" "median" "CPU s deltran / pg, medians"
for i in 0 1; do
  side=$([[ $i == 0 ]] && echo a || echo b)
  runs=$(awk -v n="$n" '{ printf "%s%.0f", (NR > 1 ? " " : ""), n / $2 }' "$work/$side.results")
  rate=$(awk -v n="$n" '{ print n / $2 }' "$work/$side.results" | median)
  cpu=$(cut -d' ' -f5 "$work/$side.results" | median)
  pg=$(cut -d' ' -f6 "$work/$side.results" | median)
  printf '%-4s %-10s | %-30s | %8.0f | %.1f / %.1f\n' "$side" "${shas[$i]}" "$runs" "$rate" "$cpu" "$pg"
done
echo "$n transactions, $pairs alternating pairs; differences within about 10% are within the spread of single runs."
