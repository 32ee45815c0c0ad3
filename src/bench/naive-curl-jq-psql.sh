#!/usr/bin/env bash
# The comparison of issue 5: what a user writes without ark-task-sync to load the Ark task list into PostgreSQL.
# One curl per page, one jq per page turning the items into CSV rows (task + usage + the raw item as jsonb), then one
# psql session: \copy into a temporary staging table and one upsert that also writes a history row for every task
# inserted or changed. Sequential, as such a script is written; no parallel fetches, no tuning.
#
#   src/bench/naive-curl-jq-psql.sh BASE_URL API_KEY DATABASE_URL
#     BASE_URL      e.g. http://127.0.0.1:8080/api/v3 (the simulator: SimulatorMain, test code, prints it)
#     DATABASE_URL  a libpq URI or conninfo, e.g. postgresql://root@127.0.0.1:5432/naive_scratch; PGUSER/PGPASSWORD
#                   from the environment apply. The script writes only to its own schema naive_sync there (created
#                   when missing), never to ark.*. Point it at a scratch database.
#
# Needs curl, jq (1.6 or later) and psql: on Debian/Ubuntu `apt-get install curl jq postgresql-client`.
# src/bench/benchmark.sh runs it against the same simulator as the floor and ark-task-sync and prints its time.
# NAIVE_NARROW=1 (what src/bench/naive-narrow-curl-jq-psql.sh sets) stores only the narrow columns, in schema
# naive_narrow: tasks without raw jsonb, usage, no history; the upsert compares the columns instead of raw.
# Ends with a row-count check (exit 1 when the counts do not match what the API reported); exit 3 when a tool is missing.
set -euo pipefail

for tool in curl jq psql; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "naive-curl-jq-psql.sh: '$tool' is not installed. Install curl, jq and psql" \
      "(Debian/Ubuntu: apt-get install curl jq postgresql-client)." >&2
    exit 3
  fi
done
if [ "$#" -ne 3 ]; then
  sed -n '7,11p' "$0" >&2
  exit 2
fi
BASE_URL=$1 API_KEY=$2 DATABASE_URL=$3
PAGE_SIZE=500
MAX_PAGE=500 # the API refuses page_num > 500

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
started=$(now)

# The narrow variant: the same tasks and usage tables without raw, and no history. The rest of the script is shared.
if [ "${NAIVE_NARROW:-}" = 1 ]; then
  NAME=naive-narrow-curl-jq-psql SCHEMA=naive_narrow RAW_COLUMN= RAW_JQ= RAW_STAGED= RAW_VALUE= RAW_SET=
  CHANGED='(t.model, t.status, t.service_tier, t.video_url, t.last_frame_url, t.file_url, t.error_code,
        t.error_message, t.resolution, t.ratio, t.duration, t.frames, t.fps, t.seed, t.created_at, t.updated_at)
        IS DISTINCT FROM (excluded.model, excluded.status, excluded.service_tier, excluded.video_url,
        excluded.last_frame_url, excluded.file_url, excluded.error_code, excluded.error_message, excluded.resolution,
        excluded.ratio, excluded.duration, excluded.frames, excluded.fps, excluded.seed, excluded.created_at,
        excluded.updated_at)'
  # No history: the upsert alone, its row count kept in a psql variable (printing nothing).
  HISTORY='SELECT count(*) AS upserted FROM upserted \gset'
  HISTORY_COUNT=0
else
  NAME=naive-curl-jq-psql SCHEMA=naive_sync RAW_COLUMN=', raw jsonb NOT NULL' RAW_JQ=', tojson'
  RAW_STAGED=', raw jsonb' RAW_VALUE=', raw' RAW_SET=', raw = excluded.raw' CHANGED='t.raw IS DISTINCT FROM excluded.raw'
  HISTORY='INSERT INTO naive_sync.task_history (task_id, observed_at, status, task_updated_at, completion_tokens,
    total_tokens, video_url, last_frame_url, error_code, error_message)
SELECT l.id, now(), l.status, to_timestamp(l.updated_epoch), l.completion_tokens, l.total_tokens, l.video_url,
    l.last_frame_url, l.error_code, l.error_message
FROM upserted u JOIN latest l USING (id);'
  HISTORY_COUNT='(SELECT count(*) FROM naive_sync.task_history)'
