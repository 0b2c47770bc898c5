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
-- passages (side by side), quote_table, progress. Copy and change any of them.
local gather = require("report.gather")
local terminal = require("report.terminal")
local progress = require("report.progress")

-- The script's run: the analyses' findings as the result (for --format
-- json), the summary as the text; with --html, the page (its path is opened
-- first, so one that cannot be written fails before the analyses run).
local function run(corpus, args)
  local colour = args.color
  if colour ~= "auto" and colour ~= "always" and colour ~= "never" then
    return nil, string.format("--color: '%s' is not auto, always or never", tostring(colour))
  end
  local width
  local on_terminal = progress.is_terminal(1)
  if colour == "auto" then
    colour = on_terminal and os.getenv("NO_COLOR") == nil and os.getenv("TERM") ~= "dumb"
  else
    colour = colour == "always"
  end
  -- Lines fit the terminal (between 80 and 160 columns); 100 in a pipe.
  if on_terminal then
    local cols = progress.terminal_width()
    if cols then width = math.max(80, math.min(160, cols - 1)) end
  end
  local html = args.html ~= "" and args.html or nil
  local f, err
  if html then
    f, err = io.open(html, "wb")
    if not f then return nil, "cannot write the HTML report: " .. tostring(err) end
  end
  local model = gather.gather(corpus, args, progress.new(#corpus))
  if f then
    f:write(require("report.html").render(model, corpus))
    f:close()
  end
  return model, terminal.render(model, { colour = colour, html = html, width = width })
end

return {
  description = "The main job: who derives from whom, shared quotes and their wording, each source's "
    .. "unique facts, omissions and framing words (--html FILE: one self-contained page)",
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
