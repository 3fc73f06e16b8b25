// pnpm bench's options. A full run (every runtime and kind, not --quick) writes
// results/latest.json and docs/benchmarks.md; any other run writes results/partial.json and no
// page unless --docs says where.
import { join } from "node:path";
import { benchDir } from "./launch.ts";
import type { Sizes } from "./measure-run.ts";
import { jsRuntimes, type RowRuntime } from "./rows/row.ts";
import { count, parseArgs } from "./soak/args.ts";

export const help = `pnpm bench [options]    (or: node apps/bench/dist/run.js [options])
  --runtimes LIST   node,deno,bun,python (default: all)
  --kinds LIST      thread,process,bullmq (default: all); bullmq: the BullMQ rows
                    (Node only, redis-server needed), multiproc's and raw BullMQ's
  --sources LIST    core,chunks,bullmq: which sets of rows (default: all); chunks: the
                    "map of documents" rows (map's default chunks against fixed ones)
  --rounds N        interleaved rounds; each figure is the median over them (default 5)
  --quick           few tasks, one round, every row: a smoke run (figures not meaningful)
  --only start      only the Process start: the floors', multiproc's and Python's rows of the
                    runtimes and kinds chosen, nothing else measured (start-up work, in minutes)
  --tasks N         burst size (20000; --quick 2000)
  --trips N         single round trips (2000; --quick 200)
  --map-items N     items per map (20000; --quick 2000)
  --repeats N       runs of each map and of the Process program per row and round,
                    their median counted (5; --quick 1)
  --timeout S       seconds one row may take before it is killed and reported failed (300)
  --json FILE       where the results go (full run: apps/bench/results/latest.json,
                    otherwise apps/bench/results/partial.json)
  --docs FILE       where the page goes (full run: docs/benchmarks.md, otherwise none)
  --no-docs         write no page
  --report FILE     write the page from a results JSON, measure nothing (to --docs FILE,
                    else docs/benchmarks.md; with --no-docs, to standard output)
  --help            this text`;

export interface Options {
  help: boolean;
  quick: boolean;
  /** "start": only the Process start is measured. */
  only: "start" | null;
  runtimes: RowRuntime[];
  kinds: string[];
  /** The row sources to run (sources.ts names). */
  sources: string[];
  rounds: number;
  sizes: Sizes;
  timeoutMs: number;
  json: string;
  docs: string | null;
  report: string | null;
}

const allRuntimes: RowRuntime[] = [...jsRuntimes, "python"];
const allKinds = ["thread", "process", "bullmq"];
const allSources = ["core", "chunks", "bullmq"];

function list<T extends string>(value: string | true | undefined, known: readonly T[], what: string): T[] {
  if (value === undefined || value === true) return [...known];
  const names = value.split(",").map((s) => s.trim());
  for (const name of names) {
    if (!known.includes(name as T)) throw new Error(`unknown ${what} "${name}"; known: ${known.join(", ")}`);
  }
  return names as T[];
}

export function readOptions(argv: string[]): Options {
  const o = parseArgs(argv);
  const quick = o.quick === true;
  const runtimes = list(o.runtimes, allRuntimes, "runtime");
  const kinds = list(o.kinds, allKinds, "kind");
  if (o.only !== undefined && o.only !== "start") throw new Error(`unknown --only "${o.only}"; known: start`);
  const only = o.only === "start" ? "start" : null;
  const sources = list(o.sources, allSources, "source");
  const complete =
    !quick &&
    !only &&
    runtimes.length === allRuntimes.length &&
    kinds.length === allKinds.length &&
    sources.length === allSources.length;
  const path = (value: string | true | undefined) => (typeof value === "string" ? value : null);
  return {
    help: o.help === true,
    quick,
    only,
    runtimes,
    kinds,
    sources,
    rounds: count(o.rounds, quick ? 1 : 5),
    sizes: {
      tasks: count(o.tasks, quick ? 2_000 : 20_000),
      trips: count(o.trips, quick ? 200 : 2_000),
      mapItems: count(o["map-items"], quick ? 2_000 : 20_000),
      repeats: count(o.repeats, quick ? 1 : 5),
    },
    timeoutMs: count(o.timeout, 300) * 1000,
    json: path(o.json) ?? join(benchDir, "results", complete ? "latest.json" : "partial.json"),
    // --report always makes a page: to --docs, else the repository's; with --no-docs, to stdout (null).
    docs: o["no-docs"]
      ? null
      : (path(o.docs) ??
        (complete || o.report !== undefined ? join(benchDir, "..", "..", "docs", "benchmarks.md") : null)),
    report: path(o.report),
  };
}
