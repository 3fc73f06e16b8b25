// What the chaos run submits: N tasks drawn from a weighted mix, each with its arguments, its
// per-call timeout or its abort schedule. The seed fixes the whole plan.
import { type Random, seededRandom } from "./random.ts";

/** The kinds of task a plan draws from. */
export type TaskType = "value" | "nap" | "fail" | "abortNap" | "exit" | "crash" | "timeout" | "abortSpin";

/**
 * How often each kind of task comes, in percent. Worker-ending kinds (exit, crash, timeout,
 * running aborts) are kept rare: each costs a worker start, the slow part of a run.
 */
export const mix: Record<TaskType, number> = {
  value: 42, // answers at once
  nap: 22, // sleeps 1–10 ms
  fail: 10, // throws an error of a chosen name
  abortNap: 12, // sleeps; aborted before it is sent, while queued, or while it runs
  exit: 3, // process.exit(k)
  crash: 3, // throws uncaught on a timer: the worker dies
  timeout: 5, // hangs; its per-call timeout fires
  abortSpin: 3, // spins for seconds; aborted early, so its worker must be replaced
};

/** The names the `fail` tasks throw with. */
export const errorNames = ["RangeError", "TypeError", "ChaosError"];

/** One task of the plan. */
export interface PlannedTask {
  id: number;
  type: TaskType;
  /** The export to call. */
  fn: string;
  args: unknown[];
  /** Per-call timeout, ms. */
  timeout?: number;
  /** Abort before submitting, right after, or after n ms. */
  abort?: "before" | "sync" | number;
}

/** The run's tasks, in submission order. */
export function planTasks(count: number, seed: number): PlannedTask[] {
  const random = seededRandom(seed);
  const tasks: PlannedTask[] = [];
  for (let id = 0; id < count; id++) tasks.push(planOne(id, random.weighted(mix), random));
  return tasks;
}

function planOne(id: number, type: TaskType, random: Random): PlannedTask {
  switch (type) {
    case "value":
      return { id, type, fn: "value", args: [id] };
    case "nap":
      return { id, type, fn: "nap", args: [id, random.int(1, 10)] };
    case "fail":
      return { id, type, fn: "fail", args: [id, random.pick(errorNames), `chaos task ${id} failed`] };
    case "abortNap":
      return { id, type, fn: "nap", args: [id, random.int(1, 15)], abort: abortMoment(random, 20) };
    case "exit":
      return { id, type, fn: "exitWith", args: [id, random.int(2, 99)] };
    case "crash":
      return { id, type, fn: "crashLater", args: [id] };
    case "timeout":
      return { id, type, fn: "hang", args: [id], timeout: random.int(15, 60) };
    case "abortSpin":
      return { id, type, fn: "spin", args: [id, 5_000], abort: abortMoment(random, 30) };
    default:
      throw new Error(`no plan for task type ${type}`);
  }
}

/** Mostly a random delay; sometimes already aborted, or aborted in the same tick as the call. */
function abortMoment(random: Random, maxMs: number): PlannedTask["abort"] {
  const roll = random.next();
  if (roll < 0.1) return "before";
  if (roll < 0.2) return "sync";
  return random.int(0, maxMs);
}
