#!/usr/bin/env bash
# The randomised crash run of issue 14 §4: RUNS runs (default 5) of `deltran serve` on PostgreSQL, RabbitMQ and the
# mock bank, each on a fresh database, fed without pause over HTTP and the watched folder while windows close (every
# minute and at random operator requests), killed with SIGKILL at random moments (seeded) and restarted several times;
# in some runs the bank is slow or holds its answers after booking, and PostgreSQL or RabbitMQ is restarted under the
# service. Each run is then finished (every file answered, the last windows settled) and checked: `deltran check --json
# --bank`, the bench's strict reading of the database, the participants' side and the _error queues. Prints a table of
# runs, seeds, kills, transactions and violations by invariant.
#   bench/chaos.sh [RUNS] [--seed S] [--kills K] [--max-transactions N] [--no-server-restarts]
# Run i uses seed S+i and prints it; `bench/chaos.sh 1 --seed <that seed>` replays its plan (the moments are seeded,
# what the service is doing at them is not). Uses the test servers of ./build.sh (started here, and stopped at the
# end, unless DELTRAN_TEST_POSTGRES is set). Exit 0 when no run broke an invariant, 1 otherwise; a run with violations
# keeps its database, logs and drop folders (bench/work/chaos/run-N-seed-S) while the servers run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

runs=5
if [[ $# -gt 0 && $1 != --* ]]; then runs=$1; shift; fi
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/chaos.sh [RUNS] [--seed S] [--kills K] [--no-server-restarts]" >&2; exit 2; }

if [[ -z ${DELTRAN_TEST_POSTGRES:-} ]]; then
  eval "$(./build.sh servers)"
  started_servers=1
  trap './build.sh servers-stop "$DELTRAN_TEST_SERVERS_DIR" >/dev/null 2>&1 || true' EXIT
fi
pg_port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$DELTRAN_TEST_POSTGRES")
psql_admin() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
# Durable, as an installation that keeps its data (the test cluster of ./build.sh has all three off). The runs that
# restart PostgreSQL need it: with synchronous_commit off, a commit is acknowledged before its WAL is written, and an
# immediate stop loses it, a file already answered 202 among them. The cluster's own settings are put back at the end.
psql_admin -d postgres -c "ALTER SYSTEM SET fsync = on" -c "ALTER SYSTEM SET synchronous_commit = on" \
  -c "ALTER SYSTEM SET full_page_writes = on" -c "SELECT pg_reload_conf()" >/dev/null
reset_durability() { psql_admin -d postgres -c "ALTER SYSTEM RESET fsync" -c "ALTER SYSTEM RESET synchronous_commit" -c "ALTER SYSTEM RESET full_page_writes" -c "SELECT pg_reload_conf()" >/dev/null 2>&1 || true; }
if [[ -n ${started_servers:-} ]]; then
  trap 'reset_durability; ./build.sh servers-stop "$DELTRAN_TEST_SERVERS_DIR" >/dev/null 2>&1 || true' EXIT
else
  trap reset_durability EXIT
fi
echo "bench: PostgreSQL for the runs: $(psql_admin -d postgres -F ' ' -c "SELECT 'fsync=' || current_setting('fsync'), 'synchronous_commit=' || current_setting('synchronous_commit'), 'full_page_writes=' || current_setting('full_page_writes')")" >&2

echo "bench: building Release" >&2
dotnet build -c Release src/DelTran.Host -v quiet -nologo >&2
dotnet build -c Release bench/DelTran.Bench -v quiet -nologo >&2
work=bench/work
mkdir -p "$work"
bench/deep-pockets.sh >"$work/deep-pockets.json"

echo "bench: load average before: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores)" >&2
status=0
dotnet bench/DelTran.Bench/bin/Release/net10.0/DelTran.Bench.dll chaos --runs "$runs" "$@" \
  --deltran src/DelTran.Host/bin/Release/net10.0/deltran \
  --connection "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Pooling=true" \
  --rabbitmq "$DELTRAN_TEST_RABBITMQ" --rabbitmqctl "$DELTRAN_TEST_RABBITMQ_CTL" --pg-ctl "$DELTRAN_TEST_PG_CTL" \
  --config "$work/deep-pockets.json" --work "$work/chaos" || status=$?
echo "bench: load average after: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores)" >&2
exit "$status"
