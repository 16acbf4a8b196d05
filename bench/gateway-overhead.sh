#!/usr/bin/env bash
# Gateway overhead: the same authenticated request sent straight to a service and through
# the gateway, measured with wrk in alternating rounds on this machine.
# Throughput is measured at CONNECTIONS concurrent connections, the added latency with a
# single connection, where no request queues behind another. Both are measured in two
# layouts, each on a freshly started platform: shared, every process on every core; and
# split, the service on SERVICE_CPUS and the gateway and wrk on GATEWAY_CPUS, as a
# deployment gives the gateway CPUs of its own (each JVM sized for its CPUs, as in a
# container with a CPU limit).
# Usage: bench/gateway-overhead.sh  (DURATION=20s CONNECTIONS=32 ROUNDS=3 to change the load;
# LAYOUTS=shared or LAYOUTS=split for one layout only)
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}
ROUNDS=${ROUNDS:-3}
THREADS=${THREADS:-2}
LAYOUTS=${LAYOUTS:-shared split}
SERVICE_CPUS=${SERVICE_CPUS:-1}
GATEWAY_CPUS=${GATEWAY_CPUS:-0}
ALL_CPUS=0-$(($(nproc) - 1))

if ! command -v wrk >/dev/null; then
  echo "Installing wrk from Debian's packages"
  apt-get install -y wrk >/dev/null
fi

# Rate limits stay on (their cost is part of the gateway), but far above the offered load.
export SPRINGBASE_RATE_LIMIT_PER_KEY=100000000
export SPRINGBASE_RATE_LIMIT_PER_IP=100000000
SERVICES_JAVA_OPTS=${SPRINGBASE_JAVA_OPTS:--Xmx256m -Xss512k -XX:+UseSerialGC}

# A platform token for the direct calls, minted for the same key the gateway resolves; anew
# for every run, since a warm-up can outlast its lifetime.
mint_token() {
  curl -fsS -X POST http://127.0.0.1:8081/internal/api-keys/resolve \
    -H 'Content-Type: application/json' -d "{\"key\":\"${SPRINGBASE_PUBLISHABLE_KEY}\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}

DIRECT_URL=http://127.0.0.1:8082/storage/v1/whoami
GATEWAY_URL=http://127.0.0.1:8080/storage/v1/whoami


# The CPUs wrk runs on, and its threads: one per CPU, at most THREADS.
WRK_CPUS=$ALL_CPUS
WRK_THREADS=$THREADS

# Each takes the duration and the number of connections.
direct() {
  local token
  token=$(mint_token)
  taskset -c "$WRK_CPUS" wrk -t"$(min "$WRK_THREADS" "$2")" -c"$2" -d"$1" --latency \
    -H "Authorization: Bearer ${token}" "$DIRECT_URL"
}

gateway() {
  taskset -c "$WRK_CPUS" wrk -t"$(min "$WRK_THREADS" "$2")" -c"$2" -d"$1" --latency \
    -H "apikey: ${SPRINGBASE_PUBLISHABLE_KEY}" "$GATEWAY_URL"
}

# Moves every thread of a service's JVM onto the given CPUs.
pin() {
  taskset -a -p -c "$2" "$(cat ".springbase/pids/$1.pid")" >/dev/null
}

# How many CPUs a list such as 0 or 0-1 names.
cpu_count() {
  taskset -c "$1" nproc
}

# Restarts the platform for a layout, so the settings above reach the gateway and each
# JVM sizes its thread pools for the CPUs it gets.
start_platform() {
  ./springbase down >/dev/null
  if [[ $1 == split ]]; then
    SPRINGBASE_JAVA_OPTS="$SERVICES_JAVA_OPTS -XX:ActiveProcessorCount=$(cpu_count "$GATEWAY_CPUS")" \
      ./springbase up >/dev/null
    pin storage-service "$SERVICE_CPUS"
    pin gateway "$GATEWAY_CPUS"
    WRK_CPUS=$GATEWAY_CPUS
    WRK_THREADS=$(min "$THREADS" "$(cpu_count "$GATEWAY_CPUS")")
  else
    SPRINGBASE_JAVA_OPTS="$SERVICES_JAVA_OPTS" ./springbase up >/dev/null
    WRK_CPUS=$ALL_CPUS
    WRK_THREADS=$THREADS
  fi
  # shellcheck disable=SC1090
  source <(./springbase status --env)
}

min() {
  echo $(($1 < $2 ? $1 : $2))
}

# CPU time (ms) a service's JVM has used so far, from /proc.
cpu_ms() {
  local pid
  pid=$(cat ".springbase/pids/$1.pid")
  awk -v tck="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / tck)}' "/proc/${pid}/stat"
}

# Runs one measurement (path, connections) and appends the CPU each JVM spent per request.
measure() {
  local before_gw before_st before_auth out
  before_gw=$(cpu_ms gateway)
  before_st=$(cpu_ms storage-service)
  before_auth=$(cpu_ms auth-service)
  out=$("$1" "$DURATION" "$2")
  local requests
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  printf '%s  cpu/request: gateway %s us, storage %s us, auth %s us\n' "$(summary <<<"$out")" \
    "$(((($(cpu_ms gateway) - before_gw) * 1000) / requests))" \
    "$(((($(cpu_ms storage-service) - before_st) * 1000) / requests))" \
    "$(((($(cpu_ms auth-service) - before_auth) * 1000) / requests))"
}

summary() {
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF}
       END {printf "%s req/s  p50 %s  p99 %s  non-2xx %s", rps, p50, p99, (bad == "" ? 0 : bad)}'
}

# Both paths for the given duration.
both_paths() {
  direct "$1" "$CONNECTIONS"
  gateway "$1" "$CONNECTIONS"
}

# shellcheck source=bench/warmup.sh
source bench/warmup.sh

for layout in $LAYOUTS; do
  start_platform "$layout"
  if [[ $layout == split ]]; then
    echo "split: storage service on CPUs ${SERVICE_CPUS}, gateway and wrk on CPUs ${GATEWAY_CPUS}"
  else
    echo "shared: every process on CPUs ${ALL_CPUS}"
  fi
  echo "Warming up both paths: $(warm_until_compiled "$(springbase_jvms gateway storage-service)" both_paths)"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $(date -u +%FT%TZ); load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "throughput: wrk -c${CONNECTIONS} -d${DURATION}, ${ROUNDS} alternating rounds"
  for round in $(seq 1 "$ROUNDS"); do
    echo "round ${round} direct : $(measure direct "$CONNECTIONS")"
    echo "round ${round} gateway: $(measure gateway "$CONNECTIONS")"
  done
  echo "latency: wrk -c1 -d${DURATION}, ${ROUNDS} alternating rounds"
  for round in $(seq 1 "$ROUNDS"); do
    echo "round ${round} direct : $(measure direct 1)"
    echo "round ${round} gateway: $(measure gateway 1)"
  done
done
