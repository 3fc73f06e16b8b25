// The agent runs tasks through the adapter of the runtime it finds itself on, so crashes,
// timeouts, maxTasksPerWorker and the initializer behave exactly as in a local pool.
import { type PoolOptions, WorkerStartError } from "@multiproc/core";
import type { Adapter, Pool } from "@multiproc/core/adapter";

/** The runtimes an agent runs on. */
export type AgentRuntime = "node" | "deno" | "bun";

/** The runtime's adapter package: its name, its adapter object and its Pool class. */
export interface LocalAdapter {
  runtime: AgentRuntime;
  adapter: Adapter;
  Pool: new (options: PoolOptions) => Pool;
}

/** The runtime this code runs on. */
export function currentRuntime(): AgentRuntime {
  const g = globalThis as { Deno?: unknown; Bun?: unknown };
  if (g.Bun) return "bun";
  if (g.Deno) return "deno";
  return "node";
}

/** Imports @multiproc/node, /deno or /bun, whichever matches the runtime (an optional peer dependency). */
export async function loadLocalAdapter(): Promise<LocalAdapter> {
  const runtime = currentRuntime();
  try {
    // Not typed through the adapter packages: their sources use the globals of their own runtime.
    const [main, subpath] = await Promise.all([
      import(`@multiproc/${runtime}` as string) as Promise<{ Pool: LocalAdapter["Pool"] }>,
      import(`@multiproc/${runtime}/adapter` as string) as Promise<Record<string, Adapter>>,
    ]);
    return { runtime, adapter: subpath[`${runtime}Adapter`] as Adapter, Pool: main.Pool };
  } catch (error) {
    throw new WorkerStartError(
      `the agent runs on ${runtime} and needs @multiproc/${runtime} installed beside @multiproc/bullmq`,
      {},
      error,
    );
  }
}
