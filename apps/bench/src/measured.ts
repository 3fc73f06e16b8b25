// One run of one row, as the measuring child prints it (a line "BENCH {json}" on stdout), the
// same from JavaScript rows and from Python's script.

/** What one run of a row measured; a field is absent where the row has no such thing. */
export interface Measured {
  /** The runtime's version, as the child saw it. */
  version: string;
  /** From creating the pool to both workers having answered once, ms. */
  readyMs?: number;
  /** A burst of all the tasks at once: tasks per second. */
  burstPerSec?: number;
  /** One call at a time: the median and the 99th percentile of single calls, µs. */
  tripMedianUs?: number;
  tripP99Us?: number;
  /** `map` over numbers and over `{ a, b }` objects: items per second. */
  mapNumbersPerSec?: number;
  mapObjectsPerSec?: number;
  /** The article's Process program (two tasks, a worker each, start + join), median ms. */
  processStartMs?: number;
  /** The "map of documents" rows: per variant ("default", or a fixed chunksize), the run's median ms. */
  chunkSweepMs?: Record<string, number>;
}

/** The metrics, in the order tables print them. */
export const metrics = [
  "burstPerSec",
  "tripMedianUs",
  "tripP99Us",
  "mapNumbersPerSec",
  "mapObjectsPerSec",
  "processStartMs",
  "readyMs",
] as const;

export type Metric = (typeof metrics)[number];

/** Whether more is better for `metric` (rates) or less (times). */
export const higherIsBetter = (metric: Metric): boolean => metric.endsWith("PerSec");

/** The prefix of the one stdout line a measuring child reports on. */
export const REPORT_PREFIX = "BENCH ";