fi

psql -X -q -v ON_ERROR_STOP=1 "$DATABASE_URL" <<SQL
SET client_min_messages = warning;
CREATE SCHEMA IF NOT EXISTS $SCHEMA;
CREATE TABLE IF NOT EXISTS $SCHEMA.tasks (
    id text PRIMARY KEY, model text, status text, service_tier text, video_url text, last_frame_url text,
    file_url text, error_code text, error_message text, resolution text, ratio text, duration integer,
    frames integer, fps integer, seed bigint, created_at timestamptz, updated_at timestamptz,
    synced_at timestamptz NOT NULL$RAW_COLUMN
);
CREATE INDEX IF NOT EXISTS tasks_created_at_idx ON $SCHEMA.tasks (created_at);
CREATE INDEX IF NOT EXISTS tasks_model_created_at_idx ON $SCHEMA.tasks (model, created_at);
CREATE INDEX IF NOT EXISTS tasks_unfinished_idx ON $SCHEMA.tasks (status) WHERE status IN ('queued', 'running');
CREATE TABLE IF NOT EXISTS $SCHEMA.task_usage (
    task_id text PRIMARY KEY, completion_tokens bigint, total_tokens bigint, tool_usage jsonb,
    recorded_at timestamptz NOT NULL
);
SQL
if [ -z "${NAIVE_NARROW:-}" ]; then
  psql -X -q -v ON_ERROR_STOP=1 "$DATABASE_URL" <<'SQL'
SET client_min_messages = warning;
CREATE TABLE IF NOT EXISTS naive_sync.task_history (
    history_id bigserial PRIMARY KEY, task_id text NOT NULL, observed_at timestamptz NOT NULL, status text,
    task_updated_at timestamptz, completion_tokens bigint, total_tokens bigint, video_url text,
    last_frame_url text, error_code text, error_message text
);
CREATE INDEX IF NOT EXISTS task_history_task_idx ON naive_sync.task_history (task_id, history_id);
SQL
fi

