#!/usr/bin/env bash
# End-user auth cost: the password checks per second this machine's cores can do, next to
# password sign-ins per second through the gateway; then refresh-token rotations and
# token verification (a request carrying the user's access token) per second, with p50/p99.
# Usage: bench/auth-signin.sh  (DURATION=20s CONNECTIONS=4 to change the load)
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20s}
SECONDS_PER_RUN=${DURATION%s}
CONNECTIONS=${CONNECTIONS:-4}
WARMUP=${WARMUP:-20s}

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

# One connection per wrk thread, each rotating its own session's refresh token.
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

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $(date -u +%FT%TZ); load average $(cut -d' ' -f1-3 /proc/loadavg)"

# The password encoder exactly as the auth service ships it: its libraries, from its jar.
unzip -q -o -j auth-service/target/auth-service-*-exec.jar 'BOOT-INF/lib/*' -d "$SCRIPTS/lib"
# The JDK the services run on (Java 25): JAVA_HOME, else the one ./springbase falls back to.
"${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -cp "$SCRIPTS/lib/*" bench/PasswordHashCost.java "$(nproc)" "$SECONDS_PER_RUN"

echo "Warming up"
wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"$WARMUP" -s "$SCRIPTS/signin.lua" "${GATEWAY}/auth/v1/token?grant_type=password" >/dev/null
echo "password sign-in, ${CONNECTIONS} connections: $(wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"$DURATION" --latency \
  -s "$SCRIPTS/signin.lua" "${GATEWAY}/auth/v1/token?grant_type=password" | summary)"

tokens=()
for _ in $(seq 1 "$CONNECTIONS"); do
  tokens+=("$(call '/auth/v1/token?grant_type=password' "{\"email\":\"${EMAIL}\",\"password\":\"${PASSWORD}\"}" |
    json refreshToken)")
done
export REFRESH_TOKENS
REFRESH_TOKENS=$(IFS=,; echo "${tokens[*]}")
echo "refresh-token rotation, ${CONNECTIONS} sessions: $(wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"$DURATION" --latency \
  -s "$SCRIPTS/refresh.lua" "${GATEWAY}/auth/v1/token?grant_type=refresh_token" | summary)"

ACCESS=$(call '/auth/v1/token?grant_type=password' "{\"email\":\"${EMAIL}\",\"password\":\"${PASSWORD}\"}" |
  json accessToken)
verify() {
  wrk -t2 -c32 -d"$1" --latency -H "apikey: ${APIKEY}" -H "Authorization: Bearer ${ACCESS}" "${GATEWAY}/storage/v1/whoami"
}
verify "$WARMUP" >/dev/null
echo "token verification (GET /storage/v1/whoami as the user), 32 connections: $(verify "$DURATION" | summary)"
