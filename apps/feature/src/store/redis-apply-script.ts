/**
 * Applies one entity mutation atomically. Every key shares the entity's hash tag, so the script
 * is valid on Redis Cluster.
 *
 * KEYS: 1 counters hash, 2 registers hash, 3 applied-ids zset, 4 log positions hash, 5.. timeline zsets (in op order)
 * ARGV: 1 dedupe id, 2 event time ms, 3 dedupe window ms, 4 entity ttl ms (0 = none),
 *       5 source log ('' = none), 6 source offset, then the ops, flat (decoding JSON in Lua cost more
 *       than everything else the script does):
 *         'a' field amount | 'd' count field… | 'r' field value timeMs | 't' member timeMs keep expireBeforeMs|''
 * Returns 1 when applied, 0 when the dedupe id or a later position of the source log was already applied.
 */
export const applyMutationScript = `
local applied = KEYS[3]
local log = ARGV[5]
if log ~= '' then
  local last = redis.call('HGET', KEYS[4], log)
  if last and tonumber(last) >= tonumber(ARGV[6]) then return 0 end
end
if redis.call('ZSCORE', applied, ARGV[1]) then return 0 end
local t = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
if window > 0 then
  -- Scored by the entity's clock (its newest event time), so a late event's id outlives its redelivery.
  local clock = t
  local newest = redis.call('ZRANGE', applied, -1, -1, 'WITHSCORES')[2]
  if newest and tonumber(newest) > clock then clock = tonumber(newest) end
  redis.call('ZADD', applied, clock, ARGV[1])
  redis.call('ZREMRANGEBYSCORE', applied, '-inf', '(' .. string.format('%.17g', clock - window))
end
local ops = {}
local i = 7
while i <= #ARGV do
  local kind = ARGV[i]
  if kind == 'a' then
    ops[#ops + 1] = { kind = 'add', field = ARGV[i + 1], amount = tonumber(ARGV[i + 2]) }
    i = i + 3
  elseif kind == 'd' then
    local n = tonumber(ARGV[i + 1])
    local fields = {}
    for k = 1, n do fields[k] = ARGV[i + 1 + k] end
    ops[#ops + 1] = { kind = 'delete', fields = fields }
    i = i + 2 + n
  elseif kind == 'r' then
    ops[#ops + 1] = { kind = 'register', field = ARGV[i + 1], value = ARGV[i + 2], timeMs = tonumber(ARGV[i + 3]) }
    i = i + 4
  elseif kind == 't' then
    ops[#ops + 1] = { kind = 'timeline', member = ARGV[i + 1], timeMs = tonumber(ARGV[i + 2]), keep = tonumber(ARGV[i + 3]), expireBeforeMs = tonumber(ARGV[i + 4]) }
    i = i + 5
  else
    return redis.error_reply('unknown op ' .. tostring(kind))
  end
end
-- Counters and registers are read once and written once per mutation (each redis.call costs more
-- than the arithmetic): values are summed here in doubles, like the in-memory store, in op order.
local counterFields, counters, counterSeen = {}, {}, {}
local registerFields, registers, registerSeen = {}, {}, {}
for _, op in ipairs(ops) do
  if op.kind == 'add' and not counterSeen[op.field] then
    counterSeen[op.field] = true
    counterFields[#counterFields + 1] = op.field
  elseif op.kind == 'register' and not registerSeen[op.field] then
    registerSeen[op.field] = true
    registerFields[#registerFields + 1] = op.field
  end
end
if #counterFields > 0 then
  local values = redis.call('HMGET', KEYS[1], unpack(counterFields))
  for k, field in ipairs(counterFields) do counters[field] = values[k] and tonumber(values[k]) or false end
end
if #registerFields > 0 then
  local values = redis.call('HMGET', KEYS[2], unpack(registerFields))
  for k, field in ipairs(registerFields) do registers[field] = values[k] end
end
local changedCounters, deletedCounters, changedRegisters = {}, {}, {}
local timelineKey = 4
for _, op in ipairs(ops) do
  if op.kind == 'add' then
    counters[op.field] = (counters[op.field] or 0) + op.amount
    changedCounters[op.field] = true
    deletedCounters[op.field] = nil
  elseif op.kind == 'delete' then
    for _, field in ipairs(op.fields) do
      if counterSeen[field] then counters[field] = false end
      changedCounters[field] = nil
      deletedCounters[field] = true
    end
  elseif op.kind == 'register' then
    local current = registers[op.field]
    local keep = true
    if current then
      local sep = string.find(current, '|', 1, true)
      keep = op.timeMs >= tonumber(string.sub(current, 1, sep - 1))
    end
    if keep then
      registers[op.field] = string.format('%.17g', op.timeMs) .. '|' .. op.value
      changedRegisters[op.field] = true
    end
  elseif op.kind == 'timeline' then
    timelineKey = timelineKey + 1
    local key = KEYS[timelineKey]
    redis.call('ZADD', key, 'GT', op.timeMs, op.member)
    if op.expireBeforeMs then redis.call('ZREMRANGEBYSCORE', key, '-inf', '(' .. string.format('%.17g', op.expireBeforeMs)) end
    redis.call('ZREMRANGEBYRANK', key, 0, -(op.keep + 1))
  end
end
local writes = {}
for field in pairs(changedCounters) do
  writes[#writes + 1] = field
  writes[#writes + 1] = string.format('%.17g', counters[field])
end
if #writes > 0 then redis.call('HSET', KEYS[1], unpack(writes)) end
local deletes = {}
for field in pairs(deletedCounters) do deletes[#deletes + 1] = field end
if #deletes > 0 then redis.call('HDEL', KEYS[1], unpack(deletes)) end
writes = {}
for field in pairs(changedRegisters) do
  writes[#writes + 1] = field
  writes[#writes + 1] = registers[field]
end
if #writes > 0 then redis.call('HSET', KEYS[2], unpack(writes)) end
if log ~= '' then redis.call('HSET', KEYS[4], log, ARGV[6]) end
local ttl = tonumber(ARGV[4])
if ttl > 0 then
  for i = 1, #KEYS do redis.call('PEXPIRE', KEYS[i], ttl) end
end
return 1
`;
