#!/usr/bin/env bash
# Functions benchmark: cold starts with and without the AOT cache, the warm overhead of a
# no-op function against a no-op endpoint of the same service, invocations/s at a few
# concurrencies, and deployment time; everything through the gateway.
#
# Starts the packaged auth, storage and functions services and the gateway itself, each in
# its own JVM on a free port, against a fresh database (dropped at the end), like the system
# tests do. Builds the executable jars when they are missing.
#
# Usage: bench/functions.sh
#   COLD_SAMPLES=20 EVENT_SAMPLES=30 DURATION=15s ROUNDS=3 CONCURRENCIES="1 4 16" CASES="deploy cold warm throughput event"
set -euo pipefail
cd "$(dirname "$0")/.."

COLD_SAMPLES=${COLD_SAMPLES:-20}
EVENT_SAMPLES=${EVENT_SAMPLES:-30}
DURATION=${DURATION:-15s}
ROUNDS=${ROUNDS:-3}
CONCURRENCIES=${CONCURRENCIES:-1 4 16}
CASES=${CASES:-deploy cold warm throughput event}
JAVA_OPTS=${JAVA_OPTS:--Xmx256m -Xss512k -XX:+UseSerialGC}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
VERSION=0.1.0-SNAPSHOT
SERVICES=(auth-service storage-service functions-service gateway)

command -v wrk >/dev/null || { echo "Installing wrk from Debian's packages"; apt-get install -y wrk >/dev/null; }

for service in "${SERVICES[@]}"; do
  if [[ ! -f $service/target/$service-$VERSION-exec.jar ]]; then
    echo "Building the executable jars"
    ./mvnw -q -B -pl auth-service,storage-service,functions-service,gateway -am package -DskipTests
    break
  fi
done

WORK=$(mktemp -d /tmp/springbase-bench-functions.XXXXXX)
DB=bench_functions_$(date +%s)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  psql -q -h localhost -U postgres -d postgres -c "drop database if exists $DB" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

load() {
  printf 'load average %s' "$(cut -d' ' -f1-3 /proc/loadavg)"
}

# p50, p95 and max of the numbers (milliseconds) on standard input.
stats() {
  python3 -c '
import statistics, sys
v = sorted(float(x) for x in sys.stdin if x.strip())
q = lambda p: v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]
print(f"n={len(v)} p50 {q(50):.0f} ms  p95 {q(95):.0f} ms  min {v[0]:.0f} ms  max {v[-1]:.0f} ms")'
}

psql -q -h localhost -U postgres -d postgres -c "create database $DB" >/dev/null
declare -A PORT
for service in "${SERVICES[@]}"; do PORT[$service]=$(free_port); done
GATEWAY=http://127.0.0.1:${PORT[gateway]}
FUNCTIONS=http://127.0.0.1:${PORT[functions-service]}
export SPRINGBASE_DB_URL=jdbc:postgresql://localhost:5432/$DB SPRINGBASE_DB_USER=postgres SPRINGBASE_DB_PASSWORD=
export SPRINGBASE_DATA_DIR=$WORK/data SPRINGBASE_ADMIN_EMAIL=admin@bench.test SPRINGBASE_ADMIN_PASSWORD=bench-password-1
export SPRINGBASE_ISSUER=$GATEWAY/auth/v1
export SPRINGBASE_JWKS_URI=http://127.0.0.1:${PORT[auth-service]}/auth/v1/.well-known/jwks.json
export SPRINGBASE_AUTH_URL=http://127.0.0.1:${PORT[auth-service]}
export SPRINGBASE_STORAGE_URL=http://127.0.0.1:${PORT[storage-service]}
export SPRINGBASE_FUNCTIONS_URL=$FUNCTIONS SPRINGBASE_NOTIFICATIONS_URL=http://127.0.0.1:9
export AUTH_PORT=${PORT[auth-service]} STORAGE_PORT=${PORT[storage-service]}
export FUNCTIONS_PORT=${PORT[functions-service]} GATEWAY_PORT=${PORT[gateway]}
# Rate limits stay on (their cost is part of the gateway), far above the offered load.
export SPRINGBASE_RATE_LIMIT_PER_KEY=100000000 SPRINGBASE_RATE_LIMIT_PER_IP=100000000

