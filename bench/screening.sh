#!/usr/bin/env bash
# The screening benchmark of issue 5: builds Release, then with every list of ../shared/sanctions loaded times
# 20,000 names (in process and through `deltran screen`) and measures recall and false positives on a seeded
# labelled set, beside bench/DelTran.Bench/screening-reference.json. Arguments go to screening-bench, e.g.
# `bench/screening.sh --runs 5`, `bench/screening.sh --misses` or `bench/screening.sh --lists DIR`.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "bench: building Release" >&2
dotnet build -c Release src/DelTran.Host -v quiet -nologo >&2
dotnet build -c Release bench/DelTran.Bench -v quiet -nologo >&2

exec dotnet bench/DelTran.Bench/bin/Release/net10.0/DelTran.Bench.dll screening-bench "$@"
