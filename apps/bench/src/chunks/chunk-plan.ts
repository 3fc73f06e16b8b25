// What the "map of documents" rows are (chunk-rows.ts), what each run sweeps (chunk-contender.ts)
// and how the section reads them (chunk-section.ts).

export const CHUNKS_SECTION = "map of documents: the default chunks against fixed ones";
/** Against the run's sizes: the documents are 0.3 × the map items (6,000 in a full run, 600 --quick). */
export const SCALE = { mapItems: 0.3 };
/** The fixed chunksizes swept beside the default, besides Python's own (see variants()). */
export const FIXED_SIZES = [10, 25, 50, 100, 250] as const;
/** How far the default may be from the best fixed chunksize: the check of issue #20. */
export const WITHIN = 1.05;

export const idOf = (runtime: string, kind: string): string => `${runtime}/${kind}/map-chunks`;

/** Python's rule for `count` items on `workers` slots: about four chunks per slot. */
export const pythonSize = (count: number, workers: number): number =>
  Math.max(1, Math.ceil(count / (workers * 4)));

/** The variants one run maps with: "default" (no chunksize), then each fixed size by its name. */
export function variants(count: number, workers: number): { name: string; chunksize?: number }[] {
  const sizes = [...new Set([...FIXED_SIZES, pythonSize(count, workers)])].sort((a, b) => a - b);
  return [{ name: "default" }, ...sizes.map((chunksize) => ({ name: String(chunksize), chunksize }))];
}
