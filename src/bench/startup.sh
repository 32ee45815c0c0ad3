#!/usr/bin/env bash
# Start-up benchmark (issue 5): how long `ark-task-sync --demo` takes from process start to its first API request
# ("Sync run N started" in the log) and to process exit, for several ways of launching the same jar:
#
#   j17-jar        java -jar ark-task-sync.jar                                  (JDK 17, the default java)
#   j17-ex         java -jar <extracted>/ark-task-sync.jar                      (java -Djarmode=tools ... extract)
#   j17-cds        + -XX:SharedArchiveFile=app17.jsa      (trained with -Dspring.context.exit=onRefresh)
#   j17-cds-run    + -XX:SharedArchiveFile=app17-run.jsa  (trained with one whole demo sync)
#   j25-jar        JDK 25, java -jar ark-task-sync.jar
#   j25-ex         JDK 25, extracted
#   j25-aot        + -XX:AOTCache=app25.aot               (trained with -Dspring.context.exit=onRefresh)
#   j25-aot-run    + -XX:AOTCache=app25-run.aot           (trained with one whole demo sync)
#   j17-sa-cds     Spring AOT (-Dspring.aot.enabled=true) + CDS, from a scratch copy of the repo built with
#   j25-sa-aot     spring-boot:process-aot (SPRING_AOT=0 skips both)
#   VARIANT+MOD    a variant plus options: +hik1 --spring.datasource.hikari.minimum-idle=1,
#                  +noval --spring.flyway.validate-on-migrate=false, +c1 -XX:TieredStopAtLevel=1,
#                  +serial -XX:+UseSerialGC, +props the --name=value list in PROPS
#
# Each variant runs RUNS times after one discarded warm-up, round-robin (so drift hits every variant alike), against
#   cold: a freshly created database (Flyway applies every migration), and
#   warm: a copy of an already migrated and synced database (Flyway has nothing to do: the steady cron case).
# It prints median and min in ms of "first" (process start to the first API request: the "Sync run N started" log
# line, stamped as it arrives on the pipe), "exit" (process start to exit) and the JVM's CPU time; results.csv also
# has "demo" (process start to "Demo: serving", i.e. JVM + launcher + demo API, before Spring starts).
#
#   src/bench/startup.sh [runs]                        # default 5
#   VARIANTS="j17-jar j17-cds" src/bench/startup.sh 3  # a subset
#
# Needs the PostgreSQL the tests use (127.0.0.1:5432, trust auth; see .ci/run) and, for the JDK 25 variants,
# JAVA25 (default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java). Works in WORK (default target/startup-bench) on a copy
# of JAR (default target/ark-task-sync.jar, built if missing), so a rebuild in target/ during the run changes
# nothing. Creates and drops databases named sbench_*. The Spring AOT variants build SPRING_AOT_REF (default HEAD)
# in a scratch directory under /tmp.
# Start-up numbers are only as good as the machine is idle: before each run the script waits (QUIET_WAIT s at
# most) until the CPUs were under QUIET_PCT % busy for 2 s, and measures a run again (TRIES times at most) when
# other processes, PostgreSQL included, used more than NOISE_MS of CPU during it (results.csv: other_cpu_ms).
# On a machine that other sessions keep busy, PRIORITY=1 (root) starts each measured JVM in its own session and
# gives that session's autogroup nice -20, so the scheduler favours it (PostgreSQL stays shared); use it with
# QUIET_WAIT=0 NOISE_MS=999999, and compare variants only within one such run.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

RUNS=${1:-${RUNS:-5}}
JAVA17=${JAVA17:-java}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=${JAR:-target/ark-task-sync.jar}
WORK=${WORK:-target/startup-bench}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
SPRING_AOT=${SPRING_AOT:-1}
# application.properties candidates, passed as --name=value (they change nothing but start-up work).
PROPS=${PROPS:---spring.datasource.hikari.minimum-idle=1}
QUIET_PCT=${QUIET_PCT:-10}     # see wait_quiet
QUIET_WAIT=${QUIET_WAIT:-600}
NOISE_MS=${NOISE_MS:-1500}     # a run during which other processes used more CPU than this is measured again
TRIES=${TRIES:-4}              # at most this many times
PRIORITY=${PRIORITY:-0}        # 1: run each measured JVM in its own session with autogroup nice -20 (root; see header)
ALL_VARIANTS="j17-jar j17-ex j17-cds j17-cds-run j25-jar j25-ex j25-aot j25-aot-run j17-sa-cds j25-sa-aot
  j17-cds+hik1 j17-cds+noval j17-cds+c1 j17-cds+serial"
