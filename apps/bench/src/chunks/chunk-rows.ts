// The "map of documents" rows of `pnpm bench` (issue #20): per runtime and kind, one pool maps
// 6,000 short Markdown-like pages to HTML with map's default chunks and with fixed chunksizes;
// the section (chunk-section.ts) checks that the default is within 5% of the best of them.
import { type BenchRow, jsRuntimes } from "../rows/row.ts";
import type { RowSource } from "../rows/row-source.ts";
import { CHUNKS_SECTION, idOf, SCALE } from "./chunk-plan.ts";
import { chunksSection } from "./chunk-section.ts";

export const chunkRows: RowSource = {
  name: "chunks",
  rows({ runtimes, kinds }) {
    return jsRuntimes
      .filter((runtime) => runtimes.includes(runtime))
      .flatMap((runtime) =>
        kinds
          .filter((kind) => kind === "thread" || kind === "process")
          .map(
            (kind): BenchRow => ({
              id: idOf(runtime, kind),
              label: "multiproc map of documents",
              runtime,
              kind,
              role: "multiproc",
              module: new URL("./chunk-contender.js", import.meta.url),
              scale: SCALE,
              section: CHUNKS_SECTION,
            }),
          ),
      );
  },
  section(results) {
    return results.rows.some((r) => r.section === CHUNKS_SECTION) ? chunksSection(results) : undefined;
  },
};
