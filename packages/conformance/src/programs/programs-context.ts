// What the program tests share: the target, the adapter's URL as its package name resolves in
// the adapter's package, scratch files, and the process groups of the programs started (killed
// after each test, so a failing test leaves no worker behind).
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { WorkerKind } from "@multiproc/core";
import { afterEach, it } from "vitest";
import { killGroup } from "./process-status.ts";
import { type ProgramRun, type RunningProgram, runProgram, startProgram } from "./run-program.ts";
import type { ProgramName, ProgramsTarget } from "./target.ts";

export class ProgramsContext {
  readonly timeout: number;
  readonly #adapterUrl: string;
  readonly #groups: number[] = [];
  readonly #files: string[] = [];

  constructor(readonly target: ProgramsTarget) {
    this.timeout = target.timeout ?? 30_000;
    const from = target.resolveFrom ?? join(process.cwd(), "package.json");
    this.#adapterUrl = pathToFileURL(createRequire(from).resolve(target.adapter)).href;
    afterEach(() => {
      for (const pid of this.#groups.splice(0)) killGroup(pid);
      for (const file of this.#files.splice(0)) rmSync(file, { force: true });
    });
  }

  /** Runs `fixtures/programs/<file>` with the kind and the adapter, then `args`. */
  async run(kind: WorkerKind, file: string, ...args: string[]): Promise<ProgramRun> {
    return runProgram(this.#launch(kind, file, args), (pid) => this.#groups.push(pid));
  }

  /** Starts `fixtures/programs/<file>` and returns while it runs (see run()). */
  start(kind: WorkerKind, file: string, ...args: string[]): RunningProgram {
    return startProgram(this.#launch(kind, file, args), (pid) => this.#groups.push(pid));
  }

  #launch(kind: WorkerKind, file: string, args: string[]) {
    const program = fileURLToPath(new URL(`../../fixtures/programs/${file}`, import.meta.url));
    const launch = { runtime: this.target.runtime, program, kind, adapterUrl: this.#adapterUrl, args };
    return { ...launch, timeout: this.timeout };
  }

  /** A path in the temporary directory, removed after the test. */
  scratch(name: string): string {
    const file = join(tmpdir(), `multiproc-${name}-${process.pid}-${Math.random().toString(36).slice(2)}`);
    this.#files.push(file);
    return file;
  }

  /** it(), or a skip that names the reason when the runtime cannot run that program. */
  it(program: ProgramName, name: string, fn: () => Promise<void>): void {
    const reason = this.target.unsupported?.[program];
    // The guard on the program is the one that should fire; vitest's only backs it up.
    const timeout = this.timeout + 10_000;
    if (reason) it.skip(`${name} [not applicable: ${reason}]`, fn, timeout);
    else it(name, fn, timeout);
  }
}
