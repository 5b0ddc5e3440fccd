import type { LuaCommand } from '../redis';
import { RATE_BUCKET_MS, RATE_WINDOW_MS } from './rules';

/**
 * Keys (all under ARGV[1], the prefix): `job:<id>` hash of a job (with `contato`, `message` as JSON
 * and `logId`, its outcome row); `ready` zset of queued job ids by notBefore; `leased` zset of
 * sending job ids by leaseUntil; `campaigns` zset of campaign names by last change; `campaign:<c>`
 * set of its job ids; `counts` and `counts:<c>` hashes state → jobs; `wamid:<wamid>` → job id;
 * `log-seq` row counter; `log:<id>` hash of a row; `log-by-date` and `log-campaign:<c>` zsets of
 * zero-padded row ids by dataEnvio (ties: the higher id is newer); `campaign-state` hash campaign →
 * `paused`/`cancelled` and `campaign-reason` hash campaign → the cancel's text; `parked:<c>` zset of a paused
 * campaign's queued job ids by notBefore (out of `ready`, so claims never see them); `counts:<c>` also counts
 * `cancelled`, and `delivered`/`read` rows; `rate:<c>:<bucket>` jobs that left the queue per rate bucket.
 *
 * Keys are built inside the scripts, so this store is not for Redis Cluster (like the conversation store).
 */
const PRELUDE = `
local P = ARGV[1]
local function num(x) return string.format('%.0f', x) end
local function jobKey(id) return P .. 'job:' .. id end
local function rowMember(id) return string.format('%015d', id) end
local function touch(key, now)
	redis.call('HSET', key, 'updatedAt', num(now))
	local campaign = redis.call('HGET', key, 'campaign')
	local score = redis.call('ZSCORE', P .. 'campaigns', campaign)
	if not score or tonumber(score) < now then redis.call('ZADD', P .. 'campaigns', num(now), campaign) end
end
local function move(key, from, to)
	local campaign = redis.call('HGET', key, 'campaign')
	for _, counts in ipairs({ P .. 'counts', P .. 'counts:' .. campaign }) do
		redis.call('HINCRBY', counts, from, -1)
		redis.call('HINCRBY', counts, to, 1)
	end
	redis.call('HSET', key, 'state', to)
end
local function controlOf(campaign) return redis.call('HGET', P .. 'campaign-state', campaign) end
-- A job that left the queue (sent or failed) counts in its campaign's recent rate.
local function countLeft(campaign, now)
	local rateKey = P .. 'rate:' .. campaign .. ':' .. num(math.floor(now / ${RATE_BUCKET_MS}))
	redis.call('INCR', rateKey)
	redis.call('PEXPIRE', rateKey, ${2 * RATE_WINDOW_MS})
end
local function finish(key, state, now, wamid)
	local id = redis.call('HGET', key, 'id')
	local from = redis.call('HGET', key, 'state')
	local campaign = redis.call('HGET', key, 'campaign')
	move(key, from, state)
	if (from == 'queued' or from == 'sending') and (state == 'sent' or state == 'failed') then countLeft(campaign, now) end
	touch(key, now)
	if wamid and not redis.call('HGET', key, 'wamid') then redis.call('HSET', key, 'wamid', wamid) end
	redis.call('HDEL', key, 'leaseUntil', 'inFlightSince')
	redis.call('ZREM', P .. 'ready', id)
	redis.call('ZREM', P .. 'leased', id)
	redis.call('ZREM', P .. 'parked:' .. campaign, id)
end
-- A row's delivery went from \`before\` to \`after\`: the campaign's delivered and read counters follow.
local function countDelivery(key, before, after)
	local counts = P .. 'counts:' .. redis.call('HGET', key, 'campaign')
	local function reached(x) if x == 'delivered' or x == 'read' then return 1 else return 0 end end
	local function read(x) if x == 'read' then return 1 else return 0 end end
	local delivered = reached(after) - reached(before)
	if delivered ~= 0 then redis.call('HINCRBY', counts, 'delivered', delivered) end
	local readDelta = read(after) - read(before)
	if readDelta ~= 0 then redis.call('HINCRBY', counts, 'read', readDelta) end
end
local function indexWamid(wamid, id, retention)
	redis.call('SET', P .. 'wamid:' .. wamid, id, 'PX', retention)
end
local function newRow(fields, retention)
	local id = redis.call('INCR', P .. 'log-seq')
	local key = P .. 'log:' .. id
	redis.call('HSET', key, 'id', id, 'tipoComunicacao', 'whatsapp', unpack(fields))
	redis.call('PEXPIRE', key, retention)
	local dataEnvio = redis.call('HGET', key, 'dataEnvio')
	local campaignIndex = P .. 'log-campaign:' .. redis.call('HGET', key, 'campaign')
	redis.call('ZADD', P .. 'log-by-date', dataEnvio, rowMember(id))
	redis.call('ZADD', campaignIndex, dataEnvio, rowMember(id))
	redis.call('PEXPIRE', campaignIndex, retention)
	return id
end
-- A new row's fields from the job (contact, category, price, 24-hour window), then \`extra\`.
local function jobRowFields(key, extra)
	local job = redis.call('HMGET', key, 'id', 'campaign', 'clienteId', 'contato', 'category', 'unitPriceBRL', 'window24h')
	local fields = { 'jobId', job[1], 'campaign', job[2], 'clienteId', job[3], 'contato', job[4] }
	if job[5] then fields[#fields + 1] = 'categoria'; fields[#fields + 1] = job[5] end
	if job[6] then fields[#fields + 1] = 'precoUnitario'; fields[#fields + 1] = job[6] end
	if job[7] then fields[#fields + 1] = 'janela24h'; fields[#fields + 1] = job[7] end
	for _, value in ipairs(extra) do fields[#fields + 1] = value end
	return fields
end
-- The job's row: the existing one (nil when there is none or it expired) or a new one.
local function rowOf(key)
	local logId = redis.call('HGET', key, 'logId')
	if logId and redis.call('EXISTS', P .. 'log:' .. logId) == 1 then return P .. 'log:' .. logId end
	return nil
end
local function outcomeRow(key, dataEnvio, retention, fields)
	local row = rowOf(key)
	if not row then
		local id = newRow(jobRowFields(key, { 'dataEnvio', dataEnvio, 'status', 'sucesso', 'mensagem', '' }), retention)
		redis.call('HSET', key, 'logId', id)
		row = P .. 'log:' .. id
	end
	redis.call('HSET', row, unpack(fields))
	return row
end
-- Ends a job of a cancelled campaign with a \`cancelado\` row (the campaign's reason, else \`default\`).
local function cancelJob(key, now, retention, default)
	local reason = redis.call('HGET', P .. 'campaign-reason', redis.call('HGET', key, 'campaign')) or default
	finish(key, 'cancelled', now)
	redis.call('HSET', key, 'lastError', reason)
	outcomeRow(key, num(now), retention, { 'status', 'cancelado', 'mensagem', reason })
end
-- Back to the queue: into \`ready\`, or into \`parked:<c>\` while its campaign is paused.
local function requeue(key, id, notBefore)
	local campaign = redis.call('HGET', key, 'campaign')
	if controlOf(campaign) == 'paused' then redis.call('ZADD', P .. 'parked:' .. campaign, notBefore, id)
	else redis.call('ZADD', P .. 'ready', notBefore, id) end
end
`;

