// ACL users through the URL, `redis://user:password@host`: a user allowed only BullMQ's keys and
// channels (`~bull:*`, `&bull:*`) serves a driver with agents on Node, Deno and Bun; a user
// without rights on them fails at once with an error that says so; the password is never printed.
import type { RuntimeId } from "@multiproc/runtimes";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MultiprocError, Pool, startAgent } from "../src/index.ts";
import { freshQueue } from "./agent-pools.ts";
import { aclUser, DEFAULT_USER_OFF, findRedis, type RedisServer, startRedis } from "./redis-server.ts";
import { cannotSpawn, type SpawnedAgent, spawnAgent } from "./spawn-agent.ts";

type Tasks = typeof import("./fixtures/tasks.mjs");
const tasks = new URL("./fixtures/tasks.mjs", import.meta.url);
const redis = findRedis();
const WORKER_PASSWORD = "acl-W0rker-pw";
const OUTSIDER_PASSWORD = "acl-0utsider-pw";
let server: RedisServer | undefined;
const urls = { worker: "", outsider: "" };
const pools: Pool[] = [];
const spawned: SpawnedAgent[] = [];
beforeAll(async () => {
  if (!("path" in redis)) return;
  server = await startRedis(redis.path, [
    ...DEFAULT_USER_OFF,
    // BullMQ's keys are "bull:<queue>:…", and so is the agents' cancel channel.
    ...aclUser("worker", WORKER_PASSWORD, "bull:*"),
    ...aclUser("outsider", OUTSIDER_PASSWORD, "other:*"),
  ]);
  urls.worker = `redis://worker:${WORKER_PASSWORD}@127.0.0.1:${server.port}`;
  urls.outsider = `redis://outsider:${OUTSIDER_PASSWORD}@127.0.0.1:${server.port}`;
});
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.terminate()));
  for (const agent of spawned.splice(0)) agent.kill("SIGKILL");
});
afterAll(() => server?.stop());

describe.skipIf("missing" in redis)(
  `ACL users${"missing" in redis ? ` [skipped: ${redis.missing}]` : ""}`,
  () => {
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
        `a user allowed only bull:* serves a driver with an agent on ${runtime}; the log masks the password${cannot ? ` [skipped: ${cannot}]` : ""}`,
        async () => {
          const queue = freshQueue(`acl-${runtime}`);
          const agent = await spawnAgent(runtime, { url: urls.worker, queue, tag: runtime, workers: 1 });
          spawned.push(agent);
          const pool = new Pool<Tasks>({ connection: urls.worker, queue });
          pools.push(pool);
          expect(await pool.apply("whereAmI", [])).toEqual({
            runtime: runtime === "node20" ? "node" : runtime,
            tag: runtime,
          });
          expect(await pool.map("square", [1, 2, 3, 4], { chunksize: 2 })).toEqual([1, 4, 9, 16]);
          expect(agent.log()).toContain("redis://***:***@127.0.0.1");
          agent.kill("SIGTERM"); // drains, and says so
          await agent.exited;
          expect(agent.log()).not.toContain(WORKER_PASSWORD);
        },
      );
    }

    it("a user without rights on bull:* fails calls and startAgent with NOPERM, not printing the password", async () => {
      const pool = new Pool<Tasks>({ connection: urls.outsider, queue: freshQueue("outsider") });
      pools.push(pool);
      const error = await pool.apply("square", [2]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MultiprocError);
      expect((error as Error).message).toMatch(/NOPERM/);
      expect((error as Error).message).not.toContain(OUTSIDER_PASSWORD);
      const refused = await startAgent({ connection: urls.outsider, queue: "outsider", module: tasks }).catch(
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(MultiprocError);
      expect((refused as Error).message).toMatch(/refused the connection: NOPERM/);
      expect((refused as Error).message).toContain("redis://***:***@127.0.0.1");
      expect((refused as Error).message).not.toContain(OUTSIDER_PASSWORD);
    });
  },
);
