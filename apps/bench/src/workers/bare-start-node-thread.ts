// The Process-start floor on Node, kind thread: a bare worker_threads worker that runs the
// article's task on the file it was given and ends.
import { workerData } from "node:worker_threads";
import { writeHi } from "../tasks/bench-tasks.ts";

await writeHi(workerData as string);
