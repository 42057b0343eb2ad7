#!/usr/bin/env bash
# The soak of issue 14 §7: `deltran serve` on PostgreSQL (durable: fsync, synchronous commits and full-page writes on)
# and RabbitMQ for MINUTES (default 10), participants sending files of mixed sizes without pause over HTTP and the
# watched folder, windows closing every minute and settling at the mock bank. Prints per minute tx/s, p50 and p99 from
# receipt to pacs.002, RSS and database size; then the slope of RSS over the second half against the run's noise, and
# the invariants (`deltran check --json --bank`, the bench's own strict reading, the _error queues).
#   bench/soak.sh [MINUTES] [--seed S] [--http BIC,...] [--folder BIC,...] [--max-transactions N]
# Uses the test servers of ./build.sh (started here, and stopped at the end, unless DELTRAN_TEST_POSTGRES is set).
# The database is created fresh and dropped afterwards; the cluster's own fsync settings are put back.
# Exit 0 when every invariant holds, 1 otherwise. The figures go to bench/work/soak.json (gitignored).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

minutes=10
if [[ $# -gt 0 && $1 != --* ]]; then minutes=$1; shift; fi
[[ $minutes =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "usage: bench/soak.sh [MINUTES] [--seed S] [--http BIC,...] [--folder BIC,...]" >&2; exit 2; }

# What to undo when the bench ends, last first.
at_exit=()
run_at_exit() { for ((i = ${#at_exit[@]} - 1; i >= 0; i--)); do eval "${at_exit[$i]}"; done; }
trap run_at_exit EXIT
if [[ -z ${DELTRAN_TEST_POSTGRES:-} ]]; then
  eval "$(./build.sh servers)"
  at_exit+=('./build.sh servers-stop "$DELTRAN_TEST_SERVERS_DIR" >/dev/null 2>&1 || true')
fi
pg_port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$DELTRAN_TEST_POSTGRES")
psql_admin() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

# Durable, as an installation that keeps its data: the test cluster of ./build.sh runs with all three off (test-only).
# fsync and full_page_writes take a reload; synchronous_commit is also set on the database, so every session of the
# service has it whatever the cluster says.
psql_admin -d postgres -c "ALTER SYSTEM SET fsync = on" -c "ALTER SYSTEM SET synchronous_commit = on" \
  -c "ALTER SYSTEM SET full_page_writes = on" -c "SELECT pg_reload_conf()" >/dev/null
at_exit+=('psql_admin -d postgres -c "ALTER SYSTEM RESET fsync" -c "ALTER SYSTEM RESET synchronous_commit" -c "ALTER SYSTEM RESET full_page_writes" -c "SELECT pg_reload_conf()" >/dev/null 2>&1 || true')
db="bench_soak_$$"
psql_admin -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" -c "ALTER DATABASE $db SET synchronous_commit = on"
at_exit+=('psql_admin -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true')
echo "bench: PostgreSQL for the soak: $(psql_admin -d "$db" -F ' ' -c "SELECT 'fsync=' || current_setting('fsync'), 'synchronous_commit=' || current_setting('synchronous_commit'), 'full_page_writes=' || current_setting('full_page_writes')")" >&2

echo "bench: building Release" >&2
dotnet build -c Release src/DelTran.Host -v quiet -nologo >&2
dotnet build -c Release bench/DelTran.Bench -v quiet -nologo >&2
work=bench/work
mkdir -p "$work"
rm -rf "$work/soak"
# Funds and caps no run exhausts, as the pipeline benchmark's deep pockets: risk and liquidity still check every
# transaction, but refuse none for a cap that a long run would otherwise reach between two closes.
bench/deep-pockets.sh >"$work/deep-pockets.json"

echo "bench: load average before: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores)" >&2
status=0
dotnet bench/DelTran.Bench/bin/Release/net10.0/DelTran.Bench.dll soak --minutes "$minutes" "$@" \
  --deltran src/DelTran.Host/bin/Release/net10.0/deltran \
  --connection "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$db;Pooling=true" \
  --rabbitmq "$DELTRAN_TEST_RABBITMQ" --rabbitmqctl "$DELTRAN_TEST_RABBITMQ_CTL" \
  --config "$work/deep-pockets.json" --work "$work/soak" --result "$work/soak.json" || status=$?
echo "bench: load average after: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores); serve's log: $work/soak/serve.log" >&2
exit "$status"
