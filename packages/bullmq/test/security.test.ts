// What a job can make an agent do (only the named exports of its own module), payload limits,
// and connection secrets that are never printed.
import { Queue, QueueEvents, Worker } from "bullmq";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { decode } from "../src/codec.ts";
import {
  type Agent,
  InvalidArgumentError,
  MultiprocError,
  PayloadTooLargeError,
  Pool,
  SerializationError,
  startAgent,
  UnknownTaskError,
} from "../src/index.ts";
import { type Envelope, open, reviveError } from "../src/wire.ts";
import { freshQueue } from "./agent-pools.ts";
import { aclUser, DEFAULT_USER_OFF, findRedis, type RedisServer, startRedis } from "./redis-server.ts";
import { cannotSpawn, spawnAgent } from "./spawn-agent.ts";

const tasks = new URL("./fixtures/tasks.mjs", import.meta.url);
const redis = findRedis();
const PASSWORD = "s3cret-Pa55";
let server: RedisServer | undefined;
let url = "";
const agents: Agent[] = [];
const pools: Pool[] = [];
beforeAll(async () => {
  if (!("path" in redis)) return;
  // An ACL user with a password; the default user is off, so nothing works without them.
  server = await startRedis(redis.path, [...DEFAULT_USER_OFF, ...aclUser("alice", PASSWORD)]);
  url = `redis://alice:${PASSWORD}@127.0.0.1:${server.port}`;
});
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.terminate()));
  await Promise.all(agents.splice(0).map((agent) => agent.terminate()));
});
afterAll(() => server?.stop());

async function setUp(agentOptions: { maxPayload?: number } = {}, poolOptions: { maxPayload?: number } = {}) {
  const queue = freshQueue("security");
  agents.push(await startAgent({ connection: url, queue, module: tasks, workers: 1, ...agentOptions }));
  const pool = new Pool<typeof import("./fixtures/tasks.mjs")>({ connection: url, queue, ...poolOptions });
  pools.push(pool);
  return { pool, queue };
}

