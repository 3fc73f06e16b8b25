// Reads the log the chaos tasks write: "L <pid> <worker>" when a worker has loaded the task
// module, "S <id> <pid> <worker>" when a task starts. It is the ground truth of what ran where.
import { readFileSync } from "node:fs";

/**
 * @typedef {object} StartLog
 * @property {Map<number, { pid: number, worker: string }[]>} starts  every start of each task id
 * @property {Set<number>} loadedPids   processes that loaded the task module
 * @property {Set<number>} taskPids     processes that started at least one task
 */

/** @returns {StartLog} */
export function readStartLog(file) {
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    // no worker got as far as loading the module
  }
  const starts = new Map();
  const loadedPids = new Set();
  const taskPids = new Set();
  for (const line of text.split("\n")) {
    const [tag, ...fields] = line.split(" ");
    if (tag === "L") loadedPids.add(Number(fields[0]));
    if (tag === "S") {
      const id = Number(fields[0]);
      const pid = Number(fields[1]);
      taskPids.add(pid);
      const list = starts.get(id) ?? [];
      list.push({ pid, worker: fields[2] });
      starts.set(id, list);
    }
  }
  return { starts, loadedPids, taskPids };
}
