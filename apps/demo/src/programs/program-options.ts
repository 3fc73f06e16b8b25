// What the driver hands each program, as one JSON argument: the shared fields, and the numbers
// each experiment adds. Types only: the driver and the programs agree on the shape here.

/** The two ways to run tasks that the article compares. */
export type Api = "Process" | "Pool";
/** Worker threads or worker processes (Python has processes only). */
export type Kind = "thread" | "process";

export interface ProgramOptions {
  api: Api;
  kind: Kind;
  /** A scratch folder for the files the tasks write. */
  dir: string;
  tasks: number;
}

export interface CreationOptions extends ProgramOptions {
  workers: number;
}

export interface MemoryOptions extends ProgramOptions {
  workers: number;
  /** MiB each task holds. */
  mib: number;
  /** How long each task holds it. */
  holdMs: number;
}

export interface IoBoundOptions extends ProgramOptions {
  workers: number;
  /** Tasks in flight per Pool worker. */
  concurrency: number;
  /** How long each task waits before it writes. */
  waitMs: number;
}

/** The numbers a cell of the matrix passes on (api, kind and dir are added per cell). */
export type ProgramParams = Omit<
  Partial<CreationOptions & MemoryOptions & IoBoundOptions>,
  "api" | "kind" | "dir" | "tasks"
> & { tasks: number };
