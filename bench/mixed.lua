-- Mixed read/write profile for wrk: per 10 requests, 3 list reads, 3 reads by squad number, 1 read by id,
-- 1 create, 1 full update and 1 delete. The table stays steady: each thread deletes what it creates, within the run.
-- A create's squad number counts as created when its 201 comes back (response()); each thread keeps `keep` of its own
-- answered players alive, updates the newest and deletes the oldest, so no update or delete races its own create. A
-- delete skipped because answers lagged is caught up at once (any request, while more than 2 × keep are alive), so
-- the table holds the seed, at most threads × (2 × keep + 1) answered bench players and the creates in flight.
-- Writes touch only this thread's own players, on squad numbers no other thread uses: the script argument (`-- N`)
-- gives each run its own range, N × 10,000,000 + thread × 1,000,000 + request (all ≥ 1,000,000, above any seed
-- squad number, which is how bench/api.sh finds leftovers). With BENCH_MIXED_LEFT naming a file, the run writes
-- there the squad numbers it created (or asked to) and did not delete, so that bench/api.sh deletes them.
local keep = 4
local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
  thread:set("id", #threads)
end

function done()
  local path = os.getenv("BENCH_MIXED_LEFT")
  if not path then return end
  local file = assert(io.open(path, "w"))
  for _, thread in ipairs(threads) do
    for squad in pairs(thread:get("pending")) do file:write(string.format("%d", squad), "\n") end
  end
  file:close()
end

function init(args)
  base = (tonumber(args[1]) or 0) * 10000000 + id * 1000000
end

-- Globals, not locals: done() reads `pending` from each thread. pending: every squad number created (or asked to be)
-- and not yet asked to be deleted; answered[first..last]: the created ones whose 201 came back, oldest first.
n, pending, answered, first, last = 0, {}, {}, 1, 0
local json = { ["Content-Type"] = "application/json" }
local player = '{"firstName":"Bench","lastName":"Player","position":"Central Midfield","squadNumber":%d}'

request = function()
  n = n + 1
  local slot = n % 10
  local alive = last - first + 1
  if (slot == 9 and alive > keep) or alive > 2 * keep then
    local squad = answered[first]
    answered[first] = nil
    first = first + 1
    pending[squad] = nil
    return wrk.format("DELETE", "/players/squadnumber/" .. squad)
  elseif slot == 7 then
    pending[base + n] = true
    return wrk.format("POST", "/players/", json, string.format(player, base + n))
  elseif slot == 8 and alive > 1 then
    local squad = answered[last]
    return wrk.format("PUT", "/players/squadnumber/" .. squad, json, string.format(player, squad))
  elseif slot == 0 then
    return wrk.format("GET", "/players/acc433bf-d505-51fe-831e-45eb44c4d43c")
  elseif slot % 2 == 0 then
    return wrk.format("GET", "/players/")
  else
    return wrk.format("GET", "/players/squadnumber/10")
  end
end

response = function(status, headers, body)
  if status == 201 then
    local squad = tonumber(string.match(body, '"squadNumber":(%d+)'))
    if squad then
      last = last + 1
      answered[last] = squad
    end
  end
end
