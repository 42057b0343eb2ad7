#!/usr/bin/env bash
# Issue 5's stage-overhead benchmark: the same pipeline run (bench/pipeline.sh) with the compliance, risk and
# liquidity checks on and then off (DelTran.Bench deltran-without-checks, composed in the benchmark: the stages still move every transaction and keep
# positions, windows and obligations, but decide nothing). Runs alternate on/off so background load falls on both.
# With checks on, every list in ../shared/sanctions is loaded, as a production screening would.
#   bench/stages.sh [--transactions N] [--pairs K] [--lists DIR]
# Target: the checks cost at most 20% of the throughput without them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

n=100000 pairs=2 lists=../shared/sanctions
while (($#)); do
  case $1 in
    --transactions) n=$2; shift 2 ;;
    --pairs) pairs=$2; shift 2 ;;
    --lists) lists=$2; shift 2 ;;
    *) echo "bench/stages.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ -d $lists ]] || { echo "bench/stages.sh: no list folder $lists" >&2; exit 2; }
lists=$(cd "$lists" && pwd)

if [[ -z ${DELTRAN_TEST_POSTGRES:-} ]]; then
  eval "$(./build.sh servers)"
  trap './build.sh servers-stop "$DELTRAN_TEST_SERVERS_DIR" >/dev/null 2>&1 || true' EXIT
fi

results=$(mktemp -d)
# Funds and caps no batch can exhaust, on both sides: with the demo participants' limits most of a 100k file is refused
# by risk (caps, then the breakers they trip), and the checked run would then do less work downstream, not more.
config="$results/deep-pockets.json"
bench/deep-pockets.sh >"$config"
for ((i = 1; i <= pairs; i++)); do
  BENCH_RESULTS="$results/on" BENCH_LISTS="$lists" BENCH_CONFIG="$config" bench/pipeline.sh "$n" >&2
  BENCH_RESULTS="$results/off" BENCH_WITHOUT_CHECKS=true BENCH_CONFIG="$config" bench/pipeline.sh "$n" >&2
done

source bench/median.sh
on=$(cut -d' ' -f2 "$results/on" | median)
off=$(cut -d' ' -f2 "$results/off" | median)
printf '\nstage overhead, %d transactions, %d runs each (pipeline: file in -> pacs.002 stored), load average %s\n' "$n" "$pairs" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %10s %10s %14s %14s   %s\n' "" "seconds" "tx/s" "deltran cpu s" "postgres cpu s" "runs (s)"
for side in on off; do
  label="checks off"
  [[ $side == off ]] || label="checks on (every list of $(basename "$lists"))"
  seconds=$(cut -d' ' -f2 "$results/$side" | median)
  printf '%-34s %10.1f %10.0f %14.1f %14.1f   %s\n' "$label" "$seconds" "$(awk -v n="$n" -v s="$seconds" 'BEGIN { print n / s }')" \
    "$(cut -d' ' -f5 "$results/$side" | median)" "$(cut -d' ' -f6 "$results/$side" | median)" "$(cut -d' ' -f2 "$results/$side" | tr '\n' ' ')"
done
awk -v on="$on" -v off="$off" 'BEGIN { loss = 1 - off / on; printf "throughput lost to the checks: %.1f%% (target <= 20%%): %s\n", loss * 100, (loss <= 0.20 ? "PASS" : "MISS") }'
jq -r '.stages.measured_on_dev_machine | "reference (\(.code), \(.pairs) pairs, load \(.load_average)): checks on \(.on_s) s, off \(.off_s) s (CPU s deltran \(.cpu_s.on.deltran) vs \(.cpu_s.off.deltran), pg \(.cpu_s.on.postgres) vs \(.cpu_s.off.postgres)): \(.loss_percent)% lost"' bench/reference.json
rm -rf "$results"
