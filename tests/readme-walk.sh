#!/usr/bin/env bash
# The README's walk for a newcomer, command by command, checking each outcome the README promises (issue 15):
# the demo, validate, then serve with the mock bank: a submission, a window close that fails at the bank, the
# circuit breaker it trips (AG10 for the next payment), and the way out (clear the fault, retry, reset the breaker).
# Run by `./build.sh test` after the test suite, on the Release build it made. Every command it runs is also
# looked up in README.md, so the README and this walk cannot drift apart.
# One deviation: serve keeps its data in a temporary folder (DelTran__DataDirectory) instead of .deltran in the
# repository, so the walk never touches a developer's own state.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
WORK=$(mktemp -d -t deltran-readme-walk.XXXXXX)
PIDS=()
step() { printf 'readme-walk: %s\n' "$*" >&2; }
fail() {
  printf 'readme-walk: FAILED: %s\n' "$*" >&2
  for log in "$WORK"/*.log; do [[ -f $log ]] && { echo "--- $log (last 30 lines)" >&2; tail -n 30 "$log" >&2; }; done
  exit 1
}
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# The README must still say what this walk does.
in_readme() { grep -qF -- "$1" README.md || fail "README.md no longer contains: $1"; }
for command in \
  './build.sh demo' \
  'dotnet run -c Release --project src/DelTran.MockBank -- --urls http://127.0.0.1:5080 &' \
  'DelTran__Banks__BaseUrl=http://127.0.0.1:5080 dotnet run -c Release --project src/DelTran.Host -- serve &' \
  "OPS='X-Api-Key: demo-operator-key'" \
  "-d '{\"mode\":\"fail\",\"participant\":\"SRCBINBB\",\"direction\":\"DEBIT\"}'" \
  'curl -X POST http://127.0.0.1:8080/api/v1/windows/INR/close -H "$OPS"' \
  'curl -X DELETE http://127.0.0.1:5080/api/v1/control/faults' \
  'curl -X POST http://127.0.0.1:8080/api/v1/windows/INR-000001/retry -H "$OPS"' \
  'curl -X POST http://127.0.0.1:8080/api/v1/risk/breakers/reset'; do
  in_readme "$command"
done

# --- The demo: every valid sample accepted, every invalid one refused, the three windows settled. -------------------
step "./build.sh demo"
./build.sh demo >"$WORK/demo.log" 2>&1 || fail "./build.sh demo exited $?"
grep -q "Business date 2026-12-01 (--as-of)" "$WORK/demo.log" || fail "the demo did not say its business date"
for window in INR-000001 AED-000001 USD-000001; do
  grep -q "$window │ SETTLED" "$WORK/demo.log" || fail "the demo's $window is not SETTLED"
done
valid=0
while IFS= read -r report; do
  valid=$((valid + 1))
  grep -q '<GrpSts>ACCP</GrpSts>' "$report" || fail "$report: a valid sample not accepted"
done < <(find out/demo -path '*/valid/*.pacs002.xml' -not -path 'out/demo/windows/*')
((valid == 13)) || fail "expected 13 pacs.002 for the valid samples, found $valid"
while IFS= read -r report; do
  grep -qE '<GrpSts>(RJCT|PART)</GrpSts>' "$report" || fail "$report: an invalid sample not refused"
done < <(find out/demo -path '*/invalid/*.pacs002.xml')

# --- validate: one JSON line per file; exit 1 because the invalid samples are refused. ----------------------------
step "validate --as-of 2026-12-01 sample-messages/"
set +e
dotnet run -c Release --project src/DelTran.Host -- validate --as-of 2026-12-01 sample-messages/ >"$WORK/validate.json" 2>"$WORK/validate.log"
code=$?
set -e
((code == 1)) || fail "validate exited $code, the README says 1 when a file is rejected"
files=$(find sample-messages -name '*.xml' -not -name '*.expected.xml' | wc -l)
[[ $(wc -l <"$WORK/validate.json") -eq $files ]] || fail "validate printed $(wc -l <"$WORK/validate.json") lines for $files files"
jq -e 'select(.file | test("/valid/")) | select(.status != "ACCEPTED")' "$WORK/validate.json" >/dev/null &&
  fail "validate refused a valid sample: $(jq -c 'select(.file | test("/valid/")) | select(.status != "ACCEPTED")' "$WORK/validate.json" | head -n 1)"

# --- serve with the mock bank, and the fault demo. ---------------------------------------------------------------
step "mock bank and serve"
OPS='X-Api-Key: demo-operator-key'
dotnet run -c Release --project src/DelTran.MockBank -- --urls http://127.0.0.1:5080 >"$WORK/bank.log" 2>&1 &
PIDS+=($!)
DelTran__DataDirectory="$WORK/data" DelTran__Banks__BaseUrl=http://127.0.0.1:5080 \
  dotnet run -c Release --project src/DelTran.Host -- serve >"$WORK/serve.log" 2>&1 &
PIDS+=($!)
wait_for() { # DESCRIPTION SECONDS COMMAND...
  local what=$1 seconds=$2
  shift 2
  for ((i = 0; i < seconds * 4; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.25
  done
  fail "$what within ${seconds}s"
}
wait_for "serve ready" 120 curl -fsS http://127.0.0.1:8080/health/ready

submit() { # FILE BIC8 -> the status URL
  curl -fsS -X POST http://127.0.0.1:8080/api/v1/messages -H "X-Api-Key: demo-$(tr 'A-Z' 'a-z' <<<"$2")-key" \
    -H 'Content-Type: application/xml' --data-binary @"$1" | jq -r .statusUrl
}
completed() { curl -fsS "http://127.0.0.1:8080$1" -H "$OPS" | jq -e '.state == "COMPLETED"'; }
group_status() { curl -fsS "http://127.0.0.1:8080$1" -H "$OPS" | jq -r .groupStatus; }
window_state() { curl -fsS "http://127.0.0.1:8080/api/v1/windows/$1" -H "$OPS" | jq -r .window.state; }

step "a payment from SRCBINBB"
status=$(submit sample-messages/pacs.008.001.08/valid/single-inr-in-to-ae.xml SRCBINBB)
wait_for "the payment decided" 60 completed "$status"
[[ $(group_status "$status") == ACCP ]] || fail "the README's payment is $(group_status "$status"), not ACCP"

step "the bank refuses SRCBINBB's debits; the close fails and trips the breaker"
curl -fsS -X POST http://127.0.0.1:5080/api/v1/control/faults -H 'Content-Type: application/json' \
  -d '{"mode":"fail","participant":"SRCBINBB","direction":"DEBIT"}' >/dev/null
[[ $(curl -s -o /dev/null -w '%{http_code}' -X POST http://127.0.0.1:8080/api/v1/windows/INR/close -H "$OPS") == 202 ]] || fail "the close did not answer 202"
wait_for "INR-000001 FAILED" 120 bash -c "[[ \$(curl -fsS http://127.0.0.1:8080/api/v1/windows/INR-000001 -H '$OPS' | jq -r .window.state) == FAILED ]]"
curl -fsS http://127.0.0.1:8080/api/v1/risk/breakers -H "$OPS" |
  jq -e '.breakers[] | select(.subject == "participant SRCBINBB" and .state == "Open")' >/dev/null || fail "SRCBINBB's breaker is not open"

step "the next payment from SRCBINBB is refused AG10"
python3 - "$WORK/next.xml" <<'EOF'
import re, sys, uuid
s = open("sample-messages/pacs.008.001.08/valid/single-inr-in-to-ae.xml", encoding="utf-8").read()
s = re.sub(r"<MsgId>[^<]*</MsgId>", "<MsgId>README-WALK-NEXT</MsgId>", s, count=1)
s = re.sub(r"<EndToEndId>[^<]*</EndToEndId>", "<EndToEndId>README-WALK-NEXT</EndToEndId>", s)
s = re.sub(r"<UETR>[^<]*</UETR>", "<UETR>" + str(uuid.uuid4()) + "</UETR>", s)
open(sys.argv[1], "w", encoding="utf-8").write(s)
EOF
next=$(submit "$WORK/next.xml" SRCBINBB)
wait_for "the next payment decided" 60 completed "$next"
curl -fsS "http://127.0.0.1:8080$next" -H "$OPS" | jq -e '.outcomes[0].reasonCode == "AG10"' >/dev/null ||
  fail "the next payment is not refused AG10: $(curl -fsS "http://127.0.0.1:8080$next" -H "$OPS" | jq -c .outcomes)"

step "the way out: clear the fault, retry the window, reset the breaker"
[[ $(curl -s -o /dev/null -w '%{http_code}' -X DELETE http://127.0.0.1:5080/api/v1/control/faults) == 204 ]] || fail "DELETE faults did not answer 204"
[[ $(curl -s -o /dev/null -w '%{http_code}' -X POST http://127.0.0.1:8080/api/v1/windows/INR-000001/retry -H "$OPS") == 202 ]] || fail "the retry did not answer 202"
wait_for "INR-000001 SETTLED" 120 bash -c "[[ \$(curl -fsS http://127.0.0.1:8080/api/v1/windows/INR-000001 -H '$OPS' | jq -r .window.state) == SETTLED ]]"
curl -fsS -X POST http://127.0.0.1:8080/api/v1/risk/breakers/reset -H "$OPS" -H 'Content-Type: application/json' \
  -d '{"participant":"SRCBINBB","reason":"the bank fixed its debit fault"}' | jq -e '.from == "Open" and .state == "Closed" and .by == "ops"' >/dev/null ||
  fail "the breaker reset did not answer as the README shows"
[[ $(window_state INR-000001) == SETTLED ]] || fail "INR-000001 is not SETTLED at the end"

# --- The token path (README "The token path, step by step"): a fresh serve with instant settlement and AED in tokens. -----
step "the token path: a fresh serve, SRCBINBB paying IN->AE in tokens, AED windows settling in tokens"
for command in \
  'DelTran__Participants__0__InstantSettlement__0=IN-AE:INR DelTran__Tokens__SettleWindowsInTokens__0=AED DelTran__Banks__BaseUrl=http://127.0.0.1:5080 dotnet run -c Release --project src/DelTran.Host -- serve &' \
  "curl -X POST \$API/tokens/mints -H 'X-Api-Key: demo-srcbinbb-key' -H \"\$J\" -d '{\"requestId\":\"fund-1\",\"currency\":\"INR\",\"amount\":1000000}'" \
  "curl -X POST \$API/tokens/mints -H 'X-Api-Key: demo-flcnaeaa-key' -H \"\$J\" -d '{\"requestId\":\"fund-1\",\"currency\":\"AED\",\"amount\":50000}'" \
  'curl -X POST $API/windows/AED/close -H "$OPS"' \
  'DelTran__Banks__BaseUrl=http://127.0.0.1:5080 dotnet run -c Release --project src/DelTran.Host -- tokens reconcile'; do
  in_readme "$command"
done
kill "${PIDS[1]}" 2>/dev/null || true
wait "${PIDS[1]}" 2>/dev/null || true
wait_for "the first serve gone" 60 bash -c '! curl -fsS http://127.0.0.1:8080/health/live'
DelTran__DataDirectory="$WORK/tokens" DelTran__Participants__0__InstantSettlement__0=IN-AE:INR DelTran__Tokens__SettleWindowsInTokens__0=AED \
  DelTran__Banks__BaseUrl=http://127.0.0.1:5080 dotnet run -c Release --project src/DelTran.Host -- serve >"$WORK/serve-tokens.log" 2>&1 &
PIDS+=($!)
wait_for "serve ready (tokens)" 120 curl -fsS http://127.0.0.1:8080/health/ready
API=http://127.0.0.1:8080/api/v1
J='Content-Type: application/json'
curl -fsS -X POST $API/tokens/mints -H 'X-Api-Key: demo-srcbinbb-key' -H "$J" -d '{"requestId":"fund-1","currency":"INR","amount":1000000}' |
  jq -e '.status == "POSTED"' >/dev/null || fail "SRCBINBB's mint is not POSTED"
status=$(submit sample-messages/pacs.008.001.08/valid/single-inr-in-to-ae.xml SRCBINBB)
wait_for "the INR payment decided" 60 completed "$status"
[[ $(group_status "$status") == ACSC ]] || fail "the INR payment is $(group_status "$status"), not ACSC at once"
curl -fsS $API/tokens/balances -H 'X-Api-Key: demo-eprlaead-key' | jq -e '.[] | select(.currency == "INR" and .held == 845000)' >/dev/null ||
  fail "EPRLAEAD does not hold 845000.00 xINR"
curl -fsS -X POST $API/tokens/mints -H 'X-Api-Key: demo-flcnaeaa-key' -H "$J" -d '{"requestId":"fund-1","currency":"AED","amount":50000}' |
  jq -e '.status == "POSTED"' >/dev/null || fail "FLCNAEAA's mint is not POSTED"
status=$(submit sample-messages/pacs.008.001.08/valid/single-aed-ae-to-us.xml FLCNAEAA)
wait_for "the AED payment decided" 60 completed "$status"
[[ $(group_status "$status") == ACCP ]] || fail "the AED payment is $(group_status "$status"), not ACCP"
[[ $(curl -s -o /dev/null -w '%{http_code}' -X POST $API/windows/AED/close -H "$OPS") == 202 ]] || fail "the AED close did not answer 202"
wait_for "AED-000001 SETTLED" 120 bash -c "[[ \$(curl -fsS $API/windows/AED-000001 -H '$OPS' | jq -r .window.state) == SETTLED ]]"
curl -fsS $API/windows/AED-000001 -H "$OPS" | jq -e '[.history[].cause] | any(test("settled in tokens: 2 net positions, no bank call"))' >/dev/null ||
  fail "AED-000001 did not settle in tokens"
curl -fsS $API/tokens/supply -H "$OPS" | jq -e 'length == 2 and all(.backed)' >/dev/null || fail "the supply is not backed in INR and AED"
DelTran__DataDirectory="$WORK/tokens" DelTran__Banks__BaseUrl=http://127.0.0.1:5080 \
  dotnet run -c Release --project src/DelTran.Host -- tokens reconcile >"$WORK/reconcile.log" 2>&1 || fail "tokens reconcile exited $?: $(cat "$WORK/reconcile.log")"

step "every step answered as the README says"
