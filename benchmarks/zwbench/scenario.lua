-- wrk script of the Zaakwerk benchmark runner (benchmarks/zwbench/wrk.py drives it).
--
-- Arguments after "--": method, paths file (one path per line, used round-robin), bodies file (one body template
-- per line, also round-robin; "" for none), run id. In a body every "__UNIQUE__" becomes
-- "<run id>-<thread>-<counter>", so each POST is a new resource.
-- done() prints one line "ZWBENCH {json}" that the runner parses instead of wrk's human-readable summary.

local next_thread = 1

function setup(thread)
   -- setup() runs in the main Lua state; each thread gets its own number for unique bodies.
   thread:set("thread_no", next_thread)
   next_thread = next_thread + 1
end

local method = "GET"
local paths = {}
local bodies = {}
local run_id = "0"
local counter = 0
local requests_prepared = {}

function init(args)
   method = args[1]
   for line in io.lines(args[2]) do
      if line ~= "" then
         table.insert(paths, line)
      end
   end
   if args[3] ~= nil and args[3] ~= "" then
      for line in io.lines(args[3]) do
         if line ~= "" then
            table.insert(bodies, line)
         end
      end
   end
   run_id = args[4] or "0"
   if #bodies == 0 then
      -- Bodiless requests are the same every time: format them once so wrk's own CPU stays low.
      for i, path in ipairs(paths) do
         requests_prepared[i] = wrk.format(method, path)
      end
   end
end

function request()
   counter = counter + 1
   local i = (counter % #paths) + 1
   if #bodies == 0 then
      return requests_prepared[i]
   end
   local unique = run_id .. "-" .. thread_no .. "-" .. counter
   local body = (string.gsub(bodies[((counter + thread_no * 7919) % #bodies) + 1], "__UNIQUE__", unique))
   return wrk.format(method, paths[i], nil, body)
end

function done(summary, latency, requests)
   io.write(string.format(
      'ZWBENCH {"duration_us":%d,"requests":%d,"bytes":%d,"connect_errors":%d,"read_errors":%d,' ..
      '"write_errors":%d,"status_errors":%d,"timeouts":%d,"lat_mean_us":%.1f,"lat_max_us":%d,' ..
      '"lat_p50_us":%d,"lat_p90_us":%d,"lat_p99_us":%d}\n',
      summary.duration, summary.requests, summary.bytes, summary.errors.connect, summary.errors.read,
      summary.errors.write, summary.errors.status, summary.errors.timeout, latency.mean, latency.max,
      latency:percentile(50), latency:percentile(90), latency:percentile(99)))
end
