// map and starmap over a list, in chunks sent to the engine: results in input order, one failing
// chunk fails the call and withdraws the chunks no worker has yet. With no chunksize given, the
// chunks are planned by chunk-plan.ts: the first wave at once, the rest when the first chunk is
// back and has told how long an item takes.
import type { Chunk } from "../wire/protocol.ts";
import type { ProgressMeter } from "./bulk-progress.ts";
import { chunkSize, cut, firstWave, restSize } from "./chunk-plan.ts";
import type { Engine } from "./engine/engine.ts";
import { sampledItemBytes } from "./item-bytes.ts";
import { concat } from "./items.ts";
import type { CallOptions } from "./options.ts";

/** Why the chunks a bulk call no longer needs leave the queue (their AbortError's reason). */
export const WITHDRAWN = new Error(
  "the bulk call this chunk belongs to has failed or was left: it was withdrawn",
);

/** One map or starmap over a list. */
export interface ListMap {
  task: string;
  list: unknown[];
  chunk: Chunk;
  /** Items per chunk, as the caller gave it; undefined: planned (see chunk-plan.ts). */
  chunksize: number | undefined;
  options: Pick<CallOptions, "signal" | "timeout">;
  meter: ProgressMeter | undefined;
  /** Worker slots the chunks share (workers × concurrency). */
  slots: number;
}

type Range = [start: number, end: number];

/**
 * Runs `map` on `engine`. Chunks held back for timing register in `held` a function that sends
 * them at once (in Python's size): the pool calls it when it is closed, so every item of a map
 * begun before close() is accepted, as Python's Pool accepts it. `now` is the clock (ms).
 */
export function mapInChunks(
  engine: Pick<Engine, "submit">,
  map: ListMap,
  held: Set<() => void>,
  now: () => number = () => performance.now(),
): Promise<unknown[]> {
  const { task, list, chunk, options, meter, slots } = map;
  const count = list.length;
  const withdrawal = new AbortController();
  const results: unknown[][] = [];
  let pending = 0;
  let unsent = 0; // items held back, not yet sent
  let failed = false;
  let resolve!: (value: unknown[]) => void;
  let reject!: (error: unknown) => void;
  const all = new Promise<unknown[]>((res, rej) => {
    resolve = res;
    reject = rej;
  });

  // Once every chunk sent has settled (and none is held back): the result, and the last report.
  const settled = () => {
    if (pending > 0 || (unsent > 0 && !failed)) return;
    if (!failed) resolve(concat(results));
    if (meter) {
      if (unsent > 0) meter.settled(unsent, false); // never sent: counted as failed
      meter.finish();
    }
  };

  const send = ([start, end]: Range, onDone?: (items: number) => void) => {
    const args = list.slice(start, end);
    const index = results.length;
    results.push(args); // replaced by the chunk's results
    pending++;
    engine.submit({ task, args, chunk, options, withdraw: withdrawal.signal }).then(
      (value) => {
        results[index] = value as unknown[];
        pending--;
        meter?.settled(args.length, true);
        onDone?.(args.length);
        settled();
      },
      (error: unknown) => {
        pending--;
        meter?.settled(args.length, false);
        if (!failed) {
          failed = true;
          withdrawal.abort(WITHDRAWN);
          held.delete(sendRestNow);
          reject(error);
        }
        settled();
      },
    );
  };

  const planned = map.chunksize === undefined;
  const share = map.chunksize ?? chunkSize(count, slots, sampledItemBytes(list));
  const wave = planned ? firstWave(count, slots) : count;
  let started = 0;
  const sendRest = (size: number) => {
    if (unsent === 0 || failed) return;
    unsent = 0;
    held.delete(sendRestNow);
    for (const range of cut(wave, count, size)) send(range);
  };
  const sendRestNow = () => sendRest(share);
  // The first chunk back times the items: the rest goes in chunks sized by that time. Timed from
  // when the first wave is sent, not before: sending many chunks (of a process worker, through a
  // pipe) can take longer than the first chunk's items, and too long a time makes tiny chunks.
  const timed = (items: number) => sendRest(restSize(count, slots, (now() - started) / items, share));

  if (wave < count) {
    unsent = count - wave;
    held.add(sendRestNow);
  }
  if (planned) {
    for (const range of cut(0, wave, share)) send(range, unsent > 0 ? timed : undefined);
    started = now();
  } else {
    for (let i = 0; i < count; i += share) send([i, Math.min(count, i + share)]);
  }
  if (count === 0) settled();
  return all;
}
