#!/usr/bin/env bash
# The narrow variant of src/bench/naive-curl-jq-psql.sh (issue 12): the same curl + jq + psql script storing only the
# narrow columns, in schema naive_narrow: tasks without the raw jsonb, usage, and no history. What "store less" costs
# at best, as a bar for the full sync. Same arguments, same tools, same row-count check.
#   src/bench/naive-narrow-curl-jq-psql.sh BASE_URL API_KEY DATABASE_URL
NAIVE_NARROW=1 exec bash "$(dirname "$0")/naive-curl-jq-psql.sh" "$@"
