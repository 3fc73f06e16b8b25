// The slow way results come back, on its own: while calls are pending, the sweep reads their jobs
// from Redis again and again on its schedule, not once. A result whose event is lost after the
// first sweep would otherwise wait for ever.
import { Queue } from "bullmq";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { disconnectAll, redisClient } from "../src/connection.ts";
import type { StoredOutcome } from "../src/job-store.ts";
import { ResultSweep } from "../src/result-sweep.ts";
import { tuning } from "../src/tuning.ts";
import { freshQueue } from "./agent-pools.ts";
import { findRedis, type RedisServer, startRedis } from "./redis-server.ts";

const redis = findRedis();
let server: RedisServer | undefined;
beforeAll(async () => {
  if ("path" in redis) server = await startRedis(redis.path);
});
afterAll(() => server?.stop());
const sweepMs = tuning.sweepMs;
afterEach(() => {
  tuning.sweepMs = sweepMs;
});

const skipped = "missing" in redis ? ` [skipped: ${redis.missing}]` : "";
describe.skipIf("missing" in redis)(`the result sweep${skipped}`, () => {
  it("runs on its schedule for as long as calls are pending, and stops when none is", async () => {
    tuning.sweepMs = 20;
    const client = redisClient((server as RedisServer).url);
    const queue = new Queue(freshQueue("sweep"), { connection: client });
    await queue.waitUntilReady();
    const seen: StoredOutcome[] = [];
    let pending = 1;
    const sweep = new ResultSweep(client, queue, {
      // A job Redis does not have: each sweep reports it missing (the engine would then settle it).
      queuedIds: () => ["never-added"],
      pendingCount: () => pending,
      settle: (outcome) => seen.push(outcome),
    });
    sweep.schedule();
    for (let i = 0; i < 250 && seen.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen[0]).toEqual({ id: "never-added", state: "missing" });
    // No call pending: the sweep that runs next arms no other.
    pending = 0;
    await new Promise((r) => setTimeout(r, 100));
    const after = seen.length;
    await new Promise((r) => setTimeout(r, 150));
    expect(seen.length).toBe(after);
    sweep.cancel();
    await queue.close();
    disconnectAll(client);
  });
});
