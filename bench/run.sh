#!/usr/bin/env bash
# Throughput benchmark: builds the release server, starts it on a fresh SQLite
# database, drives it with wrk on loopback (bounded in time), and prints
# requests/s and p50/p99 per scenario with the ratio to GET /healthz measured
# in the same run. Responses are checked (status, and GraphQL errors or the
# cache marker): a 200 carrying errors counts as bad, not as throughput.
# Quotas stay on, raised so one client address can drive the load; a second
# server with quotas off measures what the rate limiter costs.
#
#   bench/run.sh                 # 10 s per scenario
#   DURATION=30s bench/run.sh
#   BENCH_BIN=/path/to/roledex bench/run.sh   # measure another build (no cargo build)
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PORT=${PORT:-18731}
BASE="http://127.0.0.1:${PORT}"
ROLE=ai-systems-safety-manager

if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk (Debian package)..." >&2
  if [ "$(id -u)" -eq 0 ]; then (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null
  else sudo apt-get install -y -qq wrk >/dev/null; fi
fi

if [ -z "${BENCH_BIN:-}" ]; then
  cargo build --release -q -p roledex-api
  BENCH_BIN=./target/release/roledex
fi
work=$(mktemp -d)
server_pid=""
unlimited_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  [ -n "$unlimited_pid" ] && kill "$unlimited_pid" 2>/dev/null
  wait 2>/dev/null; rm -rf "$work"
}
trap cleanup EXIT

wait_ready() { # base URL, log file
  for _ in $(seq 1 100); do
    curl -fsS "$1/readyz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  cat "$2"; exit 1
}
# One client address sends everything here: the quotas are raised to the most
# a quota may be (10000000 a minute), so they are counted but not reached.
export ROLEDEX_ANONYMOUS_PER_MINUTE=10000000 ROLEDEX_ANONYMOUS_COMPUTE_PER_MINUTE=10000000 ROLEDEX_LEARNER_PER_MINUTE=10000000
ROLEDEX_LISTEN="127.0.0.1:${PORT}" ROLEDEX_DATA_DIR="$work/data" ROLEDEX_LOG=warn \
  "$BENCH_BIN" serve >"$work/server.log" 2>&1 &
server_pid=$!
wait_ready "$BASE" "$work/server.log"
UNLIMITED="http://127.0.0.1:$((PORT + 1))"
ROLEDEX_LISTEN="127.0.0.1:$((PORT + 1))" ROLEDEX_DATA_DIR="$work/unlimited" ROLEDEX_LOG=warn ROLEDEX_RATE_LIMITS=false \
  "$BENCH_BIN" serve >"$work/unlimited.log" 2>&1 &
unlimited_pid=$!
wait_ready "$UNLIMITED" "$work/unlimited.log"
curl -fsS -D - -o /dev/null "$BASE/api/v1/roles/$ROLE" | tr -d '\r' | grep -qi '^ratelimit: "anonymous"' \
  || { echo "the measured server does not count requests" >&2; exit 1; }

etag=$(curl -fsS -D - -o /dev/null "$BASE/api/v1/roles/$ROLE" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
python3 - "$work/graphql.json" <<'PY'
import json, sys
query = open("bench/full-profile.graphql").read()
json.dump({"query": query, "variables": {"slug": "ai-systems-safety-manager"}}, open(sys.argv[1], "w"))
PY
# The GraphQL body must be a real answer before it is measured (this also warms the response cache).
curl -fsS -H 'content-type: application/json' --data @"$work/graphql.json" "$BASE/graphql" \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); assert not d.get("errors") and d["data"]["role"]["skills"], d'

# wrk script, args: expected status, POST body file or "-", required "header=value" or "-".
# A response with another status, a required header missing, or (for bodies
# wrk can read) a GraphQL "errors" member counts as bad. Cached GraphQL
# responses are error-free by construction and are marked `x-roledex-cache: hit`.
cat >"$work/check.lua" <<'LUA'
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  expected = tonumber(args[1]) or 200
  bad = 0
  local body_file = args[2]
  if body_file and body_file ~= "-" then
    local f = io.open(body_file, "r"); wrk.body = f:read("*a"); f:close()
    wrk.method = "POST"; wrk.headers["Content-Type"] = "application/json"
  end
  if args[3] and args[3] ~= "-" then
    want_name, want_value = string.match(args[3], "([^=]+)=(.*)")
  end
end
function response(status, headers, body)
  local ok = status == expected
  if want_name and headers[want_name] ~= want_value then ok = false end
  if body and string.find(body, '"errors"', 1, true) then ok = false end
  if not ok then bad = bad + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("bad") end
  io.write(string.format("BAD %d\n", total))
