// min, median and max of a list of milliseconds.
export interface Summary {
  min: number;
  median: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  // The driver summarizes only cells that ran; an empty list would give NaN, not a crash.
  const at = (i: number) => sorted[i] ?? Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
  const round = (x: number) => Math.round(x * 100) / 100;
  return { min: round(at(0)), median: round(median), max: round(at(sorted.length - 1)) };
}
