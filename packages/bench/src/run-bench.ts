// runBench(plan): the engine of the command, called from a program. The runtimes are found and
// checked (each loads every workload's module and finds its task), then every cell of every
// workload, and every external cell, runs once per round in a fresh child, rounds interleaved.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { resolveAdapter, resolveTsx } from "./adapters.ts";
import type {
  BenchExternalCell,
  BenchPlan,
  BenchRun,
  BenchRunCell,
  BenchSetting,
  BenchWorkload,
} from "./bench-plan.ts";
import { type PlannedCell, runRounds } from "./measure.ts";
import { findRuntime, labels } from "./runtimes.ts";
import type { BenchRuntime, BenchRuntimeId } from "./schema.ts";
import {
  argvFor,
  BenchFailure,
  checkRuntimes,
  childScript,
  findModule,
  missing,
  record,
  specFor,
  type UsedRuntime,
} from "./setup.ts";
import { type MeasuredCell, runNoise, summarize } from "./summarize.ts";

interface KeyedRuntime extends UsedRuntime {
  key: string;
}

/** A planned cell and what it was in the plan. */
type Entry = { planned: PlannedCell; extra: Pick<BenchRunCell, "workload" | "key" | "setting"> };

/**
 * Measures a plan: each workload on each runtime in each of its settings, and the external cells,
 * every one once per round in a fresh child process, rounds interleaved. Rejects before measuring
 * when a runtime cannot load a workload's module or find its task; a run that fails marks its cell.
 */
