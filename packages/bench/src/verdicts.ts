// The comparisons, in words. Each holds two cells' medians against the noise of the pair (the larger
// of their spreads, at least MIN_NOISE): within it the two are called a tie.
import { cellLabel, runtimeKind, setting } from "./labels.ts";
import { labels } from "./runtimes.ts";
import type { BenchCell, BenchKind, BenchVerdict } from "./schema.ts";

/** No pair is told apart by less than this, whatever the spreads say (few rounds can agree by chance). */
export const MIN_NOISE = 0.03;

type Timed = BenchCell & { ms: NonNullable<BenchCell["ms"]> };
const timed = (cells: BenchCell[]): Timed[] => cells.filter((c): c is Timed => c.ms !== null && !c.error);

export function ratioText(ratio: number): string {
  return `${ratio.toFixed(ratio < 2 ? 2 : ratio < 10 ? 1 : 0)}×`;
}

const percent = (x: number) => `${Math.round(x * 100)}%`;

interface Pair {
  faster: Timed;
  slower: Timed;
  ratio: number;
  tie: boolean;
  noise: number;
}

export function pair(a: Timed, b: Timed): Pair {
  const [faster, slower] = a.ms.median <= b.ms.median ? [a, b] : [b, a];
  const ratio = slower.ms.median / faster.ms.median;
  const noise = Math.max(a.spread ?? 0, b.spread ?? 0, MIN_NOISE);
  return { faster, slower, ratio, tie: ratio - 1 <= noise, noise };
}

function verdict(topic: BenchVerdict["topic"], p: Pair, text: string): BenchVerdict {
  return {
    topic,
    text,
    faster: p.faster.id,
    slower: p.slower.id,
    ratio: Number(p.ratio.toFixed(3)),
    tie: p.tie,
    noise: Number(p.noise.toFixed(4)),
  };
}

const tieNote = (p: Pair) => `(${ratioText(p.ratio)}, within the noise ±${percent(p.noise)})`;

/** The fastest of the cells (lowest median). */
function best(cells: Timed[]): Timed | undefined {
  return cells.reduce<Timed | undefined>((b, c) => (b && b.ms.median <= c.ms.median ? b : c), undefined);
}

const workerCount = (c: BenchCell) => `${c.workers} worker${c.workers === 1 ? "" : "s"}`;

const pooled = (c: BenchCell) => c.mode === "map" || c.mode === "imap";

