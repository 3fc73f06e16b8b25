// Scratch file paths for a suite's tests, each unique to its run and removed after every test,
// from the host's tools (only tests that declare "scratch" reach them).
import { afterEach } from "vitest";
import type { Context } from "../context.ts";

/** Registers the clean-up and returns `scratch(name)`: a fresh path from the host. */
export function scratchFiles(ctx: Context): (name: string) => string {
  const files: string[] = [];
  afterEach(async () => {
    for (const file of files.splice(0)) await ctx.files.remove(file);
  });
  return (name) => {
    const file = ctx.files.path(name);
    files.push(file);
    return file;
  };
}
