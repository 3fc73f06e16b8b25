// Where @multiproc/bullmq is: installed, or beside apps/ in the workspace (apps/demo does not
// depend on it, so that a demo without --engine bullmq needs neither it nor Redis).
import { fileURLToPath } from "node:url";

/** The package's entry module URL and its agent bin's path. */
export async function findBullmq(): Promise<{ entry: string; bin: string }> {
  try {
    const entry = import.meta.resolve("@multiproc/bullmq");
    return { entry, bin: fileURLToPath(new URL("./bin.js", entry)) };
  } catch {
    // Built or not, this file is two folders under apps/demo: src/bullmq or dist/bullmq.
    const dist = new URL("../../../../packages/bullmq/dist/", import.meta.url);
    return { entry: new URL("index.js", dist).href, bin: fileURLToPath(new URL("bin.js", dist)) };
  }
}
