// The machine the run is on, as docs/benchmarks.md describes it.
import { cpus, loadavg, release, totalmem, type } from "node:os";
import type { Machine } from "./results.ts";

export function describeMachine(loadStart: number): Machine {
  const cores = cpus();
  return {
    cpu: cores[0]?.model.trim() ?? "unknown CPU",
    cores: cores.length,
    ramGiB: totalmem() / 2 ** 30,
    os: `${type()} ${release()}`,
    loadStart,
    loadEnd: loadavg()[0] ?? 0,
  };
}

export const loadNow = (): number => loadavg()[0] ?? 0;
