// A thread's own exit, told to the parent just before it happens: Bun's "close" event comes only
// once the worker's VM is torn down, about a millisecond later, and a Process's join() would wait
// for that. The bare floor (and Deno's threads) end at the last message; so do these.

/** What a thread entry sends just before it exits; not part of core's protocol. */
export interface ExitNotice {
  multiprocExit: number;
}

export function isExitNotice(message: unknown): message is ExitNotice {
  return typeof message === "object" && message !== null && "multiprocExit" in message;
}

/**
 * The code Bun ends a worker with for `process.exit(code)` (with no code: `process.exitCode`,
 * or 0), or undefined for a code it refuses by throwing: then no notice, the "close" event says.
 */
export function exitCodeOf(code: unknown, exitCode: unknown): number | undefined {
  const given = code === undefined ? (exitCode ?? 0) : code;
  const n = typeof given === "string" && /^-?\d+$/.test(given.trim()) ? Number(given) : given;
  return typeof n === "number" && Number.isInteger(n) ? n & 0xff : undefined;
}
