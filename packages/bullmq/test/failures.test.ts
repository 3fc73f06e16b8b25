// Agents that die: a task whose agent is SIGKILLed is taken over by another after the lock
// expires; a task that loses two agents is rejected with AgentLostError. Every call settles once.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AgentLostError, Pool, startAgent, TimeoutError } from "../src/index.ts";
import { freshQueue } from "./agent-pools.ts";
import { addedJobNames } from "./redis-cli.ts";
import { findRedis, type RedisServer, startRedis } from "./redis-server.ts";
import { cannotSpawn, type SpawnedAgent, spawnAgent } from "./spawn-agent.ts";
import { untilBatching } from "./warm-up.ts";

const redis = findRedis();
const binary = "path" in redis ? redis.path : "";
// Its agents are Node 20 processes, and what it tests (a lock that expires, another agent taking
// the job over, AgentLostError after two losses) happens in Redis and in those agents: one run, on
// Node 20, covers it. The driver on Deno and Bun is covered by conformance.test.ts and the others.
const onlyOnNode = process.env.MULTIPROC_RUNTIME_ID && process.env.MULTIPROC_RUNTIME_ID !== "node20";
const why =
  "missing" in redis
    ? redis.missing
    : onlyOnNode
      ? "agents that die are Node 20 agents: this file runs once, on Node 20"
      : cannotSpawn("node20");
let server: RedisServer | undefined;
const agents: SpawnedAgent[] = [];
const pools: Pool[] = [];
beforeAll(async () => {
  if ("path" in redis) server = await startRedis(redis.path);
});
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.terminate()));
  for (const agent of agents.splice(0)) agent.kill("SIGKILL");
});
afterAll(() => server?.stop());

const LOCK_MS = 1500;