export function judge(cells: BenchCell[]): BenchVerdict[] {
  const all = timed(cells);
  const js = all.filter((c) => c.runtime !== "python");
  const runtimes = [...new Set(js.map((c) => c.runtime))];
  const kinds = [...new Set(js.map((c) => c.kind).filter((k): k is BenchKind => k !== null))];
  const out: BenchVerdict[] = [];

  // Runtimes against each other, each at its best pool setting of the kind.
  for (const kind of kinds) {
    const bests = runtimes
      .map((r) => best(js.filter((c) => c.runtime === r && c.kind === kind && pooled(c))))
      .filter((c): c is Timed => c !== undefined)
      .sort((a, b) => a.ms.median - b.ms.median);
    const [top, ...rest] = bests;
    for (const other of top ? rest : []) {
      const p = pair(top as Timed, other);
      const how = `(best of each: ${setting(p.faster)} vs ${setting(p.slower)})`;
      out.push(
        verdict(
          "runtimes",
          p,
          p.tie
            ? `${runtimeKind(p.faster)} and ${runtimeKind(p.slower)} tie on this task ${tieNote(p)}`
            : `${runtimeKind(p.faster)} ${ratioText(p.ratio)} ${runtimeKind(p.slower)} on this task ${how}`,
        ),
      );
    }
  }

  // Each runtime on its own; Python too (its Process per item against its Pool, its workers).
  const python = all.some((c) => c.runtime === "python") ? (["python"] as const) : [];
  for (const runtime of [...runtimes, ...python]) {
    const mine = all.filter((c) => c.runtime === runtime);
    const myKinds = (["thread", "process"] as const).filter((k) => mine.some((c) => c.kind === k));
    const label = labels[runtime];
    // Threads against processes.
    const thread = best(mine.filter((c) => c.kind === "thread" && pooled(c)));
    const proc = best(mine.filter((c) => c.kind === "process" && pooled(c)));
    if (thread && proc) {
      const p = pair(thread, proc);
      const text = p.tie
        ? `On ${label}, threads and processes tie here ${tieNote(p)}`
        : p.faster === thread && p.ratio < 2
          ? `On ${label}, processes cost ${percent(p.ratio - 1)} more than threads here`
          : `On ${label}, ${runtimeKind(p.faster).split(" ")[1]} ${ratioText(p.ratio)} ${runtimeKind(p.slower).split(" ")[1]} here`;
      out.push(verdict("kinds", p, text));
    }
    // One Process per item against a Pool, at the largest worker count both ran.
    for (const kind of myKinds) {
      const perItem = mine.filter((c) => c.kind === kind && c.mode === "process");
      const maps = mine.filter((c) => c.kind === kind && c.mode === "map");
      const w = Math.max(
        -1,
        ...perItem.map((c) => c.workers ?? 0).filter((n) => maps.some((m) => m.workers === n)),
      );
      const a = perItem.find((c) => c.workers === w);
      const b = maps.find((c) => c.workers === w);
      if (!a || !b) continue;
      const p = pair(a, b);
      const what = (c: Timed) =>
        c.mode === "map" ? `a Pool (map ×${w})` : `one Process per item (${w} at a time)`;
      out.push(
        verdict(
          "process-vs-pool",
          p,
          p.tie
            ? `On ${runtimeKind(a)}, ${what(b)} and ${what(a)} tie ${tieNote(p)}`
            : `On ${runtimeKind(a)}, ${what(p.faster)} is ${ratioText(p.ratio)} ${what(p.slower)}`,
        ),
      );
    }
    // More workers against one, for map.
    for (const kind of myKinds) {
      const maps = mine.filter((c) => c.kind === kind && c.mode === "map");
      const one = maps.find((c) => c.workers === 1);
      const most = maps.reduce<Timed | undefined>(
        (m, c) => ((c.workers ?? 0) > (m?.workers ?? 1) ? c : m),
        undefined,
      );
      if (!one || !most) continue;
      const p = pair(most, one);
      out.push(
        verdict(
          "workers",
          p,
          p.tie
            ? `On ${runtimeKind(one)}, map with ${most.workers} workers and with 1 tie ${tieNote(p)}`
            : `On ${runtimeKind(one)}, map with ${workerCount(p.faster)} is ${ratioText(p.ratio)} map with ${workerCount(p.slower)}`,
        ),
      );
    }
    // The best setting against the plain loop.
    const main = mine.find((c) => c.mode === "main");
    const top = best(mine.filter((c) => c.mode !== "main"));
    if (main && top) {
      const p = pair(top, main);
      out.push(
        verdict(
          "main",
          p,
          p.tie
            ? `On ${label}, the best setting (${cellLabel(top)}) ties with the plain loop on the main thread ${tieNote(p)}`
            : p.faster === top
              ? `On ${label}, ${cellLabel(top)} runs ${ratioText(p.ratio)} the plain loop on the main thread`
              : `On ${label}, the plain loop on the main thread is ${ratioText(p.ratio)} the best setting (${cellLabel(top)}): each item is too little work for workers to pay off`,
        ),
      );
    }
  }

  // Python's Pool.map against each runtime's best.
  const pyPool = best(all.filter((c) => c.runtime === "python" && c.mode === "map"));
  for (const runtime of pyPool ? runtimes : []) {
    const top = best(js.filter((c) => c.runtime === runtime && c.mode !== "main"));
    if (!top || !pyPool) continue;
    const p = pair(top, pyPool);
    const name = (c: Timed) => (c === pyPool ? `Python's Pool.map ×${c.workers}` : cellLabel(c));
    out.push(
      verdict(
        "python",
        p,
        p.tie
          ? `${name(top)} and ${name(pyPool)} tie on this task ${tieNote(p)}`
          : `${name(p.faster)} ${ratioText(p.ratio)} ${name(p.slower)} on this task`,
      ),
    );
  }
  return out;
}