export async function runBench(plan: BenchPlan): Promise<BenchRun> {
  const started = performance.now();
  const cwd = plan.cwd ?? process.cwd();
  const warmup = plan.warmup ?? 0;
  const modules = new Map(plan.workloads.map((w) => [w.name, findModule(w.module, cwd)]));
  const { used, records } = findRuntimes(plan, modules.values().next().value ?? cwd, cwd);
  const dir = mkdtempSync(join(tmpdir(), "multiproc-bench-"));
  try {
    const callsFiles = new Map<string, string>();
    for (const w of plan.workloads) {
      const file = join(dir, `${callsFiles.size}.json`);
      writeFileSync(file, JSON.stringify(w.calls));
      callsFiles.set(w.name, file);
    }
    // One check per module and task, all at once: each says which runtime cannot load what.
    const checks = new Map(plan.workloads.map((w) => [`${w.module}\0${w.task}`, w]));
    await Promise.all(
      [...checks.values()].map((w) =>
        checkRuntimes(used, w, modules.get(w.name) as string, callsFiles.get(w.name) as string, cwd),
      ),
    );
    const entries: Entry[] = [];
    for (const w of plan.workloads) {
      const [modulePath, callsFile] = [modules.get(w.name) as string, callsFiles.get(w.name) as string];
      for (const runtime of used) {
        for (const setting of w.settings) entries.push(jsCell(runtime, w, setting, modulePath, callsFile));
      }
    }
    for (const external of plan.external ?? []) entries.push(externalCell(external));
    const planned = entries.map((e) => e.planned);
    const total = planned.reduce((sum, p) => sum + warmup + (p.repetitions ?? plan.repetitions), 0);
    let done = 0;
    await runRounds(planned, {
      repetitions: plan.repetitions,
      warmup,
      timeoutMs: plan.timeoutMs ?? 120_000,
      cwd,
      calls: [],
      progress: { step: (text) => plan.onProgress?.(++done, total, text) },
    });
    const figures = summarize(planned.map((p) => p.cell));
    const cells = figures.map((cell, i): BenchRunCell => ({ ...cell, ...entries[i]?.extra }) as BenchRunCell);
    // The speed-up over `main` compares within one runtime key and one workload.
    for (const cell of cells) {
      const main = cells.find((c) => c.key === cell.key && c.workload === cell.workload && c.mode === "main");
      cell.speedUp = main?.ms && cell.ms ? Number((main.ms.median / cell.ms.median).toFixed(3)) : null;
    }
    return {
      runtimes: records,
      cells,
      noise: runNoise(cells),
      seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function findRuntimes(plan: BenchPlan, modulePath: string, cwd: string) {
  const used: KeyedRuntime[] = [];
  const records: BenchRuntime[] = [];
  for (const choice of plan.runtimes) {
    const found = findRuntime(choice.id, choice.path && resolve(cwd, choice.path), cwd);
    if (!found.ok) {
      records.push(missing(choice.id, found.reason));
      continue;
    }
    const adapter = resolveAdapter(choice.id, modulePath, cwd);
    if (!adapter) {
      records.push(missing(choice.id, `@multiproc/${choice.id} is not installed`, found.runtime));
      continue;
    }
    const tsx =
      choice.id === "node" && /\.[mc]?tsx?$/.test(modulePath) ? resolveTsx(modulePath, cwd) : undefined;
    used.push({
      ...found.runtime,
      key: choice.key ?? choice.id,
      adapter,
      ...(tsx ? { tsx } : {}),
      argv: argvFor(choice.id),
    });
    records.push({ ...record(found.runtime), status: "used", adapter: `@multiproc/${choice.id}` });
  }
  // External cells alone are a run too (the demo with --runtimes python).
  if (used.length === 0 && !plan.external?.length) {
    throw new BenchFailure(
      `no runtime to run on: ${records.map((r) => r.reason).join("; ") || "none asked"}`,
    );
  }
  return { used, records };
}

const settingName = (s: BenchSetting) =>
  s.name ?? [s.mode, s.kind, s.workers].filter((x) => x !== null && x !== undefined).join("/");

function measured(
  key: string,
  runtime: BenchRuntimeId,
  version: string,
  w: { name: string },
  s: BenchSetting,
  items: number,
): MeasuredCell {
  return {
    id: `${key}/${w.name}/${settingName(s)}`,
    runtime,
    runtimeLabel: labels[runtime],
    runtimeVersion: version,
    mode: s.mode,
    kind: s.mode === "main" ? null : (s.kind ?? "thread"),
    workers: s.mode === "main" ? null : (s.workers ?? 1),
    items,
    runsMs: [],
    peaks: [],
    stats: null,
  };
}

function jsCell(
  runtime: KeyedRuntime,
  w: BenchWorkload,
  s: BenchSetting,
  modulePath: string,
  callsFile: string,
): Entry {
  const cell = measured(runtime.key, runtime.id, runtime.version, w, s, w.calls.length);
  const spec = specFor(runtime, {
    op: "run",
    mode: s.mode,
    kind: cell.kind,
    workers: cell.workers,
    module: pathToFileURL(modulePath).href,
    task: w.task,
    callsFile,
    single: w.calls.every((c) => c.length === 1),
    ...(s.concurrency ? { concurrency: s.concurrency } : {}),
    ...(s.chunksize ? { chunksize: s.chunksize } : {}),
  });
  const planned = { cell, runtime, script: childScript, spec, calls: w.calls, label: cell.id };
  return {
    planned: w.repetitions ? { ...planned, repetitions: w.repetitions } : planned,
    extra: { workload: w.name, key: runtime.key, setting: s },
  };
}

function externalCell(e: BenchExternalCell): Entry {
  const key = e.key ?? e.runtime;
  const cell = measured(key, e.runtime, e.version, { name: e.workload }, e.setting, e.items);
  const runtime: UsedRuntime = {
    id: e.runtime,
    label: labels[e.runtime],
    binary: e.binary,
    version: e.version,
    adapter: null,
    argv: () => e.argv,
  };
  const planned = { cell, runtime, script: "", spec: {}, label: cell.id };
  return {
    planned: e.repetitions ? { ...planned, repetitions: e.repetitions } : planned,
    extra: { workload: e.workload, key, setting: e.setting },
  };
}