end
LUA

run() { # name, expected status, url, body file or -, required header or -, [extra wrk args...]
  local name=$1 expected=$2 url=$3 body=$4 want=$5
  shift 5
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$work/check.lua" "$@" "$url" -- "$expected" "$body" "$want")
  local rps p50 p99 bad
  rps=$(awk '/^Requests\/sec:/{print $2}' <<<"$out")
  p50=$(awk '$1=="50%"{print $2}' <<<"$out")
  p99=$(awk '$1=="99%"{print $2}' <<<"$out")
  bad=$(awk '/^BAD /{print $2}' <<<"$out")
  echo "$name|$rps|$p50|$p99|$bad"
}

gz=(-H "Accept-Encoding: gzip")
results=()
results+=("$(run "GET /healthz (baseline)" 200 "$BASE/healthz" - -)")
results+=("$(run "GET /api/v1/roles/{slug} (gzip)" 200 "$BASE/api/v1/roles/$ROLE" - "content-encoding=gzip" "${gz[@]}")")
results+=("$(run "GET /api/v1/roles/{slug} If-None-Match (304)" 304 "$BASE/api/v1/roles/$ROLE" - - -H "If-None-Match: $etag")")
results+=("$(run "POST /graphql full profile (gzip)" 200 "$BASE/graphql" "$work/graphql.json" "x-roledex-cache=hit" "${gz[@]}")")
results+=("$(run "GET /api/v1/roles/{slug} (identity)" 200 "$BASE/api/v1/roles/$ROLE" - -)")
results+=("$(run "POST /graphql full profile (executed, no-cache)" 200 "$BASE/graphql" "$work/graphql.json" "x-roledex-cache=miss" -H "Cache-Control: no-cache")")
# A visitor's widget without an account: the stateless self-assessment, counted per address.
cat >"$work/compute.json" <<'JSON'
{"ratings":[{"skill":"risk-management","level":3},{"skill":"red-teaming-methodology","level":2},{"skill":"safety-evaluation-design","level":4}]}
JSON
results+=("$(run "POST /roles/{slug}/compute/self-assessment (anon)" 200 "$BASE/api/v1/roles/$ROLE/compute/self-assessment" "$work/compute.json" -)")
# An embedded chart as a partner page's visitors load it: the skills radar as
# SVG, drawn once per content version and then served from memory (gzip).
results+=("$(run "GET /roles/{slug}/charts/skills-radar (SVG, gzip)" 200 "$BASE/api/v1/roles/$ROLE/charts/skills-radar" - "content-encoding=gzip" "${gz[@]}")")

# The rate limiter's cost: the REST profile with quotas counted and with
# quotas off, alternated (three runs each) so drift on a shared machine hits both.
limited=()
unlimited=()
for _ in 1 2 3; do
  unlimited+=("$(run "profile, quotas off" 200 "$UNLIMITED/api/v1/roles/$ROLE" - "content-encoding=gzip" "${gz[@]}")")
  limited+=("$(run "profile, quotas on" 200 "$BASE/api/v1/roles/$ROLE" - "content-encoding=gzip" "${gz[@]}")")
done

# Learner submissions: self-assessments with durable commits (SQLite WAL,
# synchronous=FULL), each with its own Idempotency-Key, as a real client sends.
curl -fsS -H 'content-type: application/json' \
  -d '{"email":"bench@example.com","password":"load test passphrase 2026"}' "$BASE/api/v1/auth/register" >/dev/null
token=$(curl -fsS -H 'content-type: application/json' \
  -d '{"email":"bench@example.com","password":"load test passphrase 2026"}' "$BASE/api/v1/auth/login" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
cat >"$work/submit.json" <<'JSON'
{"role":"ai-systems-safety-manager","ratings":[{"skill":"risk-management","level":3},{"skill":"red-teaming-methodology","level":2},{"skill":"safety-evaluation-design","level":4}]}
JSON
cat >"$work/submit.lua" <<'LUA'
local threads = {}
local counter = 0
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  acked = 0
  bad = 0
  local f = io.open(args[1], "r"); body = f:read("*a"); f:close()
  token = args[2]
end
function request()
  counter = counter + 1
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = "bench-" .. id .. "-" .. counter,
  }
  return wrk.format("POST", "/api/v1/me/assessments", headers, body)
end
function response(status, headers, body)
  if status == 201 then acked = acked + 1 else bad = bad + 1 end
end
function done(summary, latency, requests)
  local a, b = 0, 0
  for _, t in ipairs(threads) do a = a + t:get("acked"); b = b + t:get("bad") end
  io.write(string.format("ACKED %d\nBAD %d\n", a, b))
