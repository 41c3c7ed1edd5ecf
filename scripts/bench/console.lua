-- wrk script of the console benchmark (scripts/bench.sh): every request carries one of the session cookies listed,
-- one per line, in the file named by BENCH_COOKIES (one line: all connections share one session; 50 lines: the
-- requests go round the 50 sessions). Counts every answer that is not a 200 (wrk itself counts 3xx as fine, but a
-- redirect to the login page is a failure here), and prints one line of key=value pairs at the end.
local cookies = {}
for line in io.lines(os.getenv("BENCH_COOKIES")) do
  if line ~= "" then cookies[#cookies + 1] = line end
end
local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

function init(args)
  non200 = 0
  n = id * 7
end

function request()
  n = n + 1
  wrk.headers["Cookie"] = "JSESSIONID=" .. cookies[(n % #cookies) + 1]
  return wrk.format()
end

function response(status, headers, body)
  if status ~= 200 then non200 = non200 + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("non200") end
  local e = summary.errors
  io.write(string.format("requests=%d seconds=%.3f rate=%.1f p50_ms=%.1f p99_ms=%.1f non200=%d errors=%d timeouts=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, bad,
    e.connect + e.read + e.write, e.timeout))
end
