// The conformance suite against a driver Pool whose agent (in this process, on this runtime)
// runs the suite's module and options: the same behaviour as a local pool, over Redis.
import { testAdapter } from "@multiproc/conformance";
import { afterAll, beforeAll, describe } from "vitest";
import { localAdapter, poolWithAgent } from "./agent-pools.ts";
import { findRedis, type RedisServer, startRedis } from "./redis-server.ts";

const redis = findRedis();
let server: RedisServer | undefined;
beforeAll(async () => {
  if ("path" in redis) server = await startRedis(redis.path);
});
afterAll(() => server?.stop());

const skipped = "missing" in redis ? ` [skipped: ${redis.missing}]` : "";
describe.skipIf("missing" in redis)(`BullMQ pool${skipped}`, () => {
  for (const kind of ["thread", "process"] as const) {
    testAdapter({
      name: "bullmq (driver + in-process agent)",
      // The agents' workers are this runtime's: their capabilities are its adapter's.
      adapter: localAdapter,
      kind,
      makePool: (options) => poolWithAgent((server as RedisServer).url, options),
      unsupported: {
        process: "a pool across hosts has no Process: use the Process of the adapter on one host",
        workerEvents:
          "the workers are the agents', on other hosts: the driver neither counts them nor hears of them",
        eagerDispatch:
          "a call goes to Redis first: aborted at once, it is removed before any agent takes it, and no worker is replaced",
      },
    });
  }
});