/** A script of this store: no KEYS (they are built from the prefix, ARGV[1]). */
function lua(name: string, body: string): LuaCommand {
	return { name, source: PRELUDE + body, numberOfKeys: 0 };
}

/**
 * ARGV: prefix, now, campaign, then per job: id, n, n/2 field-value pairs (all of that campaign). Adds the
 * jobs whose id never existed, unless the campaign is cancelled (paused: they wait parked). Returns
 * { added, refused because cancelled }.
 */
export const ENQUEUE_SCRIPT = lua('atendimentoEnviosEnqueue', `
local now = tonumber(ARGV[2])
local control = controlOf(ARGV[3])
local added, refused = 0, 0
local a = 4
while a <= #ARGV do
	local id, n = ARGV[a], tonumber(ARGV[a + 1])
	local key = jobKey(id)
	if redis.call('EXISTS', key) == 0 then
		if control == 'cancelled' then
			refused = refused + 1
		else
			redis.call('HSET', key, unpack(ARGV, a + 2, a + 1 + n))
			local campaign = redis.call('HGET', key, 'campaign')
			redis.call('SADD', P .. 'campaign:' .. campaign, id)
			redis.call('HINCRBY', P .. 'counts', 'queued', 1)
			redis.call('HINCRBY', P .. 'counts:' .. campaign, 'queued', 1)
			requeue(key, id, ARGV[2])
			touch(key, now)
			added = added + 1
		end
	end
	a = a + 2 + n
end
return { added, refused }
`);

