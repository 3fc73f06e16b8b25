// When a job carries several calls, and how many. A job costs Redis round trips and BullMQ
// scripts on the driver, on Redis and on an agent whatever it holds, so when many calls are
// submitted at once and the agents have shown them to be short, consecutive ones travel together,
// as a local pool sends short calls ahead. Each still settles on its own, with its own value or
// error. A call with a timeout or a signal always has a job of its own (it can be stopped
// alone), and so has a chunk of `map` (it is a batch already).
import { tuning } from "./tuning.ts";
import type { BatchData, JobData, RunStats } from "./wire.ts";

/** About how long (ms) a job of several calls keeps its agent busy, at the average call time. */
const JOB_MS = 100;
/** Calls per job at most. */
const MAX_CALLS = 1000;
/** A burst is cut into at least this many jobs per worker slot, so that every slot gets some. */
const JOBS_PER_SLOT = 4;
/** A batch's own JSON around its calls: `{"b":[` and `]}`. */
const BATCH_JSON = 8;

/** A call on its way to Redis: its job data, that data's JSON size, and whether it may share a job. */
export interface Outgoing<C> {
  call: C;
  data: JobData;
  size: number;
  batchable: boolean;
}

/** Jobs whose time per call decides: the median of the last ones, so that a pause on a busy host does not. */
const RECENT = 15;

/** What the agents' replies have shown about the calls: how long they take, how large their outcomes are. */
export class BatchPolicy {
  /** An agent's time per call (ms) in the last RECENT jobs that said, oldest first. */
  readonly #recent: number[] = [];
  /** Moving average of an outcome's JSON size, in characters. */
  #outcomeChars: number | undefined;

  /** A job of `calls` calls was answered, with these figures. */
  observe(stats: RunStats, calls: number): void {
    if (typeof stats.t === "number" && stats.t >= 0) {
      this.#recent.push(stats.t / calls);
      if (this.#recent.length > RECENT) this.#recent.shift();
    }
    if (typeof stats.s === "number" && stats.s >= 0)
      this.#outcomeChars = average(this.#outcomeChars, stats.s / calls);
  }

  /** The median time per call of the recent jobs, in ms (undefined before any). */
  get callMs(): number | undefined {
    if (this.#recent.length === 0) return undefined;
    const sorted = [...this.#recent].sort((a, b) => a - b);
    return sorted[sorted.length >> 1];
  }

  /**
   * Calls per job for `waiting` calls that may share jobs, sent at once to `slots` worker slots:
   * 1 (a job each) until the calls are known to be short (the agents' median time per call under
   * tuning.shortCallMs, 2 ms), or when there are no more of them than slots; otherwise enough
   * jobs for every slot, each about JOB_MS of work, its outcomes well within `maxPayload`.
   */
  perJob(waiting: number, slots: number, maxPayload: number): number {
    if (waiting <= slots) return 1;
    const ms = this.callMs;
    if (ms === undefined || ms >= tuning.shortCallMs) return 1;
    let calls = Math.min(
      MAX_CALLS,
      Math.ceil(waiting / (slots * JOBS_PER_SLOT)),
      Math.floor(JOB_MS / Math.max(ms, 0.001)),
    );
    if (this.#outcomeChars) calls = Math.min(calls, Math.floor(maxPayload / 2 / this.#outcomeChars));
    return Math.max(1, calls);
  }
}

/**
 * The calls cut into jobs, in their order: each run of consecutive batchable calls into even jobs
 * of at most `perJob` calls whose JSON stays within `maxPayload`; every other call alone.
 */
export function planJobs<C>(outgoing: Outgoing<C>[], perJob: number, maxPayload: number): Outgoing<C>[][] {
  const jobs: Outgoing<C>[][] = [];
  let run: Outgoing<C>[] = [];
  const endRun = () => {
    if (run.length > 0) jobs.push(...cut(run, perJob, maxPayload));
    run = [];
  };
  for (const item of outgoing) {
    if (item.batchable && perJob > 1) run.push(item);
    else {
      endRun();
      jobs.push([item]);
    }
  }
  endRun();
  return jobs;
}

/** A run cut into jobs of even numbers of calls (at most `perJob`), each within `maxPayload`. */
function cut<C>(run: Outgoing<C>[], perJob: number, maxPayload: number): Outgoing<C>[][] {
  const count = Math.ceil(run.length / perJob);
  // The first `run.length % count` jobs take one call more than the others.
  const sizeOf = (job: number) => Math.floor(run.length / count) + (job < run.length % count ? 1 : 0);
  const jobs: Outgoing<C>[][] = [];
  let job: Outgoing<C>[] = [];
  let chars = BATCH_JSON - 1;
  for (const item of run) {
    if (job.length > 0 && (job.length >= sizeOf(jobs.length) || chars + item.size + 1 > maxPayload)) {
      jobs.push(job);
      job = [];
      chars = BATCH_JSON - 1;
    }
    job.push(item);
    chars += item.size + 1;
  }
  if (job.length > 0) jobs.push(job);
  return jobs;
}

/** A planned job's name (shown by BullMQ's tools) and data: one call's as it is, several as a batch. */
export function jobOf(items: Outgoing<{ fn: string }>[]): { name: string; data: JobData | BatchData } {
  const [first] = items;
  if (items.length === 1 && first) return { name: first.call.fn, data: first.data };
  return { name: "batch", data: { b: items.map((item) => item.data) } };
}

function average(previous: number | undefined, value: number): number {
  return previous === undefined ? value : previous * 0.8 + value * 0.2;
}