VARIANTS=$(echo ${VARIANTS:-$ALL_VARIANTS})
export PGHOST PGPORT

if [ "$SPRING_AOT" = 0 ]; then
  VARIANTS=$(tr ' ' '\n' <<<"$VARIANTS" | grep -v -- '-sa-' | tr '\n' ' ')
fi
case " $VARIANTS " in *" j25-"*) "$JAVA25" -version >/dev/null 2>&1 || { echo "JAVA25=$JAVA25 does not run" >&2; exit 1; } ;; esac

psql_q() { PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "$1" >/dev/null; }
pg_isready -q -h "$PGHOST" -p "$PGPORT" || { echo "PostgreSQL is not up at $PGHOST:$PGPORT" >&2; exit 1; }
url() { echo "jdbc:postgresql://$PGHOST:$PGPORT/$1"; }
fresh_db() { psql_q "DROP DATABASE IF EXISTS $1"; psql_q "CREATE DATABASE $1 ${2:+TEMPLATE $2}"; }
drop_db() { psql_q "DROP DATABASE IF EXISTS $1"; }

# ---- the jar, extracted ---------------------------------------------------------------------------------------------
if [ ! -f "$JAR" ]; then
  echo "== building $JAR"
  mvn -B -q -DskipTests package
fi
rm -rf "$WORK"
mkdir -p "$WORK/logs"
WORK=$(cd "$WORK" && pwd)
cp "$JAR" "$WORK/ark-task-sync.jar"
printf '#!/bin/sh\n# own session (setsid) = own autogroup; raise its weight so other sessions busy on the machine disturb less\necho -20 > /proc/self/autogroup 2>/dev/null\nexec "$@"\n' \
  > "$WORK/priority.sh"
chmod +x "$WORK/priority.sh"
"$JAVA17" -Djarmode=tools -jar "$WORK/ark-task-sync.jar" extract --destination "$WORK/ex" >/dev/null

# ---- Spring AOT: a scratch copy of the repository whose pom also runs process-aot ---------------------------------
if [[ " $VARIANTS " == *-sa-* ]]; then
  echo "== Spring AOT build in a scratch copy"
  scratch=$(mktemp -d /tmp/ark-startup-aot.XXXXXX)
  trap 'rm -rf "$scratch"' EXIT
  # The committed state (SPRING_AOT_REF, default HEAD): the work tree may be mid-edit.
  git -C "$ROOT" archive "${SPRING_AOT_REF:-HEAD}" | tar -x -C "$scratch"
  # Add the process-aot execution to the plugin; the default build is unchanged. AOT processing runs main() up to the
  # refresh and ends it with SpringApplication.AbandonedRunException, which main() must let through (it reports every
  # exception as a failed run and exits; the catch is in cli.ContextLaunch): patch that in the copy too.
  sed -i '0,/<artifactId>spring-boot-maven-plugin<\/artifactId>/s##<artifactId>spring-boot-maven-plugin</artifactId>\n        <executions><execution><id>process-aot</id><goals><goal>process-aot</goal></goals></execution></executions>#' \
    "$scratch/pom.xml"
  main="$scratch/src/main/java/io/arktasksync/cli/ContextLaunch.java"
  if ! grep -q 'AbandonedRunException' "$main"; then
    sed -i 's#^\(\s*\)catch (InvalidSettingsException e) {#\1catch (SpringApplication.AbandonedRunException e) {\n\1    throw e;\n\1}\n\1catch (InvalidSettingsException e) {#' "$main"
    grep -q 'AbandonedRunException' "$main" || { echo "could not patch $main for Spring AOT" >&2; exit 1; }
  fi
  # The settings check needs an API URL and key at AOT time too (any: nothing is called).
  (cd "$scratch" && mvn -B -q -DskipTests package \
      "-Dspring-boot.aot.jvmArguments=-Dark.base-url=http://127.0.0.1:9/api/v3 -Dark.api-key=aot") \
    > "$WORK/logs/spring-aot-build.log" 2>&1 \
    || { echo "Spring AOT build failed, see $WORK/logs/spring-aot-build.log" >&2; exit 1; }
  "$JAVA17" -Djarmode=tools -jar "$scratch/target/ark-task-sync.jar" extract --destination "$WORK/ex-sa" >/dev/null
  rm -rf "$scratch"
  trap - EXIT
