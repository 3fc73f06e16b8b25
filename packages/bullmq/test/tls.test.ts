// rediss://: a Redis that speaks only TLS, with a certificate signed by a CA of the test's own and
// an ACL user. The driver trusts the CA through `tlsCa`, agents on Node, Deno and Bun through
// `--tls-ca FILE`; without it the certificate is refused at once, and the password is never printed.
import type { RuntimeId } from "@multiproc/runtimes";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseAgentArgs } from "../src/cli-args.ts";
import { type Agent, InvalidArgumentError, MultiprocError, Pool, startAgent } from "../src/index.ts";
import { freshQueue } from "./agent-pools.ts";
import { aclUser, DEFAULT_USER_OFF, findRedis } from "./redis-server.ts";
import { cannotSpawn, type SpawnedAgent, spawnAgent } from "./spawn-agent.ts";
import { cannotRunTls, startTlsRedis, type TlsRedisServer } from "./tls-server.ts";

type Tasks = typeof import("./fixtures/tasks.mjs");
const tasks = new URL("./fixtures/tasks.mjs", import.meta.url);
const redis = findRedis();
const why = "missing" in redis ? redis.missing : cannotRunTls(redis.path);
const PASSWORD = "tls-Pa55-w0rd";
let server: TlsRedisServer | undefined;
let url = "";
const pools: Pool[] = [];
const agents: Agent[] = [];
const spawned: SpawnedAgent[] = [];
beforeAll(async () => {
  if (why || !("path" in redis)) return;
  server = await startTlsRedis(redis.path, [...DEFAULT_USER_OFF, ...aclUser("alice", PASSWORD)]);
  url = `rediss://alice:${PASSWORD}@127.0.0.1:${server.port}`;
});
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.terminate()));
  await Promise.all(agents.splice(0).map((agent) => agent.terminate()));
  for (const agent of spawned.splice(0)) agent.kill("SIGKILL");
});
afterAll(() => server?.stop());

const driver = (queue: string, tlsCa?: string) => {
  const pool = new Pool<Tasks>({ connection: url, queue, ...(tlsCa ? { tlsCa } : {}) });
  pools.push(pool);
  return pool;
};

