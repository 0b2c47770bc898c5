-- `lede report` on the seeds: the terminal summary (plain in a pipe,
-- coloured on request), the JSON model, and the HTML page's content and
-- links. The seeds' relations (../shared/gold/seed-relations.json) are
-- written here as literals: 003 derives from 002 and 001 from 000; Tammy
-- Bruce's quote is in 000, 002, 003 and 004; 000 spells Kiev, 002-004 Kyiv.
-- The page in a browser is tests/report/chromium_test.sh.
local lede = require("lede")
local cjson = require("cjson")
local support = dofile("tests/spec/support.lua")

package.path = "scripts/?.lua;" .. package.path
local text = require("report.text")
local spans = require("report.spans")
local progress = require("report.progress")

-- Run once and keep: the text, the JSON model, the HTML page.
local cache = {}
local function report(kind)
  if cache[kind] then return cache[kind] end
  if kind == "text" then
    local out, err, code = support.lede({ "report", "seeds" })
    assert(code == 0, err)
    cache.text, cache.text_err = out, err
  elseif kind == "json" then
    local out, err, code = support.lede({ "report", "seeds", "--format", "json" })
    assert(code == 0, err)
    cache.json = cjson.decode(out)
  else
    local path = os.tmpname()
    local _, err, code = support.lede({ "report", "seeds", "--html", path })
    assert(code == 0, err)
    cache.html = support.read(path)
    os.remove(path)
  end
  return cache[kind]
end

