#!/usr/bin/env bash
# DelTran's one entry point for people and CI.
#   ./build.sh demo    DelTran's main job on the embedded default (today: validate sample-messages/)
#   ./build.sh test    the whole test suite, as CI runs it (.ci/run calls exactly this)
#   ./build.sh bench   the validation benchmark (bench/run.sh)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No TTY in CI; the MSBuild terminal logger would also hide the per-project test summaries.
export MSBUILDTERMINALLOGGER=off

usage() {
  cat >&2 <<'USAGE'
usage: ./build.sh demo | test | bench
  demo   build Release and run `deltran validate --as-of 2026-12-01 sample-messages/`
  test   restore, build (warnings are errors), check formatting, run every test project;
         ends with one line "N passed, N failed[, N skipped]"
  bench  run bench/run.sh (xmllint vs deltran validate on a generated 100k-transaction pacs.008)
USAGE
}

log() { printf '%s\n' "build.sh: $*" >&2; }
die() { log "$*"; exit 2; }

is_root() { [[ $(id -u) -eq 0 ]]; }

# apt-get install, quietly, only when root; otherwise say what is missing.
apt_install() {
  if is_root && command -v apt-get >/dev/null 2>&1; then
    log "installing $*"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    log "missing $* (not root: install it yourself with apt-get install $*)"
  fi
}

# ---------------------------------------------------------------------------------------------
# Servers for the integration tests. The pipeline issue fills these in: PostgreSQL, RabbitMQ and
# sshd started on loopback in throwaway data directories under a temporary folder, and stopped by
# the trap whatever the outcome. Nothing is started yet.
# ---------------------------------------------------------------------------------------------
SERVERS_DIR=""

start_servers() {
  : # SERVERS_DIR="$(mktemp -d -t deltran-servers.XXXXXX)"
  # apt_install postgresql rabbitmq-server openssh-server   (each only when missing)
  # PostgreSQL: initdb -D "$SERVERS_DIR/pg" && pg_ctl -D "$SERVERS_DIR/pg" -o "-k $SERVERS_DIR -h 127.0.0.1 -p 55432" -w start
  # RabbitMQ:   RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=55672 RABBITMQ_MNESIA_BASE="$SERVERS_DIR/rmq" rabbitmq-server -detached
  # sshd:       /usr/sbin/sshd -f "$SERVERS_DIR/sshd_config" -o ListenAddress=127.0.0.1 -p 52222
  # export ConnectionStrings__deltran=... ConnectionStrings__rabbitmq=... for the tests
}

stop_servers() {
  : # pg_ctl -D "$SERVERS_DIR/pg" -m fast stop; rabbitmqctl stop; kill "$(cat "$SERVERS_DIR/sshd.pid")"
  # rm -rf "$SERVERS_DIR"
}

# ---------------------------------------------------------------------------------------------
cmd_demo() {
  [[ -d sample-messages ]] || die "sample-messages/ is missing: nothing to validate."
  log "building Release"
  # Build output goes to stderr, so stdout carries only the JSON lines.
  dotnet build src/DelTran.Host -c Release -v quiet -nologo >&2 || die "build failed."

  local status=0
  # The Web SDK runs `dotnet run` in the project folder; keep the caller's folder so the relative
  # path below (and the file names printed) mean what they say.
  dotnet run --project src/DelTran.Host -c Release --no-build --property:EnableDefaultRunWorkingDirectory=false \
    -- validate --as-of 2026-12-01 sample-messages/ || status=$?
  case "$status" in
    0) log "every sample message was accepted." ;;
    1)
      log "exit 1 is expected here: sample-messages/*/invalid/ holds files that are rejected on purpose,"
      log "each named after the ISO 20022 reason code it must produce (e.g. AM03-currency-eur.xml);"
      log "the files under */valid/ are ACCEPTED. The expected output sits beside each file (*.expected.json)."
      ;;
    *) die "deltran validate failed with exit $status (usage or system error)." ;;
  esac
  return 0
}

