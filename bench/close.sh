#!/usr/bin/env bash
# The window-close benchmark of issue 4: N obligations (default 1,000,000) among 50 participants in INR, AED
# and USD on PostgreSQL, closed, netted, settled (in-process mock bank) and reported by the Host's own classes.
# Prints each phase's time beside its target and the reference run of bench/reference.json ("close").
#   bench/close.sh [N] [--participants P] [--seed S]
# Uses the test servers of ./build.sh (started here unless DELTRAN_TEST_POSTGRES is already set); the
# database is created fresh and dropped afterwards. Exit 0 when the run is correct (targets missed or not),
# 1 when a check failed; BENCH_STRICT=1 also exits 3 when a target is missed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

n=1000000
if [[ $# -gt 0 && $1 != --* ]]; then n=$1; shift; fi
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/close.sh [N] [--participants P] [--seed S]" >&2; exit 2; }

[[ -x /usr/bin/time ]] || { echo "bench: GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 2; }
command -v jq >/dev/null 2>&1 || { echo "bench: jq is needed: apt-get install jq" >&2; exit 2; }

out=$(mktemp -d)
db="bench_close_${n}_$$"
cleanup() {
  if [[ -n ${pg_port:-} ]]; then
    psql -h 127.0.0.1 -p "$pg_port" -U postgres -qAt -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$out"
  if [[ -n ${started_servers:-} ]]; then ./build.sh servers-stop "$DELTRAN_TEST_SERVERS_DIR" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

if [[ -z ${DELTRAN_TEST_POSTGRES:-} ]]; then
  eval "$(./build.sh servers)"
  started_servers=1
fi
pg_port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$DELTRAN_TEST_POSTGRES")
psql_admin() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

# BENCH_CLOSE_BENCH: a DelTran.Bench built elsewhere (bench/ab.sh builds one per revision); else this tree's, built here.
bench=${BENCH_CLOSE_BENCH:-}
if [[ -z $bench ]]; then
  echo "bench: building Release" >&2
  dotnet build -c Release bench/DelTran.Bench -v quiet -nologo >&2
  bench=bench/DelTran.Bench/bin/Release/net10.0/DelTran.Bench
fi

psql_admin -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" 2>/dev/null
echo "bench: closing a window of $n obligations (load before: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
# DOTNET_gcConcurrent=1: the Host's GC mode (workstation, background), so the peak is what `deltran` would need.
status=0
DOTNET_gcConcurrent=1 /usr/bin/time -f "%e %M" -o "$out/time" "$bench" close-bench --obligations "$n" "$@" \
  --connection "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$db;Pooling=true" \
  --reports "$out/reports" --result "$out/result.json" >&2 || status=$?
load=$(cut -d' ' -f1-3 /proc/loadavg)
[[ -f $out/result.json ]] || { echo "bench: FAILED: close-bench exited $status without figures" >&2; exit 1; }
read -r _ peak_kb < <(tail -n 1 "$out/time")

mkdir -p bench/work
result=bench/work/close-$n.json
jq --argjson kb "$peak_kb" --arg load "$load" --arg date "$(date -u +%F)" \
  '. + {peak_mb: (($kb * 1024 / 1e6) * 10 | round / 10), load_average: $load, date: $date}' "$out/result.json" >"$result"

# The table: each phase per currency (wall seconds) and in total (wall and this process's CPU seconds), its target,
# and the reference run of the same size. CPU time moves much less than wall time with the machine's load.
jq -r --slurpfile ref bench/reference.json --arg n "$n" '
  ($ref[0].close // {}) as $c
  | ($c.targets // {}) as $t
  | ($c.measured_on_dev_machine.runs[$n] // null) as $r
  | def num(x): if x == null then "-" else (x * 100 | round / 100 | tostring) end;
    def verdict(v; limit): if limit == null then "" elif v <= limit then "PASS" else "MISS" end;
    def row(name; inr; aed; usd; v; cpu; limit; refv; refcpu):
      [name, num(inr), num(aed), num(usd), num(v), num(cpu), (if limit == null then "" else "<= " + (limit | tostring) end), verdict(v; limit), num(refv), num(refcpu)];
  (["phase", "INR s", "AED s", "USD s", "total s", "cpu s", "target", "", "reference s", "ref cpu s"]),
  row("netting computation (NettingCalculator, in memory)"; null; null; null; .netting_computation_s; .netting_computation_cpu_s; $t.netting_computation_s; $r.netting_computation_s; $r.netting_computation_cpu_s),
  (.phases | to_entries[] | . as $p
    | row($p.key + " (" + ({close: "WindowCloser.CloseAsync", netting: "WindowNetter.NetAsync", settlement: "SettlementRunner.SettleAsync", reports: "WindowReporter.WriteAsync"}[$p.key]) + ")";
          $p.value.INR; $p.value.AED; $p.value.USD; $p.value.total; $p.value.cpu_total; null; $r.phases[$p.key].total; $r.phases[$p.key].cpu_total)),
  row("whole close (the four phases, 3 windows)"; null; null; null; .close_total_s; .close_total_cpu_s; $t.close_total_s; $r.close_total_s; $r.close_total_cpu_s),
  row("peak memory MB (GNU time %M, whole process)"; null; null; null; .peak_mb; null; $t.peak_mb; $r.peak_mb; null)
  | @tsv' "$result" | column -t -s $'\t' >&2

jq -r --slurpfile ref bench/reference.json '
  "\(.obligations) obligations, \(.participants) participants, \(.messages) messages; \(.pacs002_files) pacs.002 ACSC, \(.camt053_files) camt.053, 3 audit packs; checks: \(.checks)",
  "load average after the run: \(.load_average) (2 cores); reference: \($ref[0].close.measured_on_dev_machine.note // "none recorded")"' "$result" >&2
echo "bench: figures in $result" >&2

if [[ $status -ne 0 ]]; then
  echo "bench: FAILED (close-bench exited $status)" >&2
  exit 1
fi
if [[ ${BENCH_STRICT:-} == 1 ]] && jq -e --slurpfile ref bench/reference.json '
    ($ref[0].close.targets) as $t
    | .netting_computation_s > $t.netting_computation_s or .close_total_s > $t.close_total_s or .peak_mb > $t.peak_mb' "$result" >/dev/null; then
  exit 3
fi
