-- wrk script of bin/benchmark --persisted (persisted.sh): one of the catalog's reads, sent one of three ways.
-- The documents and variables templates are the comparison's (../compare/wrk/documents.lua, preset "catalog"):
--   product   one product by id with its images; ${id} random in PQ_ID_MIN..PQ_ID_MAX per request, or PQ_FIXED_ID
--   products  the first 20 active products with their images; no variables
-- The ways (PQ_WAY):
--   post        POST /graphql, {"query": <the document>, "variables": ...}, as the comparison sends it
--   get         GET /graphql?extensions={"persistedQuery":{"version":1,"sha256Hash":PQ_HASH}}&variables=...
--               (automatic persisted query, URL-encoded, no query parameter); the answer must carry an ETag
--   revalidate  as get with the id fixed to PQ_FIXED_ID, and If-None-Match: PQ_ETAG: every answer must be 304
-- A response counts as failed when its status is not the way's (200, or 304 for revalidate), when a 200's body
-- has "errors" or (product) "product":null, or when get's 200 has no ETag. done() prints a summary and one line
-- "PQBENCH key=value ..." with, besides the rates, the bytes sent per request (the length of the request strings
-- wrk wrote: request line, headers and body) and received per request (wrk's bytes read / requests).
--
--   PQ_OP=products PQ_WAY=get PQ_HASH=<sha256 of the document> wrk -t2 -c16 -d20s --latency \
--     -s benchmark/persisted/persisted.lua http://127.0.0.1:8080/graphql
--
-- PQ_DUMP=query prints the document and exits, PQ_DUMP=variables its variables template ("" for none),
-- PQ_DUMP=request the request as wrk sends it (ids fixed to PQ_FIXED_ID), PQ_DUMP=path its path: persisted.sh
-- registers and hashes exactly the text sent here, and fetches the ETag with the revalidation's own path.

local dir = (debug.getinfo(1, "S").source:gsub("^@", ""):match("^(.*/)") or "./")

local function env(name, default)
  local v = os.getenv(name)
  if v == nil or v == "" then return default end
  return v
end

local op = env("PQ_OP", "product")
local way = env("PQ_WAY", "post")
local doc = dofile(dir .. "../compare/wrk/documents.lua").catalog[op]
if doc == nil then error("persisted.lua: no catalog document '" .. op .. "' in compare/wrk/documents.lua") end
if way ~= "post" and way ~= "get" and way ~= "revalidate" then
  error("persisted.lua: PQ_WAY must be post, get or revalidate, not '" .. way .. "'")
end
local query, template = doc.query, doc.variables

local dump = env("PQ_DUMP", nil)
if dump == "query" then io.write(query); os.exit(0) end
if dump == "variables" then io.write(template or ""); os.exit(0) end

local hash = env("PQ_HASH", nil)
local etag = env("PQ_ETAG", nil)
if dump == nil and way ~= "post" and hash == nil then error("persisted.lua: PQ_WAY=" .. way .. " needs PQ_HASH") end
if dump == nil and way == "revalidate" and etag == nil then error("persisted.lua: PQ_WAY=revalidate needs PQ_ETAG") end
local id_min = tonumber(env("PQ_ID_MIN", "1"))
local id_max = tonumber(env("PQ_ID_MAX", "10000"))
local fixed_id = env("PQ_FIXED_ID", nil)
if way == "revalidate" or dump ~= nil then fixed_id = fixed_id or tostring(id_min) end
local fail_match = op == "product" and '"product":null' or nil
local label = env("PQ_LABEL", op .. ":" .. way)
local expected = way == "revalidate" and 304 or 200

-- JSON string literal for s.
local function json_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' elseif c == "\\" then return "\\\\" elseif c == "\n" then return "\\n"
    elseif c == "\r" then return "\\r" elseif c == "\t" then return "\\t" else return string.format("\\u%04x", c:byte()) end
  end) .. '"'
end

-- A query-string component: everything but RFC 3986's unreserved characters percent-encoded.
local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end

local function variables(id)
  if template == nil then return nil end
  return (template:gsub("%${(%w+)}", function(key)
    if key ~= "id" then error("persisted.lua: placeholder ${" .. key .. "} is not supported") end
    return id
  end))
end

local base_path = wrk.path
local body_prefix = '{"query":' .. json_string(query)
local extensions_param = hash and ("extensions=" .. urlencode('{"persistedQuery":{"version":1,"sha256Hash":"' .. hash .. '"}}'))

-- The path and body of one request for this id (nil when the read has no variables).
local function path_and_body(id)
  local vars = variables(id)
  if way == "post" then
    return base_path, body_prefix .. (vars and (',"variables":' .. vars) or "") .. "}"
  end
  return base_path .. "?" .. extensions_param .. (vars and ("&variables=" .. urlencode(vars)) or ""), nil
