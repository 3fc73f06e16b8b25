// What every group of conformance tests shares: the adapter under test, pools and processes
// made for it (terminated after each test, so a failing test leaks no worker), and skips that
// carry the adapter's stated reason.
import type { PoolOptions, ProcessOptions, WorkerKind } from "@multiproc/core";
import { type Adapter, Pool, Process } from "@multiproc/core/adapter";
import { afterEach, it } from "vitest";

/** Behaviours an adapter may lack; it states why, and those tests show as skipped with that reason. */
export type Capability =
  /** A worker can die mid-task (exit, crash) and be told apart from a task failure. */
  | "crash"
  /** A task in a synchronous loop can be ended by timeout or abort. */
  | "hardTimeout"
  /** Workers are processes that signals can kill (SIGKILL from inside). */
  | "signals"
  /** Workers replaced after `maxTasksPerWorker` tasks. */
  | "maxTasksPerWorker"
  /** The Process API (an engine that only provides pools leaves it to its adapter). */
  | "process";

export interface ConformanceTarget {
  adapter: Adapter;
  kind: WorkerKind;
  unsupported?: Partial<Record<Capability, string>>;
  /** Makes the pools under test, for an engine other than the default; gets the suite's options. */
  makePool?: (options: PoolOptions) => Pool;
}

export const fixtures = {
  tasks: new URL("../fixtures/tasks.mjs", import.meta.url),
  throwsOnImport: new URL("../fixtures/throws-on-import.mjs", import.meta.url),
  missing: new URL("../fixtures/no-such-module.mjs", import.meta.url),
};

export class Context {
  readonly #pools: Pool[] = [];
  readonly #processes: Process[] = [];

  constructor(readonly target: ConformanceTarget) {
    afterEach(async () => {
      for (const p of this.#processes.splice(0)) p.kill();
      await Promise.all(this.#pools.splice(0).map((pool) => pool.terminate()));
    });
  }

  get adapter(): Adapter {
    return this.target.adapter;
  }

  get kind(): WorkerKind {
    return this.target.kind;
  }

  /** A pool of the fixture tasks, of the kind under test. */
  pool(options: Partial<PoolOptions> = {}): Pool {
    const pool = this.makePool({ module: fixtures.tasks, kind: this.kind, workers: 2, ...options });
    this.#pools.push(pool);
    return pool;
  }

  /** A pool as the adapter (or the engine under test) makes it, not tracked for cleanup. */
  makePool(options: PoolOptions): Pool {
    return this.target.makePool?.(options) ?? new Pool(options, this.adapter);
  }

  process(options: Omit<ProcessOptions, "module"> & { module?: string | URL }): Process {
    const p = new Process({ module: fixtures.tasks, kind: this.kind, ...options }, this.adapter);
    this.#processes.push(p);
    return p;
  }

  /** it(), or a skip that names the reason when the adapter lacks the capability. */
  itWith(capability: Capability, name: string, fn: () => Promise<void>): void {
    const reason = this.target.unsupported?.[capability];
    if (reason) it.skip(`${name} [not applicable: ${reason}]`, fn);
    else it(name, fn);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
