#!/usr/bin/env bash
# The end-to-end pipeline benchmark of issue 3: a generated pacs.008 of N transactions through
# `deltran process` on PostgreSQL and RabbitMQ (ingest, validation, compliance, risk, liquidity,
# obligations, pacs.002), beside the raw binary-COPY rate of the same transaction rows into a table
# of the same shape and indexes. Memory is compared across sizes (default 100k and 300k).
# Two timings: the whole `deltran process` run (host start, pipeline, report copy, clearing cycle), and the
# pipeline proper from the database's records (file received -> pacs.002 stored), with the peak RSS up to then.
#   bench/pipeline.sh [N ...]
# BENCH_WITHOUT_CHECKS=true runs the stages without their checks (DelTran.Bench deltran-without-checks), BENCH_LISTS=DIR
# screens against the lists in DIR, BENCH_CONFIG=FILE adds a configuration file, BENCH_DEEP_POCKETS=true gives every participant
# funds and caps no file exhausts (see below), and BENCH_RESULTS=FILE appends "n pipeline_s process_s peak_kb cpu_s pg_cpu_s" per size: see
# bench/stages.sh, which compares the two.
# Uses the test servers of ./build.sh (started here unless DELTRAN_TEST_POSTGRES is already set).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

sizes=("$@")
((${#sizes[@]} > 0)) || sizes=(100000 300000)
# BENCH_RUNS=R runs each size R times in a row and adds the medians: single runs on the 2 shared cores vary by about 10%.
runs=${BENCH_RUNS:-1}
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "bench: BENCH_RUNS must be a positive whole number" >&2; exit 2; }
smallest=${sizes[0]} largest=${sizes[-1]}
repeated=()
for n in "${sizes[@]}"; do for ((r = 0; r < runs; r++)); do repeated+=("$n"); done; done
sizes=("${repeated[@]}")

# What to undo when the bench ends, last first.
at_exit=()
run_at_exit() { for ((i = ${#at_exit[@]} - 1; i >= 0; i--)); do eval "${at_exit[$i]}"; done; }
trap run_at_exit EXIT
if [[ -z ${DELTRAN_TEST_POSTGRES:-} ]]; then
  eval "$(./build.sh servers)"
  at_exit+=('./build.sh servers-stop "$DELTRAN_TEST_SERVERS_DIR" >/dev/null 2>&1 || true')
fi
[[ -x /usr/bin/time ]] || { echo "bench: GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 2; }

pg_port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$DELTRAN_TEST_POSTGRES")
psql_admin() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
# CPU seconds of a server so far: its own and its reaped children's (PostgreSQL's backends are the postmaster's children).
server_cpu() {
  local pid
  pid=$(head -n1 "$1" 2>/dev/null) || { echo 0; return; }
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print ($12 + $13 + $14 + $15) / hz }' "/proc/$pid/stat" 2>/dev/null || echo 0
}
# BENCH_DURABLE=true runs PostgreSQL as an installation that keeps its data would: fsync, synchronous commits and
# full-page writes on. The test cluster of ./build.sh has all three off (test-only), so the default figures are the
# code's cost, not a durable installation's. The cluster's own settings are put back when the bench ends.
durable=${BENCH_DURABLE:-false}
if [[ $durable == true ]]; then
  psql_admin -d postgres -c "ALTER SYSTEM SET fsync = on" -c "ALTER SYSTEM SET synchronous_commit = on" \
    -c "ALTER SYSTEM SET full_page_writes = on" -c "SELECT pg_reload_conf()" >/dev/null
  at_exit+=('psql_admin -d postgres -c "ALTER SYSTEM RESET fsync" -c "ALTER SYSTEM RESET synchronous_commit" -c "ALTER SYSTEM RESET full_page_writes" -c "SELECT pg_reload_conf()" >/dev/null 2>&1 || true')
fi
pg_pidfile=${DELTRAN_TEST_SERVERS_DIR:-}/pg/postmaster.pid
rmq_pidfile=${DELTRAN_TEST_SERVERS_DIR:-}/rabbitmq/node.pid
# BENCH_WRAP="CMD ARGS --" runs deltran under a profiler, e.g. "perf record -F 499 -g -o FILE --" (with
# DOTNET_PerfMapEnabled=1 for the JIT's symbols) or "dotnet-trace collect -o FILE --"; a profiled run's timings are not
# figures.
# BENCH_PG_STATEMENTS=1 prints the statements that took the most database time (needs pg_stat_statements preloaded).
pg_statements=${BENCH_PG_STATEMENTS:-0}
# BENCH_SLOW_PLANS_MS=M logs the plan of every statement of the run that took M ms or more (auto_explain, loaded for the
# bench database's sessions only, no restart) and prints each slow statement's first line with its count; the plans
# are kept in bench/work. This is how the plans made on stale statistics of docs/adr/0004's sixth round were found.
slow_plans_ms=${BENCH_SLOW_PLANS_MS:-}
[[ -z $slow_plans_ms || $slow_plans_ms =~ ^[1-9][0-9]*$ ]] || { echo "bench: BENCH_SLOW_PLANS_MS must be a positive whole number of milliseconds" >&2; exit 2; }
pg_log=${DELTRAN_TEST_SERVERS_DIR:-}/pg-run/server.log
[[ -z $slow_plans_ms || -f $pg_log ]] || { echo "bench: BENCH_SLOW_PLANS_MS reads the server log of ./build.sh servers, and $pg_log is not there" >&2; exit 2; }
# BENCH_LIVE_SET=true forces a full collection every second in deltran, so its memory report gives the exact live set
# (what is held, apart from garbage not collected yet); such a run's timings are not figures.
live_set=${BENCH_LIVE_SET:-false}
# deltran runs as the service image runs it: blocking full collections (DOTNET_gcConcurrent=0, see the Dockerfile and
# docs/adr/0004). BENCH_GC_CONCURRENT=1 measures the CLI's default, background collection, instead.
gc_concurrent=${BENCH_GC_CONCURRENT:-0}
# And with no tiering delay (DOTNET_TC_CallCountingDelayMs=0, as the image runs): the runtime otherwise waits until no
# method has been compiled for the first time in 100 ms before it optimises hot ones, which a busy ingest keeps putting
# off. BENCH_TIERING_DELAY_MS=100 measures the runtime default.
tiering_delay_ms=${BENCH_TIERING_DELAY_MS:-0}
[[ $tiering_delay_ms =~ ^[0-9]+$ ]] || { echo "bench: BENCH_TIERING_DELAY_MS must be a whole number of milliseconds" >&2; exit 2; }
# BENCH_STALE_STATISTICS=true analyses `transactions` from another session while the ingest's rows are still uncommitted,
# as autovacuum may do on a table whose earlier content was small: the planner is then told the table is empty, however
# many pages it has. This is the case of docs/adr/0004's seventh round; the run prints what the planner is told.
stale_statistics=${BENCH_STALE_STATISTICS:-false}

echo "bench: building Release" >&2
dotnet build -c Release src/DelTran.Host -v quiet -nologo >&2
# `deltran process` settles through the deltran-mockbank executable beside it (as ./build.sh demo puts it there).
dotnet publish -c Release src/DelTran.MockBank -o src/DelTran.Host/bin/Release/net10.0 -v quiet -nologo >&2
dotnet build -c Release bench/DelTran.Bench -v quiet -nologo >&2
# BENCH_DELTRAN=PATH runs another build of deltran (bench/ab.sh uses it to compare two revisions side by side), with
# deltran-mockbank beside it.
deltran=${BENCH_DELTRAN:-src/DelTran.Host/bin/Release/net10.0/deltran}
# Without checks, deltran's command line runs inside the benchmark's own composition: the product has no such switch.
run_deltran=("$deltran")
if [[ ${BENCH_WITHOUT_CHECKS:-false} == true ]]; then
  run_deltran=(dotnet bench/DelTran.Bench/bin/Release/net10.0/DelTran.Bench.dll deltran-without-checks)
fi
[[ -x $deltran ]] || { echo "bench: no deltran executable at $deltran" >&2; exit 2; }
work=bench/work
mkdir -p "$work"

# BENCH_DEEP_POCKETS=true gives every participant funds and caps no file can exhaust (bench/deep-pockets.sh), so every
# transaction that passes compliance goes through liquidity, in every run alike. With the demo limits risk refuses most
# of a large file, and how much depends on the order and timing of the batches.
if [[ ${BENCH_DEEP_POCKETS:-false} == true ]]; then
  [[ -z ${BENCH_CONFIG:-} ]] || { echo "bench: BENCH_DEEP_POCKETS and BENCH_CONFIG cannot be combined" >&2; exit 2; }
  BENCH_CONFIG="$work/deep-pockets.json"
  bench/deep-pockets.sh >"$BENCH_CONFIG"
fi

# Screen against these lists as well as the demo list (the stage-overhead bench loads every list of ../shared).
if [[ -n ${BENCH_LISTS:-} ]]; then export DelTran__Compliance__Lists__0="$BENCH_LISTS"; fi

rows=()
memory=()
for n in "${sizes[@]}"; do
  file="$work/pipeline-${n}tx.xml"
  [[ -f $file ]] || dotnet bench/DelTran.Bench/bin/Release/net10.0/DelTran.Bench.dll generate --transactions "$n" --out "$file" >&2
  db="bench_pipeline_$n"
  psql_admin -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
  out=$(mktemp -d)
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  echo "bench: $n transactions end to end (load average $load_before; DOTNET_gcConcurrent=$gc_concurrent, DOTNET_TC_CallCountingDelayMs=$tiering_delay_ms; PostgreSQL $(psql_admin -d postgres -F ' ' -c "SELECT 'fsync=' || current_setting('fsync'), 'synchronous_commit=' || current_setting('synchronous_commit'), 'full_page_writes=' || current_setting('full_page_writes')"))" >&2
  if [[ $pg_statements == 1 ]]; then psql_admin -d "$db" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" -c "SELECT pg_stat_statements_reset()" >/dev/null; fi
  if [[ -n $slow_plans_ms ]]; then
    # LOAD first: the server accepts the module's settings only once it knows them.
    psql_admin -d postgres -c "LOAD 'auto_explain'" -c "ALTER DATABASE $db SET session_preload_libraries = 'auto_explain'" \
      -c "ALTER DATABASE $db SET auto_explain.log_min_duration = '${slow_plans_ms}ms'"
    log_from=$(stat -c %s "$pg_log")
  fi
  pg_cpu0=$(server_cpu "$pg_pidfile"); rmq_cpu0=$(server_cpu "$rmq_pidfile")
  ConnectionStrings__deltran="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$db" \
  ConnectionStrings__rabbitmq="$DELTRAN_TEST_RABBITMQ" \
  DelTran__Bus__EndpointPrefix="bench-$n-$$" \
  DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Production}" \
  DelTran__Diagnostics__MemoryReport="$out/memory.json" \
  DOTNET_gcConcurrent="$gc_concurrent" \
  DOTNET_TC_CallCountingDelayMs="$tiering_delay_ms" \
  DelTran__Diagnostics__MemoryReportLiveSet="$live_set" \
    /usr/bin/time -f "%e %M %U %S" -o "$out/time" ${BENCH_WRAP:-} "${run_deltran[@]}" process --in "$file" --out "$out/reports" --data "$out/data" ${BENCH_CONFIG:+--config "$BENCH_CONFIG"} >"$out/stdout" 2>&1 &
  time_pid=$!
  if [[ $stale_statistics == true ]]; then
    # Once the load has written some pages (and before it commits), as autovacuum would.
    (until [[ $(psql_admin -d "$db" -c "SELECT coalesce(pg_relation_size(to_regclass('transactions')), 0) > 8 * 1024 * 1024" 2>/dev/null) == t ]]; do sleep 0.05; done
      psql_admin -d "$db" -c "ANALYZE transactions"
      echo "bench: $n transactions, analysed during the ingest: the planner is told $(psql_admin -d "$db" -F ' ' -c "SELECT reltuples::bigint || ' rows in ' || relpages || ' pages' FROM pg_class WHERE relname = 'transactions'")" >&2) &
    stale_pid=$!
  fi
  # The process's peak resident set so far (VmHWM), sampled with the wall clock: it gives the peak up to the moment
  # the pacs.002 was stored, apart from what `process` does afterwards (copying reports out, the clearing cycle).
  while kill -0 "$time_pid" 2>/dev/null; do
    pid=$(pgrep -P "$time_pid" || true)
    [[ -n $pid ]] && awk -v t="$(date +%s.%N)" '/^VmHWM/ { print t, $2 }' "/proc/$pid/status" 2>/dev/null >>"$out/hwm" || true
    sleep 0.25
  done
  wait "$time_pid" || { cat "$out/stdout" >&2; exit 1; }
  [[ $stale_statistics != true ]] || wait "$stale_pid"
  read -r seconds peak_kb user_s sys_s <"$out/time"
  sleep 1 # the postmaster reaps the run's backends
  cpu_s=$(awk -v u="$user_s" -v s="$sys_s" 'BEGIN { printf "%.1f", u + s }')
  pg_cpu=$(awk -v a="$pg_cpu0" -v b="$(server_cpu "$pg_pidfile")" 'BEGIN { printf "%.1f", b - a }')
  rmq_cpu=$(awk -v a="$rmq_cpu0" -v b="$(server_cpu "$rmq_pidfile")" 'BEGIN { printf "%.1f", b - a }')
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
  if [[ $pg_statements == 1 ]]; then
    echo "bench: $n transactions, statements by total database time:" >&2
    psql -h 127.0.0.1 -p "$pg_port" -U postgres -d "$db" -P pager=off -c "SELECT calls, round(total_exec_time)::bigint AS ms, round((total_exec_time / calls)::numeric, 2) AS ms_per_call, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 150) AS query FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY total_exec_time DESC LIMIT 25" >&2
  fi

  # The pipeline proper, from the database's own records: the file's arrival (ingest starts) to its pacs.002 stored
  # (the StatusReportReady command is written in that transaction, once every transaction is decided and every
  # obligation persisted).
  read -r t_in t_out < <(psql_admin -d "$db" -F ' ' -c "SELECT extract(epoch FROM f.received_at), extract(epoch FROM o.created_at) FROM inbound_files f, outbox o WHERE o.message_type = 'StatusReportReady'")
  pipeline_s=$(awk -v a="$t_in" -v b="$t_out" 'BEGIN { printf "%.2f", b - a }')
  pipeline_kb=$(awk -v end="$t_out" '$1 <= end + 0.25 && $2 > m { m = $2 } END { print m + 0 }' "$out/hwm")
  decided=$(psql_admin -d "$db" -c "SELECT count(*) FROM transactions WHERE state IN ('ACCEPTED','REJECTED','HELD')")
  [[ $decided == "$n" ]] || { echo "bench: only $decided of $n transactions decided" >&2; exit 1; }
  # Per-stage timings from the events: when each stage's first and last transaction moved, after the file arrived.
  echo "bench: $n transactions, outcome: $(psql_admin -d "$db" -F ' ' -c "SELECT state, count(*) FROM transactions GROUP BY state ORDER BY state" | paste -sd ' ')" >&2
  # The phases, from the same records: the raw file stored (ingest starts its message), validated and loaded (the stage
  # commands are written), the last stage move, the pacs.002 stored.
  echo "bench: $n transactions, phases (s): $(psql_admin -d "$db" -F ' ' -c "WITH f AS (SELECT received_at AS r FROM inbound_files), m AS (SELECT received_at AS s FROM messages),
      o AS (SELECT min(created_at) FILTER (WHERE message_type = 'ScreenTransactions') AS loaded, max(created_at) FILTER (WHERE message_type = 'StatusReportReady') AS done FROM outbox),
      e AS (SELECT max(at) AS moved FROM transaction_events)
    SELECT 'store', round(extract(epoch FROM s - r)::numeric, 2), 'ingest', round(extract(epoch FROM loaded - s)::numeric, 2), 'stages', round(extract(epoch FROM moved - loaded)::numeric, 2),
      'pacs.002', round(extract(epoch FROM done - moved)::numeric, 2) FROM f, m, o, e")" >&2
  echo "bench: $n transactions, stage spans (stage, events, first s, last s after the file arrived):" >&2
  psql_admin -d "$db" -F ' ' -c "SELECT e.stage, count(*), round(extract(epoch FROM min(e.at) - f.received_at)::numeric, 1), round(extract(epoch FROM max(e.at) - f.received_at)::numeric, 1) FROM transaction_events e CROSS JOIN inbound_files f GROUP BY e.stage, f.received_at ORDER BY 3, 4" >&2
  if [[ -n $slow_plans_ms ]]; then
    tail -c +$((log_from + 1)) "$pg_log" >"$work/pipeline-${n}tx-slow-plans.log"
    echo "bench: $n transactions, statements of ${slow_plans_ms} ms or more (count, first line; plans in $work/pipeline-${n}tx-slow-plans.log):" >&2
    awk '/Query Text:/ { sub(/^.*Query Text: /, ""); print substr($0, 1, 140) }' "$work/pipeline-${n}tx-slow-plans.log" | sort | uniq -c | sort -rn >&2
  fi
  reports=$(find "$out/reports" -name '*.pacs002.xml' | wc -l)
  [[ $reports == 1 ]] || { echo "bench: expected one pacs.002, found $reports" >&2; exit 1; }

  # The same rows, raw: binary COPY into a table with the same columns and indexes.
  # Client-side \copy streams over the wire as DelTran's loader does, so the two rates compare like with like.
  psql_admin -d "$db" -c "\copy transactions TO '$out/tx.bin' WITH (FORMAT binary)" \
    -c "CREATE TABLE copy_probe (LIKE transactions INCLUDING ALL)"
  copy_ms=$(psql -h 127.0.0.1 -p "$pg_port" -U postgres -d "$db" -qAt -c '\timing on' -c "\copy copy_probe FROM '$out/tx.bin' WITH (FORMAT binary)" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p')
  rows+=("$n $(du -mL "$file" | cut -f1) $seconds $peak_kb $copy_ms $pipeline_s $pipeline_kb $cpu_s $pg_cpu $rmq_cpu ${load_before// /,} ${load_after// /,}")
  # deltran's own view of its memory up to the last pacs.002: managed heap, live set, allocation.
  cp "$out/memory.csv" "$work/pipeline-${n}tx-memory.csv"
  memory+=("$(jq -r '[.peakHeapBytes, .peakCommittedBytes, .peakLiveBytes, .liveSetForced, .liveSetSamples, .allocatedBytes, .gen0Collections, .gen1Collections, .gen2Collections] | map(tostring) | join(" ")' "$out/memory.json")")
  [[ -z ${BENCH_RESULTS:-} ]] || echo "$n $pipeline_s $seconds $peak_kb $cpu_s $pg_cpu" >>"$BENCH_RESULTS"
  psql_admin -d postgres -c "DROP DATABASE $db WITH (FORCE)"
  rm -rf "$out"
done

printf '\n%-8s %6s | %-26s | %-33s | %-22s | %14s   %s\n' "" "" "deltran process (all of it)" "pipeline: file in -> pacs.002" "CPU s, whole run" "" ""
printf '%-8s %6s | %9s %6s %9s | %9s %8s %14s | %7s %6s %7s | %14s   %s\n' "txs" "MB" "seconds" "tx/s" "peak MB" "seconds" "tx/s" "peak MB so far" "deltran" "pg" "rabbit" "raw COPY tx/s" "target >= 10,000 tx/s"
for i in "${!rows[@]}"; do
  read -r n mb seconds peak_kb copy_ms pipeline_s pipeline_kb cpu_s pg_cpu rmq_cpu load_before load_after <<<"${rows[$i]}"
  awk -v n="$n" -v mb="$mb" -v s="$seconds" -v kb="$peak_kb" -v ms="$copy_ms" -v ps="$pipeline_s" -v pkb="$pipeline_kb" -v c="$cpu_s" -v pc="$pg_cpu" -v rc="$rmq_cpu" 'BEGIN {
    rate = n / ps; printf "%-8d %6d | %9.1f %6.0f %9.0f | %9.1f %8.0f %14.0f | %7.1f %6.1f %7.1f | %14.0f   %s\n", n, mb, s, n / s, kb / 1024, ps, rate, pkb / 1024, c, pc, rc, n / (ms / 1000), (rate >= 10000 ? "PASS" : "MISS") }'
  echo "         load average before ${load_before//,/ }, after ${load_after//,/ }"
  read -r heap committed live forced fulls allocated g0 g1 g2 <<<"${memory[$i]}"
  awk -v n="$n" -v h="$heap" -v c="$committed" -v l="$live" -v f="$forced" -v fc="$fulls" -v a="$allocated" -v g0="$g0" -v g1="$g1" -v g2="$g2" 'BEGIN {
    live = (f == "true") ? sprintf("%.0f MB (forced full collections, exact)", l / 1048576) : (fc > 0 ? sprintf("%.0f MB (at the collector'"'"'s own %d blocking full collections)", l / 1048576, fc) : "not measured (no blocking full collection ran; BENCH_LIVE_SET=true measures it)")
    printf "         managed heap peak %.0f MB (committed %.0f MB), live set peak %s, allocated %.0f MB = %.1f KB per tx, collections gen0/1/2 %d/%d/%d\n",
      h / 1048576, c / 1048576, live, a / 1048576, a / n / 1024, g0, g1, g2 }'
  # The reference run of the same size (bench/reference.json, "pipeline"), side by side.
  jq -r --arg n "$n" '.pipeline.measured_on_dev_machine as $m | ($m.runs[$n] // empty) |
    "reference | \(.process_s) s, peak \(.peak_mb) MB | pipeline \(.pipeline_s) s, \(.pipeline_tx_per_s) tx/s | CPU s deltran \(.cpu_s.deltran), pg \(.cpu_s.postgres) | \($m.code), load \(.load_before)"' bench/reference.json
done
source bench/median.sh
# The median of one field ($2, 1-based) over the lines ($3...) of size $1.
median_of() {
  local n=$1 field=$2
  shift 2
  printf '%s\n' "$@" | awk -v n="$n" -v f="$field" '$1 == n { print $f }' | median
}
# Memory lines with their size in front: n heap committed live forced samples allocated g0 g1 g2.
sized_memory=()
for i in "${!rows[@]}"; do sized_memory+=("${rows[$i]%% *} ${memory[$i]}"); done
if ((runs > 1)); then
  for n in $(printf '%s\n' "${sizes[@]}" | awk '!seen[$0]++'); do
    awk -v n="$n" -v r="$runs" -v ps="$(median_of "$n" 6 "${rows[@]}")" -v pkb="$(median_of "$n" 7 "${rows[@]}")" \
      -v c="$(median_of "$n" 8 "${rows[@]}")" -v pc="$(median_of "$n" 9 "${rows[@]}")" 'BEGIN {
      printf "median of %d runs, %d transactions: pipeline %.1f s, %.0f tx/s, peak %.0f MB so far, CPU s deltran %.1f, pg %.1f\n", r, n, ps, n / ps, pkb / 1024, c, pc }'
  done
fi
# Flat memory: what one more transaction costs between the smallest and the largest size (medians when repeated).
if [[ $smallest != "$largest" ]]; then
  read -r _ _ _ _ f1 s1 _ <<<"${sized_memory[0]}"; read -r _ _ _ _ f2 s2 _ <<<"${sized_memory[-1]}"
  awk -v n1="$smallest" -v n2="$largest" -v p1="$(median_of "$smallest" 7 "${rows[@]}")" -v p2="$(median_of "$largest" 7 "${rows[@]}")" \
    -v l1="$(median_of "$smallest" 4 "${sized_memory[@]}")" -v l2="$(median_of "$largest" 4 "${sized_memory[@]}")" \
    -v m1="$([[ $f1 == true || $s1 -gt 0 ]] && echo 1 || echo 0)" -v m2="$([[ $f2 == true || $s2 -gt 0 ]] && echo 1 || echo 0)" 'BEGIN {
    printf "memory from %d to %d transactions: peak resident %+.0f MB (%+.2f KB per extra tx), ", n1, n2, (p2 - p1) / 1024, (p2 - p1) / (n2 - n1)
    if (m1 && m2) printf "live set %+.0f MB (%+.2f KB per extra tx)\n", (l2 - l1) / 1048576, (l2 - l1) / 1024 / (n2 - n1)
    else print "live set not measured at both sizes" }'
fi
echo "'deltran process' also starts the host, copies the pacs.002 out and runs the clearing cycle (close, net, settle, window reports)."
echo "Reference: Mojaloop publishes about 650 transfers/s end to end on a cluster; a non-validating XmlReader parses this file at about 80k tx/s here."
