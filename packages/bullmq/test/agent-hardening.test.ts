// An agent that keeps its secrets (nothing public holds the URL), stops when told during a
// start-up that waits for Redis, and sends back errors within maxPayload and as the class they were.
import { spawn } from "node:child_process";
import { inspect } from "node:util";
import { type RuntimeId, selectRuntimes } from "@multiproc/runtimes";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Agent, Pool, startAgent } from "../src/index.ts";
import { freshQueue } from "./agent-pools.ts";
import { aclUser, DEFAULT_USER_OFF, findRedis, type RedisServer, startRedis } from "./redis-server.ts";
import { bin, cannotSpawn, spawnAgent, tasks } from "./spawn-agent.ts";

const redis = findRedis();
const PASSWORD = "s3cret-Pa55";
let server: RedisServer | undefined;
let url = "";
const agents: Agent[] = [];
const pools: Pool[] = [];
beforeAll(async () => {
  if (!("path" in redis)) return;
  server = await startRedis(redis.path, [...DEFAULT_USER_OFF, ...aclUser("alice", PASSWORD)]);
  url = `redis://alice:${PASSWORD}@127.0.0.1:${server.port}`;
});
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.terminate()));
  await Promise.all(agents.splice(0).map((agent) => agent.terminate()));
});
afterAll(() => server?.stop());

async function setUp(maxPayload?: number) {
  const queue = freshQueue("hardening");
  const agent = await startAgent({ connection: url, queue, module: tasks, workers: 1, maxPayload });
  agents.push(agent);
  const pool = new Pool<typeof import("./fixtures/tasks.mjs")>({ connection: url, queue });
  pools.push(pool);
  return { agent, pool };
}

describe.skipIf("missing" in redis)(
  `agent hardening${"missing" in redis ? ` [skipped: ${redis.missing}]` : ""}`,
  () => {
    it("an agent shows no password when inspected or turned into JSON", async () => {
      const { agent, pool } = await setUp();
      expect(await pool.apply("square", [3])).toBe(9);
      expect(inspect(agent, { depth: 10, showHidden: true })).not.toContain(PASSWORD);
      const json = JSON.stringify(agent);
      expect(json).not.toContain(PASSWORD);
      expect(JSON.parse(json)).toMatchObject({ connection: `redis://***:***@127.0.0.1:${server?.port}` });
      expect(Object.keys(agent)).toEqual(["runtime"]);
    });

    it("an error over the agent's maxPayload comes back cut, saying so", async () => {
      const { pool } = await setUp(1000);
      const error = (await pool.apply("fail", ["x".repeat(200_000)]).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(Error);
      expect(error.message).toMatch(/^x+ \[truncated: the error was \d+ characters encoded/);
      expect(error.message.length).toBeLessThan(1000);
      expect(await pool.apply("square", [4])).toBe(16);
    });

    it("errors keep their cause; a class named like Object.prototype's members is a plain Error", async () => {
      const { pool } = await setUp();
      const back = (await pool.apply("echo", [
        new Error("outer", { cause: new TypeError("inner") }),
      ])) as Error;
      // A Bun agent runs the task in a Bun worker, whose messaging drops `cause` (a local Bun pool too).
      if ("Bun" in globalThis) expect(back.message).toBe("outer");
      else expect(back.cause).toBeInstanceOf(TypeError);
      for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
        const Named = class extends Error {};
        Object.defineProperty(Named, "name", { value: name });
        const echoed = await pool.apply("echo", [new Named("msg")]);
        expect(Object.getPrototypeOf(echoed), name).toBe(Error.prototype);
        expect((echoed as Error).message).toBe("msg");
      }
    });

    it.skipIf(!!cannotSpawn("node20"))(
      "a password in the URL's query string is masked in the agent's log",
      async () => {
        const port = server?.port;
        const queryUrl = `redis://127.0.0.1:${port}/?username=alice&password=${PASSWORD}`;
        const agent = await spawnAgent("node20", {
          url: queryUrl,
          queue: freshQueue("query"),
          tag: "query",
          workers: 1,
        });
        try {
          expect(agent.log()).toContain("?username=***&password=***");
          expect(agent.log()).not.toContain(PASSWORD);
        } finally {
          agent.kill("SIGTERM");
          await agent.exited;
        }
      },
    );
  },
);

// Agents started as programs on each runtime: the runtime running this file plays no part, so
// they run once, under Node 20 (running them again under Deno and Bun cost 20 s and showed nothing).
const elsewhere = (process.env.MULTIPROC_RUNTIME_ID ?? "node20") !== "node20";

describe("a signal while Redis is not there at start-up", () => {
  for (const runtime of ["node20", "deno", "bun"] as RuntimeId[]) {
    const why = elsewhere ? "agent programs are tested once, from Node 20" : cannotSpawn(runtime);
    it.skipIf(!!why)(
      `stops the half-started agent on ${runtime}${why ? ` [skipped: ${why}]` : ""}`,
      async () => {
        const [found] = selectRuntimes([runtime]);
        if (!found) throw new Error(`no runtime ${runtime}`);
        const unreachable = `redis://alice:${PASSWORD}@127.0.0.1:1/?password=${PASSWORD}`;
        const args = ["--connection", unreachable, "--queue", "q", "--module", tasks, "--workers", "1"];
        const child = spawn(found.binary, found.argv(bin, args), {
          stdio: ["ignore", "ignore", "pipe"],
          detached: true, // a process group of its own: Deno and Bun may start through a wrapper
        });
        let log = "";
        const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
        await new Promise<void>((resolve, reject) => {
          child.stderr?.on("data", (chunk: Buffer) => {
            log += chunk.toString();
            if (log.includes("waiting for Redis at")) resolve();
          });
          exited.then(() => reject(new Error(`the agent ended before it said it waits: ${log}`)));
        });
        process.kill(-(child.pid as number), "SIGTERM");
        const code = await exited;
        expect(log).toContain("SIGTERM during start-up: stopping");
        expect(log).toContain("waiting for Redis at redis://***:***@127.0.0.1:1/?password=***");
        expect(log).not.toContain(PASSWORD);
        // A Node agent ends with 0; Deno and Bun may start through a wrapper whose code tells less.
        if (runtime === "node20") expect(code).toBe(0);
      },
      30_000,
    );
  }
});
