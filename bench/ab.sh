#!/usr/bin/env bash
# Two builds of the server, side by side on one machine: each cached-path
# scenario of bench/run.sh is run against A, then B, then A... (ROUNDS each,
# alternated so drift on a shared machine hits both), and the medians are
# compared. Quotas are off on both (the limiter's own cost is measured by
# bench/run.sh), so the figures are those of the serving path alone.
#
#   bench/ab.sh OLD_BINARY NEW_BINARY
#   ROUNDS=5 DURATION=5s bench/ab.sh ...
#   CONTENT_A=/old/checkout/content QUERY_A=/old/checkout/bench/full-profile.graphql bench/ab.sh ...
#                                   # a build with another content format or GraphQL schema
#   SCENARIOS="graphql" ROUNDS=15 bench/ab.sh ...   # more rounds of fewer scenarios
set -euo pipefail
cd "$(dirname "$0")/.."
a="$(realpath "${1:?usage: bench/ab.sh BINARY_A BINARY_B}")"
b="$(realpath "${2:?usage: bench/ab.sh BINARY_A BINARY_B}")"
DURATION=${DURATION:-5s}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-32}
ROLE=ai-systems-safety-manager
command -v wrk >/dev/null || { (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null; }

work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

start() { # binary, port, name, content directory
  ROLEDEX_LISTEN="127.0.0.1:$2" ROLEDEX_DATA_DIR="$work/$3" ROLEDEX_CONTENT_DIR="$4" ROLEDEX_LOG=warn \
    ROLEDEX_RATE_LIMITS=false DATABASE_URL="" "$1" serve >"$work/$3.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$2/healthz" >/dev/null 2>&1 && return 0; sleep 0.1; done
  cat "$work/$3.log"; exit 1
}
start "$a" 18741 a "${CONTENT_A:-$PWD/content}"
start "$b" 18742 b "${CONTENT_B:-$PWD/content}"

for side in a b; do
  query="QUERY_${side^^}"
  python3 - "${!query:-bench/full-profile.graphql}" "$work/graphql-$side.json" <<'PY'
import json, sys
json.dump({"query": open(sys.argv[1]).read(), "variables": {"slug": "ai-systems-safety-manager"}}, open(sys.argv[2], "w"))
PY
done
cat >"$work/post.lua" <<'LUA'
function init(args)
  local f = io.open(args[1], "r"); wrk.body = f:read("*a"); f:close()
  wrk.method = "POST"; wrk.headers["Content-Type"] = "application/json"
end
LUA

# The two builds must answer alike before they are compared.
for side in a b; do
  port=$([ $side = a ] && echo 18741 || echo 18742)
  curl -fsS -H 'content-type: application/json' --data @"$work/graphql-$side.json" "http://127.0.0.1:$port/graphql" \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); assert not d.get("errors") and d["data"]["role"]["skills"], d'
done
etag() { curl -fsS -D - -o /dev/null "http://127.0.0.1:$1/api/v1/roles/$ROLE" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}'; }

rps() { # port, scenario
  local url="http://127.0.0.1:$1" args=()
  case $2 in
    healthz) url+="/healthz" ;;
    gzip) url+="/api/v1/roles/$ROLE"; args=(-H "Accept-Encoding: gzip") ;;
    identity) url+="/api/v1/roles/$ROLE" ;;
    304) url+="/api/v1/roles/$ROLE"; args=(-H "If-None-Match: $(etag "$1")") ;;
    graphql) url+="/graphql"; args=(-H "Accept-Encoding: gzip" -s "$work/post.lua") ;;
  esac
  local side=$([ "$1" = 18741 ] && echo a || echo b)
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" "${args[@]}" "$url" -- "$work/graphql-$side.json" | awk '/^Requests\/sec:/{print $2}'
}
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

printf '%-10s %12s %12s %8s   (A: %s, B: %s; %s rounds of %s)\n' scenario "A req/s" "B req/s" "B/A" "$1" "$2" "$ROUNDS" "$DURATION"
for scenario in ${SCENARIOS:-healthz gzip 304 graphql identity}; do
  as=() bs=()
  for _ in $(seq 1 "$ROUNDS"); do
    as+=("$(rps 18741 "$scenario")")
    bs+=("$(rps 18742 "$scenario")")
  done
  ma=$(median "${as[@]}") mb=$(median "${bs[@]}")
  printf '%-10s %12.0f %12.0f %8.3f   A: %s  B: %s\n' "$scenario" "$ma" "$mb" "$(python3 -c "print($mb/$ma)")" "${as[*]}" "${bs[*]}"
done
