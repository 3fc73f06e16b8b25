// The driver's own reads and removals of its jobs in Redis, each a Lua script over many jobs at
// once: what became of the jobs whose events it missed, removing the jobs it has settled, and
// taking its jobs out of the queue when it is terminated.
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";

/** What Redis holds for one job the sweep asked about (jobs still waiting or running are left out). */
export type StoredOutcome =
  | { id: string; state: "completed"; returnvalue: string }
  | { id: string; state: "failed"; failedReason: string }
  | { id: string; state: "missing" };

// KEYS: the job hashes. Every job hash has a "name"; "finishedOn" is set by BullMQ's finishing
// script together with "returnvalue" (completed) or "failedReason" (failed).
const CHECK = `
local out = {}
for i, key in ipairs(KEYS) do
  local v = redis.call("HMGET", key, "name", "finishedOn", "returnvalue", "failedReason")
  if not v[1] then
    table.insert(out, i) table.insert(out, "missing") table.insert(out, "")
  elseif v[2] then
    if v[3] then
      table.insert(out, i) table.insert(out, "completed") table.insert(out, v[3])
    else
      table.insert(out, i) table.insert(out, "failed") table.insert(out, v[4] or "")
    end
  end
end
return out`;

const JOB_KEYS = `
local function dropJob(prefix, id)
  local key = prefix .. id
  redis.call("DEL", key, key .. ":logs", key .. ":dependencies", key .. ":processed", key .. ":failed", key .. ":unsuccessful")
end`;

// KEYS: completed, failed. ARGV: the job key prefix, then ids. Only finished jobs are removed.
const REMOVE_FINISHED = `${JOB_KEYS}
local removed = 0
for i = 2, #ARGV do
  local id = ARGV[i]
  if redis.call("ZREM", KEYS[1], id) + redis.call("ZREM", KEYS[2], id) > 0 then
    dropJob(ARGV[1], id)
    removed = removed + 1
  end
end
return removed`;

// KEYS: wait, paused, active, completed, failed. ARGV: the job key prefix, then ids. Removes those
// jobs that wait (one pass over each list, order kept) or are finished; returns those running.
const PURGE = `${JOB_KEYS}
local mine = {}
for i = 2, #ARGV do mine[ARGV[i]] = true end
for l = 1, 2 do
  local items = redis.call("LRANGE", KEYS[l], 0, -1)
  local kept, removed = {}, 0
  for _, id in ipairs(items) do
    if mine[id] then dropJob(ARGV[1], id) removed = removed + 1 else table.insert(kept, id) end
  end
  if removed > 0 then
    redis.call("DEL", KEYS[l])
    for i = 1, #kept, 1000 do
      redis.call("RPUSH", KEYS[l], unpack(kept, i, math.min(i + 999, #kept)))
    end
  end
end
for i = 2, #ARGV do
  local id = ARGV[i]
  if redis.call("ZREM", KEYS[4], id) + redis.call("ZREM", KEYS[5], id) > 0 then dropJob(ARGV[1], id) end
end
local running = {}
for _, id in ipairs(redis.call("LRANGE", KEYS[3], 0, -1)) do
  if mine[id] then table.insert(running, id) end
end
return running`;

const SCRIPTS = { multiprocCheck: CHECK, multiprocRemoveFinished: REMOVE_FINISHED, multiprocPurge: PURGE };
type ScriptName = keyof typeof SCRIPTS;
type Scripted = Redis & Record<ScriptName, (...args: (string | number)[]) => Promise<unknown>>;
const defined = new WeakSet<Redis>();

/** The client with the scripts defined (sent once, then called by their SHA). */
function scripted(client: Redis): Scripted {
  if (!defined.has(client)) {
    for (const [name, lua] of Object.entries(SCRIPTS)) client.defineCommand(name, { lua });
    defined.add(client);
  }
  return client as Scripted;
}

/** Jobs per script call: each call holds Redis for a moment only. */
const BATCH = 500;

/** What became of `ids`: finished (with the result or the reason) or missing; those still queued are left out. */
export async function checkJobs(client: Redis, queue: Queue, ids: string[]): Promise<StoredOutcome[]> {
  const outcomes: StoredOutcome[] = [];
  for (let start = 0; start < ids.length; start += BATCH) {
    const batch = ids.slice(start, start + BATCH);
    const keys = batch.map((id) => queue.toKey(id));
    const flat = (await scripted(client).multiprocCheck(keys.length, ...keys)) as (string | number)[];
    for (let i = 0; i < flat.length; i += 3) {
      const id = batch[Number(flat[i]) - 1] as string;
      const state = flat[i + 1];
      const value = String(flat[i + 2]);
      if (state === "completed") outcomes.push({ id, state, returnvalue: value });
      else if (state === "failed") outcomes.push({ id, state, failedReason: value });
      else outcomes.push({ id, state: "missing" });
    }
  }
  return outcomes;
}

/** Removes the finished jobs among `ids` (their results have been read). */
export async function removeFinished(client: Redis, queue: Queue, ids: string[]): Promise<void> {
  const { completed, failed } = queue.keys as Record<"completed" | "failed", string>;
  for (let start = 0; start < ids.length; start += BATCH) {
    const batch = ids.slice(start, start + BATCH);
    await scripted(client).multiprocRemoveFinished(2, completed, failed, queue.toKey(""), ...batch);
  }
}

/** Removes the jobs among `ids` that wait or are finished, at once; returns those running now. */
export async function purgeJobs(client: Redis, queue: Queue, ids: string[]): Promise<string[]> {
  const { wait, paused, active, completed, failed } = queue.keys as Record<
    "wait" | "paused" | "active" | "completed" | "failed",
    string
  >;
  const keys = [wait, paused, active, completed, failed] as string[];
  return (await scripted(client).multiprocPurge(keys.length, ...keys, queue.toKey(""), ...ids)) as string[];
}