describe.skipIf(why !== undefined)(`rediss:// with a CA of its own${why ? ` [skipped: ${why}]` : ""}`, () => {
  it("a driver and an agent trusting the CA through tlsCa run calls, with an ACL user and password", async () => {
    const queue = freshQueue("tls");
    const ca = (server as TlsRedisServer).ca;
    agents.push(await startAgent({ connection: url, queue, module: tasks, workers: 1, tlsCa: [ca] }));
    const pool = driver(queue, ca);
    expect(await pool.apply("square", [12])).toBe(144);
    expect(await pool.map("square", [1, 2, 3], { chunksize: 2 })).toEqual([1, 4, 9]);
  });

  // The driver here runs on this file's runtime, the agent on its own. Under Node 20 every agent
  // runtime is tested; under Deno or Bun only the agent on the same runtime (the driver's side
  // is what changes; the other agents were tested from Node 20).
  const host = process.env.MULTIPROC_RUNTIME_ID ?? "node20";
  for (const runtime of ["node20", "deno", "bun"] as RuntimeId[]) {
    const cannot =
      host !== "node20" && runtime !== host
        ? `agents on ${runtime} are tested from Node 20`
        : cannotSpawn(runtime);
    it.skipIf(cannot !== undefined)(
      `an agent on ${runtime} started with --tls-ca FILE serves the driver; its log masks the password${cannot ? ` [skipped: ${cannot}]` : ""}`,
      async () => {
        const queue = freshQueue(`tls-${runtime}`);
        const agent = await spawnAgent(runtime, {
          url,
          queue,
          tag: runtime,
          workers: 1,
          args: ["--tls-ca", (server as TlsRedisServer).caFile],
        });
        spawned.push(agent);
        const pool = driver(queue, (server as TlsRedisServer).ca);
        const where = await pool.apply("whereAmI", []);
        expect(where).toEqual({ runtime: runtime === "node20" ? "node" : runtime, tag: runtime });
        expect(agent.log()).toContain(`rediss://***:***@127.0.0.1:${(server as TlsRedisServer).port}`);
        agent.kill("SIGTERM"); // drains, and says so
        await agent.exited;
        expect(agent.log()).not.toContain(PASSWORD);
      },
    );
  }

  it("without the CA, or trusting another, calls and startAgent fail at once with an error naming tlsCa, not the password", async () => {
    const { otherCa } = server as TlsRedisServer;
    for (const tlsCa of [undefined, otherCa]) {
      const error = await driver(freshQueue("untrusted"), tlsCa)
        .apply("square", [2])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MultiprocError);
      expect((error as Error).message).toMatch(
        /TLS certificate of Redis at rediss:\/\/\*\*\*:\*\*\*@127\.0\.0\.1:\d+\/? is not trusted .*tlsCa/,
      );
      expect((error as Error).message).not.toContain(PASSWORD);
      const refused = await startAgent({ connection: url, queue: "untrusted", module: tasks, tlsCa }).catch(
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(MultiprocError);
      expect((refused as Error).message).toMatch(/not trusted/);
      expect((refused as Error).message).not.toContain(PASSWORD);
    }
  });

  it.skipIf(cannotSpawn("node20") !== undefined)(
    "an agent without --tls-ca exits with the reason, and does not print the password",
    async () => {
      const failed = await spawnAgent("node20", {
        url,
        queue: freshQueue("untrusted"),
        tag: "untrusted",
      }).catch((e: unknown) => e);
      expect((failed as Error).message).toMatch(/ended \(1\).*TLS certificate .* is not trusted/s);
      expect((failed as Error).message).not.toContain(PASSWORD);
    },
  );
});

describe("the tlsCa option", () => {
  const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  it("must be PEM text, with a rediss:// URL: otherwise InvalidArgumentError before connecting", async () => {
    const secure = `rediss://alice:${PASSWORD}@127.0.0.1:6380`;
    for (const [connection, tlsCa, message] of [
      [secure, "/etc/ssl/ca.pem", /PEM text .* not a path/],
      [secure, [], /PEM text/],
      [secure, [pem, 42], /PEM text/],
      [
        `redis://alice:${PASSWORD}@127.0.0.1:6379`,
        pem,
        /use a rediss:\/\/ URL, not redis:\/\/\*\*\*:\*\*\*@/,
      ],
    ] as const) {
      expect(() => new Pool({ connection, queue: "q", tlsCa: tlsCa as never })).toThrow(InvalidArgumentError);
      expect(() => new Pool({ connection, queue: "q", tlsCa: tlsCa as never })).toThrow(message);
      await expect(
        startAgent({ connection, queue: "q", module: tasks, tlsCa: tlsCa as never }),
      ).rejects.toThrow(message);
    }
    try {
      new Pool({ connection: `redis://alice:${PASSWORD}@h:1`, queue: "q", tlsCa: pem });
    } catch (error) {
      expect((error as Error).message).not.toContain(PASSWORD);
    }
  });

  it("multiproc-agent --tls-ca reads the file, and says so when it cannot", () => {
    const args = ["--connection", "rediss://h:6380", "--queue", "q", "--module", "./t.js"];
    expect(() => parseAgentArgs([...args, "--tls-ca", "no-such-ca.pem"], "/nowhere")).toThrow(
      /--tls-ca: cannot read no-such-ca.pem \(ENOENT\)/,
    );
    const parsed = parseAgentArgs(
      [...args, "--tls-ca", new URL("./fixtures/tasks.mjs", import.meta.url).pathname],
      "/",
    );
    expect(parsed).toMatchObject({ tlsCa: expect.stringContaining("export const square") });
  });
});