end
LUA
sub_out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$work/submit.lua" "$BASE/api/v1/me/assessments" -- "$work/submit.json" "$token")
sub_rps=$(awk '/^Requests\/sec:/{print $2}' <<<"$sub_out")
sub_p50=$(awk '$1=="50%"{print $2}' <<<"$sub_out")
sub_p99=$(awk '$1=="99%"{print $2}' <<<"$sub_out")
sub_acked=$(awk '/^ACKED /{print $2}' <<<"$sub_out")
sub_bad=$(awk '/^BAD /{print $2}' <<<"$sub_out")
# Let in-flight requests finish before counting.
sleep 1
# Replaying a few keys must return the stored response and store nothing new.
before=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from submissions where kind = 'assessment'\").fetchone()[0])" "$work/data/roledex.db")
for i in 1 2 3 4 5; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H 'content-type: application/json' -H "Authorization: Bearer $token" \
    -H "Idempotency-Key: bench-1-$i" --data @"$work/submit.json" "$BASE/api/v1/me/assessments")
  [ "$code" = 201 ] || { echo "replay of bench-1-$i answered $code" >&2; exit 1; }
done
counts=$(python3 - "$work/data/roledex.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("select count(*) from submissions where kind = 'assessment'").fetchone()[0]
distinct = db.execute("select count(distinct id) from submissions where kind = 'assessment'").fetchone()[0]
keys = db.execute("select count(*) from idempotency_keys where outcome = 'value'").fetchone()[0]
print(rows, distinct, keys)
PY
)
read -r rows distinct keys <<<"$counts"
results+=("POST /api/v1/me/assessments (durable)|$sub_rps|$sub_p50|$sub_p99|$sub_bad")

