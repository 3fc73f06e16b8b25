// The raw BullMQ rows: what a BullMQ user would write for the same tiny tasks, no multiproc code.
// Per row and round: its own redis-server, and 1, 2 or 4 bare BullMQ `Worker`s (concurrency 1),
// each in a child process of its own (raw-bullmq-worker.ts). The calls made in one turn of the
// event loop go in one `queue.addBulk` (the burst), a lone call in one `queue.add` (a round trip);
// the results come back by one `QueueEvents` listener ("completed", which carries the return
// value), matched by job id. Jobs are removed once completed (`removeOnComplete`), as BullMQ's
// docs advise when results are read from the events.
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type JobsOptions, Queue, QueueEvents } from "bullmq";
import type { Contender } from "../contenders/contender.ts";
import type { AddArgs } from "../tasks/bench-tasks.ts";
import { startServing, stopAgents, warmRoundTrips } from "./agents.ts";
import { type LocalRedis, startLocalRedis } from "./redis.ts";

const script = fileURLToPath(new URL("./raw-bullmq-worker.js", import.meta.url));

/** The number of workers a kind names: "bullmq-raw-4" → 4. */
export function workersOf(kind: string): number {
  const count = Number(/^bullmq-raw-(\d+)$/.exec(kind)?.[1]);
  if (!Number.isInteger(count) || count < 1) throw new Error(`not a raw BullMQ kind: ${kind}`);
  return count;
}

const JOB: JobsOptions = { removeOnComplete: true, removeOnFail: true };

export { tripPools } from "./bullmq-plan.ts";

export function create(kind: string): Contender {
  const count = workersOf(kind);
  let redis: LocalRedis | undefined;
  let workers: ChildProcess[] = [];
  let queue: Queue;
  let events: QueueEvents;
  const waiting = new Map<string, { resolve: (value: number) => void; reject: (error: Error) => void }>();
  let next = 0;
  let batch: { name: string; data: AddArgs; opts: JobsOptions }[] = [];

  /** Sends the calls of this turn: one add, or one addBulk. */
  const flush = () => {
    const jobs = batch;
    batch = [];
    const [one] = jobs;
    const added = Promise.resolve().then(
      (): Promise<unknown> =>
        jobs.length === 1 && one ? queue.add(one.name, one.data, one.opts) : queue.addBulk(jobs),
    );
    added.catch((error: Error) => {
      for (const job of jobs) waiting.get(job.opts.jobId as string)?.reject(error);
    });
  };

  const contender: Contender = {
    async start() {
      redis = await startLocalRedis();
      const name = `raw-${process.pid}`;
      const connection = { host: "127.0.0.1", port: Number(new URL(redis.url).port) };
      queue = new Queue(name, { connection });
      events = new QueueEvents(name, { connection });
      events.on("completed", ({ jobId, returnvalue }) => {
        const call = waiting.get(jobId);
        waiting.delete(jobId);
        call?.resolve(Number(returnvalue));
      });
      events.on("failed", ({ jobId, failedReason }) => {
        const call = waiting.get(jobId);
        waiting.delete(jobId);
        call?.reject(new Error(failedReason));
      });
      await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
      workers = await startServing(redis.url, [script, name], count);
      await warmRoundTrips((args) => contender.add(args));
    },
    add(args) {
      const jobId = `r${++next}`; // BullMQ refuses custom ids that are integers
      return new Promise<number>((resolve, reject) => {
        waiting.set(jobId, { resolve, reject });
        if (batch.length === 0) setImmediate(flush);
        batch.push({ name: "add", data: args, opts: { ...JOB, jobId } });
      });
    },
    async stop() {
      try {
        await Promise.allSettled([events?.close(), queue?.close()]);
      } finally {
        await stopAgents(workers);
        await redis?.stop();
      }
    },
  };
  return contender;
}
