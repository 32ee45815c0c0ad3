#!/usr/bin/env bash
# Reporting views at scale (issue 6): creates a scratch database, applies db/V*.sql in order with psql, fills
# ark.tasks / ark.task_usage / ark.task_history with N generated tasks spread over D days (wide rows, as real
# ones are: raw holds the whole item), VACUUM ANALYZEs (what autovacuum does to a table that settled), then
# prints EXPLAIN (ANALYZE, BUFFERS) of a typical, date-filtered query on each view and a summary of the timings,
# with default settings and with JIT off. Last, it runs the same queries without the indexes V3 adds, to show
# what they are for.
#
#   src/bench/reporting-explain.sh [tasks] [days]      # defaults: 2000000 tasks over 365 days
#   src/bench/reporting-explain.sh 500000 30           # issue 22: report --by user --cost over 500,000 tasks
#   ONLY='by user' src/bench/reporting-explain.sh 500000 30      # only the queries whose title contains 'by user'
#
# Connects with the usual libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD; default 127.0.0.1:5432 as the
# current user, which must be allowed to CREATE DATABASE). The scratch database is dropped at the end unless
# KEEP_DATABASE=1. Output also goes to target/reporting-explain.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."

TASKS=${1:-2000000}
DAYS=${2:-365}
DB=${BENCH_DATABASE:-ark_reporting_bench}
export PGHOST=${PGHOST:-127.0.0.1}
export PGPORT=${PGPORT:-5432}
OUT=target/reporting-explain.txt
mkdir -p target

psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@"; }
psql_bench() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

cleanup() {
  if [ "${KEEP_DATABASE:-0}" != 1 ]; then
    psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
  fi
}
trap cleanup EXIT

exec > >(tee "$OUT") 2>&1

echo "== Scratch database $DB on $PGHOST:$PGPORT: $TASKS tasks over $DAYS days"
psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
for migration in $(ls db/V*__*.sql | sort -V); do
  echo "   applying $migration"
  psql_bench -f "$migration" >/dev/null
done

echo "== Generating data"
start=$(date +%s)
psql_bench -v tasks="$TASKS" -v days="$DAYS" <<'SQL'
SELECT setseed(0.42) \g /dev/null
-- Tasks in creation order, as the sync inserts them over time, so the heap correlates with created_at the way
-- a real table does. Mix as in SimulatedTaskGenerator; old tasks have all finished.
INSERT INTO ark.tasks (id, account, model, status, service_tier, video_url, last_frame_url, error_code,
                       error_message, resolution, ratio, duration, fps, seed, created_at, updated_at,
                       first_seen_at, last_seen_at, last_changed_at, first_run_id, raw)
SELECT id, account, model, status, tier, video_url, frame_url, error_code, error_message, resolution, '16:9', 5, 24,
       seed, created_at, updated_at, created_at + interval '5 minutes', updated_at + interval '1 hour',
       updated_at + interval '5 minutes', 1,
       jsonb_build_object('id', id, 'model', model, 'status', status, 'service_tier', tier,
                          'content', jsonb_build_object('video_url', video_url, 'last_frame_url', frame_url),
                          'created_at', extract(epoch FROM created_at)::bigint,
                          'updated_at', extract(epoch FROM updated_at)::bigint,
                          'seed', seed, 'resolution', resolution, 'ratio', '16:9', 'duration', 5,
                          'framespersecond', 24, 'execution_expires_after', 172800)
