// What the measuring child drives: one contender module per way of running the tiny tasks on two
// workers. A row of the table names a module and a kind; measure.ts imports the module in the
// row's runtime and calls what it exports. See README.md, "Adding rows".

import type { Measured } from "../measured.ts";
import type { Sizes } from "../sizes.ts";
import type { AddArgs } from "../tasks/bench-tasks.ts";

/** Two workers of one kind, behind one shape. Created stopped; `start()` makes it ready. */
export interface Contender {
  /** Starts the two workers and waits until each has answered once. */
  start(): Promise<void>;
  /** One call of `({ a, b }) => a + b`. */
  add(args: AddArgs): Promise<number>;
  /** `map` over numbers (`x + 1`), where the contender has a map of its own. */
  mapNumbers?(items: number[]): Promise<number[]>;
  /** `map` over `{ a, b }` objects, where the contender has a map of its own. */
  mapObjects?(items: AddArgs[]): Promise<number[]>;
  stop(): Promise<unknown>;
}

/** What a contender module exports: create(), or measure() for a row that measures its own thing. */
export interface ContenderModule {
  /** A contender of `kind` ("thread", "process", or the module's own), not started yet. */
  create?(kind: string): Contender | Promise<Contender>;
  /** The whole of one run, instead of measure-run.ts's burst, round trips, map and Process start. */
  measure?(kind: string, sizes: Sizes): Promise<Omit<Measured, "version">>;
  /**
   * The article's Process program, or its floor: `writeHi` of each file, each on a fresh worker
   * of `kind`, all started, then all joined. Absent where the contender has no such thing.
   */
  startTwo?(kind: string, files: string[]): Promise<void>;
  /**
   * Pools a round's round trips are spread over (default 3, see measure-run.ts): 1 where a round
   * trip does not depend on where the OS placed the pool's threads (BullMQ's, through Redis).
   */
  tripPools?: number;
}

/** Where the built task module is: every runtime runs dist/, where tasks/ sits beside contenders/. */
export const taskModule = new URL("../tasks/bench-tasks.js", import.meta.url);

/** How many workers every contender runs: the setting, one per core here. */
export const WORKERS = 2;
