// The article's first program: two Process objects, start, start, join, join; timed inside.
import { options, Process, report } from "./multiproc.mjs";

const tasks = new URL("./tasks.mjs", import.meta.url);
const { dir, kind } = options;

const start = performance.now();
const p1 = new Process({ module: tasks, target: "test", args: [`${dir}/sample1.txt`], kind });
const p2 = new Process({ module: tasks, target: "test", args: [`${dir}/sample2.txt`], kind });
p1.start();
p2.start();
await p1.join();
await p2.join();
const ms = performance.now() - start;
if (p1.exitCode !== 0 || p2.exitCode !== 0) throw new Error(`exit codes ${p1.exitCode}, ${p2.exitCode}`);
report({ ms });
