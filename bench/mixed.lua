-- Mixed read/write profile for wrk: per 10 requests, 3 list reads, 3 reads by squad number, 1 read by id,
-- 1 create, 1 full update and 1 delete. Writes touch only this thread's own players, on squad numbers no other
-- thread uses; updates and deletes pick the oldest ones, long answered, so no request races its own create.
-- The script argument (`-- N`) moves each run to its own squad-number range, so a later run never meets the
-- players an earlier run left behind. With BENCH_MIXED_LEFT naming a file, the run writes there the squad numbers it
-- created and did not delete, so that bench/api.sh deletes them and every run starts on the same table.
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
    local created, oldest = thread:get("live"), thread:get("first")
    for i = oldest, #created do file:write(created[i], "\n") end
  end
  file:close()
end

function init(args)
  base = (tonumber(args[1]) or 0) * 10000000 + id * 1000000
end

-- Globals, not locals: done() reads them from each thread.
n, live, first = 0, {}, 1
local json = { ["Content-Type"] = "application/json" }
local player = '{"firstName":"Bench","lastName":"Player","position":"Central Midfield","squadNumber":%d}'

request = function()
  n = n + 1
  local slot = n % 10
  if slot == 7 then
    live[#live + 1] = base + n
    return wrk.format("POST", "/players/", json, string.format(player, base + n))
  elseif slot == 8 and #live - first > 256 then
    local squad = live[first + 128]
    return wrk.format("PUT", "/players/squadnumber/" .. squad, json, string.format(player, squad))
  elseif slot == 9 and #live - first > 256 then
    local squad = live[first]
    first = first + 1
    return wrk.format("DELETE", "/players/squadnumber/" .. squad)
  elseif slot == 0 then
    return wrk.format("GET", "/players/acc433bf-d505-51fe-831e-45eb44c4d43c")
  elseif slot % 2 == 0 then
    return wrk.format("GET", "/players/")
  else
    return wrk.format("GET", "/players/squadnumber/10")
  end
end
