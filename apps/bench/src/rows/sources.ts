// Every source of rows, in table order. An extension adds its RowSource here (one import, one
// entry): see README.md, "Adding rows".
import { bullmqRows } from "../bullmq/bullmq-rows.ts";
import { chunkRows } from "../chunks/chunk-rows.ts";
import { coreRows } from "./core-rows.ts";
import type { BenchRow, Selection } from "./row.ts";
import type { RowSource } from "./row-source.ts";

export const rowSources: RowSource[] = [coreRows, chunkRows, bullmqRows];

/**
 * The rows of every source for this selection (of the sources named in `only`, if given); two rows
 * with one id are a mistake, said so.
 */
export function planRows(selection: Selection, only?: readonly string[]): BenchRow[] {
  const rows = rowSources
    .filter((source) => !only || only.includes(source.name))
    .flatMap((source) => source.rows(selection));
  const ids = new Set<string>();
  for (const row of rows) {
    if (ids.has(row.id)) throw new Error(`two rows have the id ${row.id}`);
    ids.add(row.id);
  }
  return rows;
}