# shellcheck source=bench/warmup.sh
source bench/warmup.sh
mkdir -p "$WORK/logs"
for service in "${SERVICES[@]}"; do
  # shellcheck disable=SC2086
  "$JAVA" $JAVA_OPTS -jar "$service/target/$service-$VERSION-exec.jar" >"$WORK/logs/$service.log" 2>&1 &
  PIDS+=($!)
  JVMS="${JVMS:-}$service=$! "
done
for service in "${SERVICES[@]}"; do
  for _ in $(seq 1 600); do
    curl -fsS -o /dev/null "http://127.0.0.1:${PORT[$service]}/actuator/health" 2>/dev/null && break
    sleep 0.5
  done
  curl -fsS -o /dev/null "http://127.0.0.1:${PORT[$service]}/actuator/health" ||
    { echo "$service did not start; its log:"; tail -50 "$WORK/logs/$service.log"; exit 1; }
done

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
ADMIN=$(curl -fsS "$GATEWAY/auth/v1/console/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$SPRINGBASE_ADMIN_EMAIL\",\"password\":\"$SPRINGBASE_ADMIN_PASSWORD\"}" | json '["accessToken"]')
PROJECT=$(curl -fsS "$GATEWAY/auth/v1/projects" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"name":"Functions benchmark","allowedOrigins":[]}' | json '["id"]')
key() {
  curl -fsS "$GATEWAY/auth/v1/projects/$PROJECT/api-keys" -H "Authorization: Bearer $ADMIN" \
    -H 'Content-Type: application/json' -d "{\"name\":\"$1\",\"type\":\"$1\"}" | json '["key"]'
}
SECRET=$(key secret)
PUBLISHABLE=$(key publishable)

# The no-op function: returns its input.
mkdir -p "$WORK/src/bench" "$WORK/classes"
cat >"$WORK/src/bench/Noop.java" <<'EOF'
package bench;

public class Noop implements java.util.function.Function<String, String> {

	public String apply(String input) {
		return input;
	}

}
EOF
"$JAVA_HOME/bin/javac" -d "$WORK/classes" "$WORK/src/bench/Noop.java"
"$JAVA_HOME/bin/jar" cf "$WORK/noop.jar" -C "$WORK/classes" .

# Deploys the no-op JAR as a function and prints the seconds the deployment took.
deploy() {
  curl -fsS -o /dev/null -w '%{time_total}' "$GATEWAY/functions/v1/functions/$1/versions" -H "apikey: $SECRET" \
    -F handler=bench.Noop -F "file=@$WORK/noop.jar;type=application/java-archive"
}

settings() {
  curl -fsS -o /dev/null -X PATCH "$GATEWAY/functions/v1/functions/$1" -H "apikey: $SECRET" \
    -H 'Content-Type: application/json' -d "$2"
}

# Seconds to the first byte of the answer to one invocation.
invoke_once() {
  curl -fsS -o /dev/null -w '%{time_starttransfer}' "$GATEWAY/functions/v1/$1" -H "apikey: $PUBLISHABLE" \
    -H 'Content-Type: text/plain' --data-binary x
}

