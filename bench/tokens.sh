#!/usr/bin/env bash
# The token engine's throughput (issue 17, "Tests and figures"): token transfers per second through `deltran serve`'s
# HTTP API, single (POST /api/v1/tokens/transfers) and in linked batches (POST /api/v1/tokens/transfers/batch), with p50
# and p99 per request and the CPU seconds of deltran and PostgreSQL, beside a raw reference in the same run: one INSERT
# and two UPDATEs per transfer in one transaction through Npgsql, at the same concurrency on the same PostgreSQL.
# Two account shapes: 1,000 generated participants with uniform traffic, and the six demo participants as hot accounts.
# PostgreSQL is durable (fsync, synchronous_commit and full_page_writes on; printed with SHOW).
#   bench/tokens.sh [--seconds 20] [--warmup 5] [--concurrency 32] [--batch-concurrency 4] [--batch-size 100]
#                   [--accounts 1000] [--shapes uniform,hot] [--seed S]
# Uses the test servers of ./build.sh (started here, and stopped at the end, unless DELTRAN_TEST_POSTGRES is set).
# Every database is created fresh and dropped afterwards; the cluster's own fsync settings are put back. The targets
# (5,000 single transfers/s with p99 under 50 ms, 20,000/s in batches) are printed beside the figures, not asserted.
# Exit 0 when every phase moved tokens, 1 otherwise. The figures go to bench/work/tokens.json (gitignored).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

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
# The bench also sets synchronous_commit on each database it creates, so every session has it whatever the cluster says.
psql_admin -d postgres -c "ALTER SYSTEM SET fsync = on" -c "ALTER SYSTEM SET synchronous_commit = on" \
  -c "ALTER SYSTEM SET full_page_writes = on" -c "SELECT pg_reload_conf()" >/dev/null
at_exit+=('psql_admin -d postgres -c "ALTER SYSTEM RESET fsync" -c "ALTER SYSTEM RESET synchronous_commit" -c "ALTER SYSTEM RESET full_page_writes" -c "SELECT pg_reload_conf()" >/dev/null 2>&1 || true')
echo "bench: PostgreSQL $(psql_admin -d postgres -c 'SHOW server_version') on port $pg_port: fsync=$(psql_admin -d postgres -c 'SHOW fsync') synchronous_commit=$(psql_admin -d postgres -c 'SHOW synchronous_commit') full_page_writes=$(psql_admin -d postgres -c 'SHOW full_page_writes')" >&2

echo "bench: building Release" >&2
dotnet build -c Release src/DelTran.Host -v quiet -nologo >&2
dotnet build -c Release bench/DelTran.Bench -v quiet -nologo >&2
work=bench/work
mkdir -p "$work"
rm -rf "$work/tokens"

echo "bench: load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores, shared)" >&2
status=0
dotnet bench/DelTran.Bench/bin/Release/net10.0/DelTran.Bench.dll tokens "$@" \
  --deltran src/DelTran.Host/bin/Release/net10.0/deltran \
  --connection "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Pooling=true" \
  --rabbitmq "$DELTRAN_TEST_RABBITMQ" --work "$work/tokens" --result "$work/tokens.json" || status=$?
echo "bench: load average after: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores, shared); serve's logs: $work/tokens/*/serve.log" >&2
exit "$status"
