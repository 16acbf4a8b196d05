#!/usr/bin/env bash
# End-user auth cost: the password checks per second this machine's cores can do, next to
# password sign-ins per second through the gateway; then refresh-token rotations and
# token verification (a request carrying the user's access token) per second, with p50/p99.
# Usage: bench/auth-signin.sh  (DURATION=20s CONNECTIONS=4 ROUNDS=3 to change the load)
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20s}
SECONDS_PER_RUN=${DURATION%s}
CONNECTIONS=${CONNECTIONS:-4}
ROUNDS=${ROUNDS:-3}

if ! command -v wrk >/dev/null; then
  echo "Installing wrk from Debian's packages"
  apt-get install -y wrk >/dev/null
fi

# Gateway rate limits far above the offered load; the auth service's own throttling only
# slows failed attempts, and every attempt here succeeds.
export SPRINGBASE_RATE_LIMIT_PER_KEY=100000000
export SPRINGBASE_RATE_LIMIT_PER_IP=100000000
./springbase down >/dev/null
./springbase up >/dev/null
# shellcheck disable=SC1090
source <(./springbase status --env)
export APIKEY=${SPRINGBASE_PUBLISHABLE_KEY}
GATEWAY=http://127.0.0.1:8080
SCRIPTS=$(mktemp -d)
trap 'rm -rf "$SCRIPTS"' EXIT

json() {
  python3 -c "import json,sys; print(json.load(sys.stdin)[sys.argv[1]])" "$1"
}

call() {
  curl -fsS -X POST "${GATEWAY}$1" -H "apikey: ${APIKEY}" -H 'Content-Type: application/json' -d "$2"
}

export EMAIL="bench-$(date +%s)-$RANDOM@example.com"
export PASSWORD="Bench-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')"
call /auth/v1/signup "{\"email\":\"${EMAIL}\",\"password\":\"${PASSWORD}\"}" >/dev/null
# The hash the auth service stored for that user: the reference checks exactly what each
# sign-in checks, at whatever cost the service's settings gave it.
STORED_HASH=$(psql -h localhost -U "${SPRINGBASE_DB_USER:-postgres}" -d springbase -tAc \
  "select password_hash from auth.users where email = '${EMAIL}'")
if [[ -z $STORED_HASH ]]; then
  echo "Could not read the user's stored hash from the local database 'springbase'" >&2
  exit 1
fi

summary() {
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF}
       END {printf "%s req/s  p50 %s  p99 %s  non-2xx %s\n", rps, p50, p99, (bad == "" ? 0 : bad)}'
}

cat >"$SCRIPTS/signin.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["apikey"] = os.getenv("APIKEY")
wrk.body = '{"email":"' .. os.getenv("EMAIL") .. '","password":"' .. os.getenv("PASSWORD") .. '"}'
LUA

# One connection per wrk thread, each rotating its own session's refresh token. A request
# that times out loses the rotated token and the next one reuses the old token, which
# revokes the session: hence wrk's --timeout well above any latency seen.
cat >"$SCRIPTS/refresh.lua" <<'LUA'
local tokens = {}
for token in string.gmatch(os.getenv("REFRESH_TOKENS"), "[^,]+") do
  table.insert(tokens, token)
end
local next_thread = 1
function setup(thread)
  thread:set("token", tokens[next_thread])
  next_thread = next_thread + 1
end
function request()
  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["apikey"] = os.getenv("APIKEY")},
    '{"refreshToken":"' .. token .. '"}')
end
function response(status, headers, body)
  local rotated = string.match(body, '"refreshToken":"([^"]+)"')
  if rotated then
    token = rotated
  end
end
LUA

load() {
  echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

# Transactions the database committed so far (every service's, relays included), when
# the platform uses the local server; empty otherwise.
commits() {
  if [[ -z ${SPRINGBASE_DB_URL:-} ]] && command -v psql >/dev/null; then
    psql -h localhost -U "${SPRINGBASE_DB_USER:-postgres}" -d springbase -tAc \
      "select xact_commit from pg_stat_database where datname = 'springbase'" 2>/dev/null || true
  fi
}

# CPU ticks so far: each service's JVM, every postgres process together, and the whole
# machine (busy and total), one "name ticks" line each.
cpu_snapshot() {
  local name
  for name in auth-service gateway storage-service functions-service notifications-service; do
    echo "$name $(awk '{print $14 + $15}' "/proc/$(cat ".springbase/pids/$name.pid")/stat")"
  done
  echo "postgres $(for pid in $(pgrep -x postgres); do awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null; done |
    awk '{s += $1} END {print s + 0}')"
  # The auth service's own password-hash threads (named password-hashes-N, which the
  # kernel cuts to 15 characters): the hash as it runs inside the service.
  echo "password-hashes $(grep -lx password-hashes "/proc/$(cat .springbase/pids/auth-service.pid)"/task/*/comm |
    sed 's/comm$/stat/' | xargs awk '{s += $14 + $15} END {print s + 0}')"
  awk '/^cpu / {print "machine-busy", $2 + $3 + $4 + $7 + $8; print "machine-total", $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat
}

