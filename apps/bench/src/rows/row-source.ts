// Where rows come from. A module that wants to add rows (apps/bench/src/bullmq/, say) exports a
// RowSource and is listed in sources.ts: see README.md, "Adding rows".
import type { BenchResults, SourceSection } from "../results.ts";
import type { BenchRow, Selection } from "./row.ts";

/** A provider of rows: the bench's own, or an extension's. */
export interface RowSource {
  name: string;
  rows(selection: Selection): BenchRow[];
  /** Its own section of the report, from this run's results (for rows that set `section`). */
  section?(results: BenchResults): SourceSection | undefined;
}
