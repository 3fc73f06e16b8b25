// The "BullMQ (across hosts)" section of the report: per agent count, multiproc's driver and
// agents beside raw BullMQ (tiny-task throughput, and their ratio round by round), the round
// trips, `map` in chunks; and its checks: multiproc at least raw BullMQ's rate with one agent,
// `map` over 10^5 items against its target.
import type { Metric } from "../measured.ts";
import { formatFigure } from "../report/table.ts";
import type { BenchResults, RowResult, SectionCheck, SourceSection } from "../results.ts";
import { median } from "../stats.ts";
import { CHUNKSIZE } from "./bullmq-contender.ts";
import { AGENTS, BULLMQ_SECTION, idOf, rawIdOf, SCALE } from "./bullmq-plan.ts";

/** The row `map`'s target is judged on, and the target. */
const MAP_AGENTS = 2;
const MAP_TARGET = 100_000;
/** Tiny tasks through one agent: at least raw BullMQ's rate with one Worker. */
const RAW_TARGET = 1;

const ms = (us: number | undefined) => (us === undefined ? undefined : us / 1000);
const show = (x: number | undefined) => (x === undefined ? "–" : formatFigure(x));
const count = (n: number) => n.toLocaleString("en-US");
/** " ±12%": half the spread over the rounds; nothing for a single round. */
const spread = (row: RowResult | undefined, metric: keyof RowResult["spread"]) => {
  const x = row?.spread[metric];
  return x === undefined || row?.rounds.length === 1 ? "" : ` ±${Math.round((x * 100) / 2)}%`;
};

/** A round's figure for `metric`: its best run (as the medians take it). */
function roundFigure(row: RowResult, round: number, metric: Metric): number | undefined {
  const xs = (row.rounds[round] ?? []).map((m) => m[metric]).filter((x): x is number => x !== undefined);
  return xs.length ? Math.max(...xs) : undefined;
}

/** `row` ÷ `base` for `metric` in each round both measured: each pair ran minutes apart at most, on the same load. */
export function roundRatios(
  row: RowResult | undefined,
  base: RowResult | undefined,
  metric: Metric,
): number[] {
  if (!row || !base) return [];
  const out: number[] = [];
  for (let round = 0; round < row.rounds.length; round++) {
    const a = roundFigure(row, round, metric);
    const b = roundFigure(base, round, metric);
    if (a !== undefined && b !== undefined && b > 0) out.push(a / b);
  }
  return out;
}

/** "1.23× (1.10–1.35)": the median of the rounds' ratios, and their range. */
const showRatio = (xs: number[]) =>
  xs.length === 0
    ? "–"
    : `${median(xs).toFixed(2)}×${xs.length > 1 ? ` (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})` : ""}`;

