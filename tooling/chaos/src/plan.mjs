// What the chaos run submits: N tasks drawn from a weighted mix, each with its arguments, its
// per-call timeout or its abort schedule. The seed fixes the whole plan.
import { seededRandom } from "./random.mjs";

/**
 * How often each kind of task comes, in percent. Worker-ending kinds (exit, crash, timeout,
 * running aborts) are kept rare: each costs a worker start, the slow part of a run.
 */
export const mix = {
  value: 42, // answers at once
  nap: 22, // sleeps 1–10 ms
  fail: 10, // throws an error of a chosen name
  abortNap: 12, // sleeps; aborted before it is sent, while queued, or while it runs
  exit: 3, // process.exit(k)
  crash: 3, // throws uncaught on a timer: the worker dies
  timeout: 5, // hangs; its per-call timeout fires
  abortSpin: 3, // spins for seconds; aborted early, so its worker must be replaced
};

export const errorNames = ["RangeError", "TypeError", "ChaosError"];

/**
 * @typedef {object} PlannedTask
 * @property {number} id
 * @property {keyof typeof mix} type
 * @property {string} fn          the export to call
 * @property {unknown[]} args
 * @property {number} [timeout]   per-call timeout, ms
 * @property {"before" | "sync" | number} [abort]  abort before submitting, right after, or after n ms
 */

/** The run's tasks, in submission order. */
export function planTasks(count, seed) {
  const random = seededRandom(seed);
  /** @type {PlannedTask[]} */
  const tasks = [];
  for (let id = 0; id < count; id++) tasks.push(planOne(id, random.weighted(mix), random));
  return tasks;
}

function planOne(id, type, random) {
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
function abortMoment(random, maxMs) {
  const roll = random.next();
  if (roll < 0.1) return "before";
  if (roll < 0.2) return "sync";
  return random.int(0, maxMs);
}
