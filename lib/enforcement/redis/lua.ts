// The Lua scripts of the Redis ledger. Each runs atomically in Redis, which is what makes
// check-and-reserve across a whole budget chain safe against every replica at once.
//
// Money rules inside Lua: Redis Lua numbers are doubles. Amounts are only ever WRITTEN as the integer
// strings we were given (ARGV, or the digits of a hold member) through HINCRBY/HSET, never as Lua
// numbers (Redis would format 1e18 as "1e+18"). Numbers are used only to COMPARE, which is exact
// while spent + reserved + estimate < 2^53 micro-dollars ($9 billion) per window.
//
// Window hash fields: sp = settled micros, res = sum of live holds, ld = the org generation the
// window was loaded at. A window counts as loaded only if ld equals the org's current generation
// (GET gen, "0" when absent); bumping the generation sends every window of the org back to a
// rebuild from PostgreSQL (see window-loader.ts).

/** Shared helper: drop expired holds of one window, releasing their amounts if the window is loaded. */
const PURGE = `
local function purge(w, h, now, gen)
  local expired = redis.call('ZRANGEBYSCORE', h, '-inf', now)
  if #expired == 0 then return end
  local loaded = redis.call('HGET', w, 'ld') == gen
  for _, m in ipairs(expired) do
    local amt = string.match(m, '|(%d+)$')
    -- Redis rejects "-0" as an integer.
    if loaded and amt ~= '0' then redis.call('HINCRBY', w, 'res', '-' .. amt) end
  end
  redis.call('ZREMRANGEBYSCORE', h, '-inf', now)
end
`;

/**
 * KEYS: gen, reservation, the key's rate counter (any key of the org's slot when it has no limits),
 * then per window: w, h.
 * ARGV: now, reservationId, estimate, holdExpiresAt, reservationExpireAt, rpmLimit ("" none), tpmLimit
 * ("" none), tokens, rateTtlMs, then per window: limit, kind ("h" blocks; "s" soft and "x" shadow
 * never do), windowExpireAt; then the reservation's details (an opaque string kept in its hash as
 * field d, so a settle on another replica can read them).
 * Checks in embedded mode's order: RPM, TPM, then the budgets. The rate slot is consumed only by a
 * request that is allowed and held, so a rate-limited request holds nothing and a budget-denied one
 * uses no rate slot.
 * Returns {1|0, requestsBefore, tokensBefore, sp1, res1, sp2, res2, ...} (1 allow and held, 0 denied,
 * nothing held) with the counters read BEFORE this request, {2, ...} if this reservation already holds
 * (nothing counted again), {3, requestsBefore, tokensBefore, "rpm"|"tpm"} if a rate limit binds, or
 * {-1, i, j, ...} listing the windows that must first be rebuilt from PostgreSQL.
 */
