-- lede.inspect — a readable rendering of any Lua value, for the REPL and
-- for scripts that give no text. Tables print with array items first, then
-- the other keys sorted; short tables stay on one line, longer ones are
-- indented; cycles show as <cycle>, and long or deep tables are cut short
-- with a note saying how much was left out.

local DEFAULTS = { width = 80, depth = 4, items = 40 }

local KEYWORDS = {}
for w in ([[and break do else elseif end false for function goto if in local nil not or
  repeat return then true until while]]):gmatch("%a+") do KEYWORDS[w] = true end

-- A string as a Lua literal, with control characters escaped.
local function quote(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    local named = { ["\n"] = "\\n", ["\t"] = "\\t", ["\r"] = "\\r", ['"'] = '\\"', ["\\"] = "\\\\" }
    return named[c] or string.format("\\%03d", c:byte())
  end) .. '"'
end

-- A key as it is written in a table constructor.
local function key_text(k)
  if type(k) == "string" and k:match("^[%a_][%w_]*$") and not KEYWORDS[k] then return k end
  if type(k) == "string" then return "[" .. quote(k) .. "]" end
  return "[" .. tostring(k) .. "]"
end

-- Order for non-array keys: numbers before strings before others, then by value.
local function key_less(a, b)
  local ta, tb = type(a), type(b)
  if ta ~= tb then
    local rank = { number = 1, string = 2 }
    return (rank[ta] or 3) < (rank[tb] or 3) or ((rank[ta] or 3) == (rank[tb] or 3) and ta < tb)
  end
  if ta == "number" or ta == "string" then return a < b end
  return tostring(a) < tostring(b)
end

local render

-- The rendering of table t at nesting `level`.
local function render_table(t, opts, level, seen)
  if seen[t] then return "<cycle>" end
  if level > opts.depth then return "{…}" end
  seen[t] = true
  local parts = {}
  local n = #t
  local shown = 0
  for i = 1, n do
    if shown >= opts.items then break end
    parts[#parts + 1] = render(t[i], opts, level + 1, seen)
    shown = shown + 1
  end
  local nitems = #parts -- array items come first
  local keys = {}
  for k in pairs(t) do
    if not (math.type(k) == "integer" and k >= 1 and k <= n) then keys[#keys + 1] = k end
  end
  table.sort(keys, key_less)
  for _, k in ipairs(keys) do
    if shown >= opts.items then break end
    parts[#parts + 1] = key_text(k) .. " = " .. render(t[k], opts, level + 1, seen)
    shown = shown + 1
  end
  local total = n + #keys
  if shown < total then parts[#parts + 1] = string.format("… (%d more)", total - shown) end
  seen[t] = nil
  local mt = getmetatable(t)
  local prefix = (type(mt) == "table" and type(mt.__name) == "string") and ("<" .. mt.__name .. "> ") or ""
  if #parts == 0 then return prefix .. "{}" end
  local one_line = prefix .. "{ " .. table.concat(parts, ", ") .. " }"
  if #one_line + level * 2 <= opts.width and not one_line:find("\n") then return one_line end
  -- Several lines: short array items share a line up to the width, every
  -- other part has a line of its own.
  local indent = string.rep("  ", level + 1)
  local lines, line = {}, nil
  for i, p in ipairs(parts) do
    local packable = i <= nitems and not p:find("\n")
    if packable and line and #indent + #line + 2 + #p + 1 <= opts.width then
      line = line .. ", " .. p
    else
      if line then lines[#lines + 1] = line end
      line = p
      if not packable then
        lines[#lines + 1] = line
        line = nil
      end
    end
  end
  if line then lines[#lines + 1] = line end
  return prefix .. "{\n" .. indent .. table.concat(lines, ",\n" .. indent) .. "\n"
    .. string.rep("  ", level) .. "}"
end

function render(v, opts, level, seen)
  local ty = type(v)
  if ty == "string" then return quote(v) end
  if ty == "table" then return render_table(v, opts, level, seen) end
  if ty == "number" and math.type(v) == "float" and v == math.floor(v) and v > -1e15 and v < 1e15 then
    return string.format("%.1f", v)
  end
  return tostring(v) -- numbers, booleans, nil, functions, userdata (their __tostring)
end

-- inspect(value [, opts]) -> string; opts: width, depth, items.
return function(value, opts)
  local o = {}
  for k, v in pairs(DEFAULTS) do o[k] = (opts and opts[k]) or v end
  return render(value, o, 0, {})
end
