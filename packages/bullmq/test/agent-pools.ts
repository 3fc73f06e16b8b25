// Pools for tests: a driver Pool on its own queue, with an in-process agent started from the
// test's module and options and stopped with the pool (join → close, terminate → terminate).

import type { AnyPool } from "@multiproc/conformance";
import type { PoolOptions } from "@multiproc/core";
import { checkAgentOptions } from "../src/agent-options.ts";
import { type Agent, Pool, startAgent } from "../src/index.ts";
import { loadLocalAdapter } from "../src/local-adapter.ts";

/** The adapter of the runtime these tests run on: the one the in-process agents use. */
export const { adapter: localAdapter } = await loadLocalAdapter();

let queues = 0;

/** A unique queue name for this test process. */
export function freshQueue(prefix = "test"): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${++queues}`;
}

/**
 * A driver pool with one in-process agent running `options` (module, workers, kind, …). Its
 * `workerCount` is the agent's: the driver alone sees no worker.
 */
export function poolWithAgent(url: string, options: PoolOptions, lockMs?: number): AnyPool {
  const queue = freshQueue("conformance");
  const { workers, concurrency, maxQueue } = options;
  // Checked here, synchronously, as a local pool checks them in its constructor.
  checkAgentOptions({ ...options, connection: url, queue, lockMs }, localAdapter);
  const pool = new Pool({ connection: url, queue, workers, concurrency, maxQueue });
  let agent: Agent | undefined;
  const starting = startAgent({ ...options, connection: url, queue, lockMs }).then((started) => {
    agent = started;
    return started;
  });
  starting.catch((error: unknown) => console.error("test agent did not start:", error));
  const join = pool.join.bind(pool);
  const terminate = pool.terminate.bind(pool);
  Object.defineProperties(pool, {
    workerCount: { get: () => agent?.workerCount ?? 0 },
    join: {
      value: async () => {
        await join();
        await (await starting).close();
      },
    },
    terminate: {
      value: async () => {
        await terminate();
        await (await starting).terminate();
      },
    },
  });
  return pool;
}