# Offline sync: devices of 8 learners each push 20 new saved items and then
# pull since their last push (a pull answers the other devices' pushes
# meanwhile), as WatermelonDB's synchronize() does. Counted afterwards: every
# acknowledged push stored its 20 rows once.
sync_tokens=()
for n in 1 2 3 4 5 6 7 8; do
  curl -fsS -H 'content-type: application/json' \
    -d "{\"email\":\"sync$n@example.com\",\"password\":\"load test passphrase 2026\"}" "$BASE/api/v1/auth/register" >/dev/null
  sync_tokens+=("$(curl -fsS -H 'content-type: application/json' \
    -d "{\"email\":\"sync$n@example.com\",\"password\":\"load test passphrase 2026\"}" "$BASE/api/v1/auth/login" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')")
done
cat >"$work/sync.lua" <<'LUA'
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  tokens = args
  counter = 0
  pushed = 0
  pulled = 0
  bad = 0
  -- The latest timestamp answered: a pull since then gets a small delta, as
  -- a device that syncs often does (responses from several connections
  -- interleave, so one value serves every learner of the thread).
  last = "1"
end
function request()
  counter = counter + 1
  local learner = math.floor(counter / 2) % #tokens + 1
  local headers = { ["Authorization"] = "Bearer " .. tokens[learner] }
  if counter % 2 == 1 then
    local items = {}
    for i = 1, 20 do
      items[i] = string.format('{"id":"b%d-%d-%d","kind":"role","target":"ai-systems-safety-manager","note":"n%d"}', id, counter, i, i)
    end
    headers["Content-Type"] = "application/json"
    local body = '{"saved_items":{"created":[' .. table.concat(items, ",") .. '],"updated":[],"deleted":[]}}'
    return wrk.format("POST", "/api/v1/me/sync?last_pulled_at=" .. last, headers, body)
  end
  return wrk.format("GET", "/api/v1/me/sync?last_pulled_at=" .. last, headers)
end
function response(status, headers, body)
  local stamp = body and string.match(body, '"timestamp":(%d+)')
  if status == 200 and stamp then
    if string.find(body, '"changes"', 1, true) then pulled = pulled + 1 else pushed = pushed + 1 end
    if #stamp > #last or (#stamp == #last and stamp > last) then last = stamp end
  else
    bad = bad + 1
  end
end
function done(summary, latency, requests)
  local p, q, b = 0, 0, 0
  for _, t in ipairs(threads) do p = p + t:get("pushed"); q = q + t:get("pulled"); b = b + t:get("bad") end
  io.write(string.format("PUSHED %d\nPULLED %d\nBAD %d\n", p, q, b))
end
LUA
sync_out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$work/sync.lua" "$BASE/api/v1/me/sync" -- "${sync_tokens[@]}")
sync_rps=$(awk '/^Requests\/sec:/{print $2}' <<<"$sync_out")
sync_p50=$(awk '$1=="50%"{print $2}' <<<"$sync_out")
sync_p99=$(awk '$1=="99%"{print $2}' <<<"$sync_out")
sync_pushed=$(awk '/^PUSHED /{print $2}' <<<"$sync_out")
sync_pulled=$(awk '/^PULLED /{print $2}' <<<"$sync_out")
sync_bad=$(awk '/^BAD /{print $2}' <<<"$sync_out")
sleep 1
read -r sync_rows sync_distinct <<<"$(python3 -c "import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); print(*db.execute(\"select count(*), count(distinct id) from saved_items\").fetchone())" "$work/data/roledex.db")"
sync_seconds=$(python3 -c "import sys,re; print(float(re.sub('s$','',sys.argv[1])))" "$DURATION")
results+=("GET+POST /api/v1/me/sync (push 20 + pull)|$sync_rps|$sync_p50|$sync_p99|$sync_bad")

set +e
python3 - "${results[@]}" <<'PY'
import sys
rows = [r.split("|") for r in sys.argv[1:]]
baseline = float(rows[0][1])
# Targets apply to what a typical client does (accepts gzip; repeats a query).
# The identity and executed rows are shown for reference.
targets = {1: 0.50, 2: 0.70, 3: 0.20}
SUBMISSIONS_ROW = 8
SUBMISSIONS_TARGET = 1000.0
print(f"{'scenario':<46} {'req/s':>10} {'p50':>9} {'p99':>9} {'ratio':>7} {'target':>7} {'bad':>5}")
failed = False
for i, (name, rps, p50, p99, bad) in enumerate(rows):
    ratio = float(rps) / baseline
    target = targets.get(i)
    mark = "" if target is None else (f">={target:.0%}" + (" ok" if ratio >= target else " MISS"))
    failed |= target is not None and ratio < target
    failed |= int(bad or 0) > 0
    print(f"{name:<46} {float(rps):>10.0f} {p50:>9} {p99:>9} {ratio:>7.0%} {mark:>7} {bad:>5}")
submissions = float(rows[SUBMISSIONS_ROW][1])
print(f"\nsubmissions: {submissions:.0f}/s (target >= {SUBMISSIONS_TARGET:.0f}/s: {'ok' if submissions >= SUBMISSIONS_TARGET else 'MISS'})")
failed |= submissions < SUBMISSIONS_TARGET
sys.exit(1 if failed else 0)
PY
status=$?
python3 - "${limited[@]}" -- "${unlimited[@]}" <<'PY' || status=1
import sys
args = sys.argv[1:]
split = args.index("--")
on = [float(r.split("|")[1]) for r in args[:split]]
off = [float(r.split("|")[1]) for r in args[split + 1:]]
bad = sum(int(r.split("|")[4] or 0) for r in args if r != "--")
# Medians: one disturbed run on a shared machine should not decide the figure.
median = lambda xs: sorted(xs)[len(xs) // 2]
cost = 1 - median(on) / median(off)
print(f"\nrate limiter on the REST profile: quotas on {', '.join(f'{x:.0f}' for x in on)} req/s, "
      f"off {', '.join(f'{x:.0f}' for x in off)} req/s: cost {cost:.1%} of the medians (target < 10%: {'ok' if cost < 0.10 else 'MISS'})")
sys.exit(1 if cost >= 0.10 or bad else 0)
PY
echo "stored exactly once: acknowledged $sub_acked, rows $rows (distinct ids $distinct), completed idempotency keys $keys, rows before replaying 5 keys $before"
python3 -c "import sys; p, q, s = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]); print(f'sync: {p / s:.0f} device syncs/s (a push of 20 changes and a pull): {p} pushes acknowledged, {q} pulls; saved_items rows {sys.argv[4]} (distinct ids {sys.argv[5]}), expected {p * 20}')" \
  "$sync_pushed" "$sync_pulled" "$sync_seconds" "$sync_rows" "$sync_distinct"
if [ "$sync_rows" != "$sync_distinct" ] || [ "$sync_rows" -lt $((sync_pushed * 20)) ] || [ "$sync_rows" -gt $(((sync_pushed + CONNECTIONS) * 20)) ]; then
  echo "SYNC COUNT MISMATCH" >&2
  exit 1
fi
if [ "$rows" != "$distinct" ] || [ "$rows" != "$keys" ] || [ "$rows" != "$before" ] || [ "$rows" -lt "$sub_acked" ] || [ "$rows" -gt $((sub_acked + CONNECTIONS)) ]; then
  echo "COUNT MISMATCH" >&2
  exit 1
fi
exit $status
