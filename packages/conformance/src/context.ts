// What every group of conformance tests shares: the adapter under test, pools and processes
// made for it (terminated after each test, so a failing test leaks no worker), and skips that
// carry the adapter's stated reason.
import type { AnyFunction, PoolOptions, ProcessOptions, WorkerKind } from "@multiproc/core";
import type { Adapter, EngineOptions, KindCapabilities, Pool, Process } from "@multiproc/core/adapter";
import { afterEach, beforeAll, it } from "vitest";
import {
  type HostCapability,
  type HostEnv,
  type HostProcesses,
  type HostTools,
  type ScratchFiles,
  serverHost,
  type TestHost,
} from "./host.ts";

/**
 * Behaviours a target may lack; it states why, and those tests show as skipped with that reason.
 * Those of a kind of worker are the adapter's own (KindCapabilities, read from `adapter`):
 *
 * - `"crash"`: a worker can die mid-task (exit, crash) and be told apart from a task failure.
 * - `"hardTimeout"`: a task in a synchronous loop can be ended by timeout or abort.
 * - `"signals"`: workers are processes that signals can kill (SIGKILL from inside).
 * - `"undeliveredSends"`: a send to a worker that died unseen is reported as undelivered, so the
 *   call in it runs on the replacement instead of failing with the dead worker.
 * - `"repliesWhileBusy"`: a call's result reaches the pool while a long synchronous call sent
 *   with it still runs in the same worker (concurrency 2).
 *
 * Those of an engine, or of how the suite is run, go in `unsupported`:
 *
 * - `"maxTasksPerWorker"`: workers are replaced after `maxTasksPerWorker` tasks.
 * - `"process"`: the Process API (an engine that only provides pools leaves it to its adapter).
 * - `"eagerDispatch"`: a call to an idle worker is sent to it within the call itself, so an abort
 *   made right after finds it running (a queue across hosts has not handed it to anyone yet).
 * - `"taskProgress"`: what a task reports with reportProgress reaches its call's onProgress.
 * - `"workerEvents"`: the pool's own workers: stats() counts them, "workerstart" and "workerexit" tell of them.
 * - `"withdraw"`: a failed map's chunks that no worker has yet leave the queue (they never run).
 * - `"callContext"`: calls running at once in one worker each report their own progress (the
 *   runtime's AsyncLocalStorage tells them apart; a browser has none).
 * - `"talk"`: Queue, Lock, … handed to workers (an engine that sends arguments its own way refuses them).
 *
 * Those of the host the tests run on (`"scratch"`, `"exitCode"`, `"env"`, `"pids"`) are the
 * host's own (see HostCapability, read from `host`).
 */
export type Capability =
  | keyof KindCapabilities
  | HostCapability
  | "maxTasksPerWorker"
  | "process"
  | "eagerDispatch"
  | "taskProgress"
  | "workerEvents"
  | "withdraw"
  | "callContext"
  | "talk";

/** A pool as the suite drives it: any engine's. */
export type AnyPool = Pool<Record<string, AnyFunction>, EngineOptions>;

/** A Pool class as an adapter exports it. */
export interface PoolClass {
  /** Makes a pool from the suite's options. */
  new (options: PoolOptions): AnyPool;
}

/** A Process class as an adapter exports it. */
export interface ProcessClass {
  /** Makes a process from the suite's options. */
  new (options: ProcessOptions): Process;
}

/** What testAdapter() tests: an adapter package's own Pool and Process, one kind, and what it cannot do. */
export interface ConformanceTarget {
  /** The name in the test titles (default: the adapter's name). */
  name?: string | undefined;
  /** The adapter under test: its name, and what each kind can do (its capabilities). */
  adapter: Adapter;
  /** The Pool class the adapter package exports (as users get it: `import { Pool } from "@multiproc/node"`); leave it out only with `makePool`. */
  Pool?: PoolClass;
  /** The Process class the adapter package exports; leave it out only with `unsupported.process`. */
  Process?: ProcessClass;
  /** The kind of worker the pools and processes under test use. */
  kind: WorkerKind;
  /**
   * What the target lacks beyond the adapter's own capabilities (an engine's gaps, the way the
   * suite runs), each with the reason shown beside its skipped tests.
   */
  unsupported?: Partial<Record<Capability, string>>;
  /** Makes the pools under test, for an engine other than the adapter's Pool; gets the suite's options. */
  makePool?: (options: PoolOptions) => AnyPool;
  /**
   * The host the tests run on: its task module, what it lacks, its tools (default: `serverHost`,
   * Node, Deno and Bun; a page passes `webHost(tasks)`).
   */
  host?: TestHost | undefined;
}

