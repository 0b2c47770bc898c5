-- Every example in the API reference runs and prints what the reference
-- says (the comments in the binding sources are the reference: see
-- bindings/apidoc.lua), and docs/api.md is what they generate.
local apidoc = dofile("bindings/apidoc.lua")
local support = dofile("tests/spec/support.lua")
local lede = require("lede")

describe("docs/api.md", function()
  it("is generated from the current doc comments", function()
    assert.are.equal(apidoc.markdown("."), support.read("docs/api.md"),
      "docs/api.md is stale: run lua5.4 bindings/apidoc.lua > docs/api.md")
  end)
end)

describe("the API reference", function()
  it("documents every public function and method", function()
    local documented = {}
    for _, block in ipairs(apidoc.all(".")) do
      local name = block.signature:match("^([%w_.:]+)")
      if name then documented[name] = true end
    end
    local missing = {}
    for k, v in pairs(lede) do
      if type(v) == "function" and not documented["lede." .. k] then missing[#missing + 1] = "lede." .. k end
    end
    for _, kind in ipairs({ "Corpus", "Document", "Index" }) do
      for k in pairs(lede[kind]) do
        if not documented[kind .. ":" .. k] then missing[#missing + 1] = kind .. ":" .. k end
      end
    end
    table.sort(missing)
    assert.are.same({}, missing)
  end)
end)

describe("API examples", function()
  for _, block in ipairs(apidoc.all(".")) do
    local code, expected = apidoc.example(block)
    if code then
      it(block.signature .. " (" .. block.file .. ":" .. block.line .. ")", function()
        local printed = {}
        local env = setmetatable({
          lede = lede,
          print = function(...)
            local parts = table.pack(...)
            for i = 1, parts.n do parts[i] = tostring(parts[i]) end
            for line in (table.concat(parts, "\t", 1, parts.n) .. "\n"):gmatch("([^\n]*)\n") do
              printed[#printed + 1] = line
            end
          end,
        }, { __index = _G })
        local chunk = assert(load(code, "=" .. block.signature, "t", env))
        chunk()
        assert.are.same(expected, printed)
      end)
    end
  end
end)
