// The worker's replies, sent at once or held to go together. Results of calls run while one
// "calls" message is handled (a batch of quick synchronous calls) go back together, in one
// "replies" message, once it is handled or once they have been held about BATCH_MS: the parent
// then reads one message instead of one per call, with no keys to read per result. A failure goes
// alone, after the results before it. Results are held only while calls the parent marked `quick`
// run: before any other call starts, what is held is sent and that call's own result goes at once
// (a long call must never delay finished results, and the parent must be able to tell which calls
// a killed worker may have started).

import type { FromWorker } from "../wire/protocol.ts";
import { serializeError } from "../wire/serialized-error.ts";
import type { WorkerChannel } from "./worker-channel.ts";

/** A call's own answer. */
export type Reply = FromWorker & { t: "ok" | "err" };

/**
 * How long answers to a batch of calls may be held back to go out together: until Date.now()
 * has moved on this many ms (1 to 2 ms). Date.now, not performance: a worker that never touches
 * `performance` starts faster (Node loads perf_hooks on first use).
 */
const BATCH_MS = 2;

export class ReplyBatcher {
  readonly #channel: WorkerChannel;
  /** Results held, while a "calls" message is handled. */
  #batch: { ids: number[]; values: unknown[] } | undefined;
  #batchStartedAt = 0;
  /** Set once the worker is ending: nothing more is sent (see TaskServer.halt). */
  #silenced = false;

  constructor(channel: WorkerChannel) {
    this.#channel = channel;
  }

  /** A "calls" message is being handled: hold quick results from now on. */
  open(): void {
    this.#batch = { ids: [], values: [] };
    this.#batchStartedAt = Date.now();
  }

  /** A call is about to start: send what is held first if it is not quick, or held long enough. */
  beforeCall(quick: boolean): void {
    if (this.#batch && (!quick || Date.now() - this.#batchStartedAt >= BATCH_MS)) this.flush(true);
  }

  /** Sends no more replies: the worker is ending. */
  silence(): void {
    this.#silenced = true;
  }

  reply(message: Reply, quick: boolean): void {
    if (this.#silenced) return;
    const batch = this.#batch;
    if (!batch) this.#send(message);
    else if (message.t === "err" || message.packed || !quick) {
      this.flush(true);
      this.#send(message);
    } else {
      // Held: the next call's start, or the message's end, sends it (see beforeCall, flush).
      batch.ids.push(message.id);
      batch.values.push(message.value);
    }
  }

  /** Sends the held results; `more` keeps batching the rest of the message's calls. */
  flush(more: boolean): void {
    const held = this.#batch;
    this.#batch = more ? { ids: [], values: [] } : undefined;
    this.#batchStartedAt = Date.now();
    if (!held || held.ids.length === 0) return;
    const { ids, values } = held;
    if (ids.length === 1) {
      this.#send({ t: "ok", id: ids[0] as number, value: values[0] });
      return;
    }
    try {
      this.#channel.send({ t: "replies", ids, values });
    } catch {
      // One of them cannot be cloned: send each alone, so that only that one fails.
      for (let i = 0; i < ids.length; i++) this.#send({ t: "ok", id: ids[i] as number, value: values[i] });
    }
  }

  #send(message: Reply): void {
    try {
      this.#channel.send(message);
    } catch (error) {
      // The result could not be cloned: say so instead of leaving the caller waiting. Only
      // strings go in this reply, so it can always be sent on a channel that still works.
      const { name, message: text } = serializeError(error);
      try {
        this.#channel.send({
          t: "err",
          id: message.id,
          error: { name: String(name), message: String(text) },
          reason: "unsendable-result",
        });
      } catch {
        // The channel itself is broken: the parent learns of it from this worker's exit.
      }
    }
  }
}
