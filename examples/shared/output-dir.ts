// Where an example writes its files: the first argument, else $MULTIPROC_EXAMPLES_DIR, else a
// folder in the OS temp dir, so that running an example never litters the repository.
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import process from "node:process";

export async function outputDir(): Promise<string> {
  const given = process.argv[2] ?? process.env.MULTIPROC_EXAMPLES_DIR;
  const dir = resolve(given ?? join(tmpdir(), "multiproc-examples"));
  await mkdir(dir, { recursive: true });
  return dir;
}
