#!/usr/bin/env bash
# Measures the risk answers of a Release build on the embedded PostgreSQL with the sample data loaded:
#  1. "now" for one theater under wrk -t2 -c64 (200 path, then the 304 path with If-None-Match);
#  2. time-travel answers that need a fit no one has made yet (a fresh asOf each), for a mid-sized theater;
#  3. a 180-day backtest of that theater.
# Usage: run-risk.sh [duration=30s] [theater=iraq-baqubah]; TIME_TRAVEL_THEATERS="iraq-mosul ..." times those too. The first run loads the samples (a few minutes); the
# data directory is kept under /tmp/ef-bench-risk so later runs start at once.
set -euo pipefail
cd "$(dirname "$0")/../../.."
duration=${1:-30s}
theater=${2:-iraq-baqubah}
port=5092
base=http://127.0.0.1:$port
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
dotnet build -c Release src/EscalationForecast.Api -v q -nologo >/dev/null
root=/tmp/ef-bench-risk
mkdir -p $root
dotnet src/EscalationForecast.Api/bin/Release/net10.0/EscalationForecast.Api.dll --urls $base \
  --contentRoot "$(pwd)/src/EscalationForecast.Api" --EmbeddedPostgres:Root=$root/postgres > $root/service.log 2>&1 &
service=$!
trap 'kill $service; wait $service 2>/dev/null' EXIT
until curl -sf "$base/api/v1/theaters/$theater/risk" -o /dev/null; do sleep 2; kill -0 $service || exit 1; done
until curl -s "$base/api/v1/theaters/$theater/model" | grep -q '"dataThrough"'; do sleep 2; done
sleep 5
etag=$(curl -s -D - -o /dev/null "$base/api/v1/theaters/$theater/risk" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')

echo "== now, 200 =="
wrk -t2 -c64 -d10s "$base/api/v1/theaters/$theater/risk" >/dev/null # warm-up: tiered JIT
wrk -t2 -c64 -d"$duration" --latency "$base/api/v1/theaters/$theater/risk" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx"
echo "== now, 304 (If-None-Match: $etag) =="
wrk -t2 -c64 -d"$duration" --latency -H "If-None-Match: $etag" "$base/api/v1/theaters/$theater/risk" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx"

# Time travel with no fit kept: the fits earlier runs kept are deleted first, and each question is about another
# day. The first question after a start also reads the theater's stream into memory and compiles the fitting code;
# the rest are listed sorted, then 10 more once the fitting code has been compiled fully (the JIT optimises a
# method further after it has run a few dozen times).
PGPASSWORD=$(cat $root/postgres/password) psql -h 127.0.0.1 -p "$(sed -n 4p $root/postgres/data/postmaster.pid)" \
  -U postgres -d escalation_forecast -qc "delete from mt_doc_cachedfit"
for t in $theater ${TIME_TRAVEL_THEATERS:-}; do
  incidents=$(curl -s "$base/api/v1/theaters" | grep -o "\"id\":\"$t\"[^}]*incidentCount\":[0-9]*" | grep -o '[0-9]*$')
  echo "== time travel, no cached fit, $t ($incidents incidents), default horizon =="
  ask() { # $1: day offset (0 or 17, so the two rounds ask about different days), $2: last index; one time per line
    for i in $(seq 0 "$2"); do
      day=$(date -u -d "2007-06-01 + $(($1 + i * 35 + RANDOM % 17)) days" +%F)
      curl -s -o /dev/null -w "%{time_total}\n" "$base/api/v1/theaters/$t/risk?asOf=${day}T$(printf %02d $((RANDOM % 24))):$(printf %02d $((RANDOM % 60))):00Z"
    done
  }
  times=$(ask 0 10)
  echo "first $(echo "$times" | head -1) s; the next 10 (s): $(echo "$times" | tail -n +2 | sort -n | tr '\n' ' ')"
  echo "10 more, other days (s): $(ask 17 9 | sort -n | tr '\n' ' ')"
done
echo "== 180-day backtest 2008-01-01..2008-06-28 =="
curl -s -o /dev/null -w "%{http_code} in %{time_total} s\n" "$base/api/v1/theaters/$theater/backtest?from=2008-01-01&to=2008-06-28"
