#!/usr/bin/env bash
# The validation benchmark of issues 2 (section 6) and 14 (section 3): builds Release, then times xmllint
# and `deltran validate` on the same generated pacs.008 files, 100k rich and 300k lean transactions, and
# start-up apart. Arguments are passed to validate-bench, e.g. `bench/run.sh --runs 5` or
# `bench/run.sh --transactions 10000 --lean-transactions 30000`.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Tools the benchmark needs: xmllint (Debian libxml2-utils) and GNU time for the child's peak RSS.
missing=()
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
[[ -x /usr/bin/time ]] || missing+=(time)
if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "bench: installing ${missing[*]}" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "bench: missing ${missing[*]}; install them (apt-get install ${missing[*]}) or run as root." >&2
    # GNU time is optional (the bench falls back to polling /proc); xmllint is not.
    command -v xmllint >/dev/null 2>&1 || exit 2
  fi
fi

echo "bench: building Release" >&2
dotnet build -c Release src/DelTran.Host -v quiet -nologo >&2
dotnet build -c Release bench/DelTran.Bench -v quiet -nologo >&2

exec dotnet bench/DelTran.Bench/bin/Release/net10.0/DelTran.Bench.dll validate-bench "$@"