/** The suite's task modules, for an adapter's own extra tests. */
export const fixtures = {
  /** The tasks every test runs on Node, Deno and Bun (square, add, sleep, throwers, crashers, …). */
  tasks: new URL("../fixtures/tasks.mjs", import.meta.url),
  /** The tasks that use nothing of a runtime (tasks.mjs and web-tasks.mjs add each host's own). */
  portableTasks: new URL("../fixtures/portable-tasks.mjs", import.meta.url),
  /** The tasks of a page's Web Workers (webHost): serve it bundled, a Web Worker has no import map. */
  webTasks: new URL("../fixtures/web-tasks.mjs", import.meta.url),
  /** A module that throws when imported. */
  throwsOnImport: new URL("../fixtures/throws-on-import.mjs", import.meta.url),
  /** A module whose worker ends while importing it, as MULTIPROC_EXIT_AT_IMPORT says (see the file). */
  exitsAtImport: new URL("../fixtures/exits-at-import.mjs", import.meta.url),
  /** A module that does not exist. */
  missing: new URL("../fixtures/no-such-module.mjs", import.meta.url),
};

export class Context {
  readonly #pools: AnyPool[] = [];
  readonly #processes: Process[] = [];
  readonly host: TestHost;
  #tools: HostTools | undefined;

  constructor(readonly target: ConformanceTarget) {
    this.host = target.host ?? serverHost;
    beforeAll(async () => {
      this.#tools ??= await this.host.tools();
    });
    afterEach(async () => {
      for (const p of this.#processes.splice(0)) p.kill();
      await Promise.all(this.#pools.splice(0).map((pool) => pool.terminate()));
    });
  }

  get kind(): WorkerKind {
    return this.target.kind;
  }

  /** A pool of the fixture tasks, of the kind under test. */
  pool(options: Partial<PoolOptions> = {}): AnyPool {
    const pool = this.makePool({ module: this.host.tasks, kind: this.kind, workers: 2, ...options });
    this.#pools.push(pool);
    return pool;
  }

  /** A pool as the adapter (or the engine under test) makes it, not tracked for cleanup. */
  makePool(options: PoolOptions): AnyPool {
    if (this.target.makePool) return this.target.makePool(options);
    const PoolClass = this.target.Pool;
    if (!PoolClass) throw new Error(`${this.name}: give testAdapter() a Pool class or makePool`);
    return new PoolClass(options);
  }

  /** The name in test titles. */
  get name(): string {
    return this.target.name ?? this.target.adapter.name;
  }

  /** The host's scratch files (only for tests that declare "scratch"). */
  get files(): ScratchFiles {
    return this.#tool("scratch");
  }

  /** The host's view of worker processes (only for tests that declare "pids"). */
  get processes(): HostProcesses {
    return this.#tool("processes");
  }

  /** The environment workers inherit, where the host has one. */
  get env(): HostEnv | undefined {
    return this.#tools?.env;
  }

  #tool<K extends keyof HostTools>(name: K): NonNullable<HostTools[K]> {
    const tool = this.#tools?.[name];
    if (!tool)
      throw new Error(`the ${this.host.name} host has no ${name}: declare the capability on the test`);
    return tool;
  }

  /** Why the target lacks `capability` (its own word first, then its host's, then its adapter's for this kind), or undefined when it has it. */
  lacks(capability: Capability): string | undefined {
    const own = this.target.unsupported?.[capability];
    if (own !== undefined) return own;
    const host = this.host.lacks[capability as HostCapability];
    if (host !== undefined) return host;
    const declared = this.target.adapter.capabilities[this.kind]?.[capability as keyof KindCapabilities];
    return typeof declared === "string" ? declared : undefined;
  }

  process(options: Omit<ProcessOptions, "module"> & { module?: string | URL }): Process {
    const ProcessClass = this.target.Process;
    if (!ProcessClass) throw new Error(`${this.name}: no Process class given to testAdapter()`);
    const p = new ProcessClass({ module: this.host.tasks, kind: this.kind, ...options });
    this.#processes.push(p);
    return p;
  }

  /** it(), or a skip that names the reason when the adapter lacks the capability (or one of them). */
  itWith(
    capability: Capability | Capability[],
    name: string,
    fn: () => Promise<void>,
    timeout?: number,
  ): void {
    const needed = Array.isArray(capability) ? capability : [capability];
    const reason = needed.map((c) => this.lacks(c)).find((r) => r !== undefined);
    if (reason) it.skip(`${name} [not applicable: ${reason}]`, fn);
    else it(name, fn, timeout);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
