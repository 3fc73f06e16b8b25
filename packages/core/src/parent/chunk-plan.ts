// How map cuts its items when no chunksize is given. Plain arithmetic, no clock: the caller
// measures and hands in the time an item took.
//
// Three quarters of the items go at once in Python's chunks (about four per worker slot: few
// messages, which is all that matters for tiny items; enough queued that the workers do not run
// dry while the first answer comes back), or in chunks of CHUNK_BYTES where items are large
// (pages of text, records): a message of megabytes keeps the parent packing or unpacking it
// while a worker waits for its next chunk. When the first chunk comes back, its time per item
// sizes the rest: tiny items keep the size; items that take real time go in chunks of a few ms
// of work each, so no worker sits idle at the end while another finishes a big chunk.

/**
 * What one more chunk is reckoned to cost beyond its items, ms: a round trip, packing, a promise.
 * `pnpm bench` measures a pool's round trip at 0.01–0.07 ms (threads and processes, Node, Deno,
 * Bun): this is the top of that range.
 */
export const CHUNK_COST_MS = 0.05;

/**
 * A first chunk quicker than this (ms) keeps Python's size for the rest: its time is then mostly
 * the round trip and the sending of the other chunks, not its items, and at most this much can
 * be lost at the end.
 */
export const TIMED_MIN_MS = 5;

/**
 * About the most bytes of items one automatic chunk carries. One much larger keeps a side busy
 * packing or unpacking it while the other waits; much smaller, and process workers pay more
 * messages. Swept on 6,000 pages of 3 KB (`pnpm bench`, "map of documents"): chunks of 25 to 100
 * pages (80 to 320 KB) were best, depending on runtime and kind.
 */
export const CHUNK_BYTES = 128 * 1024;

/** Python's size: about four chunks per worker slot, at least one item. No automatic chunk is larger. */
export function shareSize(items: number, slots: number): number {
  return Math.max(1, Math.ceil(items / (Math.max(1, slots) * 4)));
}

/** The size of the first chunks: Python's, or fewer items where they are large (CHUNK_BYTES at most). */
export function chunkSize(items: number, slots: number, itemBytes: number): number {
  const share = shareSize(items, slots);
  return itemBytes > 0 ? Math.max(1, Math.min(share, Math.floor(CHUNK_BYTES / itemBytes))) : share;
}

/** How many items go at once, before any has been timed: three of Python's chunks per slot, three quarters of the items. */
export function firstWave(items: number, slots: number): number {
  return Math.min(items, 3 * Math.max(1, slots) * shareSize(items, slots));
}

/**
 * The size of the chunks after the first wave, for items that take `itemMs` each (as timed on a
 * first chunk of Python's size: under TIMED_MIN_MS in all, Python's size is kept). The chunk's
 * time balances its cost (CHUNK_COST_MS per chunk, added up over all of them) against the time a
 * worker may idle at the end (about half the last chunk's): for `work` ms of items per slot, a
 * chunk of √(2 × work × CHUNK_COST_MS) ms costs least. Never more than `largest` (the first
 * chunks' size), never less than one item.
 */
export function restSize(
  items: number,
  slots: number,
  itemMs: number,
  largest = shareSize(items, slots),
): number {
  // Too fast to time (or NaN): the size so far.
  if (!(itemMs * shareSize(items, slots) >= TIMED_MIN_MS)) return largest;
  const work = (items * itemMs) / Math.max(1, slots);
  const chunkMs = Math.sqrt(2 * work * CHUNK_COST_MS);
  return Math.min(largest, Math.max(1, Math.round(chunkMs / itemMs)));
}

/** [start, end) cut into chunks of about `size` items, as even as can be (no short last chunk). */
export function cut(start: number, end: number, size: number): [start: number, end: number][] {
  const total = end - start;
  if (total <= 0) return [];
  const count = Math.ceil(total / Math.max(1, size));
  const out: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    out.push([start + Math.floor((total * i) / count), start + Math.floor((total * (i + 1)) / count)]);
  }
  return out;
}