FROM (
    SELECT id, account, model, status, tier, created_at, resolution, seed,
           CASE status
               WHEN 'queued' THEN created_at
               WHEN 'expired' THEN created_at + interval '48 hours'
               ELSE created_at + (30 + r_latency * 570) * interval '1 second'
           END AS updated_at,
           CASE WHEN status = 'succeeded'
                THEN 'https://ark-content-generation-cn-beijing.tos-cn-beijing.volces.com/doubao-seedance/' || id
                     || '/video.mp4?X-Tos-Algorithm=TOS4-HMAC-SHA256&X-Tos-Credential=AKLTYjg3OWM2ZGY4YTQ5NGI1'
                     || '%2F20261125%2Fcn-beijing%2Ftos%2Frequest&X-Tos-Date=20261125T120000Z&X-Tos-Expires=86400'
                     || '&X-Tos-Signature=' || md5(id) || md5(id || 's') || '&X-Tos-SignedHeaders=host' END AS video_url,
           CASE WHEN status = 'succeeded'
                THEN 'https://ark-content-generation-cn-beijing.tos-cn-beijing.volces.com/doubao-seedance/' || id
                     || '/last_frame.png?X-Tos-Algorithm=TOS4-HMAC-SHA256&X-Tos-Expires=86400&X-Tos-Signature='
                     || md5(id || 'f') END AS frame_url,
           CASE WHEN status = 'failed' THEN 'OutputVideoSensitiveContentDetected' END AS error_code,
           CASE WHEN status = 'failed'
                THEN 'The request failed because the output video may contain sensitive information.' END
               AS error_message
    FROM (
        SELECT 'cgt-' || to_char(created_at AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISS') || '-' || lpad(to_hex(n), 6, '0')
                   AS id,
               CASE WHEN r_account < 0.9 THEN 'default' ELSE 'team-b' END AS account,
               CASE WHEN r_model < 0.35 THEN 'doubao-seedance-1-0-pro-250528'
                    WHEN r_model < 0.50 THEN 'doubao-seedance-1-0-lite-t2v-250428'
                    WHEN r_model < 0.65 THEN 'doubao-seedance-1-0-lite-i2v-250428'
                    WHEN r_model < 0.85 THEN 'doubao-seedance-1-0-pro-fast-251015'
                    ELSE 'seedance-1-5-pro-251215' END AS model,
               CASE WHEN created_at > now() - interval '6 hours'
                        THEN CASE WHEN r_status < 0.6 THEN 'running' WHEN r_status < 0.9 THEN 'queued' ELSE 'succeeded' END
                    WHEN r_status < 0.88 THEN 'succeeded'
                    WHEN r_status < 0.95 THEN 'failed'
                    WHEN r_status < 0.975 THEN 'expired'
                    ELSE 'cancelled' END AS status,
               CASE WHEN r_tier < 0.8 THEN 'default' ELSE 'flex' END AS tier,
               CASE WHEN r_resolution < 0.2 THEN '480p' WHEN r_resolution < 0.7 THEN '720p' ELSE '1080p' END
                   AS resolution,
               created_at, r_latency, (r_seed * 2147483647)::bigint AS seed
        FROM (
            SELECT n, now() - (:days * interval '1 day') * (1 - n::double precision / :tasks) AS created_at,
                   random() AS r_account, random() AS r_model, random() AS r_status, random() AS r_tier,
                   random() AS r_resolution, random() AS r_latency, random() AS r_seed
            FROM generate_series(1, :tasks) AS g(n)
        ) AS draws
    ) AS chosen
) AS shaped;

-- Usage for every succeeded task and half of the failed ones (zero tokens), as the API reports it.
INSERT INTO ark.task_usage (task_id, completion_tokens, total_tokens, recorded_at)
SELECT id, tokens, tokens, updated_at
FROM (SELECT id, updated_at,
             CASE WHEN status = 'succeeded'
                  THEN CASE resolution WHEN '480p' THEN 49500 WHEN '720p' THEN 108900 ELSE 245025 END
                  ELSE 0 END AS tokens,
             status, random() AS r
      FROM ark.tasks) AS t
WHERE status = 'succeeded' OR (status = 'failed' AND r < 0.5)
ORDER BY id;

-- History: the first sighting of every task, and a second version for tasks first seen unfinished.
INSERT INTO ark.task_history (task_id, run_id, observed_at, status, task_updated_at)
SELECT id, 1, created_at + interval '5 minutes', CASE WHEN random() < 0.3 THEN 'running' ELSE status END, created_at
FROM ark.tasks ORDER BY created_at;
INSERT INTO ark.task_history (task_id, run_id, observed_at, status, task_updated_at, completion_tokens, total_tokens,
                              video_url)
SELECT h.task_id, 2, t.updated_at + interval '5 minutes', t.status, t.updated_at, u.completion_tokens,
       u.total_tokens, t.video_url
FROM ark.task_history h JOIN ark.tasks t ON t.id = h.task_id LEFT JOIN ark.task_usage u ON u.task_id = t.id
WHERE h.status = 'running' AND t.status <> 'running';
-- Issue 22: end users on two thirds of the tasks (2,000 of them), audio on the Seedance 1.5 tasks, and prices with a
-- dimension (a silent row beside the model's row), so that report --by user --cost prices through the lookup.
UPDATE ark.tasks SET safety_identifier = CASE WHEN abs(hashtext(id)) % 3 <> 0 THEN 'user-' || abs(hashtext(id)) % 2000 END,
                     generate_audio = CASE WHEN model LIKE 'seedance-1-5%' THEN abs(hashtext(id || 'a')) % 10 < 7 END;
INSERT INTO ark.model_prices (model, service_tier, currency, price_per_million_tokens, valid_from, generate_audio)
SELECT m, t, 'USD', p, '2020-01-01', NULL
FROM (VALUES ('doubao-seedance-1-0-pro-250528', 2.5), ('doubao-seedance-1-0-lite-t2v-250428', 1.8),
             ('doubao-seedance-1-0-lite-i2v-250428', 1.8), ('doubao-seedance-1-0-pro-fast-251015', 1.0),
             ('seedance-1-5-pro-251215', 2.4)) AS v(m, p)
CROSS JOIN (VALUES ('default'), ('flex')) AS tiers(t);
INSERT INTO ark.model_prices (model, service_tier, currency, price_per_million_tokens, valid_from, generate_audio)
VALUES ('seedance-1-5-pro-251215', 'default', 'USD', 1.2, '2020-01-01', false),
       ('seedance-1-5-pro-251215', 'flex', 'USD', 0.6, '2020-01-01', false);
SQL
psql_bench -c "VACUUM ANALYZE ark.tasks" -c "VACUUM ANALYZE ark.task_usage" -c "VACUUM ANALYZE ark.task_history" \
  -c "VACUUM ANALYZE ark.task_cost_inputs" -c "VACUUM ANALYZE ark.task_price_keys" \
  -c "ANALYZE ark.model_prices"  # as autovacuum would: the planner otherwise guesses hundreds of price rows
echo "   generated and analyzed in $(( $(date +%s) - start )) s"

echo "== Sizes"
psql_bench -c "
SELECT c.relname AS relation, c.relkind AS kind, to_char(c.reltuples, 'FM999,999,999') AS rows,
       pg_size_pretty(pg_relation_size(c.oid)) AS size
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'ark' AND c.relkind IN ('r', 'i') AND c.relname ~ '^(tasks|task_usage|task_history)'
ORDER BY c.relkind DESC, pg_relation_size(c.oid) DESC"

# Typical queries: what the report command, the Grafana dashboard and the README examples run.
TIMELINE_TASK=$(psql_bench -tAc "SELECT id FROM ark.tasks ORDER BY created_at OFFSET $((TASKS / 2)) LIMIT 1")
declare -a TITLES QUERIES
add() { case "$1" in *"${ONLY:-}"*) TITLES+=("$1"); QUERIES+=("$2") ;; esac; }
add "daily_token_usage: report, last 30 days by day" "
SELECT day, sum(tasks) AS tasks, sum(tasks_with_usage) AS with_usage, sum(completion_tokens) AS completion,
       sum(total_tokens) AS total
FROM ark.daily_token_usage WHERE day BETWEEN current_date - 29 AND current_date GROUP BY day ORDER BY day"
add "daily_token_usage: Grafana, tokens per model per day, last 7 days" "
SELECT day, model, sum(total_tokens) FROM ark.daily_token_usage
WHERE day BETWEEN current_date - 6 AND current_date GROUP BY day, model ORDER BY day, model"
add "monthly_token_usage: last 3 months" "
SELECT * FROM ark.monthly_token_usage
WHERE month >= date_trunc('month', current_date - interval '2 months')::date ORDER BY month, model"
add "monthly_token_usage_by_account: last 3 months" "
SELECT * FROM ark.monthly_token_usage_by_account
WHERE month >= date_trunc('month', current_date - interval '2 months')::date ORDER BY month, account"
add "daily_task_outcomes: last 30 days" "
SELECT * FROM ark.daily_task_outcomes WHERE day BETWEEN current_date - 29 AND current_date ORDER BY day, model"
add "daily_task_latency: succeeded, last 30 days" "
SELECT day, model, tasks, p50_seconds, p95_seconds FROM ark.daily_task_latency
WHERE day BETWEEN current_date - 29 AND current_date AND status = 'succeeded' ORDER BY day, model"
add "task_latency: p95 per model over the last 30 days" "
SELECT model, percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_seconds) AS p95 FROM ark.task_latency
WHERE day BETWEEN current_date - 29 AND current_date AND status = 'succeeded' GROUP BY model"
add "expired_video_urls: tasks created in the last 7 days" "
SELECT id, url_expired_at, video_url FROM ark.expired_video_urls
WHERE day BETWEEN current_date - 6 AND current_date ORDER BY url_expired_at"
# Issue 22's goal: a 30-day report --by user --cost within a second (the SQL of ReportDao.parts for --by user: one
# price lookup per task through ark.task_costs). Measured and not kept (commit 31c5c0f, reverted): grouping the tasks
# by key, model, tier, dimensions and price period first and pricing each group once; at 500,000 tasks it traded
# ~490,000 lookups for a sort of as many rows and was slower.
# V19's query (through ark.task_costs), kept beside V20's so that one run measures both on the same data and load.
add "task_costs: report --by user --cost, 30 days (before V20)" "
SELECT safety_identifier AS k0, currency, count(*) AS tasks, count(*) FILTER (WHERE has_usage) AS tasks_with_usage,
       sum(completion_tokens)::bigint, sum(total_tokens)::bigint, sum(cost),
       count(*) FILTER (WHERE has_usage AND unpriced), (sum(total_tokens) FILTER (WHERE unpriced))::bigint
