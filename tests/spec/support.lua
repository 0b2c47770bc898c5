-- support.lua — helpers shared by the specs (not a spec itself): running
-- the lede program as a user would, and temporary files.
local M = {}

-- The program under test (set by ctest; falls back to the usual build).
M.bin = os.getenv("LEDE_BIN") or "build/lede"
M.source = os.getenv("LEDE_SOURCE_DIR") or "."

-- Quote a string for the shell.
function M.shell_quote(s)
  return "'" .. tostring(s):gsub("'", "'\\''") .. "'"
end

-- Read a whole file (nil if it cannot be opened).
function M.read(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

-- Write a file.
function M.write(path, content)
  local f = assert(io.open(path, "wb"))
  f:write(content)
  f:close()
end

-- Run `lede ARGS…` with `input` on standard input (nil: empty). Returns
-- stdout, stderr, exit code. `env` is a string of VAR=value assignments.
function M.lede(args, input, env)
  local parts = {}
  for i, a in ipairs(args) do parts[i] = M.shell_quote(a) end
  local inpath, errpath = os.tmpname(), os.tmpname()
  M.write(inpath, input or "")
  local cmd = string.format("%s %s %s <%s 2>%s", env or "", M.shell_quote(M.bin), table.concat(parts, " "),
    inpath, errpath)
  local p = assert(io.popen(cmd, "r"))
  local out = p:read("a")
  local _, _, code = p:close()
  local err = M.read(errpath)
  os.remove(inpath)
  os.remove(errpath)
  return out, err, code
end

return M
