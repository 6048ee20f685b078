-- wrk script: requests the paths of a file in turn, one per line, each followed by the request's
-- headers as tab-separated "Name: value" fields, and optionally a field "BODY <text>" that makes
-- it a POST with that body (a GraphQL query); prints the results as one JSON line at the end.
--   wrk -s wrk-paths.lua http://127.0.0.1:3000 -- paths.txt
local entries = {}
local counter = 0
local threads = {}

function setup(thread)
  thread:set("offset", #threads * 7919)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      local entry = { headers = {} }
      for field in line:gmatch("[^\t]+") do
        if entry.path == nil then
          entry.path = field
        elseif field:sub(1, 5) == "BODY " then
          entry.body = field:sub(6)
        else
          local name, value = field:match("^([^:]+):%s*(.*)$")
          entry.headers[name] = value
        end
      end
      table.insert(entries, entry)
    end
  end
  counter = offset or 0
end

function request()
  counter = counter + 1
  local entry = entries[(counter % #entries) + 1]
  if entry.body then
    return wrk.format("POST", entry.path, entry.headers, entry.body)
  end
  return wrk.format("GET", entry.path, entry.headers)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"durationUs":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latencyUs":{"min":%d,"mean":%.1f,"stdev":%.1f,"max":%d,"p50":%d,"p90":%d,"p99":%d,"p999":%d}}\n',
    summary.requests, summary.duration, summary.bytes,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency.min, latency.mean, latency.stdev, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9)))
end