/**
 * ARGV: prefix, cutoff, batch. Drops up to `batch` campaigns with nothing queued or sending whose last
 * change is before the cutoff (their jobs, counters, wamid pointers), and up to `batch` log rows sent
 * before it. Returns 1 when there may be more to drop.
 */
export const PRUNE_SCRIPT = lua('atendimentoEnviosPrune', `
local cutoff, batch = ARGV[2], tonumber(ARGV[3])
local more = 0
local campaigns = redis.call('ZRANGEBYSCORE', P .. 'campaigns', '-inf', '(' .. cutoff, 'LIMIT', 0, batch)
for _, campaign in ipairs(campaigns) do
	local counts = P .. 'counts:' .. campaign
	local busy = tonumber(redis.call('HGET', counts, 'queued') or '0') + tonumber(redis.call('HGET', counts, 'sending') or '0')
	if busy == 0 then
		for _, id in ipairs(redis.call('SMEMBERS', P .. 'campaign:' .. campaign)) do
			local wamid = redis.call('HGET', jobKey(id), 'wamid')
			if wamid and redis.call('GET', P .. 'wamid:' .. wamid) == id then redis.call('DEL', P .. 'wamid:' .. wamid) end
			redis.call('DEL', jobKey(id))
		end
		for _, state in ipairs({ 'sent', 'failed', 'cancelled' }) do
			local jobs = tonumber(redis.call('HGET', counts, state) or '0')
			if jobs > 0 then redis.call('HINCRBY', P .. 'counts', state, 0 - jobs) end
		end
		redis.call('DEL', P .. 'campaign:' .. campaign, counts, P .. 'parked:' .. campaign)
		redis.call('HDEL', P .. 'campaign-state', campaign)
		redis.call('HDEL', P .. 'campaign-reason', campaign)
	end
	-- A campaign still sending leaves the list too: its next change puts it back with a new date.
	redis.call('ZREM', P .. 'campaigns', campaign)
end
if #campaigns == batch then more = 1 end
local rows = redis.call('ZRANGEBYSCORE', P .. 'log-by-date', '-inf', '(' .. cutoff, 'LIMIT', 0, batch)
for _, member in ipairs(rows) do
	local key = P .. 'log:' .. tonumber(member)
	local campaign = redis.call('HGET', key, 'campaign')
	if campaign then redis.call('ZREM', P .. 'log-campaign:' .. campaign, member) end
	redis.call('DEL', key)
	redis.call('ZREM', P .. 'log-by-date', member)
end
if #rows == batch then more = 1 end
return more
`);

/** ARGV: prefix, retention, field-value pairs of the row. A skipped recipient's row; returns its id. */
export const LOG_SKIPPED_SCRIPT = lua('atendimentoEnviosLogSkipped', `
return newRow({ unpack(ARGV, 3) }, ARGV[2])
`);

/**
 * ARGV: prefix, now, limit, lease ms, retention, default cancel text. Takes the sending jobs whose lease
 * ran out, then the queued ones due, up to the limit; leases them. A paused campaign's are left as they
 * are, a cancelled one's end \`cancelled\`. Returns each job's HGETALL.
 */
export const CLAIM_SCRIPT = lua('atendimentoEnviosClaim', `
local now, limit = tonumber(ARGV[2]), tonumber(ARGV[3])
local leaseUntil = num(now + tonumber(ARGV[4]))
local claimed = {}
local function lease(id)
	local key = jobKey(id)
	redis.call('HSET', key, 'leaseUntil', leaseUntil)
	touch(key, now)
	redis.call('ZADD', P .. 'leased', leaseUntil, id)
	claimed[#claimed + 1] = redis.call('HGETALL', key)
end
-- few leases run out (a dead run's): a paused campaign's stay in the list until it resumes
for _, id in ipairs(redis.call('ZRANGEBYSCORE', P .. 'leased', '-inf', ARGV[2])) do
	if #claimed >= limit then break end
	local control = controlOf(redis.call('HGET', jobKey(id), 'campaign'))
	if control == 'cancelled' then cancelJob(jobKey(id), now, ARGV[5], ARGV[6])
	elseif control ~= 'paused' then lease(id) end
end
if #claimed < limit then
	for _, id in ipairs(redis.call('ZRANGEBYSCORE', P .. 'ready', '-inf', ARGV[2], 'LIMIT', 0, limit - #claimed)) do
		local key = jobKey(id)
		local campaign = redis.call('HGET', key, 'campaign')
		local control = controlOf(campaign)
		redis.call('ZREM', P .. 'ready', id)
		if control == 'cancelled' then cancelJob(key, now, ARGV[5], ARGV[6])
		elseif control == 'paused' then redis.call('ZADD', P .. 'parked:' .. campaign, redis.call('HGET', key, 'notBefore'), id)
		else
			move(key, 'queued', 'sending')
			lease(id)
		end
	end
end
return claimed
`);

