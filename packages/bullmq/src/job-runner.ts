// How an agent runs one job on its local pool: one call, a chunk of `map` or `starmap`, or several
// calls carried together (a batch, see batching.ts), each with an outcome of its own. Only export
// names come from a job, never code. The reply says how long the job took and how large its
// outcomes are, which the driver uses to size its batches.
import { setMaxListeners } from "node:events";
import { AbortError, InvalidArgumentError, SerializationError } from "@multiproc/core";
import type { Pool } from "@multiproc/core/adapter";
import { decode } from "./codec.ts";
import { PayloadTooLargeError } from "./errors.ts";
import {
  type BatchData,
  checkSize,
  type Envelope,
  envelope,
  errorEnvelope,
  type JobData,
  type PartialReply,
  type Reply,
} from "./wire.ts";

/** One call's envelope, its size in characters of JSON, and the export it named. */
type Outcome = { out: Envelope; size: number; task: string | undefined };

/** Room for a batch reply's own JSON around its envelopes (`{"b":[…],"t":…,"s":…}`). */
const REPLY_ROOM = 64;

/**
 * How long (ms) finished outcomes of a job of several calls may wait for the job's end: after
 * that, they are reported while it runs (its calls are short on average, but one may not be).
 */
const PARTIAL_MS = 50;

/** What a running job tells its agent as it goes. */
export interface RunHooks {
  /** A job of several calls' finished outcomes, while it still runs. */
  report?: ((partial: PartialReply) => void) | undefined;
  /** A value the task of a job of one call reported, for its caller (JobData.o). */
  progress?: ((value: unknown) => void) | undefined;
}

/** Runs jobs on `local`, their outcomes each within `limit` characters of JSON (maxPayload). */
export class JobRunner {
  readonly #local: Pool;
  readonly #limit: number;

  constructor(local: Pool, limit: number) {
    this.#local = local;
    this.#limit = limit;
  }

