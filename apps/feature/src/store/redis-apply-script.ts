/**
 * Applies one entity mutation atomically. Every key shares the entity's hash tag, so the script
 * is valid on Redis Cluster.
 *
 * KEYS: 1 counters hash, 2 registers hash, 3 applied-ids zset, 4 log positions hash, 5.. timeline zsets (in op order)
 * ARGV: 1 dedupe id, 2 event time ms, 3 dedupe window ms, 4 entity ttl ms (0 = none), 5 ops JSON,
 *       6 source log ('' = none), 7 source offset
 * Returns 1 when applied, 0 when the dedupe id or a later position of the source log was already applied.
 */
export const applyMutationScript = `
local applied = KEYS[3]
local log = ARGV[6]
if log ~= '' then
  local last = redis.call('HGET', KEYS[4], log)
  if last and tonumber(last) >= tonumber(ARGV[7]) then return 0 end
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
local ops = cjson.decode(ARGV[5])
local timelineKey = 4
for _, op in ipairs(ops) do
  if op.kind == 'add' then
    redis.call('HINCRBYFLOAT', KEYS[1], op.field, string.format('%.17g', op.amount))
  elseif op.kind == 'delete' then
    if #op.fields > 0 then redis.call('HDEL', KEYS[1], unpack(op.fields)) end
  elseif op.kind == 'register' then
    local current = redis.call('HGET', KEYS[2], op.field)
    local keep = true
    if current then
      local sep = string.find(current, '|', 1, true)
      keep = op.timeMs >= tonumber(string.sub(current, 1, sep - 1))
    end
    if keep then redis.call('HSET', KEYS[2], op.field, string.format('%.17g', op.timeMs) .. '|' .. op.value) end
  elseif op.kind == 'timeline' then
    timelineKey = timelineKey + 1
    local key = KEYS[timelineKey]
    redis.call('ZADD', key, 'GT', op.timeMs, op.member)
    if op.expireBeforeMs then redis.call('ZREMRANGEBYSCORE', key, '-inf', '(' .. string.format('%.17g', op.expireBeforeMs)) end
    redis.call('ZREMRANGEBYRANK', key, 0, -(op.keep + 1))
  end
end
if log ~= '' then redis.call('HSET', KEYS[4], log, ARGV[7]) end
local ttl = tonumber(ARGV[4])
if ttl > 0 then
  for i = 1, #KEYS do redis.call('PEXPIRE', KEYS[i], ttl) end
end
return 1
`;
