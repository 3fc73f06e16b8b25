// The size of map's chunks when no chunksize is given: Python's rule, capped by bytes. Plain
// arithmetic on the item count, the worker slots and a byte estimate of the items
// (item-bytes.ts); no clock, so the same list on the same pool is always cut the same way.
//
// Python's rule (about four chunks per worker slot) makes few messages, which is all that matters
// for tiny items. Items of KB each (pages of text, records) make chunks of megabytes, and a
// message that large keeps one side packing or unpacking it in one go while the other waits, and
// leaves few chunks to even out the end: there a chunk carries about CHUNK_BYTES of items.

/**
 * About the most bytes of items one automatic chunk carries. Swept on 6,000 pages of 3 KB on 2
 * workers (`pnpm bench`, "map of documents"): chunks of 25 to 50 pages (75 to 150 KB) were best or
 * within a few % of the best on Node, Deno and Bun, threads and processes; Python's 750 pages
 * (2.3 MB) were the slowest.
 */
export const CHUNK_BYTES = 128 * 1024;

/** Python's size: about four chunks per worker slot, at least one item. */
export function shareSize(items: number, slots: number): number {
  return Math.max(1, Math.ceil(items / (Math.max(1, slots) * 4)));
}

/**
 * map's default chunksize for `items` items of about `itemBytes` bytes each on `slots` worker
 * slots: Python's size, or as many items as fill CHUNK_BYTES where that is fewer (at least one).
 * An estimate of 0 (nothing known) keeps Python's size.
 */
export function autoChunksize(items: number, slots: number, itemBytes: number): number {
  const share = shareSize(items, slots);
  return itemBytes > 0 ? Math.max(1, Math.min(share, Math.floor(CHUNK_BYTES / itemBytes))) : share;
}