export function bullmqSection(results: BenchResults): SourceSection {
  const s = results.settings;
  const tasks = Math.round(s.tasks * SCALE.tasks);
  const mapItems = Math.round(s.mapItems * SCALE.mapItems);
  const find = (id: string) => results.rows.find((r) => r.id === id);
  const measured = (row: RowResult | undefined) => (row?.rounds.flat().length ? row : undefined);
  const table = [
    "| agents × workers | tiny tasks/s, multiproc | tiny tasks/s, raw BullMQ | multiproc ÷ raw | round trip ms (p50), multiproc / raw | round trip ms (p99), multiproc / raw | map numbers/s | map objects/s |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...AGENTS.map((agents) => {
      const row = measured(find(idOf(agents)));
      const raw = measured(find(rawIdOf(agents)));
      const failed = (id: string) => `failed: ${find(id)?.errors[0] ?? "no run"}`;
      const m = row?.median;
      const r = raw?.median;
      const burst = row ? `${show(m?.burstPerSec)}${spread(row, "burstPerSec")}` : failed(idOf(agents));
      const rawBurst = raw ? `${show(r?.burstPerSec)}${spread(raw, "burstPerSec")}` : failed(rawIdOf(agents));
      const ratio = showRatio(roundRatios(row, raw, "burstPerSec"));
      const trip = (metric: "tripMedianUs" | "tripP99Us") =>
        `${show(ms(m?.[metric]))} / ${show(ms(r?.[metric]))}`;
      return `| ${agents} × 1 | ${burst} | ${rawBurst} | ${ratio} | ${trip("tripMedianUs")} | ${trip("tripP99Us")} | ${show(m?.mapNumbersPerSec)} | ${show(m?.mapObjectsPerSec)} |`;
    }),
  ].join("\n");
  const checks = bullmqChecks(find, mapItems);
  const checkRows = checks.map((c) => {
    const verdict = c.pass === null ? "" : c.pass ? " pass" : " **miss**";
    const got = c.measured === null ? "not measured" : `${formatFigure(c.measured)} ${c.unit}`;
    return `| ${c.target} | ${got} | ${c.bound}${verdict} |`;
  });
  const markdown = `The same Pool API across hosts (\`@multiproc/bullmq\`), measured on this one machine: per row and round, a fresh Node driver (\`measure.js\` with \`src/bullmq/bullmq-contender.ts\`) starts its own \`redis-server\` on loopback (no persistence) and its agents (\`multiproc-agent\` on Node, 1 worker of kind thread each), and stops them after. Redis, the driver and the agents share the machine's ${results.machine.cores} cores, so more agents cannot add throughput here as they would on hosts of their own.

Beside each, **raw BullMQ** (\`src/bullmq/raw-bullmq-contender.ts\`), what a BullMQ user would write with no multiproc code: its own \`redis-server\`, and as many bare BullMQ \`Worker\`s (concurrency 1, returning \`a + b\`), each in a child process of its own; the calls of one event-loop turn go in one \`queue.addBulk\` (the burst), a lone call in one \`queue.add\` (a round trip), results come back by one \`QueueEvents\` listener on "completed", and jobs are removed on completion (\`removeOnComplete\`). multiproc keeps each result in Redis until its driver has read it, then removes it.

- **tiny tasks**: ${count(tasks)} \`apply\` calls of \`({ a, b }) => a + b\` at once, tasks per second until the last answer.
- **multiproc ÷ raw**: the median over rounds of each round's ratio (the two rows run one after the other in every round, so each ratio compares runs under the same load), and in brackets the range over the rounds.
- **round trip**: ${count(s.trips)} calls one at a time, each through Redis and back, on one pool per round (three before 7 December 2026; through Redis, where the OS placed the threads does not show); median and 99th percentile, ms. Both contenders first make 1,000 round trips not counted: a burst that travels in a few large jobs leaves the code of single jobs cold.
- **map**: \`pool.map\` of ${count(mapItems)} numbers (\`x + 1\`) and of ${count(mapItems)} \`{ a, b }\` objects with \`chunksize: ${CHUNKSIZE}\`, items per second (median of ${s.repeats} per row and round); raw BullMQ has no map.
- ± is half the spread of the burst over the ${s.rounds} round${s.rounds === 1 ? "" : "s"} ((max − min) ÷ median ÷ 2).

${table}

| target | measured | bound |
|---|---:|---|
${checkRows.join("\n")}`;
  return { title: BULLMQ_SECTION, markdown, checks };
}

function bullmqChecks(find: (id: string) => RowResult | undefined, mapItems: number): SectionCheck[] {
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
  const one = find(idOf(1))?.median;
  const mapRate = find(idOf(MAP_AGENTS))?.median.mapNumbersPerSec;
  // Judged as printed, to the item: the runs are nowhere near more precise than that.
  const shown = mapRate === undefined ? undefined : Math.round(mapRate);
  const vsRaw = (agents: number) => {
    const xs = roundRatios(find(idOf(agents)), find(rawIdOf(agents)), "burstPerSec");
    return xs.length ? median(xs) : undefined;
  };
  // Judged as printed, to two decimals.
  const oneVsRaw = vsRaw(1) === undefined ? undefined : Math.round((vsRaw(1) as number) * 100) / 100;
  const plural = (n: number) => (n > 1 ? "s" : "");
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
        `Tiny-task throughput, ${agents} agent${plural(agents)} × 1 worker`,
        find(idOf(agents))?.median.burstPerSec,
        "tasks/s",
      ),
    ),
    {
      id: "bullmq-vs-raw-1",
      target: "Tiny-task throughput, 1 agent × 1 worker ÷ raw BullMQ, 1 Worker (concurrency 1)",
      measured: oneVsRaw ?? null,
      unit: "×",
      bound: `≥ ${RAW_TARGET}×`,
      pass: oneVsRaw === undefined ? null : oneVsRaw >= RAW_TARGET,
    },
    ...AGENTS.slice(1).map((agents) =>
      reported(
        `bullmq-vs-raw-${agents}`,
        `Tiny-task throughput, ${agents} agents × 1 worker ÷ raw BullMQ, ${agents} Workers`,
        vsRaw(agents),
        "×",
      ),
    ),
    {
      id: "bullmq-map",
      target: `\`map\` over ${count(mapItems)} items, chunksize ${CHUNKSIZE}, ${MAP_AGENTS} agents (issue #14)`,
      measured: shown ?? null,
      unit: "items/s",
      bound: `≥ ${MAP_TARGET.toLocaleString("en-US")} items/s`,
      pass: shown === undefined ? null : shown >= MAP_TARGET,
    },
  ];
}