describe.skipIf(!!why)(`agents that die${why ? ` [skipped: ${why}]` : ""}`, () => {
  it("2,000 tasks over three agents, one SIGKILLed mid-run: every task settles once, with its result; the others keep serving", async () => {
    const url = (server as RedisServer).url;
    const queue = freshQueue("chaos");
    for (const tag of ["a", "b", "c"]) {
      agents.push(await spawnAgent("node20", { url, queue, tag, workers: 2, lockMs: LOCK_MS }));
    }
    const pool = new Pool<typeof import("./fixtures/tasks.mjs")>({ connection: url, queue, workers: 6 });
    pools.push(pool);
    const settled = new Array<number>(2000).fill(0);
    let done = 0;
    let killed = false;
    const calls = Array.from({ length: 2000 }, (_, i) =>
      pool.apply("slowWhere", [2, i]).then(
        (value) => {
          settled[i] = (settled[i] ?? 0) + 1;
          if (++done === 300 && !killed) {
            killed = true;
            agents[0]?.kill("SIGKILL");
          }
          return value;
        },
        (error: unknown) => {
          settled[i] = (settled[i] ?? 0) + 1;
          throw error;
        },
      ),
    );
    const results = await Promise.all(calls);
    expect(killed).toBe(true);
    expect(settled.every((n) => n === 1)).toBe(true);
    expect(results.map((r) => r.tag)).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    // After the kill, only b and c served; and they still do.
    expect(new Set(results.slice(1000).map((r) => r.agent))).toEqual(new Set(["b", "c"]));
    const after = await pool.map(
      "slowWhere",
      [1, 1, 1, 1, 1, 1].map((ms) => ms),
      { chunksize: 1 },
    );
    expect(after.every((r) => r.agent === "b" || r.agent === "c")).toBe(true);
  }, 60_000);

  it("quick calls several to a job over three agents, one SIGKILLed mid-run: each settles once with its own result", async () => {
    const url = (server as RedisServer).url;
    const queue = freshQueue("chaos-batched");
    for (const tag of ["a", "b", "c"]) {
      agents.push(await spawnAgent("node20", { url, queue, tag, workers: 2, lockMs: LOCK_MS }));
    }
    const pool = new Pool<typeof import("./fixtures/tasks.mjs")>({ connection: url, queue, workers: 6 });
    pools.push(pool);
    const jobNames = () => addedJobNames(binary, (server as RedisServer).port, queue);
    // Known quick, so the burst below travels several calls to a job.
    await untilBatching(pool, jobNames);
    const before = jobNames().length;
    const settled = new Array<number>(2000).fill(0);
    let done = 0;
    let killed = false;
    const calls = Array.from({ length: 2000 }, (_, i) =>
      pool.apply("slowWhere", [1, i]).finally(() => {
        settled[i] = (settled[i] ?? 0) + 1;
        if (++done === 300 && !killed) {
          killed = true;
          agents[0]?.kill("SIGKILL");
        }
      }),
    );
    const results = await Promise.all(calls);
    expect(jobNames().slice(before)).toContain("batch");
    expect(killed).toBe(true);
    expect(settled.every((n) => n === 1)).toBe(true);
    expect(results.map((r) => r.tag)).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    const after = await pool.map("slowWhere", [1, 1, 1, 1, 1, 1], { chunksize: 1 });
    expect(after.every((r) => r.agent === "b" || r.agent === "c")).toBe(true);
  }, 60_000);

  it("a task whose agent is lost, then whose second agent is lost too, rejects with AgentLostError", async () => {
    const url = (server as RedisServer).url;
    const queue = freshQueue("lost");
    const first = [
      await spawnAgent("node20", { url, queue, tag: "a", workers: 1, lockMs: LOCK_MS }),
      await spawnAgent("node20", { url, queue, tag: "b", workers: 1, lockMs: LOCK_MS }),
    ];
    agents.push(...first);
    const pool = new Pool<typeof import("./fixtures/tasks.mjs")>({ connection: url, queue });
    pools.push(pool);
    const outcome = pool.apply("killAgent").catch((error: unknown) => error);
    // It kills one agent, is taken over by the other once the lock expires, and kills that one.
    await Promise.all(first.map((agent) => agent.exited));
    // A live agent is what notices the second stall; it starts after both are gone, so it never runs the task.
    agents.push(await spawnAgent("node20", { url, queue, tag: "c", workers: 1, lockMs: LOCK_MS }));
    const error = await outcome;
    expect(error).toBeInstanceOf(AgentLostError);
    expect((error as Error).message).toMatch(/agent running the task was lost/);
    expect(await pool.apply("square", [7])).toBe(49); // the survivor serves
  }, 60_000);

  it("a job of several calls whose agent is lost twice: its calls reject with AgentLostError, the other jobs' complete", async () => {
    const url = (server as RedisServer).url;
    const queue = freshQueue("lost-batched");
    const first = [
      await spawnAgent("node20", { url, queue, tag: "a", workers: 1, lockMs: LOCK_MS }),
      await spawnAgent("node20", { url, queue, tag: "b", workers: 1, lockMs: LOCK_MS }),
    ];
    agents.push(...first);
    const pool = new Pool<typeof import("./fixtures/tasks.mjs")>({ connection: url, queue, workers: 1 });
    pools.push(pool);
    await untilBatching(pool, () => addedJobNames(binary, (server as RedisServer).port, queue)); // known quick
    // Nine calls at once, jobs of three: the middle job holds squares 3 and 5 around killAgent.
    const calls = Array.from({ length: 9 }, (_, i) =>
      (i === 4 ? pool.apply("killAgent") : pool.apply("square", [i])).catch((error: unknown) => error),
    );
    await Promise.all(first.map((agent) => agent.exited));
    agents.push(await spawnAgent("node20", { url, queue, tag: "c", workers: 1, lockMs: LOCK_MS }));
    const outcomes = await Promise.all(calls);
    for (const [i, outcome] of outcomes.entries()) {
      if (i >= 3 && i <= 5) expect(outcome, `call ${i}`).toBeInstanceOf(AgentLostError);
      else expect(outcome, `call ${i}`).toBe(i * i);
    }
  }, 60_000);
});

describe.skipIf("missing" in redis)("no agent alive", () => {
  it("calls wait in Redis, get({ timeout }) and per-call timeouts still work, and an agent that comes later runs them", async () => {
    const url = (server as RedisServer).url;
    const queue = freshQueue("later");
    const pool = new Pool<typeof import("./fixtures/tasks.mjs")>({ connection: url, queue });
    pools.push(pool);
    const waiting = pool.applyAsync("square", [5]);
    await expect(waiting.get({ timeout: 100 })).rejects.toBeInstanceOf(TimeoutError);
    await expect(pool.apply("square", [6], { timeout: 100 })).rejects.toBeInstanceOf(TimeoutError);
    const module = new URL("./fixtures/tasks.mjs", import.meta.url);
    const agent = await startAgent({ connection: url, queue, module, workers: 1 });
    try {
      expect(await waiting.get()).toBe(25);
      expect(await pool.apply("square", [7])).toBe(49);
    } finally {
      await agent.close();
    }
  });
});
