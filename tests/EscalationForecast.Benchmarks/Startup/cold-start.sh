#!/usr/bin/env bash
# Cold start to ready: a Release build of the API started N times on the embedded PostgreSQL (already initialised,
# data present); each run measures from process start to the first 200 from /health/ready. Prints every run and
# the median. Usage: tests/EscalationForecast.Benchmarks/Startup/cold-start.sh [runs=5] [port=5091]
set -euo pipefail
cd "$(dirname "$0")/../../.."
runs=${1:-5}
port=${2:-5091}
out=$(mktemp -d)
dotnet publish src/EscalationForecast.Api -c Release -o "$out" --nologo -v q >/dev/null
# The embedded cluster lives under the content root: reuse the project's, so the data is there.
root=$(pwd)/src/EscalationForecast.Api
# First start initialises the cluster and loads the samples when the store is empty; not measured.
warm() {
  (cd "$root" && exec dotnet "$out/EscalationForecast.Api.dll" --urls "http://127.0.0.1:$port" --contentRoot "$root") >"$out/log" 2>&1 &
  pid=$!
  until curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null; do sleep 0.05; kill -0 $pid 2>/dev/null || { cat "$out/log"; exit 1; }; done
}
warm; kill -INT $pid; wait $pid || true
times=()
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  warm
  end=$(date +%s%N)
  kill -INT $pid; wait $pid || true
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  echo "run $i: ${ms} ms"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}')
echo "median of $runs: ${median} ms"
rm -rf "$out"
