-- wrk script: one employee's diary, a random week of 2027-2028 per request (the weeks Api.RandomWeek draws from),
-- signed in with the bearer token in $CONVENE_TOKEN. Prints machine-readable figures at the end (bench/load/run.sh).
local token = os.getenv("CONVENE_TOKEN")
local first = 1799020800 -- 2027-01-04T00:00:00Z, a Monday (as Api.RandomWeek)
math.randomseed(7)

local function iso(t) return os.date("!%Y-%m-%dT%H:%M:%SZ", t) end

request = function()
  local week = first + 7 * 86400 * math.random(0, 102)
  local path = "/api/v1/diary?from=" .. iso(week) .. "&to=" .. iso(week + 7 * 86400) .. "&includePending=true"
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

local failed = 0
response = function(status) if status ~= 200 then failed = failed + 1 end end

done = function(summary, latency)
  io.write(string.format("wrk_requests %d\nwrk_failed %d\nwrk_p50_ms %.4f\nwrk_p99_ms %.4f\n",
    summary.requests, failed + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
