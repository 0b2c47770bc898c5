-- lede.output — writing a script's result as text, JSON, JSON Lines or CSV.
--
-- JSON goes through lua-cjson for what must be exact (string escaping,
-- number formatting); this file only walks the structure, so that keys come
-- out sorted (the same result gives the same bytes) and an empty table is
-- written [] unless lede.object marked it.
local cjson = require("cjson")
local NULL = cjson.null

local M = {}

-- Whether t is a sequence 1..n with nothing else in it (n may be 0).
local function is_array(t)
  local n = #t
  local count = 0
  for k in pairs(t) do
    if math.type(k) ~= "integer" or k < 1 or k > n then return false end
    count = count + 1
  end
  return count == n
end

-- A JSON string literal. lua-cjson escapes every '/' as '\/', which is
-- valid but noisy; each '/' in its output carries its own backslash, so
-- removing exactly those is safe.
local function json_string(s)
  local j = cjson.encode(s)
  -- (most strings hold no '/': the pattern is run only on those that do)
  if j:find("/", 1, true) then j = j:gsub("\\/", "/") end
  return j
end

-- The JSON string literals of the object keys met so far: records repeat the
-- same few keys, so each is encoded once.
local key_literals = {}
local function json_key(k)
  local j = key_literals[k]
  if not j then
    j = json_string(k)
    key_literals[k] = j
  end
  return j
end

-- Append the JSON for `v` to the buffer `out`, whose last filled slot is
-- n; returns the new last slot. `seen` guards against cycles. (The count is
-- carried along rather than asked of #out: a whole result is thousands of
-- pieces.)
local function encode(v, out, n, seen)
  local ty = type(v)
  if ty == "string" then
    n = n + 1
    out[n] = json_string(v)
  elseif ty == "number" then
    n = n + 1
    if math.type(v) == "integer" then
      out[n] = string.format("%d", v)
    else
      out[n] = cjson.encode(v) -- raises on NaN and infinities
    end
  elseif ty == "boolean" then
    n = n + 1
    out[n] = v and "true" or "false"
  elseif v == nil or v == cjson.null then
    n = n + 1
    out[n] = "null"
  elseif ty == "table" then
    if seen[v] then error("cannot encode a table that contains itself as JSON", 0) end
    seen[v] = true
    local mt = getmetatable(v)
    local lede_object = mt and mt.__name == "lede.object"
    if not lede_object and is_array(v) then
      n = n + 1
      out[n] = "["
      for i = 1, #v do
        if i > 1 then
          n = n + 1
          out[n] = ","
        end
        n = encode(v[i], out, n, seen)
      end
      n = n + 1
      out[n] = "]"
    else
      local keys, nk = {}, 0
      for k in pairs(v) do
        local kt = type(k)
        if kt ~= "string" and kt ~= "number" then
          error("cannot encode a table key of type " .. kt .. " as JSON", 0)
        end
        nk = nk + 1
        keys[nk] = kt == "string" and k or tostring(k)
      end
      table.sort(keys)
      n = n + 1
      out[n] = "{"
      for i = 1, nk do
        local k = keys[i]
        if i > 1 then
          n = n + 1
          out[n] = ","
        end
        out[n + 1] = key_literals[k] or json_key(k)
        out[n + 2] = ":"
        n = n + 2
        local val = v[k]
        if val == nil then val = v[tonumber(k)] end
        -- (strings and nulls, most values of a record, written here rather than by a call)
        if type(val) == "string" then
          n = n + 1
          out[n] = json_string(val)
        elseif val == NULL then
          n = n + 1
          out[n] = "null"
        else
          n = encode(val, out, n, seen)
        end
      end
      n = n + 1
      out[n] = "}"
    end
    seen[v] = nil
  else
    error("cannot encode a " .. ty .. " as JSON", 0)
  end
  return n
end

-- The JSON text of v, on one line.
function M.json(v)
  local out = {}
  encode(v, out, 0, {})
  return table.concat(out)
end

-- The records a result holds for the line-oriented formats: the field
-- the script names (its `records = "field"`), else the result itself when
-- it is an array. Returns nil when there are none.
function M.records(result, field)
  if type(result) ~= "table" then return nil end
  if field then
    local r = result[field]
    return type(r) == "table" and r or nil
  end
  if is_array(result) then return result end
  return nil
end

-- One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF,
-- or leading/trailing space; quotes doubled. Tables become their JSON.
local function csv_field(v)
  if v == nil or v == cjson.null then return "" end
  if type(v) == "table" then v = M.json(v) end
  local s = tostring(v)
  if s:find('[,"\r\n]') or s:find("^%s") or s:find("%s$") then
    s = '"' .. s:gsub('"', '""') .. '"'
  end
  return s
end

-- CSV text (a header line, then one line per record, LF line ends as
-- pandas and R write them) for an array of flat records. Columns are
-- `columns` when given, else every key met, in order of first appearance
-- within a record's sorted keys.
function M.csv(records, columns)
  if not columns then
    columns = {}
    local have = {}
    for _, r in ipairs(records) do
      local keys = {}
      for k in pairs(r) do keys[#keys + 1] = tostring(k) end
      table.sort(keys)
      for _, k in ipairs(keys) do
        if not have[k] then
          have[k] = true
          columns[#columns + 1] = k
        end
      end
    end
  end
  local lines = {}
  local row = {}
  for i, c in ipairs(columns) do row[i] = csv_field(c) end
  lines[1] = table.concat(row, ",")
  for _, r in ipairs(records) do
    row = {}
    for i, c in ipairs(columns) do row[i] = csv_field(r[c]) end
    lines[#lines + 1] = table.concat(row, ",")
  end
  return table.concat(lines, "\n") .. "\n"
end

-- JSON Lines: one record per line.
-- (all lines go into one buffer, joined once at the end)
function M.jsonl(records)
  local out, n, seen = {}, 0, {}
  for _, r in ipairs(records) do
    n = encode(r, out, n, seen) + 1
    out[n] = "\n"
  end
  return table.concat(out)
end

M.formats = { "text", "json", "jsonl", "csv" }

-- Render a script's (result, text) in `format`; `records` and `columns`
-- are what the script declares for jsonl and csv. Returns the string, or
-- nil and a message when the format cannot show this result.
function M.render(format, result, text, records, columns)
  if format == "text" then
    if text == nil then text = require("lede.inspect")(result) end
    text = tostring(text)
    if text ~= "" and text:sub(-1) ~= "\n" then text = text .. "\n" end
    return text
  elseif format == "json" then
    return M.json(result) .. "\n"
  elseif format == "jsonl" or format == "csv" then
    local list = M.records(result, records)
    if not list then
      return nil, "this result has no records to write as " .. format .. " (use --format json)"
    end
    if format == "jsonl" then return M.jsonl(list) end
    return M.csv(list, columns)
  end
  return nil, "unknown format '" .. tostring(format) .. "' (text, json, jsonl or csv)"
end

return M
