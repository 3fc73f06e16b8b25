// The statistics the bench prints: medians of interleaved rounds, and a high percentile of the
// single round trips inside one round.

export { median } from "./median.ts";

/** The value below which `p` (0..1) of the samples lie (nearest rank); NaN for an empty list. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] as number;
}