-- The lines of a section of the text report, from its heading to the next
-- blank line.
local function section(out, heading)
  local lines, inside = {}, false
  for line in (out .. "\n"):gmatch("(.-)\n") do
    if inside then
      if line == "" then break end
      lines[#lines + 1] = line
    elseif line:find(heading, 1, true) == 1 then
      inside = true
    end
  end
  return lines
end

describe("lede report in the terminal", function()
  it("lists the five articles with their labels, first lines and word counts", function()
    local rows = section(report("text"), "Articles")
    assert.equals(6, #rows) -- the header and five articles
    local corpus = assert(lede.load("seeds"))
    for i, d in corpus:docs() do
      local words = 0
      for _ in d:words() do words = words + 1 end
      local label = ("%03d"):format(i - 1)
      assert.truthy(rows[i + 1]:find("^  " .. i .. "  " .. label .. " "), rows[i + 1])
      assert.truthy(rows[i + 1]:find(" " .. words .. "  ", 1, true), rows[i + 1])
    end
    assert.truthy(rows[2]:find("Rubio and Witkoff Not Attending Ukraine", 1, true))
  end)

  it("lists 002/003 then 000/001 as related, never the wrong way round", function()
    local rows = section(report("text"), "Who derives from whom")
    -- compare may leave a direction undecided (↔), but never reverses one.
    assert.truthy(rows[1]:find("^  003 ← 002 +%d+%% of 003 reused")
      or rows[1]:find("^  002 ↔ 003  undecided: 73%% of 002, 87%% of 003 shared  relatedness 0%.57$"),
      rows[1])
    assert.truthy(rows[2]:find("^  001 ← 000 +%d+%% of 001 reused  relatedness 0%.29"), rows[2])
    assert.truthy(rows[3]:find("^  Sharing passages only: 002–004 0%.18, "), rows[3])
  end)

  it("shows Tammy Bruce's quote in four articles, the shorter ones as excerpts", function()
    local rows = section(report("text"), "Quotes shared across outlets")
    assert.equals("  Tammy Bruce, in 4 articles", rows[1])
    assert.truthy(rows[2]:find("^    000 +“Secretary Rubio is a busy man… And so when"), rows[2])
    assert.truthy(rows[2]:find("(longest)", 1, true))
    assert.truthy(rows[3]:find("^    002 +“logistical issues%.”  excerpt: 2 of 47 words$"), rows[3])
    assert.truthy(report("text"):find(
      "“Ukraine will not legally recognise the occupation of Crimea,”  recognize→recognise", 1, true))
  end)

  it("lists the spellings that differ with the articles using each", function()
    local rows = section(report("text"), "Spellings that differ")
    assert.same({ "  Kiev (000) / Kyiv (002 003 004)", "  Zelensky (002) / Zelenskyy (003 004)",
      "  recognise (003) / recognize (002)" }, rows)
  end)

  it("gives each source's unique facts, omissions and framing words", function()
    local out = report("text")
    assert.truthy(out:find("\n  000    9 sentences only here", 1, true))
    assert.truthy(out:find("\n  002    7 sentences only here", 1, true))
    local framing = section(out, "Framing words")
    assert.truthy(framing[1]:find("^  000 +Kiev 4·0, "), framing[1])
  end)

  it("is plain text within 100 columns in a pipe, coloured on request, quiet on standard error", function()
    assert.falsy(report("text"):find("\27", 1, true))
    for line in report("text"):gmatch("[^\n]+") do
      assert.is_true(utf8.len(line) <= 100, line)
    end
    assert.equals("", cache.text_err)
    local out, _, code = support.lede({ "report", "seeds", "--color", "always" })
    assert.equals(0, code)
    assert.truthy(out:find("\27[1;36mArticles\27[0m", 1, true))
    local _, err2, code2 = support.lede({ "report", "seeds", "--color", "sometimes" })
    assert.equals(1, code2)
    assert.truthy(err2:find("--color: 'sometimes' is not auto, always or never", 1, true))
  end)
end)

describe("lede report on JSON Lines with outlets and dates", function()
  it("names an outlet's only article by its outlet, shows dates, decides by them, maps quotes", function()
    local path = os.tmpname()
    local outlets = { "Daily Planet", "Daily Planet", "CNN", "Kyiv Post", "NBC News" }
    local lines = {}
    for i, name in ipairs({ "000_1a22be602abbdbb3", "001_c87360ce0d6ae7d5", "002_93b5036ae66e0d32",
                            "003_eb122c8a95e99d45", "004_1f2dff42aad0a96b" }) do
      lines[i] = cjson.encode({ id = "s" .. (i - 1), source = outlets[i],
        text = support.read("seeds/" .. name .. ".txt"),
        date = string.format("2025-04-%02dT10:00:00Z", 21 + i) })
    end
    support.write(path, table.concat(lines, "\n") .. "\n")
    local jsonl = path .. ".jsonl"
    os.rename(path, jsonl)
    local out, err, code = support.lede({ "report", jsonl })
    assert.equals(0, code, err)
    -- Quote offsets, given in the JSON strings, come back as stored-text ones.
    local json = cjson.decode((support.lede({ "report", jsonl, "--format", "json" })))
    local corpus = assert(lede.load(jsonl))
    os.remove(jsonl)
    assert.is_true(#json.quotes > 0)
    for _, g in ipairs(json.quotes) do
      for _, mem in ipairs(g.members) do
        assert.equals(mem.text, corpus:doc(mem.doc):slice(mem.start, mem["end"]))
      end
    end
    local rows = section(out, "Articles")
    assert.truthy(rows[1]:find("^  #  label +outlet +date +words  title$"), rows[1])
    assert.truthy(rows[2]:find("^  1  #s0 +Daily Planet  2025%-04%-22 +407  Rubio and Witkoff"), rows[2])
    assert.truthy(rows[4]:find("^  3  CNN +CNN +2025%-04%-24 +705  "), rows[4])
    local derived = section(out, "Who derives from whom")
    assert.truthy(derived[1]:find("^  Kyiv Post ← CNN +87%% of Kyiv Post reused  relatedness 0%.57, "
      .. "decided by dates$"), derived[1])
  end)
end)

describe("lede report when an analysis fails", function()
  it("reports the rest and says which analysis failed or gave an unreadable result", function()
    local dir = os.tmpname()
    os.remove(dir)
    assert(os.execute("mkdir " .. support.shell_quote(dir)))
    support.write(dir .. "/quotes.lua", 'return { description = "broken", args = {}, '
      .. 'run = function() error("no quotes today", 0) end }')
    support.write(dir .. "/keyness.lua", 'return { description = "odd", args = {}, '
      .. 'run = function() return { targets = 42 }, "" end }')
    local out, err, code = support.lede({ "report", "seeds" }, nil,
      "LEDE_SCRIPTS=" .. support.shell_quote(dir))
    os.execute("rm -r " .. support.shell_quote(dir))
    assert.equals(0, code, err)
    assert.truthy(out:find("\n  003 ← 002", 1, true) or out:find("\n  002 ↔ 003", 1, true))
    assert.truthy(out:find("\n  No quote appears in two articles.\n", 1, true))
    local notes = section(out, "Notes")
    assert.equals("  quotes failed: no quotes today", notes[1])
    assert.truthy(notes[2]:find("^  keyness's result could not be read: "), notes[2])
  end)
end)

describe("lede report --db", function()
  it("reports on an index as on the files it was built from", function()
    local db = os.tmpname()
    os.remove(db)
    local _, err, code = support.lede({ "index", "seeds", "--db", db })
    assert.equals(0, code, err)
    local out, err2, code2 = support.lede({ "report", "--db", db })
    os.remove(db)
    assert.equals(0, code2, err2)
    assert.equals(report("text"), out)
  end)
end)

describe("lede report --format json", function()
  it("keeps pairs and derivations as article indices, the gold pairs first", function()
    local m = report("json")
    assert.same({ 3, 4, true }, { m.pairs[1].a, m.pairs[1].b, m.pairs[1].related })
    assert.same({ 1, 2, true }, { m.pairs[2].a, m.pairs[2].b, m.pairs[2].related })
    assert.same({ source = 1, derived = 2 }, m.pairs[2].direction)
    for _, v in ipairs(m.derivations) do
      assert.is_false(v.source == 4 and v.derived == 3)
      assert.is_false(v.source == 2 and v.derived == 1)
    end
    assert.equals("002", m.documents[3].label)
  end)

  it("gives each shared quote's place as byte offsets into the stored text", function()
    local m = report("json")
    local corpus = assert(lede.load("seeds"))
    local g = m.quotes[1]
    assert.equals("Tammy Bruce", g.speaker)
    local docs = {}
    for k, mem in ipairs(g.members) do
      docs[k] = mem.doc
      assert.equals(mem.text, corpus:doc(mem.doc):slice(mem.start, mem["end"]))
    end
    assert.same({ 1, 3, 4, 5 }, docs)
  end)

  it("joins the words of one name among a source's unique details", function()
    local m = report("json")
    local corpus = assert(lede.load("seeds"))
    local found = {}
    for _, u in ipairs(m.sources[1].unique_details) do
      found[u.text] = true
      assert.equals(u.text, corpus:doc(1):slice(u.start, u["end"]))
    end
    assert.is_true(found["New York"] and found["Rustem Umerov"] and found["90%"])
  end)

  it("maps quote offsets back to the stored text where the loader changed the input", function()
    local dir = os.tmpname()
    os.remove(dir)
    assert(os.execute("mkdir " .. support.shell_quote(dir)))
    -- A BOM (dropped by the loader) and a decomposed é (composed to NFC)
    -- before the quote shift its file offsets from its stored ones.
    local quote = "“We will not recognise the occupation of the peninsula,” Olena Kovalenko said."
    support.write(dir .. "/a.txt", "\xEF\xBB\xBFCafe\u{301} talks in Paris.\n" .. quote .. "\n")
    support.write(dir .. "/b.txt", "Talks in London.\n" .. quote .. "\n")
    local out, err, code = support.lede({ "report", dir, "--format", "json" })
    assert.equals(0, code, err)
    local m = cjson.decode(out)
    local corpus = assert(lede.load(dir))
    assert.equals(1, #m.quotes)
    for _, mem in ipairs(m.quotes[1].members) do
      assert.equals("We will not recognise the occupation of the peninsula,",
        corpus:doc(mem.doc):slice(mem.start, mem["end"]))
    end
    os.execute("rm -r " .. support.shell_quote(dir))
  end)
end)

describe("lede report --html", function()
  it("is one self-contained page: nothing fetched, a policy that forbids fetching", function()
    local page = report("html")
    assert.truthy(page:find("^<!DOCTYPE html>"))
    assert.truthy(page:find("default-src 'none'", 1, true))
    assert.falsy(page:find('src="', 1, true))
    assert.falsy(page:find("<link", 1, true))
    assert.falsy(page:find('href="http', 1, true))
    assert.falsy(page:find("@import", 1, true))
  end)

  it("is the same bytes for the same input", function()
    local path = os.tmpname()
    local _, err, code = support.lede({ "report", "seeds", "--html", path })
    assert.equals(0, code, err)
    assert.equals(report("html"), support.read(path))
    os.remove(path)
  end)

  it("draws the heatmap with 20 cells and the graph with both derivations", function()
    local page = report("html")
    local _, cells = page:gsub('class="hm%-cell', "")
    assert.equals(20, cells)
    assert.truthy(page:find("002 and 003: relatedness 0.57 (related)", 1, true))
    assert.truthy(page:find("003 derives from 002: 87% reused", 1, true)
      or page:find("002 and 003 related (0.57), direction undecided", 1, true))
    assert.truthy(page:find("001 derives from 000: 20% reused", 1, true))
  end)

  it("shows the passages side by side with the spellings marked", function()
    local page = report("html")
    assert.truthy(page:find('id="pair-3-4"', 1, true))
    assert.truthy(page:find('id="pair-1-2"', 1, true))
    -- In 002 the word is in a run the aligner saw dropped, in 003 in a changed one.
    local title = 'title="spelling changed: Zelensky → Zelenskyy"'
    assert.truthy(page:find('<span class="del t t-spelling" ' .. title .. '>Zelensky<', 1, true))
    assert.truthy(page:find('<span class="chg t t-spelling" ' .. title .. '>Zelenskyy<', 1, true))
  end)

  it("has a link target in the article texts for every finding", function()
    local page = report("html")
    local links, missing = 0, {}
    for target in page:gmatch('href="#(d%d+%-%d+)"') do
      links = links + 1
      if not page:find('id="' .. target .. '"', 1, true) then missing[#missing + 1] = target end
    end
    assert.same({}, missing)
    assert.is_true(links > 50)
    -- The first shared quote links to Bruce's words in 000.
    local corpus = assert(lede.load("seeds"))
    local s, e = page:match(
      '<a class="go" href="#d1%-(%d+)" data%-d="1" data%-s="%d+" data%-e="(%d+)">000 ↗</a>')
    assert.truthy(corpus:doc(1):slice(tonumber(s), tonumber(e)):find("^Secretary Rubio is a busy man"))
  end)
end)

describe("lede report's progress", function()
  -- A stream that keeps what is written.
  local function sink()
    local s = { text = "" }
    function s.write(self, x) self.text = self.text .. x end
    function s.flush() end
    return s
  end

  it("rewrites one line on standard error with what finished analyses found, then clears it", function()
    local out, t = sink(), 100
    local p = progress.new(19043, true, out, function() return t end)
    p:stage("documents")
    p:stage("compare")
    t = 123
    p:fact("1375 pairs compared, 1374 related")
    p:stage("quotes")
    p:done()
    assert.equals("\r\27[Klede report: 19043 documents loaded; reading… (0s)"
      .. "\r\27[Klede report: 19043 documents loaded; running compare… (0s)"
      .. "\r\27[Klede report: 19043 documents loaded, 1375 pairs compared, 1374 related; "
      .. "running quotes… (23s)"
      .. "\r\27[K", out.text)
  end)

  it("says nothing on a small corpus or when standard error is not a terminal", function()
    local out = sink()
    local p = progress.new(5, nil, out)
    p:stage("compare")
    p:done()
    assert.equals("", out.text)
    -- The program's standard error is a file here, not a terminal.
    assert.equals("", select(2, support.lede({ "report", "seeds" })))
  end)

  it("refuses an HTML path it cannot write before running the analyses", function()
    local out, err, code = support.lede({ "report", "seeds", "--html", "/nonexistent-dir/r.html" })
    assert.equals(1, code)
    assert.equals("", out)
    assert.truthy(err:find("lede report: cannot write the HTML report: /nonexistent-dir/r.html: "
      .. "No such file or directory", 1, true), err)
  end)
end)

describe("report helpers", function()
  it("labels documents by the unique start of their file names", function()
    assert.same({ "000", "001" },
      text.labels({ { name = "seeds/000_1a.txt" }, { name = "seeds/001_2b.txt" } }))
    assert.same({ "business/001", "tech/001", "002" }, text.labels({ { name = "bbc/business/001.txt" },
      { name = "bbc/tech/001.txt" }, { name = "bbc/tech/002.txt" } }))
    assert.same({ "CNN", "#2", "#3" }, text.labels({ { name = "r.jsonl:1", id = 1, source = "CNN" },
      { name = "r.jsonl:2", id = 2, source = "NBC News" },
      { name = "r.jsonl:3", id = 3, source = "NBC News" } }))
    assert.same({ "#17", "#18" },
      text.labels({ { name = "r.jsonl:1", id = "17" }, { name = "r.jsonl:2", id = 18 } }))
  end)

  it("cuts long labels from the left, keeping what tells them apart", function()
    assert.equals("…rtainment/068", text.clip_left("entertainment/068", 14))
    assert.equals("tech/001", text.clip_left("tech/001", 14))
    assert.equals("Rubio and…", text.clip("Rubio and Witkoff", 10))
  end)

  it("cuts text at overlapping marks without splitting a character", function()
    assert.equals('a<span class="x">b&lt;</span><span class="x y">c</span>&amp;d',
      spans.render("ab<c&d", 0, 6,
        { { start = 1, stop = 4, class = "x" }, { start = 3, stop = 4, class = "y" } }))
    -- Byte 2 is inside “é” (bytes 1-2): the mark starts at 1.
    assert.equals('x<span class="m">éz</span>',
      spans.render("xéz", 0, 4, { { start = 2, stop = 4, class = "m" } }))
  end)
end)
