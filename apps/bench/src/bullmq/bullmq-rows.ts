// The BullMQ rows of `pnpm bench` (issue #14), kind "bullmq": a Node driver of @multiproc/bullmq
// with 1, 2 and 4 agents through a redis-server on loopback, each row starting its own, and beside
// each the same tiny tasks on raw BullMQ (bare `Worker`s, no multiproc code), so the page shows
// what multiproc costs over BullMQ itself. The section is written by bullmq-section.ts.
import type { BenchRow } from "../rows/row.ts";
import type { RowSource } from "../rows/row-source.ts";
import { AGENTS, BULLMQ_SECTION, idOf, rawIdOf, SCALE } from "./bullmq-plan.ts";
import { bullmqSection } from "./bullmq-section.ts";
import { redisMissing } from "./redis.ts";

export const bullmqRows: RowSource = {
  name: "bullmq",
  rows({ runtimes, kinds }) {
    // The driver and its agents run on Node; Deno and Bun agents are tested in packages/bullmq.
    if (!runtimes.includes("node") || !kinds.includes("bullmq")) return [];
    const missing = redisMissing();
    if (missing) {
      console.error(`skipped the BullMQ rows: ${missing}`);
      return [];
    }
    const plural = (n: number) => (n > 1 ? "s" : "");
    return AGENTS.flatMap((n): BenchRow[] => [
      {
        id: rawIdOf(n),
        label: `raw BullMQ, ${n} Worker${plural(n)} (concurrency 1)`,
        runtime: "node",
        kind: `bullmq-raw-${n}`,
        role: "floor",
        module: new URL("./raw-bullmq-contender.js", import.meta.url),
        scale: SCALE,
        section: BULLMQ_SECTION,
      },
      {
        id: idOf(n),
        label: `BullMQ, ${n} agent${plural(n)} × 1 worker`,
        runtime: "node",
        kind: `bullmq-${n}`,
        role: "multiproc",
        module: new URL("./bullmq-contender.js", import.meta.url),
        floor: rawIdOf(n),
        scale: SCALE,
        section: BULLMQ_SECTION,
      },
    ]);
  },
  section(results) {
    const rows = results.rows.filter((r) => r.section === BULLMQ_SECTION);
    return rows.length ? bullmqSection(results) : undefined;
  },
};
