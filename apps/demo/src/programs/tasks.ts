// The article's task, written as it writes it: open a file, write "hi" four times, close it.
import { closeSync, openSync, writeSync } from "node:fs";
import { writeFile } from "node:fs/promises";

export function test(fname: string): void {
  const f = openSync(fname, "w");
  writeSync(f, "hi");
  writeSync(f, "hi");
  writeSync(f, "hi");
  writeSync(f, "hi");
  closeSync(f);
}

/** Holds `mib` MiB for `ms` milliseconds: a task that takes real memory while it runs. */
export async function holdMemory(mib: number, ms: number): Promise<number | undefined> {
  const block = new Uint8Array(mib * 1024 * 1024);
  block.fill(1); // touch every page, so it counts in RSS
  await new Promise((resolve) => setTimeout(resolve, ms));
  return block[block.length - 1];
}

/** An I/O-bound task: waits `ms` (a remote call, a disk) around four awaited writes. */
export async function ioTask(fname: string, ms: number): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  await writeFile(fname, "hihihihi");
  return fname;
}
