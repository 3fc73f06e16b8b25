// testPrograms(): whole programs, each its own process on the adapter's runtime, that must
// end by themselves with the expected output.
// Their code runs processes (node:child_process, node:fs) and loads only when the tests are
// collected, so that a page can import the kit for testAdapter() alone.
import { describe } from "vitest";
import type { ProgramsTarget } from "./target.ts";

export type { ProgramName, ProgramRuntime, ProgramsTarget } from "./target.ts";

/**
 * Registers, in the calling vitest file, tests that run small fixture programs with the adapter
 * on its runtime, once per kind: a pool never closed, results sent just before process.exit(),
 * process.exit() inside a task, terminate() against a task that holds on, initArgs that cannot
 * be cloned, a TypeScript task module. Each program must exit by itself (a hard timeout kills it
 * otherwise) and print the expected JSON.
 *
 * ```ts
 * testPrograms({ adapter: "@multiproc/node", runtime: { command: process.execPath }, kinds: ["thread", "process"] });
 * ```
 */
export function testPrograms(target: ProgramsTarget): void {
  describe(`${target.adapter} programs`, async () => {
    const [{ ProgramsContext }, { programTests }] = await Promise.all([
      import("./programs-context.ts"),
      import("./program-tests.ts"),
    ]);
    const ctx = new ProgramsContext(target);
    for (const kind of target.kinds) describe(`kind "${kind}"`, () => programTests(ctx, kind));
  });
}