/**
 * ARGV: prefix, id, now, 24-hour window ('' = not known), 131049 policy as JSON ('' = none), retention,
 * default cancel text. 1 when the job may be sent, 0 when not (see BroadcastStore.markInFlight), -1 when it
 * does not exist.
 */
export const MARK_IN_FLIGHT_SCRIPT = lua('atendimentoEnviosMarkInFlight', `
local id, now = ARGV[2], tonumber(ARGV[3])
local key = jobKey(id)
if redis.call('EXISTS', key) == 0 then return -1 end
if redis.call('HGET', key, 'state') ~= 'sending' then return 0 end
local control = controlOf(redis.call('HGET', key, 'campaign'))
if control == 'cancelled' then
	cancelJob(key, now, ARGV[6], ARGV[7])
	return 0
end
if control == 'paused' then
	move(key, 'sending', 'queued')
	redis.call('HDEL', key, 'leaseUntil')
	redis.call('ZREM', P .. 'leased', id)
	requeue(key, id, redis.call('HGET', key, 'notBefore'))
	touch(key, now)
	return 0
end
redis.call('HSET', key, 'inFlightSince', ARGV[3])
if ARGV[4] ~= '' then redis.call('HSET', key, 'window24h', ARGV[4]) end
if ARGV[5] ~= '' then redis.call('HSET', key, 'marketingRetry', ARGV[5]) end
touch(key, now)
return 1
`);

/** ARGV: prefix, id, wamid, now, retention, success text. -1 when the job does not exist. */
export const MARK_SENT_SCRIPT = lua('atendimentoEnviosMarkSent', `
local id, wamid, now = ARGV[2], ARGV[3], tonumber(ARGV[4])
local key = jobKey(id)
if redis.call('EXISTS', key) == 0 then return -1 end
indexWamid(wamid, id, ARGV[5])
local state = redis.call('HGET', key, 'state')
if state == 'queued' or state == 'sending' then
	finish(key, 'sent', now, wamid)
	outcomeRow(key, ARGV[4], ARGV[5], { 'status', 'sucesso', 'mensagem', ARGV[6], 'wamid', wamid })
elseif state == 'sent' and not redis.call('HGET', key, 'wamid') then
	redis.call('HSET', key, 'wamid', wamid)
	outcomeRow(key, redis.call('HGET', key, 'updatedAt'), ARGV[5], { 'wamid', wamid })
end
return 1
`);

/** ARGV: prefix, id, reason, error code ('' = none), now, retention. -1 when the job does not exist. */
export const MARK_FAILED_SCRIPT = lua('atendimentoEnviosMarkFailed', `
local id, reason, code, now = ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5])
local key = jobKey(id)
if redis.call('EXISTS', key) == 0 then return -1 end
local state = redis.call('HGET', key, 'state')
if state == 'queued' or state == 'sending' then
	finish(key, 'failed', now)
	redis.call('HSET', key, 'lastError', reason)
	local fields = { 'status', 'falha', 'mensagem', reason }
	if code ~= '' then fields[#fields + 1] = 'codigoErro'; fields[#fields + 1] = code end
	outcomeRow(key, ARGV[5], ARGV[6], fields)
end
return 1
`);

/** ARGV: prefix, id, retention, field, value, … (dataEnvio, mensagem, codigoErro). A \`reagendado\` row; -1 when the job does not exist. */
export const LOG_RESCHEDULED_SCRIPT = lua('atendimentoEnviosLogRescheduled', `
local key = jobKey(ARGV[2])
if redis.call('EXISTS', key) == 0 then return -1 end
local extra = { unpack(ARGV, 4) }
extra[#extra + 1] = 'status'; extra[#extra + 1] = 'reagendado'
newRow(jobRowFields(key, extra), ARGV[3])
return 1
`);