# One CSV row per item. Empty strings in content become NULL; "error" may be called "failure_reason" or be a bare
# string (ARK_API.md); the tier comes from the listing when the item does not say. Nulls are unquoted empty fields,
# which COPY's csv format reads as NULL.
# shellcheck disable=SC2016
TO_CSV='
def nonempty: if . == "" then null else . end;
def errobj: (.error // .failure_reason);
.items[] | [
  .id, .model, .status, (.service_tier // $tier),
  (.content.video_url | nonempty), (.content.last_frame_url | nonempty), (.content.file_url | nonempty),
  (errobj | if type == "object" then (.code | nonempty) else null end),
  (errobj | if type == "object" then (.message | nonempty) elif type == "string" then nonempty else null end),
  .resolution, .ratio, .duration, .frames, .framespersecond, .seed, .created_at, .updated_at,
  ((.usage // {}) | length > 0), .usage.completion_tokens, .usage.total_tokens,
  (.usage.tool_usage | if . == null then null else tojson end)
  '"$RAW_JQ"'
] | @csv'

expected=0
pages=0
: > "$work/items.csv"
for tier in default flex; do
  page=1
  while :; do
    if [ "$page" -gt "$MAX_PAGE" ]; then
      echo "naive-curl-jq-psql.sh: more than $MAX_PAGE pages in tier $tier; the API cannot list them all" >&2
      exit 1
    fi
    curl -fsS --retry 3 -H "Authorization: Bearer $API_KEY" -o "$work/page.json" \
      "$BASE_URL/contents/generations/tasks?page_num=$page&page_size=$PAGE_SIZE&filter.service_tier=$tier"
    pages=$((pages + 1))
    # jq fails (and so the script) when the body is not JSON or has no "items" array.
    jq -r --arg tier "$tier" "$TO_CSV" "$work/page.json" > "$work/page.csv"
    [ -s "$work/page.csv" ] || break # an empty page ends the listing
    cat "$work/page.csv" >> "$work/items.csv"
    if [ "$page" -eq 1 ]; then
      expected=$((expected + $(jq -r '.total' "$work/page.json")))
    fi
    page=$((page + 1))
  done
done
fetched=$(now)

# The load: one transaction. Duplicate ids (offset paging can repeat a task) keep the newest version.
counts=$(psql -X -q -At -F ' ' -v ON_ERROR_STOP=1 "$DATABASE_URL" <<SQL
SET client_min_messages = warning;
CREATE TEMP TABLE staging (
    id text, model text, status text, service_tier text, video_url text, last_frame_url text, file_url text,
    error_code text, error_message text, resolution text, ratio text, duration integer, frames integer, fps integer,
    seed bigint, created_epoch bigint, updated_epoch bigint, has_usage boolean, completion_tokens bigint,
    total_tokens bigint, tool_usage jsonb$RAW_STAGED
);
\copy staging FROM '$work/items.csv' WITH (FORMAT csv)
BEGIN;
WITH latest AS (
    SELECT DISTINCT ON (id) * FROM staging ORDER BY id, updated_epoch DESC NULLS LAST
), upserted AS (
    INSERT INTO $SCHEMA.tasks AS t (id, model, status, service_tier, video_url, last_frame_url, file_url,
        error_code, error_message, resolution, ratio, duration, frames, fps, seed, created_at, updated_at,
        synced_at$RAW_VALUE)
    SELECT id, model, status, service_tier, video_url, last_frame_url, file_url, error_code, error_message,
        resolution, ratio, duration, frames, fps, seed, to_timestamp(created_epoch), to_timestamp(updated_epoch),
        now()$RAW_VALUE
    FROM latest
    ON CONFLICT (id) DO UPDATE SET model = excluded.model, status = excluded.status,
        service_tier = excluded.service_tier, video_url = excluded.video_url,
        last_frame_url = excluded.last_frame_url, file_url = excluded.file_url, error_code = excluded.error_code,
        error_message = excluded.error_message, resolution = excluded.resolution, ratio = excluded.ratio,
        duration = excluded.duration, frames = excluded.frames, fps = excluded.fps, seed = excluded.seed,
        created_at = excluded.created_at, updated_at = excluded.updated_at, synced_at = excluded.synced_at$RAW_SET
    WHERE $CHANGED
    RETURNING id
)
$HISTORY
INSERT INTO $SCHEMA.task_usage AS u (task_id, completion_tokens, total_tokens, tool_usage, recorded_at)
SELECT DISTINCT ON (id) id, completion_tokens, total_tokens, tool_usage, now()
FROM staging WHERE has_usage ORDER BY id, updated_epoch DESC NULLS LAST
ON CONFLICT (task_id) DO UPDATE SET completion_tokens = excluded.completion_tokens,
    total_tokens = excluded.total_tokens, tool_usage = excluded.tool_usage, recorded_at = excluded.recorded_at
WHERE (u.completion_tokens, u.total_tokens, u.tool_usage)
    IS DISTINCT FROM (excluded.completion_tokens, excluded.total_tokens, excluded.tool_usage);
COMMIT;
SELECT (SELECT count(*) FROM staging),
       (SELECT count(DISTINCT id) FROM staging),
       (SELECT count(DISTINCT id) FROM staging WHERE has_usage),
       (SELECT count(*) FROM $SCHEMA.tasks t WHERE EXISTS (SELECT 1 FROM staging s WHERE s.id = t.id)),
       (SELECT count(*) FROM $SCHEMA.task_usage u WHERE EXISTS (SELECT 1 FROM staging s WHERE s.id = u.task_id)),
       $HISTORY_COUNT;
SQL
)
finished=$(now)
read -r rows distinct with_usage tasks usage history <<< "$counts"

printf '%s: %d pages, %d items (API total %d), %d tasks, %d usage rows, %d history rows in total;' \
  "$NAME" "$pages" "$rows" "$expected" "$tasks" "$usage" "$history"
awk -v s="$started" -v f="$fetched" -v e="$finished" \
  'BEGIN { printf " fetch+jq %.2f s, load %.2f s, total %.2f s\n", f - s, e - f, e - s }'
if [ "$distinct" -ne "$expected" ] || [ "$tasks" -ne "$distinct" ] || [ "$usage" -ne "$with_usage" ]; then
  echo "$NAME.sh: row counts do not match: API total $expected, distinct ids fetched $distinct," \
    "tasks stored $tasks, items with usage $with_usage, usage rows $usage" >&2
  exit 1
fi
