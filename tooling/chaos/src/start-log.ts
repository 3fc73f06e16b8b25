// Reads the log the chaos tasks write: "L <pid> <worker>" when a worker has loaded the task
// module, "S <id> <pid> <worker>" when a task starts. It is the ground truth of what ran where.
import { readFileSync } from "node:fs";

/** What the start log says. */
export interface StartLog {
  /** Every start of each task id. */
  starts: Map<number, { pid: number; worker: string }[]>;
  /** Processes that loaded the task module. */
  loadedPids: Set<number>;
  /** Processes that started at least one task. */
  taskPids: Set<number>;
}

/** The log in `file`; an empty one when no worker got as far as writing it. */
export function readStartLog(file: string): StartLog {
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    // no worker got as far as loading the module
  }
  const starts: StartLog["starts"] = new Map();
  const loadedPids = new Set<number>();
  const taskPids = new Set<number>();
  for (const line of text.split("\n")) {
    const [tag, ...fields] = line.split(" ");
    if (tag === "L") loadedPids.add(Number(fields[0]));
    if (tag === "S") {
      const id = Number(fields[0]);
      const pid = Number(fields[1]);
      taskPids.add(pid);
      const list = starts.get(id) ?? [];
      list.push({ pid, worker: fields[2] ?? "" });
      starts.set(id, list);
    }
  }
  return { starts, loadedPids, taskPids };
}