export const AUTHORIZE = `${PURGE}
local now = ARGV[1]
local rpm, tpm = ARGV[6], ARGV[7]
local rn, rt = 0, 0
if rpm ~= '' or tpm ~= '' then
  local v = redis.call('HMGET', KEYS[3], 'n', 't')
  rn, rt = tonumber(v[1] or '0'), tonumber(v[2] or '0')
  if rpm ~= '' and rn + 1 > tonumber(rpm) then return {3, rn, rt, 'rpm'} end
  if tpm ~= '' and rt + tonumber(ARGV[8]) > tonumber(tpm) then return {3, rn, rt, 'tpm'} end
end
local gen = redis.call('GET', KEYS[1]) or '0'
local n = (#KEYS - 3) / 2
local missing = {-1}
for i = 1, n do
  local w, h = KEYS[2 + 2 * i], KEYS[3 + 2 * i]
  purge(w, h, now, gen)
  if redis.call('HGET', w, 'ld') ~= gen then missing[#missing + 1] = i end
end
if #missing > 1 then return missing end
local out = {1, rn, rt}
local est = tonumber(ARGV[3])
for i = 1, n do
  local v = redis.call('HMGET', KEYS[2 + 2 * i], 'sp', 'res')
  local sp, res = v[1] or '0', v[2] or '0'
  out[#out + 1] = sp
  out[#out + 1] = res
  local a = 9 + 3 * (i - 1)
  if ARGV[a + 2] == 'h' and tonumber(sp) + tonumber(res) + est > tonumber(ARGV[a + 1]) then out[1] = 0 end
end
if out[1] == 0 then return out end
if redis.call('EXISTS', KEYS[2]) == 1 then
  out[1] = 2
  return out
end
if rpm ~= '' or tpm ~= '' then
  redis.call('HINCRBY', KEYS[3], 'n', 1)
  redis.call('HINCRBY', KEYS[3], 't', ARGV[8])
  redis.call('PEXPIRE', KEYS[3], ARGV[9])
end
-- No budget applies (only rate limits were checked): nothing to hold, no reservation to keep.
if n == 0 then return out end
local member = ARGV[2] .. '|' .. ARGV[3]
local names = {}
for i = 1, n do
  local w, h = KEYS[2 + 2 * i], KEYS[3 + 2 * i]
  redis.call('HINCRBY', w, 'res', ARGV[3])
  redis.call('ZADD', h, ARGV[4], member)
  redis.call('PEXPIREAT', h, ARGV[9 + 3 * i])
  names[#names + 1] = w
  names[#names + 1] = h
end
redis.call('HSET', KEYS[2], 'm', member, 'k', table.concat(names, ' '), 'd', ARGV[10 + 3 * n] or '')
redis.call('PEXPIREAT', KEYS[2], ARGV[5])
return out
`;

/**
 * Releases a reservation's holds. The hold keys come from the reservation hash: they share the org's
 * hash tag, so they are in this script's slot even though they are not in KEYS.
 */
const RELEASE = `
local function release(rkey, gen)
  local r = redis.call('HMGET', rkey, 'm', 'k')
  if not r[1] then return end
  local amt = string.match(r[1], '|(%d+)$')
  local ks = {}
  for k in string.gmatch(r[2], '%S+') do ks[#ks + 1] = k end
  for j = 1, #ks, 2 do
    -- Whoever removes the member (this release or a purge) is the one that gives the amount back.
    if redis.call('ZREM', ks[j + 1], r[1]) == 1 and amt ~= '0' and redis.call('HGET', ks[j], 'ld') == gen then
      redis.call('HINCRBY', ks[j], 'res', '-' .. amt)
    end
  end
  redis.call('DEL', rkey)
end
`;

/**
 * KEYS: gen, settled marker, reservation (any key of the org's slot when there is none), the key's
 * rate counter (any key of the slot when there is no TPM correction), then per window: w, p.
 * ARGV: requestId, actual, markerTtlMs, hasReservation ("1"/"0"), tpmDelta (real - estimated tokens,
 * "" none), then per window: windowExpireAt.
 * Returns {1, sp1, sp2, ...} if counted (each window's spent after this settle, "" if not loaded), or
 * {0} if this requestId was already settled (the hold is still released, TPM not corrected again).
 */
export const SETTLE = `${RELEASE}
local gen = redis.call('GET', KEYS[1]) or '0'
local first = redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[3])
if ARGV[4] == '1' then release(KEYS[3], gen) end
if not first then return {0} end
-- TPM counted the estimate at authorize: replace it by the real tokens. A counter that is gone (its
-- minute expired, a flush) is not recreated; like embedded mode's, it never goes below zero.
if ARGV[5] ~= '' and redis.call('EXISTS', KEYS[4]) == 1 then
  local t = tonumber(redis.call('HGET', KEYS[4], 't') or '0')
  local d = tonumber(ARGV[5])
  if t + d < 0 then d = -t end
  if d ~= 0 then redis.call('HINCRBY', KEYS[4], 't', string.format('%d', d)) end
end
local n = (#KEYS - 4) / 2
local out = {1}
for i = 1, n do
  local w, p = KEYS[3 + 2 * i], KEYS[4 + 2 * i]
  out[i + 1] = ''
  if redis.call('HGET', w, 'ld') == gen then
    redis.call('HINCRBY', w, 'sp', ARGV[2])
    out[i + 1] = redis.call('HGET', w, 'sp')
  else
    -- Not loaded: remember it by requestId, so the rebuild can tell whether PostgreSQL's total
    -- already includes it (see window-loader.ts).
    redis.call('HSET', p, ARGV[1], ARGV[2])
    redis.call('PEXPIREAT', p, ARGV[5 + i])
  end
end
return out
`;