/** ARGV: prefix, id, notBefore, reason, now, retention, default cancel text. -1 when the job does not exist. */
export const RETRY_LATER_SCRIPT = lua('atendimentoEnviosRetryLater', `
local id = ARGV[2]
local key = jobKey(id)
if redis.call('EXISTS', key) == 0 then return -1 end
local state = redis.call('HGET', key, 'state')
if (state == 'queued' or state == 'sending') and controlOf(redis.call('HGET', key, 'campaign')) == 'cancelled' then
	cancelJob(key, tonumber(ARGV[5]), ARGV[6], ARGV[7])
elseif state == 'queued' or state == 'sending' then
	if state == 'sending' then move(key, 'sending', 'queued') end
	redis.call('HINCRBY', key, 'attempts', 1)
	redis.call('HSET', key, 'notBefore', ARGV[3], 'lastError', ARGV[4])
	redis.call('HDEL', key, 'leaseUntil', 'inFlightSince')
	touch(key, tonumber(ARGV[5]))
	redis.call('ZREM', P .. 'leased', id)
	requeue(key, id, ARGV[3])
end
return 1
`);

/**
 * ARGV: prefix, wamid, job id ('' = none), status, at, error code ('' = none), the row's text for
 * this status, retention, and for a 131049 the new attempt's time and the \`reagendado\` text ('' = none).
 * Applies a delivery status callback (see BroadcastStore.recordStatus); 0 when it is not a broadcast message.
 */
export const RECORD_STATUS_SCRIPT = lua('atendimentoEnviosRecordStatus', `
local wamid, jobId, status, at, code, text, retention = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8]
local lateAt, lateText = ARGV[9], ARGV[10]
local id
if jobId ~= '' and redis.call('EXISTS', jobKey(jobId)) == 1 then id = jobId else id = redis.call('GET', P .. 'wamid:' .. wamid) end
if not id or redis.call('EXISTS', jobKey(id)) == 0 then return 0 end
local key = jobKey(id)
if redis.call('HGET', key, 'rescheduledWamid') == wamid then return 1 end
indexWamid(wamid, id, retention)
local state = redis.call('HGET', key, 'state')
local row = rowOf(key)
local delivered = false
if row then delivered = redis.call('HGET', row, 'entrega') end
local delivery = { 'entrega', status, 'entregaEm', at, 'mensagem', text }
local lateRetry = false
if status == 'failed' and code == '131049' and lateText ~= '' and state == 'sent' and redis.call('HGET', key, 'wamid') == wamid then
	local policy = redis.call('HGET', key, 'marketingRetry')
	if policy then
		local retry = cjson.decode(policy)
		local attempts = tonumber(redis.call('HGET', key, 'attempts'))
		local control = controlOf(redis.call('HGET', key, 'campaign'))
		lateRetry = retry.delayMs > 0 and attempts + 1 < retry.maxAttempts and control ~= 'cancelled'
	end
end
if lateRetry then
	move(key, 'sent', 'queued')
	redis.call('HINCRBY', key, 'attempts', 1)
	redis.call('HSET', key, 'notBefore', lateAt, 'lastError', lateText, 'rescheduledWamid', wamid)
	redis.call('HDEL', key, 'wamid', 'logId')
	touch(key, tonumber(at))
	requeue(key, id, lateAt)
	if row then
		redis.call('HSET', row, 'status', 'reagendado', 'mensagem', lateText, 'codigoErro', code, 'entrega', 'failed', 'entregaEm', at)
		countDelivery(key, delivered, 'failed')
	end
elseif status == 'failed' then
	if state ~= 'failed' then finish(key, 'failed', tonumber(at), wamid) end
	redis.call('HSET', key, 'lastError', text)
	local fields = { 'status', 'falha', unpack(delivery) }
	if code ~= '' then fields[#fields + 1] = 'codigoErro'; fields[#fields + 1] = code end
	outcomeRow(key, at, retention, fields)
	countDelivery(key, delivered, 'failed')
elseif state == 'queued' or state == 'sending' or state == 'cancelled' or (state == 'failed' and delivered ~= 'failed') then
	finish(key, 'sent', tonumber(at), wamid)
	redis.call('HDEL', key, 'lastError')
	local reached = outcomeRow(key, at, retention, { 'status', 'sucesso', 'wamid', redis.call('HGET', key, 'wamid'), unpack(delivery) })
	redis.call('HDEL', reached, 'codigoErro')
	countDelivery(key, delivered, status)
elseif state == 'sent' then
	local rank = { sent = 1, delivered = 2, read = 3, failed = 4 }
	if rank[status] > (rank[delivered or ''] or 0) then
		outcomeRow(key, redis.call('HGET', key, 'updatedAt'), retention, delivery)
		countDelivery(key, delivered, status)
	end
end
return 1
`);

