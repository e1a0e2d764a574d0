#!/usr/bin/env bash
# Measures ingestion through the HTTP API: 10,000-item batches POSTed by wrk against a Release build of the
# service on a fresh embedded PostgreSQL. Usage: run-ingest.sh [duration, default 30s] [connections, default 2]
set -euo pipefail
cd "$(dirname "$0")/../../.."
duration=${1:-30s}
connections=${2:-2}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }

data=$(mktemp -d /tmp/ef-bench-XXXX)
dotnet build -c Release src/EscalationForecast.Api -v q -nologo
dotnet src/EscalationForecast.Api/bin/Release/net10.0/EscalationForecast.Api.dll \
  --urls http://127.0.0.1:5090 --contentRoot "$(pwd)/src/EscalationForecast.Api" --EmbeddedPostgres:Root="$data" --Samples:LoadOnEmptyStore=false ${SERVICE_ARGS:-} > "$data/service.log" 2>&1 &
service=$!
trap 'kill $service; wait $service 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:5090/health/ready >/dev/null && break; sleep 1; done

# Warm-up (tiered JIT settles after ~20 s of load, the connection pool fills, the streams exist), then the measured run.
BATCH=10000 wrk -t1 -c1 -d20s --timeout 30s -s tests/EscalationForecast.Benchmarks/Ingestion/ingest.lua http://127.0.0.1:5090 >/dev/null
BATCH=10000 wrk -t"$connections" -c"$connections" -d"$duration" --timeout 30s --latency \
  -s tests/EscalationForecast.Benchmarks/Ingestion/ingest.lua http://127.0.0.1:5090
