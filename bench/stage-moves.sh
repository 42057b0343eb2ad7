#!/usr/bin/env bash
# The stage moves on their own, on the two layouts of `transactions` (docs/adr/0004, fifth round): N synthetic rows of
# about the width of real ones, moved three times as the stages move them (batches of 2,000 by id, guarded by the
# state, each move in a transaction of its own), once on the layout before migration HotStageMoves ((message_id, state)
# indexed, pages filled) and once on today's (no index on state, a partial index on the generated in_flight column,
# half of each page free). Prints each move's time, how many updates were HOT, and the table and index sizes.
#   bench/stage-moves.sh [N]      (default 100000)
# Uses the test servers of ./build.sh (started here unless DELTRAN_TEST_POSTGRES is already set).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
n=${1:-100000}
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "bench: N must be a positive whole number" >&2; exit 2; }

if [[ -z ${DELTRAN_TEST_POSTGRES:-} ]]; then
  eval "$(./build.sh servers)"
  trap './build.sh servers-stop "$DELTRAN_TEST_SERVERS_DIR" >/dev/null 2>&1 || true' EXIT
fi
pg_port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$DELTRAN_TEST_POSTGRES")
db=bench_stage_moves
psql_db() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
psql_db -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
trap 'psql_db -d postgres -c "DROP DATABASE IF EXISTS '"$db"' WITH (FORCE)" >/dev/null 2>&1 || true; '"$(trap -p EXIT | sed "s/^trap -- '//; s/' EXIT$//")" EXIT

psql_db -d "$db" -v n="$n" <<'SQL' >/dev/null
CREATE TABLE before_hot (
  id uuid PRIMARY KEY, message_id uuid NOT NULL, index int NOT NULL, end_to_end_id text, debtor_agent text, creditor_agent text,
  amount numeric(18,5), currency text, debtor_name text, creditor_name text, screening_subject text,
  state text NOT NULL, reason_code text, reason_text text, updated_at timestamptz NOT NULL);
CREATE UNIQUE INDEX ON before_hot (message_id, index);
CREATE INDEX ON before_hot (message_id, state);
CREATE TABLE after_hot (LIKE before_hot INCLUDING DEFAULTS) WITH (fillfactor = 50);
ALTER TABLE after_hot ADD PRIMARY KEY (id);
ALTER TABLE after_hot ADD COLUMN in_flight boolean GENERATED ALWAYS AS (state IN ('VALIDATED', 'SCREENED', 'RISK_CHECKED')) STORED;
CREATE UNIQUE INDEX ON after_hot (message_id, index);
CREATE INDEX ON after_hot (message_id) WHERE in_flight;
-- One message; names and a screening subject about as wide as a generated bench file's (rows of about 850 bytes).
CREATE TABLE source AS
  SELECT gen_random_uuid() AS id, '01900000-0000-7000-8000-000000000001'::uuid AS message_id, i AS index, 'E2E-' || i AS end_to_end_id,
    'SRCBINBBXXX' AS debtor_agent, 'DSTBAEADXXX' AS creditor_agent, (i % 997 + 1) * 10.5 AS amount, 'INR' AS currency,
    repeat(md5(i::text), 2) AS debtor_name, repeat(md5((i + 1)::text), 2) AS creditor_name, repeat(md5((i + 2)::text), 18) AS screening_subject,
    'VALIDATED' AS state, NULL::text AS reason_code, NULL::text AS reason_text, now() AS updated_at
  FROM generate_series(1, :n) AS i;
INSERT INTO before_hot SELECT * FROM source ORDER BY index;
INSERT INTO after_hot SELECT * FROM source ORDER BY index;
ANALYZE before_hot; ANALYZE after_hot;
CREATE TABLE results (layout text, move text, ms numeric, PRIMARY KEY (layout, move));
-- A stage's move: batches of 2,000 by id with the state guard, as PostgresDialect.ApplyTransitionsAsync writes them.
CREATE FUNCTION stage_moves(tbl text, from_state text, to_state text) RETURNS void AS $$
DECLARE ids uuid[]; started timestamptz := clock_timestamp();
BEGIN
  FOR ids IN SELECT array_agg(id) FROM (SELECT id, (row_number() OVER (ORDER BY index) - 1) / 2000 AS b FROM source) x GROUP BY b ORDER BY b LOOP
    EXECUTE format('UPDATE %I t SET state = $2, updated_at = now() FROM unnest($1) AS v(id) WHERE t.id = v.id AND (t.state = $3) IS TRUE', tbl)
      USING ids, to_state, from_state;
  END LOOP;
  INSERT INTO results VALUES (tbl, to_state, round(extract(epoch FROM clock_timestamp() - started)::numeric * 1000));
END $$ LANGUAGE plpgsql;
SQL
# Each move in a transaction of its own, as the stages commit theirs: a page is pruned only of versions no one can see.
for layout in before_hot after_hot; do
  psql_db -d "$db" -c "SELECT stage_moves('$layout', 'VALIDATED', 'SCREENED')" >/dev/null
  psql_db -d "$db" -c "SELECT stage_moves('$layout', 'SCREENED', 'RISK_CHECKED')" >/dev/null
  psql_db -d "$db" -c "SELECT stage_moves('$layout', 'RISK_CHECKED', 'ACCEPTED')" >/dev/null
done
psql_db -d "$db" -c "SELECT pg_stat_force_next_flush()" >/dev/null

echo "stage moves of $n transactions (batches of 2,000, each move its own transaction):"
psql -h 127.0.0.1 -p "$pg_port" -U postgres -d "$db" -P pager=off -c "
  SELECT r.layout,
    max(r.ms) FILTER (WHERE r.move = 'SCREENED') AS compliance_ms, max(r.ms) FILTER (WHERE r.move = 'RISK_CHECKED') AS risk_ms,
    max(r.ms) FILTER (WHERE r.move = 'ACCEPTED') AS liquidity_ms, sum(r.ms) AS total_ms,
    max(s.n_tup_upd) AS updates, max(s.n_tup_hot_upd) AS hot_updates,
    pg_size_pretty(pg_relation_size(r.layout::regclass)) AS table_size, pg_size_pretty(pg_indexes_size(r.layout::regclass)) AS index_size
  FROM results r JOIN pg_stat_user_tables s ON s.relname = r.layout GROUP BY r.layout ORDER BY r.layout DESC"
echo "before_hot: (message_id, state) indexed, pages filled; after_hot: migration HotStageMoves's layout. The last move takes a"
echo "transaction out of the stages, so on after_hot it changes in_flight and is never HOT."
