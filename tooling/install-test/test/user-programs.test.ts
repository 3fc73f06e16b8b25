// A user's programs on every runtime and both worker kinds, run in the installed project: each
// imports its runtime's adapter by bare name (or @multiproc/auto, which must load that same
// adapter), prints what it saw as JSON, and must end by itself.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { binaryVersion, type Runtime, runtimes } from "@multiproc/runtimes";
import { describe, inject, it } from "vitest";
import { cleanEnv } from "./support/clean-env.ts";
import { realBinary } from "./support/real-binary.ts";
import { describeOutcome, type Outcome, runCommand } from "./support/run-command.ts";

const userProject = inject("userProject");
const kinds = ["thread", "process"] as const;

/** The runtime's version; a missing binary fails the test, never skips it. */
function versionOf(runtime: Runtime): string {
  const version = binaryVersion(runtime);
  if (version === null) {
    throw new Error(
      `${runtime.id}: no binary at ${runtime.binary}; run pnpm install (it brings every runtime)`,
    );
  }
  return version;
}

/** `<runtime>-app.mjs` (the adapter imported by name), or `auto-app.mjs` (through @multiproc/auto). */
type Via = "adapter" | "auto";

function runUserProgram(runtime: Runtime, via: Via, args: string[], timeoutMs: number): Promise<Outcome> {
  const script = via === "auto" ? "auto-app.mjs" : `${runtime.name}-app.mjs`;
  // the binary itself: the workspace's Bun shim exports NODE_PATH into the workspace, which Bun honours
  return runCommand(realBinary(runtime), runtime.argv(script, args), {
    cwd: userProject,
    env: cleanEnv(),
    timeoutMs,
  });
}

/** The program's JSON (its last line), after checking it ended by itself with code 0. */
function resultOf(outcome: Outcome): unknown {
  const message = describeOutcome(outcome);
  if (outcome.timedOut || outcome.code !== 0)
    throw new Error(`the program did not end by itself with code 0\n${message}`);
  const last = outcome.stdout.trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(last);
  } catch {
    throw new Error(`the program printed no JSON on its last line\n${message}`);
  }
}

// one concurrent block (vitest runs separate describe blocks one after another)
describe.concurrent("the installed packages in a user's programs", () => {
  for (const runtime of runtimes) {
    for (const via of ["adapter", "auto"] as const) {
      const importing = via === "auto" ? "@multiproc/auto" : `@multiproc/${runtime.name}`;
      // what auto-app.mjs adds: the adapter it loaded, and which of its exports were not that adapter's
      const viaAuto = via === "auto" ? { adapter: `@multiproc/${runtime.name}`, notTheAdapters: [] } : {};

      for (const kind of kinds) {
        it(`${runtime.id}, kind ${kind}, ${importing}: apply, map, imap, TypeScript tasks, errors, a Process, close and join`, async ({
          expect,
        }) => {
          const version = versionOf(runtime);
          const marker = join(userProject, `marker-${runtime.id}-${kind}-${via}.txt`);
          const outcome = await runUserProgram(runtime, via, ["scenario", kind, marker], 40_000);
          const here = `${runtime.name} ${version}`;
          expect(resultOf(outcome)).toEqual({
            ...viaAuto,
            runtime: here,
            apply: 49,
            map: [1, 4, 9, 16, 25],
            imap: [1, 4, 9, 16, 25, 36],
            worker: { runtime: here, samePid: kind === "thread" },
            error: { name: "RangeError", message: "bad input", isTaskError: true },
            afterError: 81,
            typescript: {
              area: 12,
              label: "3x4",
              error: { name: "ValidationError", message: "width -1 is not allowed", isTaskError: true },
            },
            process: { exitCode: 0, alive: false, marker: kind },
          });
          expect(await readFile(marker, "utf8")).toBe(kind);
        });
      }

      it(`${runtime.id}, ${importing}: a program that forgets close() still ends by itself`, async ({
        expect,
      }) => {
        versionOf(runtime);
        // generous (it takes about a second): an idle worker that keeps the program alive shows as a
        // timeout, not as slowness
        const outcome = await runUserProgram(runtime, via, ["forgets-close"], 30_000);
        expect(resultOf(outcome)).toEqual({ ...viaAuto, thread: 25, process: 36 });
      });
    }

    it(`${runtime.id}: @multiproc/core's entries give one copy of each name they share`, async ({
      expect,
    }) => {
      versionOf(runtime);
      const outcome = await runCommand(realBinary(runtime), runtime.argv("core-entries.mjs", []), {
        cwd: userProject,
        env: cleanEnv(),
        timeoutMs: 30_000,
      });
      const shared = resultOf(outcome) as Record<string, boolean>;
      // The talk objects (the root and /in-process), the framing (/adapter and /worker): each the same.
      expect(Object.keys(shared)).toEqual(expect.arrayContaining(["Queue", "Lock", "Value", "encodeFrame"]));
      expect(Object.entries(shared).filter(([, same]) => !same)).toEqual([]);
    });

    if (runtime.name === "deno") {
      it(`${runtime.id}: a program without --allow-read gets ModuleLoadError naming the flag`, async ({
        expect,
      }) => {
        versionOf(runtime);
        const outcome = await runCommand(realBinary(runtime), ["run", "deno-no-read.mjs"], {
          cwd: userProject,
          env: cleanEnv(),
          timeoutMs: 30_000,
        });
        const error = { name: "ModuleLoadError", namesTheFlag: true };
        expect(resultOf(outcome)).toEqual({ pool: error, process: error });
      });
    }
  }
});