/** KEYS: gen, reservation. ARGV: none. Releases without settling (a cancelled reservation). */
export const CANCEL = `${RELEASE}
release(KEYS[2], redis.call('GET', KEYS[1]) or '0')
return 1
`;

/**
 * Rebuild. KEYS: gen, then per window: w, h, p.
 * ARGV: expectedGen, now, nChecked, then nChecked pairs (requestId, "1" if in the snapshot's total
 * else "0"), then per window: snapshotTotal, windowExpireAt.
 * Returns {1} loaded, {-2} the generation moved (take a new snapshot), or {-1, id, ...}: pending
 * requestIds not yet checked against the snapshot.
 */
export const LOAD = `
local gen = redis.call('GET', KEYS[1]) or '0'
if gen ~= ARGV[1] then return {-2} end
local now = ARGV[2]
local nc = tonumber(ARGV[3])
local checked = {}
for j = 0, nc - 1 do checked[ARGV[4 + 2 * j]] = ARGV[5 + 2 * j] end
local base = 3 + 2 * nc
local n = (#KEYS - 1) / 3
local unknown = {-1}
for i = 1, n do
  if redis.call('HGET', KEYS[3 * i - 1], 'ld') ~= gen then
    for _, id in ipairs(redis.call('HKEYS', KEYS[3 * i + 1])) do
      if not checked[id] then unknown[#unknown + 1] = id end
    end
  end
end
if #unknown > 1 then return unknown end
for i = 1, n do
  local w, h, p = KEYS[3 * i - 1], KEYS[3 * i], KEYS[3 * i + 1]
  -- A window loaded meanwhile by another replica keeps its counters: a second load would be stale.
  if redis.call('HGET', w, 'ld') ~= gen then
    redis.call('HSET', w, 'sp', ARGV[base + 2 * i - 1], 'res', '0', 'ld', gen)
    local pend = redis.call('HGETALL', p)
    for j = 1, #pend, 2 do
      if checked[pend[j]] == '0' then redis.call('HINCRBY', w, 'sp', pend[j + 1]) end
    end
    redis.call('DEL', p)
    -- Live holds survive a rebuild (they are in the sorted set): recount them.
    redis.call('ZREMRANGEBYSCORE', h, '-inf', now)
    for _, m in ipairs(redis.call('ZRANGE', h, 0, -1)) do
      redis.call('HINCRBY', w, 'res', string.match(m, '|(%d+)$'))
    end
    redis.call('PEXPIREAT', w, ARGV[base + 2 * i])
  end
end
return {1}
`;

/**
 * Current counters (purging expired holds first). KEYS: gen, then per window: w, h. ARGV: now.
 * Returns per window: sp, res, "1" if loaded else "0".
 */
export const PEEK = `${PURGE}
local gen = redis.call('GET', KEYS[1]) or '0'
local out = {}
for i = 1, (#KEYS - 1) / 2 do
  local w, h = KEYS[2 * i], KEYS[2 * i + 1]
  purge(w, h, ARGV[1], gen)
  local v = redis.call('HMGET', w, 'sp', 'res', 'ld')
  out[#out + 1] = v[1] or '0'
  out[#out + 1] = v[2] or '0'
  out[#out + 1] = (v[3] == gen) and '1' or '0'
end
return out
`;

/** KEYS: lock. ARGV: token. Deletes the lock only if this replica still owns it. */
export const UNLOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
