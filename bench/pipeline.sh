#!/usr/bin/env bash
# The end-to-end pipeline benchmark of issue 3: a generated pacs.008 of N transactions through
# `deltran process` on PostgreSQL and RabbitMQ (ingest, validation, compliance, risk, liquidity,
# obligations, pacs.002), beside the raw binary-COPY rate of the same transaction rows into a table
# of the same shape and indexes. Memory is compared across sizes (default 100k and 300k).
# Two timings: the whole `deltran process` run (host start, pipeline, report copy, clearing cycle), and the
# pipeline proper from the database's records (file received -> pacs.002 stored), with the peak RSS up to then.
#   bench/pipeline.sh [N ...]
# BENCH_WITHOUT_CHECKS=true runs the stages without their checks (DelTran:BenchmarkWithoutChecks), BENCH_LISTS=DIR
# screens against the lists in DIR, and BENCH_RESULTS=FILE appends "n pipeline_s process_s peak_kb" per size: see
# bench/stages.sh, which compares the two.
# Uses the test servers of ./build.sh (started here unless DELTRAN_TEST_POSTGRES is already set).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

sizes=("$@")
((${#sizes[@]} > 0)) || sizes=(100000 300000)

if [[ -z ${DELTRAN_TEST_POSTGRES:-} ]]; then
  eval "$(./build.sh servers)"
  trap './build.sh servers-stop "$DELTRAN_TEST_SERVERS_DIR" >/dev/null 2>&1 || true' EXIT
fi
[[ -x /usr/bin/time ]] || { echo "bench: GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 2; }

pg_port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$DELTRAN_TEST_POSTGRES")
psql_admin() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

echo "bench: building Release" >&2
dotnet build -c Release src/DelTran.Host -v quiet -nologo >&2
dotnet build -c Release bench/DelTran.Bench -v quiet -nologo >&2
deltran=src/DelTran.Host/bin/Release/net10.0/deltran
work=bench/work
mkdir -p "$work"

# Screen against these lists as well as the demo list (the stage-overhead bench loads every list of ../shared).
if [[ -n ${BENCH_LISTS:-} ]]; then export DelTran__Compliance__Lists__0="$BENCH_LISTS"; fi

rows=()
for n in "${sizes[@]}"; do
  file="$work/pipeline-${n}tx.xml"
  [[ -f $file ]] || dotnet bench/DelTran.Bench/bin/Release/net10.0/DelTran.Bench.dll generate --transactions "$n" --out "$file" >&2
  db="bench_pipeline_$n"
  psql_admin -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
  out=$(mktemp -d)
  echo "bench: $n transactions end to end (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  ConnectionStrings__deltran="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$db" \
  ConnectionStrings__rabbitmq="$DELTRAN_TEST_RABBITMQ" \
  DelTran__Bus__EndpointPrefix="bench-$n-$$" \
  DelTran__BenchmarkWithoutChecks="${BENCH_WITHOUT_CHECKS:-false}" \
    /usr/bin/time -f "%e %M" -o "$out/time" "$deltran" process --in "$file" --out "$out/reports" >"$out/stdout" 2>&1 &
  time_pid=$!
  # The process's peak resident set so far (VmHWM), sampled with the wall clock: it gives the peak up to the moment
  # the pacs.002 was stored, apart from what `process` does afterwards (copying reports out, the clearing cycle).
  while kill -0 "$time_pid" 2>/dev/null; do
    pid=$(pgrep -P "$time_pid" || true)
    [[ -n $pid ]] && awk -v t="$(date +%s.%N)" '/^VmHWM/ { print t, $2 }' "/proc/$pid/status" 2>/dev/null >>"$out/hwm" || true
    sleep 0.25
  done
  wait "$time_pid" || { cat "$out/stdout" >&2; exit 1; }
  read -r seconds peak_kb <"$out/time"

  # The pipeline proper, from the database's own records: the file's arrival (ingest starts) to its pacs.002 stored
  # (the StatusReportReady command is written in that transaction, once every transaction is decided and every
  # obligation persisted).
  read -r t_in t_out < <(psql_admin -d "$db" -F ' ' -c "SELECT extract(epoch FROM f.received_at), extract(epoch FROM o.created_at) FROM inbound_files f, outbox o WHERE o.message_type = 'StatusReportReady'")
  pipeline_s=$(awk -v a="$t_in" -v b="$t_out" 'BEGIN { printf "%.2f", b - a }')
  pipeline_kb=$(awk -v end="$t_out" '$1 <= end + 0.25 && $2 > m { m = $2 } END { print m + 0 }' "$out/hwm")
  decided=$(psql_admin -d "$db" -c "SELECT count(*) FROM transactions WHERE state IN ('ACCEPTED','REJECTED','HELD')")
  [[ $decided == "$n" ]] || { echo "bench: only $decided of $n transactions decided" >&2; exit 1; }
  reports=$(find "$out/reports" -name '*.pacs002.xml' | wc -l)
  [[ $reports == 1 ]] || { echo "bench: expected one pacs.002, found $reports" >&2; exit 1; }

  # The same rows, raw: binary COPY into a table with the same columns and indexes.
  # Client-side \copy streams over the wire as DelTran's loader does, so the two rates compare like with like.
  psql_admin -d "$db" -c "\copy transactions TO '$out/tx.bin' WITH (FORMAT binary)" \
    -c "CREATE TABLE copy_probe (LIKE transactions INCLUDING ALL)"
  copy_ms=$(psql -h 127.0.0.1 -p "$pg_port" -U postgres -d "$db" -qAt -c '\timing on' -c "\copy copy_probe FROM '$out/tx.bin' WITH (FORMAT binary)" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p')
  rows+=("$n $(du -m "$file" | cut -f1) $seconds $peak_kb $copy_ms $pipeline_s $pipeline_kb")
  [[ -z ${BENCH_RESULTS:-} ]] || echo "$n $pipeline_s $seconds $peak_kb" >>"$BENCH_RESULTS"
  psql_admin -d postgres -c "DROP DATABASE $db WITH (FORCE)"
  rm -rf "$out"
done

printf '\n%-8s %6s | %-26s | %-33s | %14s   %s\n' "" "" "deltran process (all of it)" "pipeline: file in -> pacs.002" "" ""
printf '%-8s %6s | %9s %6s %9s | %9s %8s %14s | %14s   %s\n' "txs" "MB" "seconds" "tx/s" "peak MB" "seconds" "tx/s" "peak MB so far" "raw COPY tx/s" "target >= 10,000 tx/s"
for row in "${rows[@]}"; do
  read -r n mb seconds peak_kb copy_ms pipeline_s pipeline_kb <<<"$row"
  awk -v n="$n" -v mb="$mb" -v s="$seconds" -v kb="$peak_kb" -v ms="$copy_ms" -v ps="$pipeline_s" -v pkb="$pipeline_kb" 'BEGIN {
    rate = n / ps; printf "%-8d %6d | %9.1f %6.0f %9.0f | %9.1f %8.0f %14.0f | %14.0f   %s\n", n, mb, s, n / s, kb / 1024, ps, rate, pkb / 1024, n / (ms / 1000), (rate >= 10000 ? "PASS" : "MISS") }'
done
echo "'deltran process' also starts the host, copies the pacs.002 out and runs the clearing cycle (close, net, settle, window reports)."
echo "Reference: Mojaloop publishes about 650 transfers/s end to end on a cluster; a non-validating XmlReader parses this file at about 80k tx/s here."
