// How calls are stopped before they finish: a timeout or an abort ends one call, terminate() ends
// them all; their jobs are taken out of the queue, and the agents running them are told.
import { AbortError, type CallOptions, TimeoutError } from "@multiproc/core";
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { cancelChannel } from "./connection.ts";
import { purgeJobs } from "./job-store.ts";

type Site = { task: string; module: string };

/**
 * Calls `stop` with a TimeoutError once `options.timeout` passes, or with an AbortError when
 * `options.signal` aborts; returns the cleanup that disarms both.
 */
export function watchCall(
  options: CallOptions | undefined,
  site: Site,
  stop: (error: Error) => void,
): () => void {
  const timeout = options?.timeout;
  const signal = options?.signal;
  const timer =
    timeout === undefined ? undefined : setTimeout(() => stop(new TimeoutError(timeout, site)), timeout);
  const onAbort = () => stop(new AbortError(signal?.reason, site));
  signal?.addEventListener("abort", onAbort, { once: true });
  return () => {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  };
}

/** Takes the job `id` out of the queue, or tells its agent to stop it. */
export async function cancelJob(client: Redis, queue: Queue, queueName: string, id: string): Promise<void> {
  // A waiting job is removed (it never runs); an active one is locked and stays, so its agent is
  // told (its job is removed when its "completed" event comes).
  await queue.remove(id).catch(() => 0);
  await client.publish(cancelChannel(queueName), JSON.stringify([id]));
}

/**
 * Makes sure none of `ids` runs after terminate(): running ones are told to stop first (one
 * message), then every waiting one is taken out of the queue in one script (once the `adding`
 * ones are in it), and those an agent took meanwhile are told again.
 */
export async function purgeCalls(
  client: Redis,
  queue: Queue,
  queueName: string,
  ids: string[],
  adding: Iterable<Promise<unknown>>,
): Promise<void> {
  if (ids.length === 0) return;
  const channel = cancelChannel(queueName);
  // Newest first: an agent remembers the last ids of a long list, the oldest, which it would take next.
  await client.publish(channel, JSON.stringify(ids.slice().reverse()));
  await Promise.allSettled([...adding]);
  const running = await purgeJobs(client, queue, ids);
  if (running.length > 0) await client.publish(channel, JSON.stringify(running));
}
