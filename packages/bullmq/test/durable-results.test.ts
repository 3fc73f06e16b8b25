// Results that stay in Redis until the driver has read them: a driver that falls behind the
// trimmed event stream still gets every result once, and a Redis that restarts empty rejects
// the calls it lost with TaskLostError instead of leaving them pending for ever.
import { type ChildProcess, spawn } from "node:child_process";
import { selectRuntimes } from "@multiproc/runtimes";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Pool, TaskLostError } from "../src/index.ts";
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
/** Driver programs a test started: a failed test must not leave one stopped (SIGSTOP) for ever. */
const drivers: ChildProcess[] = [];
beforeAll(async () => {
  if (!why) server = await startRedis(binary);
});
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.terminate()));
  for (const agent of agents.splice(0)) agent.kill("SIGKILL");
  for (const driver of drivers.splice(0))
    if (driver.exitCode === null && driver.signalCode === null) driver.kill("SIGKILL");
});
afterAll(() => server?.stop());

type Tasks = typeof import("./fixtures/tasks.mjs");
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!!why)(`results kept until read${why ? ` [skipped: ${why}]` : ""}`, () => {
  // Deno's child_process never reports the exit (nor the output) of a child that was stopped and
  // continued: checked with a bare `node -e` child. The driver under test is a Node child anyway.
  const onDeno = "Deno" in globalThis;
  for (const several of [false, true]) {
    it.skipIf(onDeno)(
      `a driver paused while its results are trimmed from the event stream still gets each of them once, then removes its jobs${several ? " (calls several to a job)" : ""}${onDeno ? " [skipped on Deno: a stopped child's exit is never reported]" : ""}`,
      async () => {
        const { url, port } = server as RedisServer;
        const queue = freshQueue("trimmed");
        agents.push(await spawnAgent("node20", { url, queue, tag: "a", workers: 2 }));
        const [node] = selectRuntimes(["node20"]);
        if (!node) throw new Error("no node20");
        const n = 1500;
        const dist = new URL("../dist", import.meta.url).href;
        const script = new URL("./fixtures/lagging-driver.mjs", import.meta.url).pathname;
        const driver = spawn(
          node.binary,
          node.argv(script, [dist, url, queue, String(n), ...(several ? ["several"] : [])]),
          {
            stdio: ["ignore", "pipe", "inherit"],
          },
        );
        drivers.push(driver);
        const exited = new Promise((resolve) => driver.on("exit", resolve));
        let out = "";
        await new Promise<void>((resolve) =>
          driver.stdout.on("data", (chunk: Buffer) => {
            out += chunk.toString();
            if (out.includes("started")) resolve();
          }),
        );
        driver.kill("SIGSTOP"); // paused (or cut off) while the agent finishes every job
        const count = (list: string) => Number(redisCli(binary, port, "LLEN", `bull:${queue}:${list}`));
        while (count("wait") + count("active") > 0) await pause(100);
        // The jobs finished and unread: about one per call, or far fewer, each holding several
        // calls, but still many more than the stream keeps events for.
        const jobs = Number(redisCli(binary, port, "ZCARD", `bull:${queue}:completed`));
        if (several) expect(jobs).toBeLessThan(n / 2);
        else expect(jobs).toBeGreaterThan(n / 2);
        expect(jobs).toBeGreaterThan(100);
        expect(Number(redisCli(binary, port, "XLEN", `bull:${queue}:events`))).toBeLessThan(n / 2);
        driver.kill("SIGCONT");
        expect(await exited).toBe(0);
        expect(JSON.parse(out.slice(out.indexOf("{")))).toEqual({ right: true, once: true, n });
        expect(jobHashes(binary, port, queue)).toBe(0);
      },
      30_000,
    );
  }

  it("Redis restarted empty: the calls it lost reject with TaskLostError, join() returns, and new calls work", async () => {
    const own = await startRedis(binary);
    try {
      const queue = freshQueue("restart");
      const agent = await spawnAgent("node20", { url: own.url, queue, tag: "a", workers: 1 });
      agents.push(agent);
      const pool = new Pool<Tasks>({ connection: own.url, queue });
      pools.push(pool);
      expect(await pool.apply("square", [4])).toBe(16);
      const calls = [1, 2, 3].map((i) => pool.apply("sleep", [1500, i]).catch((error: unknown) => error));
      while (Number(redisCli(binary, own.port, "LLEN", `bull:${queue}:active`)) === 0) await pause(50);
      await own.stop();
      const again = await startRedis(binary, ["--port", String(own.port)]);
      own.stop = again.stop;
      for (const outcome of await Promise.all(calls)) {
        expect(outcome).toBeInstanceOf(TaskLostError);
        expect((outcome as Error).message).toMatch(/Redis lost the task/);
      }
      expect(await pool.apply("square", [5])).toBe(25);
      pool.close();
      await pool.join();
    } finally {
      await own.stop();
    }
  }, 30_000);
});
