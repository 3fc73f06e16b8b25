// The calls every cell runs, as argument lists: --input (each element one call's argument),
// --range N (0 … N-1) or --args (one call with those arguments).
import { readFileSync } from "node:fs";
import { type BenchOptions, jsonArray, UsageError } from "./options.ts";

export interface WorkItems {
  source: "input" | "range" | "args";
  calls: unknown[][];
  /** Every call has exactly one argument (so `map` and `imap` can take the items as they are). */
  single: boolean;
}

export function loadWorkItems(options: BenchOptions): WorkItems {
  if (options.args !== undefined) {
    return { source: "args", calls: [options.args], single: options.args.length === 1 };
  }
  if (options.range !== undefined) {
    return { source: "range", calls: Array.from({ length: options.range }, (_, i) => [i]), single: true };
  }
  const file = options.input as string;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(
      `--input ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  const items = jsonArray(`--input ${file}`, text);
  if (items.length === 0) throw new UsageError(`--input ${file} is an empty array: nothing to run`);
  return { source: "input", calls: items.map((item) => [item]), single: true };
}
