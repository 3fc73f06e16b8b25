// The runtimes the demo can run on: the workspace's Node 20, Node 24, Deno and Bun, and python3
// for the reference row. A missing one gets one clear line and is left out.
import { execFileSync } from "node:child_process";
import type { BenchRuntimeChoice, BenchRuntimeId } from "@multiproc/bench";
import { binaryVersion, runtimes as workspaceRuntimes } from "@multiproc/runtimes";

export const runtimeIds = ["node20", "node24", "deno", "bun", "python"] as const;
export type RuntimeId = (typeof runtimeIds)[number];

const benchIds: Record<RuntimeId, BenchRuntimeId> = {
  node20: "node",
  node24: "node",
  deno: "deno",
  bun: "bun",
  python: "python",
};

const labels: Record<RuntimeId, string> = {
  node20: "Node",
  node24: "Node",
  deno: "Deno",
  bun: "Bun",
  python: "Python",
};

/** A runtime found on this machine, and how to run a script on it. */
export interface DemoRuntime {
  id: RuntimeId;
  /** The runtime as @multiproc/bench names it (both Nodes are "node"). */
  benchId: BenchRuntimeId;
  label: string;
  version: string;
  binary: string;
  command(script: string, args: string[]): [command: string, args: string[]];
}

export function findRuntimes(ids: readonly string[]): { available: DemoRuntime[]; missing: string[] } {
  const available: DemoRuntime[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    if (id === "python") {
      const version = pythonVersion();
      if (version)
        available.push({
          id,
          benchId: "python",
          label: labels.python,
          version,
          binary: "python3",
          command: (s, a) => ["python3", [s, ...a]],
        });
      else missing.push("python3 not found: the Python reference rows are left out");
      continue;
    }
    const runtime = workspaceRuntimes.find((r) => r.id === id);
    if (!runtime) throw new Error(`unknown runtime "${id}"; known: ${runtimeIds.join(", ")}`);
    const version = binaryVersion(runtime);
    if (version === null) {
      missing.push(`${id}: no binary at ${runtime.binary} (run pnpm install): its rows are left out`);
      continue;
    }
    available.push({
      id: runtime.id,
      benchId: benchIds[runtime.id],
      label: labels[runtime.id],
      version,
      binary: runtime.binary,
      command: (script, args) => [runtime.binary, runtime.argv(script, args)],
    });
  }
  return { available, missing };
}

function pythonVersion(): string | null {
  try {
    return /(\d+\.\d+\.\d+)/.exec(execFileSync("python3", ["--version"], { encoding: "utf8" }))?.[1] ?? null;
  } catch {
    return null;
  }
}

/** A JavaScript runtime as the engine takes it: its binary, and the demo's id to tell two Nodes apart. */
export function benchChoice(runtime: DemoRuntime): BenchRuntimeChoice {
  return { id: runtime.benchId as BenchRuntimeChoice["id"], path: runtime.binary, key: runtime.id };
}
