// Several calls to a job: once the agents have shown the calls to be short, calls submitted
// together travel several to a job, and each still settles on its own, with its own value or
// error, as it would alone. A call with a timeout or a signal keeps a job of its own.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type Agent,
  PayloadTooLargeError,
  Pool,
  PoolClosedError,
  startAgent,
  TaskError,
  TimeoutError,
} from "../src/index.ts";
import { freshQueue } from "./agent-pools.ts";
import { addedJobNames, jobHashes, redisCli } from "./redis-cli.ts";
import { findRedis, type RedisServer, startRedis } from "./redis-server.ts";
import { untilBatching } from "./warm-up.ts";

const redis = findRedis();
const binary = "path" in redis ? redis.path : "";
const module = new URL("./fixtures/tasks.mjs", import.meta.url);
let server: RedisServer | undefined;
const agents: Agent[] = [];
const pools: Pool[] = [];
beforeAll(async () => {
  if ("path" in redis) server = await startRedis(redis.path);
});
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.terminate()));
  await Promise.all(agents.splice(0).map((agent) => agent.terminate()));
});
afterAll(() => server?.stop());

type Tasks = typeof import("./fixtures/tasks.mjs");
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A queue served by an in-process agent, and a driver whose calls are known to be short (warmed up). */
async function warmPool(
  options: { workers?: number; maxPayload?: number; agentMaxPayload?: number; agentWorkers?: number } = {},
) {
  const { url } = server as RedisServer;
  const queue = freshQueue("batching");
  const agent = await startAgent({
    connection: url,
    queue,
    module,
    workers: options.agentWorkers ?? 2,
    maxPayload: options.agentMaxPayload,
  });
  agents.push(agent);
  // One worker slot at the driver: a few calls at once are already "many".
  const pool = new Pool<Tasks>({ connection: url, queue, workers: 1, maxPayload: options.maxPayload });
  pools.push(pool);
  // Until the driver batches: the agent has then timed calls as short.
  await untilBatching(pool, () => addedJobs(queue));
  return { pool, queue, agent };
}

/** The names of the jobs added to `queue` so far ("batch": a job of several calls). */
const addedJobs = (queue: string) => addedJobNames(binary, (server as RedisServer).port, queue);

