// Temporary file paths for a suite's tests, each unique to its run and removed after every test.
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";

/** Registers the clean-up and returns `scratch(name)`: a fresh path under the temp folder. */
export function scratchFiles(): (name: string) => string {
  const files: string[] = [];
  afterEach(() => {
    for (const file of files.splice(0)) rmSync(file, { force: true });
  });
  return (name) => {
    const file = join(tmpdir(), `multiproc-${name}-${process.pid}-${Math.random().toString(36).slice(2)}`);
    files.push(file);
    return file;
  };
}
