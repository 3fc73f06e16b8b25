// Talk objects (Queue, Lock, Pipe, …) come to life in a worker only when a message carries them.
// Their classes and codec are most of a worker entry's code (about 70 of its 96 kB on Node), so
// they load on the first such message, not at every worker's start.

type Revive = typeof import("../talk/revive.ts");
let revive: Promise<Revive> | undefined;

/** The arguments with every talk object's wire form made live (see talk/revive.ts). */
export async function liveArgs(args: unknown[]): Promise<unknown[]> {
  revive ??= import("../talk/revive.ts");
  return (await revive).reviveArgs(args);
}