# Totals from the vstest console summaries ("Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ...").
sum_console_totals() {
  local log_file=$1
  awk '
    /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+, +Total: +[0-9]+/ {
      line = $0
      sub(/.*Failed: +/, "", line); f += line + 0
      line = $0; sub(/.*Passed: +/, "", line); p += line + 0
      line = $0; sub(/.*Skipped: +/, "", line); s += line + 0
      n++
    }
    END { printf "%d %d %d %d\n", p, f, s, n }
  ' "$log_file"
}

# Totals from the TRX files, used when the console gave no summary (e.g. a test host crashed).
sum_trx_totals() {
  local dir=$1 p=0 f=0 s=0 n=0 counters total executed passed failed
  shopt -s nullglob
  for trx in "$dir"/*.trx; do
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1) || continue
    total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
    executed=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    failed=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    p=$((p + ${passed:-0})); f=$((f + ${failed:-0})); s=$((s + ${total:-0} - ${executed:-0})); n=$((n + 1))
  done
  shopt -u nullglob
  echo "$p $f $s $n"
}

cmd_test() {
  if [[ ! -d ../shared ]]; then
    if [[ ${CI:-} == true ]]; then
      die "../shared is missing beside the repository (it holds the ISO 20022 base schemas and samples the tests need). CI must clone with shared/ beside the repo."
    fi
    log "warning: ../shared is missing; tests that need the published ISO 20022 schemas and samples will fail."
  fi

  # Some tests and the schema checks use xmllint (Debian libxml2-utils).
  command -v xmllint >/dev/null 2>&1 || apt_install libxml2-utils

  trap stop_servers EXIT
  start_servers

  log "restore"
  dotnet restore DelTran.sln -v quiet
  log "build (Release, warnings are errors)"
  dotnet build DelTran.sln -c Release --no-restore -v quiet -nologo
  log "format check (dotnet format --verify-no-changes)"
  local format_log
  format_log=$(mktemp)
  if ! dotnet format DelTran.sln --verify-no-changes --no-restore -v quiet >"$format_log" 2>&1; then
    head -n 20 "$format_log" >&2
    log "formatting drift, by file (count of findings):"
    grep -o '^[^(]*\.cs(' "$format_log" | sed 's/($//; s|^'"$ROOT"'/||' | sort | uniq -c >&2 || true
    rm -f "$format_log"
    die "formatting drift: run 'dotnet format DelTran.sln' and commit the result."
  fi
  rm -f "$format_log"

  local results="$ROOT/TestResults"
  rm -rf "$results"
  mkdir -p "$results"
  local console_log="$results/console.log"

  log "test"
  local status=0
  dotnet test DelTran.sln -c Release --no-build --nologo \
    --results-directory "$results" \
    --logger "console;verbosity=minimal" \
    --logger "trx;LogFilePrefix=deltran" \
    2>&1 | tee "$console_log" || status=$?
  # With pipefail, status is dotnet test's exit code (tee does not fail).

  local passed failed skipped projects
  read -r passed failed skipped projects < <(sum_console_totals "$console_log")
  if ((projects == 0)); then
    read -r passed failed skipped projects < <(sum_trx_totals "$results")
  fi

  echo
  echo "test projects: $projects; TRX files in ${results#"$ROOT"/}/"
  if ((skipped > 0)); then
    echo "$passed passed, $failed failed, $skipped skipped"
  else
    echo "$passed passed, $failed failed"
  fi

  if ((status != 0 || failed > 0)); then
    log "tests failed (dotnet test exit $status)."
    exit 1
  fi
  if ((passed + failed == 0)); then
    log "no test ran."
    exit 1
  fi
}

cmd_bench() {
  exec "$ROOT/bench/run.sh" "$@"
}

case "${1:-}" in
  demo) shift; cmd_demo "$@" ;;
  test) shift; cmd_test "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  -h | --help | help) usage ;;
  *) usage; exit 2 ;;
esac