/** ARGV: prefix, job id, reply text, at. Sets the reply on the job's row; 0 when the job or its row is gone. */
export const RECORD_REPLY_SCRIPT = lua('atendimentoEnviosRecordReply', `
local key = jobKey(ARGV[2])
if redis.call('EXISTS', key) == 0 then return 0 end
local row = rowOf(key)
if not row then return 0 end
redis.call('HSET', row, 'resposta', ARGV[3], 'respondidoEm', ARGV[4])
return 1
`);

/** ARGV: prefix, campaign, now. Pauses an active campaign: its queued jobs move from \`ready\` to \`parked:<c>\`. Returns the previous state. */
export const PAUSE_SCRIPT = lua('atendimentoEnviosPause', `
local campaign, now = ARGV[2], tonumber(ARGV[3])
local previous = controlOf(campaign)
if previous then return previous end
redis.call('HSET', P .. 'campaign-state', campaign, 'paused')
for _, id in ipairs(redis.call('SMEMBERS', P .. 'campaign:' .. campaign)) do
	local notBefore = redis.call('ZSCORE', P .. 'ready', id)
	if notBefore then
		redis.call('ZREM', P .. 'ready', id)
		redis.call('ZADD', P .. 'parked:' .. campaign, notBefore, id)
	end
end
redis.call('ZADD', P .. 'campaigns', num(now), campaign)
return 'active'
`);

/** ARGV: prefix, campaign, now. Resumes a paused campaign: its parked jobs go back to \`ready\` by notBefore. Returns the previous state. */
export const RESUME_SCRIPT = lua('atendimentoEnviosResume', `
local campaign, now = ARGV[2], tonumber(ARGV[3])
local previous = controlOf(campaign)
if previous ~= 'paused' then return previous or 'active' end
redis.call('HDEL', P .. 'campaign-state', campaign)
local parked = P .. 'parked:' .. campaign
local members = redis.call('ZRANGE', parked, 0, -1, 'WITHSCORES')
for index = 1, #members, 2 do redis.call('ZADD', P .. 'ready', members[index + 1], members[index]) end
redis.call('DEL', parked)
redis.call('ZADD', P .. 'campaigns', num(now), campaign)
return 'paused'
`);

/**
 * ARGV: prefix, campaign, reason, now, retention. Cancels the campaign (the first reason stays) and ends
 * its queued jobs, and those whose lease ran out, \`cancelled\`. Returns { previous state, jobs cancelled }.
 */
export const CANCEL_SCRIPT = lua('atendimentoEnviosCancel', `
local campaign, now = ARGV[2], tonumber(ARGV[4])
local previous = controlOf(campaign) or 'active'
if previous ~= 'cancelled' then
	redis.call('HSET', P .. 'campaign-state', campaign, 'cancelled')
	redis.call('HSET', P .. 'campaign-reason', campaign, ARGV[3])
end
local cancelled = 0
for _, id in ipairs(redis.call('SMEMBERS', P .. 'campaign:' .. campaign)) do
	local key = jobKey(id)
	local state = redis.call('HGET', key, 'state')
	if state == 'queued' or (state == 'sending' and tonumber(redis.call('HGET', key, 'leaseUntil') or '0') <= now) then
		cancelJob(key, now, ARGV[5], ARGV[3])
		cancelled = cancelled + 1
	end
end
redis.call('DEL', P .. 'parked:' .. campaign)
redis.call('ZADD', P .. 'campaigns', num(now), campaign)
return { previous, cancelled }
`);

/** Every script of the broadcast store, defined on its client. */
export const BROADCAST_COMMANDS: LuaCommand[] = [
	ENQUEUE_SCRIPT,
	PRUNE_SCRIPT,
	LOG_SKIPPED_SCRIPT,
	CLAIM_SCRIPT,
	MARK_IN_FLIGHT_SCRIPT,
	MARK_SENT_SCRIPT,
	MARK_FAILED_SCRIPT,
	RETRY_LATER_SCRIPT,
	LOG_RESCHEDULED_SCRIPT,
	RECORD_STATUS_SCRIPT,
	RECORD_REPLY_SCRIPT,
	PAUSE_SCRIPT,
	RESUME_SCRIPT,
	CANCEL_SCRIPT,
];