FROM ark.task_costs WHERE day BETWEEN current_date - 29 AND current_date
GROUP BY 1, 2 ORDER BY 1, 2"
# ReportDao.COSTS + ReportDao.parts as the report runs it (V20): ark.task_cost_inputs, priced per price key and period.
REPORT_COSTS=$(sed -n '/String COSTS = """/,/^ *""";/p' src/main/java/io/arktasksync/report/ReportDao.java | sed '1d;$d' \
  | sed -e 's/:from/current_date - 29/' -e 's/:to/current_date/' -e 's/CAST(:account AS text)/CAST(NULL AS text)/' \
        -e 's/= :account/= NULL/' -e "s/:demo/'demo'/")
add "task_cost_inputs: report --by user --cost, 30 days (ReportDao.parts)" "
$REPORT_COSTS
SELECT safety_identifier AS k0, currency, count(*) AS tasks, count(*) FILTER (WHERE has_usage) AS tasks_with_usage,
       sum(completion_tokens)::bigint, sum(total_tokens)::bigint, sum(cost),
       count(*) FILTER (WHERE has_usage AND unpriced), (sum(total_tokens) FILTER (WHERE unpriced))::bigint
FROM task_costs
GROUP BY 1, 2 ORDER BY 1, 2"
# The cost views that read ark.task_cost_inputs since V24, as a dashboard or a finance export queries them.
add "daily_user_cost: cost by user per day, 30 days (V24)" "
SELECT safety_identifier, currency, sum(tasks), sum(total_tokens), sum(cost) FROM ark.daily_user_cost
WHERE day BETWEEN current_date - 29 AND current_date GROUP BY 1, 2 ORDER BY 1, 2"
add "focus_costs: FOCUS export by user, 30 days (V24)" "
SELECT count(*), sum(\"EffectiveCost\") FROM ark.focus_costs
WHERE \"x_Day\" BETWEEN current_date - 29 AND current_date"
add "task_timeline: one task" "
SELECT * FROM ark.task_timeline('$TIMELINE_TASK')"

# V20 must not change a figure: the two report queries give the same rows on this data.
BEFORE_AND_AFTER=$(for i in "${!TITLES[@]}"; do case "${TITLES[$i]}" in *"report --by user --cost"*) echo "$i" ;; esac; done)
if [ "$(echo "$BEFORE_AND_AFTER" | wc -w)" = 2 ]; then
  set -- $BEFORE_AND_AFTER
  if [ "$(psql_bench -tAc "${QUERIES[$1]}" | md5sum)" = "$(psql_bench -tAc "${QUERIES[$2]}" | md5sum)" ]; then
    echo "== report --by user --cost: the same $(psql_bench -tAc "${QUERIES[$2]}" | wc -l) rows before and after V20"
  else
    echo "== report --by user --cost: the rows DIFFER before and after V20"
  fi
