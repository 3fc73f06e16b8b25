// The article's first program: two Process objects, start, start, join, join; timed inside.

import { Process, readOptions, report, type Tasks, tasksModule } from "./multiproc.ts";
import type { ProgramOptions } from "./program-options.ts";

const { dir, kind } = readOptions<ProgramOptions>();

const start = performance.now();
const p1 = new Process<Tasks, "test">({
  module: tasksModule,
  target: "test",
  args: [`${dir}/sample1.txt`],
  kind,
});
const p2 = new Process<Tasks, "test">({
  module: tasksModule,
  target: "test",
  args: [`${dir}/sample2.txt`],
  kind,
});
p1.start();
p2.start();
await p1.join();
await p2.join();
const ms = performance.now() - start;
if (p1.exitCode !== 0 || p2.exitCode !== 0) throw new Error(`exit codes ${p1.exitCode}, ${p2.exitCode}`);
report({ ms });
