// One measured run of one mode, in the child. The clock covers what a program waits for: the loop
// (`main`); `new Pool` to the last result (`map`, `imap`); the first start() to the last join()
// (`process`). A task that throws ends the run with its error and the index of its item.
import { readFileSync } from "node:fs";
import { describeError } from "./load.ts";
import type { ChildSpec, FailResult, RunResult } from "./protocol.ts";

interface PoolLike {
  map(task: string, items: unknown[], options?: object): Promise<unknown[]>;
  starmap(task: string, calls: unknown[][], options?: object): Promise<unknown[]>;
  imap(task: string, items: Iterable<unknown>): AsyncIterable<unknown>;
  apply(task: string, args: unknown[]): Promise<unknown>;
  stats(): unknown;
  close(): void;
  join(): Promise<void>;
  terminate(): Promise<void>;
}

interface ProcessLike {
  exitCode: number | null;
  readonly result: Promise<unknown>;
  start(): void;
  join(): Promise<void>;
}

/** What the child uses of an adapter: its two classes, loosely typed (the user's copy is loaded at run time). */
export interface Adapter {
  Pool: new (options: object) => PoolLike;
  Process: new (options: object) => ProcessLike;
}

/** A task's failure, carried to the top of the run with its item. */
class ItemFailure {
  constructor(
    readonly item: number | undefined,
    readonly error: unknown,
  ) {}
}

export async function runMode(
  spec: ChildSpec,
  calls: unknown[][],
  adapter: Adapter,
  task: unknown,
): Promise<RunResult | FailResult> {
  try {
    const measured = await measure(spec, calls, adapter, task);
    return { ok: true, ...measured, ownPeakKiB: ownPeakKiB() };
  } catch (error) {
    if (error instanceof ItemFailure) {
      return {
        ok: false,
        phase: "task",
        error: describeError(error.error),
        ...(error.item === undefined ? {} : { item: error.item }),
      };
    }
    return { ok: false, phase: "run", error: describeError(error) };
  }
}

async function measure(spec: ChildSpec, calls: unknown[][], adapter: Adapter, task: unknown) {
  const options = {
    module: new URL(spec.module),
    kind: spec.kind ?? "thread",
    workers: spec.workers ?? 1,
    ...(spec.concurrency ? { concurrency: spec.concurrency } : {}),
  };
  const mapOptions = spec.chunksize ? { chunksize: spec.chunksize } : undefined;
  switch (spec.mode) {
    case "main":
      return { ms: await mainLoop(task, calls), stats: null };
    case "process":
      return { ms: await oneProcessEach(spec, calls, adapter, options.kind), stats: null };
    default: {
      const start = performance.now();
      const pool = new adapter.Pool(options);
      try {
        if (spec.mode === "imap") for await (const _ of pool.imap(spec.task, calls.map(first)));
        else if (spec.single) await pool.map(spec.task, calls.map(first), mapOptions);
        else await pool.starmap(spec.task, calls, mapOptions);
      } catch (error) {
        await pool.terminate();
        throw await locate(spec, calls, adapter, options, error);
      }
      const ms = performance.now() - start;
      const stats = pool.stats();
      pool.close();
      await pool.join();
      return { ms, stats };
    }
  }
}

const first = (args: unknown[]) => args[0];

async function mainLoop(task: unknown, calls: unknown[][]): Promise<number> {
  if (typeof task !== "function") throw new TypeError(`the task is not a function but ${typeof task}`);
  const start = performance.now();
  for (let i = 0; i < calls.length; i++) {
    try {
      const result = task(...(calls[i] as unknown[]));
      if (result instanceof Promise) await result;
    } catch (error) {
      throw new ItemFailure(i, error);
    }
  }
  return performance.now() - start;
}

/** One Process per item, at most `workers` alive at once. */
async function oneProcessEach(spec: ChildSpec, calls: unknown[][], adapter: Adapter, kind: string) {
  let next = 0;
  const lane = async () => {
    while (next < calls.length) {
      const item = next++;
      const p = new adapter.Process({
        module: new URL(spec.module),
        target: spec.task,
        args: calls[item],
        kind,
      });
      p.start();
      await p.join();
      if (p.exitCode !== 0) {
        const error = await p.result.then(
          () => new Error(`the Process ended with exit code ${p.exitCode}`),
          (e: unknown) => e,
        );
        throw new ItemFailure(item, error);
      }
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: Math.min(spec.workers ?? 1, calls.length) }, lane));
  return performance.now() - start;
}

/** After a failed map or imap: which item throws, found one call at a time in a pool of one worker. */
async function locate(
  spec: ChildSpec,
  calls: unknown[][],
  adapter: Adapter,
  options: { module: URL; kind: string },
  failure: unknown,
): Promise<ItemFailure> {
  const pool = new adapter.Pool({ ...options, workers: 1 });
  try {
    for (let i = 0; i < calls.length; i++) {
      try {
        await pool.apply(spec.task, calls[i] as unknown[]);
      } catch (error) {
        return new ItemFailure(i, error);
      }
    }
    return new ItemFailure(undefined, failure);
  } finally {
    await pool.terminate();
  }
}

/** This process's peak resident memory (VmHWM), in KiB; null where /proc is not there. */
function ownPeakKiB(): number | null {
  try {
    const line = /VmHWM:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"));
    return line?.[1] ? Number(line[1]) : null;
  } catch {
    return null;
  }
}