end

wrk.headers["Accept"] = "application/json"
if way == "post" then
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
else
  wrk.method = "GET"
  if way == "revalidate" then wrk.headers["If-None-Match"] = etag end
end

local varies = template ~= nil and template:find("${", 1, true) ~= nil and fixed_id == nil
if not varies then
  wrk.path, wrk.body = path_and_body(fixed_id)
end

if dump == "path" then io.write(wrk.path); os.exit(0) end
if dump == "request" then
  if wrk.headers["Host"] == nil then wrk.headers["Host"] = wrk.host .. (wrk.port and (":" .. wrk.port) or "") end
  io.write(wrk.format()); os.exit(0)
end
if dump ~= nil then error("persisted.lua: PQ_DUMP must be query, variables, request or path") end

-- Per thread (each has its own Lua state): counters read by done() through thread:get().
local threads = {}
pq_responses, pq_unexpected, pq_outside, pq_not_modified, pq_errors, pq_no_etag = 0, 0, 0, 0, 0, 0
pq_sent_bytes, pq_sent_requests, pq_sample = 0, 0, nil

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_index", #threads)
  thread:set("run_salt", math.random(1, 2 ^ 30) + os.time())
end

function init(args)
  math.randomseed(run_salt + thread_index * 7919)
  for _ = 1, 10 do math.random() end -- LuaJIT: discard the first, poorly mixed values
  if not varies then
    -- wrk.init has set the Host header and builds the static request with wrk.format() after init(): the same.
    pq_sent_bytes, pq_sent_requests = #wrk.format(), 1
  end
end

if varies then
  function request()
    local path, body = path_and_body(tostring(math.random(id_min, id_max)))
    local req = wrk.format(nil, path, nil, body)
    pq_sent_bytes = pq_sent_bytes + #req
    pq_sent_requests = pq_sent_requests + 1
    return req
  end
end

local function fail(what)
  pq_sample = pq_sample or what
end

function response(status, headers, body)
  pq_responses = pq_responses + 1
  if status == 304 then pq_not_modified = pq_not_modified + 1 end
  if status ~= expected then
    pq_unexpected = pq_unexpected + 1
    if status < 200 or status >= 400 then pq_outside = pq_outside + 1 end
    fail("HTTP " .. status .. ": " .. (body or ""):sub(1, 300))
  elseif status == 200 then
    if body ~= nil and (body:find('"errors"', 1, true) or (fail_match and body:find(fail_match, 1, true))) then
      pq_errors = pq_errors + 1
      fail(body:sub(1, 300))
    elseif way == "get" and (headers["ETag"] or headers["Etag"] or headers["etag"]) == nil then
      pq_no_etag = pq_no_etag + 1
      fail("200 without an ETag: " .. (body or ""):sub(1, 200))
    end
  end
end

function done(summary, latency, requests)
  local t = { responses = 0, unexpected = 0, outside = 0, not_modified = 0, errors = 0, no_etag = 0,
              sent_bytes = 0, sent_requests = 0 }
  local sample
  for _, thread in ipairs(threads) do
    for key in pairs(t) do t[key] = t[key] + thread:get("pq_" .. key) end
    sample = sample or thread:get("pq_sample")
  end
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  local rps = summary.requests / seconds
  local failed = t.unexpected + t.errors + t.no_etag + socket_errors
  local sent = t.sent_requests > 0 and t.sent_bytes / t.sent_requests or 0
  local received = summary.requests > 0 and summary.bytes / summary.requests or 0
  local function ms(p) return latency:percentile(p) / 1000 end
  io.write(string.format("%s: %d requests in %.1fs, %.1f req/s, latency p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    label, summary.requests, seconds, rps, ms(50), ms(99), latency.max / 1000))
  io.write(string.format("%s: responses %d, not %d %d (outside 2xx/3xx %d), 304 %d, with errors %d, without ETag %d, socket errors %d (connect %d, read %d, write %d, timeout %d)\n",
    label, t.responses, expected, t.unexpected, t.outside, t.not_modified, t.errors, t.no_etag, socket_errors,
    e.connect, e.read, e.write, e.timeout))
  io.write(string.format("%s: %.1f bytes sent, %.1f bytes received per request\n", label, sent, received))
  if sample ~= nil then io.write(label .. ": first failure: " .. sample .. "\n") end
  io.write(string.format("PQBENCH label=%s requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f failed=%d outside=%d not_modified=%d sent=%.1f received=%.1f\n",
    label, summary.requests, seconds, rps, ms(50), ms(99), latency.max / 1000, failed, t.outside, t.not_modified,
    sent, received))
end
