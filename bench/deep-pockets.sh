#!/usr/bin/env bash
# Writes a configuration file (JSON, to standard output) that gives each of the six demo participants funds and net
# debit caps no benchmark file can exhaust, in all three currencies. With the demo limits most of a large generated file
# is refused by risk (its caps, then the circuit breakers those refusals trip), in a proportion that depends on the order
# and timing of the batches. With this configuration every transaction that passes compliance reaches liquidity, which
# accepts those on a configured corridor (a generated file also has corridors that are not: refused AG01, the same
# ones in every run).
#   bench/deep-pockets.sh > FILE
set -euo pipefail
echo '{ "DelTran": { "Participants": ['
for p in 0 1 2 3 4 5; do
  ((p == 0)) || echo ','
  echo '{ "Accounts": ['
  for a in 0 1 2; do
    ((a == 0)) || echo ','
    echo '{ "Balance": 999999999999, "CreditLine": 0, "NetDebitCap": 999999999999 }'
  done
  echo '] }'
done
echo '] } }'
