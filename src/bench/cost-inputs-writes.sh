#!/usr/bin/env bash
# What keeping ark.task_cost_inputs costs the sync's writes (issue 22; db/V20, V23). Creates a scratch database,
# applies db/V*.sql with psql, generates N staged tasks (default 100000; 60% with usage, 9 price keys, raw about
# 1.2 kB) and merges them into the empty tables in chunks of 500 with the sync's own statement (TaskUpsertDao, read
# from the Java source; sync_input as ChunkStaging creates it), one transaction per chunk, as a first sync does.
# ROUNDS times (default 2), alternated: with the triggers as migrated, then with the triggers of ark.tasks and
# ark.task_usage disabled (the statement alone). Prints the wall time of each, the trigger functions' time
# (pg_stat_user_functions) and checks that the narrow rows equal ark.tasks joined to ark.task_usage.
#
#   src/bench/cost-inputs-writes.sh [tasks]
#   TREE=/tmp/main-tree src/bench/cost-inputs-writes.sh 100000   # another tree's db/ and TaskUpsertDao, e.g. from
#                                                                # git archive main db src | tar -x -C /tmp/main-tree
#
# Connects with the usual libpq variables (default 127.0.0.1:5432 as the current user, allowed to CREATE DATABASE).
# The scratch database (BENCH_DATABASE, default ark_cost_inputs_bench) is dropped at the end unless KEEP_DATABASE=1.
set -euo pipefail
cd "$(dirname "$0")/../.."
TREE=${TREE:-.}
TASKS=${1:-100000}
ROUNDS=${ROUNDS:-2}
DB=${BENCH_DATABASE:-ark_cost_inputs_bench}
export PGHOST=${PGHOST:-127.0.0.1}
export PGPORT=${PGPORT:-5432}
WORK=$(mktemp -d)

psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@"; }
psql_bench() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
cleanup() {
  rm -rf "$WORK"
  if [ "${KEEP_DATABASE:-0}" != 1 ]; then
    psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
  fi
}
trap cleanup EXIT

echo "== $TASKS tasks, tree $TREE ($(git -C "$TREE" rev-parse --short HEAD 2>/dev/null || echo 'not a git tree'))"
psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
psql_bench -c "CREATE SCHEMA IF NOT EXISTS ark; CREATE SCHEMA IF NOT EXISTS ark_batch" 2>/dev/null
for migration in $(ls "$TREE"/db/V*__*.sql | sort -V); do
  psql_bench -f "$migration" >/dev/null 2>&1 || { echo "failed: $migration"; psql_bench -f "$migration"; exit 1; }
done

psql_bench -v tasks="$TASKS" <<'SQL'
CREATE TABLE public.bench_input AS
SELECT 'cgt-' || lpad(g::text, 10, '0') AS id,
       (ARRAY['doubao-seedance-1-0-pro-250528', 'doubao-seedance-1-0-lite-t2v-250428', 'doubao-seedance-1-5-pro-251215',
              'doubao-seedance-2-0-260128', 'doubao-seaweed-241128', 'doubao-seedance-1-0-pro-fast-251015'])[1 + g % 6]
           AS model,
       (ARRAY['succeeded', 'succeeded', 'succeeded', 'failed', 'expired'])[1 + g % 5] AS status,
       CASE WHEN g % 3 = 0 THEN 'flex' ELSE 'default' END AS service_tier,
       'https://example.invalid/video/' || g || '.mp4' AS video_url, NULL::text AS last_frame_url,
       NULL::text AS file_url, NULL::text AS error_code, NULL::text AS error_message,
       (ARRAY['480p', '720p', '1080p'])[1 + g % 3] AS resolution, '16:9' AS ratio, 5 AS duration, 121 AS frames,
       24 AS fps, g::bigint AS seed, (1765000000 + g * 20)::bigint AS created_epoch,
       (1765000000 + g * 20 + 60)::bigint AS updated_epoch,
       jsonb_build_object('id', 'cgt-' || g, 'status', 'succeeded',
                          'content', jsonb_build_object('video_url', 'https://example.invalid/video/' || g || '.mp4?'
                                                                     || repeat(md5(g::text), 30)),
                          'usage', jsonb_build_object('total_tokens', 1000 + g % 5000)) AS raw,
       g % 5 < 3 AS has_usage, (1000 + g % 5000)::bigint AS completion_tokens,
       (1000 + g % 5000)::bigint AS total_tokens, NULL::jsonb AS tool_usage,
       CASE WHEN g % 4 = 0 THEN NULL ELSE 'user-' || (g % 2000) END AS safety_identifier, NULL::text AS priority,
       CASE WHEN g % 10 = 0 THEN true END AS draft, CASE WHEN g % 6 = 2 THEN (g % 2 = 0) END AS generate_audio,
       NULL::text[] AS tool_types, md5(g::text)::uuid AS content_hash, g AS n
