// The article's Process program on Bun: one Process per file, each writing a short string to its
// file; start them all, join them all, print how long that took.
// Run: node_modules/.bin/bun examples/bun/process.ts
import { join } from "node:path";
import { Process } from "@multiproc/bun";
import { outputDir } from "../shared/output-dir.ts";

type Tasks = typeof import("../tasks.ts");
const tasks = new URL("../tasks.ts", import.meta.url);
const dir = await outputDir();
const files = ["sample1.txt", "sample2.txt"].map((name) => join(dir, name));

const start = performance.now();
const processes = files.map(
  (file) => new Process<Tasks, "writeHi">({ module: tasks, target: "writeHi", args: [file] }),
);
for (const p of processes) p.start();
for (const p of processes) await p.join();
const ms = performance.now() - start;

// exitCode is 0 on success and 1 when the task threw, as in Python.
if (processes.some((p) => p.exitCode !== 0)) throw new Error("a Process failed");
for (const file of files) console.log(`wrote ${file}`);
console.log(`${processes.length} Processes started and joined in ${ms.toFixed(1)} ms`);
