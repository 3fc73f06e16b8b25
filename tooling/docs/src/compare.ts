// Compares two folders file by file: what a fresh generation would change in the committed one.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** The relative paths where `actual` differs from `expected`, each with what is wrong, sorted. */
export async function differences(expected: string, actual: string): Promise<string[]> {
  const want = new Set(await listFiles(expected));
  const have = new Set(await listFiles(actual));
  const found: string[] = [];
  for (const file of want) {
    if (!have.has(file)) found.push(`${file}: missing`);
    else if (!(await readFile(join(expected, file))).equals(await readFile(join(actual, file))))
      found.push(`${file}: out of date`);
  }
  for (const file of have) if (!want.has(file)) found.push(`${file}: no longer generated`);
  return found.sort();
}