FROM generate_series(1, :tasks) g;
CREATE INDEX ON public.bench_input (n);
ANALYZE public.bench_input;
SQL

# The statement as the DAO sends it, its parameters given
CREATE_TABLE=$(sed -n '/CREATE_TABLE = """/,/^ *""";/p' "$TREE"/src/main/java/io/arktasksync/persistence/ChunkStaging.java \
  | sed '1d;$d')
UPSERT=$(sed -n '/@SqlQuery("""/,/^ *""")/p' "$TREE"/src/main/java/io/arktasksync/persistence/TaskUpsertDao.java \
  | sed '1d;$d' | sed -e "s/:account/'default'/g" -e 's/:runId/1/g' -e 's/:now/now()/g' \
        -e "s/:touchBefore/now() - interval '1 hour'/g")
COLUMNS="id, model, status, service_tier, video_url, last_frame_url, file_url, error_code, error_message, resolution,
  ratio, duration, frames, fps, seed, created_epoch, updated_epoch, raw, has_usage, completion_tokens, total_tokens,
  tool_usage, safety_identifier, priority, draft, generate_audio, tool_types, content_hash"
{
  echo "SET client_min_messages = warning;"
  echo "SET track_functions = 'pl';"
  for ((first = 0; first < TASKS; first += 500)); do
    echo "BEGIN;"
    echo "$CREATE_TABLE;"
    echo "INSERT INTO pg_temp.sync_input SELECT $COLUMNS FROM public.bench_input WHERE n > $first AND n <= $((first + 500));"
    echo "$UPSERT;"
    echo "COMMIT;"
  done
} > "$WORK/load.sql"

reset() {
  psql_bench -c "SET client_min_messages = warning" \
    -c "TRUNCATE ark.task_history, ark.task_usage, ark.tasks, ark.task_cost_inputs, ark.task_price_keys RESTART IDENTITY" \
    -c "VACUUM ANALYZE ark.tasks" -c "VACUUM ANALYZE ark.task_usage" -c "VACUUM ANALYZE ark.task_cost_inputs" \
    -c "SELECT pg_stat_reset()" >/dev/null
}
triggers() {
  psql_bench -c "ALTER TABLE ark.tasks $1 TRIGGER USER" -c "ALTER TABLE ark.task_usage $1 TRIGGER USER"
}
load() {
  local start end
  start=$(date +%s.%N)
  psql_bench -f "$WORK/load.sql" >/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

for ((round = 1; round <= ROUNDS; round++)); do
  reset
  echo "round $round, with the triggers:      $(load) s   (load $(uptime | sed 's/.*load average: //'))"
  psql_bench -tA -F ' ' -c "SELECT pg_stat_force_next_flush()" \
    -c "SELECT '    ' || funcname, calls, round(total_time) || ' ms' FROM pg_stat_user_functions ORDER BY total_time DESC" \
    | sed '/^$/d'
  psql_bench -tA -c "
    SELECT '    narrow rows not as ark.tasks and ark.task_usage say: ' || count(*) FROM (
      (SELECT t.id, t.created_at, t.account, t.model, t.service_tier, t.status, t.safety_identifier, t.generate_audio,
              t.resolution, t.draft, u.task_id IS NOT NULL, u.completion_tokens, u.total_tokens
       FROM ark.tasks t LEFT JOIN ark.task_usage u ON u.task_id = t.id)
      EXCEPT
      (SELECT i.task_id, i.created_at, i.account, i.model, i.service_tier, i.status, i.safety_identifier,
              k.generate_audio, k.resolution, k.draft, i.has_usage, i.completion_tokens, i.total_tokens
       FROM ark.task_cost_inputs i JOIN ark.task_price_keys k USING (price_key))) d"
  reset
  triggers DISABLE
  echo "round $round, the triggers disabled:  $(load) s   (load $(uptime | sed 's/.*load average: //'))"
  triggers ENABLE
done