fi

# ---- one run: prints "demo_ms first_ms total_ms cpu_ms other_cpu_ms", its log in $WORK/logs/<name>.log -------------
# cpu_ms is the JVM's own user+sys CPU time; other_cpu_ms is what every other process (PostgreSQL included) used
# meanwhile, from /proc/stat: a large value on a run means something else competed for the 2 cores.
stamp() { local line; while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done; }
busy_ticks() { awk '/^cpu /{ print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
all_ticks() { awk '/^cpu /{ print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }
# Waits (at most QUIET_WAIT s) until the CPUs were less than QUIET_PCT % busy over 2 s: other work on the machine
# (a build, a test suite) would otherwise be measured too.
wait_quiet() {
  local start=$SECONDS b0 a0 b1 a1 pct
  [ "$QUIET_WAIT" -gt 0 ] || return 0
  while :; do
    b0=$(busy_ticks); a0=$(all_ticks); sleep 2; b1=$(busy_ticks); a1=$(all_ticks)
    pct=$(( 100 * (b1 - b0) / (a1 - a0 + 1) ))
    [ "$pct" -lt "$QUIET_PCT" ] && return 0
    if [ $((SECONDS - start)) -ge "$QUIET_WAIT" ]; then
      echo "   (machine still ${pct}% busy after ${QUIET_WAIT}s: measuring anyway)" >&2
      return 0
    fi
  done
}
# run_one LOGNAME DB COMMAND... -- [app args...]   (COMMAND: [launcher] java [jvm args])
run_one() {
  local log="$WORK/logs/$1.log" db=$2 java=$3; shift 3
  local jvm=() app=()
  while [ "$1" != -- ]; do jvm+=("$1"); shift; done; shift
  app=("$@")
  local t0 t1 rc b0 b1
  b0=$(busy_ticks)
  t0=$EPOCHREALTIME
  set +e
  /usr/bin/time -f '%U %S' -o "$log.cpu" "$java" "${jvm[@]}" "${app[@]}" --demo "--spring.datasource.url=$(url "$db")" \
    2>&1 | stamp > "$log"
  rc=${PIPESTATUS[0]}
  set -e
  t1=$EPOCHREALTIME
  b1=$(busy_ticks)
  if [ "$rc" != 0 ]; then echo "FAILED (exit $rc): $log" >&2; tail -20 "$log" >&2; return 1; fi
  awk -v t0="$t0" -v t1="$t1" -v busy=$((b1 - b0)) -v hz="$(getconf CLK_TCK)" -v cpu="$(tail -1 "$log.cpu")" '
    / Demo: serving / && !d { d = ($1 - t0) * 1000 }
    /Sync run [0-9]+ started/ && !f { f = ($1 - t0) * 1000 }
    END {
      if (!d || !f) exit 1
      split(cpu, c, " "); own = (c[1] + c[2]) * 1000; other = busy * 1000 / hz - own
      printf "%.0f %.0f %.0f %.0f %.0f\n", d, f, (t1 - t0) * 1000, own, (other < 0 ? 0 : other)
    }' "$log" \
    || { echo "no 'Demo: serving' / 'Sync run N started' line in $log" >&2; return 1; }
}

# variant NAME -> "java|jvm args|jar|app args"
variant() {
  local ex="$WORK/ex/ark-task-sync.jar" sa="$WORK/ex-sa/ark-task-sync.jar"
  case $1 in
    j17-jar)       echo "$JAVA17||$WORK/ark-task-sync.jar|" ;;
    j17-ex)        echo "$JAVA17||$ex|" ;;
    j17-cds)       echo "$JAVA17|-XX:SharedArchiveFile=$WORK/app17.jsa|$ex|" ;;
    j17-cds-run)   echo "$JAVA17|-XX:SharedArchiveFile=$WORK/app17-run.jsa|$ex|" ;;
    j25-jar)       echo "$JAVA25||$WORK/ark-task-sync.jar|" ;;
    j25-ex)        echo "$JAVA25||$ex|" ;;
    j25-aot)       echo "$JAVA25|-XX:AOTCache=$WORK/app25.aot|$ex|" ;;
    j25-aot-run)   echo "$JAVA25|-XX:AOTCache=$WORK/app25-run.aot|$ex|" ;;
    j17-sa-cds)    echo "$JAVA17|-Dspring.aot.enabled=true -XX:SharedArchiveFile=$WORK/app17-sa.jsa|$sa|" ;;
    j25-sa-aot)    echo "$JAVA25|-Dspring.aot.enabled=true -XX:AOTCache=$WORK/app25-sa.aot|$sa|" ;;
    *) echo "unknown variant $1" >&2; return 1 ;;
  esac
}