fi

# Execution time of one EXPLAIN ANALYZE; PGOPTIONS may change settings for it (e.g. -c jit=off).
execution_time() {
  PGOPTIONS="${2:-}" psql_bench -c "EXPLAIN (ANALYZE) $1" | sed -n 's/.*Execution Time: \(.*\)/\1/p'
}

declare -a TIMES NO_JIT
for i in "${!QUERIES[@]}"; do
  echo
  echo "== ${TITLES[$i]}"
  echo "${QUERIES[$i]}" | sed '/^$/d'
  psql_bench -c "${QUERIES[$i]}" >/dev/null   # warm-up: the figures below are for a warm cache
  plan=$(psql_bench -c "EXPLAIN (ANALYZE, BUFFERS) ${QUERIES[$i]}")
  echo "$plan"
  TIMES+=("$(echo "$plan" | sed -n 's/.*Execution Time: \(.*\)/\1/p')")
  NO_JIT+=("$(execution_time "${QUERIES[$i]}" "-c jit=off")")
done

echo
echo "== Summary ($TASKS tasks over $DAYS days, PostgreSQL $(psql_bench -tAc 'SHOW server_version'),"
echo "   work_mem $(psql_bench -tAc 'SHOW work_mem'), load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs)"
printf '  %-66s %12s %12s\n' "query" "default" "jit=off"
for i in "${!TITLES[@]}"; do
  printf '  %-66s %12s %12s\n' "${TITLES[$i]}" "${TIMES[$i]}" "${NO_JIT[$i]}"
done
echo
echo "== The same queries without the indexes of V3 (dropped in a transaction that is rolled back)"
printf '  %-66s %12s %12s\n' "query" "with" "without"
for i in "${!TITLES[@]}"; do
  case "${TITLES[$i]}" in task_timeline*) continue ;; esac
  without=$(psql_bench -c "BEGIN" \
    -c "DROP INDEX ark.tasks_utc_day_idx, ark.tasks_utc_month_idx, ark.task_usage_tokens_idx" \
    -c "EXPLAIN (ANALYZE) ${QUERIES[$i]}" -c "ROLLBACK" | sed -n 's/.*Execution Time: \(.*\)/\1/p')
  printf '  %-66s %12s %12s\n' "${TITLES[$i]}" "${TIMES[$i]}" "$without"
done
