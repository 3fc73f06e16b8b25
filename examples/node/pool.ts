// The article's Pool program on Node: the same files, each written by a task sent with
// applyAsync; then close() and join(), and print how long that took.
// Run: examples/node_modules/.bin/tsx examples/node/pool.ts
import { join } from "node:path";
import { Pool } from "@multiproc/node";
import { outputDir } from "../shared/output-dir.ts";

const tasks = new URL("../tasks.ts", import.meta.url);
const dir = await outputDir();
const files = ["sample1.txt", "sample2.txt"].map((name) => join(dir, name));

const start = performance.now();
// Typed by the task module: a wrong task name or argument is a compile error.
const pool = new Pool<typeof import("../tasks.ts")>({ module: tasks });
const results = files.map((file) => pool.applyAsync("writeHi", [file]));
pool.close(); // no more tasks; those sent still run
await pool.join(); // every accepted task is done and the workers have ended
const ms = performance.now() - start;

// get() rethrows a task's error (successful() alone would only say whether there was one).
for (const result of results) await result.get();
for (const file of files) console.log(`wrote ${file}`);
console.log(`a Pool of ${pool.options.workers} workers ran ${results.length} tasks in ${ms.toFixed(1)} ms`);
