-- wrk script: every request POSTs a fresh batch of 10,000 incidents (unique ids) to /api/v1/events.
-- Run by run-ingest.sh; the events/s figure is requests/s x batch size, counting only 200 answers.
local batch = tonumber(os.getenv("BATCH") or "10000")
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  ok, failed = 0, 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local items = {}
  for i = 1, batch do
    local theater = "bench-" .. (i % 4)
    local day = 1 + (i % 28)
    items[i] = string.format(
      '{"id":"b%d-%d-%d-%d","type":"incident","theaterId":"%s","occurredAt":"2020-02-%02d","channel":"%s","severity":%d,"category":"rocket"}',
      tid, counter, i, os.time(), theater, day, (i % 3 == 0) and "us" or "militia", 1 + (i % 5))
  end
  return wrk.format(nil, "/api/v1/events", nil, "[" .. table.concat(items, ",") .. "]")
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 else failed = failed + 1 end
end

function done(summary, latency, requests)
  local good, bad = 0, 0
  for _, t in ipairs(threads) do
    good = good + t:get("ok")
    bad = bad + t:get("failed")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("batches: %d ok, %d failed\n", good, bad))
  io.write(string.format("events/s: %.0f (batch %d)\n", good * batch / seconds, batch))
  io.write(string.format("batch latency p50 %.0f ms, p99 %.0f ms\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
