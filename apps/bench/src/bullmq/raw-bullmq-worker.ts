// The raw BullMQ row's worker process: one bare BullMQ `Worker`, concurrency 1, answering the
// bench's tiny task with its return value. No multiproc code: what a BullMQ user would write.
//   node dist/bullmq/raw-bullmq-worker.js <queue>      (the Redis URL in MULTIPROC_REDIS_URL)
import { Worker } from "bullmq";
import { add } from "../tasks/bench-tasks.ts";

const [queue] = process.argv.slice(2);
const url = process.env.MULTIPROC_REDIS_URL;
if (!queue || !url) throw new Error("usage: raw-bullmq-worker.js <queue>, with MULTIPROC_REDIS_URL set");

const { hostname, port } = new URL(url);
const worker = new Worker(queue, async (job) => add(job.data), {
  connection: { host: hostname, port: Number(port) },
  concurrency: 1,
});
worker.on("error", (error) => console.error(`raw BullMQ worker: ${error.message}`));
await worker.waitUntilReady();
console.error(" serving "); // what startServing() waits for, as from multiproc-agent
process.once("SIGTERM", () => void worker.close().then(() => process.exit(0)));
// A measuring child that crashed leaves no worker behind: once it is gone, so is this.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && process.exit(0), 1000).unref();
