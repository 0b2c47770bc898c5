-- report/progress.lua — progress of a long report on standard error: one
-- line rewritten in place saying how many documents were loaded, what the
-- finished analyses found and which one is running, cleared at the end.
-- Shown only when standard error is a terminal and the corpus is large
-- enough for the wait to be noticed.
local M = {}

-- The least documents for which progress is shown.
M.MIN_DOCS = 200

-- Whether file descriptor fd (1 standard output, 2 standard error) is a
-- terminal, asked of the shell, which inherits them.
function M.is_terminal(fd)
  return os.execute("test -t " .. math.tointeger(fd)) == true
end

-- The width of the terminal on standard output in columns, or nil when
-- it cannot be told (stty reads the controlling terminal).
function M.terminal_width()
  local f = io.popen("stty size 2>/dev/null </dev/tty")
  if not f then return nil end
  local out = f:read("a") or ""
  f:close()
  return math.tointeger(tonumber(out:match("^%d+ (%d+)")))
end

-- A progress reporter for `ndocs` documents, writing to `stream` (default
-- io.stderr) when `on` (default: the corpus is large and standard error a
-- terminal). `clock` (default os.time) gives the seconds shown.
function M.new(ndocs, on, stream, clock)
  if on == nil then on = ndocs >= M.MIN_DOCS and M.is_terminal(2) end
  stream, clock = stream or io.stderr, clock or os.time
  local t0, shown = clock(), false
  local facts = { string.format("%d documents loaded", ndocs) }
  local p = {}
  -- Something a finished analysis found, kept on the line from now on.
  function p.fact(_, s) facts[#facts + 1] = s end
  -- The analysis starting now ("documents" while reading them).
  function p.stage(_, name)
    if not on then return end
    local what = name == "documents" and "reading" or ("running " .. name)
    stream:write(string.format("\r\27[Klede report: %s; %s… (%ds)", table.concat(facts, ", "), what,
      clock() - t0))
    stream:flush()
    shown = true
  end
  -- The end: the line is cleared.
  function p.done()
    if shown then stream:write("\r\27[K") end
  end
  return p
end

return M
