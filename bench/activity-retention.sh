#!/usr/bin/env bash
# Benchmark (issue 20 item 1): activity retention at ROWS rows (default 10,000,000). Fills DAYS (10) daily partitions
# of provisioning_activity, 31 to 40 days old, then, while an ingest loop stores batches of BATCH (1,000) rows into
# today's partition one transaction after another, removes the oldest day the way portal-api's retention does
# (ActivityPartitionRepository.drop: DETACH PARTITION ... CONCURRENTLY, then DROP TABLE) and, as the baseline of the
# same run, the next day the way a table without partitions must (DELETE of the day's rows). It prints the time of
# each and the ingest batches' latency before, during the drop and during the delete.
#
# Needs the local suite running (deploy/local/run.sh in another terminal: its PostgreSQL on 127.0.0.1:55432, schema
# V14) and psql (apt-get install postgresql-client). Leaves the other eight days' partitions behind; the suite's
# retention drops them at its next run (they are past 30 days). Every loop is bounded in count.
#   bench/activity-retention.sh
#   ROWS=1000000 bench/activity-retention.sh
set -euo pipefail
ROWS=${ROWS:-10000000}
DAYS=${DAYS:-10}
BATCH=${BATCH:-1000}
MAX_BATCHES=${MAX_BATCHES:-20000}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-55432} PGUSER=${PGUSER:-voipconfig}
export PGPASSWORD=${PGPASSWORD:-voipconfig} PGDATABASE=${PGDATABASE:-voipconfig}

command -v psql >/dev/null || { echo "installing psql"; apt-get install -y -qq postgresql-client >/dev/null; }
psql -qtAc "SELECT 1 FROM pg_partitioned_table WHERE partrelid = 'provisioning_activity'::regclass" | grep -q 1 \
  || { echo "no partitioned provisioning_activity at $PGHOST:$PGPORT: start deploy/local/run.sh first" >&2; exit 1; }

work=$(mktemp -d /tmp/voipconfig-retention.XXXXXX)
ingest=""
cleanup() { [ -n "$ingest" ] && kill "$ingest" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

now_ms() { date +%s%3N; }
table() { echo "provisioning_activity_p$(date -u -d "$1 days ago" +%Y%m%d)"; }
# The partition of the day $1 days ago, created and attached as portal-api does (empty first, then ATTACH).
attach() {
  local t day next
  t=$(table "$1"); day=$(date -u -d "$1 days ago" +%F); next=$(date -u -d "$(($1 - 1)) days ago" +%F)
  psql -qtA -v ON_ERROR_STOP=1 <<SQL
CREATE TABLE IF NOT EXISTS $t (LIKE provisioning_activity INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = '$t'::regclass) THEN
    ALTER TABLE provisioning_activity ATTACH PARTITION $t FOR VALUES FROM ('$day 00:00:00+00') TO ('$next 00:00:00+00');
  END IF;
END \$\$;
SQL
}
rows_sql() { # count, first time expression -> a SELECT of activity rows one second apart
  echo "SELECT gen_random_uuid(), $2 + (i % 86400) * interval '1 second', 'config-service',
    '00000000-0000-4000-8000-000000000001'::uuid, lpad(to_hex(1447034880 + i % 100000), 12, '0'), '192.0.2.' || (i % 250),
    'Yealink SIP-T46U 108.86.0.90', 'T46U', '108.86.0.90', lpad(to_hex(1447034880 + i % 100000), 12, '0') || '.cfg',
    'SUCCESS', 200, md5(i::text), NULL FROM generate_series(1, $1) AS i"
}

per_day=$((ROWS / DAYS))
echo "filling $DAYS days of $per_day rows (31 to $((30 + DAYS)) days old) ..."
start=$(now_ms)
for d in $(seq 31 $((30 + DAYS))); do
  attach "$d"
  psql -qtA -v ON_ERROR_STOP=1 -c "INSERT INTO provisioning_activity $(rows_sql "$per_day" \
    "'$(date -u -d "$d days ago" +%F) 00:00:00+00'::timestamptz")"
done
psql -qtAc "ANALYZE provisioning_activity"
total=$(psql -qtAc "SELECT count(*) FROM provisioning_activity")
size=$(psql -qtAc "SELECT pg_size_pretty(sum(pg_total_relation_size(inhrelid))) FROM pg_inherits
  WHERE inhparent = 'provisioning_activity'::regclass")
echo "  $total rows in provisioning_activity ($size with indexes) in $(( ($(now_ms) - start) / 1000 )) s"

# Ingest: batches of BATCH rows into today's partition, one transaction each, each batch's start and latency logged.
ingest_loop() {
  for n in $(seq 1 "$MAX_BATCHES"); do
    [ -f "$work/stop" ] && break
    local t0 t1
    t0=$(now_ms)
    psql -qtA -v ON_ERROR_STOP=1 -c "INSERT INTO provisioning_activity $(rows_sql "$BATCH" "now()")" >/dev/null
    t1=$(now_ms)
    echo "$t0 $((t1 - t0))" >> "$work/ingest.txt"
  done
}
latency() { # from to (ms) -> batches, p50 and max latency of the batches that ran at some time in [from, to]
  awk -v a="$1" -v b="$2" '$1 <= b && $1 + $2 >= a { print $2 }' "$work/ingest.txt" | sort -n \
    | awk '{ v[NR] = $1 } END { if (NR == 0) { print "no batches"; exit }
        printf "%d batches, p50 %d ms, max %d ms", NR, v[int((NR + 1) / 2)], v[NR] }'
}

ingest_loop & ingest=$!
sleep 5
t_base=$(now_ms)
sleep 10
oldest=$(table $((30 + DAYS)))
echo "dropping the oldest day ($oldest, $(psql -qtAc "SELECT count(*) FROM $oldest") rows) with DETACH CONCURRENTLY + DROP ..."
t_drop=$(now_ms)
psql -qtA -v ON_ERROR_STOP=1 -c "ALTER TABLE provisioning_activity DETACH PARTITION $oldest CONCURRENTLY"
psql -qtA -v ON_ERROR_STOP=1 -c "DROP TABLE $oldest"
t_dropped=$(now_ms)
sleep 5
next=$(table $((29 + DAYS)))
echo "baseline: deleting the next day's rows ($next) with DELETE ..."
t_delete=$(now_ms)
psql -qtA -v ON_ERROR_STOP=1 -c "DELETE FROM provisioning_activity WHERE occurred_at >= '$(date -u -d "$((29 + DAYS)) days ago" +%F) 00:00:00+00'
  AND occurred_at < '$(date -u -d "$((28 + DAYS)) days ago" +%F) 00:00:00+00'" >/dev/null
t_deleted=$(now_ms)
sleep 2
touch "$work/stop"; wait "$ingest" || true; ingest=""

drop_ms=$((t_dropped - t_drop)); delete_ms=$((t_deleted - t_delete))
echo "ingest before:        $(latency "$t_base" "$t_drop")"
echo "ingest during drop:   $(latency "$t_drop" "$t_dropped")"
echo "ingest during delete: $(latency "$t_delete" "$t_deleted")"
awk -v d="$drop_ms" -v x="$delete_ms" -v r="$ROWS" 'BEGIN {
  printf "retention at %d rows: dropping a day %.2f s, deleting a day %.2f s (drop/delete %.3fx)\n",
    r, d / 1000, x / 1000, (x > 0 ? d / x : 0) }'