JARS=$SPRINGBASE_DATA_DIR/functions/jars
deploy noop >/dev/null
# A second function whose AOT cache is removed, so that its workers start without one; cold
# starts alternate between the two, so both see the same machine.
before=$(ls "$JARS"/*.aot)
deploy plain >/dev/null
rm "$(comm -13 <(echo "$before") <(ls "$JARS"/*.aot))"

cat >"$WORK/invoke.lua" <<EOF
wrk.method = "POST"
wrk.body = "x"
wrk.headers["Content-Type"] = "text/plain"
wrk.headers["apikey"] = "$PUBLISHABLE"
EOF

summary() {
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF}
       END {printf "%s req/s  p50 %s  p99 %s  non-2xx %s", rps, p50, p99, (bad == "" ? 0 : bad)}'
}

noop_endpoint() {
  wrk -t"$(min 2 "$2")" -c"$2" -d"$1" --latency -H "apikey: $PUBLISHABLE" "$GATEWAY/functions/v1/whoami"
}

both_noops() {
  noop_function "$1" 1
  noop_endpoint "$1" 1
}

noop_function() {
  wrk -t"$(min 2 "$2")" -c"$2" -d"$1" --latency -s "$WORK/invoke.lua" "$GATEWAY/functions/v1/noop"
}

min() {
  echo $(($1 < $2 ? $1 : $2))
}

# Mean worker start-up (process start to first request for work) per AOT tag, from the
# functions service's Prometheus endpoint.
startup_means() {
  curl -fsS "$FUNCTIONS/actuator/prometheus" | python3 -c '
import re, sys
sums, counts = {}, {}
for line in sys.stdin:
    m = re.match(r"springbase_functions_worker_startup_seconds_(sum|count)\{(.*)\} (\S+)", line)
    if m:
        tags = dict(re.findall(r"(\w+)=\"([^\"]*)\"", m.group(2)))
        key = (tags["function"], tags["aot"])
        (sums if m.group(1) == "sum" else counts)[key] = float(m.group(3))
for key in sorted(counts):
    print(f"  worker start-up, {key[0]} (aot={key[1]}): mean {1000 * sums[key] / counts[key]:.0f} ms over {counts[key]:.0f}")'
}

case_deploy() {
  echo "== deploy: time of POST /functions/v1/functions/{name}/versions (the service's own split in its log)"
  local i
  for i in 1 2 3; do
    echo "deploy $i: $(deploy deployed) s; $(load)"
  done
  grep -o 'Deployment of function deployed.*' "$WORK/logs/functions-service.log" | sed 's/ in project [^:]*//'
}

# Cold start: a new revision (PATCH of an environment variable) before every sample, so
# that the invocation waits for a fresh worker; first byte of the answer through the gateway.
case_cold() {
  echo "== cold start: first invocation after a new revision to first byte, through the gateway; $(load)"
  local i function
  : >"$WORK/cold-noop" && : >"$WORK/cold-plain"
  for i in $(seq 1 "$COLD_SAMPLES"); do
    for function in noop plain; do
      settings "$function" "{\"env\":{\"SAMPLE\":\"$i\"}}"
      sleep 1
      python3 -c "print(1000 * $(invoke_once "$function"))" >>"$WORK/cold-$function"
    done
  done
  echo "with AOT cache   : $(stats <"$WORK/cold-noop")"
  echo "without AOT cache: $(stats <"$WORK/cold-plain")"
  echo "raw with (ms)   : $(tr '\n' ' ' <"$WORK/cold-noop")"
  echo "raw without (ms): $(tr '\n' ' ' <"$WORK/cold-plain")"
  startup_means
  echo "$(load)"
}

case_warm() {
  echo "== warm overhead: one connection, POST /functions/v1/noop against GET /functions/v1/whoami, $ROUNDS alternating rounds of $DURATION; $(load)"
  settings noop '{"maxConcurrency":1}'
  invoke_once noop >/dev/null
  echo "warm-up: $(warm_until_compiled "$JVMS" both_noops)"
  local round
  for round in $(seq 1 "$ROUNDS"); do
    echo "round $round no-op endpoint: $(noop_endpoint "$DURATION" 1 | summary)"
    echo "round $round no-op function: $(noop_function "$DURATION" 1 | summary)"
  done
  echo "$(load)"
}

case_throughput() {
  local top c
  top=$(echo "$CONCURRENCIES" | tr ' ' '\n' | sort -n | tail -1)
  echo "== throughput: wrk -c<n> POST /functions/v1/noop for $DURATION, maxConcurrency $top, workers warmed first; $(load)"
  settings noop "{\"maxConcurrency\":$top,\"minInstances\":$top}"
  sleep 10
  noop_function 10s "$top" >/dev/null
  for c in $CONCURRENCIES; do
    echo "c=$c function: $(noop_function "$DURATION" "$c" | summary)"
    echo "c=$c endpoint: $(noop_endpoint "$DURATION" "$c" | summary)"
  done
  settings noop '{"minInstances":0}'
  echo "$(load)"
}

