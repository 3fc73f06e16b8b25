// A Node, Deno or Bun driver with agents on the other runtimes, as child processes running the
// built bin: one queue served by Bun and Deno agents at once, and values that cross each way.
import type { RuntimeId } from "@multiproc/runtimes";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Pool, TaskError } from "../src/index.ts";
import { freshQueue } from "./agent-pools.ts";
import { addedJobNames } from "./redis-cli.ts";
import { findRedis, type RedisServer, startRedis } from "./redis-server.ts";
import { cannotSpawn, type SpawnedAgent, spawnAgent } from "./spawn-agent.ts";
import { untilBatching } from "./warm-up.ts";

const redis = findRedis();
const binary = "path" in redis ? redis.path : "";
const runtimes: RuntimeId[] = ["node20", "deno", "bun"];
const why =
  "missing" in redis ? redis.missing : runtimes.map(cannotSpawn).find((reason) => reason !== undefined);
let server: RedisServer | undefined;
const agents: SpawnedAgent[] = [];
const pools: Pool[] = [];
beforeAll(async () => {
  if ("path" in redis && !why) server = await startRedis(redis.path);
});
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.terminate()));
  for (const agent of agents.splice(0)) agent.kill("SIGKILL");
});
afterAll(() => server?.stop());

type Tasks = typeof import("./fixtures/tasks.mjs");

async function poolServedBy(...on: RuntimeId[]): Promise<Pool<Tasks>> {
  const url = (server as RedisServer).url;
  const queue = freshQueue("mixed");
  agents.push(...(await Promise.all(on.map((runtime) => spawnAgent(runtime, { url, queue, tag: runtime })))));
  const pool = new Pool<Tasks>({ connection: url, queue, workers: 2 * on.length });
  pools.push(pool);
  return pool;
}

const value = () => ({
  map: new Map<unknown, unknown>([
    ["a", 1],
    [2, { b: [3] }],
  ]),
  set: new Set([1, "x"]),
  date: new Date("2020-06-25T12:00:00Z"),
  bytes: new Uint8Array([1, 2, 255]),
  floats: new Float64Array([0.5, -1]),
  bigs: new BigInt64Array([-(2n ** 60n)]),
  buffer: new Uint16Array([7, 8]).buffer,
  big: 2n ** 70n,
  nested: { deep: { deeper: [null, undefined, true, "s"] }, $: "a dollar key" },
  special: [Number.NaN, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
  regexp: /a+b/gi,
  error: new TypeError("inside"),
});

describe.skipIf(!!why)(`agents on other runtimes${why ? ` [skipped: ${why}]` : ""}`, () => {
  it("one queue served by a Bun agent and a Deno agent: both take calls, results come back in order", async () => {
    const pool = await poolServedBy("bun", "deno");
    const results = await pool.map(
      "slowWhere",
      Array.from({ length: 40 }, () => 20),
      { chunksize: 1 },
    );
    expect(results).toHaveLength(40);
    expect(new Set(results.map((r) => r.agent))).toEqual(new Set(["bun", "deno"]));
    expect(
      await pool.starmap("add", [
        [1, 2],
        [3, 4],
      ]),
    ).toEqual([3, 7]);
  }, 60_000);

  for (const runtime of runtimes) {
    it(`values round-trip through an agent on ${runtime}: Map, Set, Date, typed arrays, bigint, errors`, async () => {
      const pool = await poolServedBy(runtime);
      expect(await pool.apply("whereAmI")).toEqual({ runtime: runtime.replace(/\d+$/, ""), tag: runtime });
      const sent = value();
      const back = (await pool.apply("echo", [sent])) as ReturnType<typeof value>;
      const { error, ...rest } = back;
      const { error: sentError, ...sentRest } = sent;
      expect(rest).toEqual(sentRest);
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toBe("inside");
      expect(error.stack).toBe(sentError.stack);
      const thrown = await pool.apply("fail", ["from afar"]).catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(TaskError);
      expect((thrown as Error).name).toBe("RangeError");
      expect((thrown as Error).stack).toMatch(/fail/);
    }, 60_000);

    it(`quick calls submitted together travel several to a job through an agent on ${runtime}, each settling on its own`, async () => {
      const pool = await poolServedBy(runtime);
      const { port } = server as RedisServer;
      const { queue } = pool.options;
      const jobNames = () => addedJobNames(binary, port, queue);
      await untilBatching(pool, jobNames);
      const before = jobNames().length;
      const outcomes = await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          (i === 150 ? pool.apply("fail", ["one of many"]) : pool.apply("square", [i])).catch(
            (e: unknown) => e,
          ),
        ),
      );
      for (const [i, outcome] of outcomes.entries()) if (i !== 150) expect(outcome).toBe(i * i);
      expect(outcomes[150]).toBeInstanceOf(TaskError);
      expect((outcomes[150] as Error).message).toBe("one of many");
      const added = jobNames().slice(before);
      expect(added).toContain("batch");
      expect(added.length).toBeLessThan(300 / 2);
    }, 90_000);
  }
});
