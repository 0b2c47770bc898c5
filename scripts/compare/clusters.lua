-- clusters.lua — groups of articles about the same story in a collection:
-- the connected components of the graph whose edges are related pairs
-- (relatedness at least the threshold) or pairs with a tf-idf cosine of
-- content words at least STORY_COSINE (same story, told independently).
local M = {}

M.STORY_COSINE = 0.3

-- Clusters of documents (prepared or with .index and .name) given scored
-- pairs {a = doc, b = doc, relatedness, cosine}. Returns clusters of two or
-- more articles, largest first: { {documents = {name, …}, indices = {…}}, … }.
function M.find(docs, pairs_, min_related)
  local parent = {}
  local function find(x)
    while parent[x] and parent[x] ~= x do
      parent[x] = parent[parent[x]] or parent[x]
      x = parent[x]
    end
    return x
  end
  for _, p in ipairs(pairs_) do
    if p.relatedness >= min_related or p.cosine >= M.STORY_COSINE then
      local ra, rb = find(p.a_index), find(p.b_index)
      if ra ~= rb then parent[math.max(ra, rb)] = math.min(ra, rb) end
    end
  end
  local byroot, out = {}, {}
  for _, doc in ipairs(docs) do
    local r = find(doc.index)
    if not byroot[r] then byroot[r] = { documents = {}, indices = {} } out[#out + 1] = byroot[r] end
    table.insert(byroot[r].documents, doc.name)
    table.insert(byroot[r].indices, doc.index)
  end
  local kept = {}
  for _, c in ipairs(out) do if #c.indices >= 2 then c.size = #c.indices kept[#kept + 1] = c end end
  table.sort(kept, function(x, y)
    if x.size ~= y.size then return x.size > y.size end
    return x.indices[1] < y.indices[1]
  end)
  return kept
end

return M
