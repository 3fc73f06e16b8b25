// How map cuts its items when no chunksize is given. Plain arithmetic, no clock: the caller
// measures and hands in the time an item took.
//
// The first half of the items goes at once in Python's chunks (about four per worker slot: few
// messages, which is all that matters for tiny items). When the first of those chunks comes back,
// its time per item sizes the rest: tiny items keep Python's size; items that take real time go in
// chunks of a few ms of work each, so no worker sits idle at the end while another finishes a big
// chunk (and a loaded machine slowing one worker costs little).

/** What one more chunk is reckoned to cost beyond its items (ms: a round trip, packing, a promise). */
export const CHUNK_COST_MS = 0.2;

/** Python's size: about four chunks per worker slot, at least one item. No automatic chunk is larger. */
export function shareSize(items: number, slots: number): number {
  return Math.max(1, Math.ceil(items / (Math.max(1, slots) * 4)));
}

/** How many items go at once, before any has been timed: two of Python's chunks per slot, half the items. */
export function firstWave(items: number, slots: number): number {
  return Math.min(items, 2 * Math.max(1, slots) * shareSize(items, slots));
}

/**
 * The size of the chunks after the first wave, for items that take `itemMs` each. The chunk's
 * time balances its cost (CHUNK_COST_MS per chunk, added up over all of them) against the time a
 * worker may idle at the end (about half the last chunk's): for `work` ms of items per slot, a
 * chunk of √(2 × work × CHUNK_COST_MS) ms costs least. Never more than Python's size, never
 * less than one item.
 */
export function restSize(items: number, slots: number, itemMs: number): number {
  const share = shareSize(items, slots);
  if (!(itemMs > 0)) return share; // too fast to time: Python's size
  const work = (items * itemMs) / Math.max(1, slots);
  const chunkMs = Math.sqrt(2 * work * CHUNK_COST_MS);
  return Math.min(share, Math.max(1, Math.round(chunkMs / itemMs)));
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