# Where the CPU went between two snapshots, per request, and how busy the cores were:
# a sign-in rate below the hash rate on idle cores means too few connections, not cost.
cpu_report() {
  awk -v n="$3" -v tck="$(getconf CLK_TCK)" '
    NR == FNR {before[$1] = $2; next}
    $1 == "machine-busy" {busy = $2 - before[$1]; next}
    $1 == "machine-total" {total = $2 - before[$1]; next}
    $1 == "password-hashes" {next}
    {line = line sprintf("%s %.2f, ", $1, ($2 - before[$1]) * 1000 / tck / n)}
    END {printf "  CPU ms per request: %scores busy %.0f%%\n", line, busy * 100 / total}' "$1" "$2"
}

# The share of the cores' time (busy or idle) that went to the auth service's password
# hashes between two snapshots: the sign-ins per password check, with the check measured
# inside the running service, in the same seconds, instead of in another JVM.
hash_share() {
  awk 'NR == FNR {before[$1] = $2; next}
    $1 == "machine-total" {total = $2 - before[$1]}
    $1 == "password-hashes" {hashes = $2 - before[$1]}
    END {printf "%.2f", hashes / total}' "$1" "$2"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $(date -u +%FT%TZ); $(load)"

# The password encoder exactly as the auth service runs it: its libraries, from its jar,
# on the JDK and with the JVM options of the running auth service (heap size and
# collector change the cost of Argon2id's 16 MiB per hash), and with as many threads as
# it runs hashes at once (one per core by default).
unzip -q -o -j auth-service/target/auth-service-*-exec.jar 'BOOT-INF/lib/*' -d "$SCRIPTS/lib"
AUTH_ARGS=$(ps -o args= -p "$(cat .springbase/pids/auth-service.pid)")
AUTH_JAVA=${AUTH_ARGS%% *}
AUTH_OPTS=${AUTH_ARGS#* }
AUTH_OPTS=${AUTH_OPTS%%-jar *}
# The service's AOT cache belongs to its own class path, not to this one.
AUTH_OPTS=$(sed 's/-XX:AOTCache=[^ ]*//' <<<"$AUTH_OPTS")
echo "auth service JVM: ${AUTH_JAVA} ${AUTH_OPTS}"
hash_reference() {
  # shellcheck disable=SC2086 # AUTH_OPTS is a list of options
  "$AUTH_JAVA" $AUTH_OPTS -cp "$SCRIPTS/lib/*" bench/PasswordHashCost.java "$(nproc)" "$SECONDS_PER_RUN" "$STORED_HASH" |
    sed -n 's/^argon2id checks: [0-9]* threads, //p'
}

signin() {
  wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"$1" --timeout 10s --latency -s "$SCRIPTS/signin.lua" \
    "${GATEWAY}/auth/v1/token?grant_type=password"
}

# shellcheck source=bench/warmup.sh
source bench/warmup.sh
echo "Warming up: $(warm_until_compiled "$(springbase_jvms gateway auth-service)" signin)"
# Interleaved, so that a change in the machine's load shows in both figures: the hash
# alone, sign-ins, the hash alone again, ROUNDS times (each round's sign-ins are set against
# the mean of the checks right before and right after them), and the median of the rounds'
# ratios as the result: on a machine whose speed drifts, one round can be off by a tenth.
ratios=()
shares=()
reference=$(hash_reference)
echo "argon2id checks, $(nproc) threads: ${reference} ($(load))"
before=${reference%% *}
for round in $(seq 1 "$ROUNDS"); do
  first_commits=$(commits)
  cpu_snapshot >"$SCRIPTS/cpu0"
  result=$(signin "$DURATION")
  cpu_snapshot >"$SCRIPTS/cpu1"
  last_commits=$(commits)
  rate=$(awk '/Requests\/sec/ {print $2}' <<<"$result")
  requests=$(awk '/requests in/ {print $1}' <<<"$result")
  echo "password sign-in, ${CONNECTIONS} connections: $(summary <<<"$result") ($(load))"
  cpu_report "$SCRIPTS/cpu0" "$SCRIPTS/cpu1" "$requests"
  share=$(hash_share "$SCRIPTS/cpu0" "$SCRIPTS/cpu1")
  echo "  the cores' time in the auth service's password hashes: ${share}"
  shares+=("$share")
  if [[ -n $first_commits && -n $last_commits ]]; then
    awk -v c=$((last_commits - first_commits)) -v n="$requests" \
      'BEGIN {printf "  database commits per sign-in (all services, relays included): %.1f\n", c / n}'
  fi
  reference=$(hash_reference)
  echo "argon2id checks, $(nproc) threads: ${reference} ($(load))"
  after=${reference%% *}
  ratio=$(awk -v rate="$rate" -v a="$before" -v b="$after" 'BEGIN {printf "%.2f", rate / ((a + b) / 2)}')
  echo "  round ${round}: sign-ins per password check ${ratio} (against the mean of ${before} and ${after} checks/s)"
  ratios+=("$ratio")
  before=$after
done
median() {
  printf '%s\n' "$@" | sort -n |
    awk '{r[NR] = $1} END {m = (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2;
         printf "%.2f (median of %d rounds, %s to %s)", m, NR, r[1], r[NR]}'
}
echo "sign-ins per password check: $(median "${ratios[@]}")"
echo "sign-ins per password check, the check measured inside the auth service: $(median "${shares[@]}")"

tokens=()
for _ in $(seq 1 "$CONNECTIONS"); do
  tokens+=("$(call '/auth/v1/token?grant_type=password' "{\"email\":\"${EMAIL}\",\"password\":\"${PASSWORD}\"}" |
    json refreshToken)")
done
export REFRESH_TOKENS
REFRESH_TOKENS=$(IFS=,; echo "${tokens[*]}")
first_commits=$(commits)
cpu_snapshot >"$SCRIPTS/cpu0"
result=$(wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency \
  -s "$SCRIPTS/refresh.lua" "${GATEWAY}/auth/v1/token?grant_type=refresh_token")
cpu_snapshot >"$SCRIPTS/cpu1"
last_commits=$(commits)
echo "refresh-token rotation, ${CONNECTIONS} sessions: $(summary <<<"$result") ($(load))"
cpu_report "$SCRIPTS/cpu0" "$SCRIPTS/cpu1" "$(awk '/requests in/ {print $1}' <<<"$result")"
if [[ -n $first_commits && -n $last_commits ]]; then
  requests=$(awk '/requests in/ {print $1}' <<<"$result")
  awk -v c=$((last_commits - first_commits)) -v n="$requests" \
    'BEGIN {printf "database commits per refresh (all services, relays included): %.1f\n", c / n}'
fi

# One session refreshing while sign-ins keep the cores busy: the password hashes run on
# threads of their own, so the rest of the auth service's requests are not held behind them.
REFRESH_TOKENS=$(call '/auth/v1/token?grant_type=password' "{\"email\":\"${EMAIL}\",\"password\":\"${PASSWORD}\"}" |
  json refreshToken)
signin "$((SECONDS_PER_RUN + 4))s" >"$SCRIPTS/background" &
sleep 2
result=$(wrk -t1 -c1 -d"$DURATION" --timeout 10s --latency -s "$SCRIPTS/refresh.lua" \
  "${GATEWAY}/auth/v1/token?grant_type=refresh_token")
wait
echo "refresh-token rotation, 1 session, during password sign-ins on ${CONNECTIONS} connections: $(summary <<<"$result")"
echo "  the sign-ins meanwhile: $(summary <"$SCRIPTS/background")"

ACCESS=$(call '/auth/v1/token?grant_type=password' "{\"email\":\"${EMAIL}\",\"password\":\"${PASSWORD}\"}" |
  json accessToken)
verify() {
  wrk -t2 -c32 -d"$1" --timeout 10s --latency -H "apikey: ${APIKEY}" -H "Authorization: Bearer ${ACCESS}" "${GATEWAY}/storage/v1/whoami"
}
verify 20s >/dev/null
echo "token verification (GET /storage/v1/whoami as the user), 32 connections: $(verify "$DURATION" | summary) ($(load))"
