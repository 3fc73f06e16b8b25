// The contender of the BullMQ rows: a driver Pool of @multiproc/bullmq in this process, with its
// own redis-server on loopback and `multiproc-agent`s of one worker each. The kind says how many
// agents: "bullmq-2" is two. `map` goes in explicit chunks: each job costs a round trip.
import type { ChildProcess } from "node:child_process";
import { Pool } from "@multiproc/bullmq";
import type { Contender } from "../contenders/contender.ts";
import { startAgents, stopAgents, warmRoundTrips } from "./agents.ts";
import type * as Tasks from "./bullmq-tasks.ts";
import { type LocalRedis, startLocalRedis } from "./redis.ts";

/** Items per job in the BullMQ rows' `map`. */
export const CHUNKSIZE = 5000;

/** The number of agents a kind names: "bullmq-4" → 4. */
export function agentsOf(kind: string): number {
  const count = Number(/^bullmq-(\d+)$/.exec(kind)?.[1]);
  if (!Number.isInteger(count) || count < 1) throw new Error(`not a BullMQ kind: ${kind}`);
  return count;
}

export { tripPools } from "./bullmq-plan.ts";

export function create(kind: string): Contender {
  const count = agentsOf(kind);
  let redis: LocalRedis | undefined;
  let agents: ChildProcess[] = [];
  let pool: Pool<typeof Tasks>;
  return {
    async start() {
      redis = await startLocalRedis();
      const queue = `bench-${process.pid}`;
      agents = await startAgents(redis.url, queue, count);
      pool = new Pool<typeof Tasks>({ connection: redis.url, queue, workers: count });
      // Every agent has answered once: as many calls at once as there are agents, twice.
      for (let i = 0; i < 2; i++) {
        await Promise.all(agents.map((_, a) => pool.apply("add", [{ a, b: 1 }])));
      }
      await warmRoundTrips((args) => pool.apply("add", [args]));
    },
    add: (args) => pool.apply("add", [args]),
    mapNumbers: (items) => pool.map("inc", items, { chunksize: CHUNKSIZE }),
    mapObjects: (items) => pool.map("add", items, { chunksize: CHUNKSIZE }),
    async stop() {
      try {
        pool.close();
        await pool.join();
      } finally {
        await stopAgents(agents);
        await redis?.stop();
      }
    },
  };
}
