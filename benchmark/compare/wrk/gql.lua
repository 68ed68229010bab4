-- gql.lua: shared logic of the wrk scripts in this folder (product.lua, products.lua, create.lua).
-- Each request POSTs {"query": ..., "variables": ...} as JSON to the URL given to wrk; the document and a
-- variables template come from documents.lua (by preset) or from the environment, so the same scripts
-- drive any GraphQL server. Per request the template's placeholders are filled in:
--   ${id}     random integer in [GQL_ID_MIN, GQL_ID_MAX]            (default 1..10000, the seeded range)
--   ${name}   a name unique across threads, runs and requests:
--             <GQL_NAME_PREFIX>-<run salt from /dev/urandom>-<thread>-<counter>
--   ${price}  random price 1.00 .. 9999.99, printed with 2 decimals (a JSON number)
--   ${n}      the thread's request counter
-- Responses are counted: HTTP status other than 200, and 200s whose body contains "errors".
-- done() prints a human summary and one machine-readable line starting with "GQLBENCH".
--
-- Environment (all optional):
--   GQL_PRESET      key in documents.lua: "catalog" (default) or "postgraphile"
--   GQL_QUERY       the GraphQL document (overrides the preset's); GQL_QUERY_FILE reads it from a file
--   GQL_VARIABLES   JSON variables template with the placeholders above (overrides the preset's);
--                   "" or "null" sends no variables
--   GQL_AUTH        value of an Authorization header, e.g. "Bearer eyJ..."
--   GQL_ID_MIN, GQL_ID_MAX, GQL_NAME_PREFIX (default "wrk")
--   GQL_FAIL_MATCH  a 200 whose body contains this string counts as an error too, e.g. '"product":null'
--                   when every product asked for must exist
--   GQL_LABEL       label printed in the summary lines (default: the operation's name)

local M = {}

local function env(name, default)
  local v = os.getenv(name)
  if v == nil then return default end
  return v
end

-- JSON string literal for s (escapes quotes, backslashes and control characters).
local function json_string(s)
  s = s:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"'
    elseif c == "\\" then return "\\\\"
    elseif c == "\n" then return "\\n"
    elseif c == "\r" then return "\\r"
    elseif c == "\t" then return "\\t"
    else return string.format("\\u%04x", c:byte()) end
  end)
  return '"' .. s .. '"'
end

-- Hex string of n random bytes from /dev/urandom (falls back to time-based if unavailable).
local function random_hex(n)
  local f = io.open("/dev/urandom", "rb")
  if not f then return string.format("%x", os.time()) end
  local bytes = f:read(n)
  f:close()
  return (bytes:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end

-- Configures wrk for the operation op (a key of the preset in documents.lua) by defining the globals
-- wrk calls: setup, init, request (only when the variables vary), response and done.
function M.operation(op, script_dir)
  local documents = dofile(script_dir .. "documents.lua")
  local preset_name = env("GQL_PRESET", "catalog")
  local preset = documents[preset_name]
  if preset == nil then error("gql.lua: unknown GQL_PRESET '" .. preset_name .. "' (see documents.lua)") end
  local doc = preset[op] or {}

  local query = env("GQL_QUERY", nil)
  local query_file = env("GQL_QUERY_FILE", nil)
  if query == nil and query_file ~= nil then
    local f = assert(io.open(query_file, "r"), "gql.lua: cannot read GQL_QUERY_FILE " .. query_file)
    query = f:read("*a")
    f:close()
  end
  query = query or doc.query
  if query == nil then error("gql.lua: no document for operation '" .. op .. "' (set GQL_QUERY)") end
  local variables = env("GQL_VARIABLES", doc.variables)
  if variables == "" or variables == "null" then variables = nil end

  local label = env("GQL_LABEL", preset_name .. ":" .. op)
  local id_min = tonumber(env("GQL_ID_MIN", "1"))
  local id_max = tonumber(env("GQL_ID_MAX", "10000"))
  local name_prefix = env("GQL_NAME_PREFIX", "wrk")

  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json"
  local auth = env("GQL_AUTH", nil)
  if auth ~= nil and auth ~= "" then wrk.headers["Authorization"] = auth end

  local body_prefix = '{"query":' .. json_string(query)

  -- Each wrk thread has its own Lua state, with its own copy of the globals below; setup() and done()
  -- run in the main state and reach the threads' globals through thread:set() / thread:get().
  local threads = {}
  local main_salt = random_hex(4) -- one salt per wrk run, handed to every thread by setup()
  gql_responses, gql_non200, gql_errors, gql_error_sample = 0, 0, 0, nil
  local fail_match = env("GQL_FAIL_MATCH", "")
  local counter = 0

  function setup(thread)
    table.insert(threads, thread)
    thread:set("thread_index", #threads)
    thread:set("run_salt", main_salt)
  end

  function init(args)
    -- Seed this thread's generator from the run salt and its index (set by setup() before init()).
    math.randomseed(tonumber(run_salt:sub(1, 7), 16) + thread_index * 7919)
    for _ = 1, 10 do math.random() end -- LuaJIT: discard the first, poorly mixed values
  end

  local generators = {
    id = function() return tostring(math.random(id_min, id_max)) end,
    name = function() return name_prefix .. "-" .. run_salt .. "-" .. thread_index .. "-" .. counter end,
    price = function() return string.format("%d.%02d", math.random(1, 9999), math.random(0, 99)) end,
    n = function() return tostring(counter) end,
  }

  if variables == nil then
    wrk.body = body_prefix .. "}" -- static request: wrk builds it once
  elseif not variables:find("${", 1, true) then
    wrk.body = body_prefix .. ',"variables":' .. variables .. "}"
  else
    function request()
      counter = counter + 1
      local vars = variables:gsub("%${(%w+)}", function(key)
        local g = generators[key]
        if g == nil then error("gql.lua: unknown placeholder ${" .. key .. "}") end
        return g()
      end)
      return wrk.format(nil, nil, nil, body_prefix .. ',"variables":' .. vars .. "}")
    end
  end

  function response(status, headers, body)
    gql_responses = gql_responses + 1
    if status ~= 200 then
      gql_non200 = gql_non200 + 1
      gql_error_sample = gql_error_sample or ("HTTP " .. status .. ": " .. (body or ""):sub(1, 300))
    elseif body ~= nil and (body:find('"errors"', 1, true)
        or (fail_match ~= "" and body:find(fail_match, 1, true))) then
      gql_errors = gql_errors + 1
      gql_error_sample = gql_error_sample or body:sub(1, 300)
    end
  end

  function done(summary, latency, requests)
    local responses, non200, errors, sample = 0, 0, 0, nil
    for _, thread in ipairs(threads) do
      responses = responses + thread:get("gql_responses")
      non200 = non200 + thread:get("gql_non200")
      errors = errors + thread:get("gql_errors")
      sample = sample or thread:get("gql_error_sample")
    end
    local e = summary.errors
    local socket_errors = e.connect + e.read + e.write + e.timeout
    local seconds = summary.duration / 1e6
    local rps = summary.requests / seconds
    local function ms(p) return latency:percentile(p) / 1000 end
    io.write(string.format("%s: %d requests in %.1fs, %.1f req/s, latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
      label, summary.requests, seconds, rps, ms(50), ms(90), ms(99), latency.max / 1000))
    io.write(string.format("%s: responses %d, non-200 %d, with \"errors\" %d, socket errors %d (connect %d, read %d, write %d, timeout %d)\n",
      label, responses, non200, errors, socket_errors, e.connect, e.read, e.write, e.timeout))
    if sample ~= nil then io.write(label .. ": first error: " .. sample .. "\n") end
    io.write(string.format("GQLBENCH label=%s requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f non200=%d gql_errors=%d socket_errors=%d\n",
      label, summary.requests, seconds, rps, ms(50), ms(90), ms(99), latency.max / 1000,
      non200, errors, socket_errors))
  end
end

return M
