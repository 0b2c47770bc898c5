-- report.lua — the main job: the story of a corpus for a journalist, in the
-- terminal and (with --html FILE) in one self-contained HTML page. It runs
-- the bundled analyses (compare, quotes, keyness, entities) and shows their
-- top findings: which articles derive from which, the quotes several
-- outlets share and how their wording differs, what each source alone has
-- and leaves out, the words that set each source apart. docs/report.md.
--
--   lede report seeds/
--   lede report seeds/ --html report.html
--   lede report archive.jsonl --top 20 --format json
--
-- One concern per module in scripts/report/: gather (runs the analyses),
-- terminal, html (the page and the article texts), heatmap and graph (SVG),
-- passages (side by side), quote_table. Copy and change any of them.
local gather = require("report.gather")
local terminal = require("report.terminal")

-- Whether file descriptor fd (1 standard output, 2 standard error) is a
-- terminal, asked of the shell, which inherits them.
local function is_terminal(fd)
  return os.execute("test -t " .. fd) == true
end

-- Progress on standard error, one line rewritten in place, only when
-- standard error is a terminal and the corpus is large enough for the
-- wait to be noticed: the documents loaded, what the finished analyses
-- found (p:fact), the analysis running and the time so far.
local function progress_for(ndocs, on)
  local t0 = os.time()
  local shown = false
  local facts = { string.format("%d documents loaded", ndocs) }
  local p = {}
  function p.fact(_, s) facts[#facts + 1] = s end
  function p.stage(_, name)
    if not on then return end
    local what = name == "documents" and "reading" or ("running " .. name)
    io.stderr:write(string.format("\r\27[Klede report: %s; %s… (%ds)", table.concat(facts, ", "), what,
      os.time() - t0))
    io.stderr:flush()
    shown = true
  end
  function p.done()
    if shown then io.stderr:write("\r\27[K") end
  end
  return p
end

-- The least documents for which progress is shown.
local PROGRESS_DOCS = 200

local function run(corpus, args)
  local colour = args.color
  if colour ~= "auto" and colour ~= "always" and colour ~= "never" then
    return nil, string.format("--color: '%s' is not auto, always or never", tostring(colour))
  end
  if colour == "auto" then
    colour = is_terminal(1) and os.getenv("NO_COLOR") == nil and os.getenv("TERM") ~= "dumb"
  else
    colour = colour == "always"
  end
  local ndocs = #corpus
  local progress = progress_for(ndocs, ndocs >= PROGRESS_DOCS and is_terminal(2))
  local model = gather.gather(corpus, args, progress)
  local html = args.html ~= "" and args.html or nil
  if html then
    local page = require("report.html").render(model, corpus)
    local f, err = io.open(html, "wb")
    if not f then return nil, "cannot write the HTML report: " .. tostring(err) end
    f:write(page)
    f:close()
  end
  return model, terminal.render(model, { colour = colour, html = html })
end

return {
  description = "The story of a corpus: who derives from whom, shared quotes and their wording, "
    .. "each source's unique facts, omissions and framing words; --html FILE for one self-contained page",
  args = {
    { name = "html", help = "also write the report as one self-contained HTML page to this file",
      default = "" },
    { name = "top", help = "how many findings each list shows", default = 10 },
    { name = "min-relatedness", help = "a pair is related from this relatedness (0 to 1)", default = 0.25 },
    { name = "color", help = "colour in the terminal: auto (when standard output is one), always, never",
      default = "auto" },
  },
  records = "derivations",
  columns = { "source", "derived", "reused", "relatedness", "decided_by" },
  run = run,
}
