// The BullMQ rows of `pnpm bench` (issue #14): a Node driver of @multiproc/bullmq with 1, 2 and 4
// agents through a redis-server on loopback, each row starting its own; and their section of the
// report: round trip p50/p99, tiny-task throughput per agent count, and map over 10^5 items in
// chunks against its target.
import { formatFigure } from "../report/table.ts";
import type { BenchResults, RowResult, SectionCheck, SourceSection } from "../results.ts";
import type { BenchRow } from "../rows/row.ts";
import type { RowSource } from "../rows/row-source.ts";
import { CHUNKSIZE } from "./bullmq-contender.ts";
import { redisMissing } from "./redis.ts";

export const BULLMQ_SECTION = "BullMQ (across hosts)";
const AGENTS = [1, 2, 4] as const;
/** The row `map`'s target is judged on, and the target. */
const MAP_AGENTS = 2;
const MAP_TARGET = 100_000;
/** Against the run's sizes: a fifth of the burst (each call is a Redis job), 5× the map items (10^5). */
const SCALE = { tasks: 0.2, mapItems: 5 };

const idOf = (agents: number) => `node/bullmq/${agents}-agent${agents > 1 ? "s" : ""}`;

export const bullmqRows: RowSource = {
  name: "bullmq",
  rows({ runtimes }) {
    // The driver and its agents run on Node; Deno and Bun agents are tested in packages/bullmq.
    if (!runtimes.includes("node")) return [];
    const missing = redisMissing();
    if (missing) {
      console.error(`skipped the BullMQ rows: ${missing}`);
      return [];
    }
    return AGENTS.map(
      (agents): BenchRow => ({
        id: idOf(agents),
        label: `BullMQ, ${agents} agent${agents > 1 ? "s" : ""} × 1 worker`,
        runtime: "node",
        kind: `bullmq-${agents}`,
        role: "multiproc",
        module: new URL("./bullmq-contender.js", import.meta.url),
        scale: SCALE,
        section: BULLMQ_SECTION,
      }),
    );
  },
  section(results) {
    const rows = AGENTS.map((agents) => results.rows.find((r) => r.id === idOf(agents)));
    if (!rows.some(Boolean)) return undefined;
    return bullmqSection(results, rows);
  },
};

const ms = (us: number | undefined) => (us === undefined ? undefined : us / 1000);
const show = (x: number | undefined) => (x === undefined ? "–" : formatFigure(x));
const count = (n: number) => n.toLocaleString("en-US");
/** " ±12%": half the spread over the rounds; nothing for a single round. */
const spread = (row: RowResult | undefined, metric: keyof RowResult["spread"]) => {
  const x = row?.spread[metric];
  return x === undefined || row?.rounds.length === 1 ? "" : ` ±${Math.round((x * 100) / 2)}%`;
};

function bullmqSection(results: BenchResults, rows: (RowResult | undefined)[]): SourceSection {
  const s = results.settings;
  const tasks = Math.round(s.tasks * SCALE.tasks);
  const mapItems = Math.round(s.mapItems * SCALE.mapItems);
  const byAgents = (agents: number) => rows[AGENTS.indexOf(agents as (typeof AGENTS)[number])];
  const table = [
    "| agents × workers | tiny tasks/s (burst) | round trip ms (p50) | round trip ms (p99) | map numbers/s | map objects/s |",
    "|---|---:|---:|---:|---:|---:|",
    ...AGENTS.map((agents) => {
      const row = byAgents(agents);
      if (!row?.rounds.flat().length)
        return `| ${agents} × 1 | failed: ${row?.errors[0] ?? "no run"} | | | | |`;
      const m = row.median;
      return `| ${agents} × 1 | ${show(m.burstPerSec)}${spread(row, "burstPerSec")} | ${show(ms(m.tripMedianUs))} | ${show(ms(m.tripP99Us))} | ${show(m.mapNumbersPerSec)} | ${show(m.mapObjectsPerSec)} |`;
    }),
  ].join("\n");
  const checks = bullmqChecks(byAgents, mapItems);
  const checkRows = checks.map((c) => {
    const verdict = c.pass === null ? "" : c.pass ? " pass" : " **miss**";
    const got = c.measured === null ? "not measured" : `${formatFigure(c.measured)} ${c.unit}`;
    return `| ${c.target} | ${got} | ${c.bound}${verdict} |`;
  });
  const markdown = `The same Pool API across hosts (\`@multiproc/bullmq\`), measured on this one machine: per row and round, a fresh Node driver (\`measure.js\` with \`src/bullmq/bullmq-contender.ts\`) starts its own \`redis-server\` on loopback (no persistence) and its agents (\`multiproc-agent\` on Node, 1 worker of kind thread each), and stops them after. Redis, the driver and the agents share the machine's ${results.machine.cores} cores, so more agents cannot add throughput here as they would on hosts of their own.

- **tiny tasks**: ${count(tasks)} \`apply\` calls of \`({ a, b }) => a + b\` at once, tasks per second until the last answer; each call is a BullMQ job.
- **round trip**: ${count(s.trips)} calls one at a time, each through Redis and back; median and 99th percentile, ms.
- **map**: \`pool.map\` of ${count(mapItems)} numbers (\`x + 1\`) and of ${count(mapItems)} \`{ a, b }\` objects with \`chunksize: ${CHUNKSIZE}\`, items per second (median of ${s.repeats} per row and round).
- ± is half the spread of the burst over the ${s.rounds} round${s.rounds === 1 ? "" : "s"} ((max − min) ÷ median ÷ 2).

${table}

| target (issue #14) | measured | bound |
|---|---:|---|
${checkRows.join("\n")}`;
  return { title: BULLMQ_SECTION, markdown, checks };
}

function bullmqChecks(byAgents: (agents: number) => RowResult | undefined, mapItems: number): SectionCheck[] {
  const reported = (
    id: string,
    target: string,
    measured: number | undefined,
    unit: string,
  ): SectionCheck => ({
    id,
    target,
    measured: measured ?? null,
    unit,
    bound: "reported",
    pass: null,
  });
  const one = byAgents(1)?.median;
  const mapRate = byAgents(MAP_AGENTS)?.median.mapNumbersPerSec;
  // Judged as printed, to the item: the runs are nowhere near more precise than that.
  const shown = mapRate === undefined ? undefined : Math.round(mapRate);
  return [
    reported(
      "bullmq-trip-p50",
      "Round trip through Redis on loopback, p50 (1 agent)",
      ms(one?.tripMedianUs),
      "ms",
    ),
    reported(
      "bullmq-trip-p99",
      "Round trip through Redis on loopback, p99 (1 agent)",
      ms(one?.tripP99Us),
      "ms",
    ),
    ...AGENTS.map((agents) =>
      reported(
        `bullmq-tiny-${agents}`,
        `Tiny-task throughput, ${agents} agent${agents > 1 ? "s" : ""} × 1 worker`,
        byAgents(agents)?.median.burstPerSec,
        "tasks/s",
      ),
    ),
    {
      id: "bullmq-map",
      target: `\`map\` over ${count(mapItems)} items, chunksize ${CHUNKSIZE}, ${MAP_AGENTS} agents`,
      measured: shown ?? null,
      unit: "items/s",
      bound: `≥ ${MAP_TARGET.toLocaleString("en-US")} items/s`,
      pass: shown === undefined ? null : shown >= MAP_TARGET,
    },
  ];
}
