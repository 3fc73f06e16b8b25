// The task module of the chaos runs. Every chaos task takes its task id first and appends
// "S <id> <pid> <worker>" to the start log before doing anything else, so the driver can tell
// afterwards which tasks really started, where, and whether any started twice. Workers load its
// build, dist/tasks/chaos-tasks.js, on every runtime; globalThis.process because that is the
// object whose exit() the adapters wrap.
import { appendFileSync } from "node:fs";

const proc = globalThis.process;
const log = proc.env.CHAOS_LOG;
const worker = Math.random().toString(36).slice(2, 10);

/** One line per event; small appends to an O_APPEND file do not interleave. */
function note(line: string): void {
  if (log) appendFileSync(log, `${line}\n`);
}

note(`L ${proc.pid} ${worker}`);

function started(id: number): void {
  note(`S ${id} ${proc.pid} ${worker}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Answers at once. */
export function value(id: number): number {
  started(id);
  return id;
}

/** Answers after a short sleep. */
export async function nap(id: number, ms: number): Promise<number> {
  started(id);
  await sleep(ms);
  return id;
}

/** Throws an error of the given name. */
export function fail(id: number, name: string, message: string): never {
  started(id);
  const error = new Error(message);
  error.name = name;
  throw error;
}

/** Ends its worker with `code`. */
export function exitWith(id: number, code: number): void {
  started(id);
  proc.exit(code);
}

/** Throws outside the task's promise, on a timer: the worker dies of an uncaught error. */
export function crashLater(id: number): Promise<never> {
  started(id);
  setTimeout(() => {
    throw new Error(`chaos task ${id} crashed its worker`);
  }, 1);
  return new Promise(() => {});
}

/** Waits far longer than any run: only a timeout, an abort or a kill ends it. */
export async function hang(id: number): Promise<number> {
  started(id);
  await sleep(600_000);
  return id;
}

/** A synchronous loop: only replacing the worker stops it early. */
export function spin(id: number, ms: number): number {
  started(id);
  const end = Date.now() + ms;
  while (Date.now() < end) {}
  return id;
}

/** The after-the-storm check: no logging, just work. */
export const square = (x: number): number => x * x;