  /**
   * Runs a job's call or calls, stopped by `signal` (the driver's cancellation); never throws.
   * `report` sends a job of several calls' finished outcomes while it still runs.
   */
  async run(data: unknown, signal: AbortSignal, hooks: RunHooks = {}): Promise<Reply> {
    const { report, progress } = hooks;
    const started = performance.now();
    const workers = this.#local.workerCount;
    let reply: Reply;
    if (isBatch(data)) {
      // Each call on its own: a failing call fails alone, the others keep their results. Every
      // call listens to the job's signal: as many listeners as calls is no leak.
      setMaxListeners(data.b.length + 10, signal);
      const partials = report && new Partials(this.#limit, report);
      const outcomes = await Promise.all(
        data.b.map(async (call, i) => {
          const outcome = await this.#outcome(call, signal);
          partials?.finished(i, outcome);
          return outcome;
        }),
      );
      partials?.end();
      reply = this.#fit(outcomes);
    } else {
      const { out, size } = await this.#outcome(data, signal, progress);
      reply = { ...out, s: size };
    }
    // A job that waited for a worker to start says nothing of how long its calls take.
    if (workers > 0 && this.#local.workerCount === workers) reply.t = msSince(started);
    return reply;
  }

  /** The reply of a job cancelled before it reached this agent: AbortError, for each of its calls. */
  cancelled(data: unknown): Reply {
    const abort = (call: unknown) =>
      errorEnvelope(new AbortError("cancelled by the driver", this.#site(call)), this.#limit);
    return isBatch(data) ? { b: data.b.map(abort) } : abort(data);
  }

  /** One call's outcome: its result, or its error (cut to the limit). */
  async #outcome(data: unknown, signal: AbortSignal, progress?: (value: unknown) => void): Promise<Outcome> {
    const site = this.#site(data);
    const failed = (error: unknown): Outcome => {
      const out = errorEnvelope(error, this.#limit);
      return { out, size: JSON.stringify(out).length, task: site.task };
    };
    try {
      const value = await this.#call(data, signal, progress);
      let out: Envelope;
      try {
        out = envelope({ ok: value });
      } catch (error) {
        return failed(new SerializationError("result", messageOf(error), site));
      }
      return { out, size: checkSize(out, this.#limit, "result", site), task: site.task };
    } catch (error) {
      return failed(error);
    }
  }

  /**
   * A batch's envelopes and their total size. They share the job's limit: in the rare case that
   * they do not fit together, those that do not fit become PayloadTooLargeError, saying so.
   */
  #fit(outcomes: Outcome[]): { b: Envelope[]; s: number } {
    let total = outcomes.length;
    for (const { size } of outcomes) total += size;
    if (total <= this.#limit - REPLY_ROOM) return { b: outcomes.map(({ out }) => out), s: total };
    let room = this.#limit - REPLY_ROOM;
    let kept = 0;
    const b = outcomes.map(({ out, size, task }) => {
      if (size + 1 <= room) {
        room -= size + 1;
        kept += size + 1;
        return out;
      }
      const error = new PayloadTooLargeError("result", total, this.#limit, { task, module: this.#module });
      error.message += `: the ${outcomes.length} calls of one job share it, and this result did not fit`;
      error.stack = "";
      const stub = errorEnvelope(error, this.#limit);
      const stubSize = JSON.stringify(stub).length + 1;
      room -= stubSize;
      kept += stubSize;
      return stub;
    });
    return { b, s: kept };
  }

  get #module(): string {
    return this.#local.options.module;
  }

  #site(data: unknown): { task: string | undefined; module: string } {
    const f = (data as JobData | null)?.f;
    return { task: typeof f === "string" ? f : undefined, module: this.#module };
  }

  /** Runs one call (or chunk) on the local pool; only the export's name comes from the job. */
  #call(data: unknown, signal: AbortSignal, progress?: (value: unknown) => void): Promise<unknown> {
    const job = data as JobData;
    if (job === null || typeof job !== "object" || typeof job.f !== "string") {
      throw new InvalidArgumentError("a job without an export name: not a multiproc job");
    }
    const args = decode(job.a);
    if (!Array.isArray(args)) throw new InvalidArgumentError("a job whose arguments are not a list");
    if (job.c === 0) {
      // The caller hears the task's progress (a job of one call only): pass it on.
      const onProgress = job.o === 1 ? progress : undefined;
      return this.#local.apply(job.f as never, args as never, { signal, onProgress });
    }
    // A chunk is spread over the local workers; results keep their order.
    const { workers, concurrency } = this.#local.options;
    const chunksize = Math.max(1, Math.ceil(args.length / (workers * concurrency)));
    if (job.c === "items") return this.#local.map(job.f as never, args as never, { chunksize, signal });
    if (job.c === "argLists")
      return this.#local.starmap(job.f as never, args as never, { chunksize, signal });
    throw new InvalidArgumentError(`a job of unknown kind ${JSON.stringify(job.c)}`);
  }
}

/** The finished outcomes of a running job of several calls, reported PARTIAL_MS after the first waits. */
class Partials {
  readonly #limit: number;
  readonly #report: (partial: PartialReply) => void;
  #waiting: [number, Outcome][] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(limit: number, report: (partial: PartialReply) => void) {
    this.#limit = limit;
    this.#report = report;
  }

  finished(index: number, outcome: Outcome): void {
    this.#waiting.push([index, outcome]);
    this.#timer ??= setTimeout(() => this.#send(), PARTIAL_MS);
  }

  /** The job is done: its reply holds every outcome. */
  end(): void {
    clearTimeout(this.#timer);
  }

  /** Reports what waits, within the limit; what does not fit goes next time. */
  #send(): void {
    this.#timer = undefined;
    let room = this.#limit - REPLY_ROOM;
    let count = 0;
    for (const [, { size }] of this.#waiting) {
      if (count > 0 && size + 16 > room) break;
      room -= size + 16;
      count++;
    }
    const p = this.#waiting.splice(0, count).map(([index, { out }]): [number, Envelope] => [index, out]);
    this.#report({ p });
    if (this.#waiting.length > 0) this.#timer = setTimeout(() => this.#send(), PARTIAL_MS);
  }
}

/** A job of several calls: `{ b: [call, …] }`. */
function isBatch(data: unknown): data is BatchData {
  return data !== null && typeof data === "object" && Array.isArray((data as BatchData).b);
}

/** Milliseconds since `start`, to the microsecond. */
function msSince(start: number): number {
  return Math.round((performance.now() - start) * 1000) / 1000;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