# A variant may carry modifiers, e.g. j17-cds+hik1+c1: each adds options (see MODS in the header).
modifier() {
  case $1 in
    hik1)   echo "|--spring.datasource.hikari.minimum-idle=1" ;;
    noval)  echo "|--spring.flyway.validate-on-migrate=false" ;;
    c1)     echo "-XX:TieredStopAtLevel=1|" ;;
    serial) echo "-XX:+UseSerialGC|" ;;
    props)  echo "|$PROPS" ;;
    *) echo "unknown modifier +$1" >&2; return 1 ;;
  esac
}

# run_variant NAME LOGNAME DB
run_variant() {
  local spec java jvm jar app base=${1%%+*} mods m mj ma
  spec=$(variant "$base"); local log=$2 db=$3
  IFS='|' read -r java jvm jar app <<<"$spec"
  if [[ $1 == *+* ]]; then
    IFS=+ read -ra mods <<<"${1#*+}"
    for m in "${mods[@]}"; do
      IFS='|' read -r mj ma <<<"$(modifier "$m")"
      jvm="$jvm $mj"; app="$app $ma"
    done
  fi
  local launch=()
  [ "$PRIORITY" = 1 ] && launch=(setsid -w "$WORK/priority.sh")
  # shellcheck disable=SC2086 # word splitting of the option lists is intended
  run_one "$log" "$db" "${launch[@]}" "$java" $jvm -jar "$jar" -- $app
}

