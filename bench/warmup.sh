# Sourced by the benchmarks: warms the platform up until its JVMs stop compiling.
#
# A JVM's JIT compilers take tens of seconds of CPU to compile what a request path runs,
# and at a low request rate (a few dozen sign-ins per second, say) that work spreads over
# minutes. Measured in that time, every request seems to cost milliseconds more than it
# does once the code is compiled. So the warm-up runs the load in rounds until, in one
# round, every JVM of the given services spent less than WARM_JIT_PERCENT of it compiling.
# (Some compiling never stops: a scheduled job's or a metrics scrape's code, now and then.)

WARM_ROUND=${WARM_ROUND:-15s}
WARM_ROUNDS_MAX=${WARM_ROUNDS_MAX:-16}
WARM_JIT_PERCENT=${WARM_JIT_PERCENT:-2}

# Milliseconds a JVM's JIT compilers have spent so far (jstat reads the JVM's counters).
compile_ms() {
  "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/jstat" -compiler "$1" | awk 'NR == 2 {print int($4 * 1000)}'
}

# The JVMs of services that ./springbase started, as name=pid words.
springbase_jvms() {
  local name
  for name in "$@"; do
    printf '%s=%s ' "$name" "$(cat ".springbase/pids/$name.pid")"
  done
}

# Usage: warm_until_compiled "gateway=<pid> auth-service=<pid>" <load command taking a duration>...
warm_until_compiled() {
  local jvms=$1 round jvm spent limit counts settled
  shift
  limit=$((${WARM_ROUND%s} * 10 * WARM_JIT_PERCENT))
  declare -A start=()
  for round in $(seq 1 "$WARM_ROUNDS_MAX"); do
    for jvm in $jvms; do
      start[$jvm]=$(compile_ms "${jvm#*=}")
    done
    "$@" "$WARM_ROUND" >/dev/null
    settled=true
    counts=
    for jvm in $jvms; do
      spent=$(($(compile_ms "${jvm#*=}") - start[$jvm]))
      counts="$counts ${jvm%%=*} $spent ms,"
      if ((spent > limit)); then
        settled=false
      fi
    done
    if [[ $settled == true ]]; then
      echo "warm after $round rounds of $WARM_ROUND (compiling in the last:${counts%,})"
      return
    fi
  done
  echo "still compiling after $WARM_ROUNDS_MAX rounds of $WARM_ROUND (compiling in the last:${counts%,})"
}