# Event to function start: a function bound to storage.object.created in bucket "events",
# objects uploaded one at a time through the gateway (the next once the previous one's
# invocation has started), and for each the time from the upload's answer to the
# invocation's startedAt. The upload's answer is taken on this machine's clock after curl
# returns, startedAt on the functions service's (the same clock: one machine).
case_event() {
  echo "== event to start: upload through the gateway (answer) to the invocation's startedAt, $EVENT_SAMPLES uploads; $(load)"
  deploy onupload >/dev/null
  curl -fsS -o /dev/null "$GATEWAY/functions/v1/functions/onupload/triggers" -H "apikey: $SECRET" \
    -H 'Content-Type: application/json' -d '{"type":"storage","bucket":"events","events":["created"]}'
  curl -fsS -o /dev/null "$GATEWAY/storage/v1/bucket" -H "apikey: $SECRET" -H 'Content-Type: application/json' \
    -d '{"name":"events"}'
  # A first event starts the worker (cold); the samples measure warm starts.
  upload_and_wait warmup >/dev/null
  : >"$WORK/event"
  local i
  for i in $(seq 1 "$EVENT_SAMPLES"); do
    upload_and_wait "object-$i" >>"$WORK/event"
    sleep 0.2
  done
  echo "event to start: $(stats <"$WORK/event")"
  echo "raw (ms): $(tr '\n' ' ' <"$WORK/event")"
  # Where the time goes, from the rows' own timestamps: the event's outbox row (storage),
  # its entry in the event log (the relay's transaction), the invocation's queued record
  # and its start.
  psql -q -At -F ' ' -h localhost -U postgres -d "$DB" -c "
    select 'p50 ms: outbox to relayed', round(percentile_cont(0.5) within group (order by extract(epoch from e.created_at - o.created_at))::numeric * 1000, 1),
           'relayed to queued', round(percentile_cont(0.5) within group (order by extract(epoch from i.created_at - e.created_at))::numeric * 1000, 1),
           'queued to started', round(percentile_cont(0.5) within group (order by extract(epoch from i.started_at - i.created_at))::numeric * 1000, 1)
    from functions.invocations i join eventbus.events e on e.id = i.event_id join storage.event_outbox o on o.id = i.event_id
    where i.function_name = 'onupload' and i.event_id is not null"
  echo "$(load)"
}

# Uploads one object, waits for its invocation of onupload to start and prints the
# milliseconds from the upload's answer to the invocation's startedAt.
upload_and_wait() {
  python3 - "$GATEWAY" "$SECRET" "$1" <<'PY'
import datetime, json, sys, time, urllib.request
gateway, secret, key = sys.argv[1:4]

def newest():
    request = urllib.request.Request(gateway + "/functions/v1/invocations?function=onupload&limit=1",
                                     headers={"apikey": secret})
    items = json.load(urllib.request.urlopen(request))["items"]
    return items[0] if items else {}

before = newest().get("id")
upload = urllib.request.Request(gateway + "/storage/v1/object/events/" + key, data=b"x", method="PUT",
                                headers={"apikey": secret, "Content-Type": "text/plain"})
urllib.request.urlopen(upload).read()
answered = time.time()
deadline = answered + 60
while time.time() < deadline:
    invocation = newest()
    if invocation.get("id") != before and invocation.get("startedAt"):
        started = datetime.datetime.fromisoformat(invocation["startedAt"].replace("Z", "+00:00")).timestamp()
        print(f"{1000 * (started - answered):.1f}")
        sys.exit(0)
    time.sleep(0.01)
sys.exit("no invocation of onupload started within 60 s")
PY
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $($JAVA -version 2>&1 | head -1); $(date -u +%FT%TZ); $(load)"
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown); services: $JAVA_OPTS"
for name in $CASES; do
  "case_$name"
done
