// terminate() with thousands of calls pending stops the running ones and takes the waiting ones
// out of Redis, none of them runs after; and a driver that forgets close() still exits.
import { spawn } from "node:child_process";
import { type RuntimeId, selectRuntimes } from "@multiproc/runtimes";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Pool, PoolClosedError } from "../src/index.ts";
import { freshQueue } from "./agent-pools.ts";
import { jobHashes, redisCli } from "./redis-cli.ts";
import { findRedis, type RedisServer, startRedis } from "./redis-server.ts";
import { cannotSpawn, type SpawnedAgent, spawnAgent } from "./spawn-agent.ts";

const redis = findRedis();
const why = "missing" in redis ? redis.missing : cannotSpawn("node20");
const binary = "path" in redis ? redis.path : "";
let server: RedisServer | undefined;
const agents: SpawnedAgent[] = [];
const pools: Pool[] = [];
beforeAll(async () => {
  if (!why) server = await startRedis(binary);
});
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.terminate()));
  for (const agent of agents.splice(0)) agent.kill("SIGKILL");
});
afterAll(() => server?.stop());

type Tasks = typeof import("./fixtures/tasks.mjs");
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!!why)(`terminate() and exit${why ? ` [skipped: ${why}]` : ""}`, () => {
  it("terminate() with 3,000 calls pending stops the running ones and leaves none waiting", async () => {
    const { url, port } = server as RedisServer;
    const queue = freshQueue("terminate");
    agents.push(await spawnAgent("node20", { url, queue, tag: "a", workers: 2 }));
    const pool = new Pool<Tasks>({ connection: url, queue });
    const n = 3000;
    const calls = Array.from({ length: n }, (_, i) =>
      pool.apply("sleep", [60_000, i]).catch((e: unknown) => e),
    );
    const count = (list: string) => Number(redisCli(binary, port, "LLEN", `bull:${queue}:${list}`));
    while (count("wait") < n - 2 || count("active") < 2) await pause(100);
    await pool.terminate();
    expect((await Promise.all(calls)).every((outcome) => outcome instanceof PoolClosedError)).toBe(true);
    expect(count("wait")).toBe(0);
    // The two running tasks (a minute each) are stopped on the agent, which then serves at once.
    while (count("active") > 0) await pause(100);
    const next = new Pool<Tasks>({ connection: url, queue });
    pools.push(next);
    expect(await next.apply("square", [6])).toBe(36);
    expect(count("wait")).toBe(0);
  }, 30_000);

  it("terminate() while thousands of calls are still being queued, with no agent: no job is left behind", async () => {
    const { url, port } = server as RedisServer;
    const queue = freshQueue("terminate-queued");
    const pool = new Pool<Tasks>({ connection: url, queue });
    const calls = Array.from({ length: 5000 }, (_, i) => pool.apply("square", [i]).catch((e: unknown) => e));
    while (Number(redisCli(binary, port, "LLEN", `bull:${queue}:wait`)) < 1000) await pause(20);
    await pool.terminate();
    expect((await Promise.all(calls)).every((outcome) => outcome instanceof PoolClosedError)).toBe(true);
    expect(Number(redisCli(binary, port, "LLEN", `bull:${queue}:wait`))).toBe(0);
    expect(jobHashes(binary, port, queue)).toBe(0);
  }, 30_000);

  // Driver programs on each runtime: the runtime running this file only starts them, so they run
  // once, under Node 20 (again under Deno and Bun they cost 10 s and showed nothing more).
  const elsewhere = (process.env.MULTIPROC_RUNTIME_ID ?? "node20") !== "node20";
  const runtimes: RuntimeId[] = ["node20", "deno", "bun"];
  for (const runtime of runtimes) {
    const cannot = elsewhere ? "driver programs are tested once, from Node 20" : cannotSpawn(runtime);
    it.skipIf(!!cannot)(
      `a driver program on ${runtime} that forgets close() exits once its calls are done${cannot ? ` [skipped: ${cannot}]` : ""}`,
      async () => {
        const { url } = server as RedisServer;
        const queue = freshQueue("forgetful");
        agents.push(await spawnAgent("node20", { url, queue, tag: "a", workers: 1 }));
        const [found] = selectRuntimes([runtime]);
        if (!found) throw new Error(`no runtime ${runtime}`);
        const script = new URL("./fixtures/forgetful-driver.mjs", import.meta.url).pathname;
        const index = new URL("../dist/index.js", import.meta.url).href;
        const child = spawn(found.binary, found.argv(script, [index, url, queue]), {
          stdio: ["ignore", "pipe", "pipe"],
        });
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
        });
        child.stderr.on("data", (chunk: Buffer) => {
          out += chunk.toString();
        });
        const code = await new Promise((resolve) => child.on("exit", resolve));
        expect(out.trim()).toBe("9");
        expect(code).toBe(0);
      },
      20_000,
    );
  }
});