describe.skipIf("missing" in redis)(
  `several calls to a job${"missing" in redis ? ` [skipped: ${redis.missing}]` : ""}`,
  // Each test warms its pool up until the driver batches: up to 30 s on a loaded host.
  { timeout: 60_000 },
  () => {
    it("calls submitted together travel several to a job, each settling with its own value, in order", async () => {
      const { pool, queue } = await warmPool();
      const before = addedJobs(queue).length;
      const calls = Array.from({ length: 200 }, (_, i) =>
        i % 2 ? pool.apply("square", [i]) : pool.apply("add", [i, 1]),
      );
      const settled: number[] = [];
      for (const [i, call] of calls.entries()) void call.then(() => settled.push(i));
      expect(await Promise.all(calls)).toEqual(calls.map((_, i) => (i % 2 ? i * i : i + 1)));
      const added = addedJobs(queue).slice(before);
      expect(added).toContain("batch");
      expect(added.length).toBeLessThan(200 / 2);
      // Each call settles once. Not necessarily in job order: a job whose completion event is
      // missed is picked up by the result sweep, after a later job's event (seen once in CI).
      expect([...settled].sort((a, b) => a - b)).toEqual(calls.map((_, i) => i));
    });

    it("a failing call in a job of several fails alone, with its own error; the others keep their values", async () => {
      const { pool, queue } = await warmPool();
      const before = addedJobs(queue).length;
      const calls = Array.from({ length: 40 }, (_, i) =>
        (i === 17 ? pool.apply("fail", ["seventeen"]) : pool.apply("square", [i])).catch((e: unknown) => e),
      );
      const outcomes = await Promise.all(calls);
      expect(addedJobs(queue).slice(before)).toContain("batch");
      for (const [i, outcome] of outcomes.entries()) {
        if (i !== 17) expect(outcome).toBe(i * i);
      }
      // The same error as the call gets alone (a timeout gives it a job of its own).
      const alone = await pool.apply("fail", ["seventeen"], { timeout: 10_000 }).catch((e: unknown) => e);
      const error = outcomes[17] as TaskError;
      expect(error).toBeInstanceOf(TaskError);
      expect(error.name).toBe("RangeError");
      expect(error.message).toBe("seventeen");
      expect({ ...error }).toEqual({ ...(alone as TaskError) });
    });

    it("a call with a timeout keeps a job of its own: it times out alone, the calls around it complete", async () => {
      const { pool, queue } = await warmPool();
      const before = addedJobs(queue).length;
      const first = Array.from({ length: 30 }, (_, i) => pool.apply("square", [i]));
      const slow = pool.apply("sleep", [60_000, "late"], { timeout: 200 }).catch((e: unknown) => e);
      const then = Array.from({ length: 30 }, (_, i) => pool.apply("square", [i + 30]));
      expect(await Promise.all([...first, ...then])).toEqual(Array.from({ length: 60 }, (_, i) => i * i));
      expect(await slow).toBeInstanceOf(TimeoutError);
      const added = addedJobs(queue).slice(before);
      expect(added).toContain("batch");
      expect(added).toContain("sleep"); // its own job, named after its export
      // The agent stopped it: its worker is free again.
      expect(await pool.apply("square", [5], { timeout: 10_000 })).toBe(25);
    });

    it("a long call in a job does not hold the finished outcomes of the calls beside it", async () => {
      const { pool, queue } = await warmPool();
      const before = addedJobs(queue).length;
      const file = join(mkdtempSync(join(tmpdir(), "multiproc-batching-")), "squares-settled");
      // Eleven calls at once: jobs of three, the last a square and the long call, which waits
      // until the driver has every square's result (it ends at once if they came first).
      const squares = Array.from({ length: 10 }, (_, i) => pool.apply("square", [i]));
      const long = pool.apply("waitForFile", [file, 4000]);
      expect(await Promise.all(squares)).toEqual(Array.from({ length: 10 }, (_, i) => i * i));
      writeFileSync(file, "");
      expect(await long).toBe(true);
      expect(addedJobs(queue).slice(before)).not.toContain("waitForFile"); // it did share a job
    });

    it("terminate() with jobs of several calls waiting and running: every call rejects, none is left in Redis, the agent serves again", async () => {
      const { pool, queue } = await warmPool();
      const port = (server as RedisServer).port;
      const count = (list: string) => Number(redisCli(binary, port, "LLEN", `bull:${queue}:${list}`));
      const before = addedJobs(queue).length;
      const calls = Array.from({ length: 40 }, (_, i) =>
        pool.apply("sleep", [60_000, i]).catch((e: unknown) => e),
      );
      while (count("active") < 2 || count("wait") === 0) await pause(20);
      expect(addedJobs(queue).slice(before)).toContain("batch");
      await pool.terminate();
      expect((await Promise.all(calls)).every((outcome) => outcome instanceof PoolClosedError)).toBe(true);
      expect(count("wait")).toBe(0);
      // The running calls are stopped on the agent, whose jobs then finish; the driver removes nothing
      // more, so wait for the agent's side alone.
      while (count("active") > 0) await pause(50);
      const next = new Pool<Tasks>({ connection: (server as RedisServer).url, queue });
      pools.push(next);
      expect(await next.apply("square", [6])).toBe(36);
      next.close();
      await next.join();
      expect(count("wait")).toBe(0);
    });

    it("terminate() with jobs of several calls still queued and no agent: no job is left behind", async () => {
      const { pool, queue, agent } = await warmPool();
      await agent.close();
      const port = (server as RedisServer).port;
      const before = addedJobs(queue).length;
      const calls = Array.from({ length: 2000 }, (_, i) =>
        pool.apply("square", [i]).catch((e: unknown) => e),
      );
      while (addedJobs(queue).length === before) await pause(20);
      expect(addedJobs(queue).slice(before)).toContain("batch");
      await pool.terminate();
      expect((await Promise.all(calls)).every((outcome) => outcome instanceof PoolClosedError)).toBe(true);
      expect(Number(redisCli(binary, port, "LLEN", `bull:${queue}:wait`))).toBe(0);
      expect(jobHashes(binary, port, queue)).toBe(0);
    });

    it("calls whose arguments together pass maxPayload are split into jobs within it", async () => {
      const { pool, queue } = await warmPool({ maxPayload: 2000 });
      const before = addedJobs(queue).length;
      const text = (i: number) => `${i}:${"x".repeat(300)}`;
      const calls = Array.from({ length: 100 }, (_, i) => pool.apply("echo", [text(i)]));
      expect(await Promise.all(calls)).toEqual(calls.map((_, i) => text(i)));
      const added = addedJobs(queue).slice(before);
      expect(added).toContain("batch");
      // About 330 characters a call: no more than six fit in 2000.
      const size = (i: number) => JSON.stringify({ f: "echo", a: [text(i)], c: 0 }).length;
      const total = calls.reduce((sum: number, _, i) => sum + size(i) + 1, 0);
      expect(added.length).toBeGreaterThanOrEqual(Math.ceil(total / 2000));
      expect(added.length).toBeLessThan(100);
    });

    it("outcomes that do not fit together in the agent's maxPayload fail alone with PayloadTooLargeError", async () => {
      const { pool, queue } = await warmPool({ agentMaxPayload: 2500 });
      const before = addedJobs(queue).length;
      // Twelve calls at once, jobs of three: two results of 1000 characters fit in 2500, three do not.
      const outcomes = await Promise.all(
        Array.from({ length: 12 }, () => pool.apply("big", [1000]).catch((e: unknown) => e)),
      );
      expect(addedJobs(queue).slice(before)).toContain("batch");
      const failed = outcomes.filter((outcome) => outcome instanceof PayloadTooLargeError);
      expect(failed.length).toBeGreaterThan(0);
      expect(outcomes.filter((outcome) => outcome === "x".repeat(1000)).length).toBeGreaterThan(0);
      expect(failed.length + outcomes.filter((o) => o === "x".repeat(1000)).length).toBe(12);
      expect((failed[0] as Error).message).toMatch(/calls of one job share it/);
      expect((failed[0] as PayloadTooLargeError).direction).toBe("result");
    });
  },
);