# ---- training runs: archives are made on the extracted jar, in the same places the timed runs use -----------------
train() { # train NAME VARIANT ARCHIVE-OPTION [onRefresh]
  local name=$1 var=$2 opt=$3 refresh=${4:-}
  fresh_db sbench_train
  local extra=("$opt")
  [ -n "$refresh" ] && extra+=(-Dspring.context.exit=onRefresh)
  local spec java jvm jar app
  spec=$(variant "$var"); IFS='|' read -r java jvm jar app <<<"$spec"
  jvm=$(sed -E 's/-XX:(SharedArchiveFile|AOTCache)=[^ ]*//' <<<"$jvm")
  set +e
  # shellcheck disable=SC2086
  "$java" $jvm "${extra[@]}" -jar "$jar" --demo "--spring.datasource.url=$(url sbench_train)" \
    > "$WORK/logs/train-$name.log" 2>&1
  local rc=$?
  set -e
  drop_db sbench_train
  [ "$rc" = 0 ] || { echo "training run $name failed (exit $rc), see $WORK/logs/train-$name.log" >&2; exit 1; }
  echo "   $name: $(du -h "${opt#*=}" | cut -f1)"
}
echo "== training runs"
want() { local v; for v in $VARIANTS; do [ "${v%%+*}" = "$1" ] && return 0; done; return 1; }
if want j17-cds;     then train app17 j17-ex "-XX:ArchiveClassesAtExit=$WORK/app17.jsa" onRefresh; fi
if want j17-cds-run; then train app17-run j17-ex "-XX:ArchiveClassesAtExit=$WORK/app17-run.jsa"; fi
if want j25-aot;     then train app25 j25-ex "-XX:AOTCacheOutput=$WORK/app25.aot" onRefresh; fi
if want j25-aot-run; then train app25-run j25-ex "-XX:AOTCacheOutput=$WORK/app25-run.aot"; fi
if want j17-sa-cds;  then train app17-sa j17-sa-cds "-XX:ArchiveClassesAtExit=$WORK/app17-sa.jsa" onRefresh; fi
if want j25-sa-aot;  then train app25-sa j25-sa-aot "-XX:AOTCacheOutput=$WORK/app25-sa.aot" onRefresh; fi

# ---- the warm database: migrated, and synced once -----------------------------------------------------------------
fresh_db sbench_warm_template
run_variant j17-ex warm-template sbench_warm_template >/dev/null

# ---- timed runs -----------------------------------------------------------------------------------------------------
RESULTS="$WORK/results.csv"
echo "variant,mode,iteration,demo_ms,first_ms,total_ms,cpu_ms,other_cpu_ms" > "$RESULTS"
echo "== $RUNS runs (+1 warm-up) of: $VARIANTS"
for i in $(seq 0 "$RUNS"); do
  for mode in cold warm; do
    for v in $VARIANTS; do
      db=${v//-/_}; db="sbench_${mode}_${db//+/_}"
      for try in $(seq 1 "$TRIES"); do
        if [ "$mode" = cold ]; then fresh_db "$db"; else fresh_db "$db" sbench_warm_template; fi
        wait_quiet
        out=$(run_variant "$v" "$v-$mode-$i" "$db")
        read -r d f t c o <<<"$out"
        drop_db "$db"
        [ "$o" -le "$NOISE_MS" ] && break
        [ "$try" = "$TRIES" ] || echo "   $v $mode #$i: other processes used $o ms of CPU meanwhile; measuring again" >&2
      done
      [ "$i" = 0 ] || echo "$v,$mode,$i,$d,$f,$t,$c,$o" >> "$RESULTS"
      printf '   %-14s %-4s #%s  demo %5s  first %5s  total %5s  cpu %5s  others %5s ms\n' "$v" "$mode" "$i" "$d" "$f" "$t" "$c" "$o"
    done
  done
done
drop_db sbench_warm_template

# ---- the table --------------------------------------------------------------------------------------------------------
echo
echo "Median / min in ms over $RUNS runs on $(nproc) cores. JDK 17: $("$JAVA17" -version 2>&1 | head -1 | cut -d' ' -f1-3);" \
  "JDK 25: $("$JAVA25" -version 2>&1 | head -1 | cut -d' ' -f1-3)"
echo "first = process start to the first API request (\"Sync run N started\"), exit = process start to exit,"
echo "cpu = the JVM's user+sys CPU time; cold = fresh database (Flyway migrates), warm = migrated and synced before."
echo
awk -F, -v order="$VARIANTS" '
  NR > 1 { k = $1 SUBSEP $2; n[k]++; F[k, n[k]] = $5; T[k, n[k]] = $6; C[k, n[k]] = $7 }
  function stat(A, k,   m, i, j, t, v) {
    m = n[k]; for (i = 1; i <= m; i++) v[i] = A[k, i] + 0
    for (i = 2; i <= m; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
    return sprintf("%5d / %5d", (m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2), v[1])
  }
  END {
    printf "| %-16s | %-13s | %-13s | %-13s | %-13s | %-13s | %-13s |\n", "variant", "cold first", "cold exit", "warm first", "warm exit", "cold cpu", "warm cpu"
    printf "|------------------|--------------:|--------------:|--------------:|--------------:|--------------:|--------------:|\n"
    c = split(order, names, " ")
    for (x = 1; x <= c; x++) {
      v = names[x]; kc = v SUBSEP "cold"; kw = v SUBSEP "warm"
      if (!(kc in n)) continue
      printf "| %-16s | %13s | %13s | %13s | %13s | %13s | %13s |\n", v, stat(F, kc), stat(T, kc), stat(F, kw), stat(T, kw), stat(C, kc), stat(C, kw)
    }
  }' "$RESULTS"
echo
echo "raw: $RESULTS (other_cpu_ms: CPU that other processes, PostgreSQL included, used during each run), logs: $WORK/logs"
