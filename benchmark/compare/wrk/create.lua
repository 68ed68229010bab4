-- wrk script: create a product with a unique name (${name}) and a random price (${price}).
--   GQL_PRESET=postgraphile wrk -t2 -c16 -d20s --latency -s wrk/create.lua http://127.0.0.1:5678/graphql
--   GQL_PRESET=catalog      wrk -t2 -c16 -d20s --latency -s wrk/create.lua http://127.0.0.1:8080/graphql
-- Document and variables: documents.lua, or GQL_QUERY / GQL_VARIABLES; see gql.lua for all settings.
local dir = (debug.getinfo(1, "S").source:gsub("^@", ""):match("^(.*/)") or "./")
dofile(dir .. "gql.lua").operation("create", dir)