describe.skipIf("missing" in redis)(
  `security${"missing" in redis ? ` [skipped: ${redis.missing}]` : ""}`,
  () => {
    it("an ACL user and password in the URL work", async () => {
      const { pool } = await setUp();
      expect(await pool.apply("square", [12])).toBe(144);
    });

    it("a name that is not an export of the agent's module is UnknownTaskError, whatever it names", async () => {
      const { pool } = await setUp();
      for (const name of ["cube", "constructor", "__proto__", "toString", "eval", "import", "node:fs"]) {
        const error = await (pool as unknown as Pool).apply(name, []).catch((e: unknown) => e);
        expect(error, name).toBeInstanceOf(UnknownTaskError);
      }
      expect(await pool.apply("square", [3])).toBe(9);
    });

    it("a job written into the queue by hand runs only as data: no code, no other module", async () => {
      const { queue } = await setUp();
      const raw = new Queue(queue, { connection: { url } as never });
      const events = new QueueEvents(queue, { connection: { url } as never });
      await events.waitUntilReady();
      try {
        const outcome = async (data: unknown) => {
          const job = await raw.add("x", data);
          const envelope = (await job.waitUntilFinished(events, 10_000)) as Envelope;
          try {
            return open(envelope);
          } catch (error) {
            return error;
          }
        };
        const source = { f: "eval", a: ["globalThis.pwned = 1"], c: 0 };
        expect(await outcome(source)).toBeInstanceOf(UnknownTaskError);
        const moduleName = {
          f: "square",
          a: [{ $: "E", c: "Function", n: "x", m: "return 1", s: null, p: {} }],
          c: 0,
        };
        expect(await outcome(moduleName)).toBeNaN(); // an "error" in the arguments is data: square(Error) is NaN
        expect(await outcome({ nothing: true })).toBeInstanceOf(InvalidArgumentError);
        expect(await outcome({ f: "echo", a: [{ __proto__: { polluted: true } }], c: 0 })).toEqual({});
        expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
        expect(await outcome({ f: "echo", a: { $: "zz" }, c: 0 })).toBeInstanceOf(Error);
        // A job of several calls is data too: each call alone, by export name.
        const batch = await raw.add("x", { b: [source, { f: "square", a: [3], c: 0 }, null] });
        const reply = (await batch.waitUntilFinished(events, 10_000)) as { b: Envelope[] };
        const each = reply.b.map((envelope) => {
          try {
            return open(envelope);
          } catch (error) {
            return error;
          }
        });
        expect(each[0]).toBeInstanceOf(UnknownTaskError);
        expect(each[1]).toBe(9);
        expect(each[2]).toBeInstanceOf(InvalidArgumentError);
        expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
      } finally {
        await events.close();
        await raw.close();
      }
    });

    it("a reply that is no outcome (a foreign worker on the queue) fails the call, never the driver", async () => {
      const queue = freshQueue("foreign");
      const pool = new Pool<typeof import("./fixtures/tasks.mjs")>({ connection: url, queue });
      pools.push(pool);
      const replies: unknown[] = [null, 7, { b: "not a list" }, { nothing: true }];
      const foreign = new Worker(queue, async () => replies.shift(), { connection: { url } as never });
      try {
        const outcomes = await Promise.all(
          [1, 2, 3, 4].map((x) => pool.apply("square", [x], { timeout: 10_000 }).catch((e: unknown) => e)),
        );
        for (const outcome of outcomes) expect(outcome).toBeInstanceOf(MultiprocError);
        expect((outcomes[0] as Error).message).toMatch(/reply is not an outcome/);
        expect((outcomes[1] as Error).message).toMatch(/reply is not an outcome/);
        expect((outcomes[2] as Error).message).toMatch(/reply has no outcome for this call/);
        expect((outcomes[3] as Error).message).toMatch(/reply has no outcome for this call/);
      } finally {
        await foreign.close();
      }
    });

    it("arguments over maxPayload reject with PayloadTooLargeError; the pool goes on", async () => {
      const { pool } = await setUp({}, { maxPayload: 1000 });
      const error = await pool.apply("echo", ["x".repeat(2000)]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PayloadTooLargeError);
      expect(error).toBeInstanceOf(SerializationError);
      expect((error as PayloadTooLargeError).direction).toBe("arguments");
      expect((error as Error).message).toMatch(/over the limit of 1000 \(maxPayload\)/);
      expect(await pool.apply("echo", ["small"])).toBe("small");
    });

    it("a result over the agent's maxPayload rejects with PayloadTooLargeError", async () => {
      const { pool } = await setUp({ maxPayload: 1000 });
      const error = await pool.apply("big", [5000]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PayloadTooLargeError);
      expect((error as PayloadTooLargeError).direction).toBe("result");
      expect(await pool.apply("big", [10])).toBe("x".repeat(10));
    });

    it("a wrong password fails calls and agents with a clear error that does not print it", async () => {
      const wrong = url.replace(PASSWORD, "not-the-password");
      const pool = new Pool({ connection: wrong, queue: freshQueue("wrong") });
      pools.push(pool);
      const error = await pool.apply("square", [1]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MultiprocError);
      expect((error as Error).message).toMatch(/refused the connection: WRONGPASS/);
      expect((error as Error).message).not.toContain("not-the-password");
      await expect(pool.apply("square", [1])).rejects.toThrow(/refused the connection/);
      const agentError = await startAgent({ connection: wrong, queue: "q", module: tasks }).catch(
        (e: unknown) => e,
      );
      expect((agentError as Error).message).toMatch(/refused the connection/);
      expect((agentError as Error).message).toContain("redis://***:***@127.0.0.1");
    });

    it("the URL's user and password appear in no error message", () => {
      const secretUrl = `http://alice:${PASSWORD}@example.com/`;
      const error = (() => {
        try {
          new Pool({ connection: secretUrl, queue: "q" });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message).not.toContain(PASSWORD);
      expect((error as Error).message).not.toContain("alice");
      expect((error as Error).message).toContain("***");
    });

    it.skipIf(!!cannotSpawn("node20"))("the agent's log shows the URL with its secrets masked", async () => {
      const agent = await spawnAgent("node20", { url, queue: freshQueue("log"), tag: "log" });
      try {
        expect(agent.log()).toContain("redis://***:***@127.0.0.1");
        expect(agent.log()).not.toContain(PASSWORD);
      } finally {
        agent.kill("SIGTERM");
        const { code } = await agent.exited;
        expect(agent.log()).toContain("draining"); // SIGTERM drains, then the agent exits
        // Deno's child_process reports the signal it sent rather than the child's exit code 0.
        if (!("Deno" in globalThis)) expect(code).toBe(0);
        expect(agent.log()).not.toContain(PASSWORD);
      }
    });
  },
);

// The codec's errors in isolation: a revived core error keeps its class.
it("decode revives multiproc's error classes by name", () => {
  const wire = {
    $: "E",
    c: "UnknownTaskError",
    n: "UnknownTaskError",
    m: "no",
    s: null,
    p: { available: ["a"] },
  };
  const error = decode(wire, reviveError);
  expect(error).toBeInstanceOf(UnknownTaskError);
  expect((error as UnknownTaskError).available).toEqual(["a"]);
});
