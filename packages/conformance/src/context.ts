// What every group of conformance tests shares: the adapter under test, pools and processes
// made for it (terminated after each test, so a failing test leaks no worker), and skips that
// carry the adapter's stated reason.
import type { PoolOptions, ProcessOptions, WorkerKind } from "@multiproc/core";
import type { Pool, Process } from "@multiproc/core/adapter";
import { afterEach, it } from "vitest";

/**
 * Behaviours an adapter may lack; it states why, and those tests show as skipped with that reason.
 *
 * - `"crash"`: a worker can die mid-task (exit, crash) and be told apart from a task failure.
 * - `"hardTimeout"`: a task in a synchronous loop can be ended by timeout or abort.
 * - `"signals"`: workers are processes that signals can kill (SIGKILL from inside).
 * - `"maxTasksPerWorker"`: workers are replaced after `maxTasksPerWorker` tasks.
 * - `"process"`: the Process API (an engine that only provides pools leaves it to its adapter).
 * - `"undeliveredSends"`: a send to a worker that died unseen is reported as undelivered, so the
 *   call in it runs on the replacement instead of failing with the dead worker.
 * - `"eagerDispatch"`: a call to an idle worker is sent to it within the call itself, so an abort
 *   made right after finds it running (a queue across hosts has not handed it to anyone yet).
 * - `"repliesWhileBusy"`: a call's result reaches the pool while a long synchronous call sent
 *   with it still runs in the same worker (concurrency 2).
 */
export type Capability =
  | "crash"
  | "hardTimeout"
  | "signals"
  | "maxTasksPerWorker"
  | "process"
  | "undeliveredSends"
  | "eagerDispatch"
  | "repliesWhileBusy";

/** A Pool class as an adapter exports it. */
export interface PoolClass {
  /** Makes a pool from the suite's options. */
  new (options: PoolOptions): Pool;
}

/** A Process class as an adapter exports it. */
export interface ProcessClass {
  /** Makes a process from the suite's options. */
  new (options: ProcessOptions): Process;
}

/** What testAdapter() tests: an adapter package's own Pool and Process, one kind, and what it cannot do. */
export interface ConformanceTarget {
  /** The adapter's name, for the test titles ("node", "deno", …). */
  name: string;
  /** The Pool class the adapter package exports (as users get it: `import { Pool } from "@multiproc/node"`). */
  Pool: PoolClass;
  /** The Process class the adapter package exports; leave it out only with `unsupported.process`. */
  Process?: ProcessClass;
  /** The kind of worker the pools and processes under test use. */
  kind: WorkerKind;
  /** Capabilities the adapter lacks, each with the reason shown beside its skipped tests. */
  unsupported?: Partial<Record<Capability, string>>;
  /** Makes the pools under test, for an engine other than the default; gets the suite's options. */
  makePool?: (options: PoolOptions) => Pool;
}

/** The suite's task modules, for an adapter's own extra tests. */
export const fixtures = {
  /** The tasks every test runs (square, add, sleep, throwers, crashers, …). */
  tasks: new URL("../fixtures/tasks.mjs", import.meta.url),
  /** A module that throws when imported. */
  throwsOnImport: new URL("../fixtures/throws-on-import.mjs", import.meta.url),
  /** A module whose worker ends while importing it, as MULTIPROC_EXIT_AT_IMPORT says (see the file). */
  exitsAtImport: new URL("../fixtures/exits-at-import.mjs", import.meta.url),
  /** A module that does not exist. */
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
    return this.target.makePool?.(options) ?? new this.target.Pool(options);
  }

  process(options: Omit<ProcessOptions, "module"> & { module?: string | URL }): Process {
    const ProcessClass = this.target.Process;
    if (!ProcessClass) throw new Error(`${this.target.name}: no Process class given to testAdapter()`);
    const p = new ProcessClass({ module: fixtures.tasks, kind: this.kind, ...options });
    this.#processes.push(p);
    return p;
  }

  /** it(), or a skip that names the reason when the adapter lacks the capability (or one of them). */
  itWith(capability: Capability | Capability[], name: string, fn: () => Promise<void>): void {
    const needed = Array.isArray(capability) ? capability : [capability];
    const reason = needed.map((c) => this.target.unsupported?.[c]).find((r) => r !== undefined);
    if (reason) it.skip(`${name} [not applicable: ${reason}]`, fn);
    else it(name, fn);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
